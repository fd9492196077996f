"""Site furniture in scraped text: donation appeals, newsletter and consent text, tag lines, share prompts,
related-post lists, comment prompts and reference lists. It stays in the stored text; extraction skips it."""
from __future__ import annotations

import re

# A paragraph is furniture when it matches one of these.
_FURNITURE = re.compile(
    r"^\s*(support us|related posts?|related articles?|read more|leave a (comment|reply)|share this|share on|"
    r"tags?\s*:|follow us|sign up|subscribe|advertisement|this div height)"
    r"|\b(donations?|donate|newsletter|unsubscribe|consenting to receive|marketing emails|"
    r"may be disseminated|without permission|all rights reserved|cookie|privacy policy|terms of use|"
    r"subscribe today|sign up to receive)\b",
    re.IGNORECASE,
)
# A numbered reference to a cited article: 0. “Headline” Outlet, 22 Feb. 2023,
_REFERENCE = re.compile(r"^\s*\[?\d{1,3}[.\]]\s*[\"“‘'].+[\"”’'].*\d{4}", re.MULTILINE)


def find_boilerplate(text: str, start: int = 0) -> list[tuple[int, int]]:
    spans = []
    for s, e in _paragraphs(text, start):
        block = text[s:e]
        if _FURNITURE.search(block) or _REFERENCE.match(block):
            spans.append((s, e))
    return spans


def _paragraphs(text: str, start: int):
    """Paragraph spans: blank-line separated blocks, and single lines when the file has no blank lines."""
    pos = start
    for m in re.finditer(r"\n", text[start:]):
        e = start + m.start()
        if text[pos:e].strip():
            yield pos, e
        pos = e + 1
    if text[pos:].strip():
        yield pos, len(text)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)
