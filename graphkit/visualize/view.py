"""Choose the part of a graph to draw: an entity's neighbourhood, filters, at most `max_nodes`.

Entities first. Most nodes of a news graph are concept phrases (type Thing: "high-profile
interaction", "statements"), so a view opens with them folded: the named entities and the
values (amounts, dates: what conflicts are about) are drawn, and each one's facts with concept
phrases ("Vladimir Putin — praise → partnership") are listed in its tooltip and details panel.
A concept phrase with a fact that states a value or is in conflict does not fold ("Trade —
reach → $240 billion"), so that a value keeps its subject and a conflict is seen (`folded`).
`concepts=True` opens the view with them all drawn.

The folding is done by the page, not here: the view keeps the concept nodes it has room for,
so the map's "show concepts" box brings them back without a reload, and a concept node costs
the page only a label and a position. What this module does is spend the budget: with concepts
folded, `max_nodes` goes to the entities and values first (most connected, or nearest to
`entity`), and only what is left to concept phrases, those with the most facts about the
entities first. `to_pyvis`, whose page has no such box, leaves the folded concept phrases out
of the network and lists their facts in the node titles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import networkx as nx

from graphkit.analyze import VALUE, Network, find_entity, fold_name
from graphkit.config import DEFAULT_MAX_NODES
from graphkit.errors import GraphkitError
from graphkit.visualize import style

CONCEPT = "Thing"
"""The type of concept phrases: the nodes a view folds into its entities' facts."""
Fact = tuple[Hashable, Hashable, Any, dict[str, Any]]
"""An edge: subject, object, key, attributes."""


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """The part of a graph to draw, how much was left out of it, and whether concepts are drawn.

    `concepts` is how the page opens: False folds the concept phrases (type Thing) into the
    facts of the entities they are linked to; the page's toggle shows them either way.
    """

    graph: nx.MultiDiGraph
    left_out: int = 0
    note: str = ""
    concepts: bool = False


def select_view(
    graph: nx.MultiDiGraph | Network,
    *,
    entity: str | None = None,
    hops: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
    relations: Sequence[str] = (),
    types: Sequence[str] = (),
    concepts: bool = False,
) -> View:
    """Keep the chosen relations and types and an entity's neighbourhood, then `max_nodes` nodes.

    Nodes are kept by degree (most connected first); with `entity` (an IRI, label or alias,
    found by the rules of `analyze.EntityIndex`), nearest first, so the entity itself always
    stays. With `concepts` False (the default) the view opens with concept phrases folded,
    and entities and values are kept before any concept phrase; it opens with them drawn
    when `concepts` is True, when `entity` is itself a concept phrase or when `types` asks
    for Thing. Relation and type names match ignoring case and spacing; a name that matches
    nothing in the graph is an error that lists the names there are.

    `graph` may be an analyze.Network: a view of the most connected nodes is then ranked and
    drawn from its lists, and only the nodes kept are put into networkx (ABC's map: 43,000
    nodes, 500 kept); with a filter or an entity it is put into networkx whole first.
    """
    if isinstance(graph, Network):
        if relations or types or entity is not None or len(graph.nodes) <= max_nodes:
            graph = graph.graph()
        else:
            return _spend(
                graph.nodes.items(),
                graph.edges,
                list(graph.nodes),
                {},
                facts=len(graph.edges),
                max_nodes=max_nodes,
                concepts=concepts,
                which="most connected",
                detail=cast(Callable[[Iterable[Fact]], None], graph.detail),  # its own edges
            )
    view = graph  # filtered through read-only views; only the nodes kept are copied
    if relations:
        wanted = _known(relations, (r for _, _, r in graph.edges(data="relation")), "relation")
        matching = {
            (u, v, k)
            for u, v, k, r in graph.edges(keys=True, data="relation")
            if _fold(r) in wanted
        }
        view = nx.subgraph_view(view, filter_edge=lambda u, v, k: (u, v, k) in matching)
    if types:
        wanted = _known(types, (t for _, t in graph.nodes(data="type")), "type")
        kinds = {n for n, t in graph.nodes(data="type") if _fold(t) in wanted}
        view = nx.subgraph_view(view, filter_node=kinds.__contains__)
        concepts = concepts or _fold(CONCEPT) in wanted
    nodes: Collection[Hashable] = view
    distance: dict[Hashable, int] = {}
    centre = None
    if entity is not None:
        centre = find_entity(graph, entity)
        if centre not in view:
            raise GraphkitError(f"{entity!r}: left out by the type filter")
        concepts = concepts or is_concept(graph.nodes[centre])
        distance = nx.single_source_shortest_path_length(
            view.to_undirected(as_view=True), centre, cutoff=hops
        )
        nodes = distance.keys()
    if relations or entity is not None:
        nodes = [n for n in nodes if n == centre or view.degree(n)]
    edges = view.edges(keys=True, data=True)
    if len(nodes) <= max_nodes:
        chosen = View(graph=_copy(view.nodes(data=True), edges, nodes), concepts=concepts)
    else:
        whole = nodes is view  # counting through a subgraph view is slow: ABC's map took 2 s
        facts = view.number_of_edges() if whole else view.subgraph(nodes).number_of_edges()
        which = "most connected"
        if centre is not None:
            which = f"nearest to {graph.nodes[centre].get('label', centre)}"
        chosen = _spend(
            view.nodes(data=True),
            edges,
            nodes,
            distance,
            facts=facts,
            max_nodes=max_nodes,
            concepts=concepts,
            which=which,
        )
    chosen.graph.graph.update(view.graph)
    return chosen


def _spend(
    nodes: Iterable[tuple[Hashable, dict[str, Any]]],
    edges: Iterable[Fact],
    chosen: Collection[Hashable],
    distance: dict[Hashable, int],
    *,
    facts: int,
    max_nodes: int,
    concepts: bool,
    which: str,
    detail: Callable[[Iterable[Fact]], None] | None = None,
) -> View:
    """The view of the `max_nodes` first of the `chosen` nodes, of `facts` facts, as ranked.

    `nodes` and `edges` are the graph's (or the view's), each with its attributes, in order;
    `detail` gives the edges kept the rest of theirs (analyze.Network.detail).
    """
    if concepts:
        ranked = _ranked(edges, chosen, distance, None)
        first = ""
    else:
        fold = _folded(nodes, edges)
        ranked = _ranked(edges, chosen, distance, fold)
        first = ", entities and values first" if ranked[-1] in fold else ""
    kept = _copy(nodes, edges, ranked[:max_nodes], detail)
    total = len(chosen)
    note = (
        f"showing the {max_nodes:,} {which} of {total:,} nodes{first} "
        f"({total - max_nodes:,} left out, and {facts - kept.number_of_edges():,} "
        f"of {facts:,} facts); raise --max-nodes to draw more"
    )
    return View(graph=kept, left_out=total - max_nodes, note=note, concepts=concepts)


def is_concept(data: dict[str, Any]) -> bool:
    """Whether a node is a concept phrase: of type Thing, or of no type."""
    return style.type_of(data) == CONCEPT


def folded(graph: nx.MultiDiGraph) -> set[Hashable]:
    """The concept phrases that fold while concepts are not drawn.

    All but those with a fact that states a value or is in conflict ("Trade — reach → $240
    billion"): a value is drawn with its subject, and a conflict with both ends. map.js reads
    which nodes fold from the page data (`page._page_data`).
    """
    return _folded(graph.nodes(data=True), graph.edges(keys=True, data=True))


def _folded(
    nodes: Iterable[tuple[Hashable, dict[str, Any]]], edges: Iterable[Fact]
) -> set[Hashable]:
    """`folded` of a graph's nodes and edges, each with its attributes."""
    concepts, values = set(), set()
    for node, data in nodes:
        kind = style.type_of(data)
        if kind == CONCEPT:
            concepts.add(node)
        elif kind == VALUE:
            values.add(node)
    anchored = set()
    for u, v, _, data in edges:  # a pass over the facts, not one a node
        conflict = bool(data.get("conflict"))
        if u in concepts and (conflict or v in values):
            anchored.add(u)
        if v in concepts and (conflict or u in values):
            anchored.add(v)
    return concepts - anchored


def unfolded(graph: nx.MultiDiGraph, fold: Collection[Hashable]) -> nx.MultiDiGraph:
    """The graph without the nodes of `fold` and their facts (a read-only view)."""
    return nx.subgraph_view(graph, filter_node=lambda n: n not in fold)


def folded_facts(graph: nx.MultiDiGraph, fold: Collection[Hashable]) -> dict[Hashable, list[Fact]]:
    """Each drawn node's facts with the folded concept phrases of `fold`, most supported first.

    Ties keep the graph's edge order, as map.js lists them (`node.folded`).
    """
    facts: dict[Hashable, list[Fact]] = {}
    for u, v, k, data in graph.edges(keys=True, data=True):
        if (u in fold) != (v in fold):
            facts.setdefault(v if u in fold else u, []).append((u, v, k, data))
    for listed in facts.values():
        listed.sort(key=lambda fact: -style.support_of(fact[3]))
    return facts


def _ranked(
    edges: Iterable[Fact],
    nodes: Collection[Hashable],
    distance: dict[Hashable, int],
    fold: Collection[Hashable] | None,
) -> list[Hashable]:
    """`nodes` nearest first, then most connected (by `edges`), then by name.

    With `fold` (concepts folded): entities and values, and the concept phrases that do not
    fold, first; the others after them, those that add the most facts to the nodes drawn
    (their edges to nodes that do not fold) first.
    """
    told: Counter[Hashable] = Counter()  # a folded node's facts with nodes that do not fold
    degree: Counter[Hashable] = Counter()  # the graph's degree, counted in one pass
    fold = fold or ()
    for u, v, *_ in edges:
        degree[u] += 1
        degree[v] += 1
        if (u in fold) != (v in fold):
            told[u if u in fold else v] += 1

    def rank(n: Hashable) -> tuple[bool, int, int, int, str]:
        return (n in fold, distance.get(n, 0), -told[n], -degree[n], str(n))

    return sorted(nodes, key=rank)


def aliases(data: dict[str, Any]) -> list[Any]:
    """A node's aliases (none when it has no `aliases` attribute)."""
    return list(data.get("aliases") or [])


def _copy(
    nodes: Iterable[tuple[Hashable, dict[str, Any]]],
    edges: Iterable[Fact],
    chosen: Collection[Hashable],
    detail: Callable[[Iterable[Fact]], None] | None = None,
) -> nx.MultiDiGraph:
    """The subgraph on `chosen`, in the graph's own order (so the layout is the same every run).

    `nodes` and `edges` are the graph's, with their attributes (`detail`: as for `_spend`).
    `view.subgraph(nodes).copy()` lists a small subgraph's nodes in the order of a set, which
    changes with Python's hash seed, and the layout with it.
    """
    keep = set(chosen)
    copy = nx.MultiDiGraph()
    copy.add_nodes_from((n, data) for n, data in nodes if n in keep)
    inside = [(u, v, k, data) for u, v, k, data in edges if u in keep and v in keep]
    if detail is not None:
        detail(inside)
    copy.add_edges_from(inside)
    return copy


def _fold(name: object) -> str:
    return fold_name(str(name))


def _known(names: Sequence[str], present: Any, what: str) -> set[str]:
    """The wanted names, casefolded; an error naming the ones there are if none is present."""
    counts = Counter(str(p) for p in present)
    wanted = {_fold(n) for n in names}
    if not wanted & {_fold(p) for p in counts}:
        common = ", ".join(name for name, _ in counts.most_common(12))
        raise GraphkitError(f"{', '.join(map(repr, names))}: no {what} of this name; try {common}")
    return wanted
