"""Saving imports: each file all or nothing, idempotent by content.

A file whose bytes are unchanged since the last import is skipped. A changed file replaces its
documents: those whose text is the same keep their ids, the others are deleted with what they held.
Each file is saved in a savepoint, so a file that fails leaves nothing behind and takes nothing else with it;
an import puts many files in one transaction (``FileBatches``): a commit per file rewrote the same index
pages again and again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz, process

from importers.model import Document, Extraction


@dataclass
class SavedFile:
    documents_added: int = 0
    statements: int = 0
    events: int = 0


def document_key(source_path: str, text: str) -> str:
    return hashlib.sha256(f"{source_path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def is_unchanged(db: sqlite_utils.Database, source_path: str, digest: str) -> bool:
    row = db.execute("SELECT content_hash FROM sources WHERE path = ?", [source_path]).fetchone()
    return row is not None and row[0] == digest


_TITLE = re.compile(r"^(?:the|mr|mrs|ms|dr)\.?\s+")
_POSSESSIVE = re.compile(r"['’]s\b")
_PUNCTUATION = re.compile(r"[^\w\s-]")


def name_key(name: str) -> str:
    """The form two spellings of one name share: "Łucja Nowińska" and "Lucja Nowinska" -> "lucja nowinska"."""
    if name.isascii():  # most names: nothing to decompose
        folded = name.casefold()
    else:
        folded = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = _TITLE.sub("", folded)
    folded = _POSSESSIVE.sub("", folded)  # "Kestrel's defence ministry" is the Kestrel defence ministry
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


SAME_SURNAME = 85  # rapidfuzz ratio: Zelensky / Zelenskyy / Zelenskiy


def speaker_id(db: sqlite_utils.Database, name: str, kind: str | None) -> int:
    """The one speaker record for a person or institution across documents, found through its aliases.

    A person's full name also registers its surname, so "Zelensky" alone finds Volodymyr Zelensky; a new
    spelling of a known surname with a compatible given name ("Volodymyr Zelenskyy") joins that person; a
    full name arriving after a bare surname gives that record its full name. An ambiguous bare surname
    (two people share it) stays a record of its own.
    """
    alias = name_key(name) or name.casefold()
    row = db.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [alias]).fetchone()
    if row:
        return row[0]
    sid = _same_person(db, alias) if kind == "person" else None
    if sid is None:
        row = db.execute("SELECT id FROM speakers WHERE name = ?", [name]).fetchone()
        sid = row[0] if row else db.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)",
                                            [name, kind]).lastrowid
    elif " " in alias:
        current = db.execute("SELECT name FROM speakers WHERE id = ?", [sid]).fetchone()[0]
        if " " not in name_key(current) and not db.execute("SELECT 1 FROM speakers WHERE name = ?", [name]).fetchone():
            db.execute("UPDATE speakers SET name = ? WHERE id = ?", [name, sid])  # the full name is better
    db.execute("INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?, ?)", [alias, sid])
    if kind == "person" and " " in alias:
        db.execute("INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?, ?)",
                   [alias.split()[-1], sid])
    return sid


def _same_person(db: sqlite_utils.Database, alias: str) -> int | None:
    """A known person whose surname is spelt like this one's and whose given name (if both have one) fits;
    a record holding only a name this full name contains ("Jiang" for Jiang Bin, surname first) joins too."""
    parts = alias.split()
    matches = set()
    for k, token in enumerate([parts[-1]] + ([parts[0]] if len(parts) > 1 else [])):
        prefix = token[:4]
        # A ratio of 85 needs lengths within 0.74 to 1.35 times each other's.
        rows = db.execute("SELECT alias, speaker_id FROM speaker_aliases WHERE alias >= ? AND alias < ? "
                          "AND length(alias) BETWEEN ? AND ? AND instr(alias, ' ') = 0",
                          [prefix, prefix + "\uffff", int(len(token) * 0.73), int(len(token) * 1.36) + 1]).fetchall()
        # The spelling test in C over the whole range (it grows with the database), the rest on the few left.
        close = process.extract(token, [r[0] for r in rows], scorer=fuzz.ratio, score_cutoff=SAME_SURNAME,
                                limit=None)
        for _, _, index in close:
            sid = rows[index][1]
            row = db.execute("SELECT name FROM speakers WHERE id = ? AND kind = 'person'", [sid]).fetchone()
            if row is None:
                continue
            other_name = row[0]
            other_parts = name_key(other_name).split()
            if k == 1 and len(other_parts) > 1:
                continue  # a given name matches only a record that holds nothing else
            if len(parts) > 1 and len(other_parts) > 1 and fuzz.ratio(parts[0], other_parts[0]) < 80:
                continue  # Bill Clinton is not Hillary Clinton
            matches.add(sid)
    return matches.pop() if len(matches) == 1 else None


def save_file(db: sqlite_utils.Database, *, source_path: str, given_path: str, digest: str, format: str,
              encoding: str | None, warnings: list[str],
              results: Iterable[tuple[Document, Extraction]]) -> SavedFile:
    """Save one file's documents whole or not at all (a savepoint: its own transaction when none is open,
    else part of it, as in FileBatches). ``results`` may be a generator (a large JSONL file is
    read, extracted and saved as it streams); ``warnings`` may grow while it runs and are stored at the end."""
    saved = SavedFile()
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    conn = db.conn
    with _savepoint(conn):  # the whole file or nothing of it; its own transaction when none is open
        conn.execute(
            "INSERT INTO sources (path, given_path, content_hash, format, encoding, warnings, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET given_path = excluded.given_path, "
            "content_hash = excluded.content_hash, format = excluded.format, encoding = excluded.encoding, "
            "warnings = excluded.warnings, imported_at = excluded.imported_at",
            [source_path, given_path, digest, format, encoding, json.dumps(warnings) if warnings else None, now],
        )
        existing = dict(conn.execute("SELECT doc_key, id FROM documents WHERE source_path = ?", [source_path]))
        seen: set[str] = set()
        speakers: dict[tuple[str, str | None], int] = {}  # a file names its speakers again and again
        for doc, ex in results:
            key = document_key(source_path, doc.text) + f":{doc.source_index}"
            seen.add(key)
            if key in existing:
                continue
            doc_id = conn.execute(
                "INSERT INTO documents (doc_key, source, source_path, source_index, format, title, outlet, "
                "author, section, url, published, published_from, body_start, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [key, given_path, source_path, doc.source_index, doc.format, doc.title, doc.outlet, doc.author,
                 doc.section, doc.url, ex.published, ex.published_from, doc.body_start, doc.text],
            ).lastrowid
            saved.documents_added += 1
            statement_rows = []
            for st in ex.statements:
                sid = None
                if st.speaker:
                    sid = speakers.get((st.speaker, st.speaker_kind))
                    if sid is None:
                        sid = speakers[st.speaker, st.speaker_kind] = speaker_id(db, st.speaker, st.speaker_kind)
                statement_rows.append((doc_id, st.text, st.kind, sid, st.speaker_role, st.start, st.end,
                                       st.sentence_start, st.sentence_end, st.date, st.date_precision))
            conn.executemany(
                'INSERT INTO statements (document_id, text, kind, speaker_id, speaker_role, start, "end", '
                "sentence_start, sentence_end, date, date_precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement_rows,
            )
            conn.executemany(
                'INSERT INTO events (document_id, date, date_precision, date_text, date_start, date_end, text, '
                'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [(doc_id, e.date, e.date_precision, e.date_text, e.date_start, e.date_end, e.text, e.start, e.end)
                 for e in ex.events],
            )
            saved.statements += len(statement_rows)
            saved.events += len(ex.events)
        stale = [i for k, i in existing.items() if k not in seen]
        for doc_id in stale:
            conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        conn.execute("UPDATE sources SET warnings = ? WHERE path = ?",
                     [json.dumps(warnings) if warnings else None, source_path])
    return saved


@contextmanager
def _savepoint(conn: sqlite3.Connection):
    conn.execute("SAVEPOINT save_file")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO save_file")
        conn.execute("RELEASE save_file")
        raise
    conn.execute("RELEASE save_file")


class FileBatches:
    """Files saved in one transaction, committed every ``files`` files or ``seconds`` after its first save,
    and when the block ends (also on an error, after the failing file's own savepoint was rolled back: the
    files saved before it stay).

    The time bound is for other writers: the write lock is held from a batch's first save to its commit, and
    the files read and extracted in between (one core) would keep the browser from saving a star for seconds.
    A crash loses at most the files of the open batch, which the next import finds missing and reads again.
    """

    def __init__(self, db: sqlite_utils.Database, files: int = 500, seconds: float = 1.0):
        self.conn, self.files, self.seconds, self.pending = db.conn, files, seconds, 0
        self.opened = 0.0

    def __enter__(self) -> FileBatches:
        self.conn.execute("BEGIN")
        return self

    def saved(self) -> None:
        self.pending += 1
        now = time.monotonic()
        if self.pending == 1:
            self.opened = now
        if self.pending >= self.files or now - self.opened >= self.seconds:
            self.conn.commit()
            self.conn.execute("BEGIN")
            self.pending = 0

    def __exit__(self, *exc) -> None:
        self.conn.commit()


FULL_TEXT = {"documents": ("title", "text"), "statements": ("text", "speaker_role")}


def index_full_text(db: sqlite_utils.Database) -> int:
    """Put the documents and statements saved since the last call into their full-text indexes (what
    Datasette searches), in one batch; returns how many rows. Run after each import."""
    n = 0
    with db.conn:
        for table, columns in FULL_TEXT.items():
            cols = ", ".join(columns)
            n += db.execute(f"INSERT INTO {table}_fts (rowid, {cols}) SELECT t.rowid, {', '.join(f't.{c}' for c in columns)} "
                            f"FROM {table}_fts_pending p JOIN {table} t ON t.rowid = p.row_id").rowcount
            db.execute(f"DELETE FROM {table}_fts_pending")
    return n


def forget_missing_speakers(db: sqlite_utils.Database) -> None:
    """Speakers no statement refers to any more (after a changed file replaced its documents)."""
    with db.conn:
        db.execute("DELETE FROM speakers WHERE id NOT IN (SELECT speaker_id FROM statements "
                   "WHERE speaker_id IS NOT NULL)")
