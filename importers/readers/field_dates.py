"""Dates written in structured fields (JSON-LD, Open Graph, feed entries, JSON records) to YYYY-MM-DD.

A timestamp with a UTC offset is read as the calendar date written in that offset: "2023-07-07T23:30:00-04:00"
is the 7th where it was published, not the 8th in UTC. Libraries that normalise to UTC (feedparser's
``*_parsed``) lose that, so the raw string is read here. A value that names only a month or a year keeps
that precision and never gains an invented day.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re

from importers.extract.dates import parse_date_string

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T\d{4,6}Z?)?\s*$")


def field_date(value: object) -> tuple[str, str] | None:
    """(value, precision) with precision "day", "month" or "year"; None when the value is not a date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return _epoch(int(text))
    for pattern in (_ISO, _COMPACT):
        m = pattern.match(text)
        if m:
            return _checked(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    parsed = email.utils.parsedate_tz(text)  # RFC 822, as in RSS: the fields as written, offset aside
    if parsed and parsed[0] > 1900 and parsed[1] and parsed[2]:
        return _checked(parsed[0], parsed[1], parsed[2])
    return parse_date_string(text)


def _checked(year: int, month: int, day: int | None) -> tuple[str, str] | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}", "month"
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _epoch(value: float) -> tuple[str, str] | None:
    if value > 1e11:  # milliseconds
        value /= 1000
    if not 0 < value < 4102444800:  # before 2100
        return None
    return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat(), "day"
