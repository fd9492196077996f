"""Writing the chronology as the browser shows it (filters applied) to Markdown, CSV or JSON.

No textual here: it takes a ``store.timeline.View`` and a connection, so it runs in a worker thread.
A quote carried by several outlets is one record when the view folds its copies; every record of a quote
says how many outlets carried it and which ran it first.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator

import sqlite_utils

from store.timeline import TimelineRow, View
from store.dates import written_date
from tui.format import date_label

FORMATS = {"md": "Markdown", "csv": "CSV", "json": "JSON"}
FIELDS = ("date", "date_precision", "kind", "speaker", "speaker_role", "text", "outlet", "title", "published",
          "url", "starred", "tags", "outlets", "first_outlet", "first_published")
_BATCH = 500


def _rows(db: sqlite_utils.Database, view: View) -> Iterator[TimelineRow]:
    for first in range(0, view.length, _BATCH):
        yield from view.rows(db, first, _BATCH)


def _record(row: TimelineRow) -> dict:
    kind = row.kind if row.item_type == "statement" else "event"
    quote = row.item_type == "statement"
    return {"date": written_date(row.date, row.date_precision), "date_precision": row.date_precision, "kind": kind, "speaker": row.speaker,
            "speaker_role": row.speaker_role, "text": " ".join(row.text.split()), "outlet": row.outlet,
            "title": row.title, "published": row.published, "url": row.url, "starred": row.starred,
            "tags": row.tags.split(",") if row.tags else [],
            # A quote only one article carries was first in its own outlet.
            "outlets": row.outlets if quote else None,
            "first_outlet": (row.first_outlet if row.carried else row.outlet) if quote else None,
            "first_published": (row.first_published if row.carried else row.published) if quote else None}


def export_view(db: sqlite_utils.Database, view: View, fmt: str, path: str) -> int:
    """Write every row of the view to ``path`` in ``fmt`` ("md", "csv" or "json"); returns the row count."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.DictWriter(out, FIELDS)
            writer.writeheader()
            for row in _rows(db, view):
                record = _record(row)
                record["tags"] = ",".join(record["tags"])
                writer.writerow(record)
                n += 1
        elif fmt == "json":
            out.write("[")
            for row in _rows(db, view):
                out.write(("," if n else "") + "\n  " + json.dumps(_record(row), ensure_ascii=False))
                n += 1
            out.write("\n]\n")
        else:
            out.write("# Chronology\n")
            if view.filters.active():
                out.write(f"\nFilters: {_md(' · '.join(view.filters.describe()))}\n")
            heading: object = object()
            for row in _rows(db, view):
                month = row.date[:7] if row.date else "Undated"
                if month != heading:
                    out.write(f"\n## {date_label(month, 'month') if row.date else month}\n\n")
                    heading = month
                out.write(_markdown_line(_record(row), date_label(row.date, row.date_precision)) + "\n")
                n += 1
    return n


def _markdown_line(r: dict, date: str) -> str:
    star = "★ " if r["starred"] else ""
    if r["kind"] == "event":
        line = f"- {star}**{date}** {_md(r['text'])}"
    else:
        who = ", ".join(_md(x) for x in (r["speaker"], r["speaker_role"]) if x) or "unattributed"
        line = f"- {star}**{date}** {who}: “{_md(r['text'])}”"
    source = r["outlet"] or r["title"]
    if source:
        line += f" — *{_md(source)}*" + (f", {r['published']}" if r["published"] else "")
    if r["outlets"] and r["outlets"] > 1:
        line += f" · {r['outlets']} outlets, first *{_md(r['first_outlet'] or '?')}*" + \
            (f", {r['first_published']}" if r["first_published"] else "")
    if r["url"]:
        line += f" <{r['url']}>"
    if r["tags"]:
        line += " " + " ".join(f"`#{t}`" for t in r["tags"])
    return line


def _md(text: str) -> str:
    for char in "\\*_[]<>`#":
        text = text.replace(char, "\\" + char)
    return text
