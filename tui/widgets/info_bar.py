"""A line or two of facts (a header, a status line) whose emphasis comes from the stylesheet.

Parts are (text, role) pairs; the role names a component class ("info--strong", "info--quiet",
"info--badge", "info--link") styled in dateline.tcss. Text is never read as markup.
"""
from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class InfoBar(Widget):
    COMPONENT_CLASSES = {"info--strong", "info--quiet", "info--badge", "info--link"}
    DEFAULT_CSS = "InfoBar { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def render(self) -> Text:
        return self._text

    @property
    def plain(self) -> str:
        return self._text.plain

    def show(self, parts: list[tuple[str, str | None]], *, fixed_height: bool = True) -> None:
        text = Text(no_wrap=fixed_height, overflow="ellipsis", end="")
        for part, role in parts:
            text.append(part, self.get_component_rich_style(f"info--{role}") if role else "")
        self._text = text
        # The status line (one line, always) is only repainted: the status changes with every key.
        self.refresh(layout=not fixed_height)
