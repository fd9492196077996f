"""JSON and JSONL from scrapers and news APIs: each record with text is one document.

Shapes: one object; an array of objects; one object per line (JSONL, read line by line); and a response
wrapping its records in a list (``articles``, ``results``, ``data``, ``items``, ``docs``...), perhaps inside
``response``. Common field names are recognised (see docs/json-fields.md); ``--field NAME=KEY`` maps any other
(KEY may be a dotted path, ``fields.bodyText``). An HTML body becomes text. A record without text is reported
and skipped.
"""
from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

from importers.decode import decode, normalise_newlines
from importers.model import Document
from importers.readers import Reader, ReadError, ReadResult, register
from importers.readers.field_dates import field_date
from importers.readers.html import fragment_text, looks_like_html

# The keys looked for, in order, for each document field. Dotted keys reach into nested objects.
COMMON_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "maintext", "articleBody", "article_body", "full_text",
             "fulltext", "bodyText", "fields.bodyText", "story"),
    "title": ("title", "headline", "headline.main", "webTitle"),
    "url": ("url", "link", "webUrl", "web_url", "canonical_url", "uri"),
    "date": ("date", "published", "publishedAt", "pubDate", "date_publish", "datePublished", "published_at",
             "publication_date", "date_published", "pub_date", "webPublicationDate", "created_at"),
    "author": ("author", "authors", "byline", "byline.original", "creator", "fields.byline"),
    "outlet": ("source", "outlet", "site", "source_domain", "sitename", "site_name", "publisher", "source.name",
               "domain"),
    "section": ("section", "sectionName", "section_name", "category", "categories"),
}
FIELD_NAMES = tuple(COMMON_FIELDS)
# Keys under which APIs wrap their list of records.
_RECORD_LISTS = ("articles", "results", "data", "items", "docs", "entries", "stories", "news", "records",
                 "value", "hits", "response")
MAX_REPORTED = 10  # per file; more skipped records are counted in one last line

_JSON_START = re.compile(rb"^\s*(?:\[\s*(?:\{|\])|\{\s*(?:\"|\}))")


def sniff(head: bytes) -> bool:
    return bool(_JSON_START.match(head.lstrip(b"\xef\xbb\xbf")))


def read(source: str, data: bytes, fields: dict[str, str] | None = None) -> ReadResult:
    warnings: list[str] = []
    documents = list(stream(source, io.BytesIO(data), warnings, fields))
    return ReadResult(documents, warnings)


def stream(source: str, file: BinaryIO, warnings: list[str], fields: dict[str, str] | None = None
           ) -> Iterator[Document]:
    """The documents of an open JSON file as they are read: JSONL one line at a time, never whole; the other
    shapes are parsed whole (an array is one value). Raises ReadError when no record has text."""
    skipped: list[str] = []  # where the first records without text were; the rest are only counted
    total_skipped = found = 0
    for index, where, record in _records(file, warnings):
        doc = record_document(source, index, record, fields or {}, warnings, where)
        if doc is None:
            total_skipped += 1
            if len(skipped) < MAX_REPORTED:
                skipped.append(where)
            continue
        found += 1
        yield doc
    for where in skipped:
        warnings.append(f"{where}: no text (looked for {_tried('text', fields)}); skipped")
    if total_skipped > MAX_REPORTED:
        warnings.append(f"{total_skipped - MAX_REPORTED} more records without text skipped")
    if not found and total_skipped:
        raise ReadError(f"no record has text ({total_skipped} records; looked for {_tried('text', fields)}; "
                        "map the field with --field text=KEY)")


def _tried(name: str, fields: dict[str, str] | None) -> str:
    keys = ((fields or {}).get(name),) + COMMON_FIELDS[name] if (fields or {}).get(name) else COMMON_FIELDS[name]
    return ", ".join(keys[:6]) + ("..." if len(keys) > 6 else "")


def _records(file: BinaryIO, warnings: list[str]) -> Iterator[tuple[int, str, dict]]:
    """(index, where, record) for every object record of the file, JSONL read one line at a time."""
    lines = iter(file)
    first, lineno = b"", 0
    for first in lines:  # the first line with content decides the shape
        lineno += 1
        if first.strip():
            break
    first = first.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else first
    if first.lstrip().startswith(b"{") and _is_object(first):
        index = 0
        bad_lines = 0
        for lineno, line in enumerate(itertools.chain([first], lines), lineno):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                bad_lines += 1
                if bad_lines <= MAX_REPORTED:
                    warnings.append(f"line {lineno}: not JSON ({exc.msg}); skipped")
                continue
            for record in _unwrap(value):
                yield index, f"line {lineno}", record
                index += 1
        if bad_lines > MAX_REPORTED:
            warnings.append(f"{bad_lines - MAX_REPORTED} more lines that are not JSON skipped")
        return
    try:
        value = json.loads(decode(first + b"".join(lines)).text)
    except ValueError as exc:
        raise ReadError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    for index, record in enumerate(_unwrap(value)):
        yield index, f"record {index + 1}", record


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _unwrap(value) -> list[dict]:
    """The article records in a parsed value: itself, its items, or a list an API response wraps them in."""
    if isinstance(value, list):
        return [r for item in value for r in _unwrap(item)] if any(isinstance(v, list) for v in value) \
            else [v for v in value if isinstance(v, dict)]
    if not isinstance(value, dict):
        return []
    if _get(value, "text", {}) is None:
        for key in _RECORD_LISTS:
            inner = value.get(key)
            if isinstance(inner, list) and any(isinstance(v, dict) for v in inner):
                return [v for v in inner if isinstance(v, dict)]
            if isinstance(inner, dict):
                found = _unwrap(inner)
                if found and found != [inner]:
                    return found
    return [value]


def _lookup(record: dict, key: str):
    value = record
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _get(record: dict, name: str, fields: dict[str, str]):
    keys = ((fields[name],) if name in fields else ()) + COMMON_FIELDS[name]
    for key in keys:
        value = _lookup(record, key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_string(value, *, name_keys=("name", "main", "original", "title", "term")) -> str | None:
    """A display string from a field that may be a list (authors) or an object ({"name": ...})."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_as_string(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        for key in name_keys:
            if isinstance(value.get(key), str):
                return value[key].strip() or None
        return None
    text = str(value).strip()
    return " ".join(text.split()) or None


def record_document(source: str, index: int, record: dict, fields: dict[str, str], warnings: list[str],
                    where: str) -> Document | None:
    body = _get(record, "text", fields)
    if isinstance(body, list):  # a body as a list of paragraphs
        body = "\n".join(str(p) for p in body if p)
    if not isinstance(body, str) or not body.strip():
        return None
    text = fragment_text(body) if looks_like_html(body) else normalise_newlines(body).strip()
    if not text:
        return None
    published = None
    raw_date = _get(record, "date", fields)
    if raw_date is not None:
        found = field_date(raw_date)
        if found and found[1] == "day":
            published = found[0]
        else:
            warnings.append(f"{where}: date {str(raw_date)[:40]!r} not understood; imported undated")
    url = _as_string(_get(record, "url", fields))
    outlet = _as_string(_get(record, "outlet", fields)) or _host(url)
    return Document(
        source=source, source_index=index, text=text, format="json",
        title=_as_string(_get(record, "title", fields)), outlet=outlet,
        author=_as_string(_get(record, "author", fields)), section=_as_string(_get(record, "section", fields)),
        url=url, published=published,
    )


def _host(url: str | None) -> str | None:
    """The site a URL names, as the outlet of a record that names none."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


READER = register(Reader(name="json", extensions=(".json", ".jsonl", ".ndjson"), sniff=sniff, read=read,
                         stream=stream))
