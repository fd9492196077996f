"""Date expressions in running text: find them, then resolve them against the publication date.

We detect with our own patterns (fast, and they know that "we" is not Wednesday nor "may" May) and resolve
with calendar arithmetic. A relative expression ("on Friday", "last month", "March 30") resolves only when
there is a reference date; without one it stays undated rather than invented.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))[\s-]+)"

# Ordered: the first pattern that matches at a position wins, so longer forms come first.
# Case matters: "may" and "march" in lower case are verbs, and "we" is a pronoun, not Wednesday.
_PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(p)) for name, p in [
    ("iso", r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    ("numeric", r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
    ("weekday_day_month_year", rf"\b{_WEEKDAY},?\s+{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    ("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("weekday_month_day", rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}\b(?!\s*(?:%|percent|million|billion))"),
    ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?![\d,]*\s*(?:%|percent|million|billion|people|years?))"),
    ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"),
    ("part_month_year", rf"\b{_PART}?{_MONTH},?\s+{_YEAR}\b"),
    ("decade", r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<decade>1[89]\d0|20[0-9]0)'?s\b"),
    ("relative_unit", r"\b(?P<rel>(?i:last|this|next|past|previous|coming))\s+(?P<unit>week|month|year|weekend)\b"),
    ("relative_day", r"\b(?P<relday>(?i:yesterday|today|tomorrow|tonight))\b"),
    ("weekday", rf"\b(?:(?P<rel>(?i:last|this|next|on|coming))\s+)?{_WEEKDAY}\b"),
    ("part_month", rf"\b{_PART}{_MONTH}\b"),
    ("in_month", r"\b(?P<prep>(?i:in|since|by|until|last|this|next|early|late|mid-?))\s+" + _MONTH + r"\b"),
    ("year", rf"\b(?P<prep>in|since|from|by|until|of|during|to|and|year|early|late|mid-?|summer|spring|"
             rf"autumn|fall|winter)?\s*(?<![$€£\d.,-]){_YEAR}\b(?![$€£%\d]|\s*(?:%|percent|people|troops|"
             rf"tonnes|dollars|euros|km|miles))"),
]]

_FUTURE = re.compile(r"\b(will|would|shall|plans?|planned|is to|are to|expected|scheduled|due|upcoming|"
                     r"next|later|set to|intends?|going to|aims? to)\b", re.IGNORECASE)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or None when it cannot be resolved
    precision: str | None  # "day", "month", "year", "decade"


def _ymd(d: dt.date) -> str:
    return d.isoformat()


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
        return True
    except ValueError:
        return False


def find_dates(text: str, reference: dt.date | None = None, *, day_first: bool | None = None,
               start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, resolved against ``reference`` where possible.

    ``day_first`` decides ambiguous numeric dates (03/05/2024); None guesses from the text's own dates.
    """
    end = len(text) if end is None else end
    if day_first is None:
        day_first = guess_day_first(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if name == "year" and m["prep"]:
                s = m.start("year") if m["prep"].lower() in ("and", "to", "of", "year") else m.start()
            if any(s < te and ts < e for ts, te in taken):
                continue
            resolved = _resolve(name, m, text, reference, day_first)
            if resolved is _SKIP:
                continue
            value, precision = resolved
            found.append(DateMention(s, e, text[s:e], value, precision))
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


_SKIP = object()


def _sentence_around(text: str, pos: int) -> str:
    s = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    e = text.find(". ", pos)
    return text[s + 1: e if e >= 0 else len(text)]


def _resolve(name: str, m: re.Match, text: str, ref: dt.date | None, day_first: bool):
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
    if name in ("iso", "day_month_year", "month_day_year", "weekday_day_month_year"):
        year, day = int(g["year"]), int(g["day"])
        return (_ymd(dt.date(year, month or int(g["month"]), day)), "day") \
            if _valid_day(year, month or int(g["month"]), day) else _SKIP
    if name == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        day, mon = (a, b) if day_first else (b, a)
        if mon > 12 and day <= 12:
            day, mon = mon, day
        return (_ymd(dt.date(year, mon, day)), "day") if _valid_day(year, mon, day) else _SKIP
    if name in ("month_day", "day_month", "weekday_month_day"):
        day = int(g["day"])
        if ref is None:
            return None, "day"
        sentence = _sentence_around(text, m.start())
        year = _year_for_month(month, ref, bool(_FUTURE.search(sentence)), day)
        return (_ymd(dt.date(year, month, day)), "day") if _valid_day(year, month, day) else _SKIP
    if name == "part_month_year":
        return _month_value(int(g["year"]), month), "month"
    if name in ("part_month", "in_month"):
        if name == "in_month" and g["prep"].lower() in ("last", "this", "next"):
            rel = g["prep"].lower()
        else:
            rel = None
        if ref is None:
            return None, "month"
        sentence = _sentence_around(text, m.start())
        ahead = rel == "next" or (rel != "last" and bool(_FUTURE.search(sentence)))
        return _month_value(_year_for_month(month, ref, ahead), month), "month"
    if name == "decade":
        return str(int(g["decade"])), "decade"
    if name == "year":
        return g["year"], "year"
    if name == "relative_unit":
        if ref is None:
            return None, None
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
        if unit in ("week", "weekend"):
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
            return _ymd(monday), "week"
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
            return _month_value(y, mo + 1), "month"
        return str(ref.year + step), "year"
    if name == "relative_day":
        if ref is None:
            return None, "day"
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["relday"].lower()]
        return _ymd(ref + dt.timedelta(days=shift)), "day"
    if name == "weekday":
        if ref is None:
            return None, "day"
        wd = WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        sentence = _sentence_around(text, m.start())
        ahead = rel in ("next", "coming") or (rel != "last" and bool(_FUTURE.search(sentence)))
        if ahead:
            delta = (wd - ref.weekday()) % 7 or (7 if rel == "next" else 0)
        else:
            delta = -((ref.weekday() - wd) % 7)
            if rel == "last" and delta == 0:
                delta = -7
        return _ymd(ref + dt.timedelta(days=delta)), "day"
    return _SKIP


def _year_for_month(month: int, ref: dt.date, ahead: bool, day: int = 1) -> int:
    """The year of a month named without one: the most recent such month, or the next one looking ahead."""
    if ahead:
        return ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
    return ref.year if (month, day) <= (ref.month, ref.day) or month == ref.month else ref.year - 1


_NUMERIC_ANY = re.compile(r"\b([0-3]?\d)[/.-]([0-3]?\d)[/.-](?:19|20)\d\d\b")


def guess_day_first(text: str) -> bool:
    """Day-first unless the text's unambiguous numeric dates say month-first (12/25/2023)."""
    day_first = month_first = 0
    for m in _NUMERIC_ANY.finditer(text):
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            day_first += 1
        elif b > 12 >= a:
            month_first += 1
    return month_first <= day_first


def parse_date_string(value: str, reference: dt.date | None = None) -> tuple[str, str] | None:
    """Normalise a date written on its own (a header field, a listing line) to (value, precision)."""
    value = value.strip()
    found = find_dates(value, reference)
    dated = [d for d in found if d.value]
    if dated:
        best = max(dated, key=lambda d: ({"day": 3, "month": 2, "year": 1}.get(d.precision or "", 0), d.end - d.start))
        return best.value, best.precision
    import dateparser  # slow to import; only headers our patterns could not read get here

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    if parsed:
        return parsed.date().isoformat(), "day"
    return None
