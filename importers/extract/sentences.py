"""Sentence spans in news text, offsets into the text. Abbreviations and initials do not end a sentence."""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "st", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "mt", "ft", "fig", "approx",
}
# A sentence ends at . ! ? (after any closing marks and footnote numbers such as "[3]") before a capital.
_END = re.compile(r"[.!?]+[\"”’']*(?:\[\d{1,3}\])*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-•*]\s)|\n")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _END.finditer(text, start, end):
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)\.$", text[max(pos, m.start() - 12): m.start() + 1])
            if word and (word[1].lower() in _ABBREVIATIONS or len(word[1]) == 1
                         or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word[1])):  # initials: G.K.
                continue
        stop = m.end() if not m.group().isspace() else m.start()
        if text[pos:stop].strip():
            spans.append(_trim(text, pos, stop))
        pos = m.end()
    if text[pos:end].strip():
        spans.append(_trim(text, pos, end))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
