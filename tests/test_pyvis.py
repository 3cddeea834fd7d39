"""`to_pyvis`: a pyvis Network of the same view, drawn as the map draws it; pyvis' page offline.

pyvis' `write_html` writes into the working directory (and, with cdn_resources="local", a `lib/`
folder: pyvis #174, #228), so every test that writes runs inside tmp_path.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import test_map_browser as in_browser
import test_visualize as on_map
from test_visualize import ENT, HOSTILE, REL, entity, fact, page_data

from graphkit.visualize import View, render_html, select_view, to_pyvis
from graphkit.visualize.view import folded, unfolded

# the fixtures of the map's tests, shared rather than copied
browser, open_file, open_map, seeds = (
    in_browser.browser,
    in_browser.open_file,
    in_browser.open_map,
    in_browser.seeds,
)
chain, news = on_map.chain, on_map.news
BOOTSTRAP = [  # pyvis 0.3.2 links these whatever cdn_resources says (pyvis #229)
    "https://cdn.jsdelivr.net/npm/bootstrap@5.0.0-beta3/dist/css/bootstrap.min.css",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.0.0-beta3/dist/js/bootstrap.bundle.min.js",
]
DRAWN = """([nodes, edges, network]) => ({
  nodes: nodes.get().map(n => [n.label, n.x, n.y, n.color.background, n.color.border,
                              network.body.nodes[n.id].options.size]),
  edges: edges.get().map(e => [nodes.get(e.from).label, nodes.get(e.to).label, e.label,
                              e.width, e.dashes || null, e.color ? e.color.color : null,
                              e.smooth ? [e.smooth.type, e.smooth.roundness] : null]),
  nodeTips: nodes.get().map(n => typeof n.title === "string" ? n.title.replace(/\\n/g, "")
                                                               : n.title.textContent),
  edgeTips: edges.get().map(e => typeof e.title === "string" ? e.title.split("\\n")[0]
                                                               : e.title.firstChild.textContent),
})"""
"""What a vis-network page drew: node and edge styles, rendered node sizes, tooltip text."""


def test_nodes_are_the_views_with_the_maps_labels_colours_and_positions(
    chain: nx.MultiDiGraph,
) -> None:
    entity(chain, "a_person_with_a_name_far_too_long_to_draw_whole")
    net = to_pyvis(chain)
    data = page_data(render_html(chain))
    colours = {name: (fill, border) for name, fill, border in data["types"]}
    expected = [
        (node[6], node[2], node[3], colours[data["types"][node[1]][0]]) for node in data["nodes"]
    ]
    assert [(n["id"], n["x"], n["y"], (n["color"]["background"], n["color"]["border"]))
            for n in net.nodes] == expected  # fmt: skip
    labels = {n["id"]: n["label"] for n in net.nodes}
    assert labels[ENT + "ann"] == "Ann"
    assert labels[ENT + "a_person_with_a_name_far_too_long_to_draw_whole"] == (
        "A Person With A Name Far Too Lo\u2026"  # 32 characters, as map.js cuts it
    )
    ann = next(n for n in net.nodes if n["id"] == ENT + "ann")
    assert ann["title"] == "Ann\nPerson \u00b7 1 connection\nAlso: Annie"
    assert net.options["physics"]["enabled"] is False


def test_sizes_grow_with_the_square_root_of_degree(chain: nx.MultiDiGraph) -> None:
    values = {n["id"]: n["value"] for n in to_pyvis(chain).nodes}
    assert values[ENT + "fay"] == 0  # degree 0, the least
    assert values[ENT + "ann"] == 1
    assert values[ENT + "bob"] == pytest.approx(math.sqrt(2))


def test_every_edge_is_drawn_with_its_relation_support_and_flags(chain: nx.MultiDiGraph) -> None:
    fact(chain, ENT + "ann", "phone", ENT + "bob")  # parallel
    fact(chain, ENT + "bob", "not thank", ENT + "ann")  # reverse, negated
    chain.edges[ENT + "eve", ENT + "dover", REL + "visit"].update(conflict=True, support=3)
    net = to_pyvis(chain)
    assert len(net.edges) == chain.number_of_edges() == 6
    assert all(e["arrows"] == {"to": {"enabled": True, "scaleFactor": 0.55}} for e in net.edges)
    by_label = {e["label"]: e for e in net.edges}
    plain = next(e for e in net.edges if e["from"] == ENT + "cat")
    assert (plain["label"], plain["width"], "dashes" in plain, "color" in plain) == (
        "visit",
        1,
        False,
        False,
    )
    conflict = next(e for e in net.edges if e["from"] == ENT + "eve")
    assert (conflict["width"], conflict["dashes"], conflict["color"]["color"]) == (
        4,
        [8, 5],
        "#d62728",
    )
    assert conflict["title"].splitlines()[:2] == [
        "Eve \u2014 visit \u2192 Dover",
        "stated in 3 articles \u00b7 conflicts with another source",
    ]
    assert by_label["not thank"]["dashes"] == [2, 4]
    assert by_label["not thank"]["title"].splitlines()[2] == "1. a.txt: \u201cIt is so.\u201d"
    bent = [e["smooth"]["type"] for e in net.edges if "smooth" in e]
    assert len(bent) == 2  # Ann and Bob: one straight edge, two bent apart


def test_folded_concepts_are_left_out_and_listed_in_the_titles(news: nx.MultiDiGraph) -> None:
    for i in range(10):  # more facts than a title lists
        fact(news, ENT + "bob", "say", entity(news, f"thing_{i}", "Thing"))
    net = to_pyvis(news)
    assert {n["label"] for n in net.nodes} == {
        "Ann", "Bob", "Dover", "Five Dollars", "Trade", "President"
    }  # fmt: skip
    assert len(net.edges) == 4  # meet, visit, reach and the conflict
    titles = {n["label"]: n["title"].splitlines() for n in net.nodes}
    assert titles["Ann"][2:] == [
        "Facts with concept phrases",
        "Ann \u2014 praise \u2192 Partnership",
        "Ann \u2014 issue \u2192 Statements",
    ]
    assert titles["Bob"][3:5] == [
        "Bob \u2014 sign \u2192 Deal",
        "Bob \u2014 praise \u2192 Partnership",
    ]
    assert titles["Bob"][-1] == "and 4 more"  # 12 facts, 8 listed
    assert len(titles["Bob"]) == 2 + 1 + 8 + 1
    assert titles["Dover"] == ["Dover", "Place \u00b7 1 connection"]
    # positions are the map's drawing without the folded phrases
    data = page_data(render_html(news))
    alone = {node[6]: node[7] for node in data["nodes"] if node[7] is not None}
    assert {n["id"]: [n["x"], n["y"]] for n in net.nodes} == alone
    every = to_pyvis(news, concepts=True)
    assert len(every.nodes) == news.number_of_nodes()
    assert len(every.edges) == news.number_of_edges()
    assert "Facts with concept phrases" not in "".join(n["title"] for n in every.nodes)
    assert len(to_pyvis(select_view(news, concepts=True)).nodes) == news.number_of_nodes()


def test_hostile_text_stays_text_in_pyvis_page(tmp_path: Path, monkeypatch: Any) -> None:
    graph = nx.MultiDiGraph()
    a = entity(graph, "a", "Organization", HOSTILE, "<a href='x'>link</a>")
    graph.nodes[a]["label"] = HOSTILE
    fact(graph, a, HOSTILE, entity(graph, "b"), sentence=HOSTILE)
    net = to_pyvis(graph, heading=HOSTILE)
    monkeypatch.chdir(tmp_path)
    net.write_html("net.html")
    page = (tmp_path / "net.html").read_text(encoding="utf-8")
    assert "<img" not in page
    assert "<script>alert" not in page
    assert "<h1>&lt;/script&gt;&lt;script&gt;alert(1)" in page  # pyvis does not escape it
    assert "href" not in "".join(n["title"] for n in net.nodes)
    assert "popup.innerHTML" not in page  # pyvis' HTML tooltips stay off
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.html"]  # no lib/ folder


def test_a_view_and_its_graph_give_the_same_network(chain: nx.MultiDiGraph) -> None:
    view = select_view(chain, max_nodes=3)
    assert to_pyvis(view).nodes == to_pyvis(view.graph).nodes
    assert to_pyvis(View(graph=nx.MultiDiGraph())).nodes == []


@pytest.mark.browser
def test_pyvis_page_draws_the_view_offline(
    seeds: nx.MultiDiGraph, open_file: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    view = select_view(seeds)
    monkeypatch.chdir(tmp_path)
    to_pyvis(view, heading="graphkit: data/seeds").write_html("pyvis.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyvis.html"]  # no lib/ folder
    opened = open_file(tmp_path / "pyvis.html", "typeof network === 'object' && network !== null")
    drawn = opened.page.evaluate(
        "[network.body.nodeIndices.length, network.body.edgeIndices.length]"
    )
    shown = unfolded(view.graph, folded(view.graph))
    assert drawn == [shown.number_of_nodes(), shown.number_of_edges()]
    assert shown.number_of_nodes() < view.graph.number_of_nodes() / 2  # most are concepts
    assert [url for url in opened.requests if not url.startswith("file://")] == BOOTSTRAP
    assert [e for e in opened.errors if not e.startswith("Failed to load resource")] == []
    assert opened.dialogs == []
    opened.screenshot("pyvis-seeds.png")


@pytest.mark.browser
def test_pyvis_draws_what_the_map_draws(
    seeds: nx.MultiDiGraph, open_map: Any, open_file: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    view = select_view(seeds, entity="Putin", hops=2, max_nodes=60)
    mapped = open_map(render_html(view)).page.evaluate(
        f"({DRAWN})([graphkitMap.shownNodes, graphkitMap.shownEdges, graphkitMap.network])"
    )
    monkeypatch.chdir(tmp_path)
    to_pyvis(view).write_html("pyvis.html")
    opened = open_file(tmp_path / "pyvis.html", "typeof network === 'object' && network !== null")
    drawn = opened.page.evaluate(f"({DRAWN})([nodes, edges, network])")
    assert len(drawn["nodes"]) == unfolded(view.graph, folded(view.graph)).number_of_nodes()
    assert any("Facts with concept phrases" in tip for tip in drawn["nodeTips"])
    assert sorted(map(json.dumps, drawn["edges"])) == sorted(map(json.dumps, mapped["edges"]))
    assert sorted(drawn["edgeTips"]) == sorted(mapped["edgeTips"])
    assert sorted(drawn["nodeTips"]) == sorted(mapped["nodeTips"])
    # same labels, positions and colours; sizes in the same proportions (the map's hubs may be
    # bigger: they grow when the whole map is zoomed out to fit the window)
    assert sorted(n[:5] for n in drawn["nodes"]) == sorted(n[:5] for n in mapped["nodes"])
    assert relative_sizes(drawn["nodes"]) == pytest.approx(relative_sizes(mapped["nodes"]))


def relative_sizes(nodes: list[list[Any]]) -> list[float]:
    """Each node's size as a share of the way from the smallest (6 px) to the biggest."""
    biggest = max(n[5] for n in nodes)
    return [(n[5] - 6) / (biggest - 6) for n in sorted(nodes, key=lambda n: n[:5])]
