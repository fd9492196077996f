"""Small one-question dialogs: jump to a date, tag a row, export the view."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from tui.export_view import FORMATS


_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_jump(text: str) -> str | None:
    """"2023-04-16", "April 2023", "march 30 2023", "2014" -> a date prefix, or None."""
    text = " ".join(text.split())
    if not text:
        return None
    iso = _ISO_PREFIX.fullmatch(text.replace("/", "-"))
    if iso and 1 <= int(iso.group(2) or 1) <= 12 and 1 <= int(iso.group(3) or 1) <= 31:
        return iso.group(0)  # "2023", "2023-05", "2023-05-02": already what the chronology stores
    # Imported here: the extractors cost ~180 ms to import, which a jump to an ISO date need not pay.
    from importers.extract.dates import parse_date_string

    # Month names are capitalised in running text; the extractor reads lower-case "march" as a verb.
    found = parse_date_string(text.title())
    return found[0] if found else None


class Prompt(ModalScreen):
    """A dialog with a label and an input: enter answers, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.value, self.placeholder = question, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Label("", id="problem", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.answer(event.value)

    def answer(self, value: str) -> None:
        self.dismiss(value)

    def complain(self, problem: str) -> None:
        self.query_one("#problem", Label).update(problem)


class JumpPrompt(Prompt):
    def __init__(self) -> None:
        super().__init__("Jump to the first item on or after:", placeholder="2023-04-16, April 2023, 2014")

    def answer(self, value: str) -> None:
        date = parse_jump(value)
        if date is None:
            self.complain("Not a date I can read. Try 2023-04-16, April 2023 or 2014.")
        else:
            self.dismiss(date)


class TagPrompt(Prompt):
    def __init__(self, current: str) -> None:
        super().__init__("Tags, separated by commas (empty removes them):", current, "border, talks")


class ExportPrompt(ModalScreen):
    """Choose a format and a file for the current view."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        with Vertical(classes="dialog"):
            yield Label("Export what is shown (filters applied)")
            yield Select([(name, fmt) for fmt, name in FORMATS.items()], value="md", allow_blank=False, id="format")
            yield Label("File (enter writes it):")
            yield Input(str(Path.cwd() / f"dateline-{stamp}.md"), id="path")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        path.value = str(Path(path.value).with_suffix("." + str(event.value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fmt = str(self.query_one("#format", Select).value)
        if event.value.strip():
            self.dismiss((fmt, str(Path(event.value.strip()).expanduser())))

    def action_cancel(self) -> None:
        self.dismiss(None)
