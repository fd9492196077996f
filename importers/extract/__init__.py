"""Extraction: pure functions of one document's text.

``extract(document)`` returns what the document reports (publication date, quoted statements with their
speakers, dated events) without touching disk or database, so it can run in worker processes.
"""
from __future__ import annotations

import datetime as dt
import re

from importers.extract.boilerplate import find_boilerplate
from importers.extract.events import find_events
from importers.extract.published import find_published
from importers.extract.quotes import find_quotes
from importers.extract.speakers import attribute_speakers
from importers.model import Document, Extraction


def extract(document: Document, published: str | None = None) -> Extraction:
    """Everything Dateline extracts from one document; ``published`` (YYYY-MM-DD) overrides the text's date."""
    result = Extraction()
    result.boilerplate = find_boilerplate(document.text, document.body_start)
    if published:
        result.published, result.published_from = published, "option"
    elif document.published:
        result.published, result.published_from = document.published, "header"
    else:
        result.published, result.published_from = find_published(document)
    reference = dt.date.fromisoformat(result.published) if result.published else None
    result.statements = find_quotes(document.text, document.body_start, result.boilerplate)
    attribute_speakers(document.text, result.statements, document.body_start)
    result.events = find_events(document.text, document.body_start, result.boilerplate, reference)
    _date_statements(result)
    return result


_WHEN_SPOKEN = ("day", "week", "month")
_THE_SPEAKERS_DAY = ("today", "this morning", "this afternoon", "this evening", "tonight")


def _when_spoken(event) -> bool:
    """A day, week or month in the sentence; a year only as a time ("When I met him in 2022, he told me"), not
    as what the sentence is about ("Russia's 2014 annexation", "the talks of 2014")."""
    if event.date_precision in _WHEN_SPOKEN:
        return True
    before = event.text[max(0, event.date_start - event.start - 3):event.date_start - event.start]
    return event.date_precision == "year" and before.lower() == "in "


_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which|who)\s+[a-z]+")


def _told_of_something_else(statement, event) -> bool:
    """A date after the quote in a clause of its own ('"strong guidance" to end the standoff that began in May
    2020'): when the standoff began, not when they spoke."""
    if event.date_start < statement.end:
        return False
    between = event.text[max(0, statement.end - event.start):event.date_start - event.start]
    return bool(_RELATIVE_CLAUSE.search(between))


def _date_statements(result: Extraction) -> None:
    """A statement's date is the date its own sentence gives outside the quoted words, else the publication date.
    A date inside the quote, or after the publication, is what the speaker talked about or announced ("the ferry
    would sail on 3 July"), not when they spoke; so is a year that is not a time ("Russia's 2014 annexation")."""
    for statement in result.statements:
        own = next((e for e in result.events
                    if e.start <= statement.start < e.end and e.date
                    and (not statement.start <= e.date_start < statement.end  # a date the speaker talked about,
                         or e.date_text.lower().startswith(_THE_SPEAKERS_DAY))  # unless it is "today" as said
                    and _when_spoken(e) and not _told_of_something_else(statement, e)
                    and (result.published is None or e.date <= result.published)), None)
        if own:
            statement.date, statement.date_precision = own.date, own.date_precision
        elif result.published:
            statement.date, statement.date_precision = result.published, "day"
