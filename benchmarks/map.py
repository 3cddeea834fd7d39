"""Time the interactive map in headless Chromium: page load to settled drawing, by view size.

Usage, from the repository root::

    python benchmarks/map.py [--sizes 100 1000 5000] [--articles N] [--cache DIR] [--keep DIR]

The graph is built once from the ABC news corpus (``../shared/corpus/abc_news``: rural.txt and
science.txt, one sentence per line, articles separated by blank lines, the first line a headline)
and cached as a pickled networkx graph under ``--cache`` (default: the system temp folder), because
building the whole corpus takes minutes. Each view is ``visualize.select_view(max_nodes=N)``,
rendered by ``visualize.render_html`` and opened from a file:// URL with the network cut off. The
page marks itself ready after the first complete drawing (``document.body.dataset.ready``); the
figure is the time from navigation start to that mark, the median of ``--repeat`` loads.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = (
    Path(os.environ.get("GRAPHKIT_SHARED", REPO_ROOT.parent / "shared")) / "corpus" / "abc_news"
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def read_articles(path: Path) -> list[dict[str, str]]:
    """Split an ABC file into articles: blank-line separated, the first line is the headline."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # science.txt is Latin-1 (degree signs, accents), with CRLF ends
        text = data.decode("cp1252")
    articles = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            if len(block) > 1:
                articles.append({"title": block[0], "text": " ".join(block[1:])})
            block = []
    return articles


def corpus_graph(*, articles: int | None, cache: Path, jobs: int) -> nx.MultiDiGraph:
    """Build (or load from the cache) the networkx graph of the first `articles` ABC articles."""
    from graphkit import analyze, pipeline
    from graphkit.config import BuildConfig

    texts = [a for name in ("rural.txt", "science.txt") for a in read_articles(CORPUS / name)]
    texts = texts[:articles] if articles else texts
    cached = cache / f"graphkit-map-abc-{len(texts)}.pickle"
    if cached.exists():
        with cached.open("rb") as handle:
            graph: nx.MultiDiGraph = pickle.load(handle)
        return graph
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "abc.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in texts), encoding="utf-8")
        started = time.perf_counter()
        result = pipeline.run([source], config=BuildConfig(jobs=jobs))
        print(f"built {result.summary()} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    graph = analyze.to_networkx(result.dataset)
    cache.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as handle:
        pickle.dump(graph, handle)
    return graph


def time_page(page_html: str, *, repeat: int, folder: Path) -> dict[str, float]:
    """Open the page from a file in headless Chromium `repeat` times; median milliseconds."""
    from playwright.sync_api import sync_playwright

    path = folder / "map.html"
    path.write_text(page_html, encoding="utf-8")
    ready, start, data, built, moved, outside = [], [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", functools.partial(_offline, outside=outside))
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready]", timeout=120_000)
            ready.append(float(page.get_attribute("body", "data-ready") or "nan"))
            marks = page.evaluate(
                "Object.fromEntries(performance.getEntriesByType('mark')"
                ".map(m => [m.name, m.startTime]))"
            )
            start.append(marks["gk-start"])
            data.append(marks["gk-data"])
            built.append(marks["gk-built"])
            before = page.evaluate("JSON.stringify(graphkitMap.network.getPositions())")
            page.wait_for_timeout(1000)  # settled: nothing moves after the first drawing
            moved.append(
                before != page.evaluate("JSON.stringify(graphkitMap.network.getPositions())")
            )
            page.close()
        browser.close()
    return {
        "start_ms": statistics.median(start),
        "data_ms": statistics.median(data),
        "built_ms": statistics.median(built),
        "ready_ms": statistics.median(ready),
        "moved": float(any(moved)),
        "outside": float(len(outside)),
    }


def _offline(route: Any, *, outside: list[str]) -> None:
    """Let the page read files; stop and count any request to a host."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def main() -> None:
    from graphkit import visualize
    from graphkit.config import DEFAULT_MAX_NODES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--articles", type=int, default=None, help="first N articles (all)")
    parser.add_argument("--jobs", type=int, default=2, help="build workers")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also write each page here")
    options = parser.parse_args()
    graph = corpus_graph(articles=options.articles, cache=options.cache, jobs=options.jobs)
    print(
        f"ABC corpus graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
        f"default --max-nodes {DEFAULT_MAX_NODES}"
    )
    print(
        "times in ms from navigation start: script = HTML and vis-network parsed, the map's"
        " script starts; data = decoded into vis DataSets; built = network built and fitted;"
        " shown = that drawing is on screen (the figure)"
    )
    print(
        f"{'view':>6} {'nodes':>6} {'edges':>6} {'MB':>5} {'python s':>9} {'script':>7} "
        f"{'data':>6} {'built':>6} {'shown':>6}  settled  offline"
    )
    for size in sorted(set(options.sizes)):
        started = time.perf_counter()
        view = visualize.select_view(graph, max_nodes=size)
        page_html = visualize.render_html(view, heading=f"ABC news, {size} nodes")
        python_s = time.perf_counter() - started
        if options.keep:
            options.keep.mkdir(parents=True, exist_ok=True)
            (options.keep / f"map-{size}.html").write_text(page_html, encoding="utf-8")
        with tempfile.TemporaryDirectory() as folder:
            figures = time_page(page_html, repeat=options.repeat, folder=Path(folder))
        print(
            f"{size:>6} {view.graph.number_of_nodes():>6} {view.graph.number_of_edges():>6} "
            f"{len(page_html.encode()) / 1e6:>5.1f} {python_s:>9.1f} {figures['start_ms']:>7.0f} "
            f"{figures['data_ms']:>6.0f} {figures['built_ms']:>6.0f} {figures['ready_ms']:>6.0f}  "
            f"{'no' if figures['moved'] else 'yes':>7}  "
            f"{'yes' if not figures['outside'] else 'NO':>7}"
        )


if __name__ == "__main__":
    main()
