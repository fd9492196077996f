"""Browser behaviour found while driving it as a demanding user would (App.run_test)."""
from __future__ import annotations

from tests.test_tui import app_for, settle, tui_db  # noqa: F401  (the fixture is used by name)


async def test_a_new_search_replaces_the_last_query_instead_of_appending_to_it(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", *"trust is bilt")
        await settle(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("/")
        await settle(pilot, app)
        query = app.screen.query_one("#query")
        assert query.value == "trust is bilt", "the last query is offered again"
        await pilot.press(*"fair overdue")
        await settle(pilot, app)
        assert query.value == "fair overdue"
        assert app.screen.cards and app.screen.cards[0].text == "fair and overdue"


async def test_the_status_and_header_take_a_new_themes_colours_without_waiting_for_a_key(tui_db):
    from tui.widgets.info_bar import InfoBar

    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot, app)
        for bar in app.screen.query(InfoBar):
            line = bar.render_line(0)
            styled = {segment.style.bgcolor for segment in line if segment.text.strip()}
            expected = bar.get_component_rich_style("info--strong").bgcolor
            assert styled == {expected}, bar.id


def _screen_text(app) -> str:
    """The screen's characters as the terminal shows them (from Textual's own screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_the_filter_dialogs_title_fits_at_80_columns(tui_db):
    app = app_for(tui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("f")
        await settle(pilot, app)
        shown = _screen_text(app)
        assert "Filter the chronology" in shown
        assert "esc cancels" in shown, "the title is cut at the dialog's edge"
