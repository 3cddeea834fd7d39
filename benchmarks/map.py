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
import json
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("GRAPHKIT_SHARED", REPO_ROOT.parent / "shared")) / "corpus" / "abc_news"
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    options = parser.parse_args()
    g = corpus_graph(articles=options.articles, cache=options.cache, jobs=options.jobs)
    print(g.number_of_nodes(), g.number_of_edges())
