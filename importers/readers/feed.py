"""RSS (0.9x, 1.0, 2.0) and Atom feeds through feedparser: each entry is one document.

The entry's full content (``content:encoded`` / Atom ``content``), else its summary, is HTML turned into text
by the HTML reader's fragment path. The publication date is the entry's published date, else its updated date,
read from the raw string so its offset gives the local calendar day (feedparser's parsed dates are UTC). An
entry whose date cannot be read is imported undated, with a warning. The feed's title is the outlet.
"""
from __future__ import annotations

import re

from importers.model import Document
from importers.readers import Reader, ReadError, ReadResult, register
from importers.readers.field_dates import field_date
from importers.readers.html import fragment_text, looks_like_html

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<html[\s>]", re.IGNORECASE)


def sniff(head: bytes) -> bool:
    m = _FEED_ROOT.search(head)
    if not m:
        return False
    html = _HTML_ROOT.search(head)
    return html is None or html.start() > m.start()


def read(source: str, data: bytes) -> ReadResult:
    import feedparser  # only when a feed is read

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise ReadError(f"not a readable feed ({type(parsed.bozo_exception).__name__})")
        raise ReadError("the feed has no entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    documents: list[Document] = []
    warnings: list[str] = []
    for n, entry in enumerate(parsed.entries):
        label = f"entry {n + 1}" + (f" ({entry.get('title')[:60]!r})" if entry.get("title") else "")
        text = _entry_text(entry)
        if not text:
            warnings.append(f"{label} has no text; skipped")
            continue
        documents.append(Document(
            source=source, source_index=n, text=text, format="feed", title=_plain(entry.get("title")),
            outlet=outlet, author=_plain(entry.get("author")), section=_section(entry),
            url=entry.get("link") or None, published=_published(entry, label, warnings),
        ))
    return ReadResult(documents, warnings)


def _entry_text(entry) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return _to_text(value, content.get("type"))
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return _to_text(summary, detail.get("type")) if summary.strip() else ""


def _to_text(value: str, mime: str | None) -> str:
    if mime in ("text/html", "application/xhtml+xml") or looks_like_html(value):
        return fragment_text(value)
    return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    text = fragment_text(value) if looks_like_html(value) else value
    return " ".join(text.split()) or None


def _section(entry) -> str | None:
    tags = entry.get("tags") or []
    return next((t.get("term") for t in tags if t.get("term")), None)


def _published(entry, label: str, warnings: list[str]) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        found = field_date(raw)
        if found and found[1] == "day":
            return found[0]
        warnings.append(f"{label}: {key} date {raw[:40]!r} not understood; imported undated")
        return None
    return None


READER = register(Reader(name="feed", extensions=(".rss", ".atom", ".xml"), sniff=sniff, read=read))
