"""Quote finding through the extraction entry point, on test articles written for the project."""
from pathlib import Path

import pytest

from importers.extract import extract
from importers.model import Document

ARTICLES = Path(__file__).parent / "articles" / "quotes"


def quotes_of(text: str) -> list:
    return extract(Document(source="t.txt", source_index=0, text=text)).statements


def texts(text: str) -> list[str]:
    return [st.text for st in quotes_of(text)]


def test_every_span_points_at_its_words_in_the_stored_text():
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = quotes_of(text)
        assert found, path.name
        for st in found:
            assert text[st.start:st.end] == st.text


@pytest.mark.parametrize("text, expected", [
    ('He said "we will stay" and left.', "we will stay"),
    ("He said “we will stay” and left.", "we will stay"),
    ("He said ‘we will stay’ and left.", "we will stay"),
    ("He said 'we will stay' and left.", "we will stay"),
    ("China's top diplomat calls the ties ‘rock solid' again.", "rock solid"),
    ("The ministry promised to ''propose, not impose'' a new line.", "propose, not impose"),
])
def test_each_quoting_style(text, expected):
    assert texts(text) == [expected]


def test_apostrophes_do_not_open_or_close_single_quotes():
    found = texts("It's the smaller boats' owners who pay, said Xi's aide, and they can't wait. "
                  "Varga's talk of a 'partnership of equals' would sound better if the ministers' votes held.")
    assert found == ["partnership of equals"]


def test_plural_possessive_inside_a_single_quoted_statement():
    found = texts("'The United Nations' votes are symbolic,' the envoy said.")
    assert found == ["The United Nations' votes are symbolic,"]


def test_interrupted_quote_gives_two_statements_with_one_speaker():
    found = quotes_of('"We will not be lectured," Corin Vale told reporters, "by a city that moves buoys."')
    assert [st.text for st in found] == ["We will not be lectured,", "by a city that moves buoys."]
    assert {st.speaker for st in found} == {"Corin Vale"}


def test_multi_paragraph_quote_is_one_statement_per_paragraph():
    text = ('Hedda Lund said the offer was final.\n\n"We have moved twice already. We will not move again.\n\n'
            '"The next step is theirs," she added.')
    found = quotes_of(text)
    assert [st.text for st in found] == ["We have moved twice already. We will not move again.",
                                         "The next step is theirs,"]
    assert all(st.speaker == "Hedda Lund" for st in found)


def test_unclosed_quote_ends_with_its_paragraph():
    text = 'Ivo Brask said the report was late. "We warned them every winter.\n\nThe council met on Friday.'
    assert texts(text) == ["We warned them every winter."]


def test_nested_quote_stays_inside_the_outer_statement_unless_it_is_reported_speech():
    text = '"We called it a ‘pause’ and that hurt," said Anselm Brask.'
    assert texts(text) == ["We called it a ‘pause’ and that hurt,"]
    text = '"As one of them told me, ‘we were never asked,’ and that hurt," said Anselm Brask.'
    found = quotes_of(text)
    assert [st.text for st in found] == ["As one of them told me, ‘we were never asked,’ and that hurt,",
                                         "we were never asked,"]
    assert [st.speaker for st in found] == ["Anselm Brask", None]


def test_titles_nicknames_and_numbers_are_not_statements():
    found = texts((ARTICLES / "opinion_nicknames.txt").read_text(encoding="utf-8"))
    for title in ("the Harbour Hawk", "Tides of Trade", "Salt on the Quay", "Harbour Hawk"):
        assert title not in found
    assert "fair partnership" in found and "harbour peace" in found
    assert texts('Account "778257943577919488" posted at "1474387200" (CROSSTALK.)') == []


def test_kind_separates_phrases_from_statements():
    found = {st.text: st.kind for st in quotes_of((ARTICLES / "wire_harbour_talks.txt").read_text("utf-8"))}
    assert found["a fair and final offer"] == "phrase"
    assert found["That is not on the table."] == "statement"
    assert found["We came here to close a deal, not to open a new quarrel,"] == "statement"


def test_a_short_clause_broken_off_by_its_attribution_is_a_statement():
    found = {st.text: st.kind for st in quotes_of(
        'Ferries\n\n"We have waited long enough," she says. Harbour staff called the plan "Operation Calm Water," '
        'and the union spoke of "a fair deal".\n\n"It is a start," the Ministry of Foreign Affairs of Borovia said.\n\n'
        '"It is a fine day," Ada Lind, the commission chair, said.\n')}
    assert found["We have waited long enough,"] == "statement"
    assert found["It is a start,"] == "statement"  # the cue comes seven words after the mark
    assert found["It is a fine day,"] == "statement"
    assert found["Operation Calm Water,"] == "phrase"  # a name, and no cue after it
    assert found["a fair deal"] == "phrase"


def test_transcript_turns_are_statements_but_the_hosts_questions_are_not():
    found = quotes_of((ARTICLES / "transcript_radio.txt").read_text(encoding="utf-8"))
    turns = [st for st in found if st.text.startswith(("Not at all", "Minister Vale said"))]
    assert len(turns) == 2 and all(st.speaker == "Hedda Lund" for st in turns)
    assert not any(st.text.startswith("Thank you for coming") for st in found)
    inner = [st for st in found if st.text == "Give me one number I can sell at home."]
    assert inner and inner[0].speaker == "Vale"


def test_cited_headlines_are_not_statements_in_any_case():
    text = ('The paper ran a story headlined "Harbour talks collapse as ministers walk out", which Vale called '
            '"a fairy tale".')
    assert texts(text) == ["a fairy tale"]


def test_old_wire_copy_opens_quotes_with_two_backticks():
    found = texts((ARTICLES / "old_wire_backticks.txt").read_text(encoding="utf-8"))
    assert "Nobody expected the whole dispute to be settled in one sitting," in found
    assert "The fishing quota stays on the table," in found
    assert "frank." in found
    assert "a useful exchange." in found


def test_a_lone_backtick_is_no_quotation_mark():
    assert texts("The file `notes.txt` was read. He said it was ``fine'' then.") == ["fine"]


def test_a_briefing_transcript_with_names_in_title_case():
    text = (ARTICLES / "briefing_transcript.txt").read_text(encoding="utf-8")
    found = {st.text: st for st in quotes_of(text)}
    answers = [t for t in found if t.startswith(("Good afternoon", "We have seen", "The two sides"))]
    assert len(answers) == 3
    assert all(found[t].speaker == "Lina Okafor" for t in answers)
    # The journalists' questions and the lines of figures are not statements.
    assert not any(t.endswith("?") or t in ("12", "3") for t in found)


def test_a_title_case_label_seen_once_is_not_a_turn():
    assert texts("Talks\n\nBeijing News: The talks ended on Friday without an agreement on the quota.\n") == []


def test_a_hard_wrapped_wire_story_is_read_as_paragraphs(tmp_path):
    from importers.readers import read_file
    _, result = read_file(ARTICLES / "wire_hard_wrapped.txt")
    doc, = result.documents
    assert doc.title == "Storm Batters Amberland Coast; Ferries Halted"
    assert doc.text[doc.body_start:].startswith("The storm that battered")
    found = {st.text: st.speaker for st in extract(doc).statements}
    assert found == {"We have never seen the water this high in the old\nharbour,": "Ilse Brandt",
                     "The sea wall held, and that is the good news.": "Ilse Brandt"}
    events = extract(doc, "2024-11-12").events
    # A sentence runs over the line breaks of its paragraph.
    first = events[0]
    assert first.text.startswith("The storm that battered") and first.text.endswith("the\nport authority said.")


def test_interview_and_briefing_transcripts_in_their_other_shapes():
    text = ("Spokesperson Lina Okafor's Regular Press Conference on March 12, 2024\n\n"
            "Foreign Ministry Spokesperson Lina Okafor held a press conference on March 12, 2024.\n\n"
            "Q: Will the minister visit the harbour?\n\n"
            "A: The minister will visit the harbour on Friday and meet the port authority there.\n\n"
            "The visit was agreed with our Amberland colleagues last month, and we look forward to it.\n\n"
            "Q: Is the fishing quota on the agenda?\n\n"
            "A: All questions of common interest are on the agenda, the quota among them.\n")
    found = {st.text: st.speaker for st in quotes_of(text)}
    assert found == {
        "The minister will visit the harbour on Friday and meet the port authority there.": "Lina Okafor",
        "The visit was agreed with our Amberland colleagues last month, and we look forward to it.": "Lina Okafor",
        "All questions of common interest are on the agenda, the quota among them.": "Lina Okafor"}


def test_a_label_with_a_role_a_label_alone_on_its_line_and_initials():
    text = ("Harbour briefing\n\n"
            "CORIN VALE, AMBERLAND TRADE MINISTER: We have a deal on the tariffs, and it holds for three years.\n\n"
            "HEDDA LUND, ANCHOR: Minister, what about the fishing quota?\n\n"
            "VALE:\nThe quota is a separate question, and the committee will answer it in May.\n\n"
            "HL: And the ferries?\n\n"
            "VALE:\nThe ferries sail as before, nothing changes for the passengers this summer.\n")
    found = {st.text: st.speaker for st in quotes_of(text)}
    assert found == {
        "We have a deal on the tariffs, and it holds for three years.": "Corin Vale",
        "The quota is a separate question, and the committee will answer it in May.": "Corin Vale",
        "The ferries sail as before, nothing changes for the passengers this summer.": "Corin Vale"}


def test_a_quoted_subheading_on_its_own_line_is_not_a_statement():
    text = ("Ministers meet\n\nThe ministers met on Friday.\n\n‘Make the harbour work’\n\n"
            "“We will make the harbour work,” Corin Vale said.\n\n“We will never give up”\n")
    found = texts(text)
    assert "Make the harbour work" not in found
    assert "We will make the harbour work," in found
