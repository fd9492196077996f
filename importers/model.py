"""The records that flow from readers through extractors to the store.

Every span is a pair of offsets into ``Document.text``, the document's original text (decoded, newlines
normalised), so the browser can highlight the exact place a quote or a date came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    """One article, as a reader found it in a file."""

    source: str  # the path as given to import
    source_index: int  # 0-based position of this document in its file
    text: str
    format: str = "text"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    section: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD", from the file's structure (a header, a feed field)
    # Where the article body starts: lines before it are headers (title, byline, outlet) that extraction skips.
    body_start: int = 0


@dataclass
class Statement:
    text: str  # the quoted words, without their marks
    start: int
    end: int
    kind: str = "statement"  # "statement" (a quoted clause) or "phrase" (a short quoted term)
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_kind: str | None = None  # "person" or "institution"
    date: str | None = None
    date_precision: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


@dataclass
class Event:
    text: str  # the sentence that reports it
    start: int
    end: int
    date: str | None
    date_precision: str | None
    date_text: str
    date_start: int
    date_end: int


@dataclass
class Extraction:
    """What extraction found in one document."""

    published: str | None = None
    published_from: str | None = None  # "header", "dateline", "url", "option": why we believe the date
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
