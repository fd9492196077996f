"""How dates, headings and matches read on screen. Plain functions: no textual here, so they test alone."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from store.dates import date_label  # noqa: F401  (the browser's one way of writing a date)

_WORD = re.compile(r"\w+")


def heading_levels(previous: str | None | object, date: str | None) -> list[str]:
    """Which headings open a run of ``date`` after a run of ``previous``: "year", "month", "day" or "undated".

    A new year gets a year heading; a month (if the date has one) a month heading; a day a day heading.
    Cheap (string prefixes only): the timeline counts these for every date before drawing any.
    """
    if date is None:
        return ["undated"]
    prev = previous if isinstance(previous, str) else ""
    levels = []
    if prev[:4] != date[:4]:
        levels.append("year")
    if len(date) >= 7 and prev[:7] != date[:7]:
        levels.append("month")
    if len(date) == 10 and prev[:10] != date:
        levels.append("day")
    return levels


def heading_label(level: str, date: str | None) -> str:
    if level == "undated" or date is None:
        return "Undated"
    if level == "year":
        return date[:4]
    year, month = int(date[:4]), int(date[5:7])
    if level == "month":
        return f"{calendar.month_name[month]} {year}"
    day = dt.date(year, month, int(date[8:10]))
    return f"{day:%A} {day.day} {calendar.month_name[month]} {year}"


def headings(previous: str | None | object, date: str | None) -> list[tuple[str, str]]:
    """The headings that open a run of ``date`` after a run of ``previous``: (level, label) pairs."""
    return [(level, heading_label(level, date)) for level in heading_levels(previous, date)]


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).casefold()


def matched_characters(query: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that match the query's words, allowing typos; the last word also as a prefix.

    A word of the text matches a query word within the edit distance the search tolerates (0 up to 2
    letters, 1 up to 5, else 2); only the characters the two share are marked, so a typo shows as a gap.
    """
    words = [_fold(w) for w in _WORD.findall(query)]
    if not words:
        return []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        token = _fold(m.group())
        if len(token) != len(m.group()):  # folding changed the length: mark the whole word or nothing
            if any(_close(w, token) for w in words):
                spans.append(m.span())
            continue
        for n, word in enumerate(words):
            if n == len(words) - 1 and len(word) >= 2 and token.startswith(word):
                spans.append((m.start(), m.start() + len(word)))
                break
            if _close(word, token):
                for tag, _qs, _qe, ts, te in Levenshtein.opcodes(word, token):
                    if tag == "equal":
                        spans.append((m.start() + ts, m.start() + te))
                break
    return spans


def _close(word: str, token: str) -> bool:
    limit = 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2
    return Levenshtein.distance(word, token, score_cutoff=limit) <= limit


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Break ``text`` into lines of at most ``width`` cells, at spaces where possible.

    Returns (start, end) offsets into ``text`` for each line, so a span of the text can be found on screen.
    Newlines end lines; a blank line stays a blank line.
    """
    from rich.cells import cell_len

    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        pos = start
        if pos == end:
            lines.append((pos, pos))
        while pos < end:
            # Fast path for ASCII-width text: cut at width, then back off to the last space.
            cut = min(end, pos + width)
            while cut > pos + 1 and cell_len(text[pos:cut]) > width:
                cut -= 1
            if cut < end:
                space = text.rfind(" ", pos, cut + 1)
                if space > pos:
                    cut = space + 1
            lines.append((pos, cut))
            pos = cut
        start = end + 1
    return lines


def first_carried(outlet: str | None, published: str | None) -> str:
    """Who ran a quote first: "Solby Courier (2023-06-01)"."""
    return (outlet or "unknown outlet") + (f" ({published})" if published else "")


def carried_label(copies: int, outlets: int) -> str:
    """How far a quote travelled: "5 outlets", or "2 copies" when one outlet ran it twice; "" when once."""
    if outlets > 1:
        return f"{outlets} outlets"
    return f"{copies} copies" if copies > 1 else ""
