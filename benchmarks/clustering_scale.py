"""Per-article candidate-search cost and memory as the store grows (synthetic data).

Usage:
    .venv/bin/python benchmarks/clustering_scale.py [--sizes 10000 100000 1000000] [--queries 500]

The store is filled with synthetic articles, because clustering a million real ones would take
hours: each has a unit sketch vector (``ClusterOptions().sketch_dim`` dims) drawn around one of
``n / 5`` random story centres (cosine about 0.6 to its centre), and 32 heavy features drawn
from a Zipf-like distribution over 2**20 hashed ids (a few story-specific ids plus common
ones). Timed per new article: what :class:`StoryClusterer` does whose cost could grow with the
store: HNSW search, feature-blocker query, HNSW insertion and blocker posting. The rest of its
work (exact similarities, neighbour lists, local linkage) touches only the bounded candidate
set. Memory: process RSS and the blocker's Python allocations (tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc

import faiss
import numpy as np

from newsprism.clustering.index import AnnIndex, FeatureBlocker
from newsprism.clustering.records import ClusterOptions


def synthetic(n: int, dim: int, rng: np.random.Generator, start: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Sketches and heavy-feature ids of ``n`` synthetic articles in stories of about five."""
    centres = rng.standard_normal((max(n // 5, 1), dim)).astype(np.float32)
    story = rng.integers(0, len(centres), n)
    vecs = centres[story] + 1.3 * rng.standard_normal((n, dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    common = (rng.zipf(1.3, (n, 24)) % (1 << 20)).astype(np.int32)
    specific = ((story[:, None] * 7919 + np.arange(8)[None, :] + start) % (1 << 20)).astype(np.int32)
    return vecs, np.concatenate([common, specific], axis=1)


def rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int, queries: int, options: ClusterOptions, seed: int = 0) -> dict[str, float]:
    """Fill an index and blocker with ``n`` articles, then time ``queries`` more."""
    rng = np.random.default_rng(seed)
    index = AnnIndex(options.sketch_dim)
    blocker = FeatureBlocker(terms=options.block_terms)
    tracemalloc.start()
    build = time.perf_counter()
    step = 50_000
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        vecs, feats = synthetic(hi - lo, options.sketch_dim, rng, lo)
        index.add(np.arange(lo, hi), vecs)
        weights = np.ones(feats.shape[1], dtype=np.float32)
        for i, row in enumerate(feats):
            blocker.add(lo + i, row, weights)
    build_s = time.perf_counter() - build
    blocker_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    vecs, feats = synthetic(queries, options.sketch_dim, rng, n)
    weights = np.linspace(2.0, 1.0, feats.shape[1]).astype(np.float32)
    for i in range(min(20, queries)):  # untimed warm-up (thread pools, caches)
        index.search(vecs[i : i + 1], options.candidates + 1)
    start = time.perf_counter()
    for i in range(queries):
        # One article at a time, as in a stream: search, block, then index it.
        index.search(vecs[i : i + 1], options.candidates + 1)
        blocker.candidates(feats[i], weights, options.block_candidates, index.live)
        index.add(np.array([n + i]), vecs[i : i + 1])
        blocker.add(n + i, feats[i], weights)
    per_article_ms = 1000 * (time.perf_counter() - start) / queries
    return {"n": n, "build_s": build_s, "ms": per_article_ms, "rss_mb": rss_mb(), "blocker_mb": blocker_mb}


def main(argv: list[str] | None = None) -> int:
    """Print a table of per-article cost and memory by store size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args(argv)
    options = ClusterOptions()
    faiss.omp_set_num_threads(1)  # one query at a time: threads only add overhead on 2 shared cores
    print(f"sketch dim {options.sketch_dim}, HNSW M=16, {args.queries} timed articles per size")
    print(
        "| stored articles | build s | ms/article (search+block+insert) | ratio to first | peak RSS MiB | blocker MiB |"
    )
    print("|---|---|---|---|---|---|")
    first = None
    for n in args.sizes:
        row = measure(n, args.queries, options)
        first = first or row["ms"]
        print(
            f"| {n:,} | {row['build_s']:.0f} | {row['ms']:.3f} | {row['ms'] / first:.2f} | "
            f"{row['rss_mb']:.0f} | {row['blocker_mb']:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
