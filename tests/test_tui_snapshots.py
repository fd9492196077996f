"""What the browser looks like at 80x24, in colour and with NO_COLOR (pytest-textual-snapshot).

Update after a deliberate change of look with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and review the SVGs it writes under tests/__snapshots__/.
"""
from __future__ import annotations

import pytest

from tests.test_tui import make_db


@pytest.fixture
def app_factory(tmp_path, monkeypatch):
    def make(no_color: bool = False):
        from tui.app import DatelineApp

        path = tmp_path / "snap.db"
        if not path.exists():
            make_db(path).conn.close()
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
        return DatelineApp(path)

    return make


async def _search_for_a_misspelt_quote(pilot):
    # run_before runs ahead of the presses, so the typing happens here, then the search worker is awaited.
    await pilot.pause()
    await pilot.press("slash", *"nott rush")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no_color"])
def test_timeline(snap_compare, app_factory, no_color):
    assert snap_compare(app_factory(no_color), press=["j", "j", "j"], terminal_size=(80, 24))


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no_color"])
def test_search_results(snap_compare, app_factory, no_color):
    assert snap_compare(app_factory(no_color), terminal_size=(80, 24), run_before=_search_for_a_misspelt_quote)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no_color"])
def test_source_view(snap_compare, app_factory, no_color):
    assert snap_compare(app_factory(no_color), press=["j", "j", "enter", "n"], terminal_size=(80, 24))


def test_empty_database(snap_compare, tmp_path):
    from tui.app import DatelineApp

    assert snap_compare(DatelineApp(tmp_path / "empty.db"), terminal_size=(80, 24))


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no_color"])
def test_timeline_with_a_quote_opened_to_its_copies(snap_compare, tmp_path, monkeypatch, no_color):
    from tests.test_tui_copies import make_wire_db
    from tui.app import DatelineApp

    make_wire_db(tmp_path / "wire.db").conn.close()
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    # Eight rows down to the wire quote, then open it: its two copies indented under it.
    assert snap_compare(DatelineApp(tmp_path / "wire.db"), press=["j"] * 8 + ["c"], terminal_size=(80, 24))
