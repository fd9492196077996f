"""Writing out what is stored: JSONL (the export contract), CSV and Markdown."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

import sqlite_utils

from store.dates import date_label, written_date

DOCUMENT_FIELDS = ("id", "source", "source_index", "title", "outlet", "author", "section", "url", "published",
                   "text")
STATEMENT_FIELDS = ("id", "document_id", "text", "kind", "speaker", "speaker_role", "start", "end", "date",
                    "date_precision", "cluster_id")
EVENT_FIELDS = ("id", "document_id", "date", "date_precision", "date_text", "date_start", "date_end", "text",
                "start", "end")


def iter_records(db: sqlite_utils.Database) -> Iterator[dict]:
    """Every document, then its statements and events, as the JSONL contract's objects."""
    docs = db.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents ORDER BY source, source_index, id")
    for row in docs.fetchall():
        doc = dict(zip(DOCUMENT_FIELDS, row))
        yield {"type": "document", **doc}
        for st in db.execute(
            'SELECT s.id, s.document_id, s.text, s.kind, sp.name, s.speaker_role, s.start, s."end", s.date, '
            "s.date_precision, s.cluster_id FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id "
            "WHERE s.document_id = ? ORDER BY s.start", [doc["id"]]):
            yield _dated({"type": "statement", **dict(zip(STATEMENT_FIELDS, st))})
        for ev in db.execute(
            f'SELECT id, document_id, date, date_precision, date_text, date_start, date_end, text, start, "end" '
            "FROM events WHERE document_id = ? ORDER BY start", [doc["id"]]):
            yield _dated({"type": "event", **dict(zip(EVENT_FIELDS, ev))})


def _dated(record: dict) -> dict:
    record["date"] = written_date(record["date"], record["date_precision"])
    return record


def write_jsonl(db: sqlite_utils.Database, out: TextIO) -> int:
    n = 0
    for record in iter_records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


_CHRONOLOGY = """
    SELECT c.date, c.date_precision, c.item_type, c.speaker, c.speaker_role, c.text, c.outlet, c.title,
           c.published, c.url, c.source, c.outlets, c.first_outlet, c.first_published
    FROM chronology c ORDER BY c.position
"""
CHRONOLOGY_FIELDS = ("date", "date_precision", "kind", "speaker", "speaker_role", "text", "outlet", "title",
                     "published", "url", "source", "outlets", "first_outlet", "first_published")


def write_csv(db: sqlite_utils.Database, out: TextIO) -> int:
    """The chronology, one row per event or statement, in date order."""
    writer = csv.writer(out)
    writer.writerow(CHRONOLOGY_FIELDS)
    n = 0
    for row in db.execute(_CHRONOLOGY):
        writer.writerow((written_date(row[0], row[1]), *row[1:]))
        n += 1
    return n


def write_markdown(db: sqlite_utils.Database, out: TextIO) -> int:
    """The chronology as a Markdown report: a heading per month, a bullet per item."""
    out.write("# Chronology\n")
    month = object()
    n = 0
    for (date, precision, kind, speaker, role, text, outlet, title, published, url, _source, outlets,
         first_outlet, first_published) in db.execute(_CHRONOLOGY):
        heading = date[:7] if date else "Undated"
        date = date_label(date, precision) if date else None  # a report is read by people: "Q3 2023", "2023-W15"
        if heading != month:
            out.write(f"\n## {heading}\n\n")
            month = heading
        text = " ".join(text.split())
        if kind == "statement":
            who = f"{speaker}" + (f" ({role})" if role else "") if speaker else "unattributed"
            line = f"- **{date or 'undated'}** {who}: “{_md(text)}”"
        else:
            line = f"- **{date or 'undated'}** {_md(text)}"
        source = outlet or title
        if source:
            line += f" — {_md(source)}" + (f" ({published})" if published else "")
        if url:
            line += f" <{url}>"
        if outlets > 1:
            line += f" · {outlets} outlets, first {_md(first_outlet or 'unknown')}" + (
                f" ({first_published})" if first_published else "")
        out.write(line + "\n")
        n += 1
    return n


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "md": write_markdown}
