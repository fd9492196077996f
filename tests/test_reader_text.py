"""The plain-text reader: every shape of scraped article text, decoding and newlines."""
from pathlib import Path

import pytest

from importers.readers import ReadError, read_file
from tests.conftest import SAMPLES


def read(path: Path):
    reader, result = read_file(path)
    assert reader.name == "text"
    return result


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_header_line_with_date_and_author(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Date: 2 March 2022 Author: Ines Moravec\n\nHarbour Tolls Rise Again\n\n"
                      "The port authority raised tolls for the third time this year, citing the cost of dredging "
                      "the channel after the winter storms.\n")).documents
    assert (doc.published, doc.author, doc.title) == ("2022-03-02", "Ines Moravec", "Harbour Tolls Rise Again")
    assert doc.text[doc.body_start:].startswith("The port authority")


def test_bare_article_with_a_section_label_has_no_title_or_date():
    doc, = read(SAMPLES / "01_bare_in_the_news.txt").documents
    assert doc.title is None and doc.published is None
    assert doc.section == "In the News"


def test_page_title_with_outlet_then_headline():
    doc, = read(SAMPLES / "04_title_first_analysis.txt").documents
    assert doc.title == "Valdoria and Kestrel: A Thaw With Limits"
    assert doc.outlet == "Atlas Observer"


def test_tag_page_items_become_documents_with_metadata():
    result = read(SAMPLES / "05_tag_page_wire_reprints.txt")
    docs = result.documents
    assert [d.source_index for d in docs] == list(range(5))
    assert [d.outlet for d in docs] == ["Eastline Daily", "Rivermark Gazette", "Kestrel Herald", "Harbour Post",
                                        "Atlas Observer"]
    assert [d.published for d in docs] == ["2024-03-14"] * 3 + ["2024-03-11", "2024-03-08"]
    assert docs[0].section == "World" and docs[4].section == "Opinion"
    assert docs[3].author == "Dario Fennick; Mirela Kostadin"
    assert docs[1].title == "Valdoria puts coast guard on alert as Kestrel warships hold drills"
    whole = (SAMPLES / "05_tag_page_wire_reprints.txt").read_text(encoding="utf-8")
    for doc in docs:
        assert doc.text in whole, "a document's text is its slice of the file"
        assert doc.text.startswith(doc.outlet)


def test_footnoted_article_keeps_its_indented_title():
    doc, = read(SAMPLES / "07_footnotes_digest.txt").documents
    assert doc.title == "Talbeck's Visit Puts Kestrel-Valdoria Détente to the Test"
    assert doc.outlet == "Regional Digest"


def test_masthead_date_line_after_the_headline_is_the_publication_date():
    doc, = read(SAMPLES / "14_uk_dates.txt").documents
    assert (doc.outlet, doc.section, doc.published) == ("Harbour Post", "Regional", "2024-05-03")


def test_a_date_banner_above_the_headline_is_not_the_publication_date(tmp_path):
    doc, = read(write(tmp_path, "b.txt", "Monday, October 2, 2023\n\nCouncil Delays Vote on Ferry Fares\n\n"
                      "The city council postponed its vote on ferry fares until the spring, after residents "
                      "of the island wards asked for more time to respond.\n")).documents
    assert doc.title == "Council Delays Vote on Ferry Fares"
    assert doc.published is None


def test_bom_crlf_and_cp1252_decode_to_the_same_kind_of_text():
    bom = read(SAMPLES / "11_published_bom.txt")
    assert not bom.documents[0].text.startswith("\ufeff")
    assert bom.documents[0].published == "2024-07-19"
    crlf = read(SAMPLES / "10_wire_xna_crlf.txt")
    assert "\r" not in crlf.documents[0].text
    cp = read(SAMPLES / "12_cp1252_wire.txt")
    assert any("Windows-1252" in w for w in cp.warnings)
    assert "Peña" in cp.documents[0].text and "\u201c" in cp.documents[0].text


def test_unusable_files_raise_read_error(tmp_path):
    with pytest.raises(ReadError, match="empty"):
        read_file(write(tmp_path, "e.txt", "  \n\n"))
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(ReadError, match="binary"):
        read_file(binary)


def test_a_headline_may_end_with_a_full_stop(tmp_path):
    doc, = read(write(tmp_path, "h.txt", "Harbour Board Votes to Close the Old Ferry Pier After Forty Years.\n\n"
                      "The harbour board voted on Tuesday to close the old ferry pier, ending a service that "
                      "began before most of the town's residents were born.\n")).documents
    assert doc.title == "Harbour Board Votes to Close the Old Ferry Pier After Forty Years."
    assert doc.text[doc.body_start:].startswith("The harbour board")


def test_a_wire_dateline_starts_the_story_and_is_not_a_title(tmp_path):
    doc, = read(write(tmp_path, "w.txt", "Ferry fares frozen for winter\n\nPORT ADELIN (Meridian) — The "
                      "ferry company froze its fares until March.\n\nThe decision was welcomed by the council.\n")
                ).documents
    assert doc.title == "Ferry fares frozen for winter"
    assert doc.text[doc.body_start:].startswith("PORT ADELIN (Meridian)")
    untitled, = read(write(tmp_path, "u.txt", "WASHINGTON (AP) — Short update on the vote:\n\n"
                           "The council met again.\n")).documents
    assert untitled.title is None


def test_a_long_line_ending_in_a_colon_introduces_the_text_and_is_not_a_title(tmp_path):
    doc, = read(write(tmp_path, "c.txt", "The Harbour Courier said in an editorial on Monday, May 6:\n\n"
                      "The council was right to keep the ferry running through the winter.\n")).documents
    assert doc.title is None
    assert doc.body_start == 0
    short, = read(write(tmp_path, "s.txt", "Harbour notes:\n\nThe ferry ran late again on Monday, the "
                        "third delay this month, and the council has asked for an explanation.\n")).documents
    assert short.title == "Harbour notes:"


BODY = ("The harbour commission approved the dredging plan on Tuesday after a debate that ran past midnight, "
        "with two members voting against it.\n")


@pytest.mark.parametrize("stamp", [
    "March 4, 2024 / 6:15 AM / Updated 2 hours ago",
    "Amberland politics Materials 4 March 2024 06:15 (UTC +02:00)",
    "06:15, 4 March 2024",
    "Mon 4 Mar 2024 06.15 GMT",
])
def test_a_time_stamp_under_the_headline_is_the_publication_date(tmp_path, stamp):
    doc, = read(write(tmp_path, "a.txt", f"Dredging Plan Approved After Long Night\n{stamp}\n\n{BODY}")).documents
    assert (doc.published, doc.title) == ("2024-03-04", "Dredging Plan Approved After Long Night")


def test_a_time_stamp_above_the_headline_is_the_page_banner(tmp_path):
    doc, = read(write(tmp_path, "a.txt", f"14:05 GMT, 9 June 2025\nDredging Plan Approved After Long Night\n\n"
                                          f"{BODY}")).documents
    assert doc.published is None


def test_a_line_with_a_date_and_other_words_but_no_time_is_no_stamp(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Dredging Plan Approved After Long Night\n"
                                          "Archive: the vote of 4 March 2024 and its aftermath\n\n" + BODY)).documents
    assert doc.published is None


def test_a_stored_page_opens_with_its_date_label(tmp_path):
    doc, = read(write(tmp_path, "a.txt", " date 2024-03-04 Dredging Plan Approved After Long Night\n\n"
                                          + BODY)).documents
    assert (doc.published, doc.title) == ("2024-03-04", "Dredging Plan Approved After Long Night")


def test_the_headline_given_twice_wins_over_a_longer_line_of_links(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Home World Business Markets Sport Culture Opinion Science Climate Video\n"
                                          "Dredging Plan Approved After Long Night\nMarch 4, 2024 / 6:15 AM\n\n"
                                          "Dredging Plan Approved After Long Night\n\n"
                                          + BODY)).documents
    assert (doc.published, doc.title) == ("2024-03-04", "Dredging Plan Approved After Long Night")


def test_a_letter_spaced_page_heading_is_not_the_title(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "M A I N   N E W S\n\nDredging plan approved\n\n" + BODY)).documents
    assert doc.title == "Dredging plan approved"


@pytest.mark.parametrize("header, published, outlet", [
    ("Date:  20240304", "2024-03-04", None),
    ("Source: NPA | 2024-03-04", "2024-03-04", "NPA"),
    ("News Article by NPA posted on March 04, 2024 at 10:12:17: CET", "2024-03-04", None),
    ("Updated 2 hours ago", None, None),  # no date is invented from the clock of the machine
])
def test_header_lines_that_date_the_story(tmp_path, header, published, outlet):
    doc, = read(write(tmp_path, "a.txt", f"Dredging Plan Approved After Long Night\n\n{header}\n\n{BODY}")).documents
    assert (doc.published, doc.outlet) == (published, outlet)


def test_a_dated_briefing_title_dates_the_transcript_and_menus_are_not_titles(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Home News Briefings Documents About Us Contact Archive Press Room Links\n"
                                          "Home > Spokesperson's Remarks\n"
                                          "Spokesperson Lina Okafor's Regular Press Conference on March 4, 2024\n\n"
                                          + BODY)).documents
    assert (doc.title, doc.published) == ("Spokesperson Lina Okafor's Regular Press Conference on March 4, 2024",
                                          "2024-03-04")


def test_a_stored_page_label_before_the_story_itself(tmp_path):
    doc, = read(write(tmp_path, "a.txt", " date 2024-03-04 " + BODY)).documents
    assert doc.published == "2024-03-04"
    assert doc.text[doc.body_start:].startswith("The harbour commission")


def test_a_short_line_given_twice_is_a_menu_not_the_headline(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Media Hub\n\nMedia Hub\n\nWar of words over the harbour dues\n\n6.46pm BST\n\n"
                                          + BODY)).documents
    assert doc.title == "War of words over the harbour dues"


def test_a_stored_page_label_is_followed_by_the_page_title(tmp_path):
    doc, = read(write(tmp_path, "a.txt", " date 2024-03-04 Dredging plan approved after a long night\n\n"
                                          "The commission voted on the plan, which has been debated for two years "
                                          "and which two members opposed\n\n" + BODY)).documents
    assert (doc.published, doc.title) == ("2024-03-04", "Dredging plan approved after a long night")


def test_a_masthead_a_doubled_caption_and_a_stamp_under_the_headline(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Supervisor Ilse Brandt\nEditor in Chief Tomas Ridell\n\n"
                                          "Vale: Harbour Cooperation Is Important\n\n\nTue 5 Mar 2024 | 11:10 AM\n"
                                          "Amberland Foreign Minister Corin Vale\nAmberland Foreign Minister Corin Vale\n"
                                          "Hedda Lund\n\n" + BODY)).documents
    assert (doc.title, doc.published) == ("Vale: Harbour Cooperation Is Important", "2024-03-05")


@pytest.mark.parametrize("line, published", [
    ("9 May 2024", "2024-05-09"),
    ("Thursday 9 May 2024", "2024-05-09"),
    ("Thursday, 9 May 2024", "2024-05-09"),
    ("May 9, 2024", "2024-05-09"),
    ("Thursday, May 9, 2024", "2024-05-09"),
    ("Friday, May 9, 2024", "2024-05-09"),  # a weekday that does not fit: the date still reads as written
    ("Date: May 9, 2024", "2024-05-09"),
    ("Published 9 May 2024", "2024-05-09"),
    ("31 February 2024", None),  # no such day
])
def test_a_date_line_under_the_headline_in_each_usual_form(tmp_path, line, published):
    doc, = read(write(tmp_path, "d.txt", f"Harbour Tolls Rise Again\n{line}\n\nThe port authority raised tolls for "
                      "the third time this year, citing the cost of dredging the channel after the winter "
                      "storms.\n")).documents
    assert (doc.title, doc.published) == ("Harbour Tolls Rise Again", published)


def test_a_transcript_opening_with_its_interviewer_starts_the_body_there(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "The Long Table\nGuest: Anika Varga, Foreign Minister\nInterviewer: Nadia "
                                          "Strand\n\nINTERVIEWER: Minister, thank you for joining us. A month ago the "
                                          "two presidents met for the first time in years. What changed?\n")).documents
    assert doc.text[doc.body_start:].startswith("INTERVIEWER: Minister")


def test_lists_of_links_captions_and_menu_words_are_not_titles(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Menu Content\n\n- Valdor opens its longest bridge to traffic\n"
                                          "- Kestrel wins the regional rowing final in a storm\n"
                                          "Ferry talks resume in Port Valdor\n\n" + BODY)).documents
    assert doc.title == "Ferry talks resume in Port Valdor"
    assert doc.outlet != "Menu Content"
    doc, = read(write(tmp_path, "b.txt", " date 2025-05-19 Ministers (R) will sit down with the harbour board. "
                                          "Photo: A. Vale / Pool\n\n" + BODY)).documents
    assert doc.title is None and doc.published == "2025-05-19"


def test_an_outlet_byline_with_a_place_and_a_month_line_are_not_titles_or_outlets(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Harbour Media Network - Port Valdor\n" + BODY)).documents
    assert (doc.title, doc.outlet) == (None, "Harbour Media Network")
    doc, = read(write(tmp_path, "b.txt", "June 2009\n\nFerry fares are cut\n\n" + BODY)).documents
    assert doc.title == "Ferry fares are cut" and doc.outlet is None


def test_the_pages_own_written_stamp_beats_the_stored_label(tmp_path):
    doc, = read(write(tmp_path, "a.txt", " date 2023-11-17 Menu\n\nFerry Talks Resume In Port Valdor\n\n"
                                          "Written: 2023-11-16 10:12:59Updated: 2023-11-16 10:14:45\n\n" + BODY)).documents
    assert doc.published == "2023-11-16"


def test_stamps_with_a_venue_or_a_short_month_and_a_stamp_under_a_banner(tmp_path):
    doc, = read(write(tmp_path, "a.txt", "Press Conferences\n\nPress Conference by Foreign Minister Anna Ruud\n\n"
                                          "Sunday, July 3, 2016, 9:30 a.m. Front Entrance Hall, Ministry of Foreign "
                                          "Affairs\n\n" + BODY)).documents
    assert (doc.published, doc.title) == ("2016-07-03", "Press Conference by Foreign Minister Anna Ruud")
    doc, = read(write(tmp_path, "b.txt", "Harbour captain calls for calm\n\nHarbour Editorial 15th Jun, 2018   0\n\n"
                                          + BODY)).documents
    assert doc.published == "2018-06-15"
    doc, = read(write(tmp_path, "c.txt", "Thursday, March 28, 2024\nThe Valdor Courier\n\nHARBOUR | 04-11-2019 11:31\n\n"
                                          "Ferry talks resume in Port Valdor\n\n" + BODY)).documents
    assert (doc.published, doc.title) == ("2019-11-04", "Ferry talks resume in Port Valdor")
