"""Saving imports: one transaction per file, idempotent by content.

A file whose bytes are unchanged since the last import is skipped. A changed file replaces its
documents: those whose text is the same keep their ids, the others are deleted with what they held.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import sqlite_utils

from importers.model import Document, Extraction


@dataclass
class SavedFile:
    documents_added: int = 0
    documents_kept: int = 0
    documents_removed: int = 0
    statements: int = 0
    events: int = 0


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_key(source_path: str, text: str) -> str:
    return hashlib.sha256(f"{source_path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def is_unchanged(db: sqlite_utils.Database, source_path: str, digest: str) -> bool:
    row = db.execute("SELECT content_hash FROM sources WHERE path = ?", [source_path]).fetchone()
    return row is not None and row[0] == digest


def speaker_id(db: sqlite_utils.Database, name: str, kind: str | None) -> int:
    """The one speaker record for a name, found through its aliases, created when new."""
    alias = " ".join(name.casefold().split())
    row = db.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [alias]).fetchone()
    if row:
        return row[0]
    row = db.execute("SELECT id FROM speakers WHERE name = ?", [name]).fetchone()
    if row:
        sid = row[0]
    else:
        sid = db.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)", [name, kind]).lastrowid
    db.execute("INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id) VALUES (?, ?)", [alias, sid])
    return sid


def save_file(db: sqlite_utils.Database, *, source_path: str, given_path: str, digest: str, format: str,
              encoding: str | None, warnings: list[str],
              results: list[tuple[Document, Extraction]]) -> SavedFile:
    saved = SavedFile()
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    conn = db.conn
    with conn:  # one transaction for the whole file
        conn.execute(
            "INSERT INTO sources (path, given_path, content_hash, format, encoding, warnings, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET given_path = excluded.given_path, "
            "content_hash = excluded.content_hash, format = excluded.format, encoding = excluded.encoding, "
            "warnings = excluded.warnings, imported_at = excluded.imported_at",
            [source_path, given_path, digest, format, encoding, json.dumps(warnings) if warnings else None, now],
        )
        existing = dict(conn.execute("SELECT doc_key, id FROM documents WHERE source_path = ?", [source_path]))
        keys = [document_key(source_path, doc.text) + f":{doc.source_index}" for doc, _ in results]
        stale = [i for k, i in existing.items() if k not in set(keys)]
        for doc_id in stale:
            conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        saved.documents_removed = len(stale)
        for key, (doc, ex) in zip(keys, results):
            if key in existing:
                saved.documents_kept += 1
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
                sid = speaker_id(db, st.speaker, st.speaker_kind) if st.speaker else None
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
    return saved


def forget_missing_speakers(db: sqlite_utils.Database) -> None:
    """Speakers no statement refers to any more (after a changed file replaced its documents)."""
    with db.conn:
        db.execute("DELETE FROM speakers WHERE id NOT IN (SELECT speaker_id FROM statements "
                   "WHERE speaker_id IS NOT NULL)")
