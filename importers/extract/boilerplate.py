"""Site furniture in scraped text: donation appeals, newsletter and consent text, tag lines, share prompts,
related-post lists, comment prompts, photo captions and reference lists. It stays in the stored text; extraction skips it."""
from __future__ import annotations

import re

# A paragraph is furniture when it opens with one of these.
_FURNITURE_START = re.compile(
    r"^\s*(support us|related posts?|related articles?|read more|leave a (comment|reply)|share this|share on|"
    r"tags?\s*:|follow us|sign up|subscribe|advertisement|this div height|comments? (are|have been) closed|"
    r"you have \d+ characters)",
    re.IGNORECASE,
)
# Or when it is short, holds one of these, and speaks to the reader (an appeal, a notice): a news paragraph
# that mentions "donations" or a "newsletter" is still news.
_FURNITURE_WORDS = re.compile(
    r"\b(donations?|donate|newsletter|unsubscribe|consenting to receive|marketing emails|"
    r"cookies?|privacy policy|terms of use|subscribe today|sign up to receive|may be disseminated|"
    r"without (prior )?permission|all rights reserved|characters (left|remaining)|comments? (are|have been) closed|"
    r"log ?in to comment|be the first to comment)\b",
    re.IGNORECASE,
)
_TO_THE_READER = re.compile(r"\b(you|your|we|our|us|please|click|today|may be disseminated|"
                            r"without (prior )?permission|all rights reserved)\b|©|copyright", re.IGNORECASE)
NOTICE_MAX_WORDS = 80
# Photo captions and credits: their dates are when a picture was taken, not what the story reports.
_CAPTION_START = re.compile(
    r"\s*(\(?(photo|image|picture|caption|file photo|credit|pictured|video)\b\s*[:)|-]|"
    r"\(?(photo|image|picture)s?\s+(by|courtesy|credit))", re.IGNORECASE)
_CAPTION_LABEL = re.compile(r"(\(|\b)(photo|image|picture)\s*:\s*[^)\n]{1,60}\)?\s*$", re.IGNORECASE)
_CAPTION_SLASH = re.compile(r"/\s*(reuters|afp|ap|getty images|epa)\)?\s*$", re.IGNORECASE)
_CAPTION_AGENCY = re.compile(r"\b(?-i:REUTERS|AFP|AP|EPA)\s*/\s*[A-Z][\w.' -]{1,40}$", re.IGNORECASE)
CAPTION_MAX_WORDS = 60
# "Published 3 May 2024", "Last updated: 12:03 PM EST, March 3, 2023": the page's stamps, not events.
# (Perhaps after a few short fields set off by bars or bullets: "PTI | Istanbul | Updated: 29-03-2022 18:49 IST".)
_STAMP = re.compile(r"\s*(?:[^\n|·•]{1,30}[|·•]\s*){0,3}(first |last )?(published|updated|posted)( on)?\b",
                    re.IGNORECASE)
STAMP_MAX_WORDS = 14
_CAPTION_HINTS = ("photo", "image", "picture", "caption", "credit", "video", "/")
_NOTICE_HINTS = ("donat", "newsletter", "subscri", "consenting", "marketing", "cookie", "privacy", "terms of",
                 "sign up", "disseminated", "permission", "reserved", "characters", "comment")
# A numbered reference to a cited article: 0. “Headline” Outlet, 22 Feb. 2023,
_REFERENCE = re.compile(r"^\s*\[?\d{1,3}[.\]]\s*[\"“‘'].+[\"”’'].*\d{4}", re.MULTILINE)


# A heading alone on its line after which a page lists other stories (their headlines and openings are furniture
# until the article's own text goes on).
_MORE_STORIES = re.compile(r"\s*(related (news|stories|articles|posts|content|coverage|reading|topics)|"
                           r"read (more|also)|also read|more (stories|news|from [\w ]{1,30})|you may (also )?like|"
                           r"recommended( for you)?|most (read|popular|viewed)|trending( now| stories)?|see also)"
                           r"\s*:?\s*$", re.IGNORECASE)


def find_boilerplate(text: str, start: int = 0) -> list[tuple[int, int]]:
    spans = []
    teasers = False  # inside a "Related News" list
    for s, e in _paragraphs(text, start):
        block = text[s:e]
        if e - s <= 40 and _MORE_STORIES.match(block):
            spans.append((s, e))
            teasers = True
            continue
        if teasers:
            if _is_teaser(block):
                spans.append((s, e))  # another story's headline or opening, and its date
                continue
            teasers = False  # the article goes on ("Also read" mid-story)
        low = block.lower()
        words = block.count(" ") + 1  # about the number of words; exact counting costs more than it tells
        # Substring tests first: they are much cheaper than the patterns, which most paragraphs never need.
        if (_FURNITURE_START.match(block) or _REFERENCE.match(block)
                or (words <= STAMP_MAX_WORDS and _STAMP.match(block))
                or (words <= CAPTION_MAX_WORDS and _holds_any(low, _CAPTION_HINTS) and _is_caption(block))
                or (words <= NOTICE_MAX_WORDS and _holds_any(low, _NOTICE_HINTS)
                    and _FURNITURE_WORDS.search(block) and _TO_THE_READER.search(block))):
            spans.append((s, e))
    return spans


def _is_teaser(block: str) -> bool:
    """A line of a list of other stories: a short headline, or an opening cut off with "Read more"."""
    words = block.split()
    return len(words) < 12 or block.rstrip().lower().endswith("read more") or (
        len(words) < 25 and block.rstrip()[-1:] not in ".!?\"”’")


def _holds_any(low: str, hints: tuple[str, ...]) -> bool:
    for hint in hints:  # (a loop, not any(): a generator costs more than most of the tests)
        if hint in low:
            return True
    return False


def _is_caption(block: str) -> bool:
    """A caption or a credit line. (Each form is its own pattern, tried only when the block holds the colon or
    slash the form needs: one pattern of them all tried at every character cost more than the rest of this
    module.)"""
    return bool(_CAPTION_START.match(block) or (":" in block and _may_hold(block, _LABEL_WORDS)
                                                 and _CAPTION_LABEL.search(block))
                or ("/" in block and (_CAPTION_SLASH.search(block)
                                      or _holds_any(block, _AGENCIES) and _CAPTION_AGENCY.search(block))))


# What the label and agency forms need somewhere in the block: those two patterns open with \b, which re tries at
# every character. (The agencies are written in capitals; a label word in any case, so also the letters that re's
# IGNORECASE takes for an i and that lower() does not turn into one.)
_LABEL_WORDS = ("photo", "image", "picture")
_AGENCIES = ("REUTERS", "AFP", "AP", "EPA")


def _may_hold(block: str, words: tuple[str, ...]) -> bool:
    return _holds_any(block.lower(), words) or "\u0130" in block or "\u0131" in block


def _paragraphs(text: str, start: int):
    """Paragraph spans: blank-line separated blocks, and single lines when the file has no blank lines."""
    pos = start
    for line in text[start:].split("\n"):
        e = pos + len(line)
        if line.strip():
            yield pos, e
        pos = e + 1


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    for s, e in spans:  # (a loop, not any(): most lists are empty, and a generator costs more than the test)
        if s <= pos < e:
            return True
    return False
