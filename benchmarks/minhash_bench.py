"""Compare rensa and datasketch for story clustering: signature speed, LSH speed, estimate accuracy.

Synthetic articles (random words with a Zipf-like vocabulary) and near-duplicate copies of some of them
(trimmed endings, a few words changed) stand in for wire reprints. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/minhash_bench.py [--docs 3000]   (datasketch is not a dependency: pip install it)
"""
from __future__ import annotations

import argparse
import random
import time

from store.stories import BAND_ROWS, NUM_PERM

THRESHOLD = 0.3  # what store.stories' banding aims at: a copy trimmed to half still collides


def make_corpus(n: int, seed: int = 7) -> tuple[list[list[str]], set[tuple[int, int]]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(20000)]
    weights = [1 / (i + 1) for i in range(len(vocabulary))]
    docs: list[list[str]] = []
    pairs: set[tuple[int, int]] = set()
    while len(docs) < n:
        words = rng.choices(vocabulary, weights, k=rng.randint(300, 900))
        original = len(docs)
        docs.append(words)
        if rng.random() < 0.2:  # a wire story reprinted by one to three more outlets
            for _ in range(rng.randint(1, 3)):
                copy = words[: int(len(words) * rng.uniform(0.55, 1.0))]
                copy = [rng.choice(vocabulary) if rng.random() < 0.02 else w for w in copy]
                pairs.add((original, len(docs)))
                docs.append(copy)
    return docs[:n], {p for p in pairs if p[1] < n}


def shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def bench_rensa(sets: list[set[str]], pairs):
    import rensa

    t = time.perf_counter()
    hashes = []
    for s in sets:
        m = rensa.RMinHash(num_perm=NUM_PERM, seed=1)
        m.update(list(s))
        hashes.append(m)
    sig = time.perf_counter() - t
    t = time.perf_counter()
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=NUM_PERM // BAND_ROWS)
    return (sig, *_probe(lsh, hashes, t, sets, pairs))


def _probe(lsh, hashes, started: float, sets, pairs):
    """Query then insert each signature (what an import does); the pairs found, the time, estimate errors."""
    found = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            found.add((min(i, j), max(i, j)))
        lsh.insert(i, m)
    index = time.perf_counter() - started
    errors = [abs(hashes[i].jaccard(hashes[j]) - jaccard(sets[i], sets[j])) for i, j in pairs]
    return index, found, errors


def bench_datasketch(sets: list[set[str]], pairs):
    from datasketch import MinHash, MinHashLSH

    t = time.perf_counter()
    hashes = []
    for s in sets:
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([x.encode() for x in s])
        hashes.append(m)
    sig = time.perf_counter() - t
    t = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return (sig, *_probe(lsh, hashes, t, sets, pairs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=3000)
    args = parser.parse_args()
    docs, pairs = make_corpus(args.docs)
    sets = [shingles(d) for d in docs]
    # Every pair of one story's copies is a true pair, not only original-copy pairs.
    truth = set(pairs)
    by_original: dict[int, list[int]] = {}
    for a, b in pairs:
        by_original.setdefault(a, [a]).append(b)
    for members in by_original.values():
        truth |= {(min(x, y), max(x, y)) for x in members for y in members if x != y}
    print(f"{len(docs)} documents, {len(truth)} near-duplicate pairs, {NUM_PERM} permutations, "
          f"LSH threshold {THRESHOLD}")
    for name, bench in (("rensa", bench_rensa), ("datasketch", bench_datasketch)):
        try:
            sig, index, found, errors = bench(sets, sorted(truth))
        except ImportError:
            print(f"{name:>10}: not installed (pip install {name})")
            continue
        recall = len(found & truth) / len(truth)
        print(f"{name:>10}: signatures {sig * 1000 / len(docs):.3f} ms/doc, LSH insert+query "
              f"{index * 1000 / len(docs):.3f} ms/doc, candidate recall {recall:.3f}, "
              f"{len(found - truth)} false candidates, mean |estimate - exact Jaccard| "
              f"{sum(errors) / len(errors):.3f}")


if __name__ == "__main__":
    main()
