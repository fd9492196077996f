"""The HTML reader, through the reader registry and extraction: main text, metadata, publication dates."""
from pathlib import Path

import pytest

from importers.extract import extract
from importers.readers import ReadError, read_file

PAGES = Path(__file__).parent / "fixtures" / "mixed" / "pages"
UNREADABLE = Path(__file__).parent / "fixtures" / "unreadable"


def read_one(path: Path):
    reader, result = read_file(path)
    assert reader.name == "html"
    assert len(result.documents) == 1
    doc = result.documents[0]
    return doc, extract(doc)


def test_json_ld_page_gives_main_text_metadata_and_local_publication_day():
    doc, ex = read_one(PAGES / "ferry_strike_jsonld.html")
    assert doc.title == "Ferry crews walk out in Port Calder as pay talks collapse"
    assert doc.outlet == "The Estuary Herald"
    assert doc.author == "Rhea Lindqvist"
    assert doc.url == "https://estuaryherald.example/news/ferry-crews-walk-out-port-calder"
    # 22:15 at -04:00 is already the 8th in UTC: the place of publication's day is the 7th.
    assert (ex.published, ex.published_from) == ("2023-07-07", "header")
    # Menus and footers are not part of the stored text; the article is.
    assert "Privacy" not in doc.text and "Sport" not in doc.text
    assert "patience has not paid a single bill" in doc.text
    quote = next(s for s in ex.statements if "patience" in s.text)
    assert doc.text[quote.start:quote.end] == quote.text


def test_meta_tags_alone_give_date_outlet_author_and_section():
    doc, ex = read_one(PAGES / "library_reopens_meta_only.html")
    assert (doc.outlet, doc.author, doc.section) == ("Northgate Gazette", "Tomas Achterberg", "Local")
    assert ex.published == "2024-02-12"
    assert "Related" not in doc.text and "Subscribe" not in doc.text


def test_date_only_in_the_url_ranks_last_but_is_used():
    doc, ex = read_one(PAGES / "url_date_only.html")
    assert doc.published is None  # the reader never promotes a URL date to a metadata date
    assert doc.url.endswith("/2021/03/03/night-trains-return-coast-line")
    assert (ex.published, ex.published_from) == ("2021-03-03", "url")


def test_site_banner_date_is_not_the_publication_date():
    doc, ex = read_one(PAGES / "banner_date.html")
    assert "20 November 2023" not in doc.text
    assert (ex.published, ex.published_from) == ("2023-03-14", "dateline")
    assert doc.text[doc.body_start:].startswith("MERIDIAN BAY, March 14, 2023")


def test_month_only_metadata_date_keeps_its_precision(tmp_path):
    page = (PAGES / "library_reopens_meta_only.html").read_text().replace(
        "2024-02-12T09:30:00+01:00", "2024-02")
    path = tmp_path / "month.html"
    path.write_text(page)
    reader, result = read_file(path)
    assert result.documents[0].published is None
    assert any("only the month" in w for w in result.warnings)


def test_page_without_an_article_is_refused_with_a_reason():
    with pytest.raises(ReadError, match="no article text"):
        read_file(UNREADABLE / "no_article.html")


def test_html_is_sniffed_without_its_extension(tmp_path):
    path = tmp_path / "saved_page"
    path.write_bytes((PAGES / "library_reopens_meta_only.html").read_bytes())
    reader, result = read_file(path)
    assert reader.name == "html" and result.documents[0].title.startswith("Flooded Brindle")


def test_declared_charset_is_honoured(tmp_path):
    page = (PAGES / "library_reopens_meta_only.html").read_text(encoding="utf-8")
    # Not UTF-8, and read as Windows-1252 (the fallback) the Cyrillic name would be mojibake.
    page = page.replace("charset=utf-8", "charset=windows-1251").replace("Agnes Moravec", "Анна Петрова")
    path = tmp_path / "cyrillic.html"
    path.write_bytes(page.encode("windows-1251"))
    reader, result = read_file(path)
    assert "Анна Петрова" in result.documents[0].text


def test_dates_in_site_chrome_are_not_taken_but_the_articles_own_time_element_is(tmp_path):
    page = (PAGES / "banner_date.html").read_text()
    banner = page.replace('<div class="today">Monday, 20 November 2023',
                          '<div class="today"><time datetime="2023-11-20">Monday, 20 November 2023</time>')
    path = tmp_path / "banner_time.html"
    path.write_text(banner)
    doc = read_file(path)[1].documents[0]
    assert doc.published is None and extract(doc).published == "2023-03-14"
    own = page.replace('<div id="story">', '<article><time datetime="2023-03-14T08:00">14 March</time>')
    own = own.replace("</div>\n<footer>", "</article>\n<footer>")
    path.write_text(own)
    assert read_file(path)[1].documents[0].published == "2023-03-14"
