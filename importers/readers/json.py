"""JSON and JSONL from scrapers and news APIs: each record with text is one document.

Shapes: one object; an array of objects; one object per line (JSONL, read line by line); and a response
wrapping its records in a list (``articles``, ``results``, ``data``, ``items``, ``docs``...), perhaps inside
``response``. Common field names are recognised (see docs/json-fields.md); ``--field NAME=KEY`` maps any other
(KEY may be a dotted path, ``fields.bodyText``). An HTML body becomes text. A record without text is reported
and skipped.
"""
from __future__ import annotations

import io
import json
import re
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
    result = ReadResult([])
    skipped: list[str] = []
    for index, where, record in _records(data, result.warnings):
        doc = record_document(source, index, record, fields or {}, result.warnings, where)
        if doc is None:
            skipped.append(where)
        else:
            result.documents.append(doc)
    for where in skipped[:MAX_REPORTED]:
        result.warnings.append(f"{where}: no text (looked for {_tried('text', fields)}); skipped")
    if len(skipped) > MAX_REPORTED:
        result.warnings.append(f"{len(skipped) - MAX_REPORTED} more records without text skipped")
    if not result.documents and skipped:
        raise ReadError(f"no record has text ({len(skipped)} records; looked for {_tried('text', fields)}; "
                        "map the field with --field text=KEY)")
    return result


def _tried(name: str, fields: dict[str, str] | None) -> str:
    keys = ((fields or {}).get(name),) + COMMON_FIELDS[name] if (fields or {}).get(name) else COMMON_FIELDS[name]
    return ", ".join(keys[:6]) + ("..." if len(keys) > 6 else "")


def _records(data: bytes, warnings: list[str]):
    """(index, where, record) for every object record of the file, JSONL read one line at a time."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    stripped = data.lstrip()
    if stripped.startswith(b"{") and _first_line_is_object(stripped):
        index = 0
        for lineno, line in enumerate(io.BytesIO(data), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                warnings.append(f"line {lineno}: not JSON ({exc.msg}); skipped")
                continue
            for record in _unwrap(value):
                yield index, f"line {lineno}", record
                index += 1
        return
    try:
        value = json.loads(decode(data).text)
    except ValueError as exc:
        raise ReadError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    for index, record in enumerate(_unwrap(value)):
        yield index, f"record {index + 1}", record


def _first_line_is_object(data: bytes) -> bool:
    first = data.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
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


READER = register(Reader(name="json", extensions=(".json", ".jsonl", ".ndjson"), sniff=sniff, read=read))
