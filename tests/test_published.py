"""Publication dates, through `dateline import` and `dateline export` on articles written for the project."""
import json
from pathlib import Path

import pytest

from importers.extract import extract
from importers.model import Document

ARTICLES = Path(__file__).parent / "articles" / "dates"


def exported(run_cli, db_path, *args) -> dict[str, dict]:
    done = run_cli("import", *args, "--db", db_path, "-q")
    assert done.returncode == 0, done.stderr
    out = run_cli("export", "--db", db_path)
    docs = [json.loads(line) for line in out.stdout.splitlines() if '"type": "document"' in line]
    return {Path(d["source"]).name: d for d in docs}


def test_publication_dates_of_the_test_articles(run_cli, db_path):
    docs = exported(run_cli, db_path, ARTICLES)
    published = {name: doc["published"] for name, doc in docs.items()}
    assert published == {
        "wire_tass_style.txt": "2024-10-09",  # "BELLHAVEN, October 9. /MNA/.", year from the body's dates
        "caption_wire.txt": "2024-11-21",  # "VESSY, Nov. 21 (Meridian) -"; the caption's 2019 date is not it
        "us_dates.txt": "2024-03-08",  # "March 8, 2024" under the byline
        "uk_dates.txt": "2024-03-08",  # "08/03/2024" in a British paper
        "live_blog.txt": "2025-04-12",  # the first day heading
        "opinion_banner.txt": "2024-03-14",  # the date line under the byline, not the site banner above
        "results_story.txt": None,  # "Oct. 24" without a year, and no full date in the text to lend one
        "no_date_digest.txt": None,
    }


def test_published_option_overrides_the_dateline(run_cli, db_path):
    docs = exported(run_cli, db_path, ARTICLES / "wire_tass_style.txt", "--published", "2023-10-09")
    assert docs["wire_tass_style.txt"]["published"] == "2023-10-09"
    out = run_cli("export", "--db", db_path)
    events = [json.loads(line) for line in out.stdout.splitlines() if '"type": "event"' in line]
    assert {e["date_text"]: e["date"] for e in events}["yesterday"] == "2023-10-08"


def published_of(text: str, url: str | None = None) -> tuple[str | None, str | None]:
    ex = extract(Document(source="t.txt", source_index=0, text=text, url=url))
    return ex.published, ex.published_from


@pytest.mark.parametrize("text, expected", [
    ("LONDON, 3 May 2024 (Reuters) - Prices fell.", "2024-05-03"),
    ("VALDOR CITY, Feb 18 (Meridian) - Talks failed on Friday. They began on 2 February 2022.", "2022-02-18"),
    # The year is the earliest that puts the dateline after every past date the article gives.
    ("KESTREL, Jan 20 (Meridian) - The envoys signed on Monday. Talks had stalled since March 2024.",
     "2025-01-20"),
    # A future date in the article does not pull the year forward.
    ("OSTBY, March 14. /NPA/. The president said the treaty would be signed on 15 May 2025. "
     "Talks began on 20 January 2025.", "2025-03-14"),
    ("ELLERY, Calif., Nov. 2 (AP) - A fire broke out on Friday. It was the worst since March 2021.", "2021-11-02"),
])
def test_datelines(text, expected):
    assert published_of(text) == (expected, "dateline")


@pytest.mark.parametrize("text", [
    "WASHINGTON (AP) - The Senate voted on Friday.",  # a place and an agency, but no date
    "KESTREL, March 14. /NPA/. The talks went on.",  # no year anywhere in the article
    "The talks ended on 3 May 2024 in London.",  # a date in running text is not a publication date
    "KESTREL, Aug 24 (AP) - The parade was held on Saturday. The war began in 2022.",  # a bare year says too little
])
def test_no_publication_date_is_invented(text):
    assert published_of(text) == (None, None)


def test_url_and_published_lines():
    assert published_of("Prices fell.", url="https://example.org/news/2023/04/24/prices-fell") == \
        ("2023-04-24", "url")
    assert published_of("Prices fell on Friday.\n\nPublished 19 July 2024\n") == ("2024-07-19", "published line")


def test_a_published_line_is_not_an_event():
    ex = extract(Document(source="t.txt", source_index=0,
                          text="Published: 12:03 PM EST, March 3, 2023\n\nThe senate voted on Friday.\n"))
    assert ex.published == "2023-03-03"
    assert [(e.date_text, e.date) for e in ex.events] == [("Friday", "2023-03-03")]


def test_explain_says_where_dates_came_from_and_strips_control_characters(run_cli, tmp_path):
    article = tmp_path / "wire.txt"
    article.write_text((ARTICLES / "wire_tass_style.txt").read_text(encoding="utf-8")
                       + "\nThe ferry\x1b[31m sailed on 3 May 2024.\n", encoding="utf-8")
    out = run_cli("explain", article)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "published 2024-10-09 (from the dateline)" in text
    assert "«Wednesday»" in text and "a weekday; the clause is in the past" in text
    assert "«2 December»" in text and "the clause looks ahead" in text
    assert "«3 May 2024»" in text and "written in full" in text
    assert "\x1b" not in out.stdout


def test_a_date_in_a_url_slug_is_found_and_ranks_below_a_dateline():
    from importers.extract.published import find_published
    from importers.model import Document

    plain = "The ferry ran again, officials said, after a storm had closed the port for days."
    slug = Document(source="a", source_index=0, text=plain, url="https://news.example/story-2023-10-03-ferry")
    assert find_published(slug) == ("2023-10-03", "url")
    host = Document(source="a", source_index=0, text=plain, url="https://news2023.example/ferry-1203")
    assert find_published(host) == (None, None)
    wire = Document(source="a", source_index=0, url="https://news.example/2023/07/07/ferry",
                    text="PORT ADELIN, March 14, 2024 (Meridian) - The ferry ran again, officials said.")
    assert find_published(wire) == ("2024-03-14", "dateline")


def test_an_updated_line_among_short_fields_dates_the_article():
    text = ("Dredging plan approved\n\nThe harbour commission approved the dredging plan after a long debate, "
            "with two members voting against it.\n\nNPA | Port Valdor | Updated: 05-03-2024 18:49 CET\n"
            "The vote came on Monday, after a debate that ran past midnight.\n")
    ex = extract(Document(source="t.txt", source_index=0, text=text, body_start=24))
    assert (ex.published, ex.published_from) == ("2024-03-05", "published line")
    assert [(e.date_text, e.date) for e in ex.events] == [("Monday", "2024-03-04")]  # the stamp is no event


def test_published_is_preferred_to_updated():
    text = ("Dredging plan approved\n\nUpdated: 9 March 2024\nPublished: 4 March 2024\n\n"
            "The harbour commission approved the dredging plan on Monday.\n")
    assert extract(Document(source="t.txt", source_index=0, text=text, body_start=24)).published == "2024-03-04"


def test_a_title_case_dateline_on_the_line_above_the_body():
    text = ("Talks to go on\n\nPort Valdor (Amberland), February 6\nThe two foreign secretaries, who last met "
            "in April, 2010, said the talks would go on.\n")
    body = text.index("The two")
    ex = extract(Document(source="t.txt", source_index=0, text=text, body_start=body))
    assert (ex.published, ex.published_from) == ("2011-02-06", "dateline")


def test_a_sentence_opening_with_a_place_and_a_date_is_no_dateline():
    text = "Talks\n\nPort Valdor, February 6, was the day the talks began, in 2010.\n"
    assert extract(Document(source="t.txt", source_index=0, text=text, body_start=7)).published is None


def test_a_yearless_dateline_takes_its_year_from_a_stamp_above_the_headline(tmp_path):
    from importers.readers import read_file
    path = tmp_path / "a.txt"
    path.write_text("ID :\nFri, 03/15/2024 - 10:51\n\nMinistry denies secret talks - spokesman\n\n"
                    "PORT VALDOR, March 14 /NPA/. The ministry is holding no secret talks on the strait, its spokesman "
                    "told reporters on Thursday.\n", encoding="utf-8")
    _, result = read_file(path)
    ex = extract(result.documents[0])
    assert (ex.published, ex.published_from) == ("2024-03-14", "dateline")
    assert [e.date for e in ex.events if e.date_text == "Thursday"] == ["2024-03-14"]
