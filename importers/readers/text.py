"""Plain text as scraped from the web: one article per file, or a listing page holding several.

Shapes recognised (see importers/samples/README.md):
- a bare article, perhaps under a section label ("In the News");
- a header line ``Date: 24 April 2023 Author: Name``, or ``By Name`` / ``Published 3 May 2024`` lines;
- a page title ``Headline - Outlet | Tagline`` followed by the headline again;
- a masthead (outlet, tagline) above the headline;
- a listing (tag page) whose items each read ``outlet / DD-MM-YYYY / - section / - outlet / headline / body``;
- a time stamp under the headline (``October 15, 2013 / 1:28 PM``, ``Materials 28 September 2006 13:48``); a
  date line above the headline is the site's banner, not the story's date;
- header fields in other dress: ``Date:  19910215``, ``Source: Xinhua | 2019-11-28``, ``... posted on <date>``,
  a dated briefing or press-conference title, a stored page's ``date 2022-10-10`` label opening the file;
- menus, breadcrumbs, letter-spaced headings and clock times, which are never the title;
- hard-wrapped text (lines of ~70 characters, old wire copy and OCR), read a paragraph at a time.
The stored text of a document is its slice of the file: headers stay in it, and ``body_start`` marks where
the article itself begins.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from importers.decode import decode
from importers.extract.dates import find_dates, parse_date_string
from importers.extract.sentences import wrap_width
from importers.model import Document
from importers.readers import Reader, ReadError, ReadResult, register

_NUMERIC_DATE_LINE = re.compile(r"^\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s*$")
# What a listing's date line and the "- section" line after it hold, looked for in the whole text at once.
_NUMERIC_DATE_AT_LINE_END = re.compile(r"\d[-./]\d{1,2}[-./]\d{4}[^\S\n]*$", re.MULTILINE)
_LABEL_LINE = re.compile(r"\n[^\S\n]*- ")
_HEADER_FIELD = re.compile(
    r"(?<![^\W\d])(Date|Published|Written|Updated|Posted|Author|Authors|By|Source|Outlet|Section|URL|Title|Guest|"
    r"Guests|Host|Interviewer|Byline|Tags)\s*:\s*",
    re.IGNORECASE,
)
# Header fields that describe the page (not a transcript's "Interviewer:" or "Guest:", which open its text).
_METADATA_FIELD = re.compile(r"(?:Date|Published|Written|Updated|Posted|Author|Authors|By|Source|Outlet|Section|URL|Title|"
                             r"Byline|Tags)\s*:", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*By\s+([A-Z][^\n]{1,80})$")
# "Published 3 May 2024", "News Article by AFP posted on September 02, 2003 at 10:12:17"
_PUBLISHED_LINE = re.compile(r"^(?:[^\n]{0,40}?\s)?(?:Published|Posted|Updated)(?:\s+on)?\s*:?\s+(.{6,60}?)\s*$",
                             re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*(?:URL\s*:\s*|Source\s*:\s*)?(https?://\S+)\s*$", re.IGNORECASE)
_TITLE_WITH_OUTLET = re.compile(r"^(?P<title>.{8,}?)\s+[-–—|]\s+(?P<outlet>[^|–—]{2,60}?)(?:\s*\|\s*.*)?$")

MAX_TITLE_WORDS = 30

_MONTH_NUMBERS = {name: n for n, name in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
_WEEKDAY_NUMBERS = {name: n for n, name in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}
_DAY, _MONTH, _YEAR = r"(?P<day>[1-9]|[12]\d|3[01])", rf"(?P<month>{'|'.join(_MONTH_NUMBERS)})", r"(?P<year>(?:19|20)\d\d)"
# A full date written out in one of the usual ways ("9 May 2024", "Tuesday 14 September 2021", "May 9, 2024",
# "Thursday, May 9, 2024"): read directly when its weekday, if any, is the date's own. parse_date_string reads
# these the same (checked for every day of 1900-2099 in each form); everything else goes to it.
_FULL_DATE = re.compile(rf"(?:(?P<weekday>{'|'.join(_WEEKDAY_NUMBERS)}),? )?(?:{_DAY} {_MONTH} {_YEAR}"
                        rf"|(?P<month2>{'|'.join(_MONTH_NUMBERS)}) (?P<day2>[1-9]|[12]\d|3[01]), (?P<year2>(?:19|20)\d\d))")


@functools.lru_cache(maxsize=16384)
def _header_date(value: str) -> tuple[str, str] | None:
    """parse_date_string for a header's date, whose common forms are read without it (it costs more than the
    rest of the header), each string read once: the articles of a folder repeat a few dates."""
    m = _FULL_DATE.fullmatch(value.strip())
    if m:
        month = _MONTH_NUMBERS[m["month"] or m["month2"]]
        try:
            date = dt.date(int(m["year"] or m["year2"]), month, int(m["day"] or m["day2"]))
        except ValueError:
            date = None
        if date and (m["weekday"] is None or _WEEKDAY_NUMBERS[m["weekday"]] == date.weekday()):
            return date.isoformat(), "day"
    return parse_date_string(value)


def sniff(head: bytes) -> bool:
    return False  # the fallback reader: chosen by extension or when nothing else claims the file


def read(source: str, data: bytes) -> ReadResult:
    if data.find(b"\x00", 0, 8192) >= 0:  # (without copying the first 8 KB)
        raise ReadError("looks like a binary file, not text")
    decoded = decode(data)
    warnings = [decoded.warning] if decoded.warning else []
    text = decoded.text
    if not text or text.isspace():  # (strip() would copy the text)
        raise ReadError("the file is empty")
    items = _listing_items(text)
    if items:
        documents = [_listing_document(source, i, text, start, end) for i, (start, end) in enumerate(items)]
    else:
        documents = [_single_document(source, text)]
    return ReadResult(documents, warnings)


def _lines_with_offsets(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, text[pos:stop]
        pos = stop + 1


# --- listings -------------------------------------------------------------------------------------------


def _listing_items(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each item of a tag page, or [] when the text is not one."""
    if not _LABEL_LINE.search(text) or not _NUMERIC_DATE_AT_LINE_END.search(text):
        return []  # (cheap tests first: most files are single articles, without such lines)
    lines = list(_lines_with_offsets(text))
    starts = []
    for i in range(len(lines) - 2):
        name, date, after = lines[i][1], lines[i + 1][1], lines[i + 2][1]
        if (name.strip() and len(name) <= 80 and _NUMERIC_DATE_LINE.match(date)
                and after.lstrip().startswith("- ")):
            starts.append(lines[i][0])
    if not starts:
        return []
    ends = starts[1:] + [len(text)]
    return [(s, len(text[s:e].rstrip()) + s) for s, e in zip(starts, ends)]


def _listing_document(source: str, index: int, text: str, start: int, end: int) -> Document:
    lines = [(o - start, line) for o, line in _lines_with_offsets(text, start, end)]
    outlet = lines[0][1].strip()
    day, month, year = (int(g) for g in _NUMERIC_DATE_LINE.match(lines[1][1]).groups())
    if month > 12 and day <= 12:  # month-first: the listing's own convention is day-first
        day, month = month, day
    published = f"{year:04d}-{month:02d}-{day:02d}"
    labels = []
    k = 2
    while k < len(lines) and lines[k][1].lstrip().startswith("- "):
        labels.append(lines[k][1].strip()[2:].strip())
        k += 1
    section = next((label for label in labels if label.casefold() != outlet.casefold()), None)
    title = author = None
    body_start = lines[k][0] if k < len(lines) else end - start
    if k < len(lines) and lines[k][1].strip():
        title = lines[k][1].strip()
        k += 1
        body_start = lines[k][0] if k < len(lines) else end - start
    if k < len(lines):
        m = _BYLINE.match(lines[k][1])
        if m:
            author = m[1].strip()
            body_start = lines[k + 1][0] if k + 1 < len(lines) else end - start
    return Document(
        source=source, source_index=index, text=text[start:end], title=title, outlet=outlet, author=author,
        section=section, published=published, body_start=body_start,
    )


# --- single articles ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
_OUTLET_AND_SECTION = re.compile(r"^(?P<outlet>[^|–—]{2,50}?)\s+[|–—]\s+(?P<section>[^|–—]{2,30})$")
_OUTLET_AND_SHOW = re.compile(r"^(?P<outlet>[^\"“]{2,60}?)\s+[-–—|:]\s+[\"“](?P<title>[^\"”]{2,120})[\"”]$")


# Words of generic section labels ("In the News", "World", "Latest Analysis"): such a line is not a headline.
_SECTION_WORDS = set(
    "a an and the in of on from our top latest breaking news world politics business opinion analysis home "
    "features feature sport sports local national international economy markets editorial comment comments "
    "blog live updates stories story today more region regional asia europe americas africa us uk".split()
)


# A site's menu or breadcrumbs: "Home News World", "Home > Spokesperson's Remarks", "A & B | C & D | E".
_NAVIGATION = re.compile(r"^Home\b(?:\s*[>»/|]|(?:\s+[A-Z&][\w&]*){3})|(?:\s[>»|]\s.*){2}|\s>\s|(?:\s&\s.*){3}")
_LETTER_SPACED = re.compile(r"\w(?:\s{1,3}\w){3,}")
_LABEL_WORD = re.compile(r"[\w']+")
_BULLET = re.compile(r"[-•*·▪►]\s")  # "- US joins with ...": an item of a list of links
_CAPTION = re.compile(r"\b(?:Photo|Image|Picture|Photograph)s?(?:\s+credit)?\s*:", re.IGNORECASE)
_FURNITURE_WORDS = {"menu", "content", "skip", "to", "main", "search", "subscribe", "sign", "in", "up", "log", "login",
                    "share", "close", "open", "toggle", "navigation", "print", "email"}
_OUTLET_AND_PLACE = re.compile(r"^(?P<outlet>.{2,50}?\b(?:Network|News|Media|Agency|Service|Bureau|Desk|Newswire))"
                               r"\s+[-–—|]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}$")


def _is_section_label(line: str) -> bool:
    words = _LABEL_WORD.findall(line.casefold())
    return 0 < len(words) <= 4 and all(w in _SECTION_WORDS for w in words)


# A wire dateline opens the story itself: "WASHINGTON (AP) —", "BUFFALO, N.Y. (AP) --", "KESTREL, March 14 (NPA) -".
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^()\n]{1,30})?\s*\([^)]{1,25}\)\s*(?:—|–|--|-|:)")


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _headline_case(line: str) -> bool:
    """Most longer words capitalised: "Stealth Over Health: Senator Was Headed to ER." is a headline."""
    long_words = [w for w in _WORD.findall(line) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _is_prose(line: str, first: bool = False) -> bool:
    """Running text, as opposed to a headline, a byline or a label."""
    if ":" in line and _METADATA_FIELD.match(line.lstrip()):
        return False  # "Title: President Bush told reporters ...": a field of the header, however long
    words = len(line.split())
    if words > MAX_TITLE_WORDS or _WIRE_DATELINE.match(line.strip()):
        return True
    if first and _headline_case(line):
        return False  # a headline may end with a full stop
    # A long line ending in a colon introduces the text ("The Times said in an editorial on Monday:").
    return words >= 12 and bool(_SENTENCE_END.search(line.strip())) or words >= 8 and line.rstrip().endswith(":")


_DIGIT = re.compile(r"\d")
_RECORD_OF_AN_OCCASION = re.compile(r"(?i)\b(?:press conference|briefing|remarks|speech|address|interview|"
                                    r"transcript|statement|readout|press release|communiqu[eé])\b")
_COMPACT_DATE = re.compile(r"((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_TWO_WORDS = re.compile(r"[a-z]{3,}\s+[a-z]{3,}")  # two lower-case words: prose that holds a date


def _date_only(line: str) -> str | None:
    """The date of a line that holds nothing but a full date ("December 3, 2021", "Thursday 15 May 2025")."""
    stripped = line.strip()
    if len(stripped) > 40 or not _DIGIT.search(stripped):
        return None
    parsed = _header_date(stripped)
    if parsed and parsed[1] == "day" and not _TWO_WORDS.search(stripped.replace(",", "")):
        return parsed[0]
    return None


# A story's time stamp under its headline: a full date with the clock time beside it ("October 15, 2013 / 1:28 PM
# / 4 years ago", "Materials 28 September 2006 13:48 (UTC +04:00)", "13:31, 15 May 2025").
_CLOCK = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d:])(?:\s*[AaPp]\.?[Mm]\.?)?")
# A masthead's staff, a credit: "Editor in Chief Mohamed Wadie", "Reporting by ...".
_STAFF_LINE = re.compile(r"(?:Editor(?:[- ]in[- ]Chief)?|Supervisor|Managing Editor|Chief Editor|Reporter|Correspondent|"
                         r"(?:Written|Reported|Edited|Compiled|Reporting|Editing|Photos?|Photographs?) by)\b")
_CLOCK_LINE = re.compile(r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[AaPp]\.?[Mm]\.?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?)"
                         r"(?:\s+[A-Z]{2,5})?")  # "6.46pm BST": a live blog's time, not a title
_STAMP_GAP = re.compile(r"[\s,/|·•–—-]*(?:at\s+)?")
# Pages stored with their crawl metadata open with "date 2022-10-10" before the headline.
_DATE_LABEL = re.compile(r"[ \t]*date[ \t]+((?:19|20)\d\d-[01]\d-[0-3]\d)\b[ \t]*")


def _stamped(line: str) -> str | None:
    """The date of a short line that holds one full date and a clock time right beside it."""
    if len(line.split()) > 14 or not _CLOCK.search(line):
        return None
    days = [d for d in find_dates(line) if d.precision == "day" and d.value]
    if len(days) != 1:
        return None
    d = days[0]
    after = _STAMP_GAP.match(line, d.end).end()
    if _CLOCK.match(line, after) or d.rule != "numeric" and _CLOCK.search(d.text):
        return d.value  # (the clock may be read as part of the date: "Sunday, July 3, 2016, 9:30 a.m. Front Hall")
    for clock in _CLOCK.finditer(line, max(0, d.start - 24), d.start):
        if _STAMP_GAP.fullmatch(line, clock.end(), d.start):
            return d.value
    return None


def _paragraph_from(text: str, offset: int, width: int) -> str:
    """A hard-wrapped paragraph from the line at ``offset``: its lines joined, up to one that ends short of the
    width (at most a dozen)."""
    joined = []
    for _, line in _lines_with_offsets(text, offset):
        if not line.strip() or len(joined) == 12:
            break
        joined.append(line.strip())
        if len(line) < 0.8 * width:
            break
    return " ".join(joined)


def _single_document(source: str, text: str) -> Document:
    doc = Document(source=source, source_index=0, text=text)
    header: list[tuple[int, str]] = []  # (offset, line) of the non-blank lines before the first prose
    followed_by_prose = set()
    previous = ""
    width = wrap_width(text)
    label = _DATE_LABEL.match(text)
    if label and _header_date(label[1]):
        doc.published = label[1]  # and the text starts after it: a headline, or the story itself
    for offset, line in _lines_with_offsets(text, label.end() if doc.published else 0):
        # (read lazily: only the lines above the body are needed)
        if width and len(line) >= 0.8 * width and not _SENTENCE_END.search(line):
            line = _paragraph_from(text, offset, width)  # a paragraph broken into lines: tested whole
        if _is_prose(line, first=not header):
            doc.body_start = offset
            if header and previous.strip():
                followed_by_prose.add(len(header) - 1)
            break
        if line.strip():
            header.append((offset, line.strip()))
        previous = line
    else:
        doc.body_start = len(text) if header else label.end() if doc.published else 0

    headlines: list[int] = []  # indexes into header of lines that may be the title
    dates_after: list[tuple[int, str, bool]] = []  # (header line, its date, whether it is a stamp with a time)
    # The page's own "Written:" or "Published:" field beats the stored label (when the page was kept).
    label_date, doc.published = doc.published, None
    for i, (offset, line) in enumerate(header):
        if (_parse_header_fields(line, doc) or _LETTER_SPACED.fullmatch(line) or _NAVIGATION.search(line)
                or _CLOCK_LINE.fullmatch(line) or _STAFF_LINE.match(line) or _BULLET.match(line)
                or _CAPTION.search(line) or _FURNITURE_WORDS.issuperset(_LABEL_WORD.findall(line.casefold()))):
            continue  # metadata, or a page's furniture (a menu, a list of links, a photo's caption): never the headline
        only, stamp = _date_only(line), _stamped(line)
        if only or stamp:
            dates_after.append((i, only or stamp, bool(stamp)))
            continue
        m = _TITLE_WITH_OUTLET.match(line)
        if m and any(other == m["title"].strip() for _, other in header if other != line):
            doc.outlet = doc.outlet or m["outlet"].strip()
            continue
        m = _OUTLET_AND_SHOW.match(line)
        if m:
            doc.outlet, doc.title = doc.outlet or m["outlet"].strip(), doc.title or m["title"].strip()
            continue
        m = _OUTLET_AND_PLACE.match(line)
        if m:  # "Daijiworld Media Network - New Delhi": the outlet's byline
            doc.outlet = doc.outlet or m["outlet"].strip()
            continue
        m = _OUTLET_AND_SECTION.match(line)
        if m and len(m["section"].split()) <= 3 and i == 0:
            doc.outlet, doc.section = m["outlet"].strip(), m["section"].strip()
            continue
        if (i in followed_by_prose and len(line.split()) <= 4 or _is_section_label(line)) and not headlines:
            doc.section = doc.section or line  # "In the News" above the text is a label, not a headline
            continue
        headlines.append(i)

    doc.published = doc.published or label_date
    title_at = None
    if doc.title is None and headlines:
        # Mastheads and taglines are short; the headline is the longest line of the header.
        # A headline given twice (the page's title, then the story's) is the headline.
        # (Not twice in a row: an image's text, then its caption.)
        repeated = [i for i in headlines if any(line == header[i][1] and abs(j - i) > 1
                                                for j, (_, line) in enumerate(header))
                    and len(_WORD.findall(header[i][1])) >= 4 and "advert" not in header[i][1].lower()]
        # A stored page's label is followed by the page's title ("date 2025-05-07 China's Xi set to begin ...").
        labelled = [0] if label_date and header and header[0][0] == label.end() and 0 in headlines \
            and len(_WORD.findall(header[0][1])) >= 4 else []
        title_at = (repeated or labelled or [max(headlines, key=lambda i: (len(header[i][1].split()), -i))])[0]
        doc.title = header[title_at][1]
        before = [i for i in headlines if i < title_at]
        if doc.outlet is None and before and len(header[before[0]][1].split()) <= 6 \
                and not _header_date(header[before[0]][1]):  # ("June 2009" above the headline is a date)
            doc.outlet = header[before[0]][1]
    # A date line above the headline is a site banner (today's date on the page), not the story's date.
    for i, date, _ in dates_after:
        if title_at is None or i > title_at:
            doc.published = doc.published or date
            break
    above = [(i, date, stamp) for i, date, stamp in dates_after if title_at is not None and i < title_at]
    if len(above) >= 2 and above[-1][2]:
        # The banner's date, then the story's own stamp with its time ("ARGENTINA | 04-11-2019 11:31"): the stamp
        doc.published = doc.published or above[-1][1]
    if doc.published is None and doc.title and _RECORD_OF_AN_OCCASION.search(doc.title):
        # "Spokesperson X's Regular Press Conference on December 16, 2013": the record of one day
        days = [d for d in find_dates(doc.title) if d.precision == "day" and d.value]
        if len(days) == 1:
            doc.published = days[0].value
    return doc


def _parse_header_fields(line: str, doc: Document) -> bool:
    """Fill document metadata from a header line; True when the line was one."""
    m = _BYLINE.match(line)
    if m and len(m[1].split()) <= 8:
        doc.author = doc.author or m[1].strip()
        return True
    m = _URL_LINE.match(line)
    if m:
        doc.url = doc.url or m[1]
        return True
    fields = list(_HEADER_FIELD.finditer(line)) if _HEADER_FIELD.match(line) else []
    if fields and fields[0].start() == 0:
        for n, f in enumerate(fields):
            value = line[f.end(): fields[n + 1].start() if n + 1 < len(fields) else len(line)].strip()
            _set_field(doc, f[1].casefold(), value)
        return True
    m = _PUBLISHED_LINE.match(line)
    if m:
        parsed = _header_date(m[1])
        if parsed and parsed[1] == "day":
            doc.published = doc.published or parsed[0]
            return True
    return False


def _set_field(doc: Document, name: str, value: str) -> None:
    if not value:
        return
    if name in ("date", "published", "written", "updated", "posted"):
        compact = _COMPACT_DATE.fullmatch(value)  # "19910215"
        parsed = _header_date(f"{compact[1]}-{compact[2]}-{compact[3]}" if compact else value)
        if parsed and parsed[1] == "day" and not doc.published:
            doc.published = parsed[0]
    elif name in ("author", "authors", "by"):
        doc.author = doc.author or value
    elif name in ("source", "outlet"):
        # "Source: Xinhua | 2019-11-28": the outlet and the day
        parts = [part.strip() for part in value.split("|")]
        for part in parts[1:]:
            parsed = _header_date(part) if _DIGIT.search(part) else None
            if parsed and parsed[1] == "day":
                doc.published = doc.published or parsed[0]
                parts.remove(part)
                break
        doc.outlet = doc.outlet or " | ".join(parts)
    elif name == "section":
        doc.section = doc.section or value
    elif name == "url":
        doc.url = doc.url or value
    elif name == "title":
        doc.title = doc.title or value


READER = register(Reader(name="text", extensions=(".txt", ".text", ".md", ""), sniff=sniff, read=read))
