"""People and institutions named in one document: who a surname, a pronoun or "the spokesman" points to.

Pure rules, no model: a name is a run of capitalised words; titles and role words in front of it are its
role ("Foreign Ministry spokesman Zhao Lijian" -> Zhao Lijian, role "Foreign Ministry spokesman"); a run
holding an institution word (ministry, institute, party ...) names an institution, not a person.
"""
from __future__ import annotations

import bisect
import calendar
import functools
import re
from dataclasses import dataclass

# Every upper-case letter of the Latin, Greek and Cyrillic blocks, so Łucja and Émile start names too.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
UPPER = f"[{re.escape(_UPPER)}]"
PARTICLES = {"de", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "da", "di", "du", "dos",
             "del", "ter", "bint", "zu"}

# Titles written before a name: their own words (Sen., Mr.) or offices.
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj",
              "capt", "cpt", "adm", "sgt", "cmdr", "rev", "sir", "dame", "lord", "lady", "hon", "amb", "pres",
              "supt", "insp", "det", "fr", "messrs"}
# A token of a name: a capitalised word, initials ("G.K."), or an abbreviated title ("Sen."); a full stop
# after any other word ends the sentence, not the name.
_TITLES = sorted((h.capitalize() for h in HONORIFICS | {"jr", "sr", "st"}), key=len, reverse=True)
# (Look-aheads that every alternative after them needs let re drop the alternatives at once: a title is a
# capital, at most five small letters and a full stop.)
_TOKEN = (rf"(?={UPPER})(?:(?=[A-Z][a-z]{{1,5}}\.)(?:{'|'.join(_TITLES)})\.|(?:{UPPER}\.){{1,3}}|"
          rf"{UPPER}[\w'’-]*)")
# The first token with its capital already read: the pattern opens with the capital itself (not a look-ahead
# for it), so re's scan skips the other characters in C, and the look-behind then checks the one before it.
_FIRST_TOKEN_REST = ("(?:(?=[a-z]{1,5}\\.)(?:" + "|".join(rf"(?<={t[0]}){t[1:]}\." for t in _TITLES) + ")"
                     rf"|\.(?:{UPPER}\.){{0,2}}|[\w'’-]*)")
NAME_RUN = re.compile(rf"{UPPER}(?<![\w'’-][\s\S]){_FIRST_TOKEN_REST}"
                      rf"(?:[ \t]+(?:{_TOKEN}|(?:{'|'.join(PARTICLES)})(?:[ \t]+(?:{'|'.join(PARTICLES)}))*(?=[ \t]+{UPPER})))*")
ROLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "secretary", "senator", "governor", "chancellor",
    "premier", "mayor", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "chair", "director", "chief", "commander", "general", "admiral", "colonel", "major",
    "captain", "lieutenant", "sergeant", "king", "queen", "prince", "princess", "pope", "speaker", "leader",
    "representative", "congressman", "congresswoman", "attorney", "lawyer", "professor", "deputy", "foreign",
    "defence", "defense", "interior", "finance", "justice", "judge", "state", "former", "acting", "senior",
    "executive", "officer", "official", "head", "founder", "ceo", "cfo", "analyst", "economist", "adviser",
    "advisor", "counsel", "councillor", "councilman", "councilwoman", "commissioner", "inspector", "detective",
    "superintendent", "sheriff", "pastor", "bishop", "archbishop", "cardinal", "rabbi", "imam", "sheikh",
    "emir", "sultan", "candidate", "nominee", "host", "anchor", "correspondent", "editor", "reporter",
    "columnist", "author", "coach", "manager", "chairperson", "delegate", "mp", "mep", "gop", "democrat",
    "democratic", "republican", "treasury", "trade", "health", "education", "energy", "labour", "labor",
    "transport", "environment", "agriculture", "home", "press", "white", "house", "first", "lady", "top",
    "national", "security", "assistant", "associate", "campaign", "party", "then", "incoming", "outgoing",
    "interim", "new", "pollster", "strategist", "activist", "diplomat", "negotiator", "organiser", "organizer",
    "pm", "fm", "dpm",  # "PM Albanese", "FM Wang Yi"
    "prosecutor", "barrister", "solicitor", "referee", "striker", "midfielder", "goalkeeper", "researcher",
    "scientist", "epidemiologist", "physician", "surgeon", "lecturer", "headteacher",
    "curator", "engineer", "boss", "skipper",
}
# "President-elect Donald Trump", "Prime Minister-designate": an office about to be taken is a role too.
ROLE_WORDS |= {f"{w}-{suffix}" for w in ROLE_WORDS for suffix in ("elect", "designate")}
INSTITUTION_WORDS = {
    "ministry", "government", "media", "agency", "office", "department", "embassy", "council", "commission",
    "military", "army", "navy", "kremlin", "pentagon", "police", "court", "parliament", "party", "committee",
    "institute", "university", "college", "school", "foundation", "center", "centre", "bank", "fund",
    "corporation", "company", "group", "association", "union", "organization", "organisation", "administration",
    "authority", "authorities", "board", "bureau", "service", "services", "forces", "guard", "coast", "times",
    "post", "journal", "news", "press", "herald", "tribune", "guardian", "telegraph", "gazette", "review",
    "television", "radio", "network", "channel", "reuters", "xinhua", "tass", "associated", "daily", "weekly",
    "magazine", "observer", "courier", "inc", "corp", "ltd", "llc", "co", "campaign", "cabinet", "senate",
    "congress", "assembly", "legislature", "team", "club", "church", "secretariat", "directorate", "presidency",
    "statement", "officials", "experts", "spokesmen", "analysts", "diplomats", "negotiators", "lawmakers",
    "republic", "kingdom", "states", "nations", "city", "county", "province", "state", "house", "hall",
    "street", "square", "palace", "war", "treaty", "accord", "act", "bill", "plan", "program", "programme",
}
NOT_NAME_START = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "so", "yet", "this", "that", "these", "those", "it",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "when", "while", "after",
    "before", "last", "next", "as", "if", "for", "from", "with", "by", "to", "of", "then", "now", "there",
    "here", "what", "why", "how", "who", "where", "which", "also", "meanwhile", "however", "still", "even",
    "both", "all", "many", "some", "no", "not", "every", "each", "one", "two", "since", "until", "during",
    "under", "over", "earlier", "later", "today", "yesterday", "tomorrow", "according", "asked", "said",
    "like", "unlike", "among", "because", "although", "though", "instead", "despite", "about", "just", "my",
    "mr", "mrs", "ms", "dr", "do", "does", "did", "is", "was", "are", "were", "will", "would", "can", "could",
    "should", "may", "might", "must", "let", "please", "thank", "thanks", "yes", "well", "oh", "look", "dear",
}
_LEADING_WORDS = NOT_NAME_START - {"mr", "mrs", "ms", "dr"}
CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_CALENDAR_OR_INSTITUTION = CALENDAR_WORDS | INSTITUTION_WORDS
_OFFICES = ROLE_WORDS | INSTITUTION_WORDS
# Plural nouns that end the names of bodies ("Council on Foreign Relations", "Department of Veterans Affairs").
_BODY_ENDINGS = {"relations", "affairs", "resources", "studies", "rights", "services"}
# The noun an office's adjective needs ("Minister for Foreign" + "Affairs"), unlike "Secretary of State" + "John"
_OFFICE_NOUNS = {"affairs", "relations", "development", "resources", "communications", "information", "works",
                 "services", "trade", "policy", "security", "office"}
_TITLE_CASE_LINKS = {"As", "And", "Of", "The", "For", "To", "In", "On", "At", "With", "From", "By", "Over"}
_GIVEN_NAMES_TOO = {"bill", "april", "june", "august"}
_WEEKDAYS = {d.lower() for d in calendar.day_name}
_FEMALE_WORDS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman",
                 "congresswoman", "councilwoman", "businesswoman", "madam", "duchess", "countess", "empress"}
_MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "councilman",
               "businessman", "duke", "count", "emperor", "messrs"}
# A few hundred common given names; a pronoun after a mention ("Ivo Marsh ... he") decides the rest.
_FEMALE_NAMES = set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly
lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara
madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle
beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori hillary hilary nikki
condoleezza madeleine angela theresa ursula christine kamala nancy elizabeth jill melania ivanka chelsea
sarah nikki kellyanne huma donna debbie gwen claire maxine jeanne tulsi kirsten tammy amy susan lisa
ilse anika lucja łucja priya margit renée renee hana nadia agnieszka anna olga irina natalia svetlana
tatiana elena yulia maria marta sofia giulia francesca chiara ines ines carmen lucia pilar mercedes
fatima aisha leila layla yasmin mariam zainab sonia indira benazir golda ingrid astrid sigrid greta
annalena ursula angela marine segolene christiane brigitte jacinda julia penny theresa liz nicola kemi
suella priti rishi yvette harriet emily jess kate katie lucy sophie ella chloe zoe mia ava isla freya
""".split())
_MALE_NAMES = set("""
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence
jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy
eugene vincent russell elijah louis bobby philip johnny barack bill mike mitch chuck bernie ted marco
rand newt rudy chris tim jeb ben hakeem harry reince sean josh kellyanne vladimir sergei sergey dmitry
dmitri alexei alexey mikhail boris ivan igor yuri oleg viktor volodymyr petro xi li wang zhao jiang
henrik oren tomas tomás ivo pavel stefan andré andre josé lorenz dario emmanuel olaf friedrich helmut
gerhard angelo matteo giuseppe francesco pedro carlos luis jorge antonio manuel miguel rafael fernando
recep benjamin naftali yair ehud ariel mahmoud mohammed muhammad ahmed ali hassan hussein abdullah omar
narendra rahul imran nawaz shinzo fumio yoshihide kim moon yoon rodrigo jair lula justin keir rishi
boris tony gordon david nigel jeremy kwasi jacob dominic sajid ed
""".split())
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                   "herself": "f"}
# (Within its line: "Sputnik International" above "Kremlin spokesman Dmitry Peskov" is no part of the role.)
_ROLE_BEFORE = re.compile(rf"(?<![\w'’.-])(?:(?:{UPPER}[\w'’.-]*|the)[ \t]+){{0,4}}(?:[a-z]+[ \t]+){{0,2}}[a-z]+[ \t]+$")
_ABBREVIATED_PLACE = re.compile(r"(?:U\.S|U\.K|U\.N|E\.U|D\.C|L\.A|N\.Y)\.?")
# The end of a sentence or a line, or a quotation mark. (Opening with one character class lets re's scan skip
# the other characters in C; the look-behinds then tell which end the character made.)
_CLAUSE_STOP = re.compile(r"[.!?\n\"“”](?:(?<=[.!?])(?=[\s\"”’'])|(?<=[\n\"“”]))")
# he, him, his, she, her, hers as words, in any case. Spelt out letter by letter (with the letters re's
# IGNORECASE also takes for i and s: İ ı ſ) so that the pattern opens with a character class, which re's scan
# skips to in C: four times faster than \b(he|him|his|she|her|hers)\b with IGNORECASE.
_PRONOUN = re.compile("[HhSs\u017f](?<!\\w[HhSs\u017f])(?:(?<=[Hh])(?:[Ee](?:[Rr][Ss\u017f]?)?|[Ii\u0130\u0131][MmSs\u017f])"
                      "|(?<=[Ss\u017f])[Hh][Ee])\\b")


_ARTICLE_ANY_CASE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def words(phrase: str) -> list[str]:
    return phrase.replace("\u00a0", " ").split()


_STRIP = ".,;:'’\"“”()"


def _bare(word: str) -> str:
    return word.strip(_STRIP).casefold()


def is_role_word(word: str) -> bool:
    bare = _bare(word)
    return bare in ROLE_WORDS or bare in HONORIFICS or bare.endswith(("'s", "’s"))


# (Speakers ask both questions of the same phrases again and again: each answer is kept.)
@functools.lru_cache(maxsize=8192)
def is_institution(phrase: str) -> bool:
    ws = [w.strip(_STRIP).casefold() for w in words(phrase)]
    if not ws:
        return False
    if not INSTITUTION_WORDS.isdisjoint(ws):
        return True
    # an acronym such as NATO, TASS or the BBC
    return len(ws) == 1 and len(phrase) >= 2 and phrase.strip(".").isupper() and len(phrase.strip(".")) <= 6


@functools.lru_cache(maxsize=8192)
def split_name(phrase: str) -> tuple[str | None, str | None]:
    """(name, role) of a noun phrase: the trailing run of capitalised non-role words is the name.

    "Foreign Ministry spokesman Zhao Lijian" -> ("Zhao Lijian", "Foreign Ministry spokesman");
    "Sen. Claire McCaskill" -> ("Claire McCaskill", "Sen."); "the senator" -> (None, "senator").
    """
    ws = words(_ARTICLE_ANY_CASE.sub("", phrase.strip()))
    bares = [w.strip(_STRIP).casefold() for w in ws]
    k = len(ws)
    while k > 0:
        w, bare = ws[k - 1], bares[k - 1]
        after_honorific = k >= 2 and bares[k - 2] in HONORIFICS and k == len(ws)
        role_word = bare in ROLE_WORDS or bare in HONORIFICS or bare.endswith(("'s", "’s"))  # is_role_word
        if w[:1].isupper() and (not role_word or after_honorific) and bare not in NOT_NAME_START:
            k -= 1
        elif bare in PARTICLES and k < len(ws):
            k -= 1
        else:
            break
    while k < len(ws) and bares[k] in PARTICLES:
        k += 1
    after_office = _name_after_office(bares, k)
    k = len(ws) if after_office is None else after_office
    name = " ".join(ws[k:]).strip(",") or None
    role = " ".join(ws[:k]).strip(", ") or None
    return name, role


def _name_after_office(bares: list[str], start: int) -> int | None:
    """Where a name begins in ``bares[start:]`` after a role that ends in an office's "of" or "for": one word
    later, the office's own last word ("Minister of Information Jamal Jarrah", "Minister for Foreign Affairs
    Fumio Kishida"); None when the words only complete the office ("Head of Public Relations", "Governor of
    Texas"); else ``start``."""
    left = len(bares) - start
    if start >= 2 and bares[start - 1] in ("of", "for") and bares[start - 2] in _OFFICES:
        return start + 1 if left >= 3 else None
    if left >= 3 and start >= 3 and bares[start - 2] in ("of", "for") and bares[start - 1] in ROLE_WORDS \
            and bares[start - 3] in _OFFICES and bares[start] in _OFFICE_NOUNS:
        return start + 1
    return start


def gender_of_words(ws: list[str]) -> str | None:
    for w in ws:
        b = _bare(w)
        if b in _FEMALE_WORDS:
            return "f"
        if b in _MALE_WORDS:
            return "m"
    return None


_OFFICE_OBJECTS = {"affairs", "state", "defence", "defense", "finance", "justice", "interior", "health", "education",
                   "trade", "commerce", "energy", "agriculture", "transport", "staff", "england", "security",
                   "economy", "labour", "labor", "culture", "information", "communications", "foreign"}
_ROLE_OF_BEFORE = re.compile(r"(?P<head>(?:[A-Z][\w'’-]*[ \t]+)*[A-Z][\w'’-]*[ \t]+of(?:[ \t]+the)?)[ \t]+$")
# The verbs of headlines in title case, which no name holds.
_HEADLINE_VERB = re.compile(r"[ \t](?:Says|Said|Tells|Told|Warns|Urges|Vows|Calls|Slams|Hails|Meets|Expects|Denies|"
                            r"Rejects|Backs|Seeks|Wants|Asks|Accuses|Blames|Insists|Agrees|Signs|Visits|Holds|Plans|"
                            r"Announces|Confirms|Welcomes|Condemns|Criticizes|Criticises|Praises|Defends|Admits|Sees|"
                            r"Eyes|Faces|Wins|Loses|Quits|Resigns|Dies|Mulls|Weighs|Pledges|Returns|Arrives|Leaves)\b")
# What a person's possessive may be followed by in a run of capitalised words, which is no part of a name.
_OCCASIONS = {"conference", "briefing", "remarks", "statement", "speech", "interview", "visit", "meeting", "talks",
              "address", "summit", "trip", "tour", "birthday", "funeral", "inauguration", "press", "office",
              "administration", "government", "cabinet", "campaign", "party", "message", "letter", "call", "plan",
              "policy", "doctrine", "readout", "transcript", "q&a"}


@functools.lru_cache(maxsize=8192)
def _parse_run(run: str) -> tuple[str, tuple[str, ...], int, tuple[str, ...], bool] | None:
    """What a run of capitalised words says wherever it stands (a document repeats its names, and a run is
    read the same way each time): (name, its words, its offset in the run, the role words before it,
    possessive), or None when it names nobody."""
    ws = run.split()
    for j, w in enumerate(ws[:-1]):
        if w.endswith(("'s", "’s")) and j and any(w2.strip(_STRIP).casefold() in _OCCASIONS for w2 in ws[j + 1:]):
            # "Spokesperson Lina Okafor's Regular Press Conference": the name ends at its possessive
            return _parse_run(run[:run.index(w) + len(w)])
    possessive = ws[-1].endswith(("'s", "’s"))
    if possessive:
        ws[-1] = ws[-1][:-2]
        run = run[:-2]
    bares = [w.strip(_STRIP).casefold() for w in ws]
    k = 0  # leading function words: "But President Xi Jinping"
    while k < len(ws) and bares[k] in _LEADING_WORDS:
        k += 1
    last_role = k - 1
    for i in range(len(ws) - 1, k - 1, -1):
        b = bares[i]
        if (b in ROLE_WORDS or b in HONORIFICS or b.endswith(("'s", "’s"))) and not (
                i == len(ws) - 1 and i > 0 and bares[i - 1] in HONORIFICS):
            last_role = i
            break
    core = ws[last_role + 1:]
    if core and bares[last_role + 1] in ("of", "for") and last_role >= k:
        skip = 2 if bares[last_role + 2:last_role + 3] == ["the"] else 1
        last_role += skip  # "Head of Public Relations", "President of Mexico ...": the office goes on
        core = core[skip:]
    if last_role > k:  # "President of Mexico Andrés Manuel López Obrador": the office's place, then the name
        after_office = _name_after_office(bares, last_role + 1)
        if after_office is None:
            return None  # "Head of Public Relations", "Governor of Texas": an office, nobody named
        core = core[after_office - last_role - 1:]
        last_role = after_office - 1
    for j in range(1, len(core)):
        if core[j].title() in _TITLE_CASE_LINKS and (core[j].istitle() or core[j - 1].isupper()):
            core = core[:j]  # "Charles Uwakwe As Neco Registrar" in a title-cased headline: the name ends
            break
    while core and core[-1].islower():
        core.pop()  # a trailing "de" or "van" is not a name
    while len(core) >= 3 and core[-1].isupper() and len(core[-1]) >= 2 and "." not in core[-1] \
            and not core[-2].isupper():
        core.pop()  # "Sergey Lavrov ITAR-TASS": a photo credit's agency after the name
    while len(core) >= 2 and core[-1].strip(_STRIP).casefold() in _OCCASIONS and not possessive:
        core.pop()  # "Obama Speech", "Lavrov Visit": a headline's noun after the name
        bares = bares[:last_role + 1 + len(core)]
    while len(core) >= 3 and core[-1].strip(_STRIP).casefold() in _WEEKDAYS and not possessive:
        core.pop()  # "with Mexican President Claudia Sheinbaum Wednesday evening": the day after the name
        bares = bares[:last_role + 1 + len(core)]
    dropped = 0
    while len(core) >= 2 and core[0].isupper() and core[0].isalpha() and 2 <= len(core[0]) <= 5 \
            and not core[1].isupper():
        last_role += 1  # "10.11am BST Israel says": a time zone, an agency before the words, no name
        dropped += 1
        core = core[1:]
    checked = bares[last_role + 1:]
    if len(core) >= 2 and checked[:1] and checked[0] in _GIVEN_NAMES_TOO:
        checked = checked[1:]  # "Bill Clinton", "April Ryan": a given name, not a bill or a month
    if not core or not _CALENDAR_OR_INSTITUTION.isdisjoint(checked) or checked[-1:] and checked[-1] in _BODY_ENDINGS \
            or "." in run and any(
            _ABBREVIATED_PLACE.fullmatch(w) for w in core):
        return None
    if len(core) == 1 and len(core[0]) < 2:
        return None
    at = run.index(core[0], len(" ".join(ws[:last_role + 1])))
    role_words = ws[k:last_role + 1 - dropped]
    if role_words and role_words[-1].endswith(("'s", "’s")) and not is_role_word(role_words[-1][:-2]):
        role_words = []  # "China's Xi", "FC Goa's Sergio Lobera": whose, not what office
    return " ".join(core), tuple(core), at, tuple(role_words), possessive


_ABBREVIATED_OFFICES = {"fm": ("foreign", "minister"), "pm": ("prime", "minister"),
                       "dpm": ("deputy", "prime", "minister")}


def _same_office(a: str | None, b: str | None) -> bool:
    """Whether two roles share a word ("FM" and "Russian Foreign Minister"; "President", "Ukrainian President")."""
    def office(role: str | None) -> set[str]:
        bares = {_bare(w) for w in words(role or "")}
        for short, long in _ABBREVIATED_OFFICES.items():
            if short in bares:
                bares |= set(long)
        return bares & ROLE_WORDS
    return bool(office(a) & office(b))


@functools.lru_cache(maxsize=8192)
def _single_bare(word: str) -> str:
    """The bare form of a capitalised word standing alone ("Jiang's" -> "jiang"): most are the same few words
    ("The", "But", "He") in every document."""
    return word.strip(_STRIP).casefold().removesuffix("'s").removesuffix("’s")


class Person:
    """One person the document names. The gender is worked out only when a pronoun asks for it: the clues
    (a role word such as "spokeswoman", a pronoun after a mention) are kept in the order the document gives
    them, and the first that tells decides, as if each had been read where it was found."""

    __slots__ = ("name", "role", "tokens", "positions", "_gender", "_clues", "_read_context")

    def __init__(self, name: str, role: str | None = None, gender: str | None = None,
                 tokens: set[str] | None = None, positions: list[int] | None = None, read_context=None):
        self.name = name
        self.role = role
        self.tokens = set() if tokens is None else tokens
        self.positions = [] if positions is None else positions  # where the document names this person
        self._gender = gender
        self._clues: list | None = None  # pending clues: a gender, or the (core, end) of a mention to read after
        self._read_context = read_context  # (core, end) -> gender from the words after that mention

    def add_clue(self, clue) -> None:
        if self._gender is None:
            if self._clues is None:
                self._clues = [clue]
            else:
                self._clues.append(clue)

    @property
    def gender(self) -> str | None:
        clues = self._clues
        if clues is not None:
            self._clues = None
            for clue in clues:
                found = clue if clue.__class__ is str else self._read_context(*clue)
                if found:
                    self._gender = found
                    break
        return self._gender

    @gender.setter
    def gender(self, value: str | None) -> None:
        self._clues = None
        self._gender = value

    def __repr__(self) -> str:
        return f"Person({self.name!r}, role={self.role!r}, gender={self.gender!r})"


@dataclass
class Mention:
    pos: int
    end: int
    person: Person
    possessive: bool


class DocumentNames:
    """The people one document names, in order, with what can be learnt about each."""

    def __init__(self, text: str, start: int = 0):
        self.text = text
        self.people: dict[str, Person] = {}
        self.mentions: list[Mention] = []
        self._by_token: dict[str, list[Person]] = {}
        by_token = self._by_token
        singles = []
        for m in NAME_RUN.finditer(text, start):
            run = m.group()
            if " " in run or "\t" in run:
                verb = _HEADLINE_VERB.search(run)
                if verb:  # "Kerry Says Iran Nuclear Talks Expected": a headline's subject, then its verb
                    run = run[:verb.start()]
                    if " " not in run and "\t" not in run:
                        singles.append(m)
                        continue
                self._read_run(run, m.start())
            else:
                singles.append(m)
        # then the single words, a name only as part of a full name the document gives (before or after)
        for m in singles if by_token else ():
            bare = _single_bare(m.group())
            if bare in by_token and bare not in NOT_NAME_START:
                self._read_run(m.group(), m.start())
        self.mentions.sort(key=lambda mn: mn.pos)
        for person in self.people.values():
            person.positions.sort()
        self.positions = [mn.pos for mn in self.mentions]

    # --- building ---------------------------------------------------------------------------------

    def _read_run(self, run: str, pos: int) -> None:
        parsed = _parse_run(run)
        if parsed is None:
            return
        name, core, at, role_words, possessive = parsed
        if len(core) >= 3 and core[0].casefold() in _OFFICE_OBJECTS and self.text[max(0, pos - 3):pos] == "of ":
            # "Minister of Foreign Affairs Anika Varga": "Affairs" ends the office, not a name
            at = run.index(core[1], at + len(core[0]))
            role_words, core = role_words + core[:1], core[1:]
            name = " ".join(core)
        offset = pos + at
        if not role_words and len(core) <= 2 and at == 0:
            m = _ROLE_OF_BEFORE.search(self.text, max(0, pos - 60), pos)
            if m and any(w.casefold().strip(_STRIP) in _OFFICES for w in m["head"].split()):
                return  # "The Head of Public Relations", "the Governor of Texas": what the office is of, nobody
        if not role_words and len(core) >= 2:
            # a role in lower case just before the name: "Foreign Ministry spokeswoman Hedda Lund"
            before = self.text[max(0, pos - 80):pos]
            last = before.rsplit(None, 1)
            if last and last[-1] in ROLE_WORDS:  # (role words are lower case)
                m = _ROLE_BEFORE.search(before)
                if m:
                    role_words = m.group().split()
        if role_words and run.split()[0] == role_words[0]:
            # "U.S. Secretary of State John Kerry": the run began after "of"; the role began before it
            m = _ROLE_OF_BEFORE.search(self.text, max(0, pos - 60), pos)
            if m and any(w.casefold().strip(_STRIP) in ROLE_WORDS for w in m["head"].split()):
                head = m["head"].split()
                role_words = tuple(head[1:] if head[0] in ("The", "A", "An") else head) + tuple(role_words)
        named_before = self.lookup(name, offset) if core[0].lower() in PARTICLES and not role_words else None
        if named_before is not None:
            person = named_before  # "Von der Leyen was ...": Ursula von der Leyen, named before
        elif len(core) >= 2 or role_words:
            person = self._person(name, " ".join(role_words) or None, gender_of_words(role_words))
        else:
            person = self.lookup(name, offset)
            if person is None:
                return
        person.add_clue((core, offset + len(name)))
        person.positions.append(offset)
        self.mentions.append(Mention(offset, offset + len(name), person, possessive))

    def _person(self, name: str, role: str | None, gender: str | None) -> Person:
        if " " not in name:
            known = self._unique_with_token(name)
            if known:
                return known
        person = self.people.get(name)
        if person is None:
            person = Person(name=name, role=role, gender=gender,
                            tokens={b for b in (w.strip(_STRIP).casefold() for w in name.split())
                                    if b not in PARTICLES}, read_context=self._gender_from_context)
            self.people[name] = person
            for t in person.tokens:  # any part may be the one used alone: "Jiang" for Jiang Bin, "Trump"
                self._by_token.setdefault(t, []).append(person)
        if role and not person.role:
            person.role = role
        if gender:
            person.add_clue(gender)
        return person

    def _unique_with_token(self, token: str) -> Person | None:
        found = [p for p in self._by_token.get(_bare(token), []) if " " in p.name]
        return found[-1] if found else None

    def _gender_from_context(self, core: list[str], end: int) -> str | None:
        first = _bare(core[0])
        if len(core) >= 2 and first in _FEMALE_NAMES:
            return "f"
        if len(core) >= 2 and first in _MALE_NAMES:
            return "m"
        # "Ivo Marsh, who has worked the estuary ..., said his crew": a pronoun later in the same sentence,
        # before anyone else is named
        window = self.text[end: end + 160]
        if not _PRONOUN.search(window):
            return None  # (none in the whole window, so none in the part of it read below either)
        stop = _CLAUSE_STOP.search(window)
        window = window[: stop.start()] if stop else window
        other = NAME_RUN.search(window)
        if other and other.group().split()[0].casefold() not in NOT_NAME_START:
            window = window[: other.start()]
        m = _PRONOUN.search(window)
        return _PRONOUN_GENDER[m.group().lower()] if m else None

    # --- questions ------------------------------------------------------------------------------

    def lookup(self, name: str, pos: int) -> Person | None:
        """The person a surname (or a given name) means: the latest full name holding it before ``pos``,
        else the first one after it."""
        token = _bare(name)
        candidates = [p for p in self._by_token.get(token, []) if " " in p.name]
        if not candidates:
            return None
        best, best_pos = candidates[0], -1
        for person in candidates:
            i = bisect.bisect_left(person.positions, pos)
            if i and person.positions[i - 1] > best_pos:
                best, best_pos = person, person.positions[i - 1]
        # "Camera Icon Anthony Albanese" (a caption's furniture before the name) is the "Anthony Albanese" the
        # text also names
        within = [p for p in candidates if p is not best and best.name.endswith(" " + p.name)]
        return min(within, key=lambda p: len(p.name)) if within else best

    def full_name(self, name: str, pos: int) -> tuple[str, str | None]:
        """(full name, role) for a name as written at ``pos``."""
        ws = name.split()
        person = self.people.get(name)
        if len(ws) == 1:
            fuller = self.lookup(name, pos)
            # "FM Lavrov" in a headline is the "Foreign Minister Sergei Lavrov" of the text; "President Obama"
            # is not the "Michelle Obama" it also names
            if person is None or fuller is not None and _same_office(person.role, fuller.role):
                person = fuller or person
        elif person is None and len(ws) >= 2:
            # "Mr. Trump" stripped to "Trump" upstream; "Bin Jiang" vs "Jiang Bin" stays as written
            person = None
        if person:
            return person.name, person.role
        return name, None

    def recent_people(self, pos: int, floor: int = 0):
        """Mentions before ``pos`` (and after ``floor``), nearest first."""
        i = bisect.bisect_left(self.positions, pos)
        while i > 0:
            i -= 1
            mn = self.mentions[i]
            if mn.pos < floor:
                return
            yield mn

    def holder_of_role(self, role: str, pos: int) -> Person | None:
        """The last person before ``pos`` whose role contains every word of ``role`` ("the spokesman")."""
        want = [w for w in (_bare(w) for w in words(role)) if w not in {"the", "a", "an", "its", "his", "her",
                                                                              "their"} and w not in HONORIFICS]
        if not want:
            return None
        for mn in self.recent_people(pos):
            role_words = words(mn.person.role or "")
            # "Prime Minister David Cameron's former media chief": a media chief, not the prime minister
            owner = max((i for i, w in enumerate(role_words) if w.endswith(("'s", "’s"))), default=-1)
            have = {_bare(w) for w in role_words[owner + 1:]}
            if any(w.startswith("spokes") for w in have):
                have |= {"spokesman", "spokeswoman", "spokesperson"}
            if all(w in have for w in want):
                return mn.person
        return None
