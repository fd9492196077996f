"""Date expressions through the extraction entry point: each resolution rule on sentences written for the project.

Expected values are worked out from the calendar by hand (2024-03-14 is a Thursday, 2025-04-12 a Saturday).
"""
import datetime as dt
from pathlib import Path

import pytest

from importers.extract import extract
from importers.extract.dates import find_dates
from importers.model import Document

ARTICLES = Path(__file__).parent / "articles" / "dates"


def dates_in(text: str, published: str | None) -> dict[str, tuple[str | None, str | None]]:
    """date expression as written -> (value, precision), for the events of one body of text."""
    events = extract(Document(source="t.txt", source_index=0, text=text), published).events
    return {e.date_text: (e.date, e.date_precision) for e in events}


THURSDAY = "2024-03-14"


@pytest.mark.parametrize("sentence, expression, value, precision", [
    # Weekdays: the nearest such day consistent with the tense; a Thursday in a Thursday article is that day.
    ("The talks ended on Thursday.", "Thursday", "2024-03-14", "day"),
    ("The minister resigned on Monday.", "Monday", "2024-03-11", "day"),
    ("The minister will resign on Monday.", "Monday", "2024-03-18", "day"),
    ("Ministers meet next Thursday.", "next Thursday", "2024-03-21", "day"),
    ("The ferry sailed last Thursday.", "last Thursday", "2024-03-07", "day"),
    ("Officials said the convoy would be sent from Saturday.", "Saturday", "2024-03-16", "day"),
    # A plan told in the past tense, or a participle used as an adjective, does not look ahead.
    ("On Friday, a hastily planned march crossed the bridge.", "Friday", "2024-03-08", "day"),
    ("The march went ahead on Saturday as planned.", "Saturday", "2024-03-09", "day"),
    ("Farmers planned a rally on Saturday.", "Saturday", "2024-03-16", "day"),
    ("The hearing is scheduled for Monday.", "Monday", "2024-03-18", "day"),
    ("The lease had been due to expire on Tuesday.", "Tuesday", "2024-03-12", "day"),
    ("Forty towns had sent their ballots by Tuesday.", "Tuesday", "2024-03-12", "day"),
    ("Two days later, on Saturday, the pumps failed.", "Saturday", "2024-03-09", "day"),
    # A delay runs to a day ahead; "as early as" looks ahead; a stay "until" a day does not.
    ("The board postponed the vote until Tuesday.", "Tuesday", "2024-03-19", "day"),
    ("The court gave the tenants until 9 a.m. Tuesday to leave.", "9 a.m. Tuesday", "2024-03-19", "day"),
    ("The envoy could land as early as Monday.", "Monday", "2024-03-18", "day"),
    ("The envoy could not be reached on Monday.", "Monday", "2024-03-11", "day"),
    ("The bank extended the loans through January.", "January", "2025-01", "month"),
    ("Sales slowed this past winter and again in the early summer.", "early summer", "2023-06", "season"),
    ("The ferry will run again in summer.", "summer", "2024-06", "season"),
    ("Prices eased this past autumn.", "this past autumn", "2023-09", "season"),
    ("The strikers stayed until Tuesday.", "Tuesday", "2024-03-12", "day"),
    ("Exports fell due to the strike on Tuesday.", "Tuesday", "2024-03-12", "day"),  # a cause, not ahead
    # A day's event named by its day ("Wednesday's ruling") is not put ahead by a modal that governs another verb.
    ("The tenants said they would appeal Wednesday's ruling.", "Wednesday", "2024-03-13", "day"),
    ("The tenants will speak at Wednesday's hearing.", "Wednesday", "2024-03-20", "day"),
    ("Oil last sold this cheaply in the winter of nineteen ninety-four.", "winter of nineteen ninety-four",
     "1994-01", "season"),
    # Abbreviations and initials end no clause, so the verb before them still governs; "next to" is a place.
    ("Mr. Ostrand will succeed Anna K. Brel Nov. 2, the board said.", "Nov. 2", "2024-11-02", "day"),
    ("The ferry will leave at 6 in the morning (6 a.m. GMT Friday), the captain said.", "6 a.m. GMT Friday",
     "2024-03-15", "day"),
    ("A fire broke out next to the U.S. consulate on Tuesday.", "Tuesday", "2024-03-12", "day"),
    # An intent told in the past looks ahead; so does the day a change takes effect.
    ("The cabinet decided to admit the two provinces in early April.", "early April", "2024-04", "month"),
    ("The union announced a new contract, effective June 1.", "June 1", "2024-06-01", "day"),
    ("The split would be paid on a still unspecified date in May.", "May", "2024-05", "month"),
    ("The mill had agreed to sell the line in January.", "January", "2024-01", "month"),
    ("The two sides agreed to a ceasefire in January.", "January", "2024-01", "month"),
    # Months without a year: the most recent, unless the clause looks ahead.
    ("The strike began in January.", "January", "2024-01", "month"),
    ("The inquiry reported in November.", "November", "2023-11", "month"),
    ("The next hearing will be held in May.", "May", "2024-05", "month"),
    ("The council agreed the plan in early April, a year late.", "early April", "2023-04", "month"),
    ("Voting is due to close on 2 April.", "2 April", "2024-04-02", "day"),
    ("The port froze last February.", "last February", "2023-02", "month"),
    ("The mill burned last October 23.", "last October 23", "2023-10-23", "day"),
    ("The line reopens next June 1.", "next June 1", "2024-06-01", "day"),
    # A reporting verb tells of a month just ahead; a past event in that month is last year's.
    ("The ministry told importers of a cut in supplies in April.", "April", "2024-04", "month"),
    ("The strike began in April.", "April", "2023-04", "month"),
    ("The loan must be repaid by February.", "February", "2025-02", "month"),
    ("The bridge reopened on March 2.", "March 2", "2024-03-02", "day"),
    ("The report, finished on Friday, March 8, was kept secret.", "Friday, March 8", "2024-03-08", "day"),
    # Relative units.
    ("The envoy arrived last week.", "last week", "2024-03-04", "week"),
    ("Talks resume next week.", "next week", "2024-03-18", "week"),
    ("Prices rose last month.", "last month", "2024-02", "month"),
    ("The plant closes next month.", "next month", "2024-04", "month"),
    ("The treaty was signed last year.", "last year", "2023", "year"),
    ("Exports fell earlier this year.", "earlier this year", "2024", "year"),
    ("The court ruled yesterday.", "yesterday", "2024-03-13", "day"),
    ("The vote is today.", "today", "2024-03-14", "day"),
    ("The ship sails tomorrow.", "tomorrow", "2024-03-15", "day"),
    ("The dam burst two years ago.", "two years ago", "2022", "year"),
    ("The port reopened three days ago.", "three days ago", "2024-03-11", "day"),
    ("Sales fell in the third quarter.", "the third quarter", "2023-07", "quarter"),
    # Explicit dates, decades, ranges.
    ("The accord was signed on 3 May 1996.", "3 May 1996", "1996-05-03", "day"),
    ("The accord was signed on May 3, 1996.", "May 3, 1996", "1996-05-03", "day"),
    ("The accord was signed in September 2021.", "September 2021", "2021-09", "month"),
    ("The quarrel has simmered since 2014.", "2014", "2014", "year"),
    ("The mill closed in the 1980s.", "1980s", "1980", "decade"),
    ("The mill closed in the mid-1980s.", "mid-1980s", "1985", "decade"),
    ("Building starts in early 2026.", "early 2026", "2026", "year"),
    ("The cutter was built in the winter of 2019.", "winter of 2019", "2019-01", "season"),
    ("Peace came on Christmas Day.", "Christmas Day", "2023-12-25", "day"),
    # Spoken forms, as in broadcast transcripts, and the current period.
    ("The mine closed in nineteen seventy-nine.", "nineteen seventy-nine", "1979", "year"),
    ("The dam failed in March nineteen eighty-one.", "March nineteen eighty-one", "1981-03", "month"),
    ("By the year two thousand the port had doubled.", "the year two thousand", "2000", "year"),
    ("The plant will close by the end of the year.", "the end of the year", "2024", "year"),
])
def test_each_rule(sentence, expression, value, precision):
    found = dates_in(sentence, THURSDAY)
    assert found.get(expression) == (value, precision), found


@pytest.mark.parametrize("sentence, expression", [
    ("The talks ended on Friday.", "Friday"),
    ("Last month the two sides failed to agree.", "Last month"),
    ("The summit opens on March 30.", "March 30"),
    ("The deal was signed two years ago.", "two years ago"),
])
def test_without_a_publication_date_relative_expressions_stay_undated(sentence, expression):
    found = dates_in(sentence, None)
    assert expression in found and found[expression][0] is None


def test_without_a_publication_date_explicit_dates_keep_their_value():
    found = dates_in("The accord of 3 May 1996 still holds, and the mill closed in the 1990s.", None)
    assert found["3 May 1996"] == ("1996-05-03", "day")
    assert found["1990s"] == ("1990", "decade")


@pytest.mark.parametrize("sentence", [
    "The talks lasted a month.",
    "He has led the party for five years.",
    "The fishermen, aged 58, were freed.",
    "A 24-year-old engineer was arrested.",
    "Fares rose 40% to $27 million.",
    "The ship carried 2019 tonnes of grain.",
    "They spent the last month arguing about fees.",
    "May I add that the marchers march on?",
    "Families travel home for the Spring Festival.",
    "Two thousand and one people signed the petition.",
])
def test_durations_amounts_and_ages_are_not_dates(sentence):
    assert dates_in(sentence, THURSDAY) == {}


def test_lower_case_may_and_pronoun_we_are_not_dates():
    assert dates_in("We may march on the capital, we said.", THURSDAY) == {}


def test_numeric_dates_follow_the_documents_other_dates():
    british = "The survey was finished on 25/04/2024 and published on 03/05/2024."
    american = "The survey was finished on 04/25/2024 and published on 03/05/2024."
    assert dates_in(british, THURSDAY)["03/05/2024"] == ("2024-05-03", "day")
    assert dates_in(american, THURSDAY)["03/05/2024"] == ("2024-03-05", "day")


def test_written_dates_decide_numeric_ones_when_no_numeric_date_can():
    us = "The inquiry opened on May 3, 2024. Its report is dated 06/05/2024."
    uk = "The inquiry opened on 3 May 2024. Its report is dated 06/05/2024."
    assert dates_in(us, THURSDAY)["06/05/2024"] == ("2024-06-05", "day")
    assert dates_in(uk, THURSDAY)["06/05/2024"] == ("2024-05-06", "day")


def test_a_live_blog_day_heading_is_the_reference_for_the_entries_below_it():
    text = (ARTICLES / "live_blog.txt").read_text(encoding="utf-8")
    events = extract(Document(source="l.txt", source_index=0, text=text, body_start=text.index("08:05"),
                              published="2025-04-12")).events
    by_text = {}
    for e in events:
        by_text.setdefault(e.date_text, []).append(e.date)
    assert by_text["08:05"] == ["2025-04-12"]
    assert by_text["07:30"] == ["2025-04-13"]  # under the Sunday heading
    assert by_text["Yesterday"] == ["2025-04-12"]  # yesterday seen from Sunday
    assert by_text["Tuesday"] == ["2025-04-15"]  # "would meet ... on Tuesday": ahead
    assert "Sunday 13 April 2025" not in by_text  # a heading is not an event


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_every_expression_span_points_at_its_words(name):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    for e in extract(Document(source=name, source_index=0, text=text), "2024-03-14").events:
        assert text[e.date_start:e.date_end] == e.date_text
        assert e.start <= e.date_start < e.date_end <= e.end


@pytest.mark.parametrize("text, expression, value, precision", [
    # An anaphor takes its date from the last date written out before it, at the precision it names.
    ("The ferry company was founded in June 1998. It sank its first ship later that year.",
     "later that year", "1998", "year"),
    ("The mayor was elected on 4 May 2021. That day the river flooded.", "That day", "2021-05-04", "day"),
    ("The mayor was elected on 4 May 2021. The next day she fired the treasurer.", "The next day", "2021-05-05", "day"),
    ("The mayor was elected on 4 May 2021. The following month she fired the treasurer.",
     "The following month", "2021-06", "month"),
    ("The bridge opened in 2012. The previous year a storm had closed the ferry.", "The previous year", "2011", "year"),
    ("The lab opened on 2 March 2019. Two weeks later it closed.", "Two weeks later", "2019-03-16", "day"),
    ("The lab opened in 2015 and shut a year later.", "a year later", "2016", "year"),
    ("The ferry sank on 8 March 2024. The previous Friday it had failed an inspection.", "The previous Friday",
     "2024-03-01", "day"),  # 8 March 2024 is a Friday: the one before it
    # Looking back from a date in the same sentence keeps its precision; with none, from the publication date.
    ("For the half year ended June 30, profit rose to $4 million from $3 million a year earlier.",
     "a year earlier", "2022-06-30", "day"),  # June 30 is 2023-06-30, seen from March 2024
    ("Exports rose 4% from a year earlier.", "a year earlier", "2023", "year"),
    ("Profit beat the year-ago figure.", "year-ago", "2023", "year"),
    # The year of a business report, and the end of this year.
    ("The mill expects a loss for the full year.", "the full year", "2024", "year"),
    ("The merger should close by year-end.", "year-end", "2024", "year"),
])
def test_anaphors_take_the_date_they_refer_to(text, expression, value, precision):
    found = dates_in(text, THURSDAY)
    assert found.get(expression) == (value, precision), found


def test_a_results_story_dates_its_comparisons_by_the_quarter_it_reports():
    # Published on Thursday 24 October 2024: the third quarter (July-September) has just ended.
    text = (ARTICLES / "results_story.txt").read_text(encoding="utf-8")
    found = dates_in(text, "2024-10-24")
    assert found["third-quarter"] == ("2024-07", "quarter")
    assert found["a year earlier"] == ("2023-07", "quarter")  # "$2.3 million a year earlier": the same quarter
    assert found["the latest quarter"] == ("2024-07", "quarter")
    assert found["the year-ago quarter"] == ("2023-07", "quarter")
    assert found["A year ago"] == ("2023-07", "quarter")
    assert found["the 1983 period"] == ("1983-07", "quarter")
    assert found["fourth-quarter"] == ("2024-10", "quarter")  # ahead: not the period being reported
    assert found["the first half of 2024"] == ("2024-01", "half")
    assert found["the second half of the year"] == ("2024-07", "half")
    assert found["a year ago"] == ("2023", "year")  # "who joined a year ago": no amounts compared
    assert found["spring of 2025"] == ("2025-03", "season")


def test_the_quarter_is_a_part_of_town_unless_a_quarter_was_named():
    assert dates_in("Residents of the quarter said the water was cut on Friday.", THURSDAY) == {
        "Friday": ("2024-03-08", "day")}
    assert dates_in("Sales rose in the latest quarter.", THURSDAY) == {"the latest quarter": ("2023-10", "quarter")}


def test_without_a_reported_quarter_a_year_ago_is_last_year():
    found = dates_in("Net income was $2.3 million a year ago. The second half brought two goals.", THURSDAY)
    assert found == {"a year ago": ("2023", "year")}  # "the second half" alone may be a match's


@pytest.mark.parametrize("text, expression", [
    ("Later that year the plant closed.", "Later that year"),  # no date before it to refer to
    ("Two weeks later the plant closed.", "Two weeks later"),
    ("The mill opened on 2 May 2019. Its owners sold it. They fled. Two weeks later it closed.", "Two weeks later"),
    ("The treaty was signed a year before the war.", "a year before"),  # relative to an undated war
    ("The dam opened on 3 May 2024, two months later than planned.", "two months later"),  # a delay
])
def test_an_anaphor_without_a_date_to_refer_to_is_not_placed(text, expression):
    found = dates_in(text, THURSDAY)
    assert found.get(expression, (None,))[0] is None, found


def test_for_the_year_ended_is_a_period_not_the_current_year():
    found = dates_in("Revenue for the year ended March 31 was flat.", THURSDAY)
    assert "the year" not in found and "March 31" in found, found


def test_a_yearless_wire_dateline_reads_the_body_once_and_dates_it_as_a_fresh_reading_does():
    """The publication-date pass and the events pass share one detection of the body and its tense words: the
    events come out as they do when the body is read afresh with the date given."""
    body = ("The harbour board said on Friday it would reopen the north quay next month, and the ferry "
            "company expects sailings to resume by 3 June. Talks that began in June 2023 were suspended last "
            "week; the board will meet again on Tuesday. Dockers had struck twice since 2019, most recently "
            "in early February.")
    def document() -> Document:  # a new text object each time, so nothing read before is reused
        return Document(source="wire.txt", source_index=0, text=f"Quay row\n\nPORTVALE, 14 March (Meridian) - {body}\n",
                        body_start=10)

    wire = extract(document())
    assert (wire.published, wire.published_from) == ("2024-03-14", "dateline")
    fresh = extract(document(), wire.published)
    assert [(e.date_text, e.date, e.date_precision, e.date_start) for e in wire.events] \
        == [(e.date_text, e.date, e.date_precision, e.date_start) for e in fresh.events]
    assert ("Friday", "2024-03-08", "day") in [(e.date_text, e.date, e.date_precision) for e in wire.events]
    assert ("Tuesday", "2024-03-19", "day") in [(e.date_text, e.date, e.date_precision) for e in wire.events]


def test_a_letter_that_grows_when_lower_cased_does_not_shift_the_dates_after_it():
    found = dates_in("İstanbul talks on 5 May 2024 ended on Friday.", THURSDAY)
    assert found == {"5 May 2024": ("2024-05-05", "day"), "Friday": ("2024-03-08", "day")}


def test_may_as_a_person_and_a_year_after_a_comma_without_a_space():
    ref = dt.date(2019, 4, 5)
    assert [d.text for d in find_dates("A spokesman for May's office said the talks went on.", ref)] == []
    assert [d.text for d in find_dates("The figures for May's trade were weak, and in May they fell.", ref)] \
        == ["May", "May"]
    assert [(d.text, d.value) for d in find_dates("It happened on July 20,1987 in the capital.", ref)] == [
        ("July 20,1987", "1987-07-20")]


def test_a_year_in_a_name_is_no_date():
    ref = dt.date(2024, 3, 8)
    assert [d.text for d in find_dates("The pavilion at Expo 2020 and the Vision 2030 plan were praised.", ref)] \
        == []
    assert [d.text for d in find_dates("In 2014 the talks began. That 1978 accord still holds.", ref)] \
        == ["2014", "1978"]


def test_a_date_in_brackets_says_which_day_the_words_before_it_mean():
    found = find_dates("The ministers met this afternoon (15 August 2016) in Port Valdor.", None)
    assert [(d.text, d.value) for d in found] == [("this afternoon (15 August 2016)", "2016-08-15")]
    found = find_dates("Kestrel said on Thursday (May 15) it was ready.", dt.date(2025, 5, 15))
    assert [(d.text, d.value) for d in found] == [("Thursday (May 15)", "2025-05-15")]


def test_a_range_of_years_gives_both_ends_but_a_season_gives_one():
    found = dates_in("Ruud was harbour master from 2003-2007, the court heard. The 1990–1995 war ended it. "
                     "In the 2003-04 season the ferries ran at a loss.", "2014-07-04")
    assert found["2007"] == ("2007", "year") and found["1995"] == ("1995", "year")
    assert "04" not in found and found["2003"] == ("2003", "year")


def test_the_year_in_a_laws_name_is_not_a_date():
    text = ("He was accused of breaching the Harbour Procurement Act (2007) in a letter. "
            "The harbour war (2007) ended in a truce.")
    events = extract(Document(source="t.txt", source_index=0, text=text), "2014-07-04").events
    # the war's year only: the law's is part of its name
    assert [(e.date, text[e.start:e.end].split()[1]) for e in events] == [("2007", "harbour")]
