"""How long the commands that only read a graph take as whole processes, beside `python -c pass`.

    python benchmarks/startup.py [--repeat 7]

Builds the seed graph once into a temporary folder, then times each command as a fresh process
(interpreter start, imports, reading the graph, the answer), rounds in turn, and prints the
fastest and the median of each. Goals (issue "A house that is easy to change"): `graphkit
--help` ≤ 0.4 s and `graphkit query` on the seed output ≤ 0.7 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAPHKIT = [sys.executable, "-m", "graphkit"]
QUERY = "SELECT ?whom WHERE { ?s rel:call_on ?o ; rdfs:label 'Donald Trump' . ?o rdfs:label ?whom }"


def commands(out: Path) -> dict[str, tuple[list[str], float | None]]:
    """Name → (argv, goal in seconds or None)."""
    return {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "graphkit --help": ([*GRAPHKIT, "--help"], 0.4),
        "graphkit query (seeds)": ([*GRAPHKIT, "query", str(out), QUERY], 0.7),
        "graphkit stats (seeds)": ([*GRAPHKIT, "stats", str(out)], None),
        "graphkit view (seeds)": (
            [*GRAPHKIT, "view", str(out), "-o", str(out.parent / "m.html")],
            None,
        ),
    }


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphkit-startup-") as folder:
        out = Path(folder) / "out"
        subprocess.run(
            [*GRAPHKIT, "build", str(ROOT / "data" / "seeds"), "-o", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        table = commands(out)
        times: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(options.repeat):  # rounds in turn: a slow spell hits every row alike
            for name, (argv, _goal) in table.items():
                times[name].append(timed(argv))
    print(f"{'command':<26} {'fastest':>8} {'median':>8}  goal")
    for name, (_argv, goal) in table.items():
        fastest, median = min(times[name]), statistics.median(times[name])
        verdict = "" if goal is None else f"≤ {goal} s: {'met' if median <= goal else 'NOT met'}"
        print(f"{name:<26} {fastest:7.2f}s {median:7.2f}s  {verdict}")


if __name__ == "__main__":
    main()
