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
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
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
PREFIX = 4  # letters two spellings of a surname must share at the start


def speaker_id(db: sqlite_utils.Database, name: str, kind: str | None) -> int:
    """The one speaker record for a person or institution across documents (see ``Speakers.id``)."""
    return Speakers(db).id(name, kind)


class Speakers:
    """The speakers and their aliases, held in memory for the length of an import: a name then costs dict
    look-ups instead of a few SQL queries (a third of the time saving a file took). Every write goes to the
    database as before, in the caller's transaction; the copy is read again when another connection committed
    (``PRAGMA data_version``) and dropped when a file's savepoint is rolled back (``forget``)."""

    def __init__(self, db: sqlite_utils.Database):
        self.conn = db.conn
        self.loaded = False
        self.version = 0

    def _load(self) -> None:
        self.version = self._data_version()
        self.alias_ids: dict[str, int] = dict(self.conn.execute("SELECT alias, speaker_id FROM speaker_aliases"))
        # One-word aliases by length, each list in code-point order (the UTF-8 byte order the alias index
        # keeps): the aliases of a length range under a prefix are a pair of bisections per length.
        self.one_word: dict[int, list[str]] = {}
        # One-word aliases of four letters or more by their first four and their length: what a surname of
        # that length is compared with, a look-up per length instead of two bisections.
        self.by_prefix: dict[tuple[str, int], list[str]] = {}
        for alias in sorted(a for a in self.alias_ids if " " not in a):
            self.one_word.setdefault(len(alias), []).append(alias)
            self._add_prefix(alias)
        self.records: dict[int, tuple[str, str | None]] = {
            sid: (name, kind) for sid, name, kind in self.conn.execute("SELECT id, name, kind FROM speakers")}
        self.by_name = {name: sid for sid, (name, _) in self.records.items()}
        self.known: dict[tuple[str, str | None], int] = {}  # names asked before: their answer
        self.name_words: dict[int, list[str]] = {}  # a record's name as name_key words, when compared
        self.loaded = True

    def _data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def check(self) -> None:
        """Drop the copy if another connection committed since it was read."""
        if self.loaded and self._data_version() != self.version:
            self.loaded = False

    def forget(self) -> None:
        """Drop the copy (what it holds may have been rolled back): read again when next asked."""
        self.loaded = False

    def id(self, name: str, kind: str | None) -> int:
        """The one speaker record for a person or institution across documents, found through its aliases.

        A person's full name also registers its surname, so "Zelensky" alone finds Volodymyr Zelensky; a new
        spelling of a known surname with a compatible given name ("Volodymyr Zelenskyy") joins that person; a
        full name arriving after a bare surname gives that record its full name. An ambiguous bare surname
        (two people share it) stays a record of its own.
        """
        if not self.loaded:
            self._load()
        sid = self.known.get((name, kind))
        if sid is None:
            sid = self.known[name, kind] = self._resolve(name, kind)
        return sid

    def _resolve(self, name: str, kind: str | None) -> int:
        alias = name_key(name) or name.casefold()
        sid = self.alias_ids.get(alias)
        if sid is not None:
            return sid
        sid = self._same_person(alias) if kind == "person" else None
        if sid is None:
            sid = self.by_name.get(name)
            if sid is None:
                sid = self.conn.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)", [name, kind]).lastrowid
                self.records[sid] = (name, kind)
                self.by_name[name] = sid
        elif " " in alias:
            current, current_kind = self.records[sid]
            if " " not in name_key(current) and name not in self.by_name:
                self.conn.execute("UPDATE speakers SET name = ? WHERE id = ?", [name, sid])  # the full name is better
                del self.by_name[current]
                self.by_name[name] = sid
                self.records[sid] = (name, current_kind)
                self.name_words.pop(sid, None)
        self._add_alias(alias, sid)
        if kind == "person" and " " in alias:
            self._add_alias(alias.split()[-1], sid)
        return sid

    def _add_alias(self, alias: str, sid: int) -> None:
        if alias in self.alias_ids:
            return  # the alias means someone already
        self.conn.execute("INSERT INTO speaker_aliases (alias, speaker_id) VALUES (?, ?)", [alias, sid])
        self.alias_ids[alias] = sid
        if " " not in alias:
            insort(self.one_word.setdefault(len(alias), []), alias)
            self._add_prefix(alias)

    def _add_prefix(self, alias: str) -> None:
        # (What the bisections found: the aliases from the prefix up to the prefix and U+FFFF.)
        if len(alias) >= PREFIX and alias < alias[:PREFIX] + "\uffff":
            self.by_prefix.setdefault((alias[:PREFIX], len(alias)), []).append(alias)

    def _same_person(self, alias: str) -> int | None:
        """A known person whose surname is spelt like this one's and whose given name (if both have one) fits;
        a record holding only a name this full name contains ("Jiang" for Jiang Bin, surname first) joins too."""
        parts = alias.split()
        matches = set()
        for k, token in enumerate([parts[-1]] + ([parts[0]] if len(parts) > 1 else [])):
            prefix = token[:PREFIX]
            # A ratio of 85 needs lengths within 0.74 to 1.35 times each other's.
            shortest, longest = int(len(token) * 0.73), int(len(token) * 1.36) + 1
            names = []
            if len(prefix) == PREFIX:
                for length in range(shortest, longest + 1):
                    names += self.by_prefix.get((prefix, length), ())
            else:  # a short name: the aliases under it, of each length
                for length in range(shortest, longest + 1):
                    same_length = self.one_word.get(length)
                    if same_length:
                        names += same_length[bisect_left(same_length, prefix):bisect_left(same_length, prefix + "\uffff")]
            # The spelling test in C over the whole range (it grows with the database), the rest on the few left.
            close = process.extract(token, names, scorer=fuzz.ratio, score_cutoff=SAME_SURNAME, limit=None)
            for _, _, index in close:
                sid = self.alias_ids[names[index]]
                other_name, other_kind = self.records[sid]
                if other_kind != "person":
                    continue
                other_parts = self.name_words.get(sid)
                if other_parts is None:
                    other_parts = self.name_words[sid] = name_key(other_name).split()
                if k == 1 and len(other_parts) > 1:
                    continue  # a given name matches only a record that holds nothing else
                if len(parts) > 1 and len(other_parts) > 1 and fuzz.ratio(parts[0], other_parts[0]) < 80:
                    continue  # Bill Clinton is not Hillary Clinton
                matches.add(sid)
        return matches.pop() if len(matches) == 1 else None


def save_file(db: sqlite_utils.Database, *, source_path: str, given_path: str, digest: str, format: str,
              encoding: str | None, warnings: list[str],
              results: Iterable[tuple[Document, Extraction]], speakers: Speakers | None = None) -> SavedFile:
    """Save one file's documents whole or not at all (a savepoint: its own transaction when none is open,
    else part of it, as in FileBatches). ``results`` may be a generator (a large JSONL file is
    read, extracted and saved as it streams); ``warnings`` may grow while it runs and are stored at the end.
    ``speakers``: the import's copy of the speakers (one is read for this file without it)."""
    saved = SavedFile()
    speakers = speakers or Speakers(db)
    speakers.check()
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    conn = db.conn
    stored_warnings = json.dumps(warnings) if warnings else None
    with _savepoint(conn, on_rollback=speakers.forget):  # the whole file or nothing; its own transaction when none is open
        conn.execute(
            "INSERT INTO sources (path, given_path, content_hash, format, encoding, warnings, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET given_path = excluded.given_path, "
            "content_hash = excluded.content_hash, format = excluded.format, encoding = excluded.encoding, "
            "warnings = excluded.warnings, imported_at = excluded.imported_at",
            [source_path, given_path, digest, format, encoding, stored_warnings, now],
        )
        existing = dict(conn.execute("SELECT doc_key, id FROM documents WHERE source_path = ?", [source_path]))
        seen: set[str] = set()
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
                sid = speakers.id(st.speaker, st.speaker_kind) if st.speaker else None
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
        if (json.dumps(warnings) if warnings else None) != stored_warnings:  # a streamed file's reading added some
            conn.execute("UPDATE sources SET warnings = ? WHERE path = ?",
                         [json.dumps(warnings) if warnings else None, source_path])
    return saved


@contextmanager
def _savepoint(conn: sqlite3.Connection, on_rollback: Callable[[], None]):
    conn.execute("SAVEPOINT save_file")
    try:
        yield
    except BaseException:
        on_rollback()
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
