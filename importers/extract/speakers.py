"""Who said it: attribution cues around a quote, resolved to the full name given earlier in the document."""
from __future__ import annotations

import re

from importers.extract.sentences import sentence_spans
from importers.model import Statement

CUE_VERBS = (
    "said|says|say|told|tells|added|adds|stressed|stresses|insisted|insists|noted|notes|warned|warns|wrote|"
    "writes|tweeted|tweets|posted|declared|declares|pledged|pledges|urged|urges|called|calls|stated|states|"
    "explained|explains|argued|argues|claimed|claims|asked|asks|replied|replies|continued|continues|"
    "announced|announces|acknowledged|acknowledges|admitted|admits|suggested|suggests|described|describes|"
    "reported|reports|recalled|recalls|vowed|vows|promised|promises|emphasised|emphasized|emphasises|"
    "emphasizes|remarked|observed|concluded|agreed|responded|cautioned|predicted|welcomed|hailed|praised|"
    "condemned|criticised|criticized|denied|rejected|accused|affirmed|reiterated|confirmed|quipped|"
    "was quoted as saying|went on to stress|went on|saying|adding|calling|describing"
)
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al|la|le|da|di)){0,4})"
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_AFTER = re.compile(
    rf"^[\s,.;:!?—–-]*(?:(?P<verb1>{CUE_VERBS})\s+(?P<inv>(?:the\s+)?[^,.;“”\"]{{2,80}}?)(?=[,.;]|\s+(?:in|on|at|during|who|after|before|when)\b|$)"
    rf"|(?P<subj>[^,.;“”\"]{{1,90}}?)\s+(?:(?:has|have|had|was|is|also|then|later|again|once|previously)\s+)*(?P<verb2>{CUE_VERBS})\b)"
)
_BEFORE = re.compile(
    rf"(?P<subj>(?:[A-Z][^,.;“”\"]{{0,80}}?|\b(?:he|she|they|it|the [a-z][^,.;“”\"]{{0,60}}?)))\s+"
    rf"(?:(?:has|have|had|was|is|also|then|later|again|once|previously)\s+)*(?P<verb>{CUE_VERBS})\b[^“”\"]{{0,120}}$"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording to (?P<subj>(?:the\s+)?[^,.;“”\"]{{2,80}}?)(?=[,.;]|$)")
_ROLE_WORDS = re.compile(r"\b(spokes(?:man|woman|person)|minister|president|secretary|ambassador|premier|"
                         r"professor|analyst|chairman|director|chief|leader|official|envoy|general|senator)\b",
                         re.IGNORECASE)
_INSTITUTION = re.compile(r"\b(ministry|government|media|agency|office|department|embassy|council|commission|"
                          r"military|army|kremlin|white house|state department|pentagon|police|court|"
                          r"parliament|party|committee|experts?|officials)\b", re.IGNORECASE)


def attribute_speakers(text: str, statements: list[Statement], body_start: int = 0) -> None:
    """Fill speaker and role on each statement where an attribution is found; leave None otherwise."""
    sentences = sentence_spans(text, body_start)
    for st in statements:
        sent = next(((s, e) for s, e in sentences if s <= st.start < e), None)
        if sent is None:
            continue
        st.sentence_start, st.sentence_end = sent
        close_at = min(st.end + 1, len(text))
        subject = None
        after = text[close_at: sent[1]]
        m = _AFTER.match(after)
        if m:
            subject = m["inv"] or m["subj"]
        if subject is None:
            m = _BEFORE.search(text[sent[0]: max(sent[0], st.start - 1)])
            if m:
                subject = m["subj"]
        if subject is None:
            m = _ACCORDING.search(text[sent[0]: sent[1]])
            if m:
                subject = m["subj"]
        if subject:
            name, role, kind = resolve(subject, text, st.start, body_start)
            st.speaker, st.speaker_role, st.speaker_kind = name, role, kind


def split_role(phrase: str) -> tuple[str | None, str | None]:
    """ "Foreign Ministry spokesman Zhao Lijian" -> ("Zhao Lijian", "Foreign Ministry spokesman")."""
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    words = phrase.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    name = " ".join(words[k:]) or None
    role = " ".join(words[:k]) or None
    if name and role is None and _ROLE_WORDS.search(name):
        # "President Xi Jinping": the title is capitalised too
        m = list(_ROLE_WORDS.finditer(name))[-1]
        rest = name[m.end():].strip()
        if rest:
            return rest, name[: m.end()].strip()
    return name, role


def resolve(subject: str, text: str, pos: int, body_start: int) -> tuple[str | None, str | None, str | None]:
    subject = subject.strip().strip(",")
    low = subject.lower()
    earlier = text[body_start:pos]
    if low in _PRONOUNS:
        if low in ("he", "she"):
            return _last_person(earlier), None, "person"
        return None, None, None
    if _INSTITUTION.search(subject) and not re.search(r"[A-Z]\w+\s+[A-Z]\w+$", subject):
        return re.sub(r"^(?:the|a)\s+", "", subject, flags=re.IGNORECASE), None, "institution"
    if low.startswith("the ") and _ROLE_WORDS.search(low):
        role_word = _ROLE_WORDS.search(low)[1]
        m = None
        for m in re.finditer(rf"{role_word}\s+({_NAME})", earlier, re.IGNORECASE):
            pass
        return (m[1], role_word, "person") if m else (None, None, None)
    name, role = split_role(subject)
    if not name:
        return None, None, None
    full = _full_name(name, earlier)
    return full, role, "person"


def _full_name(name: str, earlier: str) -> str:
    if " " in name:
        return name
    m = None
    for m in re.finditer(rf"\b((?:[A-Z][\w'’-]+\s+){{1,3}}){re.escape(name)}\b", earlier):
        pass
    if m:
        full = (m[1] + name).split()
        # keep the name, not a title such as "President" before it
        while full and _ROLE_WORDS.fullmatch(full[0]) or (full and full[0] in ("The", "In", "On", "But")):
            full = full[1:]
        return " ".join(full) if full else name
    return name


_PERSON = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")


def _last_person(earlier: str) -> str | None:
    people = [m[1] for m in _PERSON.finditer(earlier) if not _INSTITUTION.search(m[1])]
    return people[-1] if people else None
