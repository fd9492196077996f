"""The chronology: every event and statement in date order, paged by position (never by OFFSET).

``rebuild`` numbers the items densely after an import, from the first date the import touched; ``page``
reads a run of positions through the primary key, so reading row 900,000 costs what reading row 1 does.
Undated items sort last, in their own section; within a date, order follows the document and the place in
it, so it is stable across rebuilds.

A quote carried by several outlets (one quote cluster) can be read as one row: ``rebuild`` also numbers
densely the rows left when each cluster keeps only its earliest row (``collapsed_position``), so the
collapsed chronology pages through an index exactly as the full one does.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import repeat
from operator import add

import sqlite_utils

# Every item, or (the tail: ``_TAIL``) every item dated on or after :floor and every undated one (:floor
# NULL: only the undated), with what orders them. The whole chronology is read by scanning the tables; a tail
# through the date indexes.
_ITEMS = """
    SELECT 'event' AS item_type, e.id AS item_id, e.document_id, e.date, e.date_precision, e.start AS at,
           'event' AS kind, NULL AS cluster_id
    FROM events e WHERE {events}
    UNION ALL
    SELECT 'statement', s.id, s.document_id, s.date, s.date_precision, s.start, s.kind, s.cluster_id
    FROM statements s WHERE {statements}
    UNION ALL
    SELECT 'event', e.id, e.document_id, NULL, NULL, e.start, 'event', NULL FROM events e WHERE e.date IS NULL
"""
_ALL = {"events": "e.date IS NOT NULL", "statements": "1"}
_TAIL = {"events": "e.date >= :floor", "statements": "s.date >= :floor OR s.date IS NULL"}

# Undated items last; within a date, publication, then the document and the place in it (the item id only
# breaks exact ties, so a renumbering from the middle gives what a numbering from the start gives).
_INSERT_ITEMS = """
    INSERT INTO timeline (item_type, item_id, document_id, date, date_precision, kind, cluster_id, copies, outlets,
                          first_statement)
    SELECT item_type, item_id, i.document_id, i.date, i.date_precision, i.kind, c.cluster_id, c.copies, c.outlets,
           c.first_statement
    FROM ({items}) i JOIN documents d ON d.id = i.document_id
    LEFT JOIN temp.timeline_carried c ON c.cluster_id = i.cluster_id
    ORDER BY i.date IS NULL, i.date, d.published IS NULL, d.published, i.document_id, i.at, i.item_type, i.item_id
"""

# Quote clusters with more than one statement, among those to count (every one, or those in
# temp.timeline_recount): how many statements and outlets carry each, and which statement came first
# (earliest published, then lowest id, as the quote_clusters view says). Singletons, most of a database, are
# skipped through the cluster index before any document is read.
_CARRIED = """
    CREATE TEMP TABLE timeline_carried AS
    SELECT s.cluster_id, COUNT(*) AS copies, COUNT(DISTINCT COALESCE(d.outlet, d.source)) AS outlets,
           (SELECT s2.id FROM statements s2 JOIN documents d2 ON d2.id = s2.document_id
            WHERE s2.cluster_id = s.cluster_id
            ORDER BY d2.published IS NULL, d2.published, s2.id LIMIT 1) AS first_statement
    FROM statements s JOIN documents d ON d.id = s.document_id
    WHERE s.cluster_id IN (SELECT cluster_id FROM statements WHERE {clusters}
                           GROUP BY cluster_id HAVING COUNT(*) > 1)
    GROUP BY s.cluster_id
"""

# Statements whose quote cluster changed, or that moved between clusters, since the last numbering.
_RECOUNTED = """
    (s.cluster_id IN (SELECT cluster_id FROM timeline_changes WHERE cluster_id IS NOT NULL)
     OR s.id IN (SELECT item_id FROM timeline_changes WHERE item_type = 'statement'))
"""

# Whether a row is shown with copies collapsed: it carries no quote carried elsewhere, or it is the earliest
# row of its cluster. For a few rows, each cluster's rows are found through its statements: CROSS JOIN keeps
# SQLite on them (by their index), then their rows; before ANALYZE it chose to scan the timeline for each
# row (4 s at 20,000 rows). For the whole chronology, one pass groups every cluster's rows.
_SHOWN_ALL = ("(t.cluster_id IS NULL OR t.position IN "
              "(SELECT MIN(position) FROM timeline WHERE cluster_id IS NOT NULL GROUP BY cluster_id))")
_SHOWN = """
    (t.cluster_id IS NULL OR t.position = (
        SELECT MIN(t2.position) FROM statements s2 CROSS JOIN timeline t2
        ON t2.item_type = 'statement' AND t2.item_id = s2.id WHERE s2.cluster_id = t.cluster_id))
"""


def rebuild(db: sqlite_utils.Database, full: bool = False) -> int:
    """Bring the chronology up to date with what was written since it was last numbered; returns its length.

    Positions before the first date an import touched stay as they are: the rows from that date on are
    numbered again (new items slot in by date), and only the clusters whose copies changed are counted again
    (``timeline_changes``, filled by triggers, says what changed; rows added have ids above those
    ``timeline_numbered`` keeps). ``full``, an empty chronology or a
    document whose publication date or outlet changed numbers everything from the start. Either way the
    table is the one a numbering from scratch gives.
    """
    with db.conn:
        # Begun here, not by the first write: a numbering from scratch drops the timeline's indexes first, and
        # DDL outside a transaction is committed at once (interrupted, the table was left without them). The
        # write lock is taken now, as what is read next decides what is written.
        if not db.conn.in_transaction:
            db.execute("BEGIN IMMEDIATE")
        changes = db.execute("SELECT COUNT(*) FROM timeline_changes").fetchone()[0]
        total = count(db)
        added = _added(db)
        if not changes and all(last_id is None for last_id in added.values()) and not full:
            return total
        everything = full or not total or db.execute(
            "SELECT 1 FROM timeline_changes WHERE item_type = 'document' LIMIT 1").fetchone()
        if not everything:  # the rows added are changes like the others to a renumbering from the middle
            _note_added(db, added)
        _take_in(db, added)
        first, floor = (1, "") if everything else _first_touched(db, total)
        if first is not None and first <= total // 2:
            # Most of it to renumber: a tail costs twice what a row of the whole does (read through the date
            # indexes, deleted row by row), so the whole is numbered.
            first, floor = 1, ""
        _renumber(db, first, floor)
        db.execute("DELETE FROM timeline_changes")
    return count(db)


_ADDED = {"event": "events", "statement": "statements"}


def _added(db: sqlite_utils.Database) -> dict[str, int | None]:
    """For events and statements, the largest id the chronology took in, or None when no row was added since."""
    added = {}
    for item_type, last_id in db.execute("SELECT item_type, last_id FROM timeline_numbered"):
        table = _ADDED[item_type]
        added[item_type] = last_id if db.execute(f"SELECT 1 FROM {table} WHERE id > ? LIMIT 1",
                                                 [last_id]).fetchone() else None
    return added


def _note_added(db: sqlite_utils.Database, added: dict[str, int | None]) -> None:
    """The rows added since the last numbering, noted in timeline_changes as a trigger per row noted them
    before (one INSERT for all costs a fraction of a trigger program per row)."""
    for item_type, last_id in added.items():
        if last_id is not None:
            cluster = "cluster_id" if item_type == "statement" else "NULL"
            db.execute(f"INSERT INTO timeline_changes (item_type, item_id, moved, date, cluster_id) "
                       f"SELECT ?, id, 1, date, {cluster} FROM {_ADDED[item_type]} WHERE id > ?", [item_type, last_id])


def _take_in(db: sqlite_utils.Database, added: dict[str, int | None]) -> None:
    for item_type, last_id in added.items():
        if last_id is not None:
            db.execute(f"UPDATE timeline_numbered SET last_id = (SELECT coalesce(max(id), 0) FROM {_ADDED[item_type]}) "
                       "WHERE item_type = ?", [item_type])


def _first_touched(db: sqlite_utils.Database, total: int) -> tuple[int | None, str | None]:
    """The first position to number again and the date it starts (None: only the undated section), or
    (None, None) when no item was added, removed or re-dated (only clusters changed)."""
    floor = db.execute("SELECT MIN(date) FROM timeline_changes WHERE moved AND date IS NOT NULL").fetchone()[0]
    if floor is not None:
        # The run of the first date touched: everything before it keeps its place.
        first = db.execute("SELECT MIN(first_position) FROM timeline_runs WHERE date >= ? OR date IS NULL",
                           [floor]).fetchone()[0]
    elif db.execute("SELECT 1 FROM timeline_changes WHERE moved LIMIT 1").fetchone():
        first = db.execute("SELECT first_position FROM timeline_runs WHERE date IS NULL").fetchone()
        first = first[0] if first else None
    else:
        return None, None
    return first or total + 1, floor


def _renumber(db: sqlite_utils.Database, first: int | None, floor: str | None) -> None:
    """Number the rows from position ``first`` (items dated from ``floor``) again, count the changed clusters
    again, and bring the collapsed numbering and the date runs up to date from the first row they differ."""
    everything = first == 1
    moved = first is not None
    if everything:
        db.execute("DROP TABLE IF EXISTS temp.timeline_carried")
        db.execute(_CARRIED.format(clusters="cluster_id IS NOT NULL"))
    else:
        db.execute("DROP TABLE IF EXISTS temp.timeline_recount")
        db.execute("CREATE TEMP TABLE timeline_recount (cluster_id INTEGER PRIMARY KEY)")
        if moved:  # the clusters of every statement numbered again
            db.execute("INSERT OR IGNORE INTO temp.timeline_recount SELECT cluster_id FROM statements "
                       "WHERE (date >= :floor OR date IS NULL) AND cluster_id IS NOT NULL", {"floor": floor})
        db.execute("INSERT OR IGNORE INTO temp.timeline_recount "
                   "SELECT cluster_id FROM timeline_changes WHERE cluster_id IS NOT NULL")
        db.execute("DROP TABLE IF EXISTS temp.timeline_carried")
        db.execute(_CARRIED.format(clusters="cluster_id IN temp.timeline_recount"))
        db.execute("DROP TABLE temp.timeline_recount")
    db.execute("CREATE UNIQUE INDEX temp.timeline_carried_cluster ON timeline_carried(cluster_id)")
    indexes, stats = [], []
    if everything:
        # Its indexes made again once the rows are in: a third quicker than keeping them up to date through a
        # million inserts (7.1 -> 3.6 s inserting, 1.7 s indexing at 1M rows).
        indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'timeline' "
                             "AND sql IS NOT NULL").fetchall()
        # Their statistics (a database ANALYZE was run on) go with them: kept, so query plans stay the same.
        stats = db.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'timeline' AND idx IS NOT NULL").fetchall() \
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() else []
        for name, _ in indexes:
            db.execute(f"DROP INDEX {name}")
    if moved:
        # Emptied without a condition, the table is truncated at once rather than row by row.
        db.execute("DELETE FROM timeline" if everything else "DELETE FROM timeline WHERE position >= ?",
                   [] if everything else [first])
        # Positions go on from first - 1, the largest left.
        db.execute(_INSERT_ITEMS.format(items=_ITEMS.format(**(_ALL if everything else _TAIL))), {"floor": floor})
    collapsed_from = first if moved else count(db) + 1
    if not everything:
        # Rows before the renumbered ones whose cluster changed: their counts, and the first whose place in
        # the collapsed numbering changes (it became or stopped being its cluster's earliest row). Found from
        # the few statements concerned (CROSS JOIN: without statistics SQLite walked the timeline instead).
        before = first if moved else collapsed_from
        db.execute(
            "UPDATE timeline SET (cluster_id, copies, outlets, first_statement) = ("
            "  SELECT cc.cluster_id, cc.copies, cc.outlets, cc.first_statement FROM statements s "
            "  JOIN temp.timeline_carried cc ON cc.cluster_id = s.cluster_id WHERE s.id = timeline.item_id) "
            "WHERE position IN (SELECT t.position FROM statements s CROSS JOIN timeline t "
            f"  ON t.item_type = 'statement' AND t.item_id = s.id WHERE t.position < :before AND {_RECOUNTED})",
            {"before": before})
        changed = db.execute(
            "SELECT MIN(t.position) FROM statements s CROSS JOIN timeline t "
            "ON t.item_type = 'statement' AND t.item_id = s.id "
            f"WHERE t.position < :before AND {_RECOUNTED} AND (t.collapsed_position IS NOT NULL) != {_SHOWN}",
            {"before": before}).fetchone()[0]
        if changed is not None:
            collapsed_from = min(collapsed_from, changed)
    db.execute("DROP TABLE temp.timeline_carried")
    if collapsed_from <= count(db):
        # The collapsed numbering: dense over the rows shown, going on from the last one before.
        last = db.execute("SELECT collapsed_position FROM timeline WHERE position < ? "
                          "AND collapsed_position IS NOT NULL ORDER BY position DESC LIMIT 1",
                          [collapsed_from]).fetchone()
        if not everything:  # (a table numbered from scratch has none yet)
            db.execute("UPDATE timeline SET collapsed_position = NULL WHERE position >= ? "
                       "AND collapsed_position IS NOT NULL", [collapsed_from])
        db.execute("DROP TABLE IF EXISTS temp.timeline_shown")
        db.execute(f"CREATE TEMP TABLE timeline_shown AS SELECT position FROM timeline t "
                   f"WHERE position >= ? AND {_SHOWN_ALL if everything else _SHOWN} ORDER BY position",
                   [collapsed_from])
        db.execute("UPDATE timeline SET collapsed_position = s.rowid + ? FROM temp.timeline_shown s "
                   "WHERE s.position = timeline.position", [last[0] if last else 0])
        db.execute("DROP TABLE temp.timeline_shown")
    for _, sql in indexes:
        db.execute(sql)
    if indexes and stats:
        db.conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('timeline', ?, ?)", stats)
    if collapsed_from > count(db) and not moved:
        return  # no row moved, none changed its place among the collapsed rows: the runs stand too
    # The date runs from the one holding the first row that changed.
    start = db.execute("SELECT MAX(first_position) FROM timeline_runs WHERE first_position <= ?",
                       [collapsed_from]).fetchone()[0] or 1
    db.execute("DELETE FROM timeline_runs WHERE first_position >= ?", [start])
    # A tail is read from its first row, not by a walk of the whole date index (which suits the whole).
    rows = "timeline" if everything else "timeline NOT INDEXED"
    db.execute("INSERT INTO timeline_runs (first_position, first_collapsed, date) "
               f"SELECT MIN(position), MIN(collapsed_position), date FROM {rows} WHERE position >= ? GROUP BY date",
               [start])


def behind(db: sqlite_utils.Database) -> bool:
    """Whether something was written since the chronology was last numbered."""
    return db.execute("SELECT 1 FROM timeline_changes LIMIT 1").fetchone() is not None \
        or any(last_id is not None for last_id in _added(db).values())


def count(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT MAX(position) FROM timeline").fetchone()
    return row[0] or 0


def collapsed_count(db: sqlite_utils.Database) -> int:
    """Rows of the chronology with every carried quote at its earliest row only."""
    # The condition lets SQLite read the maximum from the partial index instead of scanning every row.
    row = db.execute("SELECT MAX(collapsed_position) FROM timeline WHERE collapsed_position IS NOT NULL").fetchone()
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
    cluster_id: int | None = None  # set when more than one statement carries the quote
    kind: str | None = None  # statement or phrase, for statements
    copies: int = 1  # how many statements carry the same words (wire copy in other outlets)
    outlets: int = 1  # how many outlets carried them
    first_outlet: str | None = None  # the outlet that carried the quote first (earliest published)
    first_published: str | None = None
    first_statement: int | None = None
    starred: bool = False
    tags: str | None = None
    published: str | None = None
    url: str | None = None
    nested: bool = False  # shown under its cluster's earliest row (a copy opened with it)

    @property
    def carried(self) -> bool:
        """More than one statement carries this quote: its copies can fold into one row."""
        return self.copies > 1


_PAGE = """
    SELECT t.position, t.item_type, t.item_id, t.document_id, t.date, t.date_precision,
           COALESCE(s.text, e.text), sp.name, s.speaker_role, d.outlet, d.title,
           COALESCE(s.start, e.start), COALESCE(s."end", e."end"), t.cluster_id, s.kind,
           COALESCE(t.copies, 1), COALESCE(t.outlets, 1), fd.outlet, fd.published, t.first_statement,
           COALESCE(m.starred, 0), m.tags, d.published, d.url
    FROM timeline t
    JOIN documents d ON d.id = t.document_id
    LEFT JOIN statements s ON t.item_type = 'statement' AND s.id = t.item_id
    LEFT JOIN events e ON t.item_type = 'event' AND e.id = t.item_id
    LEFT JOIN speakers sp ON sp.id = s.speaker_id
    LEFT JOIN statements fs ON fs.id = t.first_statement
    LEFT JOIN documents fd ON fd.id = fs.document_id
    LEFT JOIN marks m ON m.item_type = t.item_type AND m.item_id = t.item_id
"""


def page(db: sqlite_utils.Database, first: int, limit: int) -> list[TimelineRow]:
    """Rows at positions first, first+1, ... (positions start at 1)."""
    query = _PAGE + "WHERE t.position >= ? AND t.position < ? ORDER BY t.position"
    return [_row(row) for row in db.execute(query, [first, first + limit])]


def collapsed_page(db: sqlite_utils.Database, first: int, limit: int) -> list[TimelineRow]:
    """Rows at collapsed positions first, first+1, ... (through their index, as ``page`` through the key)."""
    query = _PAGE + "WHERE t.collapsed_position >= ? AND t.collapsed_position < ? ORDER BY t.collapsed_position"
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
    # One row per date in timeline_runs: a seek there, where MIN(position) over the timeline read every row
    # after the date (360 ms for a jump to the middle of a million rows).
    row = db.execute("SELECT first_position FROM timeline_runs WHERE date >= ? ORDER BY date LIMIT 1",
                     [date]).fetchone()
    return row[0] if row else None


def position_of(db: sqlite_utils.Database, item_type: str, item_id: int) -> int | None:
    row = db.execute("SELECT position FROM timeline WHERE item_type = ? AND item_id = ?",
                     [item_type, item_id]).fetchone()
    return row[0] if row else None


def cluster_positions(db: sqlite_utils.Database, cluster_id: int) -> list[int]:
    """Positions of every statement of a quote cluster, in chronology order."""
    return [r[0] for r in db.execute(
        "SELECT t.position FROM statements s JOIN timeline t ON t.item_type = 'statement' AND t.item_id = s.id "
        "WHERE s.cluster_id = ? ORDER BY t.position", [cluster_id])]


@dataclass
class Carried:
    """How far a quote travelled: the statements and outlets that carried it, and who had it first."""

    copies: int
    outlets: int
    first_statement: int
    first_outlet: str | None
    first_published: str | None


def carried(db: sqlite_utils.Database, statement_id: int) -> Carried | None:
    """None for a quote only one statement carries."""
    row = db.execute(
        "SELECT t.copies, t.outlets, t.first_statement, fd.outlet, fd.published FROM timeline t "
        "JOIN statements fs ON fs.id = t.first_statement JOIN documents fd ON fd.id = fs.document_id "
        "WHERE t.item_type = 'statement' AND t.item_id = ? AND t.copies > 1", [statement_id]).fetchone()
    return Carried(*row) if row else None


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
    """SELECT position, date, cluster_id of the rows a filter keeps, in order.

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
    sql = "SELECT t.position, t.date, t.cluster_id FROM timeline t " + " ".join(joins)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY t.position", args


class View:
    """A window onto the chronology: row n (0-based) of what the filters keep, and where each date begins.

    Unfiltered, row n is position n + 1 (or, with copies collapsed, collapsed position n + 1) and nothing
    is held in memory but the date boundaries (one per distinct date). Filtered, the kept positions are
    held in an array (8 bytes a row) and pages are read by primary key.

    Collapsed (the default), a quote carried by several outlets shows once, at the earliest row that
    carries it; ``toggle_copies`` opens such a row, showing its other copies right under it (``nested``
    rows). Rows are counted as shown: the "base" rows of the numbering plus the copies of open rows.
    """

    def __init__(self, db: sqlite_utils.Database, filters: Filters | None = None, collapse: bool = True) -> None:
        self.filters = filters or Filters()
        self.collapse = collapse
        self.total = count(db)
        self.positions: array | None = None
        self._numbering = "collapsed" if collapse else "position"
        self._base_starts: array = array("q")  # base row where each run of one date begins
        self.dates: list[str | None] = []  # the date of each run
        if self.filters.active():
            sql, args = _filtered_query(self.filters)
            self.positions = array("q")
            seen: set[int] = set()  # clusters already shown: one entry per carried quote kept
            previous: object = object()
            for position, date, cluster in db.execute(sql, args):
                if cluster is not None and collapse:
                    if cluster in seen:
                        continue
                    seen.add(cluster)
                if date != previous:
                    self._base_starts.append(len(self.positions))
                    self.dates.append(date)
                    previous = date
                self.positions.append(position)
            self.base_length = len(self.positions)
        else:
            self.base_length = collapsed_count(db) if collapse else self.total
            if collapse and self.base_length == self.total:
                self._numbering = "position"  # nothing is carried twice: the two numberings are one
            column = "first_collapsed" if self._numbering == "collapsed" else "first_position"
            # Both numberings follow the chronology: read in primary-key order, nothing to sort.
            for first, date in db.execute(f"SELECT {column}, date FROM timeline_runs WHERE {column} IS NOT NULL "
                                          "ORDER BY first_position"):
                self._base_starts.append(first - 1)
                self.dates.append(date)
        self._open: list[int] = []  # base rows shown open, ascending
        self._copies: list[list[int]] = []  # the positions of each open row's other copies
        self._open_positions: list[int] = []  # the position of each open row
        self._layout()

    @property
    def folded(self) -> int:
        """How many copies are out of sight, folded under their cluster's row (unfiltered views)."""
        return self.total - self.length if self.positions is None else 0

    # Base rows: the numbering itself ----------------------------------------------------------------------

    def _base_rows(self, db: sqlite_utils.Database, first: int, last: int) -> list[TimelineRow]:
        if self.positions is not None:
            return rows_at(db, list(self.positions[first:last]))
        if self._numbering == "collapsed":
            return collapsed_page(db, first + 1, last - first)
        return page(db, first + 1, last - first)

    def _base_row_of_position(self, db: sqlite_utils.Database, position: int) -> int | None:
        if self.positions is not None:
            n = bisect_left(self.positions, position)
            return n if n < self.base_length and self.positions[n] == position else None
        if self._numbering == "position":
            return position - 1 if 1 <= position <= self.base_length else None
        row = db.execute("SELECT collapsed_position FROM timeline WHERE position = ?", [position]).fetchone()
        return row[0] - 1 if row and row[0] is not None else None

    def _base_row_near_position(self, db: sqlite_utils.Database, position: int) -> int:
        if self.positions is not None:
            n = bisect_left(self.positions, position)
        elif self._numbering == "position":
            n = position - 1
        else:
            row = db.execute("SELECT collapsed_position FROM timeline WHERE position >= ? "
                             "AND collapsed_position IS NOT NULL ORDER BY position LIMIT 1", [position]).fetchone()
            n = row[0] - 1 if row else self.base_length - 1
        return max(0, min(n, self.base_length - 1))

    # Rows as shown: base rows with the copies of open rows under them -------------------------------------

    def _layout(self) -> None:
        """Where the open rows and their copies fall among the rows shown, and where each date begins."""
        self._open_rows = array("q")  # row shown for each open base row
        inserted = 0
        starts = self._base_starts[:bisect_right(self._base_starts, self._open[0])] if self._open \
            else self._base_starts
        for n, (base, copies) in enumerate(zip(self._open, self._copies)):
            self._open_rows.append(base + inserted)
            inserted += len(copies)
            # The runs between this open row and the next move down by every copy opened so far.
            upto = self._open[n + 1] if n + 1 < len(self._open) else self.base_length
            runs = self._base_starts[bisect_right(self._base_starts, base):bisect_right(self._base_starts, upto)]
            starts.extend(map(add, runs, repeat(inserted, len(runs))))
        self.length = self.base_length + inserted
        self.starts = starts

    def _shown_row(self, base: int) -> int:
        n = bisect_left(self._open, base)
        return base + (self._open_rows[n - 1] - self._open[n - 1] + len(self._copies[n - 1]) if n else 0)

    def _locate(self, row: int) -> tuple[int, int]:
        """(base row, copy) of a row shown: copy -1 is the base row itself, else an index into its copies."""
        n = bisect_right(self._open_rows, row) - 1
        if n < 0:
            return row, -1
        offset = row - self._open_rows[n]
        if offset <= len(self._copies[n]):
            return self._open[n], offset - 1
        return row - (self._open_rows[n] - self._open[n] + len(self._copies[n])), -1

    def rows(self, db: sqlite_utils.Database, first: int, limit: int) -> list[TimelineRow]:
        """Rows first .. first + limit - 1 of the view."""
        last = min(first + limit, self.length)
        if first >= last:
            return []
        if not self._open:
            return self._base_rows(db, first, last)
        wanted = [self._locate(n) for n in range(first, last)]
        bases = [base for base, copy in wanted if copy < 0]
        base_rows = dict(zip(range(bases[0], bases[-1] + 1), self._base_rows(db, bases[0], bases[-1] + 1))) \
            if bases else {}
        copy_positions = [self._copies[self._open.index(base)][copy] for base, copy in wanted if copy >= 0]
        copy_rows = {row.position: row for row in rows_at(db, sorted(copy_positions))}
        shown = []
        for base, copy in wanted:
            if copy < 0:
                row = base_rows.get(base)
            else:
                row = copy_rows.get(self._copies[self._open.index(base)][copy])
                if row is not None:
                    row.nested = True
            if row is not None:
                shown.append(row)
        return shown

    def is_open(self, position: int) -> bool:
        """Whether the row at this position is shown with its copies under it."""
        return position in self._open_positions

    def toggle_copies(self, db: sqlite_utils.Database, row: int) -> int | None:
        """Open a collapsed row (its other copies shown under it) or close it, from it or from one of its
        copies. Returns the row the cursor belongs on, None when there is nothing to open or close."""
        if not self.collapse or not 0 <= row < self.length:
            return None
        base, _ = self._locate(row)
        n = bisect_left(self._open, base)
        if n < len(self._open) and self._open[n] == base:
            del self._open[n], self._copies[n], self._open_positions[n]
            self._layout()
            return self._shown_row(base)
        (own,) = self._base_rows(db, base, base + 1)
        if own.cluster_id is None:
            return None
        copies = [p for p in cluster_positions(db, own.cluster_id) if p != own.position]
        if not copies:
            return None
        self._open.insert(n, base)
        self._copies.insert(n, copies)
        self._open_positions.insert(n, own.position)
        self._layout()
        return self._shown_row(base)

    def row_of_position(self, db: sqlite_utils.Database, position: int) -> int | None:
        """The view's row for a chronology position, None when the filters hide it or its row is folded."""
        base = self._base_row_of_position(db, position)
        if base is not None:
            return self._shown_row(base)
        for n, copies in enumerate(self._copies):
            if position in copies:
                return self._open_rows[n] + copies.index(position) + 1
        return None

    def reveal(self, db: sqlite_utils.Database, position: int) -> int | None:
        """The row showing a position, opening its cluster's row when it is a folded copy; None when the
        filters hide the whole cluster."""
        row = self.row_of_position(db, position)
        if row is not None or not self.collapse:
            return row
        cluster = db.execute("SELECT cluster_id FROM timeline WHERE position = ?", [position]).fetchone()
        if not cluster or cluster[0] is None:
            return None
        for other in cluster_positions(db, cluster[0]):
            shown = self.row_of_position(db, other)
            if shown is not None:
                self.toggle_copies(db, shown)
                return self.row_of_position(db, position)
        return None

    def row_on_or_after(self, date: str) -> int | None:
        """The first row dated on or after ``date`` (a prefix: "2023" means from 1 January 2023)."""
        n = bisect_left(self.dates, date, hi=self._dated_runs())
        return self.starts[n] if n < len(self.starts) and self.dates[n] is not None else None

    def _dated_runs(self) -> int:
        return len(self.dates) - (1 if self.dates and self.dates[-1] is None else 0)

    def row_near_position(self, db: sqlite_utils.Database, position: int) -> int:
        """The view's row for a position (its cluster opened when it is a folded copy), or the first row
        after it when the filters hide it."""
        row = self.reveal(db, position) if self.positions is None else self.row_of_position(db, position)
        if row is not None:
            return row
        return self._shown_row(self._base_row_near_position(db, position)) if self.length else 0


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
