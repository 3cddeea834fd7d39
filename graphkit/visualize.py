"""Visualize: choose a view of the graph, then draw it as a self-contained offline pyvis map."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from graphkit.errors import GraphkitError

DEFAULT_MAX_NODES = 300
"""Entities drawn by default: the most connected ones."""

_EXTERNAL = re.compile(
    r"<link\b[^>]*\bhref=\"(?:https?:|\.\./)[^\"]*\"[^>]*/?>|"
    r"<script\b[^>]*\bsrc=\"(?:https?:|\.\./)[^\"]*\"[^>]*>\s*</script>",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """The part of a graph to draw, and how much was left out of it."""

    graph: nx.MultiDiGraph
    left_out: int = 0
    note: str = ""


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """Return the node whose label or alias is `name`, ignoring case."""
    wanted = name.casefold().strip()
    for node, data in graph.nodes(data=True):
        names = [data.get("label", ""), *data.get("aliases", [])]
        if any(str(n).casefold() == wanted for n in names):
            return str(node)
    raise GraphkitError(f"{name!r}: no entity has this name or alias")


def select_view(
    graph: nx.MultiDiGraph,
    *,
    entity: str | None = None,
    hops: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
    relations: Sequence[str] = (),
    types: Sequence[str] = (),
) -> View:
    """Keep an entity's neighbourhood, the chosen relations and types, then the top `max_nodes`."""
    view = graph.copy()
    if relations:
        wanted = {r.casefold() for r in relations}
        view.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, rel in view.edges(keys=True, data="relation")
                if str(rel).casefold() not in wanted
            ]
        )
    if types:
        wanted_types = {t.casefold() for t in types}
        view.remove_nodes_from(
            [n for n, kind in view.nodes(data="type") if str(kind).casefold() not in wanted_types]
        )
    if entity is not None:
        centre = find_entity(graph, entity)
        if centre not in view:
            raise GraphkitError(f"{entity!r}: left out by the --type filter")
        near = nx.ego_graph(view.to_undirected(as_view=True), centre, radius=hops)
        view = view.subgraph(near.nodes).copy()
    if relations or entity is not None:
        view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0 and n != entity])
    total = view.number_of_nodes()
    if total > max_nodes:
        ranked = sorted(view.nodes, key=lambda n: (-view.degree(n), str(n)))
        view = view.subgraph(ranked[:max_nodes]).copy()
        note = (
            f"showing the {max_nodes} most connected of {total} nodes; "
            f"{total - max_nodes} left out (raise --max-nodes to see more)"
        )
        return View(graph=view, left_out=total - max_nodes, note=note)
    return View(graph=view)


def render_html(view: View | nx.MultiDiGraph, *, heading: str = "graphkit") -> str:
    """Draw a view with pyvis as one HTML page that needs no network."""
    from pyvis.network import Network  # pyvis pulls in jinja2 and IPython; only maps need it

    if isinstance(view, nx.MultiDiGraph):
        view = View(graph=view)
    network = Network(directed=True, cdn_resources="in_line", height="800px", width="100%")
    for node, data in view.graph.nodes(data=True):
        network.add_node(
            node,
            label=data.get("label", node),
            title=f"{data.get('label', node)} ({data.get('type', '')})",
            group=data.get("type", ""),
        )
    for source, target, data in view.graph.edges(data=True):
        network.add_edge(source, target, label=data.get("relation", ""))
    page = _EXTERNAL.sub("", network.generate_html())
    return page.replace("<body>", f"<body><h1>{html.escape(heading)}</h1>", 1)
