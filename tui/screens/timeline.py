"""The main screen: the chronology, its filters in a header line, and what a row can do.

Copies of a quote carried by several outlets are folded into one row by default; ``C`` shows every copy
at its own date (and folds them again).
"""
from __future__ import annotations

import sqlite3
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from store import marks
from store.citation import citation
from store.timeline import Filters, View, position_of
from tui.format import carried_label, first_carried
from tui.sanitize import clean
from tui.widgets.info_bar import InfoBar
from tui.widgets.timeline_view import TimelineView


class TimelineScreen(Screen):
    BINDINGS = [
        Binding("slash", "search", "Search", tooltip="Search quotes (typos forgiven)"),
        Binding("d", "jump", "Date", tooltip="Jump to a date: 2023-04-16, April 2023, 2014"),
        Binding("f", "filters", "Filter", tooltip="Filter by dates, speaker, outlet, kind, star, tag"),
        Binding("S", "starred", "Starred", show=False, tooltip="Only starred rows (again: all)"),
        Binding("C", "all_copies", "All copies", show=False,
                tooltip="Every outlet's copy of a quote at its own date (again: one row per quote)"),
        Binding("e", "export", "Export", tooltip="Export what is shown to Markdown, CSV or JSON"),
        Binding("escape", "clear_filters", "Clear filters", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.collapse = True  # a quote carried by several outlets is one row
        self.busy: str | None = None

    def compose(self) -> ComposeResult:
        yield InfoBar(id="status")
        yield TimelineView(self.app.db, View(self.app.db), id="timeline")
        yield Footer()

    @property
    def timeline(self) -> TimelineView:
        return self.query_one(TimelineView)

    def on_mount(self) -> None:
        self.timeline.focus()
        self.watch(self.timeline, "cursor", self._show_status, init=False)
        self._show_status()

    # The header line --------------------------------------------------------------------------------------

    def _show_status(self) -> None:
        view = self.timeline.view
        parts: list[tuple[str, str | None]] = [(" Dateline ", "badge")]
        if self.busy:
            parts.append((f"  {self.busy}", "quiet"))
        elif view.filters.active():
            parts.append((f"  {view.length:,} of {view.total:,}  ", None))
            parts.append((clean(" · ".join(view.filters.describe())), "strong"))
        else:
            parts.append((f"  {view.length:,} items", None))
            if view.folded:
                parts.append((f", {view.folded:,} folded", "quiet"))  # copies of quotes, under one row each
        if view.length and not self.busy:
            row = self.timeline.current
            if row is not None and row.carried:  # before the row number: what is cut at 80 columns is the least
                parts.append((f"   {carried_label(row.copies, row.outlets)}, first: ", None))
                parts.append((clean(first_carried(row.first_outlet, row.first_published)), "strong"))
            parts.append((f"   row {self.timeline.cursor + 1:,}", "quiet"))
        self.query_one("#status", InfoBar).show(parts)

    # Filters ------------------------------------------------------------------------------------------------

    def apply_filters(self, filters: Filters, position: int | None = None) -> None:
        """Show the chronology with these filters, staying at the same item (or the next one shown)."""
        if position is None:
            current = self.timeline.current
            position = current.position if current else 1
        self.filters = filters
        self.busy = "filtering…"
        self._show_status()
        self.run_worker(partial(self._build_view, filters, self.collapse, position), thread=True, exclusive=True,
                        group="view")

    def _build_view(self, filters: Filters, collapse: bool, position: int) -> None:
        view = View(self.app.thread_db(), filters, collapse)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_view, view, position)

    def _show_view(self, view: View, position: int) -> None:
        if view.filters != self.filters or view.collapse != self.collapse:
            return  # a newer view is on its way
        self.busy = None
        self.timeline.set_view(view, view.row_near_position(self.app.db, position))
        self._show_status()
        if not view.length:
            self.notify("Nothing matches these filters. Escape clears them.", severity="warning")

    def action_filters(self) -> None:
        from tui.screens.filters import FilterScreen

        self.app.push_screen(FilterScreen(self.filters), self._filters_chosen)

    def _filters_chosen(self, filters: Filters | None) -> None:
        if filters is not None and filters != self.filters:
            self.apply_filters(filters)

    def action_clear_filters(self) -> None:
        if self.filters.active():
            self.apply_filters(Filters())

    def action_starred(self) -> None:
        self.apply_filters(_replace(self.filters, starred=not self.filters.starred))

    def action_all_copies(self) -> None:
        self.collapse = not self.collapse
        self.notify("One row per quote: c opens a row's copies" if self.collapse
                    else "Every copy at its own date", timeout=2)
        self.apply_filters(self.filters)

    # Moving -------------------------------------------------------------------------------------------------

    def action_jump(self) -> None:
        from tui.screens.prompts import JumpPrompt

        self.app.push_screen(JumpPrompt(), self._jump)

    def _jump(self, date: str | None) -> None:
        if not date:
            return
        row = self.timeline.view.row_on_or_after(date)
        if row is None:
            self.notify(f"Nothing dated on or after {date}.", severity="warning", markup=False)
            return
        self.timeline.go_to(row, center=True)

    def go_to_item(self, item_type: str, item_id: int) -> None:
        """Put the cursor on an item, clearing the filters if they hide it."""
        position = position_of(self.app.db, item_type, item_id)
        if position is None:
            return
        view = self.timeline.view
        length = view.length
        row = view.reveal(self.app.db, position)  # a folded copy: its cluster's row opens
        if row is None:
            self.apply_filters(Filters(), position)
        elif view.length != length:
            self.timeline.relayout(row, center=True)
        else:
            self.timeline.go_to(row, center=True)

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    # What a row can do ------------------------------------------------------------------------------------

    def on_timeline_view_row_action(self, message: TimelineView.RowAction) -> None:
        row, db = message.row, self.app.db
        if message.action == "open_source":
            from tui.screens.source import open_source

            open_source(self.app, row.item_type, row.item_id)
        elif message.action in ("cite", "cite_markdown"):
            text = citation(db, row.item_type, row.item_id, markdown=message.action == "cite_markdown")
            if text:
                self.app.copy_text(text, "Citation")
        elif message.action == "only_speaker":
            if not row.speaker:
                self.notify("This row has no speaker.", severity="warning")
                return
            same = self.filters.speaker == row.speaker
            self.apply_filters(_replace(self.filters, speaker=None if same else row.speaker))
        elif message.action == "star":
            self._save_mark(partial(marks.toggle_star, item_type=row.item_type, item_id=row.item_id), "star")
        elif message.action == "tag":
            from tui.screens.prompts import TagPrompt

            current = ", ".join(marks.tags(db, row.item_type, row.item_id))
            self.app.push_screen(TagPrompt(current), partial(self._tagged, row.item_type, row.item_id))

    def _tagged(self, item_type: str, item_id: int, text: str | None) -> None:
        if text is not None:
            self._save_mark(partial(marks.set_tags, item_type=item_type, item_id=item_id,
                                    new_tags=text.split(",")), "tags")

    def _save_mark(self, write, what: str) -> None:
        """Stars and tags are written from a worker: an import holds the database's write lock for moments
        at a time, and the screen must not freeze while the write waits for it."""
        self.run_worker(partial(self._write_mark, write, what), thread=True, group="marks")

    def _write_mark(self, write, what: str) -> None:
        try:
            result = write(self.app.thread_db())
        except sqlite3.OperationalError as exc:
            self.app.call_from_thread(
                self.notify, f"The {what} was not saved: the database is busy ({exc}). An import may be "
                "running; try again in a moment.", severity="error", markup=False)
            return
        self.app.call_from_thread(self._marked, what, result)

    def _marked(self, what: str, result) -> None:
        self.timeline.forget_rows()
        if what == "star":
            self.notify("Starred" if result else "Star removed", timeout=2)

    def action_export(self) -> None:
        from tui.screens.prompts import ExportPrompt

        self.app.push_screen(ExportPrompt(), self._export)

    def _export(self, choice: tuple[str, str] | None) -> None:
        if choice:
            self.run_worker(partial(self._write_export, *choice), thread=True, group="export")

    def _write_export(self, fmt: str, path: str) -> None:
        from tui.export_view import export_view

        try:
            n = export_view(self.app.thread_db(), self.timeline.view, fmt, path)
        except OSError as exc:
            self.app.notify(f"Cannot write {path}: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.app.notify(f"Wrote {n:,} rows to {path}", markup=False)


def _replace(filters: Filters, **changes) -> Filters:
    from dataclasses import replace

    return replace(filters, **changes)
