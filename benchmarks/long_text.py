"""Memory and time of a build on one long document beside the same text as 1,000 records.

Usage, from the repository root::

    python benchmarks/long_text.py [--sizes 1 10 50] [--shapes records line paragraph] [--parallel]
                                   [--stages]

For each size (in millions of characters, "MB"; default ``1 10``: a 50 MB row takes about 40 min
at ~3,500 words/s) the sentences of the ABC corpus (``../shared/corpus/abc_news``, repeated when
the size asks for more than its ~4 MB, so the larger texts say many things several times) are
written three ways into a temporary folder, and each is built in a fresh child process:

* ``records``: the text cut into 1,000 JSONL records of consecutive sentences (joined by spaces),
  the baseline every other row of the same size is compared with;
* ``line``: the same sentences joined by spaces into one ``.txt`` line, no line break at all:
  graphkit can cut it only at sentence ends it finds itself;
* ``paragraph``: the same sentences one a line (as in the corpus) with no blank line, so one
  paragraph: the line breaks are sure cut points, and spaCy sees them as whitespace tokens.

Each child runs what ``graphkit build PATH -o OUT`` runs, ``graphkit.keep.build`` with one job
(reading, model load, parse, extract, resolve, reconcile, the quads streamed into the on-disk
store, graph.trig and graph.ttl, the map, the state) and reports its wall-clock and CPU seconds
and its peak resident set size (``resource.getrusage`` in the child: the exact peak of
that one process, as no worker is started). The children run one after another, through
``throughput.py``'s watcher.

Goals (from the issue): peak RSS at most 1.5 GB for the 50 MB single line, and time within 1.3x
of the 1,000-records build of the same text (checked on CPU seconds: on a shared machine the
wall clock of one row can double while another user's job runs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle
from pathlib import Path
from typing import Any

from abc_jsonl import ABC_FILES, abc_articles, shared_dir
from stages import print_stages, watch_stages
from throughput import watch

HERE = Path(__file__).resolve()
SHAPES = ("records", "line", "paragraph")
RECORDS = 1_000
RSS_GOAL = 1.5 * 2**30
TIME_GOAL = 1.3
WORDS_PER_SECOND = 3_500  # spaCy's parse on the development machine, for the time estimate


def abc_sentences() -> list[str]:
    """Every sentence line of the ABC corpus, headlines included, in corpus order."""
    folder = shared_dir() / "corpus" / "abc_news"
    return [
        line
        for name in ABC_FILES
        for article in abc_articles(folder / name)
        for line in [article.get("title", ""), *article["text"].split("\n")]
        if line.strip()
    ]


def sentences_of_size(chars: int) -> list[str]:
    """Corpus sentences, repeated as needed, until they hold `chars` characters (with spaces)."""
    chosen: list[str] = []
    total = 0
    for sentence in cycle(abc_sentences()):
        if total >= chars:
            break
        chosen.append(sentence)
        total += len(sentence) + 1
    return chosen


def write_inputs(sentences: list[str], folder: Path, shapes: list[str]) -> dict[str, Path]:
    """Write each shape of `sentences` into `folder`; return the path of each."""
    paths: dict[str, Path] = {}
    for shape in shapes:
        if shape == "records":
            path = folder / "records.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for group in _groups(sentences, RECORDS):
                    out.write(json.dumps({"text": " ".join(group)}, ensure_ascii=False) + "\n")
        else:
            path = folder / f"{shape}.txt"
            path.write_text((" " if shape == "line" else "\n").join(sentences), encoding="utf-8")
        paths[shape] = path
    return paths


def _groups(items: list[str], parts: int) -> Iterator[list[str]]:
    """`items` cut into `parts` runs of consecutive items, as even in number as can be."""
    for number in range(parts):
        yield items[len(items) * number // parts : len(items) * (number + 1) // parts]


# --- child: one build in its own process ----------------------------------------------------


def child(path: Path, *, stages: bool) -> dict[str, Any]:
    """Build `path` as `graphkit build` does, in one process; report time, peak RSS, counts.

    With `stages`, also the memory around each main stage (stages.py).
    """
    marks: list[dict[str, Any]] = []
    if stages:
        watch_stages(marks)
    from graphkit import keep
    from graphkit.config import DEFAULT_FORMATS, DEFAULT_MAX_NODES, BuildConfig

    started, cpu_started = time.perf_counter(), _cpu_seconds()
    with tempfile.TemporaryDirectory() as tmp:
        kept = keep.build(
            [path],
            Path(tmp) / "out",
            config=BuildConfig(jobs=1),
            formats=DEFAULT_FORMATS,
            max_nodes=DEFAULT_MAX_NODES,
            heading=path.name,
        )
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    summary = kept.result.summary()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "maxrss": peak_kib * 1024,
        "summary": summary,
        "stages": marks,
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- parent ----------------------------------------------------------------------------------


def measure(path: Path, *, label: str, stages: bool) -> dict[str, Any]:
    """Run one child on `path` and return its report (and the watcher's wall time)."""
    command = [sys.executable, str(HERE), "--child", str(path), *(["--stages"] * stages)]
    return watch(command, label=label, parse=True)


def run_size(
    size: int, shapes: list[str], tmp: Path, *, parallel: bool, stages: bool
) -> list[dict[str, Any]]:
    """Write the inputs of one size and measure each shape, the records first.

    With `parallel` the shapes' children run at once, one a CPU: each is one process, so
    its CPU seconds and peak RSS are its own; only the wall clock feels the others.
    """
    sentences = sentences_of_size(size * 1_000_000)
    words = sum(len(sentence.split()) for sentence in sentences)
    folder = tmp / f"{size}mb"
    folder.mkdir()
    paths = write_inputs(sentences, folder, shapes)
    minutes = words / WORDS_PER_SECOND / 60
    print(
        f"  {size} MB: {len(sentences):,} sentences, {words:,} words, ~{minutes:.0f} min a row",
        file=sys.stderr,
        flush=True,
    )

    def one(shape: str) -> dict[str, Any]:
        row = measure(paths[shape], label=f"{size} MB {shape}", stages=stages)
        row.update(size=size, shape=shape, words=words)
        return row

    if not parallel:
        rows: list[dict[str, Any]] = []
        for shape in shapes:
            rows.append(one(shape))
            print_row(rows[-1], rows[0] if rows[0]["shape"] == "records" else None)
        return rows
    with ThreadPoolExecutor(max_workers=len(shapes)) as pool:
        rows = list(pool.map(one, shapes))
    for row in rows:
        print_row(row, rows[0] if rows[0]["shape"] == "records" else None)
    return rows


def print_header() -> None:
    """Print the table's header; ratios are to the records row of the same size."""
    print(
        f"{'size':>6} {'shape':<10} {'seconds':>8} {'CPU s':>7} {'words/s':>8} {'peak RSS':>9} "
        f"{'÷ rec.':>7} {'CPU ÷ rec.':>10} {'RSS ÷ rec.':>10}  goal"
    )


def print_row(row: dict[str, Any], records: dict[str, Any] | None) -> None:
    """Print one row; ratios and the goal check only beside a records run of the same size.

    The time goal is checked on CPU seconds, which other users of a shared machine disturb less
    than wall-clock seconds (both are printed).
    """
    ratios = ["", "", ""]
    goal = ""
    if records is not None and row is not records:
        ratios = [f"{row[key] / records[key]:.2f}" for key in ("seconds", "cpu", "maxrss")]
        slower = row["cpu"] / records["cpu"]
        missed = [f"CPU time {slower:.2f}x > {TIME_GOAL}x"] if slower > TIME_GOAL else []
        if row["maxrss"] > RSS_GOAL:
            missed.append(f"RSS > {RSS_GOAL / 2**30:.1f} GB")
        goal = "; ".join(missed) or "met"
    print(
        f"{row['size']:>4} MB {row['shape']:<10} {row['seconds']:>8.1f} {row['cpu']:>7.1f} "
        f"{row['words'] / row['seconds']:>8,.0f} {row['maxrss'] / 2**20:>6,.0f} MB "
        f"{ratios[0]:>7} {ratios[1]:>10} {ratios[2]:>10}  {goal}",
        flush=True,
    )
    print(f"{'':18}{row['summary']}", flush=True)


def main() -> None:
    """Measure every size and shape asked for, one child at a time, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1, 10], help="millions of characters"
    )
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument(
        "--parallel", action="store_true", help="run the shapes of a size at once, one a CPU"
    )
    parser.add_argument("--stages", action="store_true", help="memory around each stage too")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, stages=args.stages)))
        return
    shapes = sorted(args.shapes, key=SHAPES.index)
    print(
        f"graphkit long-text builds: {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; goals: time within {TIME_GOAL}x of "
        f"the {RECORDS:,} records, peak RSS <= {RSS_GOAL / 2**30:.1f} GB (the 50 MB line)"
    )
    print_header()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            rows = run_size(size, shapes, Path(tmp), parallel=args.parallel, stages=args.stages)
            for row in rows if args.stages else ():
                print_stages(f"{size} MB {row['shape']}", row)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
