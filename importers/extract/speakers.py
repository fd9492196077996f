"""Who said it: attribution cues around a quote, resolved to the full name the document gives.

Order of evidence for one quote: a transcript label ("VARGA: ..."); a cue right after the closing mark
(", Jiang said", ", said Lavrov", "― Name"); a cue before it in the same sentence ("Wang Yi said during a
meeting, “...”", "according to X"); a colon introduction in the sentence before; then the speaker of the
quote it continues (same sentence or paragraph, or the next paragraph of a multi-paragraph quote); then an
indirect-speech cue in the sentence just before ("X told reporters that ..."). A pronoun goes to the nearest
compatible person named before it, a surname to the full name, "the spokesman" to the spokesman named
earlier. Nobody named: None.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from importers.extract.cues import AUX, CUE, strip_aux_tail
from importers.extract.names import (CALENDAR_WORDS, HONORIFICS, NOT_NAME_START, PARTICLES, ROLE_WORDS,
                                     DocumentNames, is_institution, is_role_word, split_name, words)
from importers.extract.quotes import turn_label_before
from importers.extract.sentences import sentence_spans, wrap_width
from importers.model import Statement

_MARK_CHARS = "\"'“”‘’«»„‹›"
_CUE_RE = re.compile(rf"(?<![\w-]){CUE}(?![\w-])")
_LEAD = r"^[\s,;:.!?…—–”»-]*"  # (a stray closing mark too: « ... , » ”said Suhail Shahin)
_AFTER_INVERTED = re.compile(rf"{_LEAD}(?P<verb>{CUE})\s+(?P<np>(?!that\b|to\b|in\b|on\b|of\b|it\b|this\b)\S.*)$",
                             re.DOTALL)
_AFTER_DOCUMENT_READ = re.compile(r"[\s,]*(?P<np>the\s+(?:joint\s+|written\s+)?(?:statement|communiqu[eé]|press release|"
                                  r"readout))\s+(?:read|reads|stated|states)\b", re.IGNORECASE)
_AFTER_SUBJECT = re.compile(rf"{_LEAD}(?P<np>[^\"“”]{{1,200}}?)\s+{AUX}(?P<verb>{CUE})(?![\w-])", re.DOTALL)
# (The verb may have a few words after it that say when or where: "..., sources in the Foreign Office said
# yesterday.", "..., the ministry said in a statement on Monday."; not a clause: "whose growth Beijing claims led
# to Russia's attack.")
_WHEN_OR_WHERE = (r"(?:on|in|at|last|this|late|early|earlier|later|yesterday|today|tonight|again|too|also|"
                  r"[A-Z][a-z]+day|week|month|year|a|an|the|statement|interview|briefing|conference|press|news|"
                  r"morning|afternoon|evening|night|reporters|told|to|him|her|them|\d{1,2}(?::\d\d)?)")
_SENTENCE_END_CUE = re.compile(rf",\s*(?P<np>[^,;\"“”]{{1,60}}?)\s+{AUX}(?P<verb>{CUE})(?:\s+{_WHEN_OR_WHERE}){{0,4}}"
                               rf"\s*[.!?]\s*$")
_STOP_FIRST = re.compile(r"\s*[.!?]")
# A short sentence of its own made of a subject and a cue: ' Smith said.'
_CUE_SENTENCE = re.compile(rf"\s*[^.!?\"“”]{{1,80}}?\s+{AUX}{CUE}\s*(?:[^.!?\"“”\s]+\s*){{0,4}}[.!?]\s*")
_SIGN_OFF = re.compile(r"^\s*[―—–-]{1,2}\s*(?P<np>[^\n]{2,80})$")
# (Opening with the letter itself, not \b, lets re's scan skip to each "a" in C; the look-behind is the \b.)
_ACCORDING = re.compile(r"[Aa](?<!\w[Aa])ccording to\s+(?P<np>[^\"“”]+)")
_HEADLINE_LABEL = re.compile(r"(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s")
_NOT_LABELS = {"update", "updated", "note", "editor's note", "correction", "watch", "read", "related", "photo",
               "video", "listen", "breaking", "exclusive", "opinion", "analysis", "live", "q", "a", "source"}
_LABEL_IN_QUOTE = re.compile(r"^(?P<label>[A-Z][A-Z.'’ -]{1,30}):\s")
_SKIP_SEGMENT = re.compile(
    r"^(?:in|on|at|for|during|after|before|according|speaking|however|meanwhile|also|though|too|who|which|"
    r"whose|where|like|as|with|by|from|under|over|through|while|when|although|unlike|including|last|this|"
    r"earlier|later|then|now|yesterday|today|tonight|in turn|again|instead|still|moreover|furthermore|"
    r"separately|likewise|similarly|indeed|so|but|and|yet|if|once|asked|responding|referring|writing|"
    r"appearing|addressing|pressed|told|not|thus|therefore|hence|nevertheless|nonetheless|besides|finally|"
    r"otherwise|accordingly|consequently|notably|importantly|additionally|first|second|secondly|lastly)\b",
    re.IGNORECASE,
)
_INTRO_WORDS = {"last", "this", "next", "on", "in", "at", "earlier", "later", "then", "meanwhile", "but", "and",
                "so", "yet", "also", "however", "month", "week", "year", "night", "morning", "evening",
                "afternoon", "today", "yesterday", "now", "still", "moreover", "separately", "instead",
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                "february", "march", "april", "may", "june", "july", "august", "september", "october", "even",
                "november", "december", "addition", "response", "turn", "fact", "contrast", "short", "sum",
                "the", "a", "an", "early", "late", "mid", "thus", "therefore", "hence", "nevertheless",
                "nonetheless", "besides", "finally", "accordingly", "consequently", "additionally"}
_NP_LOWER_OK = {"businessman", "businesswoman", "billionaire", "mogul", "lawmaker", "doctor", "scholar",
                "expert", "lady", "nominee", "hopeful", "executive", "politician", "veteran", "the", "a", "an",
                "of", "for", "and", "de", "its", "his", "her", "their", "state", "media",
                "senior", "top", "former", "chief", "deputy", "foreign", "defence", "defense", "press", "news",
                "secretary", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "official",
                "officials", "government", "agency", "office", "experts", "analysts", "leader", "president",
                "governor", "senator", "chairman", "director", "ambassador", "lawmakers", "diplomats",
                "negotiators", "military", "army", "police", "army", "party", "campaign", "aide", "aides",
                "adviser", "advisers", "professor", "economist", "analyst", "host", "anchor", "pollster"}
_END_WORDS = re.compile(r"\s+(?:in|on|at|during|after|before|when|while|who|which|as|from|to|with|about|outside|"
                        r"inside|last|this|told|adding|noting|saying|referring|according|and|but|because|"
                        r"since|shortly|late|early|earlier|later|yesterday|today|tonight|on|via|through|"
                        r"under|over|said|says|that|if|for|of\s+(?:the|a|his|her|its|their)\b)\b")
_GROUP_NOUNS = re.compile(r"\b(officials|experts|analysts|diplomats|negotiators|lawmakers|sources|aides|media|"
                          r"authorities|leaders|ministers|economists|scholars|observers|critics|residents|"
                          r"protesters|activists|campaigners|spokesmen|representatives|officers|police|"
                          r"military|army|government|ministry|agency|office|department|embassy|council|"
                          r"commission|committee|party|parliament|court|kremlin|pentagon)\b", re.IGNORECASE)
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_UNNAMED_SUBJECT = re.compile(r"\b(?:one|a|an|another|some|several|many|two|three|few)\s+[a-z-]+(?:\s+[a-z-]+)?$")
_POSSESSIVE_PRONOUN = re.compile(r"^(?:its|their|his|her|our)\s+", re.IGNORECASE)
_SENTENCE_END_IN = re.compile(r"[.!?]\s")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_INDEFINITE = re.compile(r"(?:a|an|one|another|some|several|two|three|four|five|few|many)\s")
# A person described by role with a proper word: "the Indiana governor", "the New York businessman".
_PERSON_NOUNS = {"businessman", "businesswoman", "billionaire", "mogul", "lawmaker", "legislator", "doctor",
                 "scholar", "expert", "student", "voter", "mother", "father", "veteran", "star", "actor",
                 "actress", "singer", "rapper", "writer", "novelist", "historian", "lady", "nominee", "hopeful",
                 "businessperson", "entrepreneur", "investor", "executive", "politician", "statesman"}
_ROLE_NOUN = (r"(?:governor|senator|businessman|businesswoman|president|nominee|candidate|congressman|"
              r"congresswoman|lawmaker|mayor|minister|lady|leader|official|diplomat|general|secretary|spokesman|"
              r"spokeswoman|chairman|chairwoman|billionaire|mogul|activist|judge|ambassador|hopeful|star)")
_DESCRIPTION = re.compile(rf"(?:(?:former|then|current|first|top|[A-Z][\w.'’-]*)\s+)+(?:[a-z]+\s+)?{_ROLE_NOUN}"
                          rf"(?:\s+and\s+(?:(?:former|then|current|first|[A-Z][\w.'’-]*)\s+)*(?:[a-z]+\s+)?{_ROLE_NOUN})?")
# Patterns the functions below use on every quote, compiled once (re's cache costs a look-up per call).
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_ARTICLE_ANY_CASE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+")
_ARTICLE_BEFORE_NAME = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+(?=[A-Z])")
_THAT = re.compile(r"^(?:that)\s+")
_ENDS_WITH_CONJUNCTION = re.compile(r"(?:^|[\s,])(?:and|but|then|or|before|after)$")
_ENDS_WITH_SUBORDINATOR = re.compile(r"(?:^|[\s,])(?:while|when|by|as|in|without|also)$")
_ENDS_OPEN = re.compile(r"\s(?:and|but|or|then|to)$")
_SEGMENT_BREAK = re.compile(r",|\s?(?:[—–―]|--)\s?|;")
_OPENS_WITH_ARTICLE = re.compile(r"(?i)(?:the|a|an)\b")
_OPENS_WITH_RELATIVE = re.compile(r"(?i)(?:who|which)\b")
_OPENS_AS_NAME = re.compile(r"(?:(?:the|a|an)\s+)?[A-Z]")
_OPENS_WITH_SUBJECT_WORD = re.compile(r"(?:he|she|they|it|we|i|state|officials)\b")
_OPENS_WITH_DETERMINER = re.compile(r"(?:a|an|the|its|his|her|their)\s")
_AND_NAME = re.compile(r"\s+(?:and|&)\s+(?=[A-Z])")
_PARTY_OR_STATE = re.compile(r"[A-Z]-[A-Z][\w.]*|[A-Z][a-z]{0,3}\.")
_NAME_OF_PLACE = re.compile(r"(.+?[A-Z][\w'’-]+)\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*)*$")
_PRONOUN_ONLY = re.compile(r"(?:he|she|they|it|we|I)")
_DATELINE_OR_CLOCK = re.compile(r"^[A-Z][A-Z .'-]+\s?:\s*|^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?\s+")
# (One character class first, which re's scan skips to in C; a full stop counts only before a space or the end.)
_CUT_AT = re.compile(r"[,;:!?\"“”(\n.](?:(?<!\.)|(?=\s|$))")
_SPOKESPEOPLE_AT = re.compile(r"(?:officials|spokes\w+|representatives|sources)\s+(?:at|from|of|for|with)\s+[A-Z]",
                              re.IGNORECASE)
_SPOKESPEOPLE_AT_NAME = re.compile(
    r"(?:officials|spokes\w+|representatives|sources)\s+(?:at|from|of|for|with)\s+((?:the\s+)?[A-Z].*)$", re.IGNORECASE)
# One unnamed voice of a body: "a spokeswoman for the foreign ministry", "an official at the embassy".
_VOICE = (r"(?:(?:a|an|the|some)\s+)?(?P<role>(?:[a-z]+\s+)?(?:spokes(?:man|woman|person)|officials?|representatives?|"
          r"sources?|aides?))\s+(?:for|of|at|from|with|in)\s+(?:the\s+)?(?P<body>[\w.'’-]+(?:\s+[\w.'’-]+){0,4})")
_SPOKESPERSON_FOR = re.compile(_VOICE)
_SPOKESPERSON_AT_END = re.compile(rf"\b{_VOICE}$")
_BODIES = {"delegation", "mission", "campaign", "team", "consulate", "coalition", "alliance", "bloc", "regime",
           "junta", "opposition", "presidency"}
_NOT_A_ROLE = re.compile(r"(?:[0-9]|of\b|who\b|which\b|[A-Z])")
_SIGN_ON = re.compile(r"(?::|\s(?:--|[—–―]))$")
# A name after these in a sentence is an object ("Speaking after talks with French president
# Emmanuel Macron, he said", "when meeting with Chinese Ambassador Lu Shaye, he added"): "he" is someone else.
_OBJECT_BEFORE = re.compile(r"\b(?:with|to|against|met|meeting|meets|called|urged|told|"
                            r"visited|visiting|thanked|invited|e-?mailed|phoned|contacted|asked|interviewed|"
                            r"congratulated|informed)\s+(?:[\w.'’-]+\s+){0,4}$")
# The commonest cue verbs, for a pattern compiled per role word (the whole CUE pattern costs 5 ms to compile).
_CUE_WORDS = "said|says|told|added|stressed|noted|warned|insisted|wrote"
_PARTICIPLE_OPENER = re.compile(r"\s*(?:Saying|Adding|Noting|Stressing|Insisting|Warning|Arguing|Claiming|Explaining|"
                                r"Describing|Calling|Speaking|Declaring|Asserting|Reiterating)\b")
_MAIN_SUBJECT = re.compile(r",\s*(?P<np>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|he|she|they)\s+(?:has\s+|had\s+|also\s+)?"
                           r"[a-z]+(?:ed|s)\b")
_CUE_AFTER_NAME = re.compile(rf"(?:,[^,\n]{{1,60}},)?\s+{AUX}(?:{CUE})\b")
_THE_DOCUMENT = re.compile(r"(?i:the|that|this)\s+(?:joint\s+|written\s+)?(?:statement|communiqu[eé]|press release|readout)")
_DOCUMENT_ISSUER = re.compile(r"(?i:statement|communiqu[eé]|press release|readout)\s+(?:issued\s+)?(?:by|from)\s+"
                              r"(?P<issuer>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*){0,6})")
# "The foreign ministry of Amberland issued a statement", "Varga said in a written statement": its issuer.
_ISSUED_A_DOCUMENT = re.compile(r"(?P<issuer>[^.;:!?\n\"“”]{1,80}?)\s+(?:has\s+|had\s+|also\s+)?(?:issued|released|"
                                r"published|put\s+out|(?:said|announced|confirmed)\b[^.;:!?\n\"“”]{0,60}?\s+in)\s+(?:a|an)\s+"
                                r"(?:joint\s+|written\s+|brief\s+)?"
                                r"(?:statement|communiqu[eé]|press release|readout)\b")
_ISSUED_BY = re.compile(r"^(?:an?|the)\s+(?:(?:joint|written|official)\s+)?(?:statement|communiqu[eé]|press release|"
                        r"readout|report|letter|post|tweet|notice)\s+(?:issued\s+)?(?:by|from)\s+(?=\S)", re.IGNORECASE)
_ELIDED = object()
_UNNAMED = object()
# "the spokeswoman", "a senior official", "one diplomat": a speaker described, never named.
_UNNAMED_HOLDER = re.compile(r"(?:the|a|an|one|another)\s+(?:[a-z-]+\s+){0,2}(?:spokes(?:man|woman|person)|official|"
                             r"diplomat|aide|adviser|advisor|source|representative|negotiator|minister|analyst)")


def _runs_into_name(role: str) -> bool:
    """Whether a role ends in an institution's "of" phrase that the name completes: "the foreign ministry of"
    (+ Amberland), "Iran's Ministry of Foreign" (+ Affairs); not "University of Michigan professor"."""
    ws = role.split()
    for at in range(len(ws) - 1, 0, -1):
        if ws[at] != "of":
            continue
        if not all(w[:1].isupper() or w in ("of", "the", "and") for w in ws[at + 1:]):
            return False
        if is_institution(ws[at - 1]):
            return True
    return False


def _without_parentheses(text: str) -> str:
    """The text without its parenthesised asides ("Jim Clyburn (D-S.C.)" -> "Jim Clyburn"); most texts have none,
    and the pattern, which cannot open with a fixed character, is tried only on those that do."""
    return _PARENTHESES.sub("", text) if "(" in text else text


def _at_end(pattern: re.Pattern, text: str) -> re.Match | None:
    """``pattern.search(text)`` for a pattern that ends in $ and matches at most ``_TAIL_CHARS`` characters
    (plus a final line break): searched from there, not from the start of a long text."""
    return pattern.search(text, max(0, len(text) - _TAIL_CHARS))


_TAIL_CHARS = 12  # the longest of those patterns: "\s--" (4), " without" (8)
PRONOUN_WINDOW = 4  # sentences to look back for the person a pronoun means
REGION_CHARS = 400  # how far from its marks a quote's attribution is looked for


@dataclass
class Speaker:
    name: str | None
    role: str | None = None
    kind: str | None = None


# A subject found at the start of a wire story carries its dateline: "VALDOR CITY: Valdoria".
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:\s*\([^)]{1,25}\))?\s*(?::|—|–|--)\s+(?=\S)")


def attribute_speakers(text: str, statements: list[Statement], body_start: int = 0) -> None:
    """Fill speaker, role and kind on each statement where an attribution is found; leave None otherwise."""
    if not statements:
        return
    ctx = _Context(text, body_start)
    previous: Statement | None = None
    for st in statements:
        # "he" inside someone's quote is somebody else
        outer = previous if previous is not None and previous.end > st.end else None
        ctx.not_him = outer.speaker if outer is not None else None
        ctx.attribute(st, previous)
        if previous is None or st.end > previous.end:
            previous = st  # a quote nested in a transcript turn does not end the turn


class _Context:
    def __init__(self, text: str, body_start: int):
        self.text = text
        self.body_start = body_start
        self.names = DocumentNames(text, 0)
        self.sentences = sentence_spans(text, body_start) or [(body_start, len(text))]
        self.width = wrap_width(text, body_start) if "\n" in text else None
        self.starts = [s for s, _ in self.sentences]
        self.last_institution: tuple[int, Speaker] | None = None
        self.attributed_after: set[int] = set()
        self.not_him: str | None = None
        self.quoted: tuple[int, int] = (0, 0)  # the marks around the statement being attributed
        self.last_speaker: str | None = None
        self.last_speaker_role: str | None = None

    # --- geometry -----------------------------------------------------------------------------------

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def paragraph_start(self, pos: int) -> int:
        start = self.text.rfind("\n", 0, pos) + 1
        if self.width:  # hard-wrapped: the paragraph goes back over full lines
            while start > 1:
                previous = self.text.rfind("\n", 0, start - 1) + 1
                if start - 1 - previous < 0.8 * self.width:
                    break
                start = previous
        return start

    def paragraph_end(self, pos: int) -> int:
        e = self.text.find("\n", pos)
        if self.width:
            while e >= 0 and e - (self.text.rfind("\n", 0, e) + 1) >= 0.8 * self.width:
                e = self.text.find("\n", e + 1)
        return len(self.text) if e < 0 else e

    def marks(self, st: Statement) -> tuple[int, int]:
        """Offsets of the opening mark and just past the closing mark around a statement."""
        t = self.text
        o = st.start
        while o > 0 and t[o - 1] in " \t\u00a0\u202f" and st.start - o < 2:
            o -= 1  # a space inside the marks
        inner = o
        while o > 0 and t[o - 1] in _MARK_CHARS and inner - o < 2:
            o -= 1
        c = st.end
        while c < len(t) and t[c] in " \t\u00a0\u202f" and c - st.end < 2 and t[c + 1: c + 2] in ("»", "›"):
            c += 1  # « spaced guillemets »
        inner = c
        while c < len(t) and t[c] in _MARK_CHARS and c - inner < 2:
            c += 1
        return o, c

    # --- attribution ----------------------------------------------------------------------------------

    def attribute(self, st: Statement, previous: Statement | None) -> None:
        t = self.text
        open_pos, close_end = self.marks(st)
        self.quoted = (open_pos, close_end)
        si = self.sentence_index(open_pos)
        s_start, s_end = self.sentences[si]
        st.sentence_start, st.sentence_end = s_start, max(s_end, st.end)
        prev_close = self.marks(previous)[1] if previous else 0
        if prev_close > open_pos:
            previous, prev_close = None, 0
        speaker = None

        label = turn_label_before(t, st.start)
        if label is None:
            m = _LABEL_IN_QUOTE.match(st.text)
            label = m["label"] if m else None
        if label and label.lower() in ("a", "answer"):
            speaker = self.interviewee()
        elif label and label.isupper() and len(label) <= 3:
            speaker = self.initials(label)  # "JS:" -> James Steinberg, named in the introduction
        elif label:
            speaker = self.resolve(label.title() if label.isupper() else label, st.start)

        if speaker is None and close_end > st.end:
            speaker = self.after(st, close_end)
            if speaker is _UNNAMED:
                return  # attributed, to nobody named: no guess from the sentences around
            if speaker is not None:
                self.attributed_after.add(id(st))
        if speaker is None:
            region_start = max(s_start, prev_close, self.paragraph_start(open_pos), open_pos - REGION_CHARS)
            same_sentence = previous if previous is not None and prev_close > s_start else None
            speaker = self.before(region_start, open_pos, st, same_sentence)
            last_cue = None
            for last_cue in _CUE_RE.finditer(t, region_start, open_pos) if speaker is None else ():
                pass
            if speaker is None and last_cue and _UNNAMED_SUBJECT.search(
                    strip_aux_tail(t[region_start:last_cue.start()].rstrip())):
                return  # its own sentence gives an unnamed speaker: "one skipper had told her"
        if speaker is None and t[self.paragraph_start(open_pos):open_pos].strip() == "":
            speaker = self.colon_intro(open_pos)
        if speaker is None:
            m = _HEADLINE_LABEL.match(t, self.paragraph_start(open_pos), open_pos)
            if m and m["label"].lower() not in _NOT_LABELS and not m["label"].isupper():  # ("ISLAMABAD:": a dateline)
                speaker = self.resolve(m["label"], open_pos)  # "Sanders: Clinton needs to 'get away ...'"
        if speaker is None and _PARTICIPLE_OPENER.match(t, s_start, open_pos):
            # 'Saying that he was glad to be back in "friendly" Bahrain, Cavusoglu thanked ...': the main clause's
            # subject, after the comma, said it
            m = _MAIN_SUBJECT.search(t, close_end, s_end)
            if m:
                speaker = self.resolve(m["np"], m.start("np"))
        if speaker is None and previous is not None and previous.speaker:
            speaker = self.inherited(st, previous, open_pos, prev_close)
        if speaker is None and st.kind == "statement" and self.starts_sentence(open_pos):
            speaker = self.indirect_before(si)
        name = _DATELINE_PREFIX.sub("", speaker.name) if speaker and speaker.name else None
        if name:
            if speaker.kind == "person" and name.isupper():
                name = name.title()  # "FLEISCHER:" -> the "ARI FLEISCHER" of the first label, as Ari Fleischer
            st.speaker, st.speaker_role, st.speaker_kind = name, _clean_role(speaker.role), speaker.kind
            if speaker.kind == "person":
                self.last_speaker, self.last_speaker_role = speaker.name, speaker.role

    def starts_sentence(self, open_pos: int) -> bool:
        lead = self.text[self.paragraph_start(open_pos):open_pos].rstrip()
        return not lead or lead[-1] in ".!?:"

    def after(self, st: Statement, close_end: int) -> Speaker | None:
        t = self.text
        limit = min(self.paragraph_end(close_end), close_end + REGION_CHARS)
        # stop at the next quote's opening mark and at the end of the sentence after the quote
        si = self.sentence_index(close_end)
        s_end = self.sentences[si][1]
        if s_end <= close_end + 1 and si + 1 < len(self.sentences):
            s_end = self.sentences[si + 1][1]
        sentence_limit = s_end
        # (Each mark found with str.find, in C, rather than by re's scan of every character for a class of them.)
        for mark in "“\"‘«":
            i = t.find(mark, close_end, limit)
            if i >= 0:
                limit = i
        i = t.find("'", close_end, limit)
        while i >= 0:
            if i == 0 or not t[i - 1].isalnum():  # a straight single mark not after a letter
                limit = i
                break
            i = t.find("'", i + 1, limit)
        after = t[close_end:limit]
        if not after.strip():
            return None
        in_sentence = t[close_end:max(close_end, min(limit, sentence_limit))]
        ended = st.text.rstrip()[-1:] in ".!?" or _STOP_FIRST.match(after)
        following = after.lstrip(" .!?\n\t")[:1]
        if ended and (following.isupper() or following in ("(", "[")):
            # "...end of a sentence." Smith said.  -- not: "...end." The ministry rejected it, saying ...
            if not _CUE_SENTENCE.fullmatch(after):
                return None
        m = _SIGN_OFF.match(after)
        if m:
            np = m["np"].strip().rstrip(".").split(",")[0].strip()
            if np[:1].isupper() and _leading_np(np) == np and len(words(np)) <= 6 and split_name(np)[0]:
                return self.resolve(np, close_end)
        m = _AFTER_DOCUMENT_READ.match(after)
        if m:  # '"...," the statement read.': its issuer ("read" alone is too often another verb to be a cue)
            return self.resolve(m["np"], close_end + m.start("np")) or _UNNAMED
        m = _AFTER_INVERTED.match(after)
        if m:
            return self.inverted_subject(m["np"], close_end + m.start("np"))
        m = _AFTER_SUBJECT.match(after)
        if m and _noun_phrase_like(m["np"]):
            np = m["np"].strip()
            indefinite = _INDEFINITE.match(np)
            if indefinite and _UNNAMED_HOLDER.match(np) and not _spokesperson(np):
                return _UNNAMED  # "a government official in the region told AFP"
            sp = self.subject(m["np"], close_end + m.start("np"), m["verb"], close_end + m.end("np"))
            # "..., the spokeswoman said", "one dispatcher said", "a Cuban band sang": someone the text never
            # names (but "a spokesman at the ministry said" is the ministry, "a fit-looking Farkas said" Farkas)
            described = _UNNAMED_HOLDER.fullmatch(np) or _DESCRIBED.fullmatch(np) and not _THE_DOCUMENT.fullmatch(np)
            someone = sp is None or sp is not _ELIDED and sp.kind == "person" and np.split()[-1] not in sp.name.split()
            if (sp is None and described) or (indefinite and someone):
                return _UNNAMED
            if sp is not _ELIDED:
                return sp
        m = _ACCORDING.search(in_sentence) if "ccording to" in in_sentence else None
        if m:
            return self.inverted_subject(m["np"], close_end + m.start("np"))
        m = _SENTENCE_END_CUE.search(in_sentence)
        if m and not ended:
            # "A cashier who “steals a handful” is held accountable, Warren said."
            sp = self.subject(m["np"], close_end + m.start("np"), m["verb"], close_end + m.start("verb"))
            if sp is not _ELIDED:
                return sp
        return None

    def before(self, region_start: int, open_pos: int, st: Statement | None,
               previous_in_sentence: Statement | None = None) -> Speaker | None:
        t = self.text
        region = t[region_start:open_pos]
        if not region.strip():
            return None
        m = None
        for m in _ACCORDING.finditer(region) if "ccording to" in region else ():
            pass
        if m:
            sp = self.inverted_subject(m["np"], region_start + m.start("np"))
            if sp:
                return sp
        sign_on = _at_end(_SIGN_ON, region.rstrip())
        if sign_on:
            # "..., including the former candidate Mitt Romney -- ''...''": the name right before the mark
            head = region.rstrip()[:sign_on.start()].rstrip()
            last = re.split(r"[,;(]", head)[-1].strip()
            name = _trailing_np(last)
            lead_words = last[: len(last) - len(name)]
            if (name and split_name(name)[0] and not _CUE_RE.search(last)
                    and not re.search(r"\b(?:of|to|for|with|about|at|on|in|by|than|against)\s*$|\w+ed\b", lead_words)):
                sp = self.resolve(name, region_start + len(head) - len(name))
                if sp is not None and sp.kind == "person":
                    return sp
        cues = list(_CUE_RE.finditer(region))
        cue = cues[-1] if cues else None
        if cue is None:
            # a colon or dash sign-on: "Marovic, speaking first: “...”", "Mitt Romney -- ''...''"
            if _at_end(_SIGN_ON, region.rstrip()):
                chunk = region.rstrip().rstrip(":-—–―").rstrip()
                sp = self.subject(chunk, region_start, "", open_pos)
                if sp is not _ELIDED:
                    return sp
            return None
        sp = None
        for cue in reversed(cues[-3:]):  # the nearest cue first; an earlier one when it names nobody
            if len(words(region[cue.end():])) > 22:
                break
            chunk = strip_aux_tail(region[:cue.start()].rstrip())
            sp = self.subject(chunk, region_start, cue.group(), region_start + cue.start())
            if sp is not None or _UNNAMED_SUBJECT.search(chunk):
                break  # "one skipper had told her": somebody unnamed, not the subject of an earlier verb
        if sp is _ELIDED:
            # "Zhao Lijian said, stressing that ...": the subject of the cue before
            if _CUE_RE.search(chunk):
                sp = self.before(region_start, region_start + len(chunk), st)
                if sp is not None:
                    return sp
            if previous_in_sentence is not None and previous_in_sentence.speaker:
                return Speaker(previous_in_sentence.speaker, previous_in_sentence.speaker_role,
                               previous_in_sentence.speaker_kind)
            return self.sentence_subject(region_start + cue.start(), st)
        return sp

    def colon_intro(self, open_pos: int) -> Speaker | None:
        """ "Brell added:" ending the paragraph or sentence before a quote that opens its own."""
        t = self.text
        before = t[:open_pos].rstrip()
        if not before.endswith(":"):
            return None
        label = _NAME_LABEL_LINE.search(before, max(0, len(before) - 80))
        if label and "\n" in t[len(before):open_pos]:
            return self.resolve(label[1], label.start(1))  # "Paulo Bento:" alone on its line, then his words
        start = max(self.paragraph_start(len(before) - 1), self.sentences[self.sentence_index(len(before) - 1)][0])
        region = before[start:]
        return self.before(start, start + len(region), None) if _CUE_RE.search(region) else None

    def inherited(self, st: Statement, previous: Statement, open_pos: int, prev_close: int) -> Speaker | None:
        """The previous quote's speaker, when this quote continues it."""
        t = self.text
        between = t[prev_close:open_pos]
        own_cue = any(not re.search(r"\b(?:who|which|that)\s+$", between[:m.start()])
                      for m in _CUE_RE.finditer(between))  # "some people" who feel that way, "but not ..."
        # '"...," she wrote on X. "..."': the cue is the previous quote's, before its sentence ends
        cue_end = _last_cue_end(between)
        end = _SENTENCE_END_IN.search(between, cue_end)
        previous_cue = own_cue and not _SENTENCE_END_IN.search(between[:cue_end]) and (
            end is not None and not between[end.end():].strip())  # and this quote opens the next sentence
        if own_cue and "\n" not in between and id(previous) not in self.attributed_after and not previous_cue:
            return None  # a cue between them that is not the previous quote's own
        same_paragraph = "\n" not in between
        same_sentence = same_paragraph and not re.search(r"[.!?][\"”’']?\s+[A-Z\"“]", between)
        if same_paragraph and (st.kind == "statement" or same_sentence or len(between.strip()) <= 12):
            return Speaker(previous.speaker, previous.speaker_role, previous.speaker_kind)
        breaks = len(_LINE_BREAKS.findall(between))  # (blank lines a scraped page doubles count once)
        if not same_paragraph and breaks <= 2 and not between.strip():
            # the next paragraph of the same speech, or a new quote right under an attributed one
            return Speaker(previous.speaker, previous.speaker_role, previous.speaker_kind)
        if (not same_paragraph and breaks <= 2
                and (id(previous) in self.attributed_after or _short_cue_clause(between.strip()))
                and st.kind == "statement" and not between[between.index("\n"):].strip()):
            # '"...," the ministry said.' and under it a paragraph that is only a quote: the same voice goes on
            return Speaker(previous.speaker, previous.speaker_role, previous.speaker_kind)
        return None

    def indirect_before(self, si: int) -> Speaker | None:
        """ "Priya Ramaswamy ... told Atlas Observer that the thaw rests on economics." then a quote."""
        if si == 0:
            return None
        s, e = self.sentences[si - 1]
        sentence = self.text[s:e]
        if any(ch in sentence for ch in "“”\""):
            return None
        cue = _CUE_RE.search(sentence)
        if not cue:
            return None
        chunk = strip_aux_tail(sentence[:cue.start()].rstrip())
        sp = self.subject(chunk, s, cue.group(), s + cue.start())
        if sp is _ELIDED or sp is None or sp.kind == "institution" and not sp.name:
            return None
        return sp

    def initials(self, label: str) -> Speaker | None:
        """The one person named in the text whose initials the label gives."""
        found = {person.name: person for person in self.names.people.values()
                 if "".join(w[0] for w in person.name.split() if w[:1].isupper()) == label}
        if len(found) != 1:
            return None
        person, = found.values()
        return Speaker(person.name, person.role, "person")

    def interviewee(self) -> Speaker | None:
        """Who answers the "Q:" of an interview or a briefing: the first person the text names, in its title or
        its opening lines ("Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference")."""
        first = self.text.find("\nQ:")
        before = [mn for mn in self.names.mentions if first < 0 or mn.pos < first]
        # The introduction's names first: the header's may be the page's menus.
        named = [mn.person for mn in before if mn.pos >= self.body_start] or [mn.person for mn in before]
        # The one both the title and the introduction name ("Q&A with Gayle Lemmon", then "Lemmon is the author
        # of ... a fellow at the Council on Foreign Relations"), else one named with a role ("Spokesperson Hua
        # Chunying") before a bare name from the page's menus.
        title_end = self.body_start or max(0, self.text.find("\n"))  # (no header read: the first line)
        titled = [mn.person for mn in before if mn.pos < title_end and mn.person in named]
        with_role = (p for p in named if p.role and any(is_role_word(w) for w in words(p.role)))
        person = titled[0] if titled else next(with_role, named[-1] if named else None)
        return Speaker(person.name, person.role, "person") if person else None

    # --- noun phrases ---------------------------------------------------------------------------------

    def inverted_subject(self, np: str, pos: int) -> Speaker | None:
        """The words after an inverted cue ("said Rep. Jim Clyburn (D-S.C.), who ...")."""
        np = _without_parentheses(np)
        role = None
        if _spokesperson(np):
            return self.resolve(np, pos)  # "said a spokeswoman for the foreign ministry in Beijing"
        head = _cut(np)
        rest = np[len(head):].lstrip()
        if rest.startswith(","):
            appos = _cut(rest[1:].strip())
            if appos and (appos[:1].islower() or appos.lower().startswith(("a ", "an ", "the "))):
                role = _ARTICLE_ANY_CASE.sub("", appos)
        sp = self.resolve(head, pos)
        if sp and role and not sp.role and sp.kind == "person":
            sp.role = role
        return sp

    def subject(self, chunk: str, pos: int, verb: str, verb_pos: int):
        """The subject of a cue verb from the words before it (up to the start of the region)."""
        chunk = _without_parentheses(chunk).rstrip()
        if not chunk.strip(" ,;:—–-"):
            return _ELIDED
        if verb.endswith("ing") and chunk.endswith(","):
            return _ELIDED  # "..., saying that": the subject is the sentence's
        if _at_end(_ENDS_WITH_CONJUNCTION, chunk):
            return _ELIDED
        if verb.endswith("ing") and _at_end(_ENDS_WITH_SUBORDINATOR, chunk):
            return _ELIDED  # "..., while cautioning that"
        segments = [seg.strip() for seg in _SEGMENT_BREAK.split(chunk)]
        first = _appositive_subject(segments)
        if first:
            name_seg, role = first
            sp = self.resolve(name_seg, pos + max(0, chunk.find(name_seg)))
            if sp and role and sp.kind == "person" and not sp.role:
                sp.role = role
            return sp
        role = None
        relative = False
        for k in range(len(segments) - 1, -1, -1):
            seg = segments[k].strip(" ,:")
            if not seg:
                continue
            if k == len(segments) - 1 and seg.split()[0].lower() in _TIME_ADVERBS \
                    and _OPENS_WITH_ARTICLE.match(_strip_intro(seg)):
                seg = _strip_intro(seg)  # "Later the prime minister (said)": the subject after the adverb
            if _SKIP_SEGMENT.match(seg) and not _OPENS_WITH_ARTICLE.match(seg):
                if _OPENS_WITH_RELATIVE.match(seg) and not relative:
                    if k == 0:
                        return None
                    relative = True  # "..., by Foreign Minister Anika Varga, who told": the name before
                    continue
                trail = _strip_intro(_trailing_np(seg))
                if _OPENS_AS_NAME.match(trail) and trail != seg:
                    return self.resolve(trail, pos + chunk.find(seg))  # "But Flynn said", "As Mr. Bown observed"
                continue
            if relative:
                np = _trailing_np(seg) or seg
                sp = self.resolve(np, pos + chunk.find(seg))
                if sp and sp.kind == "person" and not sp.role and k > 0 and np == seg:
                    sp.role = _described_before(segments[k - 1])  # "the foreign minister, Janos Martonyi, who"
                return sp
            head = seg.split(" of ")[0].split()[-1] if k > 0 and _OPENS_WITH_DETERMINER.match(seg) else ""
            if head and is_role_word(head) and not is_institution(head):  # "the prime minister (of ...)"
                # "..., Anika Varga, the prime minister of Amberland, said": the name before the description
                named = _trailing_np(segments[k - 1].strip())
                if named and split_name(named)[0] and not is_institution(named):
                    sp = self.resolve(named, pos + chunk.find(named))
                    if sp and sp.kind == "person":
                        sp.role = sp.role or _ARTICLE.sub("", seg)
                        return sp
            lower_start = seg[:1].islower() and not _OPENS_WITH_SUBJECT_WORD.match(seg)
            prev_seg = segments[k - 1].strip() if k > 0 else ""
            appositive = (lower_start or _OPENS_WITH_DETERMINER.match(seg)) and k > 0 and \
                _leading_np(prev_seg) == prev_seg and split_name(prev_seg)[0] and prev_seg[:1].isupper()
            if appositive:
                role = _ARTICLE.sub("", seg)
                continue
            seg = _strip_intro(seg)
            inner = None
            for inner in _CUE_RE.finditer(seg):
                pass
            if inner:  # "She said one skipper had told her:": the subject is the one after the last verb
                seg = _THAT.sub("", seg[inner.end():].strip())
                if not seg:
                    return None
            # "..., saying": the sentence's subject; but "the Conservatives are already criticising" has its own
            participle = verb.endswith("ing") and not _BE_BEFORE.search(self.text, max(0, verb_pos - 30), verb_pos)
            np = _leading_np(seg) if participle and _leading_np(seg) else _best_np(seg)
            sp = self.resolve(np, pos + chunk.find(seg))
            if sp and sp.kind == "person" and not sp.role and not role and k > 0 and np == seg:
                role = _described_before(segments[k - 1])  # "Kestrel's prime minister, Lena Aas, said"
            if sp and role and sp.kind == "person" and not sp.role:
                sp.role = role
            return sp
        return None

    def sentence_subject(self, region_start: int, st: Statement | None) -> Speaker | None:
        """The subject a participle or a second verb shares: "The government refused ..., calling it"."""
        if st is not None and st.speaker:
            return None
        si = self.sentence_index(region_start)
        s = max(self.sentences[si][0], self.paragraph_start(region_start))
        head = self.text[s:region_start]
        head = re.split(r"[\"“”]", head)[0]
        for seg in re.split(r",", head):
            seg = seg.strip()
            if not seg or _SKIP_SEGMENT.match(seg) and not _OPENS_WITH_ARTICLE.match(seg):
                continue
            np = _leading_np(_strip_intro(seg))
            return self.resolve(np, s) if np else None
        return None

    def resolve(self, np: str, pos: int) -> Speaker | None:
        np = np.strip(" ,.;:—–-\"“”'‘’")
        np = _ISSUED_BY.sub("", np)  # "a statement by the Turkish Foreign Ministry": the ministry
        np = _WEEKDAY_TAIL.sub("", np)  # "The Cypriot government Saturday (condemned)"
        np = _CONJUNCTION_HEAD.sub("", _TURN_LABEL_HEAD.sub("", np))
        numbered = " " not in np and self.text.startswith(np, pos) and _NUMBER_AFTER.match(self.text, pos + len(np))
        if np in _PARTS or _NUMBERED_SECTION.fullmatch(np) or numbered:
            return None  # "Article 10 says:": a clause of a text, not someone speaking
        plural = _THE_PLURAL.fullmatch(np)
        if plural:  # "the Conservatives", "the Democrats": a party or a group, not a person
            sp = Speaker(plural[1], None, "institution")
            self.last_institution = (pos, sp)
            return sp
        if _THE_DOCUMENT.fullmatch(np):
            # "the statement said", after "A statement from the Office of the Trade Representative ...": its issuer
            window = max(0, pos - 3000)
            issuers = [m for pattern in (_DOCUMENT_ISSUER, _ISSUED_A_DOCUMENT)
                       for m in pattern.finditer(self.text, window, pos)]
            if not issuers:
                return None
            issuer = max(issuers, key=lambda m: m.start("issuer"))
            named = _NAMED_AFTER.match(self.text, issuer.end("issuer"))
            if named:  # "issued by the Head of Public Relations of the Ministry, Abraham Otabil,": the person
                sp = self.resolve(named[1], named.start(1))
                if sp and sp.kind == "person":
                    sp.role = sp.role or _ARTICLE_ANY_CASE.sub("", issuer["issuer"])
                    return sp
            np = issuer["issuer"]
            # "On Tuesday, the ministry issued ...", "ARDEN (Wire) - The ministry issued ...": the subject only
            cut = max((np.rfind(mark) + len(mark) for mark in (",", " - ", "—", "–", ")") if mark in np), default=0)
            return self.resolve(np[cut:], issuer.start("issuer") + cut)
        np = _ARTICLE_BEFORE_NAME.sub("", np) if not is_institution(np) else np
        if not np:
            return None
        low = np.lower()
        if low in _PRONOUN_GENDER:
            return self.pronoun(_PRONOUN_GENDER[low], pos)
        if low in ("it", "they"):
            if self.last_institution and pos - self.last_institution[0] < 600:
                return self.last_institution[1]
            return None
        if low in ("i", "we", "you", "who", "which", "that", "this", "one", "someone", "some", "many", "others"):
            return None
        if not _DESCRIPTION.fullmatch(_ARTICLE_ANY_CASE.sub("", np)):
            np = _AND_NAME.split(np)[0]  # "Putin and Xi said": the first named
        if _PARTY_OR_STATE.fullmatch(np):
            return None  # "R-Ky.", "Md.": a party or a state, not a speaker
        voice = _spokesperson(np)
        if voice:  # "a spokesman for the Indian delegation": the delegation speaks, through its spokesman
            sp = Speaker(voice[1], voice[0], "institution")
            self.last_institution = (pos, sp)
            return sp
        m = _NAME_OF_PLACE.match(np)
        if m and split_name(m[1])[0] and not is_role_word(m[1].split()[-1]) and not is_institution(m[1]):
            np = m[1]  # "Gov. Earl Ray Tomblin of West Virginia" (not "the Ministry of Foreign Affairs of Borovia")
        name, role = split_name(np)
        if role and _runs_into_name(role):
            name = None  # "the foreign ministry of Amberland": the ministry, not a person called Amberland
        if name and not is_institution(name) and not (role and is_institution(role) and " " not in name
                                                          and name.lower() == name):
            if name.isupper() and len(words(name)) >= 2:
                return None  # a shouted headline, not a name
            full, known_role = self.names.full_name(_strip_honorific(name), pos)
            if full.lower() in NOT_NAME_START or full.lower() in CALENDAR_WORDS:
                return None
            if role and role.rstrip(".").lower() in HONORIFICS:
                role = None  # "Ms Holm": a title, not a role
            return Speaker(full, role or known_role, "person")
        bare = _ARTICLE_ANY_CASE.sub("", np)
        if is_institution(np) or _GROUP_NOUNS.search(np):
            if not any(w[:1].isupper() and not _GROUP_NOUNS.fullmatch(w) for w in words(bare)) and not re.search(
                    r"(?i)\b(?:state media|state television|government|ministry|kremlin|pentagon)\b", bare):
                if re.search(r"(?i)\b(spokes\w*|minister|official)\b$", bare):
                    person = self.names.holder_of_role(bare, pos)
                    if person:
                        return Speaker(person.name, person.role, "person")
                return self._fuller_institution(bare, pos)
            if len(words(bare)) > 7:
                return None
            sp = Speaker(bare, None, "institution")
            self.last_institution = (pos, sp)
            return sp
        if bare and not name and bare.split()[-1].lower() in ROLE_WORDS | _PERSON_NOUNS:
            person = self.names.holder_of_role(bare, pos) or self._role_mentioned(bare, pos)
            if person:
                return Speaker(person.name, person.role, "person")
            if _DESCRIPTION.fullmatch(bare) and any(w[:1].isupper() for w in words(bare)
                                                    if w.lower() not in _QUANTIFIERS):
                return Speaker(bare, None, "person")  # "the Vermont senator": described, not named
        return None

    def _fuller_institution(self, bare: str, pos: int) -> Speaker | None:
        """ "the ministry" after "Kestrel foreign ministry": the fuller form given earlier."""
        head = bare.split()[-1]
        found = None
        for m in re.compile(rf"((?:[A-Z][\w'’-]*\s+)+(?:[a-z]+\s+)?){re.escape(head)}\b").finditer(self.text, 0, pos):
            found = m.group()
        if found:
            sp = Speaker(_strip_intro(found), None, "institution")
        elif re.search(r"(?i)\b(?:state media|state television|government|ministry)\b", bare):
            sp = Speaker(bare, None, "institution")
        else:
            return None
        self.last_institution = (pos, sp)
        return sp

    def _role_mentioned(self, nominal: str, pos: int):
        """ "the Chinese defense minister" -> the person named in the sentence that gave the role before."""
        ws = [w for w in words(nominal) if w.lower() not in ("the", "a", "an")]
        if not ws:
            return None
        m = None
        for head in (" ".join(ws), " ".join(ws[-2:])):  # "Chinese defense minister", else "defense minister"
            # Where the words name someone's office, not an adjective before a noun ("the first official contact").
            for m in re.compile(rf"\b{re.escape(head)}\b(?!\s+(?-i:(?!(?:{_CUE_WORDS})\b)[a-z]+\b))",
                                re.IGNORECASE).finditer(self.text, 0, pos):
                pass
            if m:
                break
        if m is None:
            return None
        if re.search(r"[\w.]['’]s\s+(?:[a-z]+\s+)?$", self.text[max(0, m.start() - 40):m.start()]) \
                and not re.match(r",?\s+[A-Z]", self.text[m.end():m.end() + 3]):
            return None  # "Theresa May's spokeswoman said": its holder was never named ("the ministry's spokesman,
            # Pavel Korda," is)
        si = self.sentence_index(m.start())
        s, e = self.sentences[si]
        people = list(self.names.recent_people(e, floor=s))
        for mn in people:
            if m.end() <= mn.pos <= m.end() + 2:
                return mn.person  # "Prime Minister Ivo Sand's former media chief": the office is Ivo Sand's
        named = [mn for mn in people if mn.pos < pos and not mn.possessive]
        return named[-1].person if named else None  # the sentence's subject: the first named in it

    def pronoun(self, gender: str, pos: int) -> Speaker | None:
        """The nearest person named before ``pos`` who fits the pronoun: in the nearest sentence that names
        one, the first (the subject) rather than the last (often an object)."""
        si = self.sentence_index(pos)
        for k in range(si, max(-1, si - PRONOUN_WINDOW), -1):
            s, e = self.sentences[k]
            stop = min(e, pos)
            found = [mn for mn in self.names.recent_people(stop, floor=s)
                     if mn.person.gender in (None, gender) and mn.person.name != self.not_him
                     and not _OBJECT_BEFORE.search(self.text, max(s, mn.pos - 40), mn.pos)
                     and self.text[mn.pos - 1:mn.pos] != "("  # "a midfielder (Hugo Boumous)": an aside
                     and not self.quoted[0] <= mn.pos < self.quoted[1]  # named in the words, not speaking them
                     and _maybe_a_person(mn.person)]
            if not found:
                continue
            found.reverse()
            subjects = [mn for mn in found if not mn.possessive] or found
            # Who the sentence says is a "she" ("spokeswoman Victoria Nuland"), or who it has speaking, beats a
            # name of unknown kind ("the North Korean test") that merely comes first.
            fits = [mn for mn in subjects if mn.person.gender == gender
                    or _CUE_AFTER_NAME.match(self.text, mn.end)]
            subjects = fits or subjects
            person = subjects[0].person
            for mn in subjects:  # who was just quoted beats who was just mentioned
                if mn.person.name == self.last_speaker:
                    person = mn.person
                    break
            if person.gender is None:
                person.gender = gender
            return Speaker(person.name, person.role, "person")
        # Nobody named in the sentences just before: the one quoted last goes on speaking ("“...,” he said"
        # after paragraphs of his words).
        person = self.names.people.get(self.last_speaker or "")
        if person is not None and person.gender in (None, gender) and person.name != self.not_him:
            return Speaker(person.name, person.role, "person")
        if person is None and self.last_speaker and self.last_speaker != self.not_him \
                and all(w[:1].isupper() and not is_role_word(w) and not is_institution(w)
                        for w in self.last_speaker.split()):
            # quoted last by a surname the text never gave in full ("Sheinbaum said ... she wrote")
            return Speaker(self.last_speaker, self.last_speaker_role, "person")
        return None


_APPOSITIVE = re.compile(r"^(?:[a-z0-9]|(?:a|an|the|his|her|its|their)\s|[A-Z][\w.]{0,5}\.$|[A-Z]-[A-Z][\w.]*$|"
                         r"[A-Z][\w-]*['’]s\s+[a-z]|"
                         r"Jr\b|Sr\b)")  # "59", "of Ashton", "Md.", "R-Ky."


def _short_cue_clause(text: str) -> bool:
    """Whether text is a short attribution clause (', he said.', ', Ruud wrote on X.'): one to three words of a
    subject, a cue verb, a few words, the clause's end. (With the module's cue pattern: one more pattern holding
    every cue verb would cost milliseconds to compile at each start.)"""
    pos = _CLAUSE_OPENING.match(text).end()
    for _ in range(3):
        word = _WHO_WORD.match(text, pos)
        if word is None:
            return False
        pos = word.end()
        cue = _CUE_RE.match(text, pos)
        if cue and _CLAUSE_TAIL.fullmatch(text, cue.end()):
            return True
    return False


def _last_cue_end(text: str) -> int:
    last = None
    for last in _CUE_RE.finditer(text):
        pass
    return last.end() if last else 0


def _described_before(segment: str) -> str | None:
    """The role a segment gives the name after it ("Kestrel's prime minister" or "The port's director", then
    ", Lena Aas,"), or None when it is something else (a clause, an institution, a long phrase)."""
    segment = _POSSESSIVE_PRONOUN.sub("", _ARTICLE_ANY_CASE.sub("", _strip_intro(segment.strip())))
    ws = segment.split(" of ")[0].split()
    if not ws or len(segment.split()) > 8 or _CUE_RE.search(segment) or ws[0].lower() in ("which", "who", "that"):
        return None
    head = ws[-1]
    return segment if is_role_word(head) and not is_institution(head) else None


def _appositive_subject(segments: list[str]) -> tuple[str, str | None] | None:
    """ "Donna Rawlings, 59, of Ashton, Md., who watched ..." -> the name, with the first appositive as role."""
    parts = [seg for seg in segments if seg]
    if len(parts) < 2:
        return None
    head = parts[0]
    head = _strip_intro(head)
    m = _SPOKESPEOPLE_AT.match(head)
    if m and all(_APPOSITIVE.match(seg) for seg in parts[1:]):
        return _best_np(head), None  # "Officials at Homeland Security Investigations, a division of ..."
    if (_SKIP_SEGMENT.match(head) or _leading_np(head) != head or not head[:1].isupper()
            or head.split()[0].lower() in _INTRO_WORDS or not split_name(head)[0]):
        return None
    if not all(_APPOSITIVE.match(seg) for seg in parts[1:]):
        return None
    # "Elsa Horn, 45, a fisher from the coast, said": the first appositive that is not an age, a place or a clause
    role = next((part for part in parts[1:3] if not _NOT_A_ROLE.match(part)), None)
    return head, _ARTICLE.sub("", role) if role else None


def _noun_phrase_like(chunk: str) -> bool:
    """Whether the words between a closing mark and a cue verb can be its subject ("Jiang said",
    "Samuel Stanton, a professor of ..., told"), not a clause ("— Beijing's critique of ..., whose ...")."""
    first = chunk.strip(" ,;:.!?…—–-").split(",")[0].strip()
    first = _without_parentheses(first)
    if not first or len(words(first)) > 8 or len(words(chunk)) > 30:
        return False
    if first.split()[0].lower() in ("and", "but", "or", "while", "as", "when", "because", "so", "then", "if"):
        return False  # '..." and the Chinese leader stated': another clause
    if _PRONOUN_ONLY.fullmatch(first) or _THE_DOCUMENT.fullmatch(first):
        return True
    if _INDEFINITE.match(first) and "," not in chunk and not _SENTENCE_BREAK.search(first) \
            and chunk.lstrip()[:1] not in "—–-":
        return True  # "a source close to the talks"; not "– an apparent swipe at the United States. Putin"
        return True
    if _leading_np(first) == first:
        return True
    if _role_then_name(first):
        return True
    # "panel Chairman Rep. Jason Chaffetz": a few lower-case words before a name
    trail = _trailing_np(first)
    return (bool(trail) and trail[:1].isupper() and len(words(first)) - len(words(trail)) <= 2
            and not _SKIP_SEGMENT.match(first))


_CLAUSE_OPENING = re.compile(r"[,.]?\s*")
_WHO_WORD = re.compile(r"(?:he|she|they|[A-Z][\w.'’-]*)\s+")
_CLAUSE_TAIL = re.compile(r"[^.!?\n]{0,30}[.!?]")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:[a-z]+ly\s+|already\s+|still\s+|also\s+|now\s+)?$")
_PARTS = {"Part", "Parts", "Some", "Much", "Most", "All", "None", "Excerpts", "Extracts"}  # "Part of the letter reads:"
_NUMBER_AFTER = re.compile(r"\s\d")
_NUMBERED_SECTION = re.compile(r"[A-Z][a-z]+\s+\d[\w.()-]*")
_TURN_LABEL_HEAD = re.compile(r"^[QA]\s*:\s*")  # "Q: The Publishers Weekly review says"
_CONJUNCTION_HEAD = re.compile(r"^(?:and|but|or|while)\s+")
_THE_PLURAL = re.compile(r"[Tt]he\s+([A-Z][a-z]+(?:ans|ists|ives|ats|als|ers|ites|ens))")
_DESCRIBED = re.compile(r"the\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,4}")  # "the ad's narrator"
_LINE_BREAKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_NAME_LABEL_LINE = re.compile(r"(?:^|\n)[ \t]*([A-Z][\w.'’-]+(?:[ \t]+(?:de|da|van|von|[A-Z][\w.'’-]+)){1,3})[ \t]*:$")
_NAMED_AFTER = re.compile(r",\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*,")
_TIME_ADVERBS = {"later", "earlier", "then", "meanwhile", "separately", "afterwards", "subsequently"}
_QUANTIFIERS = {"one", "another", "some", "several", "two", "three", "many", "few", "a", "an", "the"}
_WEEKDAY_TAIL = re.compile(r"(?<=\S)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$")
_TIME_TAIL = re.compile(r"\s+(?:on|last|this|next|in|early|late|earlier|later)(?:\s+(?:on|in))?\s+(?:[A-Z][a-z]+day|"
                        r"week|month|year|night|morning|afternoon|evening|weekend|January|February|March|April|May|"
                        r"June|July|August|September|October|November|December)(?:\s+\w+)?$|\s+(?:yesterday|today|"
                        r"tonight|earlier|later|again|also|too)$")


_LOWER_WORDS = re.compile(r"[a-z][a-z-]*(?: [a-z][a-z-]*){0,2}")


def _role_then_name(phrase: str) -> bool:
    """ "commission chair Ada Lind": a few lower-case words ending in a role, then a name."""
    name, role = split_name(phrase)
    return bool(name and name[:1].isupper() and role and _LOWER_WORDS.fullmatch(role)
                and is_role_word(role.split()[-1]))


_ADJECTIVE_BEFORE_NOUN = re.compile(r"(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+)?[A-Z][a-z]+(?:an|ese|ish|i|ch)(?:\s+[a-z][\w-]*){1,2}")


def _best_np(seg: str) -> str:
    """The noun phrase of a clause segment: all of it when it reads as one, else the one it opens with
    ("He went on to" -> "He"), else the one it ends with."""
    seg = _TIME_TAIL.sub("", seg)  # "Valdoria on Thursday called"
    m = _SPOKESPERSON_AT_END.search(seg)
    if m and _spokesperson(m.group()):
        return m.group()  # "... with what a spokesman for the Kestrel delegation" (called)
    lead = _leading_np(seg)
    m = _SPOKESPEOPLE_AT_NAME.match(seg)
    if m:
        return _leading_np(m[1]) or m[1]  # "Officials at Homeland Security Investigations"
    if lead == seg or _GROUP_NOUNS.search(lead):
        return lead  # "State-run media in China"
    if _ADJECTIVE_BEFORE_NOUN.fullmatch(seg):
        return seg  # "the Mexican ruler": described, not "the Mexican"
    if _role_then_name(seg):
        return seg
    trail = _trailing_np(seg)
    if trail and any(w[:1].isupper() for w in trail.split()) and not _at_end(_ENDS_OPEN, seg):
        return trail  # the name nearest the verb
    return lead if lead and any(w[:1].isupper() for w in lead.split()) else seg


def _spokesperson(np: str) -> tuple[str, str] | None:
    """(role, body) of "a spokesman for the Indian delegation" and the like: one unnamed voice of a body."""
    m = _SPOKESPERSON_FOR.match(np)
    if not m:
        return None
    body = _cut(m["body"])
    if not body or not (is_institution(body) or body.split()[-1].lower() in _BODIES):
        return None
    return m["role"], body


_PLACE_WORD = re.compile(r"(?:North|South|East|West|Central|Upper|Lower|Greater|Inner|Outer|New)\s|.*stan$")


def _maybe_a_person(person) -> bool:
    """Whether a name a pronoun may stand for is likely a person's: not "North Korean" or "Gilgit Baltistan", nor a
    single word the text never gives a role or a gender ("Tehran")."""
    if _PLACE_WORD.match(person.name):
        return False
    return " " in person.name or bool(person.role) or person.gender is not None


def _clean_role(role: str | None) -> str | None:
    """A role without the honorifics at its ends ("Shadow Brexit secretary Sir" -> "Shadow Brexit secretary"), and
    none when only an honorific or an owner is left ("Mr", "MSNBC's")."""
    if not role:
        return None
    ws = role.split()
    while ws and ws[-1].rstrip(".").lower() in HONORIFICS:
        ws.pop()
    while ws and ws[0].rstrip(".").lower() in HONORIFICS:
        ws.pop(0)
    if not ws or len(ws) == 1 and ws[0].endswith(("'s", "’s")) or all(w.lower() in PARTICLES for w in ws):
        return None  # ("Von der" of "Von der Leyen" is her name's)
    return " ".join(ws)


def _strip_honorific(name: str) -> str:
    ws = name.split()
    while len(ws) > 1 and ws[0].rstrip(".").lower() in ("mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov",
                                                        "gen", "prof", "sir", "lord", "lady", "dame"):
        ws = ws[1:]
    return " ".join(ws)


def _strip_intro(seg: str) -> str:
    """ "Last month President Joe Biden" -> "President Joe Biden"; "On Friday the ministry" -> "the ministry"."""
    seg = _DATELINE_OR_CLOCK.sub("", seg)  # "BEIJING :", a live-blog "13:20"
    ws = seg.split()
    k = 0
    while k < len(ws) - 1 and (ws[k].lower().strip(",") in _INTRO_WORDS or ws[k].strip(",").isdigit()) and not (
            ws[k].lower() in ("the", "a", "an") and k + 1 < len(ws)):
        k += 1
    return " ".join(ws[k:])


def _leading_np(seg: str) -> str:
    """The noun phrase a clause opens with: "Anika Varga summoned the ambassador and" -> "Anika Varga"."""
    out = []
    for w in seg.split():
        bare = w.strip(",.;:").lower()
        if (w[:1].isupper() or bare in _NP_LOWER_OK or bare in ROLE_WORDS or bare in PARTICLES
                or bare.endswith(("'s", "’s"))):
            out.append(w)
        else:
            break
    while out and out[-1].lower() in ("the", "a", "an", "of", "for", "and"):
        out.pop()
    return " ".join(out)


def _trailing_np(seg: str) -> str:
    """The noun phrase a long chunk ends with: "... told them Foreign Minister Anika Varga" -> the name."""
    out = []
    for w in reversed(seg.split()):
        bare = w.strip(",.;:").lower()
        if w[:1].isupper() or bare in _NP_LOWER_OK or bare in ROLE_WORDS or bare in PARTICLES:
            out.append(w)
        else:
            break
    return " ".join(reversed(out))


def _cut(np: str) -> str:
    """The head of the words after an inverted cue, up to a comma, a full stop that ends a sentence, or a
    word that starts what follows (in, on, who ...)."""
    out = np
    for m in _CUT_AT.finditer(np):
        if m.group() == ".":
            prev = re.search(r"(\S+)$", np[: m.start()])
            if prev and (len(prev[1]) <= 3 and prev[1][:1].isupper() or re.fullmatch(r"(?:\w\.)*\w", prev[1]) and
                         len(prev[1]) <= 4 and prev[1][:1].isupper()):
                continue
        out = np[: m.start()]
        break
    m = _END_WORDS.search(" " + out)
    if m:
        out = (" " + out)[: m.start()]
    return out.strip()
