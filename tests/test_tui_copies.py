"""One quote, many outlets: the chronology folds a wire quote's copies into one row, opens them on a key,
and says how many outlets carried it and which ran it first (store API, App.run_test, the view export)."""
from __future__ import annotations

import json

import pytest

from importers.model import Document, Event, Extraction, Statement
from store import open_db, stories, timeline
from store.timeline import Filters, View
from store.writes import save_file
from tests.test_tui import app_for, make_db, settle, shown, timeline_of
from tui.export_view import export_view

# A fictional wire story, reprinted by three outlets over two days, with the headline changed each time.
QUOTE = "The lamps will stay dark until the ministry answers our letter,"
WIRE = ("{title}\n\nKeepers on the northern coast stopped work on 1 June 2023. \u201c" + QUOTE + "\u201d said Ola "
        "Brann, secretary of the keepers' union. The ministry said it would reply within a week.")
COPIES = [("Solby Courier", "2023-06-01", "Lighthouse keepers walk out"),
          ("Kestrel Herald", "2023-06-02", "Keepers strike: lamps go dark"),
          ("Tarn Ledger", "2023-06-02", "Northern lighthouses dark as keepers strike")]


def make_wire_db(path):
    """The browser's test articles plus the wire story in three outlets, clustered as an import does."""
    db = make_db(path)
    for n, (outlet, published, title) in enumerate(COPIES):
        text = WIRE.format(title=title)
        start = text.index(QUOTE)
        sentence = "Keepers on the northern coast stopped work on 1 June 2023."
        extraction = Extraction(published=published, published_from="header")
        extraction.statements.append(Statement(QUOTE, start, start + len(QUOTE), speaker="Ola Brann",
                                               speaker_role="union secretary", date="2023-06-01",
                                               date_precision="day"))
        extraction.events.append(Event(sentence, text.index(sentence), text.index(sentence) + len(sentence),
                                       "2023-06-01", "day", "1 June 2023", text.index("1 June 2023"),
                                       text.index("1 June 2023") + len("1 June 2023")))
        document = Document(source=f"wire{n}.txt", source_index=0, text=text, title=title, outlet=outlet,
                            published=published, url=f"https://{outlet.split()[0].lower()}.example/keepers")
        save_file(db, source_path=f"/fixture/wire{n}.txt", given_path=f"wire{n}.txt", digest=f"w{n}",
                  format="text", encoding="utf-8", warnings=[], results=[(document, extraction)])
    stories.cluster_new(db)
    timeline.rebuild(db)
    return db


@pytest.fixture
def wire_db(tmp_path):
    path = tmp_path / "wire.db"
    make_wire_db(path).conn.close()
    return path


def _quote_rows(db, view):
    return [r for r in view.rows(db, 0, view.length) if r.item_type == "statement" and r.text == QUOTE]


# The store: numbering, opening, filters --------------------------------------------------------------

def test_the_collapsed_chronology_shows_a_carried_quote_once_with_its_first_outlet(tmp_path):
    db = make_wire_db(tmp_path / "w.db")
    full, folded = View(db, collapse=False), View(db)
    assert full.length == folded.total == 14 and folded.length == 12 and folded.folded == 2
    assert [r.outlet for r in _quote_rows(db, full)] == ["Solby Courier", "Kestrel Herald", "Tarn Ledger"]
    (row,) = _quote_rows(db, folded)
    assert (row.outlet, row.copies, row.outlets, row.first_outlet, row.first_published) == \
        ("Solby Courier", 3, 3, "Solby Courier", "2023-06-01")
    # Every page of the collapsed view is read through its own dense numbering, in chronology order.
    positions = [r.position for r in folded.rows(db, 0, folded.length)]
    assert positions == sorted(positions) and len(set(positions)) == 12
    assert [r.position for r in folded.rows(db, 5, 3)] == positions[5:8]
    assert folded.row_on_or_after("2023-06") == positions.index(row.position) - 1  # the first outlet's event
    # A copy the numbering leaves out has no row of its own: revealing it opens its cluster's row.
    tarn = _quote_rows(db, full)[2]
    assert folded.row_of_position(db, tarn.position) is None
    at = folded.reveal(db, tarn.position)
    assert folded.rows(db, at, 1)[0].outlet == "Tarn Ledger" and folded.is_open(row.position)


def test_opening_a_row_puts_its_copies_under_it_and_shifts_what_follows(tmp_path):
    db = make_wire_db(tmp_path / "w.db")
    view = View(db)
    rows = view.rows(db, 0, view.length)
    n = next(i for i, r in enumerate(rows) if r.text == QUOTE)
    undated_before = view.row_on_or_after("2023-07")
    assert view.toggle_copies(db, n) == n
    assert view.length == 14 and view.is_open(rows[n].position)
    opened = view.rows(db, n, 3)
    assert [(r.outlet, r.nested) for r in opened] == [("Solby Courier", False), ("Kestrel Herald", True),
                                                      ("Tarn Ledger", True)]
    assert view.rows(db, n + 3, 1)[0].position == rows[n + 1].position  # the next row moved down by two
    assert view.starts[-1] == view.length - 1  # the undated section still starts at its row
    assert undated_before is None or view.row_on_or_after("2023-07") == undated_before + 2
    # Pages that start inside the opened rows read the same rows.
    assert [r.position for r in view.rows(db, n + 1, 4)] == [r.position for r in view.rows(db, 0, 20)[n + 1:n + 5]]
    assert view.toggle_copies(db, n + 2) == n  # closed from one of its copies
    assert view.length == 12 and not view.is_open(rows[n].position)
    single = next(i for i, r in enumerate(rows) if r.item_type == "event")
    assert view.toggle_copies(db, single) is None


def test_a_filtered_view_folds_the_copies_it_keeps(tmp_path):
    db = make_wire_db(tmp_path / "w.db")
    quotes = View(db, Filters(kind="statement"))
    assert [r.outlet for r in _quote_rows(db, quotes)] == ["Solby Courier"]
    assert View(db, Filters(kind="statement"), collapse=False).length == quotes.length + 2
    tarn = View(db, Filters(outlet="Tarn Ledger", kind="statement"))
    (row,) = _quote_rows(db, tarn)  # its own copy, with where the quote ran first
    assert row.outlet == "Tarn Ledger" and row.first_outlet == "Solby Courier" and row.outlets == 3


def test_the_export_of_a_folded_view_has_one_record_a_quote_with_its_outlets(tmp_path):
    db = make_wire_db(tmp_path / "w.db")
    view = View(db, Filters(kind="statement"))
    export_view(db, view, "json", str(tmp_path / "q.json"))
    records = [r for r in json.loads((tmp_path / "q.json").read_text(encoding="utf-8")) if r["text"] == QUOTE]
    assert [(r["outlets"], r["first_outlet"], r["first_published"]) for r in records] == \
        [(3, "Solby Courier", "2023-06-01")]
    alone = next(r for r in json.loads((tmp_path / "q.json").read_text(encoding="utf-8")) if r["text"] != QUOTE)
    assert alone["outlets"] == 1 and alone["first_outlet"] == alone["outlet"]
    export_view(db, view, "md", str(tmp_path / "q.md"))
    assert "3 outlets, first *Solby Courier*, 2023-06-01" in (tmp_path / "q.md").read_text(encoding="utf-8")


# The browser -------------------------------------------------------------------------------------------

def _line_of_cursor(view):
    return shown(view)[view.line_map.line_of_row(view.cursor) - view.scroll_offset.y]


async def _cursor_on_the_quote(pilot, view):
    while view.current.text != QUOTE:
        await pilot.press("j")


async def test_c_opens_a_quotes_copies_and_the_header_says_who_ran_it_first(wire_db):
    from tui.screens.source import SourceScreen

    app = app_for(wire_db)
    async with app.run_test(size=(110, 30)) as pilot:
        view = timeline_of(app)
        assert view.view.length == 12
        status = str(app.screen.query_one("#status").render())
        assert "12 items, 2 folded" in status
        await _cursor_on_the_quote(pilot, view)
        line = _line_of_cursor(view)
        assert "▸ 3 outlets" in line and "Solby Courier" in line
        assert "3 outlets, first: Solby Courier (2023-06-01)" in str(app.screen.query_one("#status").render())
        await pilot.press("c")
        assert view.view.length == 14 and "▾ 3 outlets" in _line_of_cursor(view)
        assert "folded" not in str(app.screen.query_one("#status").render())  # none left out of sight
        await pilot.press("j")
        assert view.current.nested and view.current.outlet == "Kestrel Herald"
        assert "└ “The lamps" in _line_of_cursor(view)
        await pilot.press("enter")  # a copy opens its own article, which says where the quote ran first
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert "Keepers strike" in str(app.screen.query_one("#source-header").render())
        assert "3 outlets, first: Solby Courier (2023-06-01)" in str(app.screen.query_one("#source-status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert view.current.outlet == "Kestrel Herald"
        await pilot.press("c")  # from a copy: the row folds again, the cursor on it
        assert view.view.length == 12 and view.current.outlet == "Solby Courier"
        assert "▸ 3 outlets" in _line_of_cursor(view)
        await pilot.press("k", "c")  # a row no other outlet carried: nothing to open
        assert view.view.length == 12


async def test_C_shows_every_copy_at_its_own_date_and_folds_them_again(wire_db):
    app = app_for(wire_db)
    async with app.run_test(size=(110, 30)) as pilot:
        view = timeline_of(app)
        await _cursor_on_the_quote(pilot, view)
        await pilot.press("C")
        await settle(pilot, app)
        assert view.view.length == 14 and not view.view.collapse
        assert view.current.text == QUOTE and view.current.outlet == "Solby Courier"  # still on the same item
        lines = [line for line in shown(view) if "The lamps" in line]
        assert len(lines) == 3 and all("3 outlets" in line and "▸" not in line for line in lines)
        while not (view.current.text == QUOTE and view.current.outlet == "Kestrel Herald"):
            await pilot.press("j")
        await pilot.press("C")  # on a copy: folding lands on its row, opened
        await settle(pilot, app)
        assert view.view.collapse and view.current.outlet == "Kestrel Herald" and view.current.nested


async def test_going_to_a_folded_copy_opens_its_row(wire_db):
    app = app_for(wire_db)
    db = open_db(wire_db)
    tarn = db.execute("SELECT s.id FROM statements s JOIN documents d ON d.id = s.document_id "
                      "WHERE d.outlet = 'Tarn Ledger' AND s.text = ?", [QUOTE]).fetchone()[0]
    async with app.run_test(size=(110, 30)) as pilot:
        view = timeline_of(app)
        app.screen.go_to_item("statement", tarn)  # what enter on a search result does
        await pilot.pause()
        assert view.current.item_id == tarn and view.current.nested
        assert "└ “The lamps" in _line_of_cursor(view)


async def test_opening_a_row_at_the_bottom_of_the_screen_brings_its_copies_into_view(wire_db):
    app = app_for(wire_db)
    async with app.run_test(size=(110, 12)) as pilot:
        view = timeline_of(app)
        await _cursor_on_the_quote(pilot, view)
        await pilot.press("c")
        await pilot.pause()
        lines = shown(view)
        assert "▾ 3 outlets" in _line_of_cursor(view)
        assert sum("└ “The lamps" in line for line in lines) == 2
