"""What the user marks while browsing: a star and free tags on an event or statement (the ``marks`` table)."""
from __future__ import annotations

import sqlite_utils


def is_starred(db: sqlite_utils.Database, item_type: str, item_id: int) -> bool:
    row = db.execute("SELECT starred FROM marks WHERE item_type = ? AND item_id = ?", [item_type, item_id]).fetchone()
    return bool(row and row[0])


def toggle_star(db: sqlite_utils.Database, item_type: str, item_id: int) -> bool:
    """Star the item, or unstar it if it was starred; returns whether it is starred now."""
    starred = not is_starred(db, item_type, item_id)
    with db.conn:
        db.execute("INSERT INTO marks (item_type, item_id, starred) VALUES (?, ?, ?) "
                   "ON CONFLICT(item_type, item_id) DO UPDATE SET starred = excluded.starred",
                   [item_type, item_id, int(starred)])
        _drop_if_empty(db, item_type, item_id)
    return starred


def tags(db: sqlite_utils.Database, item_type: str, item_id: int) -> list[str]:
    row = db.execute("SELECT tags FROM marks WHERE item_type = ? AND item_id = ?", [item_type, item_id]).fetchone()
    return split_tags(row[0]) if row and row[0] else []


def split_tags(text: str) -> list[str]:
    """"border, Talks ,border" -> ["border", "talks"]: trimmed, casefolded, no duplicates, no commas inside."""
    seen: list[str] = []
    for tag in text.split(","):
        tag = " ".join(tag.split()).casefold()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def set_tags(db: sqlite_utils.Database, item_type: str, item_id: int, new_tags: list[str]) -> list[str]:
    """Replace the item's tags; returns them as stored."""
    cleaned = split_tags(",".join(new_tags))
    with db.conn:
        db.execute("INSERT INTO marks (item_type, item_id, tags) VALUES (?, ?, ?) "
                   "ON CONFLICT(item_type, item_id) DO UPDATE SET tags = excluded.tags",
                   [item_type, item_id, ",".join(cleaned) or None])
        _drop_if_empty(db, item_type, item_id)
    return cleaned


def all_tags(db: sqlite_utils.Database) -> list[str]:
    found: set[str] = set()
    for (text,) in db.execute("SELECT tags FROM marks WHERE tags IS NOT NULL"):
        found.update(split_tags(text))
    return sorted(found)


def _drop_if_empty(db: sqlite_utils.Database, item_type: str, item_id: int) -> None:
    db.execute("DELETE FROM marks WHERE item_type = ? AND item_id = ? AND starred = 0 AND tags IS NULL",
               [item_type, item_id])
