"""The source of a row: the article it came from, scrolled to the words, which are highlighted."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from store.citation import citation, long_date
from store.timeline import carried, item_span, source_document, speaker_of
from tui.format import carried_label, first_carried
from tui.sanitize import clean
from tui.widgets.info_bar import InfoBar
from tui.widgets.source_text import SourceText


def open_source(app, item_type: str, item_id: int) -> None:
    """Show an item's source, or say it is gone (a re-import replaced its article while browsing)."""
    if item_span(app.db, item_type, item_id) is None:
        app.notify("This item is no longer in the database (re-imported?).", severity="warning")
        return
    app.push_screen(SourceScreen(item_type, item_id))


class SourceScreen(Screen):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, item_type: str, item_id: int) -> None:
        super().__init__()
        document_id, start, end = item_span(self.app.db, item_type, item_id)
        self.document = source_document(self.app.db, document_id)
        self.quotes = self.document.quotes
        self.start = (item_type, item_id, start, end)

    def compose(self) -> ComposeResult:
        yield InfoBar(id="source-header")
        yield SourceText(self.document.text, self.quotes, self.start, id="source")
        yield InfoBar(id="source-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SourceText).focus()
        self._show_header()
        self._show_status()

    def _show_header(self) -> None:
        d = self.document
        meta = " · ".join(clean(x) for x in (d.outlet, d.author and f"by {d.author}",
                                             long_date(d.published) or "date unknown") if x)
        where = (clean(d.url), "link") if d.url else (f"file: {clean(d.source)}", "quiet")
        self.query_one("#source-header", InfoBar).show(
            [(clean(d.title) or "(untitled)", "strong"), ("\n" + meta, None), ("\n" + where[0], where[1])],
            fixed_height=False)

    def on_source_text_stepped(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        item_type, item_id, _, _ = self.query_one(SourceText).current
        ids = [q[2] for q in self.quotes]
        where = f"quote {ids.index(item_id) + 1} of {len(ids)}" if item_type == "statement" and item_id in ids \
            else f"event · {len(ids)} quotes in this article"
        speaker, travelled = None, ""
        if item_type == "statement":
            speaker = ", ".join(clean(x) for x in speaker_of(self.app.db, item_id) if x) or None
            copies = carried(self.app.db, item_id)
            if copies:  # wire copy: how far the quote went and who ran it first
                first = "this article" if copies.first_statement == item_id else \
                    clean(first_carried(copies.first_outlet, copies.first_published))
                travelled = f" · {carried_label(copies.copies, copies.outlets)}, first: {first}"
        self.query_one("#source-status", InfoBar).show(
            [(f" {where}" + (f" · {speaker}" if speaker else "") + travelled, None)])

    def cite(self, markdown: bool) -> None:
        item_type, item_id, _, _ = self.query_one(SourceText).current
        text = citation(self.app.db, item_type, item_id, markdown=markdown)
        if text:
            self.app.copy_text(text, "Citation")

    def open_url(self) -> None:
        url = self.document.url
        if not url:
            self.notify("This article has no URL.", severity="warning")
            return
        if self.app.over_ssh() or not _has_gui():
            self.app.copy_text(url, "URL")
        else:
            import webbrowser

            opened = False
            try:
                opened = webbrowser.open(url)
            except Exception:  # no browser here: the clipboard still works
                opened = False
            if opened:
                self.notify(url, title="Opening", markup=False)
            else:
                self.app.copy_text(url, "URL")


def _has_gui() -> bool:
    """Whether a web browser can open without taking over this terminal (no text browsers here)."""
    import os
    import sys

    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
