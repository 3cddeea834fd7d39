"""Query speed from the store against re-parsing graph.trig, and the endpoint under load.

    python benchmarks/query_speed.py [--out OUT] [--corpus abc|seeds] [--repeat 5]
                                     [--requests 100] [--clients 8]

1. Whole process: `graphkit query OUT "<one-hop query>"` (the store, opened read-only) and
   `graphkit query OUT/graph.trig "<same query>"` (parsed first, as every read did before the
   store), rounds in turn so a slow spell of the machine hits both alike; prints the fastest
   and median seconds of each and the ratio of the medians (goal on ABC: ≥ 20).
2. Whole process: `graphkit stats OUT` and `graphkit view OUT`, which read the map's columns off
   the state's quads (analyze.read_graph), against the same commands with those quads hidden, so
   that they read them back from the store, as they did before; rounds in turn, fastest and
   median seconds of each, the ratio of the medians and whether both gave the same output.
3. The endpoint: `graphkit serve OUT` on a free loopback port, `--requests` one-hop queries (one
   per entity, the most connected first) from `--clients` concurrent clients; prints errors
   (goal: 0), throughput and latency, then checks that an update is refused (403) and that the
   store's files are unchanged.

Without --out it builds the ABC corpus graph (../shared/corpus/abc_news, 3-5 minutes; see
benchmarks/abc_jsonl.py) into a temporary folder, or the seed articles with --corpus seeds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from abc_jsonl import shared_dir, write_abc_jsonl

ROOT = Path(__file__).resolve().parents[1]
GRAPHKIT = [sys.executable, "-m", "graphkit"]
HUBS = """SELECT ?e (COUNT(*) AS ?n) WHERE { ?e ?p ?o . ?p a gk:Relation . ?o rdfs:label ?l }
GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT %d"""


def one_hop(entity: str) -> str:
    """The benchmark's query: every fact of one entity, with the relation and object labels."""
    return (
        f"SELECT ?relation ?whom WHERE {{ <{entity}> ?p ?o . ?p a gk:Relation ; "
        "rdfs:label ?relation . ?o rdfs:label ?whom }"
    )


def build(corpus: str, folder: Path) -> Path:
    """Build `corpus` into folder/out with `graphkit build`, printing how long it took."""
    out = folder / "out"
    if corpus == "abc":
        sources = [str(p) for p in write_abc_jsonl(folder / "abc")]
    else:
        sources = [str(ROOT / "data" / "seeds")]
    started = time.perf_counter()
    subprocess.run([*GRAPHKIT, "build", *sources, "-o", str(out)], check=True)
    print(f"built {corpus} in {time.perf_counter() - started:.1f} s")
    return out


def hubs(out: Path, count: int) -> list[str]:
    """The `count` entities with the most facts whose objects have labels."""
    from graphkit import graph, query

    rows = query.select(graph.load(out), HUBS % count, timeout=600)
    return [str(row[0]) for row in rows]


def timed(argv: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout


def whole_process(out: Path, sparql: str, repeat: int) -> None:
    """Time `graphkit query` on the store and on graph.trig, side by side, and print both."""
    runs = {"store (OUT)": [*GRAPHKIT, "query", str(out), sparql]}
    runs["graph.trig"] = [*GRAPHKIT, "query", str(out / "graph.trig"), sparql]
    times: dict[str, list[float]] = {name: [] for name in runs}
    answers: dict[str, set[str]] = {}
    for _ in range(repeat):  # rounds in turn
        for name, argv in runs.items():
            seconds, stdout = timed(argv)
            times[name].append(seconds)
            answers[name] = set(stdout.splitlines()[2:])  # rows, in any order
    same = answers["store (OUT)"] == answers["graph.trig"]
    print(f"\n`graphkit query` whole process, {repeat} rounds ({len(answers['graph.trig'])} lines)")
    print(f"{'from':<12} {'fastest':>8} {'median':>8}")
    for name, values in times.items():
        print(f"{name:<12} {min(values):7.2f}s {statistics.median(values):7.2f}s")
    ratio = statistics.median(times["graph.trig"]) / statistics.median(times["store (OUT)"])
    print(f"graph.trig ÷ store (medians): {ratio:.1f}×; same answer: {same}")


def map_reads(out: Path, repeat: int) -> None:
    """Time `graphkit stats` and `graphkit view` off the state's quads and off the store."""
    hidden = out / "state" / "derived.nq"  # without it, state.kept_map gives none
    page = out.parent / "query-speed-map.html"
    commands = {
        "stats": [*GRAPHKIT, "stats", str(out)],
        "view": [*GRAPHKIT, "view", str(out), "-o", str(page)],
    }
    print(f"\n`graphkit stats` and `graphkit view` whole process, {repeat} rounds")
    print(f"{'command':<8} {'from':<7} {'fastest':>8} {'median':>8}")
    for name, argv in commands.items():
        times: dict[str, list[float]] = {"state": [], "store": []}
        outputs: dict[str, str] = {}
        for _ in range(repeat):  # rounds in turn
            for source in times:
                if source == "store":
                    hidden.rename(hidden.with_suffix(".hidden"))
                try:
                    seconds, stdout = timed(argv)
                finally:
                    if source == "store":
                        hidden.with_suffix(".hidden").rename(hidden)
                times[source].append(seconds)
                outputs[source] = stdout + (page.read_text("utf-8") if name == "view" else "")
        for source, values in times.items():
            print(f"{name:<8} {source:<7} {min(values):7.2f}s {statistics.median(values):7.2f}s")
        ratio = statistics.median(times["store"]) / statistics.median(times["state"])
        same = outputs["state"] == outputs["store"]
        print(f"{name}: store ÷ state (medians) {ratio:.1f}×; same output: {same}")


def start_server(out: Path) -> tuple[subprocess.Popen[str], str]:
    """`graphkit serve OUT --port 0` and its base URL once it listens."""
    process = subprocess.Popen(
        [*GRAPHKIT, "serve", str(out), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=60)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("serving "):
        process.kill()
        _, stderr = process.communicate()
        raise SystemExit(f"the server did not start: {line!r} {stderr!r}")
    return process, line.split(" at ", 1)[1].split()[0]


def request(url: str, data: bytes | None = None, accept: str = "") -> tuple[int, str]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if data else {}
    if accept:
        headers["Accept"] = accept
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def endpoint(out: Path, entities: list[str], requests: int, clients: int) -> None:
    """Load the endpoint with one-hop queries from concurrent clients; check it stays read-only."""
    before = snapshot(out / "store")
    process, base = start_server(out)
    sparql = base + "sparql"
    try:
        queries = [one_hop(entities[i % len(entities)]) for i in range(requests)]

        def ask(text: str) -> tuple[float, int, int]:
            started = time.perf_counter()
            try:
                status, body = request(f"{sparql}?{urllib.parse.urlencode({'query': text})}")
                rows = len(json.loads(body)["results"]["bindings"]) if status == 200 else -1
            except (OSError, ValueError, KeyError):
                status, rows = 0, -1
            return time.perf_counter() - started, status, rows

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            results = list(pool.map(ask, queries))
        wall = time.perf_counter() - started
        errors = sum(1 for _, status, _ in results if status != 200)
        latencies = sorted(seconds for seconds, _, _ in results)
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        rows = sum(max(count, 0) for _, _, count in results)
        print(f"\nendpoint: {requests} one-hop queries from {clients} clients in {wall:.2f} s")
        print(
            f"errors {errors}; {requests / wall:.1f} queries/s; latency median "
            f"{statistics.median(latencies):.3f} s, p95 {p95:.3f} s, max {latencies[-1]:.3f} s; "
            f"{rows} rows in all"
        )
        insert = "INSERT DATA { <urn:bench:a> <urn:bench:b> <urn:bench:c> }"
        refused, _ = request(sparql, urllib.parse.urlencode({"update": insert}).encode())
        ask_url = f"{sparql}?{urllib.parse.urlencode({'query': 'ASK { <urn:bench:a> ?p ?o }'})}"
        status, body = request(ask_url)
        inserted = status == 200 and json.loads(body)["boolean"]
        print(f"update: HTTP {refused} (403 = refused); the triple is there: {inserted}")
    finally:
        process.terminate()
        process.communicate(timeout=30)
    print(f"store files unchanged: {snapshot(out / 'store') == before}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="an existing build folder (else one is built)")
    parser.add_argument("--corpus", choices=["abc", "seeds"], default="abc")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphkit-query-speed-") as folder:
        out = options.out
        if out is None:
            corpus = options.corpus
            if corpus == "abc" and not (shared_dir() / "corpus" / "abc_news").is_dir():
                print("no ../shared/corpus/abc_news here: using the seed articles")
                corpus = "seeds"
            out = build(corpus, Path(folder))
        if not (out / "store").is_dir() or not (out / "graph.trig").is_file():
            raise SystemExit(f"{out}: needs store/ and graph.trig (build it with graphkit build)")
        store_mb = sum(p.stat().st_size for p in (out / "store").rglob("*") if p.is_file()) / 1e6
        descriptor = json.loads((out / "store" / "graphkit-store.json").read_text("utf-8"))
        print(
            f"{out}: {descriptor['quads']:,} quads; graph.trig "
            f"{(out / 'graph.trig').stat().st_size / 1e6:.1f} MB, store {store_mb:.1f} MB"
        )
        entities = hubs(out, options.requests)
        print(f"one-hop query of the most connected entity: {one_hop(entities[0])}")
        whole_process(out, one_hop(entities[0]), options.repeat)
        map_reads(out, options.repeat)
        endpoint(out, entities, options.requests, options.clients)


if __name__ == "__main__":
    main()
