"""A build on a 2-worker local Dask cluster beside a one-process build, side by side in one run.

Usage, from the repository root::

    python benchmarks/scale_out.py [--limit N] [--workers 2] [--repeat N] [--pool]

The corpus is ABC news (``../shared/corpus/abc_news``, or ``$GRAPHKIT_SHARED/corpus``) as JSONL
(``abc_jsonl.py``). Each row runs in a fresh child process, one after the other:

* one process: ``graphkit.pipeline.run(paths)`` then ``graphkit.graph.write`` (TriG and Turtle);
* Dask: the same with ``BuildConfig(scheduler="local", jobs=N)`` (``graphkit build --dask --jobs
  N``): a LocalCluster of N worker processes, a thread each, started inside the timed build;
* with ``--pool``, also ``BuildConfig(jobs=N)`` (``--jobs N``, a process pool) for comparison.

Printed for each: seconds, words/s, the ratio to one process (goal ≥ 1.6 with 2 workers), the
driver's peak RSS (the child's own ru_maxrss: what the calling process holds) and the peak of
the driver and its workers together (sampled every 0.1 s), the parse + extract part of the
time, and the CPU seconds of the build and its workers (on a shared machine whose other work
holds a core, two workers cannot reach an idle machine's ratio; the CPU seconds show what the
Dask build costs beyond one process). Both graphs are checked to hold the same quads (the
articles' ingest times, prov:generatedAtTime, aside). With ``--repeat N`` the rows run N rounds
in turn and each keeps its fastest (the machines are shared; a slow spell moves one row).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from abc_jsonl import write_abc_jsonl
from throughput import PARSE, timed_iterator, watch

HERE = Path(__file__).resolve()


def child(paths: list[str], mode: str, workers: int) -> dict[str, Any]:
    """One build in this process; returns its figures (printed as the last line, JSON)."""
    from graphkit import graph, ingest, pipeline
    from graphkit.config import BuildConfig

    texts = [document.text for document in ingest.read_documents(paths)]  # also warms the cache
    config = {
        "one": BuildConfig(),
        "dask": BuildConfig(scheduler="local", jobs=workers),
        "pool": BuildConfig(jobs=workers),
    }[mode]
    parsing: dict[str, float] = {PARSE: 0.0}
    pipeline.extract_documents = timed_iterator(parsing, PARSE, pipeline.extract_documents)
    with tempfile.TemporaryDirectory() as out:
        cpu, started = _cpu(), time.perf_counter()
        result = pipeline.run(paths, config=config)
        graph.write(result.dataset, Path(out))
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    lines = result.dataset.serialize(format="nquads").splitlines()
    quads = sorted(line for line in lines if "generatedAtTime" not in line)  # when, not what
    return {
        "seconds": seconds,
        "cpu": cpu,
        "parse_extract": parsing[PARSE],
        "words": sum(len(text.split()) for text in texts),
        "documents": result.documents,
        "summary": result.summary(),
        "driver_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "quads": len(quads),
        "digest": hashlib.sha256("\n".join(quads).encode()).hexdigest(),
    }


def _cpu() -> float:
    """CPU seconds of this process and its ended children (the cluster's workers, once closed)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(paths_file: Path, mode: str, workers: int) -> dict[str, Any]:
    """Run one child, watching the memory of it and its workers; return its figures."""
    command = [sys.executable, str(HERE), "--child", mode, "--paths-file", str(paths_file)]
    command += ["--workers", str(workers)]
    report = watch(command, label=mode, parse=True)
    report.update(mode=mode, tree_rss=report["peak_rss"])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="ABC articles in all, for a quick run")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; each row keeps its fastest")
    parser.add_argument("--pool", action="store_true", help="also time --jobs N (process pool)")
    parser.add_argument("--child", choices=["one", "dask", "pool"], help=argparse.SUPPRESS)
    parser.add_argument("--paths-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        paths = json.loads(args.paths_file.read_text(encoding="utf-8"))
        print(json.dumps(child(paths, args.child, args.workers)))
        return

    modes = ["one", "dask", *(["pool"] if args.pool else [])]
    labels = {
        "one": "one process",
        "dask": f"--dask, {args.workers} workers",
        "pool": f"--jobs {args.workers} (pool)",
    }
    print(
        f"graphkit scale-out: {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}, fastest of {args.repeat} round(s)"
        + (f", limit {args.limit} articles" if args.limit else "")
    )
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in write_abc_jsonl(Path(tmp), limit=args.limit)]
        paths_file = Path(tmp) / "paths.json"
        paths_file.write_text(json.dumps(paths), encoding="utf-8")
        for _ in range(args.repeat):
            for mode in modes:
                row = measure(paths_file, mode, args.workers)
                if mode not in rows or row["seconds"] < rows[mode]["seconds"]:
                    rows[mode] = row
    one = rows["one"]
    print(f"\nABC: {one['documents']} documents, {one['words']:,} words")
    print(
        f"{'build':<22} {'seconds':>8} {'words/s':>8} {'÷ one':>6} {'driver RSS':>11} "
        f"{'+ workers':>10} {'parse+extract':>14} {'CPU':>8}"
    )
    for mode, row in rows.items():
        print(
            f"{labels[mode]:<22} {row['seconds']:>8.1f} {row['words'] / row['seconds']:>8,.0f} "
            f"{one['seconds'] / row['seconds']:>6.2f} {row['driver_rss'] / 2**20:>8,.0f} MB "
            f"{row['tree_rss'] / 2**20:>7,.0f} MB {row['parse_extract']:>12.1f} s "
            f"{row['cpu']:>6.1f} s"
        )
    for mode, row in rows.items():
        print(f"  {labels[mode]}: {row['summary']}; {row['quads']:,} quads")
    same = len({row["digest"] for row in rows.values()}) == 1
    print(f"same quads in every build: {'yes' if same else 'NO'}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
