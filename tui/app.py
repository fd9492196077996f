"""The Dateline browser: the chronology, quote search, the source of every line, citations."""
from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.keys import format_key
from textual.screen import Screen

from store import open_db
from store.timeline import count


class DatelineApp(App):
    TITLE = "Dateline"
    CSS_PATH = "dateline.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(self, db_path: Path | str) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.db = open_db(self.db_path)
        self._local = threading.local()
        self._index = None
        self._index_lock = threading.Lock()
        self.last_query = ""

    def on_mount(self) -> None:
        self.call_after_refresh(self._set_aside_startup_objects)

    def _set_aside_startup_objects(self) -> None:
        """Python's full garbage collection walks every object the process holds; with what starting up made
        (Textual, the stylesheet, the date parser) each took 40-60 ms, a hitch on some key every hundred or so.
        Collected once, after the first frame, and set aside (``gc.freeze``), those objects are skipped by the
        collections that follow (10-20 ms)."""
        gc.collect()
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()  # what was set aside can be collected again once the browser has closed

    def get_default_screen(self) -> Screen:
        from tui.screens.empty import EmptyScreen
        from tui.screens.timeline import TimelineScreen

        return TimelineScreen() if count(self.db) else EmptyScreen()

    # Shared resources ---------------------------------------------------------------------------------------

    def thread_db(self):
        """A connection for the calling worker thread (SQLite connections stay in the thread that made them)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_db(self.db_path)
        return db

    def has_quote_index(self) -> bool:
        return self._index is not None

    def quote_index(self):
        """The quote search index, built on first use (in a worker thread) and shared after that."""
        with self._index_lock:
            if self._index is None:
                from store.search import QuoteIndex

                self._index = QuoteIndex.build(self.thread_db())
            return self._index

    def copy_text(self, text: str, what: str) -> None:
        """Put text on the terminal's clipboard (OSC 52, so it works over SSH) and say so."""
        self.copy_to_clipboard(text)
        self.notify(text, title=f"{what} copied", markup=False, timeout=6)

    def over_ssh(self) -> bool:
        return any(os.environ.get(v) for v in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))

    # Actions everywhere ---------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists every action bound where the user is, then the app's own."""
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.action in seen or not active.enabled or binding.action == "command_palette":
                continue
            seen.add(binding.action)
            keys = binding.key_display or format_key(key)
            help_text = f"{binding.tooltip} · key: {keys}" if binding.tooltip else f"key: {keys}"
            yield SystemCommand(binding.description or binding.action, help_text,
                                partial(self._run_bound, active.node, binding.action))
        yield from super().get_system_commands(screen)

    async def _run_bound(self, node, action: str) -> None:
        await self.run_action(action, node)


def run(db_path: Path) -> None:
    DatelineApp(db_path).run()
