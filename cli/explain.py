"""``dateline explain FILE``: what extraction finds in one article, spans marked in its text."""
from __future__ import annotations

from pathlib import Path

import click

from importers.extract import extract
from importers.readers import ReadError, read_file
from tui.sanitize import clean


def explain(path: Path, published: str | None = None) -> int:
    try:
        reader, result = read_file(path)
    except (ReadError, OSError) as exc:
        click.echo(f"error: {path}: {exc}", err=True)
        return 1
    for w in result.warnings:
        click.echo(f"warning: {path}: {w}", err=True)
    for doc in result.documents:
        ex = extract(doc, published)
        click.secho(f"== document {doc.source_index} ({reader.name})", bold=True)
        for label, value in (("title", doc.title), ("outlet", doc.outlet), ("author", doc.author),
                             ("section", doc.section), ("url", doc.url),
                             ("published", f"{ex.published} (from {ex.published_from})" if ex.published else None)):
            if value:
                click.echo(f"  {label:<9} {clean(value)}")
        click.secho(f"-- {len(ex.statements)} statements", bold=True)
        for st in ex.statements:
            who = st.speaker or "(no speaker)"
            role = f", {st.speaker_role}" if st.speaker_role else ""
            click.echo(f"  [{st.start}:{st.end}] {st.kind:<9} {clean(who)}{clean(role)}: “{clean(st.text)[:90]}”")
        click.secho(f"-- {len(ex.events)} events", bold=True)
        for ev in ex.events:
            click.echo(f"  [{ev.date_start}:{ev.date_end}] {ev.date or 'undated':<10} {ev.date_precision or '':<7}"
                       f" «{clean(ev.date_text)}» {clean(ev.text)[:70]}")
        click.secho("-- text («date» ⟦quote⟧, boilerplate dimmed)", bold=True)
        click.echo(_marked(doc.text, ex))
    return 0


def _marked(text: str, ex) -> str:
    marks: dict[int, list[str]] = {}
    for st in ex.statements:
        marks.setdefault(st.start, []).append(click.style("⟦", fg="cyan", bold=True))
        marks.setdefault(st.end, []).insert(0, click.style("⟧", fg="cyan", bold=True))
    for ev in ex.events:
        marks.setdefault(ev.date_start, []).append(click.style("«", fg="yellow", bold=True))
        marks.setdefault(ev.date_end, []).insert(0, click.style("»", fg="yellow", bold=True))
    out = []
    for i, ch in enumerate(text):
        out.extend(marks.get(i, []))
        out.append(ch)
    out.extend(marks.get(len(text), []))
    return clean("".join(out), keep_newlines=True) if False else "".join(
        c for c in "".join(out) if c in "\n\t\x1b" or c.isprintable())
