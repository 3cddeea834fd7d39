"""Adding articles to a kept graph beside rebuilding it, side by side in one run.

Usage, from the repository root::

    python benchmarks/keep_speed.py [--corpus wsj|abc] [--add 10] [--limit N] [--repeat 1]

Builds the corpus minus the last `--add` articles into one folder (``graphkit build``), then,
each timed as a whole process: ``graphkit add`` of those articles to it (to `--repeat` copies of
it, one after the other: the median counts), and ``graphkit build`` of the whole corpus into
another folder (the full rebuild). Each step starts once what the one before wrote is on disk
(``sync``: a build writes about 700 MB on ABC), so that no step pays for the one before; and one
add is a noisy figure on these shared machines (33.0 s in one run, 25.3 to 27.7 s in the next of
the same code), hence the median. Prints the times, the ratio of the add's to the rebuild's (the
goal of the issue "A graph that lives": an add of 10 articles to the ABC graph in <= 5% of a
full rebuild) and whether the two graphs have the same number of quads of each kind
(tests/test_keep.py checks that they are isomorphic up to IRI renaming on small sets).
Corpora come from ../shared/corpus (or $GRAPHKIT_SHARED/corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from abc_jsonl import shared_dir, write_abc_jsonl


def articles(corpus: str, folder: Path, limit: int | None) -> list[Path]:
    """One file per article (ABC's JSONL records split into files of one record each)."""
    if corpus == "wsj":
        return sorted((shared_dir() / "corpus" / "wsj_raw").glob("wsj_*"))[:limit]
    paths = []
    for jsonl in write_abc_jsonl(folder / "abc", limit=limit):
        for number, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines()):
            path = folder / "one" / f"{jsonl.stem}-{number:05d}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(line + "\n", encoding="utf-8")
            paths.append(path)
    return paths


def graphkit(*args: str | Path) -> float:
    os.sync()  # what the step before wrote is flushed first, not while this one runs
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "graphkit", *map(str, args)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def kinds(out: Path) -> Counter[str]:
    """Quads by predicate, the way two graphs equal up to IRI renaming must agree."""
    found = subprocess.run(
        [sys.executable, "-m", "graphkit", "query", str(out), "--format", "json", "--limit",
         "1000000", "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = json.loads(found.stdout)["results"]["bindings"]
    return Counter({row["p"]["value"]: int(row["n"]["value"]) for row in rows})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("wsj", "abc"), default="abc")
    parser.add_argument("--add", type=int, default=10, help="articles added (default 10)")
    parser.add_argument("--limit", type=int, help="articles in all, for a quick run")
    parser.add_argument("--repeat", type=int, default=1, help="adds timed, each to a copy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="keep-speed-") as tmp:
        folder = Path(tmp)
        paths = articles(args.corpus, folder, args.limit)
        first, rest = paths[: -args.add], paths[-args.add :]
        print(f"{args.corpus}: {len(paths)} articles; build {len(first)}, add {len(rest)}")
        built = graphkit("build", *first, "-o", folder / "built")
        adds = []
        for _ in range(args.repeat):
            shutil.rmtree(folder / "kept", ignore_errors=True)
            shutil.copytree(folder / "built", folder / "kept")
            adds.append(graphkit("add", *rest, "--to", folder / "kept"))
        added = statistics.median(adds)
        rebuilt = graphkit("build", *paths, "-o", folder / "fresh")
        print(f"build of {len(first)} articles      {built:7.1f} s")
        each = ", ".join(f"{seconds:.1f}" for seconds in adds)
        print(f"add of {len(rest)} articles           {added:7.1f} s (median of {each})")
        print(f"full rebuild of {len(paths)} articles {rebuilt:7.1f} s")
        print(f"add / full rebuild: {added / rebuilt:.1%} (goal <= 5%)")
        same = kinds(folder / "kept") == kinds(folder / "fresh")
        print(f"same quads of every kind as the full rebuild: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
