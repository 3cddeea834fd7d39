"""Views (entity + hops, max_nodes, filters), layout and escaping of the map, with no browser."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import re
import shutil
import subprocess
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest

from graphkit import analyze
from graphkit.analyze import Network
from graphkit.config import DEFAULT_MAX_NODES
from graphkit.errors import GraphkitError
from graphkit.visualize import View, layout, render_html, select_view, style
from graphkit.visualize import page as page_module
from graphkit.visualize.view import folded, folded_facts, unfolded

ENT = "https://w3id.org/graphkit/entity/"
REL = "https://w3id.org/graphkit/rel/"
HOSTILE = (
    "</script><script>alert(1)</script><img src=x onerror=alert(2)> \"q\" 'a' \\ & \u2028\u2029"
)


def entity(graph: nx.MultiDiGraph, slug: str, kind: str = "Person", *aliases: str) -> str:
    graph.add_node(
        ENT + slug, label=slug.replace("_", " ").title(), type=kind, aliases=list(aliases)
    )
    return ENT + slug


def fact(
    graph: nx.MultiDiGraph, s: str, relation: str, o: str, *, sentence: str = "It is so."
) -> None:
    source = {"doc": "https://w3id.org/graphkit/doc/1", "title": "a.txt", "sentence": sentence}
    graph.add_edge(
        s, o, key=REL + relation.replace(" ", "_"), relation=relation, sources=[source],
        support=1, negated=relation.startswith("not "), conflict=False,
    )  # fmt: skip


@pytest.fixture
def chain() -> nx.MultiDiGraph:
    """Ann -meet-> Bob -meet-> Cat -visit-> Dover (a Place); Eve -visit-> Dover; Fay alone."""
    graph = nx.MultiDiGraph()
    ann, bob, cat = (
        entity(graph, "ann", "Person", "Annie"),
        entity(graph, "bob"),
        entity(graph, "cat"),
    )
    dover, eve = entity(graph, "dover", "Place"), entity(graph, "eve")
    entity(graph, "fay")
    fact(graph, ann, "meet", bob)
    fact(graph, bob, "meet", cat)
    fact(graph, cat, "visit", dover)
    fact(graph, eve, "visit", dover)
    return graph


@pytest.fixture
def news() -> nx.MultiDiGraph:
    """Ann, Bob, Dover and a value among concept phrases (type Thing), as articles make them.

    "Statements" is the best connected node of all (Ann issues them; they mention five
    phrases). "Trade" states a value and "President" is in conflict: those two do not fold.
    """
    graph = nx.MultiDiGraph()
    ann, bob, dover = entity(graph, "ann"), entity(graph, "bob"), entity(graph, "dover", "Place")
    dollars = entity(graph, "five_dollars", "Value")
    statements, deal, partnership, trade, president = (
        entity(graph, name, "Thing")
        for name in ("statements", "deal", "partnership", "trade", "president")
    )
    fact(graph, ann, "meet", bob)
    fact(graph, bob, "visit", dover)
    fact(graph, ann, "praise", partnership)
    fact(graph, bob, "sign", deal)
    fact(graph, bob, "praise", partnership)
    fact(graph, ann, "issue", statements)
    for i in range(5):
        fact(graph, statements, "mention", entity(graph, f"phrase_{i}", "Thing"))
    fact(graph, trade, "reach", dollars)
    fact(graph, ann, "be", president)
    graph.edges[ann, president, REL + "be"]["conflict"] = True
    return graph


def labels(view: View) -> set[str]:
    return {data["label"] for _, data in view.graph.nodes(data=True)}


def page_data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_entity_is_found_by_the_one_lookup(chain: nx.MultiDiGraph) -> None:
    """select_view finds its entity by analyze.find_entity's rules (tested in test_analyze.py)."""
    assert labels(select_view(chain, entity=" the ANNIE ", hops=0)) == {"Ann"}
    assert labels(select_view(chain, entity=ENT + "bob", hops=0)) == {"Bob"}
    with pytest.raises(GraphkitError, match=r"'Dovr': no entity .* did you mean 'Dover'"):
        select_view(chain, entity="Dovr")


@pytest.mark.parametrize(
    ("hops", "expected"),
    [
        (0, {"Ann"}),
        (1, {"Ann", "Bob"}),
        (2, {"Ann", "Bob", "Cat"}),
        (3, {"Ann", "Bob", "Cat", "Dover"}),
        (9, {"Ann", "Bob", "Cat", "Dover", "Eve"}),
    ],
)
def test_entity_view_keeps_the_neighbourhood_within_hops(
    chain: nx.MultiDiGraph, hops: int, expected: set[str]
) -> None:
    view = select_view(chain, entity="Annie", hops=hops)
    assert labels(view) == expected
    assert view.left_out == 0
    assert view.note == ""


def test_max_nodes_keeps_the_most_connected_and_says_what_was_left_out(
    chain: nx.MultiDiGraph,
) -> None:
    view = select_view(chain, max_nodes=3)
    assert labels(view) == {"Bob", "Cat", "Dover"}  # degree 2 each; Ann, Eve 1; Fay 0
    assert view.left_out == 3
    assert "showing the 3 most connected of 6 nodes" in view.note
    assert "3 left out" in view.note
    assert "2 of 4 facts" in view.note  # Ann-Bob and Eve-Dover are gone


def test_max_nodes_with_entity_keeps_the_entity_and_its_nearest(chain: nx.MultiDiGraph) -> None:
    view = select_view(chain, entity="Eve", hops=9, max_nodes=2)
    assert labels(view) == {"Eve", "Dover"}
    assert "nearest to Eve" in view.note
    assert view.left_out == 3


def test_concept_phrases_fold_unless_they_state_a_value_or_a_conflict(
    news: nx.MultiDiGraph,
) -> None:
    names = {news.nodes[n]["label"] for n in folded(news)}
    assert names == {"Statements", "Deal", "Partnership"} | {f"Phrase {i}" for i in range(5)}
    drawn = unfolded(news, folded(news))
    assert {d["label"] for _, d in drawn.nodes(data=True)} == {
        "Ann", "Bob", "Dover", "Five Dollars", "Trade", "President"
    }  # fmt: skip
    assert drawn.number_of_edges() == 4  # meet, visit, reach, be


def test_folded_facts_are_listed_with_their_entity_most_supported_first(
    news: nx.MultiDiGraph,
) -> None:
    news.edges[ENT + "bob", ENT + "partnership", REL + "praise"]["support"] = 2
    facts = folded_facts(news, folded(news))
    named = {
        news.nodes[node]["label"]: [
            (news.nodes[u]["label"], d["relation"], news.nodes[v]["label"]) for u, v, _, d in listed
        ]
        for node, listed in facts.items()
    }
    assert named == {
        "Ann": [("Ann", "praise", "Partnership"), ("Ann", "issue", "Statements")],
        "Bob": [("Bob", "praise", "Partnership"), ("Bob", "sign", "Deal")],  # support 2 first
    }


def test_max_nodes_is_spent_on_entities_first_while_concepts_fold(
    news: nx.MultiDiGraph,
) -> None:
    view = select_view(news, max_nodes=6)
    assert view.concepts is False
    assert labels(view) == {"Ann", "Bob", "Dover", "Five Dollars", "Trade", "President"}
    # then the phrase that adds the most facts about them, though "Statements" has more facts
    assert labels(select_view(news, max_nodes=7)) == labels(view) | {"Partnership"}
    assert labels(select_view(news, max_nodes=2)) == {"Ann", "Bob"}  # the most connected
    assert "showing the 2 most connected of 14 nodes, entities and values first" in (
        select_view(news, max_nodes=2).note
    )
    # with concepts drawn, the best connected node is kept whatever it is
    drawn = select_view(news, max_nodes=2, concepts=True)
    assert labels(drawn) == {"Statements", "Ann"}
    assert drawn.concepts is True
    assert "entities and values first" not in drawn.note


def drawn(view: View) -> tuple[Any, ...]:
    """All a page draws of a view, in order: its nodes and edges with their data, its note."""
    graph = view.graph
    edges = list(graph.edges(keys=True, data=True))
    return list(graph.nodes(data=True)), edges, view.note, view.left_out, view.concepts


@pytest.mark.parametrize("concepts", [False, True])
def test_a_network_not_yet_in_networkx_gives_the_view_its_graph_gives(
    news: nx.MultiDiGraph, seed_dataset: Any, concepts: bool
) -> None:
    # keep.build and graphkit view rank a big graph's nodes from plain lists (analyze.Network),
    # give only the edges kept their sources and put only the nodes kept into networkx: the
    # same view, to the order of its edges. Each view is made from a network of its own.
    whole = analyze.to_networkx(seed_dataset)
    assert len(whole) > 100
    made = Network(dict(news.nodes(data=True)), list(news.edges(keys=True, data=True)))
    sizes = [1, 2, 5, 7, 12, 40, len(whole) - 1, len(whole)]
    for max_nodes in sizes:
        lean = select_view(analyze.network(seed_dataset), max_nodes=max_nodes, concepts=concepts)
        assert drawn(lean) == drawn(select_view(whole, max_nodes=max_nodes, concepts=concepts))
    for max_nodes in sizes[:5]:
        assert drawn(select_view(made, max_nodes=max_nodes, concepts=concepts)) == drawn(
            select_view(news, max_nodes=max_nodes, concepts=concepts)
        )
    lean = select_view(analyze.network(seed_dataset), max_nodes=40, concepts=concepts)
    assert lean.left_out > 0 and "most connected" in lean.note
    assert all(data["sources"] for *_, data in lean.graph.edges(keys=True, data=True))
    assert render_html(lean) == render_html(select_view(whole, max_nodes=40, concepts=concepts))
    centred = select_view(
        analyze.network(seed_dataset), entity="Vladimir Putin", max_nodes=10, concepts=concepts
    )
    assert drawn(centred) == drawn(
        select_view(whole, entity="Vladimir Putin", max_nodes=10, concepts=concepts)
    )


def test_an_entity_view_keeps_the_entities_within_hops_before_nearer_phrases(
    news: nx.MultiDiGraph,
) -> None:
    view = select_view(news, entity="Ann", hops=2, max_nodes=4)
    assert labels(view) == {"Ann", "Bob", "Dover", "President"}  # Dover is 2 hops away
    assert "nearest to Ann of 12 nodes, entities and values first" in view.note


@pytest.mark.parametrize(
    "options",
    [{"concepts": True}, {"entity": "Partnership"}, {"types": ["thing"]}],
)
def test_views_that_ask_for_concepts_open_with_them_drawn(
    news: nx.MultiDiGraph, options: dict[str, Any]
) -> None:
    assert select_view(news, **options).concepts is True
    assert select_view(news, entity="Ann", types=["Person", "Thing"]).concepts is True
    assert select_view(news, entity="Ann").concepts is False


def test_relation_filter_keeps_those_edges_and_drops_lone_nodes(chain: nx.MultiDiGraph) -> None:
    view = select_view(chain, relations=["VISIT"])
    assert labels(view) == {"Cat", "Dover", "Eve"}
    assert {r for _, _, r in view.graph.edges(data="relation")} == {"visit"}


def test_type_filter_keeps_those_entities(chain: nx.MultiDiGraph) -> None:
    assert labels(select_view(chain, types=["place"])) == {"Dover"}
    assert labels(select_view(chain, types=["Person"])) == {"Ann", "Bob", "Cat", "Eve", "Fay"}


def test_entity_view_with_relation_filter_keeps_the_entity(chain: nx.MultiDiGraph) -> None:
    assert labels(select_view(chain, entity="Ann", relations=["visit"])) == {"Ann"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"relations": ["mete"]}, r"'mete': no relation of this name; try meet, visit"),
        ({"types": ["Persn"]}, r"'Persn': no type of this name; try Person, Place"),
        ({"entity": "Dover", "types": ["Person"]}, r"'Dover': left out by the type filter"),
    ],
)
def test_filters_that_match_nothing_are_errors(
    chain: nx.MultiDiGraph, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(GraphkitError, match=message):
        select_view(chain, **options)


def test_select_view_leaves_the_input_graph_alone(chain: nx.MultiDiGraph) -> None:
    before = (chain.number_of_nodes(), chain.number_of_edges())
    select_view(chain, entity="Ann", relations=["meet"], types=["Person"], max_nodes=1)
    assert (chain.number_of_nodes(), chain.number_of_edges()) == before


def test_page_carries_every_node_and_edge_with_sources(chain: nx.MultiDiGraph) -> None:
    data = page_data(render_html(chain))
    assert len(data["nodes"]) == 6
    assert len(data["edges"]) == 4
    names = [node[0] for node in data["nodes"]]
    ann = data["nodes"][names.index("Ann")]
    assert ann[5:] == [["Annie"], ENT + "ann"]  # aliases, IRI
    assert data["docs"] == [["a.txt", "https://w3id.org/graphkit/doc/1"]]
    assert data["sentences"] == [[0, "It is so."]]
    assert all(edge[5] == [0] for edge in data["edges"])
    assert names[-1] in {"Bob", "Cat", "Dover"}  # best connected drawn last, on top


def test_page_marks_the_folding_phrases_and_lays_out_the_rest_without_them(
    news: nx.MultiDiGraph,
) -> None:
    data = page_data(render_html(news))
    assert data["concepts"] is False  # the page opens with them folded
    by_label = {node[0]: node for node in data["nodes"]}
    fold = {news.nodes[n]["label"] for n in folded(news)}
    assert {label for label, node in by_label.items() if node[7] is None} == fold
    drawn = unfolded(news, folded(news))
    alone = layout.layout(drawn, seed=1, spread=style.ENTITY_SPREAD)
    for node in drawn:
        assert by_label[news.nodes[node]["label"]][7] == [round(c, 1) for c in alone[node]]
    assert all(len(node) == 8 for node in data["nodes"])


def test_a_view_with_nothing_to_fold_has_one_layout(chain: nx.MultiDiGraph) -> None:
    assert all(len(node) == 7 for node in page_data(render_html(chain))["nodes"])


def test_the_page_opens_with_concepts_drawn_when_the_view_or_the_caller_says_so(
    news: nx.MultiDiGraph,
) -> None:
    shown = select_view(news, concepts=True)
    assert page_data(render_html(shown))["concepts"] is True
    assert page_data(render_html(shown, concepts=False))["concepts"] is False
    assert page_data(render_html(news, concepts=True))["concepts"] is True
    assert page_data(render_html(news))["concepts"] is False


def test_the_summary_counts_entities_values_and_concept_phrases(news: nx.MultiDiGraph) -> None:
    page = render_html(news)
    summary = "3 entities, 1 value, 10 concept phrases and 13 facts from 1 article"
    assert f'<p id="gk-summary">{summary}</p>' in page


def test_parallel_edges_are_bent_apart(chain: nx.MultiDiGraph) -> None:
    fact(chain, ENT + "ann", "phone", ENT + "bob")
    fact(chain, ENT + "bob", "thank", ENT + "ann")
    edges = page_data(render_html(chain))["edges"]
    assert [edge[6] for edge in edges].count(0) == 4  # one straight edge per pair
    # curvedCW/CCW turn with the edge's direction: seen from one end, the others bend apart
    sides = {edge[6] if edge[0] < edge[1] else -edge[6] for edge in edges if edge[6]}
    assert len(sides) == 2


def test_hostile_text_cannot_leave_the_data_block() -> None:
    graph = nx.MultiDiGraph()
    a = entity(graph, "a", "Organization", HOSTILE)
    graph.nodes[a]["label"] = HOSTILE
    b = entity(graph, "b", HOSTILE)  # even the type name
    fact(graph, a, HOSTILE, b, sentence=HOSTILE)
    page = render_html(graph, heading=HOSTILE)
    assert page.count("</script>") == 3  # data, vis-network, the map's own
    assert page.replace(page_module._vis_script(), "").count("<script") == 3
    markup, block = page[: page.index("<script>")].split('<script type="application/json"')
    for raw in ("<img", "<script>alert", "'a'", '"q"'):
        assert raw not in markup
    block = block[block.index(">") + 1 : block.rindex("</script>")]
    for raw in ("<", ">", "&", "\u2028", "\u2029"):  # \u2028/9 end a line of JavaScript
        assert raw not in block
    data = page_data(page)
    assert data["nodes"][-1][0] == HOSTILE or data["nodes"][0][0] == HOSTILE
    assert data["edges"][0][2] == HOSTILE
    assert data["sentences"][0][1] == HOSTILE
    assert HOSTILE in [name for name, *_ in data["types"]]
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)" in page
    assert "<h1>&lt;/script&gt;" in page


def test_the_note_is_escaped_on_the_page() -> None:
    view = View(graph=nx.MultiDiGraph(), left_out=1, note="<b>1</b> left out")
    page = render_html(view)
    assert '<p id="gk-note" role="status">&lt;b&gt;1&lt;/b&gt; left out</p>' in page


def test_page_asks_for_nothing_outside_itself(chain: nx.MultiDiGraph) -> None:
    page = render_html(chain)
    assert not re.search(r"<(?:script|link|img|iframe|object|embed)\b[^>]*\b(?:src|href)=", page)
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    assert "default-src 'none'" in csp.group(1)
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(inline) == 2
    # only these two scripts and this style may apply: no injected handler, script or style
    assert f"script-src {sha256(inline[0])} {sha256(inline[1])};" in csp.group(1)
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(style) == 1
    assert f"style-src {sha256(style[0])};" in csp.group(1)


def sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_the_page_is_the_package_assets_filled_in(chain: nx.MultiDiGraph) -> None:
    assets = files("graphkit.visualize") / "assets"
    template = (assets / "map.html").read_text(encoding="utf-8")
    markers = {"CSP", "HEADING", "SUMMARY", "NOTE", "STYLE", "DATA", "VIS", "APP"}
    assert set(re.findall(r"@([A-Z]+)@", template)) == markers
    page = render_html(chain)
    assert not re.search(r"@[A-Z]+@", page.replace(page_module._vis_script(), ""))
    script = (assets / "map.js").read_text(encoding="utf-8")
    css = (assets / "map.css").read_text(encoding="utf-8")
    assert f"<script>{script}</script>" in page
    assert f"<style>{css}</style>" in page
    head, tail = template.split("@STYLE@")  # the markup around the inserted parts is the file's
    assert page.startswith(head[: head.index("@CSP@")])
    assert page.endswith(tail[tail.index("@APP@") + len("@APP@") :])


@pytest.mark.parametrize("text", ["a</script>b", "a</STYLE >b", "x<!--y"])
def test_text_that_would_close_its_block_is_not_inlined(text: str) -> None:
    with pytest.raises(GraphkitError, match="cannot be inlined"):
        page_module._inlinable(text, "assets/map.js")


def test_views_keep_the_graphs_order_so_the_layout_is_the_same_in_every_run() -> None:
    """A small subgraph's nodes came out in the order of a set, which follows the hash seed."""
    graph = nx.MultiDiGraph()
    names = [entity(graph, f"n{i:02}") for i in range(40)]
    for a, b in itertools.pairwise(names):
        fact(graph, a, "meet", b)
    for view in (select_view(graph, max_nodes=5), select_view(graph, entity="n20", hops=2)):
        assert list(view.graph) == [n for n in graph if n in view.graph]
        assert list(view.graph.edges(keys=True)) == [
            (u, v, k) for u, v, k in graph.edges(keys=True) if u in view.graph and v in view.graph
        ]


def test_layout_is_deterministic_finite_and_spread_out() -> None:
    graph = nx.MultiDiGraph(nx.balanced_tree(3, 5))  # 364 nodes, one component
    graph.add_nodes_from(range(1000, 1050))  # and 50 lone nodes
    first = layout.layout(graph, seed=1)
    assert first == layout.layout(graph, seed=1)
    points = list(first.values())
    assert all(math.isfinite(c) for point in points for c in point)
    assert len({(round(x), round(y)) for x, y in points}) == len(points)
    lengths = [math.dist(first[u], first[v]) for u, v in graph.edges()]
    assert 0.3 * layout.SPACING < sorted(lengths)[len(lengths) // 2] < 3 * layout.SPACING


def test_render_accepts_a_graph_or_a_view_and_an_empty_one() -> None:
    assert page_data(render_html(View(graph=nx.MultiDiGraph())))["nodes"] == []
    assert "0 entities and 0 facts from 0 articles" in render_html(nx.MultiDiGraph())


def test_defaults_are_exported_for_the_cli() -> None:
    assert DEFAULT_MAX_NODES > 100


def test_mesh_repulsion_matches_the_exact_sum() -> None:
    """The particle-mesh far field stands in for every pair: within a few per cent."""
    rng = np.random.default_rng(3)
    pos = rng.normal(size=(1000, 2)) * 10
    mass = rng.integers(1, 5, 1000).astype(float)
    everywhere = layout._Forces(by_degree=True, pull_power=1, near=1e-9, far=1.0)
    exact = layout._push(pos, mass, *np.triu_indices(1000, 1), everywhere, near=1e-9)
    mesh = layout._mesh_push(pos, mass, everywhere)
    error = np.linalg.norm(mesh - exact, axis=1) / np.linalg.norm(exact, axis=1)
    assert np.median(error) < 0.03
    assert np.percentile(error, 90) < 0.06


# The map's script, checked as JavaScript. node and ESLint are optional: without them these skip.
NODE = shutil.which("node")
ESLINT = shutil.which("eslint")  # ESLint 9 or newer (flat config): npm install -g eslint@10
ESLINT_RULES = """
    no-undef no-redeclare no-dupe-keys no-dupe-args no-duplicate-case no-unreachable
    no-func-assign no-cond-assign no-constant-condition no-empty no-fallthrough no-self-assign
    no-sparse-arrays use-isnan valid-typeof no-unsafe-negation no-unsafe-finally no-global-assign
    no-shadow-restricted-names no-loss-of-precision no-prototype-builtins no-inner-declarations
    no-unused-labels eqeqeq no-implicit-globals no-eval no-implied-eval no-new-func no-shadow
""".split()  # eslint:recommended's checks for a plain browser script, and a few of the page's own
ESLINT_CONFIG = {  # written next to a copy of map.js: ESLint lints only files below its config
    "files": ["**/*.js"],
    "languageOptions": {
        "ecmaVersion": 2020,
        "sourceType": "script",
        "globals": dict.fromkeys(
            "vis window document performance requestAnimationFrame setTimeout clearTimeout".split(),
            "readonly",
        ),
    },
    "linterOptions": {"reportUnusedDisableDirectives": "error"},
    "rules": {
        **dict.fromkeys(ESLINT_RULES, "error"),
        "strict": ["error", "function"],
        "no-unused-vars": ["error", {"args": "none"}],
        "no-use-before-define": ["error", {"functions": False}],
        "no-restricted-properties": [  # article text reaches the page as text, never markup
            "error",
            *({"property": p, "message": "use textContent"} for p in ("innerHTML", "outerHTML")),
            {"property": "insertAdjacentHTML", "message": "use textContent"},
            {"object": "document", "property": "write"},
        ],
    },
}


@pytest.mark.skipif(NODE is None, reason="no node on PATH (apt-get install nodejs)")
def test_map_script_is_valid_javascript() -> None:
    with as_file(files("graphkit.visualize") / "assets" / "map.js") as script:
        checked = subprocess.run(
            [str(NODE), "--check", str(script)], capture_output=True, text=True, check=False
        )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(ESLINT is None, reason="no eslint on PATH (npm install -g eslint@10)")
def test_map_script_passes_eslint(tmp_path: Path) -> None:
    version = subprocess.run([str(ESLINT), "--version"], capture_output=True, text=True)
    if int(version.stdout.strip().lstrip("v").split(".")[0]) < 9:
        pytest.skip(f"eslint {version.stdout.strip()}: flat config needs ESLint 9 or newer")
    (tmp_path / "eslint.config.mjs").write_text(f"export default [{json.dumps(ESLINT_CONFIG)}];\n")
    (tmp_path / "map.js").write_text(page_module.asset("map.js"), encoding="utf-8")
    linted = subprocess.run(
        [str(ESLINT), "--config", "eslint.config.mjs", "--max-warnings", "0", "map.js"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert linted.returncode == 0, f"graphkit/visualize/assets/map.js:\n{linted.stdout}"
