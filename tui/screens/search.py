"""Quote search: results as you type, typos forgiven, matched letters highlighted.

Each keystroke starts a search in a thread worker; a newer keystroke cancels it, and a result that
arrives for an older query is dropped, so the list always answers what is in the box.
"""
from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.citation import citation
from store.timeline import QuoteCard, quote_cards
from tui.format import date_label, matched_characters
from tui.sanitize import clean

LIMIT = 20  # about a screenful: the list is rebuilt on every keystroke


class ResultList(OptionList):
    BINDINGS = [
        Binding("v", "screen.open_source", "Source"),
        Binding("y", "screen.cite(False)", "Cite"),
        Binding("Y", "screen.cite(True)", "Cite as Markdown", show=False),
        Binding("slash", "screen.edit_query", "Edit query"),
    ]
    COMPONENT_CLASSES = {"results--match", "results--meta"}


class SearchScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("ctrl+o", "open_source", "Source"),
        Binding("ctrl+y", "cite(False)", "Cite"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0
        self.cards: list[QuoteCard] = []

    def compose(self) -> ComposeResult:
        # Searching again starts from the last search, selected: typing replaces it, an arrow key keeps it.
        yield Input(self.app.last_query, placeholder="a few words of the quote, typos are fine", id="query")
        yield Static("Type to search every quote.", id="search-status", markup=False)
        yield ResultList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    # Searching ----------------------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.generation += 1
        self.app.last_query = event.value
        query = event.value.strip()
        if not query:
            self._show(self.generation, query, [])
            return
        self.run_worker(partial(self._search, query, self.generation), thread=True, exclusive=True,
                        group="search")

    def _search(self, query: str, generation: int) -> None:
        app = self.app
        if not app.has_quote_index():
            app.call_from_thread(self._status, "Building the search index (once per session)…")
        index = app.quote_index()
        if get_current_worker().is_cancelled or generation != self.generation:
            return
        hits = index.search(query, LIMIT)
        cards = quote_cards(app.thread_db(), [hit.statement_id for hit in hits])
        by_id = {hit.statement_id: hit for hit in hits}
        for card in cards:
            hit = by_id[card.statement_id]
            card.matches = _matched(query, hit.text, hit.matches)
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._show, generation, query, cards)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    def _show(self, generation: int, query: str, cards: list[QuoteCard]) -> None:
        if generation != self.generation:
            return  # an older query finished after a newer one started
        self.cards = cards
        results = self.query_one(ResultList)
        results.clear_options()
        match, meta = (results.get_component_rich_style(f"results--{part}") for part in ("match", "meta"))
        results.add_options([Option(_card_text(card, query, match, meta)) for card in cards])
        if cards:
            results.highlighted = 0
            more = "+" if len(cards) == LIMIT else ""
            plural = "s" if len(cards) != 1 else ""
            self._status(f"{len(cards)}{more} quote{plural}, best first · enter: timeline · ctrl+o: source · "
                         "ctrl+y: cite")
        elif query:
            self._status(f"No quotes match {clean(query)!r}.")
        else:
            self._status("Type to search every quote.")

    # What a result can do ---------------------------------------------------------------------------------

    @property
    def chosen(self) -> QuoteCard | None:
        index = self.query_one(ResultList).highlighted
        return self.cards[index] if index is not None and index < len(self.cards) else None

    def action_focus_results(self) -> None:
        if self.cards:
            self.query_one(ResultList).focus()

    def action_edit_query(self) -> None:
        self.query_one("#query", Input).focus()

    def on_input_submitted(self) -> None:
        self._go_to_timeline()

    def on_option_list_option_selected(self) -> None:
        self._go_to_timeline()

    def _go_to_timeline(self) -> None:
        card = self.chosen
        if card is None:
            return
        self.app.pop_screen()
        from tui.screens.timeline import TimelineScreen

        if isinstance(self.app.screen, TimelineScreen):
            self.app.screen.go_to_item("statement", card.statement_id)

    def action_open_source(self) -> None:
        card = self.chosen
        if card is not None:
            from tui.screens.source import open_source

            open_source(self.app, "statement", card.statement_id)

    def action_cite(self, markdown: bool) -> None:
        card = self.chosen
        if card is not None:
            text = citation(self.app.db, "statement", card.statement_id, markdown=markdown)
            if text:
                self.app.copy_text(text, "Citation")


def _matched(query: str, text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matched characters, within the words the search engine matched (all of them if it names none).

    Character offsets hold after ``clean`` because search results are single-line quotes with no
    control characters in practice; a span past the end is skipped when drawing.
    """
    letters = matched_characters(query, text)
    if not words:
        return letters
    inside = [(a, b) for a, b in letters if any(s <= a and b <= e for s, e in words)]
    return inside or list(words)


def _card_text(card: QuoteCard, query: str, match_style, meta_style) -> Text:
    words = clean(card.text)
    if len(words) > 240:
        words = words[:239] + "…"
    quote = Text(f"“{words}”")
    for start, end in card.matches:
        if end <= len(words):
            quote.stylize(match_style, start + 1, end + 1)
    meta = " · ".join(x for x in (
        clean(card.speaker) if card.speaker else "unattributed",
        date_label(card.date, card.date_precision) if card.date else None,
        clean(card.outlet) if card.outlet else None,
        f"{card.outlets} outlets" if card.outlets > 1 else None,
    ) if x)
    return Text.assemble(quote, "\n  ", (meta, meta_style))
