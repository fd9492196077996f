"""Drawing a Line-API widget's lines for the compositor more cheaply than Textual's general path does."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget


def plain_lines(widget: Widget, crop: Region, render_line: Callable[[int], Strip]) -> list[Strip] | None:
    """A widget's lines as Textual draws them when it has no border, padding, outline, tint or opacity (else
    None), without Textual's general path: that wrapped every line in two new strips (a copy, then the terminal
    colours' filter applied to the copy), two thirds of drawing a screen of new rows. Here the filter runs on
    the line itself, and Textual's strips cache what is made from them (the padding under the scrollbar, the
    filtered line, the compositor's cuts and escape codes): a line drawn again, after a scroll by one row or
    a move back, costs lookups only."""
    styles = widget.styles
    if styles.gutter or styles.tint.a or styles.text_opacity != 1 or styles.has_rule("hatch") \
            or any(edge for edge, _ in styles.outline) or widget.opacity != 1:
        return None
    width, content_width = widget.size.width, widget.content_region.width
    base_background, background = widget.background_colors
    pad = background_style(base_background + background)
    filters = widget.get_line_filters()
    strips = []
    for y in crop.line_range:
        strip = render_line(y).adjust_cell_length(content_width, pad)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        strips.append(strip)
    x1, x2 = crop.column_span
    if (x1, x2) != (0, width):
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips


@lru_cache(maxsize=16)
def background_style(color: Color) -> Style:
    """What Textual pads a line with: the background alone."""
    return TextualStyle(background=color).rich_style
