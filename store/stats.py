"""Counts that describe a database."""
from __future__ import annotations

import sqlite_utils


def stats(db: sqlite_utils.Database) -> dict:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "files": one("SELECT COUNT(*) FROM sources"),
        "documents": one("SELECT COUNT(*) FROM documents"),
        "documents_dated": one("SELECT COUNT(*) FROM documents WHERE published IS NOT NULL"),
        "statements": one("SELECT COUNT(*) FROM statements"),
        "statements_attributed": one("SELECT COUNT(*) FROM statements WHERE speaker_id IS NOT NULL"),
        "speakers": one("SELECT COUNT(*) FROM speakers"),
        "events": one("SELECT COUNT(*) FROM events"),
        "events_dated": one("SELECT COUNT(*) FROM events WHERE date IS NOT NULL"),
        "outlets": one("SELECT COUNT(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
        "first_date": one("SELECT MIN(date) FROM timeline"),
        "last_date": one("SELECT MAX(date) FROM timeline"),
    }
