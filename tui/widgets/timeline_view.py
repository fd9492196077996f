"""The chronology as one Line-API widget: only the lines on screen are read from SQLite and drawn.

A ``store.timeline.View`` says which rows there are and where each date begins; this widget lays the
year / month / day headings between them, keeps a cursor on a row, and reads rows a page at a time
through a small cache. Nothing here grows with the number of rows but the date boundaries.

A quote carried by several outlets shows as one row ("▸ 3 outlets"); ``c`` opens it, its other copies
indented under it ("▾"), and closes it again from any of them.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from math import ceil
from operator import add

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from store.timeline import TimelineRow, View
from tui.format import carried_label, date_label, heading_label, heading_levels
from tui.sanitize import clean
from tui.widgets.drawing import background_style, plain_lines

PAGE = 16  # rows read at once: half a screenful, so a far jump reads little more than it shows
CACHED_PAGES = 96
# Lines kept drawn: some screenfuls, so a scroll back draws nothing again. Each holds what Textual made from
# it (its cuts, its escape codes); 6,000 of them made Python's full garbage collections twice as long.
CACHED_LINES = 512
MARKERS = {"statement": "»", "phrase": "·", "event": "•"}


class LineMap:
    """Where each heading and row sits among the display lines of a view.

    Only the number of headings per date run is worked out up front (string prefix tests); their labels
    are made when a heading is drawn.
    """

    def __init__(self, view: View, same_dates: LineMap | None = None) -> None:
        """``same_dates``: the map of a view with the same date runs (only rows opened or folded since),
        whose headings are reused."""
        self.view = view
        if same_dates is not None:
            self.counts, self.before, self._headings_above, self._runs_opening = \
                same_dates.counts, same_dates.before, same_dates._headings_above, same_dates._runs_opening
        else:
            self.counts = array("b")  # headings opening each date run
            self.before = array("q")  # heading lines up to and including each run
            self._headings_above = array("q")  # heading lines before each run's own
            # Runs that open a year (the undated section counts as one) or a month: found in this pass,
            # where a first `]` that looked them up went through every date again (7 ms at a million rows).
            self._runs_opening = {"year": array("q"), "month": array("q")}
            years, months = self._runs_opening["year"], self._runs_opening["month"]
            total, previous = 0, object()
            for run, date in enumerate(view.dates):
                levels = heading_levels(previous, date)
                previous = date
                n = len(levels)
                if n and levels[0] != "day":  # "year", "undated" or "month" comes first when there is one
                    months.append(run)
                    if levels[0] != "month":
                        years.append(run)
                self.counts.append(n)
                self._headings_above.append(total)
                total += n
                self.before.append(total)
        # Display line of the first heading of each run.
        self.first_line = array("q", map(add, view.starts, self._headings_above))
        self.lines = view.length + (self.before[-1] if self.before else 0)
        self._starts_by_level: dict[str, list[int]] = {}

    def run_of_row(self, row: int) -> int:
        return bisect_right(self.view.starts, row) - 1

    def line_of_row(self, row: int) -> int:
        run = self.run_of_row(row)
        return row + (self.before[run] if run >= 0 else 0)

    def at_line(self, line: int) -> tuple[str, str] | int:
        """The heading (level, label) or the row number shown on a display line."""
        run = bisect_right(self.first_line, line) - 1
        if run < 0:
            return line
        offset = line - self.first_line[run]
        if offset < self.counts[run]:
            previous = self.view.dates[run - 1] if run > 0 else object()
            date = self.view.dates[run]
            level = heading_levels(previous, date)[offset]
            return level, heading_label(level, date)
        return line - self.before[run]

    def run_starts(self, level: str) -> list[int]:
        """Rows that open a heading of ``level`` ("year" or "month"), the undated section included."""
        if level not in self._starts_by_level:
            starts = self.view.starts
            self._starts_by_level[level] = [starts[run] for run in self._runs_opening[level]]
        return self._starts_by_level[level]


class ThumbScrollBar(ScrollBar):
    """Textual's scrollbar, repainted only when its thumb moves on screen, and drawn without Rich.

    Every scroll sets the bar's position, and Textual redraws the whole bar for it (a third of the CPU of a
    page down). Over a million rows a page moves the thumb by a few thousandths of a cell: the bar drawn
    is the same, so it is not drawn again. When the thumb does move (a month or a year on), Textual's
    drawing renders the bar through a Rich console: 1 ms a move; its cells are made here directly, as
    Textual would make them (the bar's segments over the widget's own style), in a tenth of that.
    """

    position: Reactive[float] = Reactive(0.0, repaint=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lines: tuple[Size, list[Strip]] | None = None
        # The lines as last handed to the compositor, which asks for them every frame (the bar sits within the
        # region every key repaints), with what they were made for.
        self._drawn: tuple[tuple, list[Strip]] | None = None
        self._last_thumb: tuple[tuple, list] | None = None

    def watch_position(self, old: float, new: float) -> None:
        if self._thumb(old) != self._thumb(new):
            self.refresh()

    def _thumb(self, position: float) -> list:
        # The bar at the position before a scroll is the one worked out for the scroll before.
        made_for = (position, self.size.height, self.window_virtual_size, self.window_size, self.thickness)
        if self._last_thumb is not None and self._last_thumb[0] == made_for:
            return self._last_thumb[1]
        window = self.window_size if self.window_size < self.window_virtual_size else 0
        segments = self.renderer.render_bar(size=self.size.height, virtual_size=ceil(self.window_virtual_size),
                                            window_size=ceil(window), position=position,
                                            thickness=self.thickness, vertical=True).segments
        self._last_thumb = made_for, segments
        return segments

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> ThumbScrollBar:
        if repaint:
            self._lines = self._drawn = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = self._drawn = None

    def render_lines(self, crop: Region) -> list[Strip]:
        made_for = (crop, self.size, *self.get_line_filters())
        if self._drawn is not None and self._drawn[0] == made_for:
            return self._drawn[1]
        strips = plain_lines(self, crop, self.render_line)
        if strips is None:
            return super().render_lines(crop)
        self._drawn = made_for, strips
        return strips

    def render_line(self, y: int) -> Strip:
        size = self.size
        if self._lines is None or self._lines[0] != size:
            self._lines = size, self._draw(size)
        lines = self._lines[1]
        return lines[y] if y < len(lines) else Strip.blank(size.width, self.visual_style.rich_style)

    def _draw(self, size: Size) -> list[Strip]:
        """What ``ScrollBarRender`` yields for this bar (one segment a line), each over the widget's style."""
        bar = self.render()
        style = bar.style if isinstance(bar.style, Style) else Style.parse(bar.style)
        segments = bar.render_bar(size=size.height, virtual_size=bar.virtual_size, window_size=bar.window_size,
                                  position=bar.position, thickness=size.width, vertical=True,
                                  back_color=style.bgcolor or RichColor.parse("#555555"),
                                  bar_color=style.color or RichColor.parse("bright_magenta")).segments
        base = self.visual_style.rich_style
        return [Strip([Segment(segment.text, base + segment.style)], size.width) for segment in segments]


class TimelineView(ScrollView, can_focus=True):
    """Every event and statement in date order; j/k to move, enter to open the source."""

    # The row under the cursor. Watched rather than announced by a message: a watcher runs at once, so the
    # screen's header changes in the same frame as the rows (a message arrived after it: two frames a key).
    # Set again to the same row when the rows around it changed (copies opened): the header follows too.
    cursor: reactive[int] = reactive(0, repaint=False, always_update=True)

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("]", "heading(1, 'month')", "Next month", show=False),
        Binding("[", "heading(-1, 'month')", "Previous month", show=False),
        Binding("}", "heading(1, 'year')", "Next year", show=False),
        Binding("{", "heading(-1, 'year')", "Previous year", show=False),
        Binding("enter", "open_source", "Source", tooltip="Open the article at this line, highlighted"),
        Binding("y", "cite(False)", "Cite", tooltip="Copy a citation (OSC 52 clipboard, works over SSH)"),
        Binding("Y", "cite(True)", "Cite as Markdown", show=False),
        Binding("s", "only_speaker", "Speaker", show=False, tooltip="Only this speaker (again: everyone)"),
        Binding("*", "star", "Star", show=False, tooltip="Star or unstar this row"),
        Binding("t", "tag", "Tag", show=False, tooltip="Tag this row"),
        Binding("c", "copies", "Copies", show=False,
                tooltip="Open or fold the other outlets' copies of this quote (▸ 3 outlets)"),
    ]

    COMPONENT_CLASSES = {
        "timeline--year", "timeline--month", "timeline--day", "timeline--undated", "timeline--cursor",
        "timeline--date", "timeline--marker", "timeline--speaker", "timeline--outlet", "timeline--star",
        "timeline--count", "timeline--tags",
    }

    class RowAction(Message):
        """A row action the screen carries out: open_source, cite, cite_markdown, only_speaker, star, tag."""

        def __init__(self, action: str, row: TimelineRow) -> None:
            super().__init__()
            self.action, self.row = action, row

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own property, making a ThumbScrollBar instead of a ScrollBar."""
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = ThumbScrollBar(vertical=True, name="vertical",
                                                      thickness=self.scrollbar_size_vertical)
            self._vertical_scrollbar.display = False
            self.app._start_widget(self, self._vertical_scrollbar)
        return self._vertical_scrollbar

    def __init__(self, db, view: View, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db = db
        self.cursor = 0
        self._pages: OrderedDict[int, list[TimelineRow]] = OrderedDict()
        self._styles: dict[bool, dict[str, Style]] = {False: {}, True: {}}  # by under_cursor, then component
        self._strips: dict[tuple, Strip] = {}
        # While a frame is drawn: the lines' width, the top line, the cursor, the widget's width, the padding.
        self._frame: tuple[int, int, int, int, Style] | None = None
        self.set_view(view)

    # The data ---------------------------------------------------------------------------------------------

    def set_view(self, view: View, row: int = 0) -> None:
        self.view = view
        self.line_map = LineMap(view)
        self._pages.clear()
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self.line_map.lines)
        self.cursor = max(0, min(row, view.length - 1))
        if self.is_mounted:
            self.call_after_refresh(self._reveal_cursor, True)
        self.refresh()

    def forget_rows(self, first: int = 0) -> None:
        """Drop cached rows from row ``first`` on (a star or tag changed what they show, or copies opened or
        folded there moved every row after it) and redraw the lines from there down."""
        if first <= 0:
            self._pages.clear()
            self._strips.clear()
            self.refresh()
            return
        for number in [n for n in self._pages if (n + 1) * PAGE > first]:
            del self._pages[number]
        for key in [key for key in self._strips if isinstance(key[0], int) and key[0] >= first]:
            del self._strips[key]
        line = max(self.line_map.line_of_row(first), self.scroll_offset.y)
        self.refresh_lines(line, self.scroll_offset.y + self.size.height - line)

    def relayout(self, row: int, center: bool = False, through: int | None = None, changed_from: int = 0) -> None:
        """The view's rows moved from row ``changed_from`` on (a cluster opened or closed): lay the lines out
        again, keep the scroll, and bring rows up to ``through`` (the copies just opened) on screen below the
        cursor."""
        self.line_map = LineMap(self.view, same_dates=self.line_map)
        size = Size(self.size.width, self.line_map.lines)
        if self.show_vertical_scrollbar and size.height > self.scrollable_content_region.height:
            # The scrollbar stays: only it changes, as Textual does it when it lays out (a layout of the
            # screen redrew every widget in a frame of its own, a third of opening a quote's copies).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size
        self.forget_rows(changed_from)
        self.go_to(row, center)
        if through is not None and through > row:
            last = self.line_map.line_of_row(min(through, self.view.length - 1))
            height = max(1, self.scrollable_content_region.height)
            if last >= self.scroll_offset.y + height:
                top = min(self.line_map.line_of_row(row), last - height + 1)
                self.scroll_to(y=top, animate=False, immediate=True)

    def row(self, index: int) -> TimelineRow | None:
        if not 0 <= index < self.view.length:
            return None
        number = index // PAGE
        rows = self._pages.get(number)
        if rows is None:
            rows = self.view.rows(self.db, number * PAGE, PAGE)
            self._pages[number] = rows
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = index - number * PAGE
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> TimelineRow | None:
        return self.row(self.cursor)

    # Drawing ----------------------------------------------------------------------------------------------

    def _style(self, name: str, under_cursor: bool = False) -> Style:
        """A component's style over the widget's own ("base": the widget's alone), and under the cursor the
        cursor's over both: combined once per style change, so a line is built with its final styles."""
        style = self._styles[under_cursor].get(name)
        if style is None:
            style = self.rich_style
            if name != "base":
                style += self.get_component_rich_style(name)
            if under_cursor:
                style = self.get_component_rich_style("timeline--cursor") + style
            self._styles[under_cursor][name] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {False: {}, True: {}}
        self._strips.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.line_map.lines)
        self._reveal_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Within a frame, what every line needs is worked out once (Textual computes each anew: 8 of the
        # 10 microseconds of a line already drawn).
        # A new line is made as wide as the widget, the cell under the scrollbar included, padded as Textual
        # pads it: Textual has nothing left to add to it.
        base_background, background = self.background_colors
        self._frame = (self.scrollable_content_region.width, self.scroll_offset.y, self.cursor,
                       self.content_region.width, background_style(base_background + background))
        try:
            strips = plain_lines(self, crop, self.render_line)
        finally:
            self._frame = None
        return super().render_lines(crop) if strips is None else strips

    def render_line(self, y: int) -> Strip:
        width, top, cursor, full, _ = self._frame or (self.scrollable_content_region.width, self.scroll_offset.y,
                                                      self.cursor, 0, None)
        line = top + y
        if not self.view.length and line == 1:
            return self._strip([(_fit("  Nothing here matches these filters: escape clears them, f changes them.",
                                      width), "timeline--day")], width)
        if line >= self.line_map.lines:
            return Strip.blank(width, self._style("base"))
        item = self.line_map.at_line(line)
        under_cursor = item == cursor
        key = (item, width, full, under_cursor)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        if isinstance(item, tuple):
            strip = self._heading(*item, width)
        else:
            row = self.row(item)
            if row is None:
                return Strip.blank(width, self._style("base"))
            strip = self._row(row, width, under_cursor)
        # Scrolling by a line redraws every line; the lines already drawn come from here.
        if len(self._strips) > CACHED_LINES:
            self._strips.clear()
        self._strips[key] = strip
        return strip

    def _strip(self, parts: list[tuple[str, str]], width: int, under_cursor: bool = False,
               length: int | None = None) -> Strip:
        """A line from (text, component) parts, each already fitted to its cells, cut or padded to ``width``;
        ``length``: their cells, when the caller has counted them."""
        styles = self._styles[under_cursor]
        segments = [Segment(text, styles.get(name) or self._style(name, under_cursor)) for text, name in parts if text]
        if length is None:
            length = sum(map(_cells, (text for text, _ in parts)))
        if length > width:
            segments = list(Strip(segments, length).adjust_cell_length(width))
        elif length < width:
            segments.append(Segment(" " * (width - length), styles.get("base") or self._style("base", under_cursor)))
        _, _, _, full, pad = self._frame or (0, 0, 0, width, None)
        if full > width:  # the cell under the scrollbar, as Textual would pad it
            segments.append(Segment(" " * (full - width), pad))
        return Strip(segments, max(full, width))

    def _heading(self, level: str, label: str, width: int) -> Strip:
        if level in ("year", "undated"):
            text = f"── {label} " + "─" * width
        elif level == "month":
            text = f"  {label}"
        else:
            text = f"    {label}"
        return self._strip([(_fit(text, width, ellipsis=False), f"timeline--{level}")], width)

    def _row(self, row: TimelineRow, width: int, under_cursor: bool = False) -> Strip:
        # The quote gets what the speaker and outlet columns leave: they grow a little with the terminal.
        who_width = max(12, min(24, width // 7))
        outlet_width = max(12, min(24, width // 6))
        kind = row.kind if row.item_type == "statement" else "event"
        words = clean(row.text)
        if row.item_type == "statement":
            words = f"“{words}”"
        if row.nested:  # a copy opened under its cluster's row
            words = "└ " + words
        speaker = clean(row.speaker) if row.speaker else ("—" if row.item_type == "statement" else "")
        head = [
            # The cursor shows as a pointer too, not only in reverse: plain captures and odd terminals keep it.
            (f"{date_label(row.date, row.date_precision):<10}" + ("►" if under_cursor else " "), "timeline--date"),
            (MARKERS.get(kind or "statement", "»"), "timeline--marker"),
            ("*" if row.starred else " ", "timeline--star"),
            (" ", "base"),
            (_fit(speaker, who_width) + " ", "timeline--speaker"),
        ]
        tail = []
        if row.carried and not row.nested:
            label = carried_label(row.copies, row.outlets)
            if self.view.collapse:  # the row stands for its copies: say whether they are shown
                label = ("▾ " if self.view.is_open(row.position) else "▸ ") + label
            tail.append((" " + label, "timeline--count"))
        if row.tags:
            tail.append((" " + " ".join(f"#{clean(t)}" for t in row.tags.split(",")), "timeline--tags"))
        tail.append((" " + _fit(clean(row.outlet) or "", outlet_width), "timeline--outlet"))
        used = sum(_cells(text) for text, _ in head + tail)
        body_width = max(4, width - used)
        return self._strip(head + [(_fit(words, body_width), "base")] + tail, width, under_cursor, used + body_width)

    # Moving -----------------------------------------------------------------------------------------------

    def _reveal_cursor(self, center: bool = False) -> None:
        if not self.view.length:
            return
        line = self.line_map.line_of_row(self.cursor)
        # Keep the headings right above the cursor row on screen with it.
        top = line
        while top > 0 and isinstance(self.line_map.at_line(top - 1), tuple):
            top -= 1
        height = max(1, self.scrollable_content_region.height)
        if center:
            self.scroll_to(y=max(0, top - height // 3), animate=False, immediate=True)
        elif top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif line >= self.scroll_offset.y + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    def go_to(self, index: int, center: bool = False) -> None:
        if not self.view.length:
            return
        old = self.cursor
        self.cursor = max(0, min(index, self.view.length - 1))
        self._refresh_row(old)
        self._refresh_row(self.cursor)
        self._reveal_cursor(center)

    def _refresh_row(self, index: int) -> None:
        line = self.line_map.line_of_row(index) - self.scroll_offset.y
        if 0 <= line < self.size.height:
            self.refresh_line(line + self.scroll_offset.y)

    def action_move(self, delta: int) -> None:
        self.go_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        target_line = self.line_map.line_of_row(self.cursor) + direction * (height - 1)
        target_line = max(0, min(target_line, self.line_map.lines - 1))
        item = self.line_map.at_line(target_line)
        while isinstance(item, tuple) and target_line < self.line_map.lines - 1:
            target_line += 1
            item = self.line_map.at_line(target_line)
        if isinstance(item, int):
            self.scroll_to(y=max(0, self.scroll_offset.y + direction * (height - 1)), animate=False,
                           immediate=True)
            self.go_to(item)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        self.go_to(0)

    def action_bottom(self) -> None:
        self.go_to(self.view.length - 1)

    def action_heading(self, direction: int, level: str) -> None:
        starts = self.line_map.run_starts(level)
        if direction > 0:
            n = bisect_right(starts, self.cursor)
            target = starts[n] if n < len(starts) else None
        else:
            # The start of this heading's run, or of the one before when already there.
            n = bisect_left(starts, self.cursor)
            target = starts[n - 1] if n > 0 else 0
        if target is not None:
            self.go_to(target, center=True)

    # Row actions: the screen knows the database writes and the other screens ----------------------------------

    def _row_action(self, action: str) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.RowAction(action, row))

    def action_open_source(self) -> None:
        self._row_action("open_source")

    def action_cite(self, markdown: bool) -> None:
        self._row_action("cite_markdown" if markdown else "cite")

    def action_only_speaker(self) -> None:
        self._row_action("only_speaker")

    def action_star(self) -> None:
        self._row_action("star")

    def action_tag(self) -> None:
        self._row_action("tag")

    def action_copies(self) -> None:
        row = self.current
        if row is None:
            return
        if not self.view.collapse:
            self.notify("Every copy is shown at its own date: C folds them into one row each.", timeout=3)
            return
        length = self.view.length
        target = self.view.toggle_copies(self.db, self.cursor)
        if target is None:
            self.notify("Only this article carries this quote.", timeout=2)
            return
        # Rows above the one opened or folded keep their places: only the lines from it down are read again.
        self.relayout(target, through=target + self.view.length - length, changed_from=target)


# Characters rich measures one cell wide: ASCII, Latin, Latin Extended Additional, general punctuation (curly
# quotes, dashes, the ellipsis), box drawing and shapes (the headings' rules, the markers). A text made only
# of these is measured by its length and cut by slicing, not grapheme by grapheme (every quote row has curly
# quotes: that was most of drawing a new row).
_NARROW = frozenset(c for c in map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x370), *range(0x1E00, 0x1F00),
                                        *range(0x2010, 0x2028), *range(0x2030, 0x205F), *range(0x2500, 0x2600)])
                    if get_character_cell_size(c) == 1)


def _cells(text: str) -> int:
    return len(text) if _NARROW.issuperset(text) else cell_len(text)


def _fit(text: str, width: int, ellipsis: bool = True) -> str:
    """``text`` cut (with an ellipsis unless told not to) or padded to exactly ``width`` cells."""
    if len(text) > 2 * width:  # no character is wider than two cells: measure only what can show
        text = text[: 2 * width]
    if _NARROW.issuperset(text):  # one cell a character
        if len(text) > width:
            text = text[: max(0, width - 1)] + "…" if ellipsis else text[:width]
        return text + " " * (width - len(text))
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…" if ellipsis else set_cell_size(text, width)
    return text + " " * (width - cell_len(text))
