"""The store functions the browser stands on: views with filters, marks, citations, exporting a view."""
from __future__ import annotations

import json

from store import marks, open_db
from store.citation import citation, long_date
from store.timeline import Filters, View
from tests.test_tui import make_db
from tui.export_view import export_view
from tui.format import date_label, headings, matched_characters, wrap_offsets


def test_an_unfiltered_view_pages_by_position_and_knows_its_date_runs(tmp_path):
    db = make_db(tmp_path / "v.db")
    view = View(db)
    assert view.length == view.total == 8
    rows = view.rows(db, 0, 100)
    assert [r.position for r in rows] == list(range(1, 9))
    assert view.dates == ["2023-01", "2023-03-14", "2023-05-02", None]
    assert view.starts.tolist() == [0, 1, 4, 7]
    assert view.rows(db, 6, 5)[0].position == 7 and len(view.rows(db, 6, 5)) == 2
    assert view.row_on_or_after("2023-02") == 1
    assert view.row_on_or_after("2024") is None


def test_filters_keep_the_right_rows_and_find_the_nearest_row(tmp_path):
    db = make_db(tmp_path / "v.db")
    edda = View(db, Filters(speaker="Edda Lunde"))
    assert edda.length == 2 and {r.speaker for r in edda.rows(db, 0, 10)} == {"Edda Lunde"}
    events = View(db, Filters(kind="event"))
    assert events.length == 3 and {r.item_type for r in events.rows(db, 0, 10)} == {"event"}
    march = View(db, Filters(date_from="2023-03", date_to="2023-03"))
    assert [r.date for r in march.rows(db, 0, 10)] == ["2023-03-14"] * 3
    tarn = View(db, Filters(outlet="Tarn Ledger", kind="statement"))
    assert tarn.length == 2
    # A position the filter hides maps to the next row it keeps.
    first_position = View(db).rows(db, 0, 1)[0].position
    assert edda.row_of_position(db, first_position) is None
    assert edda.rows(db, edda.row_near_position(db, first_position), 1)[0].speaker == "Edda Lunde"
    assert "speaker: Edda Lunde" in edda.filters.describe()


def test_marks_star_and_tag_and_filter(tmp_path):
    db = make_db(tmp_path / "v.db")
    sid = db.execute("SELECT id FROM statements WHERE text LIKE 'fair%'").fetchone()[0]
    assert marks.toggle_star(db, "statement", sid) is True
    assert marks.set_tags(db, "statement", sid, ["Levy", " levy", "budget "]) == ["levy", "budget"]
    assert View(db, Filters(starred=True)).length == 1
    assert View(db, Filters(tag="budget")).length == 1 and View(db, Filters(tag="bud")).length == 0
    assert marks.all_tags(db) == ["budget", "levy"]
    assert marks.toggle_star(db, "statement", sid) is False
    marks.set_tags(db, "statement", sid, [])
    assert db.execute("SELECT COUNT(*) FROM marks").fetchone()[0] == 0  # nothing left: no row left


def test_citations_plain_and_markdown(tmp_path):
    db = make_db(tmp_path / "v.db")
    sid = db.execute("SELECT id FROM statements WHERE text LIKE 'Trust%'").fetchone()[0]
    plain = citation(db, "statement", sid)
    assert plain == ("“Trust is built in years and lost in an afternoon,” — Mika Sorn, union leader, Tarn Ledger, "
                     "2 May 2023\nhttps://ledger.example/ferry")
    md = citation(db, "statement", sid, markdown=True)
    assert md.splitlines()[1] == "> — **Mika Sorn, union leader**, *Tarn Ledger*, 2 May 2023"
    unattributed = db.execute("SELECT id FROM statements WHERE speaker_id IS NULL").fetchone()[0]
    assert citation(db, "statement", unattributed).endswith("— Solby Courier")  # nothing invented
    assert citation(db, "statement", 999_999) is None
    assert long_date("2023-04") == "April 2023"


def test_export_of_a_view_in_three_formats(tmp_path):
    db = make_db(tmp_path / "v.db")
    view = View(db, Filters(outlet="Tarn Ledger"))
    assert export_view(db, view, "json", str(tmp_path / "v.json")) == 3
    records = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert [r["kind"] for r in records] == ["event", "statement", "statement"]
    assert export_view(db, view, "csv", str(tmp_path / "v.csv")) == 3
    assert export_view(db, view, "md", str(tmp_path / "v.md")) == 3
    md = (tmp_path / "v.md").read_text(encoding="utf-8")
    assert "## May 2023" in md and "Mika Sorn, union leader: “Trust is built" in md


def test_what_the_screen_says_about_dates_and_matches():
    assert [date_label("2023-04-16", "day"), date_label("2023-04", "month"), date_label("1990", "decade"),
            date_label(None, None)] == ["2023-04-16", "Apr 2023", "1990s", "undated"]
    assert [date_label("1995", "decade"), date_label("1998", "decade")] == ["mid-1990s", "late 1990s"]
    assert [date_label("2023-07", "quarter"), date_label("2023-07", "half"), date_label("2023-06", "season")] == \
        ["Q3 2023", "H2 2023", "Summer '23"]
    assert date_label("2023-04-10", "week") == "2023-W15"  # the Monday it is stored as is not the date
    assert headings(object(), "2023-04-16") == [("year", "2023"), ("month", "April 2023"),
                                                ("day", "Sunday 16 April 2023")]
    assert headings("2023-04-16", "2023-04-17") == [("day", "Monday 17 April 2023")]
    text = "They denounced hegemonic bullying again."
    assert [text[a:b] for a, b in matched_characters("hegemonic bulying ag", text)] == \
        ["hegemonic", "bul", "ying", "ag"]
    lines = wrap_offsets("one two three four\n\nfive", 9)
    assert [("one two three four\n\nfive")[a:b].rstrip() for a, b in lines] == ["one two", "three", "four", "",
                                                                                  "five"]


def test_a_citation_without_a_publication_date_gives_the_items_date_at_its_precision(tmp_path):
    from importers.pipeline import import_paths

    article = tmp_path / "quay.txt"
    article.write_text("Quay revenue falls\n\nRevenue at the Saltmere quay fell by a fifth in the third quarter "
                       "of 2023, the harbour board said.\n", encoding="utf-8")
    db = open_db(tmp_path / "q.db")
    import_paths(db, [str(article)])
    event_id, published = db.execute("SELECT e.id, d.published FROM events e JOIN documents d "
                                     "ON d.id = e.document_id").fetchone()
    assert published is None
    assert citation(db, "event", event_id).endswith("Quay revenue falls, Q3 2023")
