"""Visualize: choose a view of the graph, lay it out, and draw it as one self-contained HTML page.

The page is graphkit's own (`_map_template`): pyvis 0.3.2 only supplies its vendored build of
vis-network 9.1.2, inlined with the data. pyvis' own HTML loads vis and Bootstrap from CDNs even
when asked not to, writes a `lib/` folder into the working directory (pyvis #228, #229, #174),
adds edges in quadratic time (#304) and switches tooltips to HTML when a title contains "href".
Positions are computed in Python (`_map_layout`), so the browser draws with physics off and
has nothing to settle.
"""

from __future__ import annotations

import base64
import difflib
import functools
import hashlib
import html
import importlib.util
import json
import re
import zlib
from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit import _map_layout, _map_template
from graphkit.config import DEFAULT_MAX_NODES
from graphkit.errors import GraphkitError

_TYPE_COLOURS = {  # fill, border: Tableau 10, with a darker border of the same hue
    "Person": ("#4e79a7", "#2f4b6e"),
    "Organization": ("#f28e2b", "#b0600f"),
    "Place": ("#59a14f", "#3a6b33"),
    "Event": ("#e15759", "#a3282a"),
    "Product": ("#b07aa1", "#7a4d6e"),
    "CreativeWork": ("#edc948", "#a88b1a"),
    "Legislation": ("#9c755f", "#6b4f3f"),
    "Thing": ("#bab0ac", "#7f7572"),
    "Value": ("#76b7b2", "#46807b"),
}
_OTHER_COLOURS = [("#ff9da7", "#c25f6a"), ("#8cd17d", "#4f8f41"), ("#a0cbe8", "#5b8db0")]
_VIS_NETWORK = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_JSON_IN_SCRIPT = str.maketrans(  # a JSON string may hold these; a <script> block may not
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_MARKER = re.compile(r"@([A-Z]+)@")


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """The part of a graph to draw, and how much was left out of it."""

    graph: nx.MultiDiGraph
    left_out: int = 0
    note: str = ""


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """Return the node whose IRI, label or alias is `name` (any case); the best connected wins."""
    wanted = name.casefold().strip()
    matches = [
        node
        for node, data in graph.nodes(data=True)
        if wanted == str(node).casefold()
        or any(
            str(n).casefold().strip() == wanted for n in [data.get("label", ""), *_aliases(data)]
        )
    ]
    if matches:
        return str(max(matches, key=lambda n: (graph.degree(n), str(n))))
    names = {
        str(n) for _, data in graph.nodes(data=True) for n in [data.get("label"), *_aliases(data)]
    }
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise GraphkitError(f"{name!r}: no entity has this name or alias{hint}")


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

    Nodes are kept by degree (most connected first); with `entity`, nearest first, so the entity
    itself always stays. Relation and type names match case-insensitively; a name that matches
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
        return View(graph=view.subgraph(nodes).copy())
    ranked = sorted(nodes, key=lambda n: (distance.get(n, 0), -view.degree(n), str(n)))
    kept = view.subgraph(ranked[:max_nodes]).copy()
    total, facts = len(nodes), view.subgraph(nodes).number_of_edges()
    which = f"nearest to {graph.nodes[centre].get('label', centre)}" if centre else "most connected"
    note = (
        f"showing the {max_nodes:,} {which} of {total:,} nodes "
        f"({total - max_nodes:,} left out, and {facts - kept.number_of_edges():,} "
        f"of {facts:,} facts); raise --max-nodes to draw more"
    )
    return View(graph=kept, left_out=total - max_nodes, note=note)


def render_html(view: View | nx.MultiDiGraph, *, heading: str = "graphkit", seed: int = 1) -> str:
    """Draw a view as one HTML page that opens offline, from a file, with no request to any host.

    Every label and sentence travels as escaped JSON and reaches the page as text, never as
    markup; a Content-Security-Policy lets only the page's own scripts run. `seed` fixes the
    layout, so the same view draws the same map.
    """
    if isinstance(view, nx.MultiDiGraph):
        view = View(graph=view)
    data = _page_data(view.graph, seed=seed)
    vis, app = _vis_script(), _map_template.APP
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis)} {_csp_hash(app)}",
            f"style-src {_csp_hash(_map_template.STYLE)}",  # vis styles through the CSSOM
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    parts = {
        "CSP": csp,
        "HEADING": html.escape(heading),
        "SUMMARY": html.escape(_summary(view.graph)),
        "NOTE": f'<p id="gk-note" role="status">{html.escape(view.note)}</p>' if view.note else "",
        "STYLE": _map_template.STYLE,
        "DATA": script_json(data),
        "VIS": vis,
        "APP": app,
    }
    return _MARKER.sub(lambda match: parts[match.group(1)], _map_template.PAGE)


def script_json(value: Any) -> str:
    r"""JSON that is safe inside an HTML <script> block: no `<`, `>`, `&`, U+2028 or U+2029.

    >>> print(script_json({"label": "</script><b>&"}))
    {"label":"\u003c/script\u003e\u003cb\u003e\u0026"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_IN_SCRIPT)


def _page_data(graph: nx.MultiDiGraph, *, seed: int) -> dict[str, Any]:
    """The view as compact records for the page's script (decoded at the top of APP)."""
    positions = _map_layout.layout(graph, seed=seed)
    order = sorted(graph, key=lambda n: (graph.degree(n), str(n)))  # hubs drawn last, on top
    index = {node: i for i, node in enumerate(order)}
    type_names = sorted({str(t or "Thing") for _, t in graph.nodes(data="type")}, key=_type_rank)
    type_index = {name: i for i, name in enumerate(type_names)}
    docs: dict[str, int] = {}
    doc_records: list[list[str]] = []
    sentences: dict[tuple[int, str], int] = {}
    nodes = []
    for node in order:
        data = graph.nodes[node]
        x, y = positions[node]
        nodes.append(
            [
                str(data.get("label") or node),
                type_index[str(data.get("type") or "Thing")],
                round(x, 1),
                round(y, 1),
                graph.degree(node),
                [str(a) for a in _aliases(data)],
                str(node),
            ]
        )
    edges = []
    bends = _bends(graph, index)
    for (source, target, key, data), bend in zip(
        graph.edges(keys=True, data=True), bends, strict=True
    ):
        refs, cited = [], set()
        for record in data.get("sources", []):
            doc = str(record.get("doc") or "")
            if doc not in docs:
                docs[doc] = len(doc_records)
                doc_records.append([str(record.get("title") or doc), doc])
            cited.add(doc)
            refs.append(
                sentences.setdefault((docs[doc], str(record.get("sentence") or "")), len(sentences))
            )
        flags = (1 if data.get("negated") else 0) | (2 if data.get("conflict") else 0)
        relation = str(data.get("relation") or key)
        support = max(int(data.get("support") or len(cited)), 1)
        edges.append([index[source], index[target], relation, support, flags, refs, bend])
    return {
        "types": [[name, *_colour(name)] for name in type_names],
        "nodes": nodes,
        "edges": edges,
        "docs": doc_records,
        "sentences": [[doc, text] for doc, text in sentences],
    }


def _bends(graph: nx.MultiDiGraph, index: dict[Hashable, int]) -> list[float]:
    """Curvature per edge so parallel edges between two nodes fan out instead of overlapping."""
    seen: Counter[tuple[int, int]] = Counter()
    bends = []
    for source, target in graph.edges():
        a, b = index[source], index[target]
        pair = (min(a, b), max(a, b))
        rank = seen[pair]
        seen[pair] += 1
        bend = 0.25 * ((rank + 1) // 2) * (1 if rank % 2 else -1)
        bends.append(bend if a <= b else -bend)  # curvedCW turns with the edge's direction
    return bends


def _summary(graph: nx.MultiDiGraph) -> str:
    values = sum(1 for _, t in graph.nodes(data="type") if t == "Value")
    articles = {s.get("doc") for _, _, d in graph.edges(data="sources") for s in d or []}
    parts = [_count(graph.number_of_nodes() - values, "entity", "entities")]
    if values:
        parts.append(_count(values, "value", "values"))
    facts = _count(graph.number_of_edges(), "fact", "facts")
    return ", ".join(parts) + f" and {facts} from {_count(len(articles), 'article', 'articles')}"


def _count(number: int, one: str, many: str) -> str:
    """A count and its noun.

    >>> _count(1, "fact", "facts"), _count(1200, "fact", "facts")
    ('1 fact', '1,200 facts')
    """
    return f"{number:,} {one if number == 1 else many}"


@functools.cache
def _vis_script() -> str:
    """The vis-network build that pyvis vendors, checked to be safe to inline."""
    spec = importlib.util.find_spec("pyvis")  # found, not imported: pyvis imports IPython
    if spec is None or not spec.submodule_search_locations:
        raise GraphkitError("maps need pyvis, which ships vis-network: pip install pyvis==0.3.2")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_NETWORK)
    script = path.read_text(encoding="utf-8")
    script = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", script)  # no .map request
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise GraphkitError(f"{path}: cannot be inlined in a <script> block")
    return script


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _colour(type_name: str) -> tuple[str, str]:
    if type_name in _TYPE_COLOURS:
        return _TYPE_COLOURS[type_name]
    return _OTHER_COLOURS[zlib.crc32(type_name.encode()) % len(_OTHER_COLOURS)]


def _type_rank(type_name: str) -> tuple[int, str]:
    known = list(_TYPE_COLOURS)
    return (known.index(type_name) if type_name in known else len(known), type_name)


def _aliases(data: dict[str, Any]) -> list[Any]:
    return list(data.get("aliases") or [])


def _fold(name: object) -> str:
    return str(name).casefold().strip()


def _known(names: Sequence[str], present: Any, what: str) -> set[str]:
    """The wanted names, casefolded; an error naming the ones there are if none is present."""
    counts = Counter(str(p) for p in present)
    wanted = {_fold(n) for n in names}
    if not wanted & {_fold(p) for p in counts}:
        common = ", ".join(name for name, _ in counts.most_common(12))
        raise GraphkitError(f"{', '.join(map(repr, names))}: no {what} of this name; try {common}")
    return wanted
