"""The same view as a pyvis Network, for notebook users who want pyvis' own API to restyle it.

The map page stays graphkit's own (`page.py`); this builds a pyvis 0.3.2 `Network` that draws
what the map draws: the same labels, type colours, square-root node sizes, edge labels, widths,
dashes and arrows, and the positions of `layout.py` with physics off. pyvis' page differs from
the map's: it loads Bootstrap from a CDN whatever `cdn_resources` says (pyvis #229), and with
`cdn_resources="local"` it writes a `lib/` folder into the working directory (#228, #174), so the
Network is made with `cdn_resources="in_line"`. Tooltips are plain text (vis-network 9 shows a
string title with `innerText`); see `_plain` for the one pyvis switch that would make them HTML.
pyvis' page has no "show concepts" box, so folded concept phrases are left out of the Network
and each entity's title lists its facts with them, as the map's tooltips do while they are folded.
"""

from __future__ import annotations

import html
import json
import math
import textwrap
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphkit.visualize import layout, style
from graphkit.visualize.view import Fact, View, aliases, folded, folded_facts, unfolded

if TYPE_CHECKING:
    from pyvis.network import Network

_NODE_FONT = "system-ui,-apple-system,Roboto,Helvetica,Arial,sans-serif"  # no spaces: see _options
_TIP_WIDTH = 80
"""Characters per tooltip line: pyvis' vis-network.css sets `white-space: nowrap` on tooltips."""
_ARROW = {"to": {"enabled": True, "scaleFactor": 0.55}}
_CONFLICT = {"color": "#d62728", "highlight": "#a51d1f", "hover": "#a51d1f"}
_NEGATED = {"color": "#7b8794", "highlight": "#323f4b", "hover": "#323f4b"}


def to_pyvis(
    view: View | nx.MultiDiGraph,
    *,
    heading: str = "",
    seed: int = 1,
    height: str = "640px",
    width: str = "100%",
    concepts: bool | None = None,
) -> Network:
    """A pyvis Network of the view, drawn as graphkit's map draws it (positions fixed by `seed`).

    Node ids are the entities' IRIs. A node's `value` is √(degree − the least degree drawn), so
    vis-network's linear scaling gives the map's square-root sizes. Concept phrases are drawn
    if `concepts` is True; if False they are left out and each entity's title lists its facts
    with them; if None, as the view says (`View.concepts`; folded for a bare graph). Write it
    with `net.write_html("map.html")`: the page inlines vis-network but still asks a CDN for
    Bootstrap.
    """
    from pyvis.network import Network

    if isinstance(view, nx.MultiDiGraph):
        view = View(graph=view)
    graph, fold = view.graph, not (view.concepts if concepts is None else concepts)
    hidden = folded(graph) if fold else set()
    drawn = unfolded(graph, hidden) if hidden else graph  # laid out as the map does
    net = Network(
        height=height,
        width=width,
        directed=True,  # an undirected Network drops an edge that joins the same two nodes
        heading=html.escape(heading),  # pyvis' template puts the heading in unescaped
        cdn_resources="in_line",
    )
    net.set_options(json.dumps(_options(graph)))
    spread = 1.0 if drawn is graph else style.ENTITY_SPREAD
    positions = layout.layout(drawn, seed=seed, spread=spread)
    order = [node for node in style.draw_order(graph) if node in drawn]
    least = min((graph.degree(n) for n in order), default=0)
    facts = folded_facts(graph, hidden)
    for node in order:
        data = graph.nodes[node]
        label = str(data.get("label") or node)
        kind, degree = style.type_of(data), graph.degree(node)
        fill, border = style.colour(kind)
        lines = [label, f"{kind} \u00b7 {style.count(degree, 'connection', 'connections')}"]
        if aliases(data):
            lines.append("Also: " + ", ".join(str(a) for a in aliases(data)))
        lines.extend(_folded_lines(graph, facts.get(node, [])))
        x, y = positions[node]
        net.add_node(
            str(node),
            label=style.short(label, style.NODE_LABEL_CHARS),
            title=_plain("\n".join(lines)),
            color={
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#1f2933"},
                "hover": {"background": fill, "border": "#1f2933"},
            },
            value=math.sqrt(degree - least),
            x=round(x, 1),
            y=round(y, 1),
        )
    index = {node: i for i, node in enumerate(style.draw_order(graph))}
    for (source, target, key, data), bend in zip(
        graph.edges(keys=True, data=True), style.bends(graph, index), strict=True
    ):
        if source not in drawn or target not in drawn:
            continue
        relation, support = style.relation_of(key, data), style.support_of(data)
        edge: dict[str, Any] = {
            "label": style.short(relation, style.EDGE_LABEL_CHARS),
            "title": _edge_title(graph, source, target, relation, support, data),
            "width": style.edge_width(support),
            "arrows": _ARROW,
        }
        if data.get("conflict"):
            edge.update(color=_CONFLICT, dashes=[8, 5])
        elif data.get("negated"):
            edge.update(color=_NEGATED, dashes=[2, 4])
        if bend:
            turn = "curvedCW" if bend > 0 else "curvedCCW"
            edge["smooth"] = {"enabled": True, "type": turn, "roundness": abs(bend)}
        net.add_edge(str(source), str(target), **edge)
    return net


def _folded_lines(graph: nx.MultiDiGraph, facts: list[Fact]) -> list[str]:
    """An entity's facts with concept phrases, as the map's tooltip lists them while folded."""
    if not facts:
        return []
    lines = ["Facts with concept phrases"]
    for source, target, key, data in facts[: style.TIP_FACTS]:
        name = _fact_name(graph, source, target, style.relation_of(key, data))
        lines.append(style.short(name, style.TIP_FACT_CHARS))
    if len(facts) > style.TIP_FACTS:
        lines.append(f"and {len(facts) - style.TIP_FACTS} more")
    return lines


def _fact_name(graph: nx.MultiDiGraph, source: object, target: object, relation: str) -> str:
    """A fact as the map names it: "subject — relation → object"."""
    ends = [str(graph.nodes[n].get("label") or n) for n in (source, target)]
    return f"{ends[0]} \u2014 {relation} \u2192 {ends[1]}"


def _edge_title(
    graph: nx.MultiDiGraph,
    source: object,
    target: object,
    relation: str,
    support: int,
    data: dict[str, Any],
) -> str:
    """The edge's tooltip as the map shows it: the fact, its support and its first sources."""
    meta = [f"stated in {style.count(support, 'article', 'articles')}"]
    if data.get("negated"):
        meta.append("negated")
    if data.get("conflict"):
        meta.append("conflicts with another source")
    lines = [_fact_name(graph, source, target, relation), " \u00b7 ".join(meta)]
    records = list(data.get("sources", []))
    for number, record in enumerate(records[: style.TIP_SOURCES], start=1):
        title = str(record.get("title") or record.get("doc") or "")
        sentence = style.short(str(record.get("sentence") or "").strip(), style.TIP_SENTENCE_CHARS)
        source = f"{number}. {title}: \u201c{sentence}\u201d"  # vis' tooltips do not wrap
        lines.extend(textwrap.wrap(source, _TIP_WIDTH, subsequent_indent="   "))
    if len(records) > style.TIP_SOURCES:
        lines.append(f"and {len(records) - style.TIP_SOURCES} more")
    return "\n".join(lines)


def _plain(title: str) -> str:
    """A node title that pyvis 0.3.2 leaves as text, with "href" broken by a zero-width space.

    With "href" in any node's title, pyvis' page shows every node title as HTML
    (`popup.innerHTML`), and article text would become markup.
    """
    return title.replace("href", "hre\u200bf")


def _options(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The map's vis-network options (map.js) that JSON can carry, at the map's zoom-1 sizes.

    pyvis' `set_options` deletes every space from the JSON, so no value here may hold one.
    """
    big = graph.number_of_edges() > 2000 or graph.number_of_nodes() > 1500
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "scaling": {
                "min": 6,
                "max": 22,
                "label": {
                    "enabled": True,
                    "min": 13,
                    "max": 22,
                    "maxVisible": 20,
                    "drawThreshold": 9,
                },
            },
            "font": {
                "face": _NODE_FONT,
                "color": "#1f2933",
                "strokeWidth": 4,
                "strokeColor": "rgba(255,255,255,0.9)",
            },
        },
        "edges": {
            "arrows": _ARROW,
            "color": {
                "color": "#a3aebb",
                "highlight": "#1f2933",
                "hover": "#52606d",
                "inherit": False,
                "opacity": 0.5 if graph.number_of_edges() > 600 else 1,
            },
            "font": {
                "size": 10,
                "color": "#52606d",
                "face": "system-ui,sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
    }
