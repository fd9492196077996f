"""The chronology: every event and statement in date order, paged by position (never by OFFSET).

``rebuild`` numbers the items densely after an import; ``page`` reads a run of positions through the
primary key, so reading row 900,000 costs what reading row 1 does. Undated items sort last, in their own
section; within a date, order follows the document and the place in it, so it is stable across rebuilds.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

import sqlite_utils

_ORDERED_ITEMS = """
    SELECT 'event' AS item_type, e.id AS item_id, e.document_id, e.date, e.date_precision, e.start AS at,
           'event' AS kind
    FROM events e WHERE e.date IS NOT NULL
    UNION ALL
    SELECT 'statement', s.id, s.document_id, s.date, s.date_precision, s.start, s.kind
    FROM statements s
    UNION ALL
    SELECT 'event', e.id, e.document_id, NULL, NULL, e.start, 'event' FROM events e WHERE e.date IS NULL
"""


def rebuild(db: sqlite_utils.Database) -> int:
    """Renumber the chronology; returns its length."""
    with db.conn:
        db.execute("DELETE FROM timeline")
        db.execute(
            "INSERT INTO timeline (item_type, item_id, document_id, date, date_precision, kind) "
            "SELECT item_type, item_id, i.document_id, i.date, i.date_precision, i.kind "
            f"FROM ({_ORDERED_ITEMS}) i JOIN documents d ON d.id = i.document_id "
            "ORDER BY i.date IS NULL, i.date, d.published IS NULL, d.published, i.document_id, i.at, "
            "i.item_type"
        )
        db.execute("DELETE FROM timeline_runs")
        db.execute("INSERT INTO timeline_runs (first_position, date) "
                   "SELECT MIN(position), date FROM timeline GROUP BY date")
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
    kind: str | None = None  # statement or phrase, for statements
    cluster_size: int = 1  # how many statements carry the same words (wire copy in other outlets)
    starred: bool = False
    tags: str | None = None
    published: str | None = None
    url: str | None = None


_PAGE = """
    SELECT t.position, t.item_type, t.item_id, t.document_id, t.date, t.date_precision,
           COALESCE(s.text, e.text), sp.name, s.speaker_role, d.outlet, d.title,
           COALESCE(s.start, e.start), COALESCE(s."end", e."end"), s.cluster_id, s.kind,
           CASE WHEN s.cluster_id IS NULL THEN 1
                ELSE (SELECT COUNT(*) FROM statements c WHERE c.cluster_id = s.cluster_id) END,
           COALESCE(m.starred, 0), m.tags, d.published, d.url
    FROM timeline t
    JOIN documents d ON d.id = t.document_id
    LEFT JOIN statements s ON t.item_type = 'statement' AND s.id = t.item_id
    LEFT JOIN events e ON t.item_type = 'event' AND e.id = t.item_id
    LEFT JOIN speakers sp ON sp.id = s.speaker_id
    LEFT JOIN marks m ON m.item_type = t.item_type AND m.item_id = t.item_id
"""


def page(db: sqlite_utils.Database, first: int, limit: int) -> list[TimelineRow]:
    """Rows at positions first, first+1, ... (positions start at 1)."""
    query = _PAGE + "WHERE t.position >= ? AND t.position < ? ORDER BY t.position"
    return [_row(row) for row in db.execute(query, [first, first + limit])]


def rows_at(db: sqlite_utils.Database, positions: list[int]) -> list[TimelineRow]:
    """Rows at the given positions (a page of a filtered view), in position order."""
    if not positions:
        return []
    marks = ",".join("?" * len(positions))
    query = _PAGE + f"WHERE t.position IN ({marks}) ORDER BY t.position"
    return [_row(row) for row in db.execute(query, positions)]


def _row(values: tuple) -> TimelineRow:
    row = TimelineRow(*values)
    row.starred = bool(row.starred)
    return row


def position_on_or_after(db: sqlite_utils.Database, date: str) -> int | None:
    """The first position whose date is on or after ``date`` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    row = db.execute("SELECT MIN(position) FROM timeline WHERE date >= ?", [date]).fetchone()
    return row[0]


def position_of(db: sqlite_utils.Database, item_type: str, item_id: int) -> int | None:
    row = db.execute("SELECT position FROM timeline WHERE item_type = ? AND item_id = ?",
                     [item_type, item_id]).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class Filters:
    """What a view of the chronology keeps. Dates are prefixes: "2023", "2023-04", "2023-04-16"."""

    date_from: str | None = None
    date_to: str | None = None
    speaker: str | None = None  # exact speaker name
    outlet: str | None = None
    kind: str | None = None  # "event", "statement" or "phrase"
    starred: bool = False
    tag: str | None = None

    def active(self) -> bool:
        return any((self.date_from, self.date_to, self.speaker, self.outlet, self.kind, self.starred, self.tag))

    def describe(self) -> list[str]:
        """One short label per active filter, for the header."""
        labels = []
        if self.date_from or self.date_to:
            labels.append(f"{self.date_from or '…'}..{self.date_to or '…'}")
        if self.speaker:
            labels.append(f"speaker: {self.speaker}")
        if self.outlet:
            labels.append(f"outlet: {self.outlet}")
        if self.kind:
            labels.append(f"kind: {self.kind}")
        if self.starred:
            labels.append("starred")
        if self.tag:
            labels.append(f"tag: {self.tag}")
        return labels


def _filtered_query(filters: Filters) -> tuple[str, list]:
    """SELECT position, date of the rows a filter keeps, in order.

    A speaker filter drives the query from the statements table (through its speaker index) with inner
    joins, so "one speaker" over a million rows reads that speaker's rows, not every row; the kind is a
    column of the timeline itself, so "only quotes" reads no other table.
    """
    joins, where, args = [], [], []
    if filters.speaker:
        joins.append("JOIN statements s ON t.item_type = 'statement' AND s.id = t.item_id")
        joins.append("JOIN speakers sp ON sp.id = s.speaker_id")
        where.append("sp.name = ?")
        args.append(filters.speaker)
    if filters.kind:
        where.append("t.kind = ?")
        args.append(filters.kind)
    if filters.outlet:
        joins.append("JOIN documents d ON d.id = t.document_id")
        where.append("d.outlet = ?")
        args.append(filters.outlet)
    if filters.starred or filters.tag:
        joins.append("JOIN marks m ON m.item_type = t.item_type AND m.item_id = t.item_id")
    if filters.starred:
        where.append("m.starred = 1")
    if filters.tag:
        where.append("(',' || m.tags || ',') LIKE ?")
        args.append(f"%,{filters.tag},%")
    if filters.date_from:
        where.append("t.date >= ?")
        args.append(filters.date_from)
    if filters.date_to:
        where.append("t.date <= ?")
        args.append(filters.date_to + "~")  # "~" sorts after digits and "-": the whole day, month or year
    sql = "SELECT t.position, t.date FROM timeline t " + " ".join(joins)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY t.position", args


class View:
    """A window onto the chronology: row n (0-based) of what the filters keep, and where each date begins.

    Unfiltered, row n is position n + 1 and nothing is held in memory but the date boundaries (one per
    distinct date). Filtered, the kept positions are held in an array (8 bytes a row) and pages are read
    by primary key.
    """

    def __init__(self, db: sqlite_utils.Database, filters: Filters | None = None) -> None:
        self.filters = filters or Filters()
        self.total = count(db)
        self.positions: array | None = None
        self.starts: array = array("q")  # row number where each run of one date begins
        self.dates: list[str | None] = []  # the date of each run
        if self.filters.active():
            sql, args = _filtered_query(self.filters)
            self.positions = array("q")
            previous: object = object()
            for n, (position, date) in enumerate(db.execute(sql, args)):
                self.positions.append(position)
                if date != previous:
                    self.starts.append(n)
                    self.dates.append(date)
                    previous = date
            self.length = len(self.positions)
        else:
            for first, date in db.execute("SELECT first_position, date FROM timeline_runs ORDER BY first_position"):
                self.starts.append(first - 1)
                self.dates.append(date)
            self.length = self.total

    def position(self, row: int) -> int:
        return self.positions[row] if self.positions is not None else row + 1

    def rows(self, db: sqlite_utils.Database, first: int, limit: int) -> list[TimelineRow]:
        """Rows first .. first + limit - 1 of the view."""
        last = min(first + limit, self.length)
        if first >= last:
            return []
        if self.positions is None:
            return page(db, first + 1, last - first)
        return rows_at(db, list(self.positions[first:last]))

    def row_of_position(self, position: int) -> int | None:
        """The view's row for a chronology position, None when the filters hide it."""
        if self.positions is None:
            return position - 1 if 1 <= position <= self.length else None
        n = bisect_left(self.positions, position)
        return n if n < self.length and self.positions[n] == position else None

    def row_on_or_after(self, date: str) -> int | None:
        """The first row dated on or after ``date`` (a prefix: "2023" means from 1 January 2023)."""
        n = bisect_left(self.dates, date, hi=self._dated_runs())
        return self.starts[n] if n < len(self.starts) and self.dates[n] is not None else None

    def _dated_runs(self) -> int:
        return len(self.dates) - (1 if self.dates and self.dates[-1] is None else 0)

    def row_near_position(self, position: int) -> int:
        """The view's row for a position, or the first row after it when the filters hide it."""
        if self.positions is None:
            return max(0, min(position - 1, self.length - 1))
        return max(0, min(bisect_left(self.positions, position), self.length - 1))


# What the browser shows beside a row: search results and the source of an item ------------------------------

@dataclass
class QuoteCard:
    """A statement as a search result shows it."""

    statement_id: int
    text: str
    speaker: str | None
    speaker_role: str | None
    date: str | None
    date_precision: str | None
    outlet: str | None
    published: str | None
    outlets: int  # how many outlets carried the same words (its cluster), at least its own
    matches: list[tuple[int, int]] = field(default_factory=list)  # spans of text the query matched


_CARDS = """
    SELECT s.id, s.text, sp.name, s.speaker_role, s.date, s.date_precision, d.outlet, d.published,
           CASE WHEN s.cluster_id IS NULL THEN 1 ELSE
               (SELECT COUNT(DISTINCT COALESCE(d2.outlet, d2.id)) FROM statements s2
                JOIN documents d2 ON d2.id = s2.document_id WHERE s2.cluster_id = s.cluster_id) END
    FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN speakers sp ON sp.id = s.speaker_id
"""


def quote_cards(db: sqlite_utils.Database, statement_ids: list[int]) -> list[QuoteCard]:
    """Cards for these statements, in the order given (ids that no longer exist are left out)."""
    if not statement_ids:
        return []
    marks = ",".join("?" * len(statement_ids))
    found = {row[0]: QuoteCard(*row) for row in db.execute(_CARDS + f" WHERE s.id IN ({marks})", statement_ids)}
    return [found[i] for i in statement_ids if i in found]


@dataclass
class SourceDocument:
    document_id: int
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    source: str
    text: str
    quotes: list[tuple[int, int, int]]  # (start, end, statement id) of every statement, in text order


def item_span(db: sqlite_utils.Database, item_type: str, item_id: int) -> tuple[int, int, int] | None:
    """(document id, start, end) of an event or statement."""
    table = "statements" if item_type == "statement" else "events"
    return db.execute(f'SELECT document_id, start, "end" FROM {table} WHERE id = ?', [item_id]).fetchone()


def source_document(db: sqlite_utils.Database, document_id: int) -> SourceDocument:
    row = db.execute("SELECT id, title, outlet, author, published, url, source, text FROM documents WHERE id = ?",
                     [document_id]).fetchone()
    quotes = [tuple(q) for q in db.execute(
        'SELECT start, "end", id FROM statements WHERE document_id = ? ORDER BY start, id', [document_id])]
    return SourceDocument(*row, quotes=quotes)


def speaker_of(db: sqlite_utils.Database, statement_id: int) -> tuple[str | None, str | None]:
    row = db.execute("SELECT sp.name, s.speaker_role FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id "
                     "WHERE s.id = ?", [statement_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def speakers(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM speakers ORDER BY name")]


def outlets(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet")]
