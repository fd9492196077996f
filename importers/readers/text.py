"""Plain text as scraped from the web: one article per file, or a listing page holding several.

Shapes recognised (see importers/samples/README.md):
- a bare article, perhaps under a section label ("In the News");
- a header line ``Date: 24 April 2023 Author: Name``, or ``By Name`` / ``Published 3 May 2024`` lines;
- a page title ``Headline - Outlet | Tagline`` followed by the headline again;
- a masthead (outlet, tagline) above the headline;
- a listing (tag page) whose items each read ``outlet / DD-MM-YYYY / - section / - outlet / headline / body``.
The stored text of a document is its slice of the file: headers stay in it, and ``body_start`` marks where
the article itself begins.
"""
from __future__ import annotations

import re

from importers.decode import decode
from importers.extract.dates import parse_date_string
from importers.model import Document
from importers.readers import Reader, ReadError, ReadResult, register

_NUMERIC_DATE_LINE = re.compile(r"^\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s*$")
_HEADER_FIELD = re.compile(
    r"\b(Date|Published|Updated|Posted|Author|Authors|By|Source|Outlet|Section|URL|Title)\s*:\s*",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*By\s+([A-Z][^\n]{1,80})$")
_PUBLISHED_LINE = re.compile(r"^\s*(?:Published|Posted|Updated)(?:\s+on)?\s*:?\s+(.{6,60}?)\s*$", re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*(?:URL\s*:\s*|Source\s*:\s*)?(https?://\S+)\s*$", re.IGNORECASE)
_TITLE_WITH_OUTLET = re.compile(r"^(?P<title>.{8,}?)\s+[-–—|]\s+(?P<outlet>[^|–—]{2,60}?)(?:\s*\|\s*.*)?$")

MAX_TITLE_WORDS = 30


def sniff(head: bytes) -> bool:
    return False  # the fallback reader: chosen by extension or when nothing else claims the file


def read(source: str, data: bytes) -> ReadResult:
    if b"\x00" in data[:8192]:
        raise ReadError("looks like a binary file, not text")
    decoded = decode(data)
    warnings = [decoded.warning] if decoded.warning else []
    text = decoded.text
    if not text.strip():
        raise ReadError("the file is empty")
    items = _listing_items(text)
    if items:
        documents = [_listing_document(source, i, text, start, end) for i, (start, end) in enumerate(items)]
    else:
        documents = [_single_document(source, text)]
    return ReadResult(documents, warnings)


def _lines_with_offsets(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, text[pos:stop]
        pos = stop + 1


# --- listings -------------------------------------------------------------------------------------------


def _listing_items(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each item of a tag page, or [] when the text is not one."""
    lines = list(_lines_with_offsets(text))
    starts = []
    for i in range(len(lines) - 2):
        name, date, after = lines[i][1], lines[i + 1][1], lines[i + 2][1]
        if (name.strip() and len(name) <= 80 and _NUMERIC_DATE_LINE.match(date)
                and after.lstrip().startswith("- ")):
            starts.append(lines[i][0])
    if not starts:
        return []
    ends = starts[1:] + [len(text)]
    return [(s, len(text[s:e].rstrip()) + s) for s, e in zip(starts, ends)]


def _listing_document(source: str, index: int, text: str, start: int, end: int) -> Document:
    lines = [(o - start, line) for o, line in _lines_with_offsets(text, start, end)]
    outlet = lines[0][1].strip()
    day, month, year = (int(g) for g in _NUMERIC_DATE_LINE.match(lines[1][1]).groups())
    if month > 12 and day <= 12:  # month-first: the listing's own convention is day-first
        day, month = month, day
    published = f"{year:04d}-{month:02d}-{day:02d}"
    labels = []
    k = 2
    while k < len(lines) and lines[k][1].lstrip().startswith("- "):
        labels.append(lines[k][1].strip()[2:].strip())
        k += 1
    section = next((label for label in labels if label.casefold() != outlet.casefold()), None)
    title = None
    body_start = lines[k][0] if k < len(lines) else end - start
    if k < len(lines) and lines[k][1].strip():
        title = lines[k][1].strip()
        body_start = lines[k + 1][0] if k + 1 < len(lines) else end - start
    return Document(
        source=source, source_index=index, text=text[start:end], title=title, outlet=outlet,
        section=section, published=published, body_start=body_start,
    )


# --- single articles ------------------------------------------------------------------------------------


def _is_paragraph(line: str) -> bool:
    return len(line.split()) > MAX_TITLE_WORDS


def _single_document(source: str, text: str) -> Document:
    doc = Document(source=source, source_index=0, text=text)
    lines = list(_lines_with_offsets(text))
    # The header is what comes before the first paragraph of running text.
    header: list[tuple[int, str]] = []
    for offset, line in lines:
        if _is_paragraph(line):
            break
        header.append((offset, line))
    short_lines: list[tuple[int, int, str]] = []  # (index in header, offset, stripped line)
    for i, (offset, line) in enumerate(header):
        stripped = line.strip()
        if not stripped:
            continue
        if _parse_header_fields(stripped, doc):
            doc.body_start = offset + len(line) + 1
            continue
        short_lines.append((i, offset, stripped))

    title_candidates = []
    for i, offset, stripped in short_lines:
        followed_by_blank = i + 1 < len(header) and not header[i + 1][1].strip()
        m = _TITLE_WITH_OUTLET.match(stripped)
        if m and doc.outlet is None and any(s == m["title"].strip() for _, _, s in short_lines):
            doc.outlet = m["outlet"].strip()
            continue
        if followed_by_blank or i + 1 == len(header) and i + 1 < len(lines) and not lines[i + 1][1].strip():
            title_candidates.append((i, offset, stripped))
    if title_candidates:
        i, offset, stripped = title_candidates[-1]
        doc.title = stripped
        doc.body_start = max(doc.body_start, offset + len(header[i][1]) + 1)
        masthead = [s for j, _, s in short_lines if j < i and not _TITLE_WITH_OUTLET.match(s)]
        if doc.outlet is None and len(masthead) >= 2:
            doc.outlet = masthead[0]
    return doc


def _parse_header_fields(line: str, doc: Document) -> bool:
    """Fill document metadata from a header line; True when the line was one."""
    m = _BYLINE.match(line)
    if m and len(m[1].split()) <= 8:
        doc.author = doc.author or m[1].strip()
        return True
    m = _URL_LINE.match(line)
    if m:
        doc.url = doc.url or m[1]
        return True
    fields = list(_HEADER_FIELD.finditer(line))
    if fields and fields[0].start() == 0:
        for n, f in enumerate(fields):
            value = line[f.end(): fields[n + 1].start() if n + 1 < len(fields) else len(line)].strip()
            _set_field(doc, f[1].casefold(), value)
        return True
    m = _PUBLISHED_LINE.match(line)
    if m:
        parsed = parse_date_string(m[1])
        if parsed and parsed[1] == "day":
            doc.published = doc.published or parsed[0]
            return True
    return False


def _set_field(doc: Document, name: str, value: str) -> None:
    if not value:
        return
    if name in ("date", "published", "updated", "posted"):
        parsed = parse_date_string(value)
        if parsed and parsed[1] == "day" and not doc.published:
            doc.published = parsed[0]
    elif name in ("author", "authors", "by"):
        doc.author = doc.author or value
    elif name in ("source", "outlet"):
        doc.outlet = doc.outlet or value
    elif name == "section":
        doc.section = doc.section or value
    elif name == "url":
        doc.url = doc.url or value
    elif name == "title":
        doc.title = doc.title or value


READER = register(Reader(name="text", extensions=(".txt", ".text", ".md", ""), sniff=sniff, read=read))
