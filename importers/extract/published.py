"""The publication date of a document whose reader found none in its structure.

In order of trust: a date in the URL; a "Published ..." line; a wire dateline at the start of the body
("MOSCOW, March 14. /TASS/.", "VALDOR CITY, Feb 18 (Meridian) -", "LONDON, 3 May 2024 (Reuters) -").
A dateline without a year takes it from the article's own dates when they agree: the earliest year that puts
the dateline after every past date the article gives, provided that year is next to the article's latest
date and the article names at least one month or day with its year. Dates elsewhere in the body (photo captions, site banners above an older story) are never taken.
"""
from __future__ import annotations

import datetime as dt
import re

from importers.extract.dates import MONTHS, find_dates
from importers.model import Document

# /2023/07/07/, /20210303/, story-2023-10-03-slug: a date as a path segment or a slug's own part.
_URL_DATE = re.compile(r"(?<![\d])((?:19|20)\d\d)([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])")
# "Published 3 May 2024", "PTI | Istanbul | Updated: 29-03-2022 18:49 IST": a label, perhaps after a few short
# fields set off by bars or bullets.
_PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?:[^\n|·•]{1,30}[|·•][ \t]*){0,3}(?:First\s+|Last\s+)?(?P<label>Published|Posted|Updated)(?:\s+on)?"
    r"\s*:?[ \t]+(?P<date>[^\n]{6,60})$",
    re.IGNORECASE | re.MULTILINE)
# A place in capitals (perhaps ", D.C.", ", Calif." or ", Ukraine" after it) opening the body.
_PLACE = re.compile(r"[ \t]*(?P<place>[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*(?:[A-Z][A-Z.]{1,20}(?=[ \t]*[,(])|"
                    r"[A-Z][A-Za-z.]{1,20}(?=[ \t]*,)))?)[ \t]*")
# A place in title case ("Thimphu (Bhutan)", "New Delhi"): a dateline only where its date ends the line or a dash
# or colon follows.
_TITLE_PLACE = re.compile(r"[ \t]*(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:[ \t]*\([A-Z][\w .]{1,25}\))?)[ \t]*")
_AFTER_TITLE_PLACE_DATE = re.compile(r"[ \t]*(?:\([^)\n]{1,25}\)[ \t]*)?(?:[:\-–—]|\n|$)")
# What may follow the dateline's date: an agency in brackets or slashes, then a dash, colon or full stop.
_AFTER_DATE = re.compile(r"[ \t]*\.?[ \t]*(?:\([^)\n]{1,25}\)|/[^/\n]{1,15}/)?[ \t]*[.:\-–—]")
_AGENCY_ONLY = re.compile(r"[ \t]*(?:\([^)\n]{1,25}\)|/[^/\n]{1,15}/)[ \t]*[.:\-–—]")


def find_published(document: Document) -> tuple[str | None, str | None]:
    """The text's own statements of its date first ("Published ..." lines, a wire dateline), the URL last."""
    updated = None
    for m in _PUBLISHED_LINE.finditer(document.text):
        found = [d for d in find_dates(m["date"]) if d.precision == "day" and d.value]
        if found and m["label"].lower() != "updated":
            return found[0].value, "published line"
        updated = updated or (found[0].value if found else None)
    if updated:
        return updated, "published line"  # the day it was last updated: the nearest the text gives
    found = _from_dateline(document.text, document.body_start)
    if found:
        return found, "dateline"
    if document.url:
        path = document.url.split("://", 1)[-1].partition("/")[2]  # not the host: example2023.com
        m = _URL_DATE.search(path)
        if m:
            return f"{m[1]}-{m[3]}-{m[4]}", "url"
    return None, None


def dateline_span(text: str, body_start: int) -> tuple[int, int] | None:
    """Where a wire dateline with a date ("MOSCOW, March 14. /TASS/.") opens the body, or None."""
    found = _dateline(text, body_start)
    if not found:
        return None
    place, mention, end = found
    return place.start("place"), end


_last_dateline: tuple = (None, 0, None)


def _dateline(text: str, body_start: int):
    """(place match, date mention, where the dateline ends) of the dateline opening the body, or None. The
    publication date and the events both ask for one document's dateline: the last answer is kept."""
    global _last_dateline
    if _last_dateline[0] is text and _last_dateline[1] == body_start:
        return _last_dateline[2]
    found = _read_dateline(text, body_start)
    _last_dateline = (text, body_start, found)
    return found


def _read_dateline(text: str, body_start: int):
    """At the body's start, or alone on the line above it ("Thimphu (Bhutan), February 6")."""
    above = text.rfind("\n", 0, text.rfind("\n", 0, body_start)) + 1 if body_start else -1
    if 0 <= above < body_start and not text[above:body_start].strip():
        above = -1  # only blank lines above
    for start in (body_start, above):
        if start < 0:
            continue
        for pattern, after_date in ((_PLACE, _AFTER_DATE), (_TITLE_PLACE, _AFTER_TITLE_PLACE_DATE)):
            place = pattern.match(text, start)
            if not place or pattern is _PLACE and not re.search(r"[A-Z]{2}", place["place"]):
                continue
            rest = text[place.end(): place.end() + 60]
            if not rest.startswith(","):
                continue  # "WASHINGTON (AP) -" gives a place and an agency but no date
            mentions = find_dates(rest, None)
            after = mentions[0].start <= 3 and after_date.match(rest, mentions[0].end) if mentions else None
            if after:
                return place, mentions[0], place.end() + after.end()
    return None


def _from_dateline(text: str, body_start: int) -> str | None:
    found = _dateline(text, body_start)
    if not found:
        return None
    place, mention, _ = found
    if mention.value and mention.precision == "day":
        return mention.value
    m = re.match(r"(?:[A-Za-z]+,?\s+)?(?:(\d{1,2})\s+([A-Za-z]+)|([A-Za-z]+)\.?\s+(\d{1,2}))", mention.text)
    if not m or mention.precision != "day":
        return None
    day = int(m[1] or m[4])
    month = MONTHS.get((m[2] or m[3]).lower().rstrip("."))
    if not month:
        return None
    return _year_from_header(text, body_start, month, day) \
        or _year_from_article(text, body_start, place.end() + mention.end, month, day)


def _year_from_header(text: str, body_start: int, month: int, day: int) -> str | None:
    """The dateline's day in the year of a full date a few days from it above the body ("Tue, 09/15/2015 - 10:51"
    over "DUSHANBE, September 14 /TASS/."): the page's stamp of the story, which a site banner is not."""
    for d in find_dates(text[:body_start]):
        if d.precision != "day" or not d.value:
            continue
        stamp = dt.date.fromisoformat(d.value)
        for year in (stamp.year, stamp.year - 1, stamp.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if abs((candidate - stamp).days) <= 3:
                return candidate.isoformat()
    return None


def _year_from_article(text: str, body_start: int, after: int, month: int, day: int) -> str | None:
    """The dateline's day in the year the article's own explicit dates agree on, or None."""
    # Read from the body's start, as event extraction will, so the detection is shared (see dates._detect).
    own = [d for d in find_dates(text, None, start=body_start)
           if d.start >= after and d.value and d.precision in ("day", "month", "year")]
    if not own:
        return None
    if not any(d.precision in ("day", "month") for d in own):
        return None  # "since 2019" alone says too little about the year it was written
    past = [_as_tuple(d.value) for d in own if d.tense != "future"]
    latest = max(_as_tuple(d.value) for d in own)
    if past:
        y0, m0, d0 = max(past)
        year = y0 if (month, day) >= (m0, d0) else y0 + 1
    else:
        year = latest[0]
    if abs(latest[0] - year) > 1:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _as_tuple(value: str) -> tuple[int, int, int]:
    parts = [int(p) for p in value.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))  # type: ignore[return-value]
