"""The browser, driven as a user drives it: keys in, screens and the database out (App.run_test)."""
from __future__ import annotations

import csv
import json

import pytest

from importers.model import Document, Event, Extraction, Statement
from store import marks, open_db, timeline
from store.writes import save_file

# Fictional articles written for these tests. The third carries text that would be markup or terminal
# escapes if the browser trusted it.
ARTICLES = [
    dict(title="Harbour levy vote delayed", outlet="Solby Courier", author="Ines Quarry", published="2023-03-14",
         url="https://courier.example/levy",
         text="Harbour levy vote delayed\n\nThe Solby council postponed its vote on the harbour levy on 14 March "
              "2023. \u201cWe will not rush a tax on fishermen,\u201d said councillor Bram Tolver. The mayor, "
              "Edda Lunde, said the levy was \u201cfair and overdue\u201d. A first reading took place in "
              "January 2023.",
         statements=[("We will not rush a tax on fishermen,", "Bram Tolver", "councillor", "2023-03-14", "day"),
                     ("fair and overdue", "Edda Lunde", "mayor", "2023-03-14", "day")],
         events=[("The Solby council postponed its vote on the harbour levy on 14 March 2023.", "14 March 2023",
                  "2023-03-14", "day"),
                 ("A first reading took place in January 2023.", "January 2023", "2023-01", "month")]),
    dict(title="Ferry strike ends", outlet="Tarn Ledger", author=None, published="2023-05-02",
         url="https://ledger.example/ferry",
         text="Ferry strike ends\n\nCrews returned to work on 2 May 2023 after a nine-day strike. \u201cTrust is "
              "built in years and lost in an afternoon,\u201d said union leader Mika Sorn. Edda Lunde called the "
              "deal \u201ca relief for the islands\u201d.",
         statements=[("Trust is built in years and lost in an afternoon,", "Mika Sorn", "union leader",
                      "2023-05-02", "day"),
                     ("a relief for the islands", "Edda Lunde", "mayor", "2023-05-02", "day")],
         events=[("Crews returned to work on 2 May 2023 after a nine-day strike.", "2 May 2023", "2023-05-02",
                  "day")]),
    dict(title="Hackers deface [bold]council[/bold] site", outlet="Solby Courier", author=None, published=None,
         url=None,
         text="Hackers deface [bold]council[/bold] site\n\nThe page showed \u201cclick [@click=app.quit]here"
              "[/] \x1b[31mnow\u201d for an hour, the council said.",
         statements=[("click [@click=app.quit]here[/] \x1b[31mnow", None, None, None, None)],
         events=[]),
]


def make_db(path):
    """A database of the articles above, saved through the store's API with known spans."""
    db = open_db(path)
    for n, article in enumerate(ARTICLES):
        text = article["text"]
        extraction = Extraction(published=article["published"], published_from="header")
        for quote, speaker, role, date, precision in article["statements"]:
            start = text.index(quote)
            extraction.statements.append(Statement(quote, start, start + len(quote), speaker=speaker,
                                                   speaker_role=role, date=date, date_precision=precision))
        for sentence, date_text, date, precision in article["events"]:
            start = text.index(sentence)
            date_start = text.index(date_text)
            extraction.events.append(Event(sentence, start, start + len(sentence), date, precision, date_text,
                                           date_start, date_start + len(date_text)))
        document = Document(source=f"article{n}.txt", source_index=0, text=text, title=article["title"],
                            outlet=article["outlet"], author=article["author"], url=article["url"],
                            published=article["published"])
        save_file(db, source_path=f"/fixture/article{n}.txt", given_path=f"article{n}.txt", digest=str(n),
                  format="text", encoding="utf-8", warnings=[], results=[(document, extraction)])
    timeline.rebuild(db)
    return db


@pytest.fixture
def tui_db(tmp_path):
    path = tmp_path / "tui.db"
    make_db(path).conn.close()
    return path


def app_for(path):
    from tui.app import DatelineApp

    return DatelineApp(path)


def shown(widget, lines: int | None = None) -> list[str]:
    """The text of the lines a Line-API widget draws now."""
    return [widget.render_line(y).text for y in range(lines or widget.size.height)]


async def settle(pilot, app):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def timeline_of(app):
    from tui.widgets.timeline_view import TimelineView

    return app.screen.query_one(TimelineView)


def statement_id(db_path, quote_start: str) -> int:
    db = open_db(db_path)
    return db.execute("SELECT id FROM statements WHERE text LIKE ?", [quote_start + "%"]).fetchone()[0]


# The timeline --------------------------------------------------------------------------------------------

async def test_timeline_shows_headings_rows_and_moves_with_keys(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        lines = shown(view)
        text = "\n".join(lines)
        assert "── 2023 " in text and "  January 2023" in text and "Tuesday 14 March 2023" in text
        assert "Undated" in text
        assert any("Bram Tolver" in line and "Solby Courier" in line and "»" in line for line in lines)
        assert any(line.startswith("Jan 2023") and "•" in line for line in lines)
        assert view.cursor == 0
        await pilot.press("j", "j")
        assert view.cursor == 2
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.cursor == view.view.length - 1
        assert view.current.date is None  # the undated section comes last
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("]")  # next month: March 2023
        assert view.current.date.startswith("2023-03")
        await pilot.press("]")
        assert view.current.date.startswith("2023-05")
        await pilot.press("[")
        assert view.current.date.startswith("2023-03")


async def test_jump_to_a_date_written_several_ways(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        for typed, expected in [("march 30 2023", "2023-05-02"), ("April 2023", "2023-05-02"),
                                ("2023-03-14", "2023-03-14"), ("2023", "2023-01")]:
            await pilot.press("d")
            await pilot.press(*typed)
            await pilot.press("enter")
            await pilot.pause()
            assert view.current.date == expected, typed
        await pilot.press("d", *"not a date", "enter")
        await pilot.pause()
        assert "Not a date" in str(app.screen.query_one("#problem").render())
        await pilot.press("escape")


# Search --------------------------------------------------------------------------------------------------

async def test_search_finds_a_misspelt_quote_and_enter_goes_to_it(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("/")
        await pilot.press(*"trust is bilt")
        await settle(pilot, app)
        screen = app.screen
        assert screen.cards and screen.cards[0].text.startswith("Trust is built")
        card = screen.cards[0]
        assert card.speaker == "Mika Sorn" and card.outlet == "Tarn Ledger"
        assert card.matches, "matched characters are highlighted"
        await pilot.press("enter")
        await settle(pilot, app)
        view = timeline_of(app)
        assert view.current.item_type == "statement" and view.current.text.startswith("Trust is built")
        await pilot.press("/")  # searching again starts from the last query, its results shown
        await settle(pilot, app)
        assert app.screen.query_one("#query").value == "trust is bilt" and app.screen.cards


async def test_search_with_no_match_says_so(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("/", *"xylophone quartz")
        await settle(pilot, app)
        assert "No quotes match" in str(app.screen.query_one("#search-status").render())


async def test_search_result_opens_its_source_and_cites(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("/", *"fair overdue")
        await settle(pilot, app)
        await pilot.press("ctrl+y")
        assert "“fair and overdue”" in app.clipboard
        await pilot.press("ctrl+o")
        await pilot.pause()
        from tui.screens.source import SourceScreen

        assert isinstance(app.screen, SourceScreen)


# The source view -----------------------------------------------------------------------------------------

async def test_enter_opens_the_source_at_the_quote_and_escape_returns_to_the_same_row(tui_db):
    from tui.screens.source import SourceScreen
    from tui.widgets.source_text import SourceText

    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        while not (view.current.speaker == "Bram Tolver"):
            await pilot.press("j")
        row_before, scroll_before = view.cursor, view.scroll_offset.y
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        header = str(app.screen.query_one("#source-header").render())
        assert "Harbour levy vote delayed" in header and "Solby Courier" in header and "Ines Quarry" in header
        assert "14 March 2023" in header and "https://courier.example/levy" in header
        source = app.screen.query_one(SourceText)
        kind, _, start, end = source.current
        assert source.text[start:end] == "We will not rush a tax on fishermen,"
        await pilot.press("n")
        assert source.text[source.current[2]:source.current[3]] == "fair and overdue"
        await pilot.press("N")
        assert source.current[2] == start
        await pilot.press("y")
        assert app.clipboard.startswith("“We will not rush a tax on fishermen,”")
        await pilot.press("o")  # no browser here: the URL goes to the clipboard
        assert app.clipboard == "https://courier.example/levy"
        await pilot.press("escape")
        await pilot.pause()
        assert timeline_of(app) is view and view.cursor == row_before and view.scroll_offset.y == scroll_before


# Filters, marks, export ----------------------------------------------------------------------------------

async def test_only_this_speaker_then_escape_clears(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        total = view.view.length
        while view.current.speaker != "Edda Lunde":
            await pilot.press("j")
        await pilot.press("s")
        await settle(pilot, app)
        assert view.view.length == 2
        assert [view.row(n).speaker for n in range(2)] == ["Edda Lunde", "Edda Lunde"]
        assert view.current.speaker == "Edda Lunde"
        assert "speaker: Edda Lunde" in str(app.screen.query_one("#status").render())
        await pilot.press("escape")
        await settle(pilot, app)
        assert view.view.length == total


async def test_filter_dialog_picks_a_speaker_despite_a_typo_and_a_kind(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        await pilot.press("f", "tab", "tab", *"mika sron", "enter")
        await settle(pilot, app)
        assert view.view.filters.speaker == "Mika Sorn" and view.view.length == 1
        await pilot.press("f", "ctrl+r")
        await settle(pilot, app)
        await pilot.press("f", *"2023-05", "enter")
        await settle(pilot, app)
        assert view.view.length == 3 and all(view.row(n).date.startswith("2023-05") for n in range(3))
        await pilot.press("f", *"2030", "enter")
        await settle(pilot, app)
        assert view.view.length == 0 and "Nothing here matches" in shown(view)[1]


async def test_star_tag_and_the_starred_filter(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        await pilot.press("j")
        starred = view.current
        await pilot.press("*")
        await settle(pilot, app)
        assert view.current.starred and "*" in shown(view)[view.line_map.line_of_row(1) - view.scroll_offset.y]
        await pilot.press("t", *"levy, Council", "enter")
        await settle(pilot, app)
        assert marks.tags(app.db, starred.item_type, starred.item_id) == ["levy", "council"]
        await pilot.press("S")
        await settle(pilot, app)
        assert view.view.length == 1 and view.current.item_id == starred.item_id
        assert "#levy" in "\n".join(shown(view))
        await pilot.press("*")  # unstar
        await settle(pilot, app)
        assert not marks.is_starred(app.db, starred.item_type, starred.item_id)


async def test_a_star_while_an_import_holds_the_database_says_so_and_the_browser_goes_on(tui_db):
    import sqlite3

    app = app_for(tui_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = timeline_of(app)
        importer = sqlite3.connect(tui_db)
        importer.execute("BEGIN IMMEDIATE")  # an import's write lock, held longer than a star waits (5 s)
        await pilot.press("*")
        await pilot.press("j")  # the screen still answers while the star waits
        assert view.cursor == 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        importer.rollback()
        assert "not saved" in " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert not marks.is_starred(app.db, view.row(0).item_type, view.row(0).item_id)
        await pilot.press("*")  # the import is over: the star is saved
        await settle(pilot, app)
        assert marks.is_starred(app.db, view.current.item_type, view.current.item_id)


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
async def test_export_writes_the_filtered_view(tui_db, tmp_path, fmt):
    app = app_for(tui_db)
    out = tmp_path / f"view.{fmt}"
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        while view.current.speaker != "Edda Lunde":
            await pilot.press("j")
        await pilot.press("s")
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        from textual.widgets import Input, Select

        app.screen.query_one("#format", Select).value = fmt
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot, app)
    body = out.read_text(encoding="utf-8")
    if fmt == "json":
        records = json.loads(body)
        assert [r["speaker"] for r in records] == ["Edda Lunde", "Edda Lunde"]
        assert records[0]["url"] == "https://courier.example/levy"
    elif fmt == "csv":
        records = list(csv.DictReader(body.splitlines()))
        assert [r["text"] for r in records] == ["fair and overdue", "a relief for the islands"]
    else:
        assert "Filters: speaker: Edda Lunde" in body and "“fair and overdue”" in body
        assert "Tolver" not in body


async def test_cite_copies_quote_speaker_outlet_date_and_url(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        view = timeline_of(app)
        while view.current.speaker != "Bram Tolver":
            await pilot.press("j")
        await pilot.press("y")
        assert app.clipboard == ("“We will not rush a tax on fishermen,” — Bram Tolver, councillor, Solby Courier, "
                                 "14 March 2023\nhttps://courier.example/levy")
        await pilot.press("Y")
        assert app.clipboard.startswith("> “We will not rush a tax on fishermen,”\n> — **Bram Tolver, councillor**")


# Safety, empty states, help ------------------------------------------------------------------------------

async def test_article_text_is_never_markup_nor_escape_codes(tui_db):
    from tui.widgets.source_text import SourceText

    app = app_for(tui_db)
    async with app.run_test(size=(120, 30)) as pilot:
        view = timeline_of(app)
        await pilot.press("G")
        line = shown(view)[view.line_map.line_of_row(view.cursor) - view.scroll_offset.y]
        assert "[@click=app.quit]here[/]" in line and "\x1b" not in line
        await pilot.press("enter")
        await pilot.pause()
        header = str(app.screen.query_one("#source-header").render())
        assert "Hackers deface [bold]council[/bold] site" in header
        text = "\n".join(shown(app.screen.query_one(SourceText)))
        assert "[@click=app.quit]here[/]" in text and "\x1b" not in text
        await pilot.press("y")
        assert app.is_running  # the copied citation was shown as text, not run as an action
        await pilot.click("#source", offset=(30, 2))
        assert app.is_running


async def test_an_empty_database_says_how_to_import(tmp_path):
    from tui.screens.empty import EmptyScreen

    app = app_for(tmp_path / "empty.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        assert "dateline import" in str(app.screen.query_one("#empty").render())
        await pilot.press("q")
    assert not app.is_running


async def test_help_lists_every_binding_and_the_palette_every_action(tui_db):
    from tui.screens.help import HelpScreen
    from tui.screens.search import SearchScreen
    from tui.screens.timeline import TimelineScreen
    from tui.widgets.timeline_view import TimelineView

    app = app_for(tui_db)
    async with app.run_test(size=(100, 40)) as pilot:
        commands = {c.title for c in app.get_system_commands(app.screen)}
        for binding in TimelineView.BINDINGS + TimelineScreen.BINDINGS:
            assert binding.description in commands
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tui.screens.help import help_table
        from rich.console import Console

        console = Console(width=100, record=True, color_system=None)
        console.print(help_table())
        listed = console.export_text()
        for cls in (TimelineView, TimelineScreen, SearchScreen):
            for binding in cls.BINDINGS:
                assert (binding.tooltip or binding.description) in listed
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)
