"""Events: sentences that report something and carry a resolvable date expression."""
from __future__ import annotations

import datetime as dt

from importers.extract.boilerplate import inside
from importers.extract.dates import find_dates, guess_day_first
from importers.extract.sentences import sentence_spans
from importers.model import Event


def find_events(text: str, body_start: int, excluded: list[tuple[int, int]],
                reference: dt.date | None) -> list[Event]:
    day_first = guess_day_first(text)
    events = []
    for s, e in sentence_spans(text, body_start):
        if inside(excluded, s):
            continue
        mentions = [d for d in find_dates(text, reference, day_first=day_first, start=s, end=e)]
        if not mentions:
            continue
        # One event per sentence, dated by its most precise expression.
        rank = {"day": 4, "week": 3, "month": 3, "year": 2, "decade": 1}
        best = max(mentions, key=lambda d: (d.value is not None, rank.get(d.precision or "", 0)))
        events.append(Event(text=text[s:e], start=s, end=e, date=best.value, date_precision=best.precision if best.value else None,
                            date_text=best.text, date_start=best.start, date_end=best.end))
    return events
