"""Events through the extraction entry point: which sentences become events, with which date and span."""
from pathlib import Path

from importers.extract import extract
from importers.model import Document

ARTICLES = Path(__file__).parent / "articles" / "dates"


def events_of(text: str, published: str | None = "2024-03-14", body_start: int = 0) -> list:
    return extract(Document(source="t.txt", source_index=0, text=text, body_start=body_start), published).events


def test_a_sentence_with_two_dates_makes_two_events_on_the_same_sentence():
    text = "Talks stalled between November 2022 and March 2023, officials said."
    events = events_of(text)
    assert [(e.date, e.date_text) for e in events] == [("2022-11", "November 2022"), ("2023-03", "March 2023")]
    assert {(e.start, e.end) for e in events} == {(0, len(text))}


def test_the_same_date_written_twice_in_a_sentence_is_one_event():
    events = events_of("The ferry sank on Tuesday, 12 March 2024, off the cape.")
    assert [(e.date, e.date_text) for e in events] == [("2024-03-12", "Tuesday, 12 March 2024")]


def test_sentences_without_a_date_expression_are_not_events():
    assert events_of("The ministers met in the capital. Nothing was agreed.") == []


def test_undated_events_are_kept_without_a_date_when_there_is_no_publication_date():
    events = events_of("The two sides met on Friday to discuss the ferry.", published=None)
    assert [(e.date_text, e.date, e.date_precision) for e in events] == [("Friday", None, None)]


def test_headers_boilerplate_and_captions_give_no_events():
    text = ("Ferry talks resume on 3 March 2024\n\n"
            "The talks resumed on Monday.\n\n"
            "Photo: The ferry in the strait on 3 June 2019. (Reuters)\n\n"
            "Support Us\n\nDonate today: since 2014 your gifts keep us independent.\n")
    events = events_of(text, body_start=text.index("The talks"))
    assert [e.date_text for e in events] == ["Monday"]


def test_a_news_paragraph_that_mentions_donations_is_not_furniture():
    text = "Party donations doubled in 2023, the electoral commission said on Monday."
    assert [e.date_text for e in events_of(text)] == ["2023", "Monday"]


def test_dates_of_cited_references_are_not_events():
    text = ('The commission was set up in 2023, as reported in “River deal signed” Harbour Post, 12 May 2023, '
            'and elsewhere.')
    assert [e.date_text for e in events_of(text)] == ["2023"]


def test_a_dateline_is_not_an_event_of_its_own():
    text = ("BELLHAVEN, October 9. /MNA/. Marenland and Tovia agreed on Wednesday to reopen the ferry.\n"
            "The crossing was closed in August 2023.\n")
    events = events_of(text, published="2024-10-09")
    assert [(e.date_text, e.date) for e in events] == [("Wednesday", "2024-10-09"), ("August 2023", "2023-08")]


def test_statements_take_the_date_of_their_own_sentence_else_the_publication_date():
    text = ('"We will not sign," Lund said on Monday. "The door is open," he added.')
    statements = extract(Document(source="t.txt", source_index=0, text=text), "2024-03-14").statements
    assert [(s.text, s.date) for s in statements] == [("We will not sign,", "2024-03-11"),
                                                        ("The door is open,", "2024-03-14")]


def test_every_test_article_gives_events_whose_spans_are_exact():
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        events = events_of(text)
        assert events, path.name
        for e in events:
            assert text[e.start:e.end] == e.text
            assert text[e.date_start:e.date_end] == e.date_text


def test_an_event_does_not_start_in_the_tail_of_a_photo_caption():
    text = ("(Trawlers wait at the quay before the vote. Harbour Desk pic) SALTMERE: The fishing council "
            "approved the new quota on Tuesday. Crews said the cut was fair.")
    [event] = events_of(text)
    assert event.text == "SALTMERE: The fishing council approved the new quota on Tuesday."
    assert event.date == "2024-03-12"


def test_a_quote_opened_with_old_wire_backticks_starts_a_sentence_of_its_own():
    text = ("Fishermen vowed to block the harbour again this summer. ``We will not be left alone this summer,'' "
            "said Tomas Vell, who leads the crews.")
    events = events_of(text)
    assert [text[e.start:e.end][:9] for e in events] == ["Fishermen", "``We will"]
    assert {e.date for e in events} == {"2024-06"}


def test_comment_box_furniture_gives_no_event():
    text = ("Talks\n\nThe talks ended on Friday.\n\nYou have 2000 characters left.\n\n"
            "Comments have been closed on this article since 2019.\n")
    events = extract(Document(source="t.txt", source_index=0, text=text, body_start=7), "2024-03-08").events
    assert [(e.date_text, e.date) for e in events] == [("Friday", "2024-03-08")]


def test_a_related_news_heading_ends_the_article():
    text = ("Talks\n\nThe talks ended on Friday.\n\nRelated News\n\n"
            "PORT VALDOR, DEC 26: Ferries resumed on Monday after the strike.\n")
    events = extract(Document(source="t.txt", source_index=0, text=text, body_start=7), "2024-03-08").events
    assert [(e.date_text, e.date) for e in events] == [("Friday", "2024-03-08")]


def test_an_also_read_link_in_the_middle_does_not_end_the_article():
    text = ("Talks\n\nThe talks ended on Friday.\n\nAlso read\n\nHarbour Dues Rise Again\n\n"
            "The two ministers will meet again on Monday, the ministry said in a statement on its website.\n")
    events = extract(Document(source="t.txt", source_index=0, text=text, body_start=7), "2024-03-08").events
    assert [(e.date_text, e.date) for e in events] == [("Friday", "2024-03-08"), ("Monday", "2024-03-11")]


def test_a_video_age_alone_on_its_line_is_not_an_event_but_a_narrated_date_is():
    found = [e.date_text for e in events_of("Ferries\n\nThe ferry sailed on Friday.\n\n10 years ago\nDuration 7:02\n\n"
                                            "January nineteen ninety-seven. Port Valdor again.\n")]
    assert "10 years ago" not in found
    assert "Friday" in found and "January nineteen ninety-seven" in found
