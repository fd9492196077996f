"""When a quoted statement was made: its own sentence's date, never one after its article's publication."""
from __future__ import annotations

from importers.extract import extract
from importers.model import Document


def test_a_statement_is_never_dated_after_its_articles_publication():
    text = ("Ferry link to reopen\n\nThe transport minister, Oda Brenner, visited the harbour on Tuesday. "
            "She called the repairs \u201cahead of schedule\u201d and said the ferry would sail again on 3 July "
            "2024.\n")
    statements = extract(Document(source="t.txt", source_index=0, text=text), "2024-05-14").statements
    assert [s.text for s in statements] == ["ahead of schedule"]
    assert statements[0].date <= "2024-05-14"


def test_a_date_inside_the_quoted_words_does_not_date_the_statement():
    text = ('Talks\n\n"We will not move before the March 1, 2019, deadline," Corin Vale told reporters on '
            "Friday.\n\nVale said the talks of 2014 were \"a failure\" in his view.\n")
    found = {st.text: st.date for st in extract(Document(source="t.txt", source_index=0, text=text,
                                                         body_start=7), "2019-02-22").statements}
    assert found["We will not move before the March 1, 2019, deadline,"] == "2019-02-22"
    assert found["a failure"] == "2019-02-22"  # the talks' year is what he spoke of


def test_a_year_as_the_time_of_a_quote_reported_inside_another():
    text = ("Talks\n\n“When I met Talbeck in 2022, he told me, ‘the harbour is worth more than the river,’ and I have "
            "not forgotten it,” Kasimir Dahl said.\n")
    found = {st.text: st.date for st in extract(Document(source="t.txt", source_index=0, text=text,
                                                         body_start=7), "2024-07-19").statements}
    assert found["the harbour is worth more than the river,"] == "2022"  # when Talbeck said it
    assert found["When I met Talbeck in 2022, he told me, ‘the harbour is worth more than the river,’ and I have "
                 "not forgotten it,"] == "2024-07-19"  # Dahl's words are the article's


def test_today_in_the_speakers_own_words_dates_the_statement():
    text = ('Talks\n\nVale said in a statement: "The minister called in the envoy this afternoon (15 August 2016) '
            'and handed over a letter."\n')
    found = {st.text: st.date for st in extract(Document(source="t.txt", source_index=0, text=text,
                                                         body_start=7)).statements}
    assert list(found.values()) == ["2016-08-15"]


def test_a_date_in_a_clause_about_something_else_does_not_date_the_statement():
    text = ("Ferries\n\nThe envoy said the deal settled the \"hardest question\", which had stalled talks since March "
            "2024.\n\n\"We were betrayed,\" said Ana Ruiz, who left Valdor in 1962.\n\n"
            "\"It is done,\" Ruud said on Monday.\n")
    dates = {st.text: st.date for st in extract(Document(source="t.txt", source_index=0, text=text),
                                                   "2025-01-22").statements}
    assert dates["hardest question"] == "2025-01-22"
    assert dates["We were betrayed,"] == "2025-01-22"
    assert dates["It is done,"] == "2025-01-20"
