"""A ready-to-paste citation for a statement or event: the words, who said them, where and when, the link.

Plain text by default; Markdown on request. Built from what is stored, never invented: a missing speaker,
outlet, date or URL is left out rather than guessed.
"""
from __future__ import annotations

import calendar

import sqlite_utils

from store.dates import date_label

_STATEMENT = """
    SELECT s.text, sp.name, s.speaker_role, d.outlet, d.title, d.author, d.published, d.url, s.date, s.date_precision
    FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN speakers sp ON sp.id = s.speaker_id
    WHERE s.id = ?
"""
_EVENT = """
    SELECT e.text, NULL, NULL, d.outlet, d.title, d.author, d.published, d.url, e.date, e.date_precision
    FROM events e JOIN documents d ON d.id = e.document_id WHERE e.id = ?
"""


def long_date(value: str | None) -> str | None:
    """"2023-04-24" -> "24 April 2023", "2023-04" -> "April 2023", "2023" -> "2023"."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return value


def citation(db: sqlite_utils.Database, item_type: str, item_id: int, markdown: bool = False) -> str | None:
    """The citation for an item, or None when it no longer exists."""
    row = db.execute(_STATEMENT if item_type == "statement" else _EVENT, [item_id]).fetchone()
    if row is None:
        return None
    text, speaker, role, outlet, title, author, published, url, date, precision = row
    text = " ".join(text.split())
    words = f"“{text}”" if item_type == "statement" else text
    who = ", ".join(x for x in (speaker, role) if x)
    source = outlet or title
    # Without a publication date, the item's own date, at its precision ("Q3 2023" is not "July 2023").
    when = long_date(published) or (long_date(date) if precision in ("day", "month", "year") else
                                    date_label(date, precision) if date else None)
    if markdown:
        lines = [f"> {_md(words)}"]
        credit = ", ".join(x for x in (f"**{_md(who)}**" if who else None, f"*{_md(source)}*" if source else None,
                                       when) if x)
        if credit:
            lines.append(f"> — {credit}")
        if url:
            lines.append(f"> <{url}>")
        return "\n".join(lines)
    credit = ", ".join(x for x in (who, source, when) if x)
    parts = [words + (f" — {credit}" if credit else "")]
    if url:
        parts.append(url)
    return "\n".join(parts)


def _md(text: str) -> str:
    for char in "\\*_[]<>`":
        text = text.replace(char, "\\" + char)
    return text
