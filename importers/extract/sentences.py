"""Sentence spans in news text, offsets into the text. Abbreviations and initials do not end a sentence."""
from __future__ import annotations

import re

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "st", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "fig", "approx",
}
# A sentence ends at . ! ? (after any closing marks and footnote numbers such as "[3]") before a capital (or an
# opening mark before it, old wire copy's `` among them), or at
# a line break. (The pattern opens with a character class so that re's scan skips the other characters in C;
# the look-behinds then tell which of the ends the character opened.)
_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’']*(?:\[\d{1,3}\])*(?=\s+[\"“‘'`(\[]{0,2}[A-Z0-9])"
                  r"|(?<=\n)(?:\s*\n|(?=\s*[-•*]\s)|))")


def wrap_width(text: str, start: int = 0) -> int | None:
    """The line width of hard-wrapped text (lines of ~70 characters, where only a blank line or a short line ends
    a paragraph), or None for text whose line breaks end paragraphs."""
    breaks, blank = text.count("\n", start), text.count("\n\n", start)
    if breaks - blank < 5 or blank >= (breaks + 1 - blank) // 2:
        return None  # (the cheap test first, on counts: most text has a blank line between paragraphs)
    lines = [ln for ln in text[start:].split("\n") if ln.strip()]
    if len(lines) < 6 or blank >= len(lines) // 2:
        return None
    lengths = sorted(map(len, lines))
    median = lengths[len(lengths) // 2]
    return median if 30 <= median <= 90 and lengths[-1] <= 100 else None


_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_last: tuple = (None, 0, 0, [])


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of text[start:end]. Speakers and events both read one document's sentences: the last
    result is kept (callers must not change the list)."""
    global _last
    end = len(text) if end is None else end
    if _last[0] is text and _last[1] == start and _last[2] == end:
        return _last[3]
    spans = []
    append = spans.append
    rfind = text.rfind
    pos = start
    # The characters an end opens with, found with str.find (in C, far faster than re's scan for a character
    # class), and the pattern tried at each in order: the matches _END.finditer would give.
    marks = []
    for ch in ".!?\n":
        i = text.find(ch, start, end)
        while i >= 0:
            marks.append(i)
            i = text.find(ch, i + 1, end)
    marks.sort()
    match = _END.match
    scanned = start  # where the last match ended: a mark before it is part of that match
    width = wrap_width(text, start) if marks and text.find("\n", start, end) >= 0 else None
    # (This loop runs for every full stop of every document: plain comparisons rather than max(), and each
    # character looked up once.)
    for stop in marks:
        if stop < scanned:
            continue
        m = match(text, stop, end)
        if m is None:
            continue
        after = scanned = m.end()
        mark = text[stop]
        if mark == ".":
            lo = stop - 12
            if lo < pos:
                lo = pos
            word = text[rfind(" ", lo, stop) + 1 or lo:stop]
            if word.isalnum():  # the usual case, without a pattern: a plain word before the stop
                if len(word) == 1 or word.lower() in ABBREVIATIONS:
                    continue
            else:
                found = _WORD_BEFORE_STOP.search(text, lo, stop + 1)
                if found and (found[1].lower() in ABBREVIATIONS or len(found[1]) == 1
                              or _INITIALS.fullmatch(found[1])):  # initials: G.K.
                    continue
            cut = after
        elif mark == "\n":
            if width and after == stop + 1 and stop - rfind("\n", 0, stop) > 0.8 * width:
                continue  # a full line of hard-wrapped text: the sentence goes on on the next one
            cut = stop
        else:
            cut = after
        part = text[pos:cut]
        right = part.rstrip()
        if right:
            append((cut - len(part.lstrip()), pos + len(right)))
        pos = after
    part = text[pos:end]
    right = part.rstrip()
    if right:
        append((end - len(part.lstrip()), pos + len(right)))
    if text.find(")", start, end) >= 0:  # (only a sentence that holds one can be cut in two)
        spans = [part for span in spans
                 for part in (_after_stray_parenthesis(text, *span) if text.find(")", *span) >= 0 else (span,))]
    _last = (text, start, end, spans)
    return spans


_STRAY_CLOSE = re.compile(r"\)\s+(?=[\"“‘'(]?[A-Z])")


def _after_stray_parenthesis(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A parenthesis closed in a sentence that did not open it ends what the earlier sentence began: "(Frigates
    leave harbour. Meridian pic) VALDOR CITY: Valdoria said..." The caption's tail is not the report's start."""
    close = text.find(")", s, e)
    if close < 0 or "(" in text[s:close]:
        return [(s, e)]
    m = _STRAY_CLOSE.match(text, close)
    if m is None or m.end() >= e:
        return [(s, e)]
    return [(s, close + 1), (m.end(), e)]
