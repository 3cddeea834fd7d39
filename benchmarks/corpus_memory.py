"""Peak memory of a build of three times the ABC corpus beside one ABC build, in one run.

Usage, from the repository root::

    python benchmarks/corpus_memory.py [--copies 3] [--limit N] [--jobs 1] [--stages]

The corpus is ABC news (``../shared/corpus/abc_news``, or ``$GRAPHKIT_SHARED/corpus``, ~3,200
articles, ~635k words) written as JSONL records (``abc_jsonl.py``); ``--limit N`` keeps its first
N articles, for a quick check. Two builds run side by side, each in a fresh child process, one
after the other:

* ABC: the JSONL files as ``abc_jsonl.write_abc_jsonl`` writes them;
* N x ABC (``--copies N``, default 3): the same files plus N - 1 copies of every article. An
  article's id is a hash of its text, so an identical copy would be dropped as the same article;
  each copy therefore ends with a closing line of its own, "(Reprint 2.)", "(Reprint 3.)", ...
  The copies are near-identical texts, i.e. wire reprints, which graphkit marks gk:copyOf (a
  one-line article whose closing line changes too many of its 5-word shingles stays a distinct
  article): realistic for a news archive, and the build still reads, parses, resolves and writes
  every copy. The count of gk:copyOf links is printed beside each build.

Each child runs what ``graphkit build PATHS -o OUT`` runs (as ``long_text.py``'s child does):
``graphkit.keep.build`` with ``BuildConfig(jobs=N)`` (``--jobs``, default 1), the default formats
and map size, into a temporary folder: reading, model load, parse, extract, resolve, reconcile,
the quads streamed into the on-disk store, graph.trig and graph.ttl, the map, the state. Printed
for each: wall-clock and CPU seconds, peak resident set size twice (``resource.getrusage`` in
the child, the exact peak of that one process; and the peak of the child and any workers
together, sampled every 0.1 s by ``throughput.py``'s watcher), the quads in the store
(``OUT/store/graphkit-store.json``), the documents, and the build's summary line; then the
load average at the start and at the end (the machines are shared).

With ``--stages`` each child also records its resident memory and its peak so far around the
main stages of the build (``stages.py``: model load, parse and extract into the articles file;
resolution; reconcile; the quads into the store; graph.write; the map; the state), to show where the
memory goes.

Goal (from the issue): the peak memory of the N x ABC build (the larger of the two peaks) at most
1.3 times that of the ABC build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from abc_jsonl import write_abc_jsonl
from long_text import _cpu_seconds
from stages import print_stages, watch_stages
from throughput import watch

HERE = Path(__file__).resolve()
GOAL = 1.3


# --- inputs ----------------------------------------------------------------------------------


def write_reprints(paths: list[Path], folder: Path, copies: int) -> list[Path]:
    """Copies 2..`copies` of every record of `paths`, each text ending "(Reprint N.)"."""
    written = []
    for number in range(2, copies + 1):
        for path in paths:
            target = folder / f"{path.stem}.reprint{number}.jsonl"
            with path.open(encoding="utf-8") as records, target.open("w", encoding="utf-8") as out:
                for line in records:
                    record = json.loads(line)
                    record["text"] += f"\n(Reprint {number}.)"
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written.append(target)
    return written


def words_of(paths: list[Path]) -> int:
    """Whitespace-separated words of the records' texts (titles aside)."""
    return sum(
        len(json.loads(line)["text"].split())
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
    )


# --- child: one build in its own process ----------------------------------------------------


def child(paths: list[str], jobs: int, *, stages: bool) -> dict[str, Any]:
    """Build `paths` as `graphkit build PATHS -o OUT` does; report time, memory and counts."""
    from graphkit import keep
    from graphkit import store as on_disk
    from graphkit.config import DEFAULT_FORMATS, DEFAULT_MAX_NODES, STORE_DIR, BuildConfig
    from graphkit.vocab import GK

    marks: list[dict[str, Any]] = []
    if stages:
        watch_stages(marks)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        kept = keep.build(
            paths,
            out,
            config=BuildConfig(jobs=jobs),
            formats=DEFAULT_FORMATS,
            max_nodes=DEFAULT_MAX_NODES,
            heading=f"graphkit: {', '.join(paths)}",
        )
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
        quads = on_disk.read_descriptor(out / STORE_DIR).quads
        copies = sum(1 for _ in kept.result.dataset.quads((None, GK.copyOf, None, None)))
        documents, summary = kept.result.documents, kept.result.summary()
        del kept  # its dataset reads the store: closed before the folder goes
    return {
        "seconds": seconds,
        "cpu": cpu,
        "maxrss": maxrss,
        "quads": quads,
        "copies": copies,
        "documents": documents,
        "summary": summary,
        "stages": marks,
    }


# --- parent ----------------------------------------------------------------------------------


def measure(paths: list[Path], *, label: str, jobs: int, stages: bool, tmp: Path) -> dict[str, Any]:
    """Build `paths` in a child watched by throughput.watch; its report, wall time, tree peak."""
    paths_file = tmp / f"{label.replace(' ', '_')}.paths.json"
    paths_file.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
    command = [sys.executable, str(HERE), "--child", str(paths_file), "--jobs", str(jobs)]
    report = watch([*command, *(["--stages"] if stages else [])], label=label, parse=True)
    report["peak"] = max(report["maxrss"], report["peak_rss"])
    return report


def print_row(label: str, row: dict[str, Any]) -> None:
    """One build's line of the table, and its summary line under it."""
    print(
        f"{label:<10} {row['documents']:>9,} {row['words']:>9,} {row['seconds']:>8.1f} "
        f"{row['cpu']:>8.1f} {row['maxrss'] / 2**20:>8,.0f} MB {row['peak_rss'] / 2**20:>8,.0f} MB "
        f"{row['quads']:>11,} {row['copies']:>7,}",
        flush=True,
    )
    print(f"{'':12}{row['summary']}", flush=True)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    """Build ABC and N x ABC, one child each, and print the table and the ratio of the peaks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="copies of the corpus (default 3)")
    parser.add_argument("--limit", type=int, help="first N ABC articles, for a quick check")
    parser.add_argument("--jobs", type=int, default=1, help="build jobs (default 1)")
    parser.add_argument("--stages", action="store_true", help="memory around each stage too")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.copies < 2:
        parser.error("--copies must be 2 or more")
    if args.child:
        paths = json.loads(args.child.read_text(encoding="utf-8"))
        print(json.dumps(child(paths, args.jobs, stages=args.stages)))
        return

    big = f"{args.copies} x ABC"
    print(
        f"graphkit corpus memory: {os.cpu_count()} CPUs, load average {load_average()}, "
        f"jobs {args.jobs}" + (f", limit {args.limit} articles" if args.limit else "")
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "reprints").mkdir()
        one = write_abc_jsonl(folder / "abc", limit=args.limit)
        many = [*one, *write_reprints(one, folder / "reprints", args.copies)]
        rows = {}
        for label, paths in (("ABC", one), (big, many)):
            rows[label] = measure(
                paths, label=label, jobs=args.jobs, stages=args.stages, tmp=folder
            )
            rows[label]["words"] = words_of(paths)
    print(
        f"\n{'build':<10} {'documents':>9} {'words':>9} {'seconds':>8} {'CPU s':>8} "
        f"{'maxrss':>11} {'sampled':>11} {'store quads':>11} {'copyOf':>7}"
    )
    for label, row in rows.items():
        print_row(label, row)
    small, large = rows["ABC"], rows[big]
    ratio = large["peak"] / small["peak"]
    print(
        f"\npeak RSS ({big}) / peak RSS (ABC): {ratio:.2f} "
        f"(child maxrss {large['maxrss'] / small['maxrss']:.2f}, "
        f"sampled {large['peak_rss'] / small['peak_rss']:.2f}); goal <= {GOAL}: "
        + ("met" if ratio <= GOAL else "missed")
    )
    print(
        f"time ({big}) / time (ABC): {large['seconds'] / small['seconds']:.2f} wall, "
        f"{large['cpu'] / small['cpu']:.2f} CPU; quads {large['quads'] / small['quads']:.2f}"
    )
    if args.stages:
        for label, row in rows.items():
            print_stages(label, row)
    print(f"\nload average at the end: {load_average()}")


if __name__ == "__main__":
    main()
