"""The chronology: every event and statement in date order, paged by position (never by OFFSET).

``rebuild`` numbers the items densely after an import; ``page`` reads a run of positions through the
primary key, so reading row 900,000 costs what reading row 1 does. Undated items sort last, in their own
section; within a date, order follows the document and the place in it, so it is stable across rebuilds.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

_ORDERED_ITEMS = """
    SELECT 'event' AS item_type, e.id AS item_id, e.document_id, e.date, e.date_precision, e.start AS at
    FROM events e WHERE e.date IS NOT NULL
    UNION ALL
    SELECT 'statement', s.id, s.document_id, s.date, s.date_precision, s.start
    FROM statements s
    UNION ALL
    SELECT 'event', e.id, e.document_id, NULL, NULL, e.start FROM events e WHERE e.date IS NULL
"""


def rebuild(db: sqlite_utils.Database) -> int:
    """Renumber the chronology; returns its length."""
    with db.conn:
        db.execute("DELETE FROM timeline")
        db.execute(
            "INSERT INTO timeline (item_type, item_id, document_id, date, date_precision) "
            "SELECT item_type, item_id, i.document_id, i.date, i.date_precision "
            f"FROM ({_ORDERED_ITEMS}) i JOIN documents d ON d.id = i.document_id "
            "ORDER BY i.date IS NULL, i.date, d.published IS NULL, d.published, i.document_id, i.at, "
            "i.item_type"
        )
    return count(db)


def count(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT MAX(position) FROM timeline").fetchone()
    return row[0] or 0


@dataclass
class TimelineRow:
    position: int
    item_type: str  # "event" or "statement"
    item_id: int
    document_id: int
    date: str | None
    date_precision: str | None
    text: str
    speaker: str | None
    speaker_role: str | None
    outlet: str | None
    title: str | None
    start: int
    end: int
    cluster_id: int | None = None


_PAGE = """
    SELECT t.position, t.item_type, t.item_id, t.document_id, t.date, t.date_precision,
           COALESCE(s.text, e.text), sp.name, s.speaker_role, d.outlet, d.title,
           COALESCE(s.start, e.start), COALESCE(s."end", e."end"), s.cluster_id
    FROM timeline t
    JOIN documents d ON d.id = t.document_id
    LEFT JOIN statements s ON t.item_type = 'statement' AND s.id = t.item_id
    LEFT JOIN events e ON t.item_type = 'event' AND e.id = t.item_id
    LEFT JOIN speakers sp ON sp.id = s.speaker_id
    WHERE t.position >= ? AND t.position < ?
    ORDER BY t.position
"""


def page(db: sqlite_utils.Database, first: int, limit: int) -> list[TimelineRow]:
    """Rows at positions first, first+1, ... (positions start at 1)."""
    return [TimelineRow(*row) for row in db.execute(_PAGE, [first, first + limit])]


def position_on_or_after(db: sqlite_utils.Database, date: str) -> int | None:
    """The first position whose date is on or after ``date`` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    row = db.execute("SELECT MIN(position) FROM timeline WHERE date >= ?", [date]).fetchone()
    return row[0]


def position_of(db: sqlite_utils.Database, item_type: str, item_id: int) -> int | None:
    row = db.execute("SELECT position FROM timeline WHERE item_type = ? AND item_id = ?",
                     [item_type, item_id]).fetchone()
    return row[0] if row else None
