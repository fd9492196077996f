"""Saved web pages: the article's main text and metadata through trafilatura.

The stored text is trafilatura's main text (paragraphs one per line), so every span points into what the
reader of the article would read, not into menus and banners. The publication date ranks:
1. ``datePublished`` in JSON-LD, then the article/Open Graph/Dublin Core meta tags, read here so that a
   timestamp's offset gives the local calendar date and a month-only value stays a month;
2. htmldate with original-date preference and without extensive search (markup only: ``<time>``, ``<abbr>``,
   date classes), on the page without its site chrome (navigation, asides, and headers and footers outside
   the article), so a "today is ..." banner is never the publication date; and without the URL;
3. nothing: extraction then looks for a dateline, then the URL (a date in the URL ranks lowest, so it is never
   taken here).

``fragment_text`` turns an HTML fragment (a feed entry's content, a JSON record's body) into plain text with
one paragraph per line; feeds and JSON use it.
"""
from __future__ import annotations

import copy
import json
import re

from lxml import html as lxml_html

from importers.decode import decode
from importers.model import Document
from importers.readers import Reader, ReadError, ReadResult, register
from importers.readers.field_dates import field_date

_HTML_HEAD = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
                        re.IGNORECASE | re.DOTALL)
_URL_DATE = re.compile(r"(?:19|20)\d\d[/-]?(?:0[1-9]|1[0-2])[/-]?(?:0[1-9]|[12]\d|3[01])")

# Meta tags that state when the article was first published, most specific first.
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
                   "dcterms.issued", "dc.date", "publish-date", "publish_date", "pubdate", "date",
                   "sailthru.date", "parsely-pub-date")
_JSONLD_TYPES = ("article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "webpage", "opinionnewsarticle", "liveblogposting", "report")


def sniff(head: bytes) -> bool:
    return bool(_HTML_HEAD.match(head.lstrip(b"\xef\xbb\xbf")))


def read(source: str, data: bytes) -> ReadResult:
    if not data.strip():
        raise ReadError("the file is empty")
    warnings: list[str] = []
    doc = page_document(source, data, warnings)
    if doc is None:
        raise ReadError("no article text could be extracted from this page")
    return ReadResult([doc], warnings)


def page_document(source: str, page: bytes | str, warnings: list[str]) -> Document | None:
    """One Document from a whole page, or None when the page holds no article text."""
    import trafilatura  # heavy import: only when a page is read

    tree = _tree(page)
    if tree is None:
        return None
    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = _paragraphs(getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not _is_article(text):
        return None
    page_url = extracted.url  # the canonical link or og:url
    stated, published = _metadata_date(tree, warnings)
    if not stated:  # a month-only statement stays a month: htmldate would invent its day
        published = _markup_date(tree)
        if published and _url_says(page_url, published):
            published = None  # htmldate read it from the canonical link: the URL ranks below a dateline
    categories = extracted.categories or []
    if isinstance(categories, str):
        categories = [c.strip() for c in categories.split(",") if c.strip()]
    title = extracted.title or None
    first_line = text.split("\n", 1)[0]
    # trafilatura keeps the headline as the first line; the article (and its dateline) starts after it.
    body_start = len(first_line) + 1 if title and _same_words(first_line, title) and "\n" in text else 0
    return Document(
        source=source, source_index=0, text=text, format="html", title=title,
        outlet=extracted.sitename or extracted.hostname or None, author=extracted.author or None,
        section=categories[0] if categories else None, url=page_url or None, published=published,
        body_start=body_start,
    )


MIN_ARTICLE_WORDS = 25
MIN_PARAGRAPH_WORDS = 8


def _is_article(text: str) -> bool:
    """Enough running text to be an article, not a login form or a list of links."""
    lines = text.split("\n")
    return (sum(len(line.split()) for line in lines) >= MIN_ARTICLE_WORDS
            and any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in lines))


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _page_text(data: bytes) -> str:
    """A saved page's text: its declared charset when it names one Python knows, else UTF-8 or Windows-1252."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith(b"\xef\xbb\xbf"):
        charset = m[1].decode("ascii").lower()
        if charset not in ("utf-8", "utf8"):
            try:
                return data.decode(charset, errors="replace")
            except LookupError:
                pass
    return decode(data).text


def _tree(page: bytes | str):
    if isinstance(page, bytes):
        page = _page_text(page)
    page = re.sub(r"^\s*<\?xml[^>]*>", "", page)  # lxml refuses an encoding declaration in a str
    try:
        return lxml_html.document_fromstring(page)
    except Exception:  # lxml raises several kinds for empty or broken markup
        return None


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _url_says(url: str | None, date: str) -> bool:
    """True when ``date`` is the date written in the URL."""
    digits = date.replace("-", "")
    return bool(url) and any(re.sub(r"\D", "", m) == digits for m in _URL_DATE.findall(url))


# Site chrome: where a site prints today's date, its menus, its list of other stories.
_CHROME = ("//nav | //aside | //header[not(ancestor::article or ancestor::main)]"
           " | //footer[not(ancestor::article or ancestor::main)]")


def _markup_date(tree) -> str | None:
    from htmldate import find_date

    page = copy.deepcopy(tree)
    for element in page.xpath(_CHROME):
        element.drop_tree()
    try:
        return find_date(page, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate on odd markup must not cost the article
        return None


def _metadata_date(tree, warnings: list[str]) -> tuple[bool, str | None]:
    """(whether JSON-LD or meta tags state a publication date, the day they give: None for a month)."""
    candidates: list[tuple[str, object]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        for item in _jsonld_items(data):
            kind = item.get("@type")
            kinds = [k.casefold() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
            if any(k in _JSONLD_TYPES for k in kinds) and item.get("datePublished"):
                candidates.append(("JSON-LD datePublished", item["datePublished"]))
    metas = {}
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if name in _PUBLISHED_META and name not in metas:
            metas[name] = meta.get("content")
    candidates += [(f"meta {name}", metas[name]) for name in _PUBLISHED_META if name in metas]
    for time_el in tree.xpath('//time[@itemprop="datePublished"][@datetime]'):
        candidates.append(("time datePublished", time_el.get("datetime")))
    for where, value in candidates:
        found = field_date(value)
        if found and found[1] == "day":
            return True, found[0]
        if found:
            warnings.append(f"{where} gives only the {found[1]} ({found[0]}); publication day left open")
            return True, None
    return False, None


def _jsonld_items(data):
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_items(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _jsonld_items(data["@graph"])


# --- fragments ------------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
               "section", "article", "header", "footer", "figure", "figcaption", "pre", "table", "dd", "dt", "hr"}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "iframe"}
_LOOKS_HTML = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i|ul|li|h\d|blockquote|img|figure)\b[^>]*>|</\w+>",
                         re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text))


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph per line, whitespace collapsed, scripts dropped."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # not markup after all
        return _paragraphs(fragment)
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.casefold() not in _SKIPPED_TAGS and isinstance(el.tag, str):
            block = tag.casefold() in _BLOCK_TAGS
            if block:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
            for child in el:
                walk(child)
            if block:
                parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    return _paragraphs("".join(parts))


READER = register(Reader(name="html", extensions=(".html", ".htm", ".xhtml", ".shtml"), sniff=sniff, read=read))
