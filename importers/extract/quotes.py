"""Quoted statements: spans of quoted words in every quoting style news uses.

Marks are read in one pass over the text. Straight and curly, double and single, mixed pairs (‘rock solid'),
doubled apostrophes (''...'') and ``backticks'', guillemets (« spaced » too); a quote in one family may hold a
quote in the other (nested quotes stay part of the outer statement). A single straight mark doubles as an
apostrophe (Xi's, Nations', can't): it opens only at the start of a word and closes only at the end of one. A
quote running over several paragraphs reopens its mark on each paragraph and closes only on the last: each
paragraph is a statement.

Transcript turns are statements without marks: "VARGA: ...", "ARI FLEISCHER, PRESS SECRETARY: ...", a title-case
name that opens two turns or more ("Mao Ning: ..."), a label alone on its line, the answers of a "Q:"/"A:"
interview (also when the answers carry no label). A turn runs over its paragraphs to the next label; questions
are not statements. Neither are titles of works, nicknames, numbers and stage directions in marks.
"""
from __future__ import annotations

import re

from importers.extract.boilerplate import inside
from importers.extract.cues import CUE
from importers.extract.sentences import wrap_width
from importers.model import Statement

PHRASE_MAX_WORDS = 5
MAX_QUOTE_CHARS = 5000
DOUBLE, SINGLE = "double", "single"
_FAMILY = {"“": DOUBLE, "”": DOUBLE, "\"": DOUBLE, "„": DOUBLE, "«": DOUBLE, "»": DOUBLE, "''": DOUBLE, "``": DOUBLE,
           "‘": SINGLE, "’": SINGLE, "'": SINGLE, "‹": SINGLE, "›": SINGLE}
_OPEN_ONLY = {"“", "„", "«", "‘", "‹", "``"}  # ``old wire copy'' opens with two backticks
_CLOSE_ONLY = {"”", "»", "’", "›"}
_SPACED = {"«", "»", "‹", "›"}  # guillemets, as French typesetting spaces them: « Non » (they mean nothing else)
_MARK_CHARS = "\"“”„«»‘’'‹›`"
_WORD = re.compile(r"\w")
_LETTER = re.compile(r"[^\W\d_]")
# Turns of a transcript: "VARGA:" or "Anika Varga:" opening a line; questions from the host are not statements.
# The label may carry a role ("ARI FLEISCHER, WHITE HOUSE PRESS SECRETARY:") or a marker before it ("[*] TRUMP:"),
# and stand alone on its line, the words on the next ("RYABKOV:").
_TURN_BODY = (r"[ \t]*(?:\[[^\]\n]{0,5}\][ \t]*)?(?P<label>[QA](?=:)|[A-Z][A-Z.'’ -]{1,30}(?:,[ \t]*[A-Z][A-Z.'’ &-]{1,50})?|"
              r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}):(?:[ \t]+(?=\S)|(?P<alone>[ \t]*\n[ \t]*(?=\S))|"
              r"(?<=[A-Z]:)(?=[A-Z][a-z]))")  # ("JS:First of all": initials, no space)
_TURN = re.compile("^" + _TURN_BODY, re.MULTILINE)
_TURN_AFTER_BREAK = re.compile("\n" + _TURN_BODY)
_HOST_LABELS = {"interviewer", "host", "moderator", "anchor", "q", "question", "presenter", "reporter",
                "announcer", "caller", "audience", "narrator", "crosstalk", "voice", "unidentified"}
_NOT_TURN_LABELS = {"date", "published", "updated", "posted", "author", "authors", "by", "source", "outlet",
                    "section", "url", "title", "guest", "guests", "byline", "tags", "photo", "image", "note",
                    "editor's note", "update", "correction", "read more", "related", "watch", "listen",
                    "transcript", "subject", "to", "from", "cc", "re", "file", "credit", "also read",
                    "read also", "see also", "more", "recommended", "trending", "advertisement", "follow us", "share",
                    "comments", "topics", "keywords", "latest", "top stories", "most read", "reporting", "writing",
                    "editing", "additional reporting", "caption", "video", "audio", "location", "time", "place",
                    "venue", "contact", "email", "phone", "tel", "fax", "website", "address"}
# Titles of works: title case after a word that introduces one; nicknames after "dubbed", "nicknamed".
_WORK_CUE = re.compile(
    r"(?:\b(?:book|books|memoir|novel|film|movie|documentary|series|show|programme|program|podcast|episode|"
    r"song|album|single|play|musical|poem|essay|article|column|op-ed|editorial|report|paper|headline|"
    r"anthem|hymn|rendition of|tune|track|motto|"
    r"titled|entitled|headlined|called|named|dubbed|nicknamed|known as|so-called|self-styled|on|in|of|at|"
    r"for|from|to|by|and|with|the|host of|anchor of)|['’]s)[,:]?\s*$",
    re.IGNORECASE,
)
_CUE_WORD = re.compile(rf"\b{CUE}\b")
_REPORTED = re.compile(rf"\b{CUE}\b[^\"“”‘’']{{0,25}}[,:]\s*$")
_WORK_AFTER = re.compile(r"\s*(?:radio|tv|television|talk|morning|news)?\s*(?:program|programme|show|series|"
                         r"podcast|documentary|film|movie|book|novel|song|album|anthem|segment|column|broadcast)\b",
                         re.IGNORECASE)
_NAME_ENDINGS = {"forum", "summit", "conference", "act", "plan", "initiative", "award", "awards", "prize", "day",
                 "week", "show", "hour", "program", "programme", "project", "fund", "rule", "doctrine", "festival",
                 "tour", "series", "cup", "agreement", "accord", "treaty", "report", "review"}
_FUNCTION_WORDS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "the", "a", "an", "and",
                   "or", "but", "of", "to", "in", "on", "is", "was", "not", "no", "yes", "this", "that"}
_HEADLINE_CUE = re.compile(r"\b(?:headlined|titled|entitled|under the (?:headline|title))[,:]?\s*$",
                           re.IGNORECASE)
_NICKNAME_CUE = re.compile(r"\b(?:dubbed|nicknamed|known as|self-styled|alias)(?:\s+(?:him|her|them|it))?\s*$",
                           re.IGNORECASE)
_HANDLE_OR_LINK = re.compile(r"[@#]?\w+|\S*(?:https?://|www\.|\.com|\.org)\S*")
_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "is",
                "as", "vs", "vs.", "de", "la", "le", "&", "-", "–", "—", "but", "nor", "so", "up"}


def _word_char(ch: str) -> bool:
    return bool(ch) and bool(_WORD.match(ch))


def hard_wrapped(text: str, start: int = 0) -> bool:
    """Text broken into lines of ~70 characters, where only a blank line ends a paragraph."""
    return wrap_width(text, start) is not None


def _roles(text: str, pos: int, mark: str) -> tuple[bool, bool]:
    """Whether the mark at ``pos`` can open and/or close a quote, from the characters around it."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark in _OPEN_ONLY:
        if mark == "‘" and _word_char(before) and _word_char(after):
            return False, False  # used as an apostrophe
        return mark in _SPACED or not after.isspace(), False
    if mark in _CLOSE_ONLY:
        if mark == "’" and _word_char(before) and _word_char(after):
            return False, False  # Xi’s, can’t
        return False, mark in _SPACED or not before.isspace()
    if mark in ("'", "''"):
        if _word_char(before) and _word_char(after):
            return False, False
        opens = not _word_char(before) and not after.isspace() and after not in "'’"
        if mark == "'" and opens and re.match(r"\d\ds\b|n\b|em\b|til\b|tis\b", text[pos + 1: pos + 5]):
            opens = False  # '90s, rock 'n' roll, 'em
        closes = not before.isspace() and not _word_char(after)
        return opens, closes
    # straight double mark: opens after a space or an opening bracket, closes after a word or punctuation
    if before.isspace() and (after.isspace() or after in ".,;:!?)"):
        return False, True  # a closing mark set off by a space: 'outreach,' " he told
    if before.isspace() or before in "([{/:":
        return not after.isspace(), False
    if before in "—–-":
        ends = after.isspace() or after in ".,;:!?)"
        return not ends, ends
    return False, True


def _scan(text: str, body_start: int, wrapped: bool, inner_quotes: list | None = None):
    """Top-level quotes: (open mark start, inner start, inner end, close mark end, continued). Quotes nested
    in them go to ``inner_quotes`` as (open mark start, inner start, inner end, outer inner start)."""
    marks = _marks(text, body_start)
    found = []
    i, n = 0, len(marks)
    while i < n:
        pos, mark = marks[i]
        opens, _ = _roles(text, pos, mark)
        if not opens:
            i += 1
            continue
        family = _FAMILY[mark]
        nested: list[str] = []  # families of quotes opened inside this one
        nested_at: list[tuple[int, str]] = []
        inner: list[tuple[int, int, int, int]] = []
        j = i + 1
        result = None
        line_end = text.find("\n", pos)  # the marks and the line ends after the opening mark, in order
        while True:
            if line_end >= 0 and (j >= n or line_end < marks[j][0]):
                if line_end - pos > MAX_QUOTE_CHARS:
                    break  # no quote runs this long inside one paragraph: a stray mark
                if wrapped and not text[line_end + 1: line_end + 2] == "\n" and text[line_end + 1: line_end + 2].strip():
                    line_end = text.find("\n", line_end + 1)
                    continue
                result = _unclosed(text, pos, mark, line_end)
                break
            if j >= n:
                result = _unclosed(text, pos, mark, len(text))
                break
            p, mk = marks[j]
            if p - pos > MAX_QUOTE_CHARS:
                break
            o, c = _roles(text, p, mk)
            fam = _FAMILY[mk]
            if c and nested and fam == nested[-1]:
                nested.pop()
                at, opener = nested_at.pop()
                inner.append((at, at + len(opener), p, pos + len(mark)))
            elif c and fam == family:
                if mk in ("'", "’") and _weak_close(text, p, marks, j):
                    j += 1
                    continue
                result = (pos, pos + len(mark), p, p + len(mk), False)
                break
            elif o and (fam != family or mk != mark):
                nested.append(fam)
                nested_at.append((p, mk))
            j += 1
        if result is None:
            i += 1
            continue
        found.append(result)
        if inner_quotes is not None:
            inner_quotes.extend(q for q in inner if q[2] <= result[2])
        close_end = result[3]
        while i < n and marks[i][0] < close_end:
            i += 1
    return found


def _marks(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, mark) of every quotation mark from ``start`` on; a doubled apostrophe is one mark. Found with
    str.find, one mark character at a time: four times faster than a pattern over every character."""
    found = []
    for ch in _MARK_CHARS:
        i = text.find(ch, start)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    marks = []
    paired = -1  # the second apostrophe of a doubled one
    for i in found:
        if i == paired:
            continue
        if text[i] in "'`" and text[i + 1: i + 2] == text[i]:
            marks.append((i, text[i] * 2))
            paired = i + 1
        elif text[i] == "`":
            continue  # a lone backtick is no quotation mark
        else:
            marks.append((i, text[i]))
    return marks


def _weak_close(text: str, pos: int, marks, j: int) -> bool:
    """A plural possessive ('the Nations' votes are symbolic,') when a closing mark that ends a clause
    follows in the same line."""
    if not (text[pos - 1: pos] == "s" and re.match(r"['’]\s+[a-z]", text[pos: pos + 3])):
        return False
    line_end = text.find("\n", pos)
    for p, mk in marks[j + 1:]:
        if 0 <= line_end < p:
            return False
        opens, closes = _roles(text, p, mk)
        if opens and not closes:
            return False
        if mk in ("'", "’") and closes and (text[p - 1] in ",.!?;:" or text[p + 1: p + 2] in (",", ".", "!", "?", ";", ":")):
            return True
    return False


def _unclosed(text: str, open_pos: int, mark: str, para_end: int):
    """A quote whose paragraph ends before its closing mark: kept when it reads like speech."""
    if _FAMILY[mark] != DOUBLE:
        return None
    inner = text[open_pos + len(mark): para_end]
    following = text[para_end:].lstrip()
    continued = bool(following) and following[0] in "\"“„«" or following[:2] in ("''", "``")
    line_start = text.rfind("\n", 0, open_pos) + 1
    lead = text[line_start:open_pos].rstrip()
    if not continued and (not lead or lead[-1] not in ".!?:,—–-" or not _CUE_WORD.search(lead)):
        return None  # a stray mark, unless someone was just quoted: he said. "Nobody wanted to hear it.
    if len(inner.split()) < 3:
        return None
    return open_pos, open_pos + len(mark), para_end, para_end, continued


def find_quotes(text: str, body_start: int = 0, excluded: list[tuple[int, int]] = ()) -> list[Statement]:
    wrapped = hard_wrapped(text, body_start)
    quotes: list[Statement] = []
    inner_quotes: list[tuple[int, int, int, int]] = []
    for open_pos, s, e, close_end, _continued in _scan(text, body_start, wrapped, inner_quotes):
        if inside(excluded, open_pos):
            continue
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        inner = text[s:e]
        if not _is_statement(text, open_pos, inner, close_end):
            continue
        quotes.append(Statement(text=inner, start=s, end=e, kind=_kind(inner, text, close_end)))
    for open_pos, s, e, outer_start in inner_quotes:
        # a quote reported inside a quote: "he told me, ‘the pipe is worth more than the river,’ and ..."
        if _REPORTED.search(text, outer_start, open_pos) and len(text[s:e].split()) >= 3:
            quotes.append(Statement(text=text[s:e].strip(), start=s, end=e, kind=_kind(text[s:e])))
    quotes.extend(_transcript_turns(text, body_start, excluded, quotes))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _kind(inner: str, text: str = "", close_end: int = 0) -> str:
    n = len(inner.split())
    if n > PHRASE_MAX_WORDS:
        return "statement"
    if n >= 3 and inner[:1].isupper():
        last = inner.rstrip()[-1:]
        if last in ".!?…":
            return "statement"
        # "We have waited long enough," she said: a clause broken off by its attribution, not a term
        if last == "," and _cue_soon(text, close_end):
            return "statement"
    return "phrase"


_CLAUSE_WORD = re.compile(r"(?!(?:and|but|or|while|as|then|which|who|that)\b)[\w.'’-]+,?\s+")
_SPACE_OR_COMMA = re.compile(r"[\s,]*")


def _cue_soon(text: str, pos: int) -> bool:
    """A cue verb a few words after a quote's closing mark, in the same clause ("she says", "said Varga"; not
    '"Operation Calm Water," and the union spoke of'). (Word by word with the module's cue pattern: one more
    pattern holding every cue verb would cost milliseconds to compile at each start.)"""
    pos = _SPACE_OR_COMMA.match(text, pos).end()
    for _ in range(9):
        if _CUE_WORD.match(text, pos):
            return True
        word = _CLAUSE_WORD.match(text, pos)
        if word is None:
            return False
        pos = word.end()
    return False


def _is_statement(text: str, open_pos: int, inner: str, close_end: int) -> bool:
    first = _LETTER.search(inner, 0, 60)
    if first is None or _LETTER.search(inner, first.end(), 60) is None:
        return False  # numbers, ids, single letters: fewer than two letters in the first 60 characters
    if inner.startswith("(") and inner.rstrip(".,").endswith(")"):
        return False  # stage directions: (CROSSTALK)
    if _HANDLE_OR_LINK.fullmatch(inner):
        if not inner.isalpha() or len(inner) > 20:
            return False  # handles, links
    if inner.strip(" .,!?").lower() in _FUNCTION_WORDS:
        return False  # the word itself: "he" or "she"
    lead = text[max(0, open_pos - 40): open_pos]
    if _may_name_or_title(lead) and (_NICKNAME_CUE.search(lead) or _HEADLINE_CUE.search(lead)):
        return False  # a nickname, or the headline of a cited article in any case
    if len(inner.split()) <= 8 and inner.rstrip()[-1:] not in ".!?…,;:" and _alone_on_its_line(text, open_pos, close_end):
        return False  # ‘Make Brexit work’ on a line of its own: a subheading, not someone's words
    if _title_case(inner) and not inner.rstrip().endswith(("!", "?")):
        follow = text[close_end: close_end + 30]
        line_start = text.rfind("\n", 0, open_pos) + 1
        line_end = text.find("\n", close_end)
        alone = not text[line_start:open_pos].strip() and not text[close_end: None if line_end < 0 else line_end].strip()
        last = inner.strip(" .,;:").split()[-1].lower() if inner.strip(" .,;:") else ""
        if (_WORK_CUE.search(lead) or _WORK_AFTER.match(follow) or alone or last in _NAME_ENDINGS):
            return False  # a title, a heading, the name of a show or an event
    return True


_NAMING_WORDS = ("dubbed", "nicknamed", "known as", "self-styled", "alias", "headlined", "titled", "entitled",
                 "under the")
# Letters re's IGNORECASE takes for i or s that lower() does not turn into them.
_OTHER_I_AND_S = ("\u0130", "\u0131", "\u017f")


def _may_name_or_title(lead: str) -> bool:
    """Whether the words before a quote hold one of the words the nickname and headline cues need (substring
    tests: the patterns, which open with \\b, are tried at every character)."""
    low = lead.lower()
    for word in _NAMING_WORDS:
        if word in low:
            return True
    for letter in _OTHER_I_AND_S:
        if letter in lead:
            return True
    return False


def _alone_on_its_line(text: str, open_pos: int, close_end: int) -> bool:
    line_start = text.rfind("\n", 0, open_pos) + 1
    line_end = text.find("\n", close_end)
    return not text[line_start:open_pos].strip() and not text[close_end: None if line_end < 0 else line_end].strip()


def _title_case(inner: str) -> bool:
    """Every word but the small ones capitalised: "Salt and Iron", "The River Between Us"."""
    ws = inner.strip(" ,.;:").split()
    if not ws:
        return False
    first = ws[0]
    for w in ws:  # (the first word always counts, even when it is a small one)
        if not (w[:1].isupper() or w[:1].isdigit()) and (w is first or w.lower() not in _SMALL_WORDS):
            return False
    return not (len(ws) == 1 and first.isupper())


def _transcript_turns(text: str, body_start: int, excluded, quotes: list[Statement]) -> list[Statement]:
    labels = _transcript_labels(text)
    turns = [(line_start, m) for line_start, m in _turns(text, body_start) if _turn_label(m, labels)]
    if len(turns) < 2:
        return []
    inside_quotes = [(q.start - 1, q.end + 1) for q in quotes]
    found = []
    unlabelled = answers_unlabelled(labels)
    for k, (line_start, m) in enumerate(turns):
        if inside(excluded, line_start) or inside(inside_quotes, line_start):
            continue
        host = _is_host(m["label"])
        if host and not unlabelled:
            continue
        # The turn runs over the paragraphs after its line, to the next turn; after an unanswered "Q:" line,
        # those paragraphs are the answer.
        next_turn = turns[k + 1][0] if k + 1 < len(turns) else len(text)
        for n, (s, e) in enumerate(_turn_paragraphs(text, m.end(), next_turn)):
            if host and not n:
                continue
            if inside(excluded, s) or inside(inside_quotes, s) or text[s] in "\"“'‘":
                if n:
                    break
                continue
            if n and (not _speech_like(text[s:e]) or _LABEL_LIKE.match(text, s)):
                break  # another's label, "Answers to media questions:", a closing credit: the turn is over
            if not n and text[e - 1] == "?" and not _continued(text, e, next_turn):
                break  # a question put by whoever holds the microphone
            found.append(Statement(text=text[s:e], start=s, end=e, kind="statement"))
    return found


MAX_TURN_PARAGRAPHS = 12
_LABEL_LIKE = re.compile(r"[A-Z][\w.'’ -]{0,40}:\s")  # "NPA reporter: ...": whoever it is, another turn


def _turn_paragraphs(text: str, start: int, stop: int):
    """(start, end) of the turn's first line and of each line after it up to ``stop``, without blank lines."""
    pos = start
    for _ in range(MAX_TURN_PARAGRAPHS):
        if pos >= stop:
            return
        e = text.find("\n", pos, stop)
        e = stop if e < 0 else e
        s, end = pos, e
        while end > s and text[end - 1].isspace():
            end -= 1
        while s < end and text[s].isspace():
            s += 1
        if end > s:
            yield s, end
        pos = e + 1


def _continued(text: str, end: int, next_turn: int) -> bool:
    """Whether words follow a turn's first line before the next turn."""
    return bool(text[end:next_turn].strip())


def _speech_like(line: str) -> bool:
    return len(line.split()) >= 5 and line.rstrip()[-1:] in ".!?…\"”’'"


def _turns(text: str, start: int):
    """(line start, match) of each line from ``start`` on that opens like a transcript turn. The lines after
    the first are found by their line break: re finds a "\\n" far faster than a "^" that may match anywhere."""
    if text.find(":", start) < 0:
        return  # a turn's label ends in a colon and a space or a line break: none, no turns (the usual case)
    if start == 0 or text[start - 1] == "\n":
        m = _TURN.match(text, start)
        if m:
            yield start, m
    for m in _TURN_AFTER_BREAK.finditer(text, start):
        yield m.start() + 1, m


def _turn_label(m: re.Match, labels: dict[str, int]) -> bool:
    label = m["label"].strip()
    low = label.lower()
    if low in _NOT_TURN_LABELS or (m["alone"] and labels.get(label, 0) < 2):
        return False  # a label alone on its line ("BACKGROUND:") names a speaker only when it comes back
    if low in _ANSWER_LABELS:
        return _asked(labels)  # "A:" answers only where questions are asked
    return label.isupper() or _is_host(label) or labels.get(label, 0) >= 2


_ANSWER_LABELS = {"a", "answer"}


def _asked(labels: dict[str, int]) -> bool:
    return sum(n for label, n in labels.items() if label.lower() in ("q", "question")) >= 2


def answers_unlabelled(labels: dict[str, int]) -> bool:
    """Questions labelled "Q:", answers in the paragraphs after them without a label of their own."""
    return _asked(labels) and not any(label.lower() in _ANSWER_LABELS for label in labels)


def _is_host(label: str) -> bool:
    """The one asking: "Q", "Host", "Reuters reporter", "AFP" (a news agency's journalist at a briefing)."""
    low = label.strip().lower()
    return low in _HOST_LABELS or low.rsplit(" ", 1)[-1] in _HOST_LABELS or low in _NEWS_OUTLETS


_NEWS_OUTLETS = {"reuters", "afp", "ap", "bloomberg", "cctv", "cnn", "bbc", "xinhua", "tass", "ria novosti",
                 "global times", "china daily", "phoenix tv", "nhk", "kyodo", "yonhap", "ani", "pti", "efe", "dpa",
                 "ansa", "anadolu", "al jazeera", "the paper", "cgtn", "china news service", "shenzhen tv",
                 "beijing daily", "hubei media group", "dragon tv", "bloomberg news", "associated press"}
_last_labels: tuple[str | None, dict[str, int]] = (None, {})


def _transcript_labels(text: str) -> dict[str, int]:
    """How many turns each label opens, counting only turns that say something ("Injured: 74" is a table of
    figures). A label in title case ("Mao Ning:") names a speaker only when it opens two turns or more: one seen
    once may be anything ("Beijing News:", "Also Read:"). Kept for the last text (speakers ask too)."""
    global _last_labels
    if _last_labels[0] is text:
        return _last_labels[1]
    seen: dict[str, int] = {}
    for _, m in _turns(text, 0):
        line_end = text.find("\n", m.end())
        said = text[m.end(): line_end if line_end >= 0 else len(text)]
        if len(_LETTER.findall(said)) >= 12 and len(said.split()) >= 3:
            label = m["label"].strip()
            seen[label] = seen.get(label, 0) + 1
    _last_labels = (text, seen)
    return seen


def turn_label_before(text: str, start: int) -> str | None:
    """The speaker label of the transcript turn that ``start`` opens or, for words at the start of a line, the
    turn that line continues ("VARGA"), if there is one."""
    labels = _transcript_labels(text) if text.find(":") >= 0 else {}
    if not labels:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    m = _TURN.match(text, line_start)
    if m and m.end() == start:
        return m["label"].strip() if _turn_label(m, labels) else None
    if start != line_start or not m is None:
        return None
    for _ in range(MAX_TURN_PARAGRAPHS):  # back over the turn's earlier lines to its label
        if line_start < 2:
            return None
        line_start = text.rfind("\n", 0, line_start - 1) + 1
        m = _TURN.match(text, line_start)
        if m:
            if not _turn_label(m, labels):
                return None
            if _is_host(m["label"]):
                return "A" if answers_unlabelled(labels) else None  # the answer after a "Q:" line
            return m["label"].strip()
    return None
