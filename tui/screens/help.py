"""Every key binding, read from the classes that declare them, so the list cannot go stale."""
from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _sections() -> list[tuple[str, list]]:
    from tui.app import DatelineApp
    from tui.screens.filters import FilterScreen
    from tui.screens.search import SearchScreen
    from tui.screens.source import SourceScreen
    from tui.screens.timeline import TimelineScreen
    from tui.widgets.source_text import SourceText
    from tui.widgets.timeline_view import TimelineView

    return [
        ("Timeline: the row under the cursor", TimelineView.BINDINGS),
        ("Timeline: the view", TimelineScreen.BINDINGS),
        ("Search", SearchScreen.BINDINGS),
        ("Source", SourceText.BINDINGS + SourceScreen.BINDINGS),
        ("Filters", FilterScreen.BINDINGS),
        ("Everywhere", DatelineApp.BINDINGS + [Binding("ctrl+p", "command_palette", "Command palette: every action")]),
    ]


def _key_names(key: str) -> str:
    from textual.keys import format_key

    return " ".join(format_key(k.strip()) for k in key.split(","))


def help_table(section_style: Style | str = "", key_style: Style | str = "") -> Group:
    """Each section's title, then its keys and what they do."""
    parts = []
    for title, bindings in _sections():
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style=key_style, min_width=12)
        table.add_column()
        for binding in bindings:
            if isinstance(binding, Binding):
                table.add_row(_key_names(binding.key), binding.tooltip or binding.description or binding.action)
        parts += [Text(title, style=section_style), table, Text("")]
    return Group(*parts)


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]
    COMPONENT_CLASSES = {"help--section", "help--key"}

    def __init__(self, origin: Screen | None = None) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static("Keys (escape closes)", classes="title", markup=False)
            yield Static(help_table(*(self.get_component_rich_style(f"help--{part}") for part in ("section", "key"))))

    def on_mount(self) -> None:
        self.query_one("#help").focus()
