"""An input that picks one name from a list as you type, tolerating typos ("talbek" -> "Oren Talbeck")."""
from __future__ import annotations

from rapidfuzz import fuzz, process
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.sanitize import clean

SHOWN = 4


class FuzzyPick(Vertical):
    BINDINGS = [
        Binding("down", "highlight(1)", "Next match", show=False),
        Binding("up", "highlight(-1)", "Previous match", show=False),
    ]

    def __init__(self, choices: list[str], value: str | None, placeholder: str, *, id: str) -> None:
        super().__init__(id=id, classes="fuzzy-pick")
        self.choices = choices
        self.initial = value or ""
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(self.initial, placeholder=self.placeholder)
        yield OptionList()

    def on_mount(self) -> None:
        self._update(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._update(event.value)

    def _update(self, typed: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        typed = typed.strip()
        if not typed:
            options.display = False
            return
        found = process.extract(typed, self.choices, scorer=fuzz.WRatio, limit=SHOWN, score_cutoff=50)
        options.add_options([Option(Text(clean(name)), id=str(n)) for n, (name, _, _) in enumerate(found)])
        self._found = [name for name, _, _ in found]
        options.display = bool(found)
        if found:
            options.highlighted = 0

    def action_highlight(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + delta) % options.option_count

    @property
    def value(self) -> str | None:
        """The highlighted match, or None when nothing is typed (or nothing matches)."""
        options = self.query_one(OptionList)
        if not self.query_one(Input).value.strip() or not options.option_count:
            return None
        return self._found[options.highlighted or 0]
