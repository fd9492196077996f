"""A document's original text, wrapped to the screen, with the statement being read highlighted.

A Line-API widget: the text is wrapped once per width into (start, end) offsets, so any span of
``documents.text`` maps straight to the line it sits on.
"""
from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.format import wrap_offsets
from tui.sanitize import clean


class SourceText(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("n", "step(1)", "Next quote"),
        Binding("N", "step(-1)", "Previous quote"),
        Binding("j,down", "scroll_lines(1)", "Scroll down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "scroll_lines(20)", "Page down", show=False),
        Binding("pageup", "scroll_lines(-20)", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("y", "cite(False)", "Cite"),
        Binding("Y", "cite(True)", "Cite as Markdown", show=False),
        Binding("o", "open_url", "Open URL"),
    ]
    COMPONENT_CLASSES = {"source--current", "source--quote"}

    class Stepped(Message):
        """The highlighted item changed (n/N)."""

    def __init__(self, text: str, quotes: list[tuple[int, int, int]], current: tuple[str, int, int, int],
                 *, id: str | None = None) -> None:
        """``quotes``: (start, end, statement id) of every statement, in order; ``current``: (type, id, start, end)."""
        super().__init__(id=id)
        # Control characters would move the terminal's cursor: each becomes a space, so offsets still hold.
        self.text = "".join(c if c == "\n" or clean(c) else " " for c in text.replace("\t", " "))
        self.quotes = quotes
        self.current = current
        self.lines: list[tuple[int, int]] = []
        self._width = 0

    def _wrap(self, width: int) -> None:
        if width != self._width:
            self._width = width
            self.lines = wrap_offsets(self.text, width)
            self.virtual_size = Size(width, len(self.lines))

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right([start for start, _ in self.lines], offset) - 1)

    def on_resize(self) -> None:
        self._wrap(max(8, self.scrollable_content_region.width))
        self.reveal_current()

    def reveal_current(self) -> None:
        _, _, start, _ = self.current
        line = self.line_of(start)
        height = max(1, self.scrollable_content_region.height)
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if line >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        start, end = self.lines[line]
        text = Text(self.text[start:end].rstrip("\n"))
        quote_style = self.get_component_rich_style("source--quote")
        for q_start, q_end, _ in self.quotes:
            if q_start < end and q_end > start:
                text.stylize(quote_style, max(0, q_start - start), q_end - start)
        _, _, c_start, c_end = self.current
        if c_start < end and c_end > start:
            text.stylize(self.get_component_rich_style("source--current"), max(0, c_start - start), c_end - start)
        text.truncate(width, pad=True)
        return Strip(text.render(self.app.console, end=""), width).apply_style(self.rich_style)

    def action_step(self, direction: int) -> None:
        _, _, start, _ = self.current
        if direction > 0:
            following = [q for q in self.quotes if q[0] > start]
            target = following[0] if following else None
        else:
            earlier = [q for q in self.quotes if q[0] < start]
            target = earlier[-1] if earlier else None
        if target is None:
            self.notify("No more quotes in this direction.", timeout=2)
            return
        self.current = ("statement", target[2], target[0], target[1])
        self.refresh()
        self.reveal_current()
        self.post_message(self.Stepped())

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + delta, animate=False)

    def action_cite(self, markdown: bool) -> None:
        self.screen.cite(markdown)

    def action_open_url(self) -> None:
        self.screen.open_url()
