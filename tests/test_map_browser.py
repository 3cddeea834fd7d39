"""The HTML map in real headless Chromium: offline, complete, and inert against hostile articles.

Screenshots land in test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graphkit
from graphkit import analyze, nlp, visualize
from graphkit.visualize.style import short

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE_ARTICLE = Path(__file__).parent / "data" / "articles" / "hostile.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
_spec = importlib.util.spec_from_file_location("map_benchmark", ROOT / "benchmarks" / "map.py")
assert _spec is not None and _spec.loader is not None
_map_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_map_benchmark)
CHROMIUM_ARGS = _map_benchmark.CHROMIUM_ARGS  # one list of flags for the tests and the benchmark
ATTACK = "</script><script>alert('title')</script><img src=x onerror=alert('title')>"


@dataclass
class Opened:
    """A map page in the browser and what it did while loading."""

    page: Any
    folder: Path
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[graphkitMap.nodes.length, graphkitMap.edges.length]"))

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def point_at_node(self, label: str) -> dict[str, float]:
        """Where the node with this label is on screen (page coordinates)."""
        point = self.page.evaluate(
            """label => {
              const m = graphkitMap, id = m.nodes.get({filter: n => n.label === label})[0].id;
              const p = m.network.canvasToDOM(m.network.getPosition(id));
              const box = document.getElementById("gk-map").getBoundingClientRect();
              return {x: p.x + box.left, y: p.y + box.top};
            }""",
            label,
        )
        return {"x": float(point["x"]), "y": float(point["y"])}


@pytest.fixture(scope="module")
def seeds(seed_dataset: Any) -> nx.MultiDiGraph:
    """The seed graph (conftest's build of data/seeds), as the map draws it."""
    return analyze.to_networkx(seed_dataset)


@pytest.fixture(scope="module")
def hostile(pipeline: nlp.Pipeline) -> nx.MultiDiGraph:
    graph = graphkit.build(HOSTILE_ARTICLE, pipeline=pipeline).to_networkx()
    for _, _, sources in graph.edges(data="sources"):  # a hostile headline, too
        sources[0]["title"] = ATTACK
    ent = "https://w3id.org/graphkit/entity/"  # and names that are JavaScript's own
    graph.add_node(ent + "c", label="constructor", type="__proto__", aliases=["toString"])
    graph.add_node(ent + "p", label="__proto__", type="Thing", aliases=[])
    source = {"doc": ent + "d", "title": "hasOwnProperty", "sentence": "constructor __proto__"}
    graph.add_edge(ent + "c", ent + "p", key=ent + "r", relation="__proto__", sources=[source],
                   support=1, negated=False, conflict=False)  # fmt: skip
    return graph


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):  # CI installs Debian's chromium: a missing one is a failure there
            pytest.fail(f"no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_file(browser: Any) -> Iterator[Callable[[Path, str], Opened]]:
    """Open a local HTML file with every request off file:// blocked; wait for `ready` (JS)."""
    pages = []

    def open_path(path: Path, ready: str) -> Opened:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(5_000)
        pages.append(page)
        opened = Opened(page=page, folder=path.parent)

        def on_console(message: Any) -> None:
            if message.type in {"error", "warning"}:
                opened.errors.append(message.text)

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", on_dialog)
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        page.goto(path.as_uri())
        page.wait_for_function(ready, timeout=30_000)
        return opened

    yield open_path
    for page in pages:
        page.close()


@pytest.fixture
def open_map(open_file: Callable[[Path, str], Opened], tmp_path: Path) -> Callable[[str], Opened]:
    """Open a page from `render_html`, written alone into a fresh folder, once it has drawn."""

    def open_page(page_html: str) -> Opened:
        folder = tmp_path / "site"
        folder.mkdir()
        (folder / "map.html").write_text(page_html, encoding="utf-8")
        return open_file(folder / "map.html", "document.body.hasAttribute('data-ready')")

    return open_page


def folding(graph: nx.MultiDiGraph) -> set[str]:
    """The concept phrases the map folds, found here without graphkit's code: every Thing but
    those with a fact that states a value or is in conflict."""
    ends: dict[str, set[str]] = {n: set() for n in graph}
    for u, v, data in graph.edges(data=True):
        for node, other in ((u, v), (v, u)):
            ends[node].add("conflict" if data["conflict"] else graph.nodes[other]["type"])
    return {
        n for n, kind in graph.nodes(data="type")
        if kind == "Thing" and not ends[n] & {"Value", "conflict"}
    }  # fmt: skip


def types_drawn(opened: Opened) -> Counter[str]:
    return Counter(opened.page.evaluate("graphkitMap.shownNodes.get().map(n => n.gkType)"))


def test_seed_map_opens_offline_with_the_entities_drawn_and_the_concepts_folded(
    seeds, open_map
) -> None:
    view = visualize.select_view(seeds)
    opened = open_map(visualize.render_html(view, heading="graphkit: data/seeds"))
    page = opened.page
    assert opened.errors == []
    assert [url for url in opened.requests if not url.startswith("file://")] == []
    assert sorted(p.name for p in opened.folder.iterdir()) == ["map.html"]  # no lib/ folder
    graph, fold = view.graph, folding(view.graph)
    # the page carries every node and edge; it draws the entities, values and the phrases
    # that state a value or conflict: a readable picture of who did what to whom
    assert opened.counts() == (graph.number_of_nodes(), graph.number_of_edges())
    things = sum(1 for _, kind in graph.nodes(data="type") if kind == "Thing")
    assert len(fold) > graph.number_of_nodes() / 2  # concept phrases: most of the graph
    expected = Counter(kind for n, kind in graph.nodes(data="type") if n not in fold)
    assert types_drawn(opened) == expected
    assert expected["Thing"] == things - len(fold) < 5
    edges = sum(1 for u, v in graph.edges() if u not in fold and v not in fold)
    assert page.evaluate("graphkitMap.shown()") == {"nodes": sum(expected.values()), "edges": edges}
    legend = page.inner_text("#gk-legend")
    assert "Person" in legend and "Place" in legend and "Thing" not in legend
    assert not page.is_checked("#gk-concepts-toggle")
    status = page.inner_text("#gk-concepts-status")
    assert status.startswith(f"{things} concept phrases, in grey: {len(fold)} folded, their ")
    opened.screenshot("map-seeds.png")

    page.check("#gk-concepts-toggle")  # every concept phrase comes back
    assert page.evaluate("graphkitMap.shown()") == {
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()
    }  # fmt: skip
    assert types_drawn(opened)["Thing"] == things
    assert page.inner_text("#gk-concepts-status") == f"{things} concept phrases, in grey."
    opened.screenshot("map-seeds-concepts.png")
    page.uncheck("#gk-concepts-toggle")
    assert types_drawn(opened) == expected
    assert opened.errors == []
    assert [url for url in opened.requests if not url.startswith("file://")] == []


def test_the_seed_map_opens_with_every_concept_when_asked(seeds, open_map) -> None:
    view = visualize.select_view(seeds, concepts=True)
    opened = open_map(visualize.render_html(view))
    assert opened.page.is_checked("#gk-concepts-toggle")
    assert opened.page.evaluate("graphkitMap.shown()") == {
        "nodes": view.graph.number_of_nodes(), "edges": view.graph.number_of_edges()
    }  # fmt: skip
    assert opened.errors == []


def test_a_folded_fact_is_listed_with_its_entity(seeds, open_map) -> None:
    view = visualize.select_view(seeds)
    graph, fold = view.graph, folding(view.graph)
    putin = analyze.find_entity(graph, "Vladimir Putin")
    label = {node: str(name) for node, name in graph.nodes(data="label")}
    facts = [
        (f"{label[u]} \u2014 {d['relation']} \u2192 {label[v]}", d, u, v)
        for u, v, d in graph.edges(data=True)
        if putin in (u, v) and (u in fold or v in fold)
    ]
    assert facts, "Putin has no fact with a concept phrase"
    opened = open_map(visualize.render_html(view))
    page = opened.page

    spot = opened.point_at_node("Vladimir Putin")  # the tooltip lists them ...
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.inner_text("div.vis-tooltip")
    assert "Facts with concept phrases" in tip
    assert sum(short(name, 90) in tip for name, *_ in facts) == min(len(facts), 8)

    page.fill("#gk-search", "putin")  # ... and the details panel, every one
    page.press("#gk-search", "Enter")
    details = page.inner_text("#gk-details")
    assert f"Facts with concept phrases ({len(facts)})".upper() in details.upper()
    assert all(name in details for name, *_ in facts)
    name, data, subject, target = facts[-1]
    page.locator("#gk-details li button", has_text=name).first.click()  # its sources
    assert data["sources"][0]["sentence"].strip() in page.inner_text("#gk-details")
    assert not page.is_checked("#gk-concepts-toggle")
    phrase = target if target in fold else subject  # the phrase itself: concepts come back
    page.locator("#gk-details h2 button", has_text=label[phrase]).click()
    assert page.inner_text("#gk-details h2") == label[phrase]
    assert page.is_checked("#gk-concepts-toggle")
    assert page.evaluate("graphkitMap.shown()")["nodes"] == graph.number_of_nodes()
    assert opened.errors == []
    assert [url for url in opened.requests if not url.startswith("file://")] == []


def test_map_script_runs_without_an_error_on_an_empty_view(open_map) -> None:
    """map.js parses and runs in Chromium even with nothing to draw (no graph to build)."""
    opened = open_map(visualize.render_html(nx.MultiDiGraph()))
    assert opened.errors == []
    assert opened.counts() == (0, 0)
    assert opened.page.inner_text(".gk-empty") == "Nothing to draw in this view."


def test_entity_view_says_what_was_left_out(seeds, open_map) -> None:
    view = visualize.select_view(seeds, entity="Putin", hops=2, max_nodes=30)
    opened = open_map(visualize.render_html(view))
    assert opened.counts() == (30, view.graph.number_of_edges())
    assert opened.page.inner_text("#gk-note") == view.note
    assert "nearest to Vladimir Putin" in view.note
    assert opened.errors == []
    opened.screenshot("map-putin.png")


def test_search_legend_and_relation_filter_work(seeds, open_map) -> None:
    view = visualize.select_view(seeds)
    graph, fold = view.graph, folding(view.graph)
    opened = open_map(visualize.render_html(view))
    page = opened.page
    page.fill("#gk-search", "xi")  # an alias, any case
    page.press("#gk-search", "Enter")
    assert page.inner_text("#gk-details h2") == "Xi Jinping"
    assert "Xi" in page.inner_text("#gk-details")  # aliases listed
    drawn = graph.number_of_nodes() - len(fold)
    places = sum(1 for _, t in graph.nodes(data="type") if t == "Place")
    page.click("#gk-legend button:has-text('Place')")
    assert page.evaluate("graphkitMap.shown()")["nodes"] == drawn - places
    page.click("#gk-legend button:has-text('Place')")
    # the relations listed are those drawn: those of folded facts come back with the phrases
    options = "#gk-relation option"
    folded_only = {r for u, v, r in graph.edges(data="relation") if u in fold or v in fold} - {
        r for u, v, r in graph.edges(data="relation") if u not in fold and v not in fold
    }
    assert folded_only
    listed = set(page.eval_on_selector_all(options, "o => o.map(x => x.value)"))
    assert not listed & folded_only
    page.select_option("#gk-relation", "reach")
    reach = [(u, v) for u, v, r in graph.edges(data="relation") if r == "reach"]
    assert page.evaluate("graphkitMap.shown()")["edges"] == sum(
        1 for u, v in reach if u not in fold and v not in fold
    )
    page.check("#gk-concepts-toggle")
    assert page.input_value("#gk-relation") == "reach"  # kept
    assert page.evaluate("graphkitMap.shown()")["edges"] == len(reach)
    listed = set(page.eval_on_selector_all(options, "o => o.map(x => x.value)"))
    assert folded_only <= listed
    assert opened.errors == []


def test_hostile_article_draws_literally_and_runs_nothing(hostile, open_map) -> None:
    labels = {label for _, label in hostile.nodes(data="label")}
    # the extractor really carries the attack into labels and sentences
    assert any("</script>" in label for label in labels), labels
    assert any("\\" in label and '"' in label for label in labels), labels
    img = [
        (hostile.nodes[u]["label"], d["relation"], hostile.nodes[v]["label"])
        for u, v, d in hostile.edges(data=True)
        if any("<img src=x onerror=alert(1)>" in s["sentence"] for s in d["sources"])
    ]
    assert img, "no edge comes from the <img> sentence"
    heading = "<script>alert('heading')</script>"
    opened = open_map(visualize.render_html(hostile, heading=heading, concepts=True))
    page = opened.page

    script_label = min(label for label in labels if "</script>" in label)
    spot = opened.point_at_node(script_label)  # a tooltip, then the details panel
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.inner_text("div.vis-tooltip").startswith(script_label)
    page.mouse.click(spot["x"], spot["y"])
    assert page.inner_text("#gk-details h2") == script_label
    page.click("#gk-details li button >> nth=0")  # one of its edges: sentence and title
    assert ATTACK in page.inner_text("#gk-details")
    subject, relation, target = img[0]
    page.fill("#gk-search", subject)
    page.press("#gk-search", "Enter")
    edge = page.locator(
        "#gk-details li button", has_text=f"{subject} \u2014 {relation} \u2192 {target}"
    )
    edge.first.click()
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#gk-details")

    page.fill("#gk-search", "tostring")
    page.press("#gk-search", "Enter")
    assert page.inner_text("#gk-details h2") == "constructor"
    page.select_option("#gk-relation", "__proto__")
    assert page.evaluate("graphkitMap.shown()") == {"nodes": 2, "edges": 1}
    page.click("#gk-legend button:has-text('__proto__')")
    assert page.evaluate("graphkitMap.shown()") == {"nodes": 1, "edges": 0}  # its one line too

    assert opened.dialogs == []
    assert opened.errors == []
    assert page.title() == heading
    assert page.inner_text("h1") == heading
    injected = page.evaluate(
        "[document.querySelectorAll('img, svg, iframe, object, embed, b').length,"
        " document.scripts.length]"
    )
    assert injected == [0, 3]  # the data block, vis-network, the map's script
    drawn = set(page.evaluate("graphkitMap.nodes.get().map(n => n.label)"))
    assert {label for label in labels if len(label) <= 32} <= drawn
    opened.screenshot("map-hostile.png")


def test_hostile_facts_fold_into_their_entity_as_text(hostile, open_map) -> None:
    """Folded, the phrases' facts reach the entity's tooltip and details: still only text."""
    opened = open_map(visualize.render_html(hostile))
    page = opened.page
    acme = [
        f"Acme Corp \u2014 {d['relation']} \u2192 {hostile.nodes[v]['label']}"
        for u, v, d in hostile.edges(data=True)
        if hostile.nodes[u]["label"] == "Acme Corp" and hostile.nodes[v]["type"] == "Thing"
    ]
    assert any("<" in name or "=" in name for name in acme), acme
    spot = opened.point_at_node("Acme Corp")
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.inner_text("div.vis-tooltip")
    assert all(name in tip for name in acme)
    page.mouse.click(spot["x"], spot["y"])
    assert all(name in page.inner_text("#gk-details") for name in acme)
    page.locator("#gk-details li button", has_text=acme[0]).first.click()
    assert ATTACK in page.inner_text("#gk-details")  # the article's hostile headline
    assert opened.dialogs == []
    assert opened.errors == []
    injected = page.evaluate(
        "[document.querySelectorAll('img, svg, iframe, object, embed, b').length,"
        " document.scripts.length]"
    )
    assert injected == [0, 3]


def test_details_panel_shows_facts_nearly_the_same(pipeline, open_map, tmp_path) -> None:
    texts = tmp_path / "outlets.jsonl"
    texts.write_text(
        '{"text": "Rio Tinto is considering an offer for Arcadium.", "publisher": "A"}\n'
        '{"text": "Rio Tinto made an offer for Arcadium.", "publisher": "B"}\n',
        encoding="utf-8",
    )
    graph = graphkit.build(texts, pipeline=pipeline).to_networkx()
    near = {
        (d["relation"], m["relation"], m["score"])
        for _, _, d in graph.edges(data=True)
        for m in d["near"]
    }
    assert ("consider offer for", "offer for", 0.833) in near  # both ways, with the score
    assert ("offer for", "consider offer for", 0.833) in near
    page = open_map(visualize.render_html(graph, concepts=True)).page
    page.fill("#gk-search", "Rio Tinto")
    page.press("#gk-search", "Enter")
    page.locator("#gk-details li button", has_text="consider offer for").first.click()
    details = page.inner_text("#gk-details")
    assert "nearly the same (1)" in details.casefold()  # h3 is styled in capitals
    assert "offer for \u2192 Arcadium (0.83)" in details
