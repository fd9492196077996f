"""The publication date of a document whose reader found none in its structure: datelines and URLs."""
from __future__ import annotations

import re

from importers.extract.dates import find_dates
from importers.model import Document

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\b)")


# "MOSCOW, March 14, 2023 -", "WASHINGTON (AP) - ": a place in capitals at the start of the body.
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]{2,40}(?:\s*\([^)]{1,20}\))?\s*[,:]\s*")


def find_published(document: Document, excluded: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    if document.url:
        m = _URL_DATE.search(document.url)
        if m:
            return f"{m[1]}-{m[2]}-{m[3]}", "url"
    head = document.text[document.body_start: document.body_start + 300]
    m = _DATELINE.match(head)
    if m:
        for d in find_dates(head, end=m.end() + 40):
            if d.precision == "day" and d.value and d.start >= m.end():
                return d.value, "dateline"
    return None, None
