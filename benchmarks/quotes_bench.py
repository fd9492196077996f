"""Throughput of quote finding and speaker attribution alone (importers/extract/quotes.py, speakers.py).

  python benchmarks/quotes_bench.py                  # a generated corpus (import_bench's articles)
  python benchmarks/quotes_bench.py FOLDER [FOLDER]  # every *.txt under each folder

Prints articles/s and words/s on one core (best of five passes, CPU time), with each stage apart.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from importers.extract.names import DocumentNames  # noqa: E402
from importers.extract.quotes import find_quotes  # noqa: E402
from importers.extract.sentences import sentence_spans  # noqa: E402
from importers.extract.speakers import attribute_speakers  # noqa: E402


def best_of(fn, passes: int = 5) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def measure(name: str, texts: list[str]) -> None:
    words = sum(len(t.split()) for t in texts)
    n = len(texts)
    quotes = sum(len(find_quotes(t)) for t in texts)
    both = best_of(lambda: [attribute_speakers(t, find_quotes(t)) for t in texts])
    print(f"{name}: {n} articles, {words / n:.0f} words and {quotes / n:.1f} quotes per article")
    print(f"  quotes + speakers: {n / both:,.0f} articles/s, {words / both:,.0f} words/s")
    for stage, fn in (("quote marks", find_quotes), ("names", DocumentNames), ("sentences", sentence_spans)):
        spent = best_of(lambda: [fn(t) for t in texts])
        print(f"    of which {stage}: {spent / both:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    if args.folders:
        for folder in args.folders:
            texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(folder).rglob("*.txt"))]
            measure(folder, texts)
        return
    from import_bench import write_corpus
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.articles, seed=1)
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).rglob("*.txt"))]
        measure("generated corpus", texts)


if __name__ == "__main__":
    main()
