"""A line or two of facts (a header, a status line) whose emphasis comes from the stylesheet.

Parts are (text, role) pairs; the role names a component class ("info--strong", "info--quiet",
"info--badge", "info--link") styled in dateline.tcss. Text is never read as markup.
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.drawing import plain_lines


class InfoBar(Widget):
    COMPONENT_CLASSES = {"info--strong", "info--quiet", "info--badge", "info--link"}
    DEFAULT_CSS = "InfoBar { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._one_line = False
        self._parts: list[tuple[str, str | None]] = []  # what is shown, made again with a new theme's styles
        self._styles: dict[str, Style] = {}  # each role's style, looked up once (the status changes every key)

    def render(self) -> Text:
        return self._text

    @property
    def plain(self) -> str:
        return self._text.plain

    def show(self, parts: list[tuple[str, str | None]], *, fixed_height: bool = True) -> None:
        text = Text(no_wrap=fixed_height, overflow="ellipsis", end="")
        for part, role in parts:
            text.append(part, self._role_style(role) if role else "")
        self._text = text
        self._parts = parts
        self._one_line = fixed_height
        # The status line (one line, always) is only repainted: the status changes with every key.
        self.refresh(layout=not fixed_height)

    def _role_style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            style = self._styles[role] = self.get_component_rich_style(f"info--{role}")
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        if self._parts:  # the text holds the old styles: a new theme would show only after the next key
            self.show(self._parts, fixed_height=self._one_line)

    def render_lines(self, crop: Region) -> list[Strip]:
        strips = plain_lines(self, crop, self.render_line) if self._one_line else None
        return super().render_lines(crop) if strips is None else strips

    def render_line(self, y: int) -> Strip:
        """One line is drawn from its spans directly: the status line changes with every key, and going
        through Rich's rendering of a Text cost a millisecond of each."""
        if not self._one_line:
            return super().render_line(y)
        width, base = self.size.width, self.visual_style.rich_style
        if y or not width:
            return Strip.blank(width, base)
        line = self._text
        if line.cell_len > width:
            line = line.copy()
            line.truncate(width, overflow="ellipsis")
        return Strip([Segment(span_text, base + style) for span_text, style in _runs(line)])


def _runs(text: Text):
    """The text's characters in runs of one style (the spans InfoBar.show appends never overlap)."""
    plain, at = text.plain, 0
    for span in text.spans:
        if span.start > at:
            yield plain[at:span.start], Style()
        yield plain[span.start:span.end], span.style if isinstance(span.style, Style) else Style.parse(span.style)
        at = span.end
    if at < len(plain):
        yield plain[at:], Style()
