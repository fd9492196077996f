"""The Dateline browser."""
from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from store import open_db
from store.timeline import count, page
from tui.sanitize import clean


class DatelineApp(App):
    TITLE = "Dateline"

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield Header()
        db = open_db(self.db_path)
        total = count(db)
        if not total:
            yield Static("The database is empty. Import articles with: dateline import PATH...", markup=False)
        else:
            lines = [f"{r.date or 'undated':<10}  {clean(r.text)[:100]}" for r in page(db, 1, 200)]
            yield Static("\n".join(lines), markup=False)
        yield Footer()


def run(db_path: Path) -> None:
    DatelineApp(db_path).run()
