"""The map page: assets/map.html filled in with the view's data, its style and its scripts.

The page's own HTML, CSS and script are package files (`assets/`), read with importlib.resources.
Nothing in them interpolates article text: the page reads its data from a JSON block with
`JSON.parse` and puts every label, alias, title and sentence into the DOM with `textContent`
(tooltips are DOM elements, never HTML strings), so text from articles is only ever text.

Concept phrases are folded by the page (see `view.py`): the data block carries every node of
the view with two positions, one laid out with the concept phrases and one without them (the
entities' own drawing, which the page opens with unless `concepts`), and map.js hides the
concept nodes and lists their facts with the entities until its "show concepts" box is ticked.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.visualize import layout, style
from graphkit.visualize.view import View, aliases, folded, is_concept, unfolded

_VIS_NETWORK = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_JSON_IN_SCRIPT = str.maketrans(  # a JSON string may hold these; a <script> block may not
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_MARKER = re.compile(r"@([A-Z]+)@")
_CLOSES_BLOCK = re.compile(r"</(?:script|style)|<!--", re.IGNORECASE)


def render_html(
    view: View | nx.MultiDiGraph,
    *,
    heading: str = "graphkit",
    seed: int = 1,
    concepts: bool | None = None,
) -> str:
    """Draw a view as one HTML page that opens offline, from a file, with no request to any host.

    Every label and sentence travels as escaped JSON and reaches the page as text, never as
    markup; a Content-Security-Policy lets only the page's own scripts run. `seed` fixes the
    layout, so the same view draws the same map. The page opens with concept phrases drawn
    if `concepts` is True, folded into the entities' facts if False, and as the view says
    (`View.concepts`; folded for a bare graph) if None; its "show concepts" box switches.
    """
    if isinstance(view, nx.MultiDiGraph):
        view = View(graph=view)
    opens_with = view.concepts if concepts is None else concepts
    data = _page_data(view.graph, seed=seed, concepts=opens_with)
    vis, app, css = _vis_script(), asset("map.js"), asset("map.css")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis)} {_csp_hash(app)}",
            f"style-src {_csp_hash(css)}",  # vis styles through the CSSOM
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
        "STYLE": css,
        "DATA": script_json(data),
        "VIS": vis,
        "APP": app,
    }
    return _MARKER.sub(lambda match: parts[match.group(1)], asset("map.html"))


def script_json(value: Any) -> str:
    r"""JSON that is safe inside an HTML <script> block: no `<`, `>`, `&`, U+2028 or U+2029.

    >>> print(script_json({"label": "</script><b>&"}))
    {"label":"\u003c/script\u003e\u003cb\u003e\u0026"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_IN_SCRIPT)


@functools.cache
def asset(name: str) -> str:
    """The text of `assets/<name>`; the style and script are checked to be safe to inline."""
    text = files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
    return text if name == "map.html" else _inlinable(text, f"assets/{name}")


def _inlinable(text: str, where: object) -> str:
    """`text`, if it cannot end the <script> or <style> block it goes into; else an error."""
    if _CLOSES_BLOCK.search(text):
        raise GraphkitError(f"{where}: cannot be inlined in a <script> or <style> block")
    return text


def _page_data(graph: nx.MultiDiGraph, *, seed: int, concepts: bool) -> dict[str, Any]:
    """The view as compact records for the page's script (decoded at the top of map.js).

    A node's position (x, y) is laid out with the concept phrases. When some of them fold
    (`view.folded`), each node has an eighth field: null if it folds, else its position in
    the drawing without them; map.js reads which nodes fold from it.
    """
    positions = layout.layout(graph, seed=seed)
    fold = folded(graph)
    alone = {}
    if fold:
        alone = layout.layout(unfolded(graph, fold), seed=seed, spread=style.ENTITY_SPREAD)
    order = style.draw_order(graph)
    index = {node: i for i, node in enumerate(order)}
    type_names = sorted({style.type_of(d) for _, d in graph.nodes(data=True)}, key=style.type_rank)
    type_index = {name: i for i, name in enumerate(type_names)}
    docs: dict[str, int] = {}
    doc_records: list[list[str]] = []
    sentences: dict[tuple[int, str], int] = {}
    nodes = []
    for node in order:
        data = graph.nodes[node]
        x, y = positions[node]
        row: list[Any] = [
            str(data.get("label") or node),
            type_index[style.type_of(data)],
            round(x, 1),
            round(y, 1),
            graph.degree(node),
            [str(a) for a in aliases(data)],
            str(node),
        ]
        if fold:
            at = alone.get(node)
            row.append(None if at is None else [round(at[0], 1), round(at[1], 1)])
        nodes.append(row)
    edges = []
    bends = style.bends(graph, index)
    for (source, target, key, data), bend in zip(
        graph.edges(keys=True, data=True), bends, strict=True
    ):
        refs = []
        for record in data.get("sources", []):
            doc = str(record.get("doc") or "")
            if doc not in docs:
                docs[doc] = len(doc_records)
                doc_records.append([str(record.get("title") or doc), doc])
            refs.append(
                sentences.setdefault((docs[doc], str(record.get("sentence") or "")), len(sentences))
            )
        flags = (1 if data.get("negated") else 0) | (2 if data.get("conflict") else 0)
        relation, support = style.relation_of(key, data), style.support_of(data)
        near = [[str(m["relation"]), m["score"]] for m in data.get("near", [])]
        edges.append([index[source], index[target], relation, support, flags, refs, bend, near])
    return {
        "types": [[name, *style.colour(name)] for name in type_names],
        "nodes": nodes,
        "edges": edges,
        "docs": doc_records,
        "sentences": [[doc, text] for doc, text in sentences],
        "concepts": concepts,
    }


def _summary(graph: nx.MultiDiGraph) -> str:
    values = sum(1 for _, t in graph.nodes(data="type") if t == "Value")
    concepts = sum(1 for _, data in graph.nodes(data=True) if is_concept(data))
    articles = {s.get("doc") for _, _, d in graph.edges(data="sources") for s in d or []}
    parts = [style.count(graph.number_of_nodes() - values - concepts, "entity", "entities")]
    if values:
        parts.append(style.count(values, "value", "values"))
    if concepts:
        parts.append(style.count(concepts, "concept phrase", "concept phrases"))
    facts = style.count(graph.number_of_edges(), "fact", "facts")
    return (
        ", ".join(parts) + f" and {facts} from {style.count(len(articles), 'article', 'articles')}"
    )


@functools.cache
def _vis_script() -> str:
    """The vis-network build that pyvis vendors, checked to be safe to inline."""
    spec = importlib.util.find_spec("pyvis")  # found, not imported: pyvis imports IPython
    if spec is None or not spec.submodule_search_locations:
        raise GraphkitError("maps need pyvis, which ships vis-network: pip install pyvis==0.3.2")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_NETWORK)
    script = path.read_text(encoding="utf-8")
    script = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", script)  # no .map request
    return _inlinable(script, path)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
