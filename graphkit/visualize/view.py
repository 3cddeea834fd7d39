"""Choose the part of a graph to draw: an entity's neighbourhood, filters, at most `max_nodes`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.analyze import find_entity, fold_name
from graphkit.config import DEFAULT_MAX_NODES
from graphkit.errors import GraphkitError


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """The part of a graph to draw, and how much was left out of it."""

    graph: nx.MultiDiGraph
    left_out: int = 0
    note: str = ""


def select_view(
    graph: nx.MultiDiGraph,
    *,
    entity: str | None = None,
    hops: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
    relations: Sequence[str] = (),
    types: Sequence[str] = (),
) -> View:
    """Keep the chosen relations and types and an entity's neighbourhood, then `max_nodes` nodes.

    Nodes are kept by degree (most connected first); with `entity` (an IRI, label or alias,
    found by the rules of `analyze.EntityIndex`), nearest first, so the entity itself always
    stays. Relation and type names match ignoring case and spacing; a name that matches
    nothing in the graph is an error that lists the names there are.
    """
    view = graph  # filtered through read-only views; only the nodes kept are copied
    if relations:
        wanted = _known(relations, (r for _, _, r in graph.edges(data="relation")), "relation")
        edges = {
            (u, v, k)
            for u, v, k, r in graph.edges(keys=True, data="relation")
            if _fold(r) in wanted
        }
        view = nx.subgraph_view(view, filter_edge=lambda u, v, k: (u, v, k) in edges)
    if types:
        wanted = _known(types, (t for _, t in graph.nodes(data="type")), "type")
        kinds = {n for n, t in graph.nodes(data="type") if _fold(t) in wanted}
        view = nx.subgraph_view(view, filter_node=kinds.__contains__)
    nodes: Collection[Hashable] = view
    distance: dict[Hashable, int] = {}
    centre = None
    if entity is not None:
        centre = find_entity(graph, entity)
        if centre not in view:
            raise GraphkitError(f"{entity!r}: left out by the type filter")
        distance = nx.single_source_shortest_path_length(
            view.to_undirected(as_view=True), centre, cutoff=hops
        )
        nodes = distance.keys()
    if relations or entity is not None:
        nodes = [n for n in nodes if n == centre or view.degree(n)]
    if len(nodes) <= max_nodes:
        return View(graph=_copy(view, nodes))
    ranked = sorted(nodes, key=lambda n: (distance.get(n, 0), -view.degree(n), str(n)))
    kept = _copy(view, ranked[:max_nodes])
    total, facts = len(nodes), view.subgraph(nodes).number_of_edges()
    which = f"nearest to {graph.nodes[centre].get('label', centre)}" if centre else "most connected"
    note = (
        f"showing the {max_nodes:,} {which} of {total:,} nodes "
        f"({total - max_nodes:,} left out, and {facts - kept.number_of_edges():,} "
        f"of {facts:,} facts); raise --max-nodes to draw more"
    )
    return View(graph=kept, left_out=total - max_nodes, note=note)


def aliases(data: dict[str, Any]) -> list[Any]:
    """A node's aliases (none when it has no `aliases` attribute)."""
    return list(data.get("aliases") or [])


def _copy(view: nx.MultiDiGraph, nodes: Collection[Hashable]) -> nx.MultiDiGraph:
    """The subgraph on `nodes`, in the graph's own order (so the layout is the same every run).

    `view.subgraph(nodes).copy()` lists a small subgraph's nodes in the order of a set, which
    changes with Python's hash seed, and the layout with it.
    """
    keep = set(nodes)
    copy = nx.MultiDiGraph()
    copy.graph.update(view.graph)
    copy.add_nodes_from((n, data) for n, data in view.nodes(data=True) if n in keep)
    copy.add_edges_from(
        (u, v, k, data)
        for u, v, k, data in view.edges(keys=True, data=True)
        if u in keep and v in keep
    )
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
