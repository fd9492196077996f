"""``dateline explain FILE``: what extraction finds in one article, and why, with spans marked in its text.

For each document: its metadata and where the publication date came from; each event with its date, the
expression and the rule that resolved it (the tense read, the reference date); each statement with its
speaker; then the text with dates in «», quotes in ⟦⟧, and the header and site furniture dimmed. The
article's own characters are cleaned of control characters before our marks and colours are added.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from importers.extract import extract
from importers.extract.dates import DateMention, find_dates
from importers.model import Document, Extraction
from importers.readers import ReadError, read_file
from store.dates import written_date
from tui.sanitize import clean

_FROM = {"option": "--published", "header": "the header", "url": "the URL", "published line": "a “Published” line",
         "dateline": "the dateline"}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WRITTEN_IN_FULL = {"iso", "numeric", "day_month_year", "month_day_year", "month_year", "year", "decade",
                    "season_year", "part_year", "q_number"}


def explain(path: Path, published: str | None = None) -> int:
    try:
        reader, result = read_file(path)
    except (ReadError, OSError) as exc:
        click.echo(f"error: {clean(str(path))}: {clean(str(exc))}", err=True)
        return 1
    for w in result.warnings:
        click.echo(f"warning: {clean(str(path))}: {clean(w)}", err=True)
    failed = False
    for doc in result.documents:
        try:
            ex = extract(doc, published)
        except Exception as exc:  # a bug: said in one line, as import says it, and the other documents still shown
            click.echo(f"error: {clean(str(path))}: document {doc.source_index} could not be extracted "
                       f"({type(exc).__name__}: {clean(str(exc))}); please report it", err=True)
            failed = True
            continue
        _document(doc, ex, reader.name)
    return 1 if failed else 0


def _document(doc: Document, ex: Extraction, reader: str) -> None:
    click.secho(f"== document {doc.source_index} ({reader})", bold=True)
    where = f"{ex.published} (from {_FROM.get(ex.published_from or '', ex.published_from)})" if ex.published \
        else "unknown: relative dates stay undated"
    for label, value in (("title", doc.title), ("outlet", doc.outlet), ("author", doc.author),
                         ("section", doc.section), ("url", doc.url), ("published", where)):
        if value:
            click.echo(f"  {label:<9} {clean(value)}")
    skipped = len(ex.boilerplate)
    click.echo(f"  body      from offset {doc.body_start}" + (f"; {skipped} furniture blocks skipped" if skipped else ""))

    reference = dt.date.fromisoformat(ex.published) if ex.published else None
    mentions = {d.start: d for d in find_dates(doc.text, reference, start=doc.body_start)}
    click.secho(f"-- {len(ex.events)} events (one per date expression)", bold=True)
    for ev in ex.events:
        date = written_date(ev.date, ev.date_precision) or "undated"
        click.echo(f"  {date:<10} {ev.date_precision or '':<8} «{clean(ev.date_text)}» [{ev.date_start}:{ev.date_end}] "
                   f"{_why(mentions.get(ev.date_start), ev.date, ex.published)}")
        click.echo(f"  {'':<19} {clean(ev.text)[:100]}")
    click.secho(f"-- {len(ex.statements)} statements", bold=True)
    for st in ex.statements:
        who = st.speaker or "(no speaker)"
        role = f", {st.speaker_role}" if st.speaker_role else ""
        click.echo(f"  [{st.start}:{st.end}] {st.kind:<9} {clean(who)}{clean(role)} "
                   f"({written_date(st.date, st.date_precision) or 'undated'}): “{clean(st.text)[:90]}”")
    click.secho("-- text: «date» ⟦quote⟧, header and furniture dimmed", bold=True)
    click.echo(_marked(doc, ex))


def _why(mention: DateMention | None, date: str | None, published: str | None) -> str:
    """In a few words, how the expression got its date."""
    if mention is None:
        return ""
    if mention.rule in _WRITTEN_IN_FULL or (mention.rule in ("quarter", "half") and _YEAR.search(mention.text)):
        return "written in full"
    if date is None:
        return "relative, and no publication date to resolve it against"
    if mention.rule == "live_stamp":
        return "live-blog entry: the day heading above it"
    if mention.rule == "period_ref" or (mention.precision in ("quarter", "half") and mention.rule in
                                        ("ago", "shifted", "year_adj", "relative_unit")):
        if _YEAR.search(mention.text):
            return "the quarter or half the story reports on, in the year named"
        return "the quarter or half the story reports on" + (", a year back" if date < (published or "")[:4] else "")
    tense = {"future": "the clause looks ahead", "past": "the clause is in the past"}.get(mention.tense or "",
                                                                                       "no word of tense")
    direction = "after" if date > (published or "") else "on or before"
    if mention.rule == "weekday":
        return f"a weekday; {tense}, so the nearest one {direction} the reference day"
    if mention.rule in ("month_day", "day_month", "month", "part_month", "holiday", "quarter"):
        return f"no year given; {tense}, so the nearest one {direction} the reference day"
    return f"counted from the reference day ({tense})"


def _marked(doc: Document, ex: Extraction) -> str:
    """The text with our marks; the article's own characters cleaned, never read as markup or escapes."""
    text = doc.text
    marks: dict[int, list[str]] = {}
    for st in ex.statements:
        marks.setdefault(st.start, []).append(click.style("⟦", fg="cyan", bold=True))
        marks.setdefault(st.end, []).insert(0, click.style("⟧", fg="cyan", bold=True))
    for ev in ex.events:
        marks.setdefault(ev.date_start, []).append(click.style("«", fg="yellow", bold=True))
        marks.setdefault(ev.date_end, []).insert(0, click.style("»", fg="yellow", bold=True))
    dim = [(0, doc.body_start)] + list(ex.boilerplate)
    cuts = sorted({0, len(text), *marks, *(p for span in dim for p in span)})
    out = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        out.extend(marks.get(a, []))
        piece = clean(text[a:b], keep_newlines=True)
        out.append(click.style(piece, dim=True) if piece and any(s <= a < e for s, e in dim) else piece)
    return "".join(out)
