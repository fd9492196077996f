"""A line or two of facts (a header, a status line) whose emphasis comes from the stylesheet.

Parts are (text, role) pairs; the role names a component class ("info--strong", "info--quiet",
"info--badge", "info--link") styled in dateline.tcss. Text is never read as markup.
"""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class InfoBar(Static):
    COMPONENT_CLASSES = {"info--strong", "info--quiet", "info--badge", "info--link"}

    def show(self, parts: list[tuple[str, str | None]], *, fixed_height: bool = True) -> None:
        text = Text(no_wrap=fixed_height, overflow="ellipsis")
        for part, role in parts:
            text.append(part, self.get_component_rich_style(f"info--{role}") if role else "")
        # A bar of fixed height never changes the layout: skip the re-layout on every key.
        self.update(text, layout=not fixed_height)
