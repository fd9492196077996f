"""How the browser holds up on big databases: first paint, time per key, memory. Prints figures.

    .venv/bin/python benchmarks/tui_bench.py                 # generates 100k and 1M databases in /tmp
    .venv/bin/python benchmarks/tui_bench.py /path/to/a.db   # or measures the databases given

Each database is measured in a fresh process (so its peak memory is its own), headless at 100x30:
- first paint: from creating the app (modules already imported) until the timeline has drawn the last
  line of its first frame; the import time of the app's modules is printed beside it;
- per key: CPU time of the process from a key press until it is idle again (the binding, the SQLite
  page reads, the repaint, and the escape codes a terminal would be sent: headless, Textual skips making
  them, so the benchmark makes them itself), for scrolling, paging, month/year jumps, top/bottom, a date
  jump, and opening and folding the copies of a quote carried by several outlets (c); the pilot's own
  cost is in every figure too (see "a key bound to nothing");
- a full repaint: drawing every line of the timeline once;
- peak resident memory of the process while browsing, then after searching (the quote index open);
- search in the app: wall time from a keystroke to its results on screen, for a query with a typo.
Targets (the browser issue): first paint <= 0.5 s, <= 16 ms a key, <= 150 MB.
"""
from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

KEYS = ["j"] * 40 + ["k"] * 10 + ["pagedown"] * 20 + ["pageup"] * 5 + ["]"] * 10 + ["}"] * 5 + ["["] * 5 + \
       ["G", "g", "G", "g"]


async def _measure(db_path: str) -> dict:
    started = time.perf_counter()
    from tui.app import DatelineApp
    from tui.widgets.timeline_view import TimelineView

    imported = time.perf_counter() - started
    # First paint: when the timeline has drawn the last line of its first frame. The hook only records.
    painted: list[float] = []
    draw = TimelineView.render_line

    def recording_render_line(self, y):
        strip = draw(self, y)
        if y == self.size.height - 1 and not painted:
            painted.append(time.perf_counter())
        return strip

    TimelineView.render_line = recording_render_line
    # Headless, Textual draws each frame but does not turn it into the escape codes a terminal is sent:
    # make them here, so a key costs what it costs in a terminal.
    display = DatelineApp._display

    def encoding_display(self, screen, renderable):
        if renderable is not None:
            renderable.render_segments(self.console)
        return display(self, screen, renderable)

    DatelineApp._display = encoding_display
    started = time.perf_counter()
    app = DatelineApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first_paint = painted[0] - started
        view = app.screen.query_one(TimelineView)
        assert view.view.length > 0
        # Per key: the CPU the process spends from the key press until it is idle again (the binding,
        # the SQLite page reads, the repaint). Wall time would mostly measure the pilot's idle polling.
        timings: dict[str, list[float]] = {}
        floor = []
        for _ in range(20):  # a key bound to nothing: what Textual and the pilot cost on their own
            t = time.process_time()
            await pilot.press("x")
            floor.append(time.process_time() - t)
        for key in KEYS:
            t = time.process_time()
            await pilot.press(key)
            timings.setdefault(key, []).append(time.process_time() - t)
        await pilot.press("d", *"2013-06-01")
        t = time.process_time()
        await pilot.press("enter")
        timings["date jump (enter)"] = [time.process_time() - t]
        landed = view.current.date
        # Open and fold the copies of the next quote several outlets carried (the row lay-out is redone).
        for _ in range(200):
            if view.current.carried:
                break
            await pilot.press("j")
        if view.current.carried:
            for _ in range(5):
                for _ in range(2):
                    t = time.process_time()
                    await pilot.press("c")
                    timings.setdefault("c (copies open/fold)", []).append(time.process_time() - t)
        view.forget_rows()
        t = time.perf_counter()
        for y in range(view.size.height):
            view.render_line(y)
        repaint = time.perf_counter() - t
        rss_before_search = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # Search in the app: the first query opens the index; then each keystroke of a typo'd query, timed
        # from the key to the results on screen (the worker and the list update).
        await pilot.press("slash")
        search_ms = []
        for n, char in enumerate("hegemonic bulying"):
            t = time.perf_counter()
            await pilot.press(char)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if n:  # the first key also opens the index
                search_ms.append((time.perf_counter() - t) * 1000)
        found = app.screen.cards[0].text if app.screen.cards else None
    every = [x for xs in timings.values() for x in xs]
    return {
        "rows": view.view.length,
        "import_s": round(imported, 3),
        "first_paint_s": round(first_paint, 3),
        "key_ms_median": round(statistics.median(every) * 1000, 2),
        "key_ms_p95": round(sorted(every)[int(len(every) * 0.95) - 1] * 1000, 2),
        "key_ms_max": round(max(every) * 1000, 2),
        "per_key_ms": {k: round(statistics.median(v) * 1000, 2) for k, v in timings.items()},
        "per_key_p95_ms": {k: round(sorted(v)[max(0, int(len(v) * 0.95) - 1)] * 1000, 2)
                           for k, v in timings.items() if len(v) > 1},
        "unbound_key_ms": round(statistics.median(floor) * 1000, 2),
        "cold_repaint_ms": round(repaint * 1000, 2),
        "jump_landed_on": landed,
        "peak_rss_mb_browsing": round(rss_before_search, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "search_key_ms_median": round(statistics.median(search_ms), 1),
        "search_key_ms_max": round(max(search_ms), 1),
        "search_top_hit": found,
    }


def measure_in_fresh_process(db_path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(db_path)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(asyncio.run(_measure(sys.argv[2]))))
        return
    paths = [Path(p) for p in sys.argv[1:]]
    if not paths:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from generate_db import generate

        for rows, name in ((100_000, "dateline-100k.db"), (1_000_000, "dateline-1m.db")):
            path = Path("/tmp") / name
            if not path.exists():
                print(f"generating {path} ({rows:,} rows)…", flush=True)
                generate(path, rows)
            paths.append(path)
    for path in paths:
        figures = measure_in_fresh_process(path)
        ok = (figures["first_paint_s"] <= 0.5, figures["key_ms_p95"] <= 16, figures["peak_rss_mb_browsing"] <= 150)
        print(f"{path.name}: {figures['rows']:,} rows")
        print(f"  first paint {figures['first_paint_s']:.3f} s (+ {figures['import_s']:.3f} s importing)"
              f"   per key median {figures['key_ms_median']} ms, p95 {figures['key_ms_p95']} ms, "
              f"max {figures['key_ms_max']} ms   cold full repaint {figures['cold_repaint_ms']} ms"
              f"   peak RSS {figures['peak_rss_mb_browsing']} MB")
        print(f"  search in the app: {figures['search_key_ms_median']} ms a keystroke (median, wall, key to results"
              f" shown; max {figures['search_key_ms_max']} ms); peak RSS with the index open "
              f"{figures['peak_rss_mb']} MB; top hit: {figures['search_top_hit']!r}")
        print(f"  per key (median ms): {figures['per_key_ms']}; a key bound to nothing: "
              f"{figures['unbound_key_ms']} ms")
        print(f"  per key (p95 ms): {figures['per_key_p95_ms']}")
        print(f"  targets met (first paint, per key p95, memory): {ok}")


if __name__ == "__main__":
    main()
