"""Events: what a sentence reports at a date it gives.

One event per date expression: "talks stalled between November 2022 and March 2023" becomes two events, one
at each end, because the export contract carries one date per event and a chronology should show both. The
same date written twice in one sentence ("on Friday, the 3rd") is one event. Not events: lines holding only
a date (a live blog's day heading; a video's age, "10 years ago"), the dates of cited references ("“Headline”
Outlet, 12 Feb. 2023"), headers and site furniture.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from importers.extract.boilerplate import inside
from importers.extract.dates import DateMention, find_dates
from importers.extract.published import dateline_span
from importers.extract.sentences import sentence_spans
from importers.model import Event

# A date that closes a citation: after a quoted headline and an outlet, or inside "(Outlet, date)".
# (The pattern opens with one character class, which re's scan skips to in C; look-behinds tell which it was.)
_CITATION_BEFORE = re.compile(r"[”\"’(](?:(?<=[”\"’])\s*[A-Z][\w .&'’-]{0,50}|(?<=\()\s*[A-Z][\w .&'’-]{0,40}),\s*$")


def find_events(text: str, body_start: int, excluded: list[tuple[int, int]],
                reference: dt.date | None) -> list[Event]:
    mentions = find_dates(text, reference, start=body_start)
    if not mentions:
        return []
    dateline = dateline_span(text, body_start) or (0, 0)
    sentences = sentence_spans(text, body_start)
    sentence_starts = [s for s, _ in sentences]
    events: list[Event] = []
    seen: dict[tuple[str | None, str | None], int] = {}  # the dates of the current sentence
    current = -1
    for d in mentions:  # in order of their starts, so sentence by sentence
        k = bisect.bisect_right(sentence_starts, d.start) - 1
        if k < 0 or d.start >= sentences[k][1]:
            continue  # between sentences
        s, e = sentences[k]
        if k != current:
            current, seen = k, {}
        if d.kind == "heading" or inside(excluded, d.start) or _is_citation(text, d, s):
            continue
        if d.rule == "ago" and not (text[s:d.start] + text[d.end:e]).strip(_ONLY_PUNCTUATION):
            continue  # "10 years ago" alone on its line: a video's age, a label; it reports nothing
        if dateline[0] <= d.start < dateline[1] and not text[dateline[1]:e].strip(" ./-–—"):
            continue  # a dateline split off as a sentence of its own reports nothing
        event = Event(text=text[s:e], start=s, end=e, date=d.value,
                      date_precision=d.precision if d.value else None,
                      date_text=d.text, date_start=d.start, date_end=d.end)
        key = (d.value, d.precision) if d.value else (d.text.lower(), None)
        if key in seen:
            # The same date twice: keep the words of the sentence over the dateline's stamp.
            kept = seen[key]
            if dateline[0] <= events[kept].date_start < dateline[1]:
                events[kept] = event
            continue
        seen[key] = len(events)
        events.append(event)
    return events


_ONLY_PUNCTUATION = " \t\n.,:;|-–—()[]"


def _is_citation(text: str, d: DateMention, sentence_start: int) -> bool:
    return d.precision == "day" and bool(_CITATION_BEFORE.search(text[max(sentence_start, d.start - 80):d.start]))
