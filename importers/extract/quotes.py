"""Quoted statements: spans of quoted words in every quoting style news uses.

Straight and curly, double and single; a single straight mark doubles as an apostrophe (Xi's, Nations',
can't), so a single mark opens a quote only at the start of a word and closes only at the end of one.
"""
from __future__ import annotations

import re

from importers.extract.boilerplate import inside
from importers.model import Statement

_OPENERS = {"“": "”\"", "\"": "\"”", "‘": "’'", "'": "'’", "«": "»", "„": "“”\"", "''": "''"}
_WORD = re.compile(r"\w")
PHRASE_MAX_WORDS = 5


def _is_word_char(ch: str) -> bool:
    return bool(ch) and bool(_WORD.match(ch))


def find_quotes(text: str, body_start: int = 0, excluded: list[tuple[int, int]] = ()) -> list[Statement]:
    quotes: list[Statement] = []
    i, n = body_start, len(text)
    while i < n:
        ch = text[i]
        mark = "''" if text.startswith("''", i) else ch
        if mark not in _OPENERS or inside(excluded, i) or not _can_open(text, i, mark):
            i += 1
            continue
        close = _find_close(text, i + len(mark), mark)
        if close is None:
            i += len(mark)
            continue
        s, e = i + len(mark), close
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        words = text[s:e].split()
        if words and any(_is_word_char(c) for c in text[s:e]):
            kind = "phrase" if len(words) <= PHRASE_MAX_WORDS else "statement"
            quotes.append(Statement(text=text[s:e], start=s, end=e, kind=kind))
        i = close + (2 if mark == "''" else 1)
    return quotes


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if after.isspace():
        return False
    if mark in ("'", "‘", "''"):
        return not _is_word_char(before)
    if mark == "\"":
        return not _is_word_char(before) or before.isdigit() is False and before in "([—–-"
    return True


def _find_close(text: str, start: int, opener: str) -> int | None:
    """Offset of the closing mark, within the paragraph (a multi-paragraph quote closes at its end)."""
    closers = _OPENERS[opener]
    para_end = text.find("\n\n", start)
    line_end = text.find("\n", start)
    limit = len(text) if para_end < 0 else para_end
    j = start
    while j < limit:
        ch = text[j]
        if opener == "''":
            if text.startswith("''", j):
                return j
        elif ch in closers:
            after = text[j + 1] if j + 1 < len(text) else " "
            before = text[j - 1]
            if ch in "'’" and (_is_word_char(after) or before.isspace()):
                j += 1  # an apostrophe inside a word, or a mark that opens the next quote
                continue
            return j
        elif ch == "\n" and opener in "'‘" and j == line_end:
            return None  # single marks do not span lines
        j += 1
    # Unclosed: a quote that runs on to the next paragraph, which reopens with the same mark.
    if para_end >= 0 and text[para_end:].lstrip("\n ").startswith(opener) and opener in "“\"«":
        return para_end
    return None
