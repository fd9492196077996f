"""What an empty database shows: how to put articles in it."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static

HOW_TO_IMPORT = """\
This database has nothing in it yet.

Import article files or folders (text, HTML, RSS/Atom feeds, JSON):

    dateline import ~/articles/

then run `dateline` again. To try Dateline on a small sample corpus:

    dateline demo

Press q to quit."""


class EmptyScreen(Screen):
    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(HOW_TO_IMPORT, id="empty", markup=False)
        yield Footer()
