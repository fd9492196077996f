"""The filter dialog: date range, speaker and outlet (picked fuzzily), kind, starred, tag."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from store import timeline
from store.timeline import Filters
from tui.screens.prompts import parse_jump
from tui.widgets.fuzzy_pick import FuzzyPick

KINDS = {"any": None, "statements": "statement", "phrases": "phrase", "events": "event"}


class FilterScreen(ModalScreen):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
        Binding("ctrl+r", "clear", "Clear all"),
    ]

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters

    def compose(self) -> ComposeResult:
        speakers, outlets = timeline.speakers(self.app.db), timeline.outlets(self.app.db)
        f = self.filters
        with Vertical(classes="dialog", id="filters"):
            # Short enough for the dialog's 68 columns of text: a longer title was cut in the middle of a word.
            yield Label("Filter the chronology · enter or ctrl+s applies · esc cancels", classes="title")
            with Horizontal(classes="dates"):
                yield Input(f.date_from or "", placeholder="from: 2023, April 2023…", id="date_from")
                yield Input(f.date_to or "", placeholder="to: 2024-03-01…", id="date_to")
            yield Label("Speaker")
            yield FuzzyPick(speakers, f.speaker, "any speaker (type a few letters)", id="speaker")
            yield Label("Outlet")
            yield FuzzyPick(outlets, f.outlet, "any outlet", id="outlet")
            with Horizontal(classes="choices"):
                # Selects show their value in words: radio buttons and check boxes show it only in colour.
                yield Select([(label, label) for label in KINDS], value=_kind_label(f.kind), allow_blank=False,
                             id="kind")
                yield Select([("all rows", False), ("starred only", True)], value=f.starred, allow_blank=False,
                             id="starred")
                yield Input(f.tag or "", placeholder="tag", id="tag")
            yield Label("", id="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#date_from", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        dates = {}
        for field in ("date_from", "date_to"):
            typed = self.query_one(f"#{field}", Input).value.strip()
            dates[field] = parse_jump(typed) if typed else None
            if typed and dates[field] is None:
                self.query_one("#problem", Label).update(f"Cannot read the date {typed!r}.")
                return
        tag = self.query_one("#tag", Input).value.strip().casefold() or None
        self.dismiss(Filters(
            date_from=dates["date_from"], date_to=dates["date_to"],
            speaker=self.query_one("#speaker", FuzzyPick).value, outlet=self.query_one("#outlet", FuzzyPick).value,
            kind=KINDS[self.query_one("#kind", Select).value], starred=bool(self.query_one("#starred", Select).value),
            tag=tag))

    def action_clear(self) -> None:
        self.dismiss(Filters())

    def action_cancel(self) -> None:
        self.dismiss(None)


def _kind_label(kind: str | None) -> str:
    return next(label for label, value in KINDS.items() if value == kind)
