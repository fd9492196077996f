"""Verbs that attribute words to someone, in every tense: said, says, saying, has said, told, tells ..."""
from __future__ import annotations

import re

# base form -> irregular forms; regular forms (-s, -ed, -ing) are made from the base
_VERBS = {
    "say": "said says saying", "tell": "told tells telling", "write": "wrote writes writing written",
    "add": "", "stress": "", "insist": "", "note": "", "warn": "", "tweet": "", "post": "", "declare": "",
    "pledge": "", "urge": "", "call": "", "state": "", "explain": "", "argue": "", "claim": "", "ask": "",
    "reply": "replied replies replying", "continue": "", "announce": "", "acknowledge": "", "admit":
    "admitted admitting admits", "suggest": "", "describe": "", "report": "", "recall": "", "vow": "",
    "promise": "", "emphasise": "", "emphasize": "", "remark": "", "observe": "", "conclude": "",
    "agree": "", "respond": "", "caution": "", "predict": "", "welcome": "", "hail": "", "praise": "",
    "condemn": "", "criticise": "", "criticize": "", "deny": "denied denies denying", "reject": "",
    "accuse": "", "affirm": "", "reiterate": "", "confirm": "", "quip": "quipped quipping quips",
    "complain": "", "contend": "", "assert": "", "maintain": "", "boast": "", "joke": "", "concede": "",
    "charge": "", "counter": "", "recount": "", "lament": "", "proclaim": "", "mention": "", "shout": "",
    "chant": "", "exclaim": "", "whisper": "", "testify": "testified testifies testifying", "allege": "",
    "retort": "", "scoff": "", "muse": "", "demand": "", "signal": "signalled signaled signals signalling",
    "point out": "pointed out,points out,pointing out", "go on": "went on,goes on,going on",
    "brand": "", "dub": "dubbed dubs dubbing", "label": "labelled labeled labels labelling",
    "dismiss": "", "blast": "", "slam": "slammed slams slamming", "tout": "", "assure": "", "advise": "",
    "answer": "", "question": "", "wonder": "", "predict": "", "forecast": "", "estimate": "",
    "wrote": "", "cite": "", "quote": "", "echo": "echoed echoes echoing", "insist": "", "recommend": "",
    "ask": "", "plead": "pleaded pled", "beg": "begged begs begging", "cry": "cried cries crying",
    "thank": "", "apologise": "", "apologize": "", "remind": "", "promise": "", "threaten": "",
    "conclude": "", "summarise": "", "summarize": "", "put it": "put it,puts it,putting it",
    "think": "thought thinks thinking", "believe": "",
    "chide": "", "rate": "", "liken": "", "compare": "", "laud": "", "applaud": "", "commend": "", "exhort": "",
    "speak": "spoke speaks speaking spoken", "designate": "", "characterise": "", "characterize": "",
    "scold": "", "mock": "", "sing": "sang sings singing sung", "read": "reads reading",
}


def _regular(base: str) -> list[str]:
    head, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = [head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith(("s", "sh", "ch", "x")):
        forms = [head + "es", head + "ed", head + "ing"]
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = [head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    else:
        forms = [head + "s", head + "ed", head + "ing"]
    return [base] + [f + tail for f in forms]


# Base forms that are also common nouns ("the report", "a call") count only in their other forms.
_BASE_ALSO_NOUN = set("""call state note post report question answer counter charge read label brand quote cite
signal promise claim demand blast slam echo mention remark welcome forecast estimate thank tout muse chant shout
cry dub mock joke vow pledge tweet hail praise boast plead beg scold chide sing reject affirm confirm lament
recount concede dismiss threaten remind advise assure wonder""".split()) | {"go on"}


# ... and these also in their -s form ("the demands", "reports"): "says", "calls", "warns" stay.
_PLURAL_ALSO_NOUN = set("""demand charge remark question answer quote estimate forecast signal label brand
echo welcome thank cry""".split())


def _all_forms() -> list[str]:
    forms = set()
    for base, irregular in _VERBS.items():
        if irregular:
            forms.update([base] + irregular.split("," if "," in irregular else None))
        else:
            forms.update(_regular(base))
        if base in _BASE_ALSO_NOUN:
            forms.discard(base)
        if base in _PLURAL_ALSO_NOUN:
            forms.discard(base + "s")
    forms.update(["was quoted as saying", "were quoted as saying", "is quoted as saying", "according to"])
    return sorted(forms, key=len, reverse=True)


def _trie_pattern(forms: list[str]) -> str:
    """One regex for many words, factored by shared prefixes (said|says -> sa(?:id|ys)): Python's re tries
    the branches of a flat alternation one by one, a trie lets it drop them a letter at a time."""
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + build(trie) + ")"


CUE_FORMS = _all_forms()
CUE = _trie_pattern([f for f in CUE_FORMS if f != "according to"])
# Words that may sit between a subject and its verb: "has also said", "later told".
AUX = (r"(?:(?:has|have|had|was|were|is|are|will|would|could|also|then|later|again|once|previously|"
       r"reportedly|recently|further|repeatedly|publicly|privately|flatly|simply|only|even|earlier|"
       r"initially|first|finally|quickly|already|often|always|never|just|separately|similarly|likewise|"
       r"subsequently|frequently|famously|memorably|bluntly|angrily|proudly|jokingly|has been|had been)"
       r"\s+)*")
# The same words ending the text before a verb: "Steven Rosenthal, a tax lawyer, recently" -> cut.
AUX_TAIL = re.compile(r"(?:[\s,]+(?:" + AUX[6:].split(")\\s+)*")[0]
                      + r"|(?!(?:family|assembly|rally|supply|ally|monopoly|anomaly|bully|folly)\b)[a-z]{3,}ly))+\s*$")
# Only these characters can be part of such a tail (white space is every character str.isspace takes, as \s
# does; none lies above U+3000).
_TAIL_ALPHABET = "abcdefghijklmnopqrstuvwxyz," + "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def strip_aux_tail(text: str) -> str:
    """``AUX_TAIL.sub("", text)``, with the pattern tried only on the run of lower-case letters, spaces and commas
    that ends the text: from every character of a long text it cost 25 us."""
    k = len(text.rstrip(_TAIL_ALPHABET))
    return text[:k] + AUX_TAIL.sub("", text[k:])
