"""Date expressions in running text: find them, then resolve them against the publication date.

We detect with our own patterns (fast, and they know that "we" is not Wednesday nor "may" May) and resolve
with calendar arithmetic; no per-expression call to a date library. A relative expression ("on Friday",
"last month", "March 30") resolves only when there is a reference date; without one it stays undated rather
than invented.

Values keep their precision: "YYYY-MM-DD" (day), "YYYY-MM-DD" of the Monday (week), "YYYY-MM" (month;
also the first month of a quarter or season, with precision "quarter" / "season"), "YYYY" (year) and a
year standing for a decade ("1990" for the 1990s, "1995" for the mid-1990s, precision "decade").
"""
from __future__ import annotations

import bisect
import calendar
from itertools import accumulate, compress, count
from operator import methodcaller, or_
import datetime as dt
import re
from dataclasses import dataclass

from importers.extract.sentences import ABBREVIATIONS

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
SEASON_MONTH = {"winter": 1, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}
# The season a month falls in, by the season's first month (winter: December to February, as January).
SEASON_OF_MONTH = {12: 1, 1: 1, 2: 1, 3: 3, 4: 3, 5: 3, 6: 6, 7: 6, 8: 6, 9: 9, 10: 9, 11: 9}
# Holidays with a fixed day; Thanksgiving (US, fourth Thursday of November) is computed.
HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
            "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
            "valentine's day": (2, 14), "thanksgiving day": None, "thanksgiving": None}

_FULL_MONTHS = "|".join(m for m in calendar.month_name if m)
_MONTH = (rf"(?P<month>(?:{_FULL_MONTHS}|{_FULL_MONTHS.upper()})\b|"
          r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b(?=,?\s*\d)))")  # ("15th Jun, 2018")
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?![\d%])"
# A year as broadcast transcripts write it: "nineteen ninety-four", "two thousand and one".
_SPOKEN_YEAR = (r"(?i:nineteen[\s-]+(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[\s-]+(?P<ones>one|two|three|four|five|six|seven|eight|nine))?"
                r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<small>one|two|three|four|five|six|seven|eight|nine|ten))?)"
                r"\b(?![\s-]+(?i:dollars|people|percent|years?|hundred|and|one|two|three|four|five|six|seven|eight|"
                r"nine|ten)\b)")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_OPT_WEEKDAY = rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
_PART = r"(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of|end-))"
_NUMBER = r"(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty))"
# What a number followed by these is: an amount, a count or a measure, never a day or a year.
_NOT_AFTER = (r"(?!\s*(?:%|percent|per\s?cent|million|billion|trillion|people|persons|troops|soldiers|tonnes|"
              r"tons|dollars|euros|pounds|yuan|km|kilomet|miles|metres|meters|feet|hours|GMT|UTC|hrs|votes|"
              r"units|barrels|cases|deaths|jobs|workers|points|-year|-strong)\b)")
_TIME = (r"(?P<time>(?:(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)"
         r"(?:\s+(?:[ECMP][SD]T|GMT|BST|UTC|local time))?)")


def _p(*parts: str) -> str:
    return "".join(parts)


# (name, pattern). All matches are collected, and where they overlap the longest wins (ties: earlier in the
# list). Case matters: "may" and "march" in lower case are verbs, and "we" is a pronoun, not Wednesday.
_PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(p)) for name, p in [
    ("iso", r"\b(?P<year>1[89]\d\d|20\d\d)[-/](?P<mon>0?[1-9]|1[0-2])[-/](?P<day>0?[1-9]|[12]\d|3[01])\b(?!-\d)"),
    ("numeric", r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b(?![/.-]\d)"),
    ("day_month_year", _p(r"\b", _OPT_WEEKDAY, _DAY, r"(?:\s*[-–]\s*(?:3[01]|[12]\d|0?[1-9]))?\s+(?:of\s+)?",
                          _MONTH, r",?\s+", _YEAR)),
    ("month_day_year", _p(r"\b", _OPT_WEEKDAY, _MONTH, r"\s+", _DAY, r"(?:\s*[-–]\s*(?:3[01]|[12]\d|0?[1-9]))?(?:,\s*|\s+)",
                          _YEAR)),  # ("July 20,1987" too)
    ("month_day", _p(r"\b", _OPT_WEEKDAY, _MONTH, r"\s+", _DAY, r"\b", _NOT_AFTER, r"(?![,.]\d)")),
    ("day_month", _p(r"\b", _OPT_WEEKDAY, _DAY, r"(?:\s*[-–]\s*(?:3[01]|[12]\d|0?[1-9]))?\s+(?:of\s+)?", _MONTH)),
    ("month_year", _p(r"\b(?:", _PART, r"[\s-]*)?", _MONTH, r",?\s+(?:of\s+)?", _YEAR)),
    ("month_relyear", _p(r"\b", _MONTH, r"\s+(?:of\s+)?(?P<rel>(?i:last|this|next))\s+year\b")),
    ("part_month", _p(r"\b", _PART, r"[\s-]*", _MONTH)),
    ("rel_month_day", _p(r"\b(?P<rel>(?i:last|next|this|coming))\s+", _MONTH, r"\s+", _DAY, r"\b", _NOT_AFTER,
                         r"(?![,.]\d)")),
    ("rel_month", _p(r"\b(?P<rel>(?i:last|this|next|coming))\s+", _MONTH)),
    ("month", _p(r"\b", _MONTH)),
    ("quarter", r"\b(?:(?P<rel>(?i:this|last|next))\s+year's\s+|(?P<year1>(?:19|20)\d\d)\s+|(?i:the\s+))?"
                r"(?:(?P<ago>(?i:year-ago|year-earlier|year-before|prior-year))\s+)?(?:(?i:fiscal)[\s-]+)?"
                r"(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th|last))[\s-]+"
                r"(?i:quarter)(?:\s+of\s+(?:(?i:fiscal)\s+)?(?P<year>(?:19|20)\d\d))?\b"),
    ("half", r"\b(?:(?P<rel>(?i:this|last|next))\s+year's\s+|(?P<year1>(?:19|20)\d\d)\s+|(?i:the\s+))?"
             r"(?:(?i:fiscal)[\s-]+)?(?P<h>(?i:first|second|last|1st|2nd))[\s-]+(?i:half|two\s+quarters)"
             r"(?:\s+of\s+(?:(?i:fiscal)\s+)?(?:(?P<year>(?:19|20)\d\d)|(?P<rel2>(?i:this|last|next|the))\s+year))?\b"),
    ("q_number", r"\b(?P<q>Q[1-4])(?:\s*(?P<year>(?:19|20)\d\d))?\b"),
    ("season_year", _p(r"\b(?:(?P<part>(?i:early|late|mid))[\s-]+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
                       r"\s+(?:of\s+)?(?:(?P<year>(?:19|20)\d\d)\b|", _SPOKEN_YEAR, ")")),
    ("decade", r"(?:\b(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
               r"(?:\b(?P<decade>1[89]\d0|20\d0)|'(?P<short>\d0))'?s\b"),
    ("part_year", _p(r"\b(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|end-))[\s-]*",
                     _YEAR, r"\b")),
    # ("2003-2007": both years; "2003-04" only the first)
    ("year", _p(r"(?<![\w$€£#.,/:'’])(?:(?<=\d{4}[-–])|(?<![-–]))", _YEAR, r"(?![\w'’]|[.,]\d)", _NOT_AFTER)),
    ("relative_unit", r"\b(?:(?P<part>(?i:early|late|mid|earlier|later|the end of|the beginning of|the start of|"
                      r"the middle of|end of))\s+)?(?P<rel>(?i:last|this\s+past|this|next|coming))\s+"
                      r"(?P<unit>(?i:week|weekend|month|year|quarter|spring|summer|autumn|fall|winter))\b(?!-)"),
    # A season named alone ("in summer", "the early summer"): only after a word that makes it a time (see
    # _core_span); "fall" alone is too often the verb or "the fall of" something, and "the Spring Festival"
    # or "winter storms" name something else.
    ("season", r"(?P<season>(?i:spring|summer|autumn|winter))\b(?!\s+(?:of|and|or|[a-z]+s)\b|-|\s+[A-Z][a-z])"),
    ("the_weekend", r"\b(?i:the|over\s+the|this\s+past|last)\s+(?P<unit>weekend)\b"),
    ("ago", _p(r"\b(?:(?i:nearly|almost|about|some|more than|over|roughly|just)\s+)?", _NUMBER,
               r"\s+(?P<unit>(?i:day|week|month|year))s?\s+(?:or\s+so\s+)?(?i:ago)\b")),
    ("relative_day", r"\b(?P<relday>(?i:yesterday|today|tomorrow|tonight|last night|this morning|"
                     r"this afternoon|this evening|overnight))\b(?!['’]s\s+(?:world|society|economy|youth))"),
    ("weekday", _p(r"\b(?:(?P<rel>(?i:last|this|next|coming|past))\s+)?", _WEEKDAY,
                   r"(?!s\b)(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("month_spoken_year", _p(r"\b", _MONTH, r",?\s+(?:of\s+)?", _SPOKEN_YEAR)),
    ("spoken_year", _p(r"\b(?i:the\s+year\s+)?", _SPOKEN_YEAR)),
    ("period_of", r"\b(?:(?i:the)\s+)?(?i:(?:end|beginning|start|middle)\s+of\s+(?:the|this)|current(?:\s+fiscal)?)"
                  r"\s+(?P<unit>(?i:year|month|week))\b"),
    ("holiday", r"\b(?P<holiday>Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|Halloween|"
                r"Valentine's Day|Thanksgiving Day|Thanksgiving)\b"),
    # Expressions that take their date from an earlier one in the text ("that year", "a day later"); see _anaphor.
    ("anaphor", r"\b(?:(?P<side>(?i:earlier|later))\s+(?i:that|in\s+the|the\s+same)\s+|"
                r"(?P<det>(?i:that|the\s+same|the\s+following|the\s+previous|the\s+prior|the\s+preceding))\s+|"
                r"(?P<next>(?i:the\s+next))\s+(?=(?i:day|morning)\b))"
                r"(?P<unit>(?i:day|morning|afternoon|evening|night|week|month|year))\b(?![-'’])"),
    # The reporting period an earnings story is about, and its counterpart a year back: "the latest quarter",
    # "the year-ago period", "the 1988 quarter", "the same period last year" (see _period_ref).
    ("period_ref", r"\b(?:(?i:the|its|this|that)\s+(?:(?P<year>(?:19|20)\d\d)\s+|(?P<mod>(?i:latest|most\s+recent|"
                   r"recent|current|same|comparable|corresponding|year-ago|year-earlier|year-before|prior-year|"
                   r"comparable\s+year-ago|comparable\s+year-earlier))\s+)?(?:(?i:fiscal)\s+)?(?P<unit>quarter|period)"
                   r"|(?P<lastyears>(?i:last|this)\s+year['’]s)\s+(?P<unit2>quarter|period))"
                   r"(?P<back>\s+(?i:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+(?:previous|prior)\s+year"
                   r"|a\s+year\s+before))?\b(?!-\w|['’](?!s\b)|\s+(?:of|mile|century|hour|point|final|finals)\b)"),
    ("shifted", _p(r"\b", _NUMBER, r"\s+(?P<unit>(?i:day|week|month|year))s?\s+(?P<dir>(?i:earlier|later|before|after))"
                   r"\b(?!\s+than\b)")),  # "two months later than planned" is a delay, not a date
    ("weekday_of", _p(r"\b(?i:the)\s+(?P<dir>(?i:previous|preceding|following|next))\s+", _WEEKDAY, r"\b")),
    ("year_adj", r"\b(?i:year)-(?P<dir>(?i:earlier|ago))\b"),
    ("the_year", r"\b(?i:the)\s+(?:(?i:full|fiscal|current\s+fiscal|whole|entire)\s+)?(?P<unit>(?i:year))\b"
                 r"(?![-'’]|\s+(?:\d|(?i:ago|earlier|before|after|later|of|nineteen|two|old|in\s+review|to\s+date|ended|ending|"
                 r"through|to|starting|beginning)\b))"),
    ("year_end", r"\b(?i:year)(?:-|\s|['’]s\s+)(?i:end)\b"),
    ("clock", _p(r"\b", _TIME, r"(?=\W|$)")),
    ("live_stamp", r"(?m)^[ \t]*(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)\b(?:\s*(?:[ap]\.?m\.?|BST|GMT|CET|"
                   r"[ECMP][SD]T))?(?=[ \t:–—-]+\S)"),
]]
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}
# Which patterns can start at a word of each kind (see _detect).
_STARTS = {
    "digit4": ("iso", "year", "decade", "quarter", "half"),
    "digit2": ("numeric", "day_month_year", "day_month", "clock", "ago"),
    "apostrophe": ("decade",),
    "month": ("month_day_year", "month_day", "month_year", "month_relyear", "month_spoken_year", "month"),
    "weekday": ("day_month_year", "month_day_year", "month_day", "day_month", "weekday"),
    "line": ("live_stamp",),
}
# A number is tried only with the patterns its next characters allow ("31 boats" and "40%" with none).
_STARTS.update({"digit4_sep": ("iso", "year"), "digit4_s": ("decade", "year"), "digit4_q": ("quarter", "half", "period_ref", "year"),
                "digit4_plain": ("year",), "digit2_sep": ("numeric", "day_month_year", "day_month"),
                "digit2_clock": ("clock",), "digit2_month": ("day_month_year", "day_month"),
                "digit2_ago": ("ago",), "digit2_shift": ("shifted",)})
_BY_GROUP = {group: tuple((n, p) for n, p in _PATTERNS if n in names) for group, names in _STARTS.items()}


def _digit4_group(after: str) -> str:
    if after[:1] in ("-", "/"):
        return "digit4_sep"
    if after[:1] in ("s", "'", "’"):
        return "digit4_s"
    low = after.lower()
    return "digit4_q" if "quarter" in low or "half" in low or "period" in low else "digit4_plain"


def _digit2_group(after: str) -> str | None:
    first = after[:1]
    if first in ("/", ".", "-", "–"):
        return "digit2_sep"
    if first == ":":
        return "digit2_clock"
    if after[:2] in ("st", "nd", "rd", "th"):
        return "digit2_month"
    rest = after.lstrip()
    if rest[:1].isupper() or rest[:3] == "of ":
        return "digit2_month"
    if rest[:1] in ("a", "p") and (rest[1:2] in (".", "m")):
        return "digit2_clock"
    if " ago" in after.lower():
        return "digit2_ago"
    if _SHIFT_AFTER.match(after):
        return "digit2_shift"
    return None


_SHIFT_AFTER = re.compile(r"\s+(?i:day|week|month|year)s?\s+(?i:earlier|later|before|after)\b")
# Lower-case words that open patterns, and the words that only make the scan look at the words before them.
_FIRST_WORDS = {
    "relative_day": "yesterday today tonight tomorrow overnight last this",
    "relative_unit": "last this next coming early late mid earlier later the end",
    "rel_month": "last this next coming",
    "weekday": "last this next coming past",
    "the_weekend": "the over this last",
    "quarter": "this last next the fiscal first second third fourth year prior",
    "half": "this last next the fiscal first second",
    "period_ref": "the its this that last",
    "q_number": "q",
    "season_year": "early late mid spring summer autumn fall winter",
    "season": "spring summer autumn winter",
    "decade": "the early mid late",
    "part_year": "early mid late the end",
    "month_year": "early mid late the end",
    "part_month": "early mid late the end",
    "ago": "nearly almost about some more over roughly just a an one two three four five six seven eight nine ten "
           "eleven twelve fifteen twenty",
    "holiday": "christmas new halloween valentine thanksgiving",
    "clock": "noon midnight",
    "spoken_year": "nineteen two the",
    "period_of": "the end beginning start middle current",
    "anaphor": "earlier later that the",
    "weekday_of": "the",
    "rel_month_day": "last next this coming",
    "shifted": "a an one two three four five six seven eight nine ten eleven twelve fifteen twenty",
    "year_adj": "year",
    "the_year": "the",
    "year_end": "year",
}
# The word after "the" that each pattern opening with it needs ("#": a digit or an apostrophe, as in the 1990s).
_PERIOD_PART = ("end", "beginning", "start", "middle")
_AFTER_THE = {"anaphor": ("same", "following", "previous", "prior", "preceding", "next"),
              "weekday_of": ("previous", "preceding", "following", "next"),
              "the_year": ("year", "full", "fiscal", "current", "whole", "entire"),
              "the_weekend": ("weekend",),
              "quarter": ("first", "second", "third", "fourth", "last", "fiscal", "year", "prior"),
              "half": ("first", "second", "last", "fiscal", "1st", "2nd"),
              "period_ref": ("latest", "most", "recent", "current", "same", "comparable", "corresponding", "year",
                             "prior", "fiscal", "quarter", "period", "#"),
              "decade": ("early", "mid", "late", "#"),
              "part_year": _PERIOD_PART, "part_month": _PERIOD_PART, "month_year": _PERIOD_PART,
              "relative_unit": _PERIOD_PART, "spoken_year": ("year",), "period_of": _PERIOD_PART + ("current",)}
_WORD_STARTS = {word: tuple((n, p) for n, p in _PATTERNS if word in _FIRST_WORDS.get(n, "").split())
                for words in _FIRST_WORDS.values() for word in words.split()}
_TRIGGERS = {"ago", "quarter", "half", "period", "weekend", "night", "morning", "afternoon", "evening", "year", "month", "day", "week"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DECADE_OPENERS = set("0123456789'’")
_THE_PLAIN = tuple((n, p) for n, p in _WORD_STARTS["the"] if n not in _AFTER_THE)
_THE_BY_NEXT = {word: tuple((n, p) for n, p in _WORD_STARTS["the"] if n not in _AFTER_THE or word in _AFTER_THE[n])
                for words in _AFTER_THE.values() for word in words}


def _gate(patterns: tuple) -> re.Pattern:
    """One expression that matches where any of ``patterns`` does (their group names made unique)."""
    def alone(k: int, pattern: re.Pattern) -> str:
        return re.sub(r"\(\?P([<=])(\w+)", lambda g: f"(?P{g[1]}{g[2]}_{k}", pattern.pattern)
    return re.compile("|".join(f"(?:{alone(k, p)})" for k, (_, p) in enumerate(patterns)))


# Word-led patterns tried together first: after most "a", "that" and "this" none of them matches. By
# identity: hashing a tuple of patterns costs more than a match.
_GATES = {id(patterns): _gate(patterns) for patterns in [*_WORD_STARTS.values(), *_THE_BY_NEXT.values(), _THE_PLAIN]
          if len(patterns) > 1}
_SPANS_ADJUSTED = {"month", "live_stamp", "relative_unit", "season", "decade", "year"}  # see _core_span
_INTERESTING = set(MONTHS) | set(WEEKDAYS) | set(_WORD_STARTS) | _TRIGGERS
# A bare month name must look like a date: "May" and "March" also name people and verbs.
_BARE_MONTH_OK = {m.lower() for m in calendar.month_name if m} - {"may", "march"}
_A_PERSON_AFTER = re.compile(r"(?:['’]s\s+(?:office|government|cabinet|spokes\w+|aides?|allies|deal|plan|party|team|"
                             r"successor|resignation|premiership|leadership|statement|speech|husband|wife|own)\b|"
                             r"\s+(?:said|says|told|added|insisted|warned|wrote|replied|argued)\b)")
_PREPOSITION_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|of|during|through|before|after|between|and|to|or|on|early|late|"
    r"mid|last|this|next|each|every|for)[\s-]+)$")

# Words that place a clause in the future or the past; the one nearest to a date expression decides.
_FUTURE_WORDS = set("""will would shall ll might should could planned planning expect expects expected
intend intends scheduled due upcoming forthcoming next slated begins starts opens payable""".split())
# An intent told in the past looks ahead: "agreed to buy it in February", "decided to admit them in March".
_INTENT_VERBS = {"agreed", "decided", "voted", "promised", "pledged", "vowed", "offered", "threatened", "hoped",
                 "wanted"}
_TO_FUTURE = {"is", "are", "set", "going", "aims", "aim", "hopes", "hope", "due", "ahead", "plans",  # "is to"
              "plan"} | _INTENT_VERBS
_WEAK_MODALS = {"would", "could", "might", "should", "may"}
_REPORTING_VERBS = {"said", "told", "announced", "reported", "disclosed", "confirmed", "added", "stated", "noted",
                    "indicated", "revealed", "warned", "predicted"}
_PLAN_PARTICIPLES = {"planned", "expected", "scheduled"}
_PAST_AUXILIARIES = {"was", "were", "had", "been"}
_BEFORE_AN_ADJECTIVE = {"a", "an", "the", "its", "his", "her", "their", "our", "still"}
_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those"}
# Words after "due to" that make it a cause ("due to higher costs"), not a date ahead ("due to open").
_CAUSE_OPENERS = {"my", "your", "whose", "higher", "lower", "poor", "bad", "heavy", "strong", "weak", "lack"}
_MODALS = {"will", "would", "shall", "ll", "to", "could", "might", "should", "may", "must", "can"}
_PAST_WORDS = set("""said says told was were had did ago earlier been took began met came went made gave held won
lost fell rose left saw became found sent spoke wrote paid sold bought brought kept led ran hit shut struck broke
chose drew flew grew knew meant spent stood thought threw understood withdrew dealt fought caught taught""".split())
_NOT_PAST_ED = {"united", "limited", "indeed", "need", "speed", "proceed", "succeed", "exceed", "feed", "seed",
                "breed", "bed", "red", "shed", "hundred", "expected", "scheduled", "planned", "based", "concerned",
                "interested", "related", "detailed", "advanced", "armed", "supposed"}
# Every word _Tenses._kind can give a tense to, besides past forms in -ed.
_ENDS_ED = methodcaller("endswith", "ed")
_TENSE_CANDIDATES = _FUTURE_WORDS | _PAST_WORDS | {"due", "could", "couldn", "may", "to"}
# A clause ends at a stop, a semicolon or a line break, but not at the full stop of an abbreviation or an initial
# ("Mr.", "Daniel P. Davison", "4 a.m. EDT", "Feb. 1"): one look-behind per length of abbreviation.
_NOT_ABBREVIATED = "".join(
    "(?<!\\b(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS) if len(a) == n) + ")\\.)"
    for n in sorted({len(a) for a in ABBREVIATIONS}))
# (The pattern opens with a character class, so re skips the other characters in C.)
_CLAUSE_END = re.compile(rf"[.!?;\n](?:(?<=\.)(?i:(?<!\b[a-z]\.){_NOT_ABBREVIATED})\s|(?<=[!?;])\s|(?<=\n))")
_PAST_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|than|as\s+(?:early|soon)\s+as|effective)\s+$", re.IGNORECASE)
# "postponed until Tuesday", "gave them until 9 a.m. Tuesday", "extended the loans through January": a delay
# runs to a day ahead, whatever the tense.
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{3})?\s+)?$",
                           re.IGNORECASE)
_DELAYING = re.compile(r"\b(?:postpon|delay|defer|extend|adjourn|suspend|gave|given|giv|put\s+off|has|have)\w*",
                       re.IGNORECASE)

_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_SPLIT = re.compile(r"([a-z]+|\d+)")
_SPLIT_ANY_CASE = re.compile(r"([A-Za-z]+|\d+)")


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # see the module docstring; None when it cannot be resolved
    precision: str | None  # "day", "week", "month", "quarter", "half", "season", "year", "decade"
    kind: str = "date"  # "date"; "heading" (a line holding only a date); "stamp" (a live-blog entry time)
    tense: str | None = None  # "future" or "past": the clause's tense, as read for resolving it
    rule: str = ""  # the name of the pattern that found it (see _PATTERNS), for `dateline explain`


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + k, 12)
    return y, m + 1


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def find_dates(text: str, reference: dt.date | None = None, *, day_first: bool | None = None,
               start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, resolved against ``reference`` where possible.

    ``day_first`` decides ambiguous numeric dates (03/05/2024); None decides from the text's own dates. A line
    holding nothing but a full date (a live blog's day heading) becomes the reference for what follows it.
    """
    end = len(text) if end is None else end
    chosen, tenses = _detect(text, start, end)
    if day_first is None:
        day_first = _day_first_from(chosen)
    found: list[DateMention] = []
    ref = reference
    for s, e, name, m in chosen:
        tense = _tense_near(text, tenses, s, e)
        if tense == "future" and name == "weekday" and text[e:e + 2] in ("'s", "’s") \
                and tenses.deciding in _WEAK_MODALS:
            tense = None  # "would appeal Wednesday's ruling": the modal governs the appeal, not the ruling
        if tense == "past" and tenses.deciding in _REPORTING_VERBS and name in ("month", "part_month"):
            tense = "reported"  # "told of a cut in September": the verb reports, the month may lie ahead
        if name in _ANAPHORS:
            resolved = _anaphor(name, m, text, s, e, found, ref)
        else:
            resolved = _resolve(name, m, text, s, e, ref, day_first, tense)
        if resolved is None:
            continue
        if name in _YEAR_BACK:
            resolved = _same_period_a_year_back(name, m, text, s, e, found, ref, resolved)
        value, precision = resolved
        kind = "stamp" if name == "live_stamp" else "date"
        if precision == "day" and value and _is_heading(text, s, e):
            kind = "heading"
            ref = dt.date.fromisoformat(value)
        found.append(DateMention(s, e, text[s:e], value, precision, kind, "past" if tense == "reported" else tense,
                                 name))
    return _merge_bracketed(text, _merge_clock_times(text, found))


_last_detection: tuple = (None, 0, 0, None)


def _detect(text: str, start: int, end: int):
    """The date expressions of text[start:end] (longest first where they overlap) and its tense words.

    Regular expressions are tried only where a scan of the words finds something a date can be made of (a
    number, a month or weekday name, "last", "ago", ...), and there only the patterns that can start with that
    word, also at the few words before it that may open one ("the end of", "nearly"): every pattern at every
    position would cost ten times more. The last result is kept: publication date and events read one text.
    """
    global _last_detection
    if _last_detection[0] is text and _last_detection[1:3] == (start, end):
        return _last_detection[3]
    # Words and their offsets without a match object per word: split, then sum the lengths (both in C).
    lowered = text[start:end].lower()
    if len(lowered) == end - start:
        parts = _SPLIT.split(lowered)
        words = parts[1::2]
    else:  # a letter whose lower case is longer ("İ" in İstanbul) would shift every offset after it
        parts = _SPLIT_ANY_CASE.split(text[start:end])
        words = [word.lower() for word in parts[1::2]]
    offsets = list(accumulate(map(len, parts), initial=start))[1::2]  # where each word starts, then the end
    # The words worth a look: numbers (":" sorts after the digits) and the words dates are made of, picked in C.
    picked = compress(count(), map(or_, map(":".__gt__, words), map(_INTERESTING.__contains__, words)))
    starts: set[tuple[int, str]] = set()
    add, word_starts = starts.add, _WORD_STARTS
    unread_years: list[int] = []  # "year" not opening a pattern itself, but perhaps with the words after it
    for i in picked:
        low, s = words[i], offsets[i]
        if low < ":":
            size = len(low)
            if size == 4:
                add((s, _digit4_group(text[s + 4: s + 28])))
            elif size <= 2:
                group = _digit2_group(text[s + size: s + size + 24])
                if group:
                    add((s, group))
                if s > 0 and text[s - 1] in "'’":
                    add((s - 1, "apostrophe"))
                line_start = text.rfind("\n", 0, s) + 1
                if not text[line_start:s].strip():
                    add((line_start, "line"))
            else:
                continue
        elif low in word_starts:
            if low != "year" or text[s + 4: s + 5] in ("-", " ", "'", "’"):
                add((s, low))
            else:
                unread_years.append(i)
        elif low in MONTHS:
            if not text[s].isupper():
                continue
            add((s, "month"))
        elif low in WEEKDAYS:
            if not text[s].isupper():
                continue
            add((s, "weekday"))
        elif low not in _TRIGGERS:
            continue
        # The words before it that may open a pattern ("the end of", "nearly"): every such word but a "year"
        # was added where it stands.
        if unread_years and i - unread_years[-1] <= 3:
            for j in unread_years:
                if i - 3 <= j < i:
                    add((offsets[j], "year"))
    candidates = []
    for pos, key in starts:
        patterns = _BY_GROUP.get(key) or _WORD_STARTS[key]
        if key == "the":  # the commonest word: patterns that need a particular next word only before it
            after = text[pos + 4:pos + 20].lower()
            word = after[:len(after) - len(after.lstrip(_LETTERS))] or ("#" if after[:1] in _DECADE_OPENERS else "")
            patterns = _THE_BY_NEXT.get(word, _THE_PLAIN)
        gate = _GATES.get(id(patterns))
        if gate is not None and gate.match(text, pos, end) is None:
            continue  # none of them matches here: one call for the lot ("a", "that" and "this" mostly are not dates)
        for name, pattern in patterns:
            m = pattern.match(text, pos, end)
            if m:
                s, e = _core_span(name, m, text) if name in _SPANS_ADJUSTED else m.span()
                if e > s:
                    candidates.append((s, e, name, m))
    # The longest expression wins where several overlap ("Friday, 3 May 2024" over "Friday" and "2024").
    candidates.sort(key=lambda c: (c[0] - c[1], _PRIORITY[c[2]], c[0]))
    chosen: list[tuple[int, int, str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for c in candidates:
        s, e = c[0], c[1]
        i = bisect.bisect_left(taken, (s, e))
        if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        taken.insert(i, (s, e))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    result = (chosen, _Tenses(words, offsets, text))
    _last_detection = (text, start, end, result)
    return result


class _Tenses:
    """The words that set a clause's tense, read only in the clauses around dates (most words never are)."""

    def __init__(self, words: list[str], offsets: list[int], text: str):
        self.words, self.offsets, self.text = words, offsets, text
        self.kinds: dict[int, str | None] = {}
        self.clause_marks: list[tuple[int, int]] | None = None
        self.deciding = ""  # the word that set the last tense read (see _tense_near)
        self.candidates: list[int] | None = None  # see tense_words
        # _tense_near's answer per expression span, and the deciding word it set (None: left as it was), so a
        # second reading of the same detection (publication date, then events) does not read the clause again.
        self.read: dict[tuple[int, int], tuple[str | None, str | None]] = {}

    def _kind(self, i: int) -> str | None:
        words = self.words
        low = words[i]
        if low == "due" and words[i + 1:i + 2] == ["to"] and words[i + 2:i + 3] \
                and words[i + 2] in _DETERMINERS | _CAUSE_OPENERS:
            return None  # "due to its loss": a cause, not a date ahead
        if low == "next" and words[i + 1:i + 2] in (["to"], ["door"]):
            return None  # "next to the embassy": a place
        if low == "couldn" or (low == "could" and words[i + 1:i + 2] == ["not"]):
            return "past"  # "could not be reached Friday", "could not stop the bullet"
        if low in _FUTURE_WORDS or (low == "may" and self.text[self.offsets[i]] == "m"):
            kind = "future"
        elif low in _PAST_WORDS:
            kind = "past"
        elif low.endswith("ed") and len(low) > 4 and low not in _NOT_PAST_ED:
            if i and words[i - 1] in _BEFORE_AN_ADJECTIVE:
                return None  # "a still unspecified date", "the amended plan": an adjective
            kind = "past"
        elif low == "to" and i and words[i - 1] in _TO_FUTURE \
                and not (words[i + 1:i + 2] and words[i + 1] in _DETERMINERS | _CAUSE_OPENERS
                         and (words[i - 1] == "due" or words[i - 1] in _INTENT_VERBS)):
            # "due to its loss" is a cause, "agreed to a ceasefire" a preposition: neither looks ahead
            # "is due to", "set to"; but "was due to expire", "had been set to" looked ahead from the past
            kind = "past" if i >= 2 and words[i - 2] in _PAST_AUXILIARIES else "future"
        else:
            return None
        prev = words[i - 1] if i else ""
        if low in _PLAN_PARTICIPLES:
            # A plan looks ahead even told in the past ("protesters planned a march on Saturday"), but not one
            # carried out as planned, nor a participle used as an adjective ("a hastily planned trip").
            if prev in ("previously", "originally", "as"):
                return "past"
            if prev in _DETERMINERS or prev.endswith("ly"):
                return None
        if prev in ("be", "been") and i >= 3 and words[i - 3] in ("could", "couldn") and words[i - 2] in ("not", "t"):
            return "past"  # "could not be reached"
        if prev in ("be", "been") and i >= 2 and (words[i - 2] in _MODALS or (i >= 3 and words[i - 3] in _MODALS)):
            return "future"  # "would be deployed", "will have been signed"
        if prev == "had" or (prev == "been" and i >= 2 and words[i - 2] == "had"):
            return "past"  # "had been due"
        return kind

    def tense_words(self) -> list[int]:
        """Indices of the words that may set a tense (_kind is None for every other word), found once."""
        if self.candidates is None:
            words = self.words
            may_set = _TENSE_CANDIDATES.union(filter(_ENDS_ED, set(words)))  # "-ed" words _kind turns down too
            self.candidates = list(compress(range(len(words)), map(may_set.__contains__, words)))
        return self.candidates


def _tense_near(text: str, tenses: _Tenses, s: int, e: int) -> str | None:
    """The tense of the word nearest to text[s:e] in its clause; a word before it governs it first."""
    known = tenses.read.get((s, e))
    if known is None:
        known = tenses.read[(s, e)] = _read_tense(text, tenses, s, e)
    if known[1] is not None:
        tenses.deciding = known[1]
    return known[0]


def _read_tense(text: str, tenses: _Tenses, s: int, e: int) -> tuple[str | None, str | None]:
    """(tense, the word that decided it or None) for _tense_near."""
    if tenses.clause_marks is None:  # where clauses end: found once per text, looked up by bisection
        tenses.clause_marks = [(m.start(), m.end()) for m in _CLAUSE_END.finditer(text)]
    marks = tenses.clause_marks
    i = bisect.bisect_left(marks, (s,))
    lo = max(s - 160, marks[i - 1][1] if i and marks[i - 1][1] <= s else 0, 0)
    j = bisect.bisect_left(marks, (e,))
    hi = min(e + 160, marks[j][0] if j < len(marks) else len(text))
    # Read from the text itself, not the clause: "9 a.m. Tuesday" would end a clause at "a.m."
    if _DEADLINE_BEFORE.search(text, max(0, s - 14), s) and not _PAST_PERFECT.search(text, max(lo, s - 50), s):
        return "future", None  # "by February", "no later than June 1": a deadline ahead ("had filed by May": behind)
    if _UNTIL_BEFORE.search(text, max(0, s - 30), s) and _DELAYING.search(text, max(0, s - 120), s):
        return "future", None
    best, best_distance, deciding = None, 10 ** 6, None
    offsets, words, kinds, candidates = tenses.offsets, tenses.words, tenses.kinds, tenses.tense_words()
    first = bisect.bisect_left(candidates, bisect.bisect_left(offsets, lo))
    last = bisect.bisect_left(candidates, bisect.bisect_left(offsets, hi))
    for i in candidates[first:last]:
        kind = kinds[i] if i in kinds else kinds.setdefault(i, tenses._kind(i))
        if not kind:
            continue
        cs = offsets[i]
        if s <= cs < e:
            continue  # the expression's own words ("last", "next") are read by the patterns
        ce = cs + len(words[i])
        # The verb before an expression usually governs it ("agreed in January would be passed on").
        distance = s - ce if ce <= s else cs - e + 60
        if distance < best_distance:
            best, best_distance, deciding = kind, distance, text[cs:ce].lower()
    return best, deciding


def _day_first_from(chosen) -> bool:
    """Ambiguous numeric dates (03/05/2024) read as the document's other dates are written.

    Unambiguous numeric dates decide (25/04/2024, 06/30/2024); else the way the text writes dates in words
    (3 May 2024 against May 3, 2024); else day first, as most of the world writes.
    """
    numeric = [0, 0]
    words = [0, 0]
    for _, _, name, m in chosen:
        if name == "numeric":
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:
                numeric[0] += 1
            elif b > 12 >= a:
                numeric[1] += 1
        elif name in ("day_month_year", "day_month"):
            words[0] += 1
        elif name in ("month_day_year", "month_day"):
            words[1] += 1
    votes = numeric if any(numeric) else words
    return votes[1] <= votes[0]


_LAW_BEFORE_YEAR = re.compile(r"\b(?:Act|Law|Convention|Declaration|Treaty|Accord|Agreement|Protocol|Resolution|Code|"
                              r"Statute|Regulations?|Ordinance|Bill)[ \t]+\($")
_NAME_BEFORE_YEAR = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+)[ \t]$")
# Capitalised words a year may follow at the start of a sentence or a heading: no name.
_OPEN_BEFORE_A_YEAR = set("""in since by until till from before after during through throughout for of and the on at
to early late mid fiscal spring summer autumn fall winter year between around circa about beyond within post pre
until unlike like as but or nor yet so then by end start beginning since also even only until year-end that this
these those its his her their our a an every each last next same another any no whose which what""".split())


def _core_span(name: str, m: re.Match, text: str) -> tuple[int, int]:
    s, e = m.span()
    if name == "month":
        word = m["month"].lower().rstrip(".")
        # Bare month names: capitalised common ones, or any after a preposition ("in May", "until March").
        if word not in _BARE_MONTH_OK and not _PREPOSITION_BEFORE.search(text[max(0, s - 12):s]):
            return s, s
        if word in ("may", "march") and _A_PERSON_AFTER.match(text, e):
            return s, s  # "a spokesman for May's office", "since May said": Theresa May, not the month
    if name == "live_stamp":
        return m.start("hh"), e
    if name == "relative_unit" and m["rel"].lower() == "last" and not m["part"] \
            and re.search(r"\b(?:the|over the|in the|for the)\s+$", text[max(0, s - 12):s], re.IGNORECASE):
        return s, s  # "spent the last month", "over the last year": a duration, not a date
    if name == "season":
        before = _SEASON_BEFORE.search(text, max(0, s - 24), s)
        return (before.start("kept"), e) if before else (s, s)
    if name == "year":
        if _LAW_BEFORE_YEAR.search(text, max(0, s - 16), s):
            return s, s  # "the Public Procurement Act (2007)": the law's name, not a time
        before = _NAME_BEFORE_YEAR.search(text, max(0, s - 24), s)
        if before and before[1].lower() not in _OPEN_BEFORE_A_YEAR and before[1].lower() not in MONTHS:
            return s, s  # "Expo 2020", "Vision 2030": a year in a name
    if name == "decade" and text[s:e].lower().startswith("the "):
        s += 4
    return s, e


# What makes a season named alone a time: a preposition or "the" before it. The expression keeps only the
# words from "early", "late" or "mid" on ("in the early summer" -> "early summer").
_SEASON_BEFORE = re.compile(r"\b(?i:(?:the|in|during|over|through|by|until|since|in\s+the|during\s+the|over\s+the|"
                            r"through\s+the|by\s+the|until\s+the|since\s+the)\s+)"
                            r"(?P<kept>(?:(?i:early|late|mid)[\s-]+)?)$")


def _is_heading(text: str, s: int, e: int) -> bool:
    """Whether the rest of its line is only spaces and punctuation; the part before it first (most are not)."""
    if text[text.rfind("\n", 0, s) + 1:s].strip(_HEADING_MARKS):
        return False
    line_end = text.find("\n", e)
    return not text[e:len(text) if line_end < 0 else line_end].strip(_HEADING_MARKS)


_HEADING_MARKS = " \t,.-–—|:"


def _resolve(name: str, m: re.Match, text: str, s: int, e: int, ref: dt.date | None, day_first: bool,
             tense: str | None):
    """(value, precision) for one match; None when the match is not a date after all."""
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
    if name == "iso":
        d = _date(int(g["year"]), int(g["mon"]), int(g["day"]))
        return (d.isoformat(), "day") if d else None
    if name == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        day, mon = (a, b) if day_first else (b, a)
        if mon > 12 and day <= 12:
            day, mon = mon, day
        d = _date(year, mon, day)
        return (d.isoformat(), "day") if d else None
    if name in ("day_month_year", "month_day_year"):
        d = _date(int(g["year"]), month, int(g["day"]))
        return (d.isoformat(), "day") if d else None
    if name in ("month_day", "day_month"):
        day = int(g["day"])
        if _date(2000, month, day) is None:  # 2000 is a leap year: 29 February is possible
            return None
        if ref is None:
            return None, "day"
        if g.get("weekday"):  # "Saturday, April 25": the year in which that day is a Saturday
            wd = WEEKDAYS[g["weekday"].lower()]
            fits = [y for y in (ref.year, ref.year - 1, ref.year + 1) if (_date(y, month, day) or ref).weekday() == wd
                    and abs((_date(y, month, day) - ref).days) < 300]
            if fits:
                return _date(fits[0], month, day).isoformat(), "day"
        year = _year_for(month, day, ref, tense)
        d = _date(year, month, day) or _date(year - 1, month, day)
        return d.isoformat(), "day"
    if name == "rel_month_day":  # "last Oct. 23": the one before the reference, "next June 1" the one after
        if _date(2000, month, int(g["day"])) is None:
            return None
        if ref is None:
            return None, "day"
        rel, day = g["rel"].lower(), int(g["day"])
        this = _date(ref.year, month, day) or _date(ref.year, month, 28)
        if rel == "last":
            year = ref.year if this < ref else ref.year - 1
        elif rel in ("next", "coming"):
            year = ref.year if this > ref else ref.year + 1
        else:
            year = ref.year
        return (_date(year, month, day) or _date(year, month, 28)).isoformat(), "day"
    if name == "month_year":
        return _month_value(int(g["year"]), month), "month"
    if name == "month_relyear":
        if ref is None:
            return None, "month"
        return _month_value(ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()], month), "month"
    if name in ("month", "part_month", "rel_month"):
        if ref is None:
            return None, "month"
        rel = (g.get("rel") or "").lower()
        if rel == "last":  # "last February" in March is a year back: the one a month ago is "in February"
            year = ref.year if month < ref.month - 1 else ref.year - 1
        elif rel in ("next", "coming"):
            year = ref.year if month > ref.month else ref.year + 1
        elif rel == "this":
            year = ref.year
        else:
            year = _year_for(month, 15 if name == "part_month" else 1, ref, tense, month_only=True)
        return _month_value(year, month), "month"
    if name in ("quarter", "q_number"):
        q = g["q"].lower()
        q = int(q[1]) if q.startswith("q") else ORDINALS[q]
        if g.get("year") or g.get("year1"):
            year = int(g.get("year") or g.get("year1"))
        elif g.get("rel"):
            if ref is None:
                return None, "quarter"
            year = ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        elif g["q"].lower() == "last":
            return _relative_unit({"unit": "quarter", "rel": "last"}, ref, tense)
        else:
            if ref is None:
                return None, "quarter"
            current = (ref.month - 1) // 3 + 1
            ahead = tense == "future"
            year = ref.year if (q > current and ahead) or q <= current else ref.year - 1
        if g.get("ago"):  # "the year-ago third quarter"
            year -= 1
        return _month_value(year, 3 * q - 2), "quarter"
    if name == "half":  # only with its year: "the second half" alone is as often a match's
        h = 1 if g["h"].lower() in ("first", "1st") else 2
        rel = (g.get("rel") or g.get("rel2") or "").lower()
        if g.get("year") or g.get("year1"):
            year = int(g.get("year") or g.get("year1"))
        elif rel and ref:
            year = ref.year + {"last": -1, "this": 0, "the": 0, "next": 1}[rel]
        else:
            return (None, "half") if rel else None
        return _month_value(year, 1 if h == 1 else 7), "half"
    if name == "season":  # the nearest one in the clause's direction; the one now if it is that season
        if ref is None:
            return None, "season"
        month = SEASON_MONTH[g["season"].lower()]
        now = SEASON_OF_MONTH[ref.month]
        year = ref.year + (1 if ref.month == 12 else 0) if now == 1 else ref.year
        if tense == "future":
            year += 1 if month < now else 0
        else:
            year -= 1 if month > now else 0
        return _month_value(year, month), "season"
    if name == "season_year":
        year = g["year"] or _resolve("spoken_year", m, text, s, e, ref, day_first, tense)[0]
        return _month_value(int(year), SEASON_MONTH[g["season"].lower()]), "season"
    if name == "decade":
        decade = int(g["decade"]) if g.get("decade") else _short_decade(int(g["short"]))
        part = (g.get("part") or "").lower()
        return str(decade + {"early": 0, "mid": 5, "late": 8}.get(part, 0)), "decade"
    if name == "part_year":
        return g["year"], "year"
    if name == "year":
        return g["year"], "year"
    if name in ("relative_unit", "the_weekend"):
        return _relative_unit(g, ref, tense)
    if name == "ago":
        if ref is None:
            return None, None
        n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit == "day":
            return (ref - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return _monday(ref - dt.timedelta(weeks=n)).isoformat(), "week"
        if unit == "month":
            return _month_value(*_add_months(ref.year, ref.month, -n)), "month"
        return str(ref.year - n), "year"
    if name == "relative_day":
        if ref is None:
            return None, "day"
        word = g["relday"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return (ref + dt.timedelta(days=shift)).isoformat(), "day"
    if name == "weekday":
        if ref is None:
            return None, "day"
        return _weekday(WEEKDAYS[g["weekday"].lower()], (g.get("rel") or "").lower(), ref,
                        tense).isoformat(), "day"
    if name == "month_spoken_year":  # "January nineteen ninety-seven", as broadcast transcripts write it
        return _month_value(int(_resolve("spoken_year", m, text, s, e, ref, day_first, tense)[0]), month), "month"
    if name == "spoken_year":
        tens = ("twenty thirty forty fifty sixty seventy eighty ninety".split().index(g["tens"].lower()) + 2) * 10 \
            if g["tens"] else 0
        ones = [None, "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        if g["tens"]:
            return str(1900 + tens + (ones.index(g["ones"].lower()) if g["ones"] else 0)), "year"
        return str(2000 + (ones.index(g["small"].lower()) if g["small"] else 0)), "year"
    if name == "period_of":
        return _relative_unit({"unit": g["unit"], "rel": "this"}, ref, tense)
    if name == "holiday":
        if ref is None:
            return None, "day"
        return _holiday(g["holiday"].lower(), ref, tense).isoformat(), "day"
    if name == "clock":
        return None, "time"  # a time alone; it dates something only beside a day (see _merge_clock_times)
    if name == "live_stamp":
        return (ref.isoformat(), "day") if ref else (None, "day")
    return None


_ANAPHORS = {"anaphor", "shifted", "year_adj", "the_year", "year_end", "weekday_of", "period_ref"}
# What an anaphor's anchor must be precise to: "that day" needs a day, "that year" anything with a year.
_ANCHOR_PRECISIONS = {"day": {"day"}, "week": {"day", "week"}, "month": {"day", "week", "month"},
                      "year": {"day", "week", "month", "quarter", "season", "year"}}
_ANAPHOR_STEP = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1, "the prior": -1,
                 "the preceding": -1}
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])|\n\s*\n")
_BEFORE_WHAT = re.compile(r"\s*(?:[,.;:)!?]|$)")
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _anchor(found: list[DateMention], unit: str, text: str, s: int, sentences: int | None) -> DateMention | None:
    """The most recent date written out before ``s`` precise enough for ``unit``; with ``sentences``, only one
    in the expression's own sentence (1) or also the one before (2)."""
    allowed = _ANCHOR_PRECISIONS[unit]
    lo = 0
    if sentences:
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, s - 1500), s)]
        lo = breaks[-sentences] if len(breaks) >= sentences else max(0, s - 1500)
    for d in reversed(found):
        if d.start < lo:
            return None
        if d.value and d.precision in allowed and not _derived(d):
            return d  # an explicit date: chaining "a year earlier" onto "a year ago" drifts
    return None


def _shift(anchor: DateMention, unit: str, n: int, precision: str | None = None):
    """``anchor`` moved by ``n`` units, at its own precision (or ``precision``, which is coarser)."""
    value, have = anchor.value, anchor.precision
    if have in ("day", "week"):
        d = dt.date.fromisoformat(value)
        if unit in ("day", "week"):
            d += dt.timedelta(days=n * (7 if unit == "week" else 1))
        else:
            y, mo = _add_months(d.year, d.month, n * (12 if unit == "year" else 1))
            d = _date(y, mo, d.day) or _date(y, mo, calendar.monthrange(y, mo)[1])
    elif have in ("month", "quarter", "season"):
        y, mo = _add_months(int(value[:4]), int(value[5:7]), n * (12 if unit == "year" else 1))
        d = dt.date(y, mo, 1)
    else:
        d = dt.date(int(value[:4]) + n, 1, 1)
    precision = precision or have
    if precision == "week":
        return _monday(d).isoformat(), "week"
    if precision == "day":
        return d.isoformat(), "day"
    if precision == "year":
        return str(d.year), "year"
    return _month_value(d.year, d.month), precision


def _from_reference(ref: dt.date, unit: str, n: int):
    if unit == "day":
        return (ref + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _monday(ref + dt.timedelta(weeks=n)).isoformat(), "week"
    if unit == "month":
        return _month_value(*_add_months(ref.year, ref.month, n)), "month"
    return str(ref.year + n), "year"


def _anaphor(name: str, m: re.Match, text: str, s: int, e: int, found: list[DateMention], ref: dt.date | None):
    """Expressions dated by an earlier one: "that year", "the following month", "a year earlier", "the year".

    The anchor is the most recent expression before it that is precise enough. Looking back from now ("a year
    earlier", "the previous year", "earlier in the day") falls back on the publication date when the text
    gives no anchor; looking on from a past moment ("that day", "a week later") needs one, or stays undated.
    """
    g = m.groupdict()
    unit = (g.get("unit") or "year").lower()
    unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    if name == "year_end" and ref:  # "by year-end": this year's; "since year-end": the last one
        if _SINCE_BEFORE.search(text, max(0, s - 8), s):
            return str(ref.year - 1), "year"
    if name == "weekday_of":  # "the previous Friday": the one before the day last named (else before today)
        wd, back = WEEKDAYS[g["weekday"].lower()], g["dir"].lower() in ("previous", "preceding")
        anchor = _anchor(found, "day", text, s, None)
        if anchor:
            day = dt.date.fromisoformat(anchor.value)
        elif ref and g["dir"].lower() != "following":
            day = ref
        else:
            return None
        delta = ((day.weekday() - wd) % 7 or 7) if back else -((wd - day.weekday()) % 7 or 7)
        return (day - dt.timedelta(days=delta)).isoformat(), "day"
    if name == "period_ref":
        return _period_ref(g, text, s, found, ref)
    if name in ("the_year", "year_end"):  # "for the year", "the fiscal year": the year its sentence is about, else this one
        anchor = _anchor(found, "year", text, s, 1)
        if anchor:
            return _shift(anchor, "year", 0, "year")
        return (str(ref.year), "year") if ref else None
    if name == "anaphor":
        if g["side"]:
            n, from_now = 0, "in" in m.group().lower().split()  # "earlier in the day" may mean today
        else:
            det = " ".join((g["det"] or g["next"]).lower().split())
            n, from_now = _ANAPHOR_STEP[det], _ANAPHOR_STEP[det] < 0
        anchor = _anchor(found, unit, text, s, 1 if from_now else None)
        if anchor:
            return _shift(anchor, unit, n, unit)
        return _from_reference(ref, unit, n) if ref and from_now else None
    # "a year earlier", "two days later", "year-ago": the anchor's own precision. Looking back, only an anchor in
    # the same sentence ("the quarter ended Sept. 30 ... a year earlier"), else from now; looking on, one in this
    # sentence or the last (a date further back is rarely the one counted from).
    direction = g["dir"].lower()
    if direction in ("before", "after") and not _BEFORE_WHAT.match(text, e):
        return None  # "a year before the war": relative to something we do not date
    n = 1 if name == "year_adj" else int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"].lower()]
    n = -n if direction in ("earlier", "before", "ago") else n
    anchor = _anchor(found, unit, text, s, 1 if n < 0 else 2)
    if anchor:
        return _shift(anchor, unit, n)
    return _from_reference(ref, unit, n) if ref and n < 0 else None


def _reporting_period(found: list[DateMention], ref: dt.date | None) -> DateMention | None:
    """The quarter or half a story reports on: the last one named before this point that had ended by the
    publication date (results come after the period; a "fourth-quarter charge" expected later is not it).
    Periods worked out from another ("a year ago" in a results story) are not counted, or they would drift."""
    for d in reversed(found):
        if d.value and d.precision in ("quarter", "half") and not _derived(d):
            last_month = int(d.value[5:7]) + (2 if d.precision == "quarter" else 5)
            if ref is None or (int(d.value[:4]), last_month) < (ref.year, ref.month):
                return d
    return None


def _derived(d: DateMention) -> bool:
    """Whether a mention's value was counted from another date (so it must not anchor a further one)."""
    if d.rule in _ANAPHORS or d.rule == "ago":
        return True
    low = d.text.lower()
    return d.precision in ("quarter", "half") and (d.rule in _YEAR_BACK or "year-" in low or "prior" in low)


def _period_ref(g: dict, text: str, s: int, found: list[DateMention], ref: dt.date | None):
    """"the quarter", "the latest period", "the year-ago quarter", "the 1988 period", "the same period last
    year": the reporting period, or its counterpart a year back. With none named, "the latest quarter" is the
    last full quarter before publication and "the current quarter" the one it falls in."""
    unit = g.get("unit") or g.get("unit2")
    mod = " ".join((g.get("mod") or "").lower().split())
    back = bool(g.get("back")) or "year-" in mod or mod.startswith("prior") \
        or (g.get("lastyears") or "").lower().startswith("last")
    if mod == "current":
        if unit != "quarter" or ref is None:
            return None
        return _month_value(ref.year, (ref.month - 1) // 3 * 3 + 1), "quarter"
    period = _reporting_period(found, ref)
    if period is None:
        # With no quarter named before, only "the latest quarter" is surely a time: "residents of the quarter"
        # is a part of town.
        if unit != "quarter" or ref is None or back or mod not in ("latest", "most recent", "recent"):
            return None
        y, mo = _add_months(ref.year, (ref.month - 1) // 3 * 3 + 1, -3)
        return _month_value(y, mo), "quarter"
    if unit == "period" and not (mod or back or g.get("year")):
        return None  # "the period" alone is seldom a date
    if g.get("year"):
        return _month_value(int(g["year"]), int(period.value[5:7])), period.precision
    return _shift(period, "year", -1 if back else 0)


_AMOUNT = re.compile(r"[$£€#]\s?\d|\d\s?%|\b\d[\d,.]*\s+(?:million|billion|cents|percent|points|pence)\b",
                     re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:[$£€#]\s?\d[\d,.]*(?:\s+(?:million|billion))?|\d[\d,.]*\s*(?:%|percent|cents?"
                            r"(?:\s+a\s+share)?|million|billion))[\s,]*(?:or\s+[^,]{1,30},\s*)?$", re.IGNORECASE)
_YEAR_BACK = {"ago", "shifted", "year_adj", "relative_unit"}


def _same_period_a_year_back(name: str, m: re.Match, text: str, s: int, e: int, found: list[DateMention],
                             ref: dt.date | None, resolved):
    """In a results story, "from $1.2 million a year ago" compares the reporting period with the same period a
    year before: a quarter, not the whole of last year. Only where a year back is all the expression says, the
    story named a quarter or half, and the sentence compares amounts ("last year" must touch its amount)."""
    if resolved[1] != "year" or not resolved[0]:
        return resolved
    g = m.groupdict()
    if name == "relative_unit":
        if (g.get("rel") or "").lower() != "last" or g.get("part") or (g.get("unit") or "").lower() != "year":
            return resolved
        if not (_AMOUNT_BEFORE.search(text, max(0, s - 60), s)
                or (text[e:e + 2] in ("'s", "’s") and _AMOUNT.match(text, e + 2, e + 20))):
            return resolved
    elif name in ("ago", "shifted"):
        n = g["n"].lower()
        if (g.get("unit") or "").lower() != "year" or n not in ("a", "one", "1") \
                or (g.get("dir") or "earlier").lower() not in ("earlier", "before"):
            return resolved
    period = _reporting_period(found, ref)
    if period is None:
        return resolved
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, max(0, s - 600), s)]
    lo = breaks[-1] if breaks else max(0, s - 600)
    stop = _SENTENCE_BREAK.search(text, e)
    if not _AMOUNT.search(text, lo, stop.start() if stop else len(text)):
        return resolved
    return _shift(period, "year", -1)


def _short_decade(two: int) -> int:
    return 2000 + two if two <= 20 else 1900 + two


def _relative_unit(g: dict, ref: dt.date | None, tense: str | None):
    unit = g["unit"].lower()
    precision = {"week": "week", "weekend": "week", "month": "month", "year": "year",
                 "quarter": "quarter"}.get(unit, "season")
    if ref is None:
        return None, precision
    rel = " ".join((g.get("rel") or "the").lower().split())
    past = rel == "this past"  # the last one, or the one now ("this past fall" in October)
    rel = "last" if past else rel
    step = {"last": -1, "this": 0, "next": 1, "coming": 1, "the": 0}[rel]
    if unit == "week":
        return (_monday(ref) + dt.timedelta(weeks=step)).isoformat(), "week"
    if unit == "weekend":
        if rel in ("the", "this"):
            # The weekend just past, unless the clause looks ahead (or it is the weekend now).
            ahead = tense == "future" or ref.weekday() >= 5
            step = 0 if ahead or ref.weekday() >= 5 else -1
        return (_monday(ref) + dt.timedelta(weeks=step)).isoformat(), "week"
    if unit == "month":
        return _month_value(*_add_months(ref.year, ref.month, step)), "month"
    if unit == "year":
        return str(ref.year + step), "year"
    if unit == "quarter":
        y, m = _add_months(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * step)
        return _month_value(y, m), "quarter"
    month = SEASON_MONTH[unit]
    season_now = SEASON_OF_MONTH[ref.month]
    year = ref.year + (1 if ref.month == 12 and month == 1 else 0)
    if rel == "last":
        year -= 1 if month > season_now or (month == season_now and not past) else 0
    elif rel in ("next", "coming"):
        year += 1 if month <= season_now else 0
    return _month_value(year, month), "season"


def _weekday(wd: int, rel: str, ref: dt.date, tense: str | None) -> dt.date:
    """The nearest such day consistent with the tense: a "Friday" in a Friday article is that day."""
    if rel in ("next", "coming") or (rel not in ("last", "past") and tense == "future"):
        delta = (wd - ref.weekday()) % 7
        if rel == "next" and delta == 0:
            delta = 7
        return ref + dt.timedelta(days=delta)
    delta = (ref.weekday() - wd) % 7
    if rel in ("last", "past") and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta)


def _holiday(name: str, ref: dt.date, tense: str | None) -> dt.date:
    def on(year: int) -> dt.date:
        fixed = HOLIDAYS[name]
        if fixed:
            return dt.date(year, *fixed)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)

    this = on(ref.year)
    if tense == "future":
        return this if this >= ref else on(ref.year + 1)
    return this if this <= ref else on(ref.year - 1)


def _year_for(month: int, day: int, ref: dt.date, tense: str | None, month_only: bool = False) -> int:
    """The year of a month (and day) named without one.

    The most recent such month (or day), unless the clause looks ahead. News names a day more than ten months
    away with its year, so a past-tense "Nov. 6" in a November 2 story is the coming one (the "said" is the
    reporting verb), and a future-tense "Aug. 7" in an August 18 story the one just gone. With
    no word of tense, the nearer one, leaning to the past.
    """
    if month_only:
        back = (ref.month - month) % 12  # months since the last such month (0: this month)
        ahead = 12 - back if back else 0
        near = 2
    else:
        prev = _date(ref.year, month, day) or _date(ref.year, month, 28)
        if prev > ref:
            prev = _date(ref.year - 1, month, day) or _date(ref.year - 1, month, 28)
        nxt = _date(prev.year + 1, month, day) or _date(prev.year + 1, month, 28)
        back, ahead = (ref - prev).days, (nxt - ref).days if prev != ref else 0
        back, ahead, near = back / 30.4, ahead / 30.4, 2
    recent = ref.year if (month, 0 if month_only else day) <= (ref.month, 0 if month_only else ref.day) \
        else ref.year - 1
    if back == 0 or ahead == 0:
        return ref.year
    if tense == "future":
        return recent if ahead > 10 and back <= near and not month_only else recent + 1
    if tense == "reported" and month_only:
        return recent + 1 if ahead <= near else recent  # a month just ahead, told of: the coming one
    if tense in ("past", "reported"):
        # Only a day: "said the offer expires Nov. 6" (the "said" reports); a month is read as written.
        return recent + 1 if back > 10 and ahead <= near and not month_only else recent
    return recent + 1 if ahead * 2 < back else recent


def _merge_bracketed(text: str, found: list[DateMention]) -> list[DateMention]:
    """"this afternoon (15 August 2016)", "on Thursday (May 15)": the date in brackets says which day the words
    before it mean; one expression, with its value when it has one."""
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if prev and d.precision == "day" and prev.precision in ("day", None) and d.start - prev.end <= 3 \
                and text[prev.end:d.start].strip() == "(" and text[d.end:d.end + 1] == ")":
            value = d.value or prev.value
            out[-1] = DateMention(prev.start, d.end + 1, text[prev.start:d.end + 1], value,
                                  "day" if value else prev.precision, prev.kind, prev.tense, prev.rule)
            continue
        out.append(d)
    return out


def _merge_clock_times(text: str, found: list[DateMention]) -> list[DateMention]:
    """A clock time beside a day ("5 p.m. EST, Nov. 6", "noon Saturday") joins it; alone it is dropped."""
    out: list[DateMention] = []
    for i, d in enumerate(found):
        if d.precision != "time":
            out.append(d)
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and nxt.precision == "day" and re.fullmatch(r"[\s,]*(?:on\s+)?", text[d.end:nxt.start]):
            nxt.start, nxt.text = d.start, text[d.start:nxt.end]
            continue
        prev = out[-1] if out else None
        if prev and prev.precision == "day" and re.fullmatch(r"[\s,]*(?:at\s+|,\s*)?", text[prev.end:d.start]):
            prev.end, prev.text = d.end, text[prev.start:d.end]
    return out


_FULL_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_RANK = {"day": 6, "week": 5, "month": 4, "quarter": 3, "season": 3, "half": 3, "year": 2, "decade": 1}


def parse_date_string(value: str, reference: dt.date | None = None) -> tuple[str, str] | None:
    """Normalise a date written on its own (a header field, a listing line) to (value, precision)."""
    value = value.strip()
    found = find_dates(value, reference)
    dated = [d for d in found if d.value]
    if dated:
        best = max(dated, key=lambda d: (_RANK.get(d.precision or "", 0), d.end - d.start))
        return best.value, best.precision
    if not _FULL_YEAR.search(value):
        return None  # "Updated 2 hours ago": dateparser would count back from today, an invented date
    import dateparser  # slow to import; only headers our patterns could not read get here

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    if parsed:
        return parsed.date().isoformat(), "day"
    return None
