"""How the map draws a view: type colours, draw order, curved parallel edges, label lengths.

One place for the choices that the map page (`page.py`, `assets/map.js`) and the pyvis network
(`network.py`) share, so that both draw the same view the same way. The numbers that only
map.js uses at run time are mirrored here for the pyvis network; a test compares the two drawings.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Hashable
from typing import Any

import networkx as nx

TYPE_COLOURS = {  # fill, border: Tableau 10, with a darker border of the same hue
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

NODE_LABEL_CHARS = 32
"""Labels longer than this are cut with an ellipsis on the drawing (map.js `short`)."""
EDGE_LABEL_CHARS = 40
TIP_SOURCES = 3
"""Source sentences shown in an edge's tooltip (map.js `MAX_TIP_SOURCES`)."""
TIP_SENTENCE_CHARS = 240
ENTITY_SPREAD = 2.0
"""How much further apart neighbours are drawn while concept phrases are folded (`layout`'s
`spread`): fewer nodes, but hubs with long names, and many parallel facts between them."""
TIP_FACTS = 8
"""Facts with concept phrases listed in a node's tooltip while they are folded (map.js)."""
TIP_FACT_CHARS = 90


def colour(type_name: str) -> tuple[str, str]:
    """The fill and border colour of an entity type; unknown types get one of three others.

    >>> colour("Person")
    ('#4e79a7', '#2f4b6e')
    """
    if type_name in TYPE_COLOURS:
        return TYPE_COLOURS[type_name]
    return _OTHER_COLOURS[zlib.crc32(type_name.encode()) % len(_OTHER_COLOURS)]


def type_rank(type_name: str) -> tuple[int, str]:
    """Sort key of the legend: the known types in their order, then the others by name."""
    known = list(TYPE_COLOURS)
    return (known.index(type_name) if type_name in known else len(known), type_name)


def type_of(data: dict[str, Any]) -> str:
    """A node's type name; "Thing" when it has none."""
    return str(data.get("type") or "Thing")


def draw_order(graph: nx.MultiDiGraph) -> list[Hashable]:
    """The nodes by degree, least first: hubs are drawn last, on top."""
    return sorted(graph, key=lambda n: (graph.degree(n), str(n)))


def bends(graph: nx.MultiDiGraph, index: dict[Hashable, int]) -> list[float]:
    """Curvature per edge so parallel edges between two nodes fan out instead of overlapping.

    `index` is each node's place in `draw_order`; the result follows `graph.edges()`.
    """
    seen: Counter[tuple[int, int]] = Counter()
    result = []
    for source, target in graph.edges():
        a, b = index[source], index[target]
        pair = (min(a, b), max(a, b))
        rank = seen[pair]
        seen[pair] += 1
        bend = 0.25 * ((rank + 1) // 2) * (1 if rank % 2 else -1)
        result.append(bend if a <= b else -bend)  # curvedCW turns with the edge's direction
    return result


def relation_of(key: object, data: dict[str, Any]) -> str:
    """An edge's relation as written; its key when it has none."""
    return str(data.get("relation") or key)


def support_of(data: dict[str, Any]) -> int:
    """In how many articles an edge's fact is stated: `support`, else its cited articles, >= 1."""
    if data.get("support"):
        return max(int(data["support"]), 1)
    cited = {str(record.get("doc") or "") for record in data.get("sources", [])}
    return max(len(cited), 1)


def edge_width(support: int) -> float:
    """Line width: thicker for facts stated in more articles (map.js, `width`).

    >>> edge_width(1), edge_width(3), edge_width(50)
    (1.0, 4.0, 8)
    """
    return min(1 + 1.5 * (support - 1), 8)


def short(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, as map.js `short` does.

    (JavaScript counts UTF-16 units, so a label with emoji may be cut a little earlier there.)

    >>> short("Vladimir Putin", 8)
    'Vladimi…'
    """
    return text[: limit - 1] + "\u2026" if len(text) > limit else text


def count(number: int, one: str, many: str) -> str:
    """A count and its noun.

    >>> count(1, "fact", "facts"), count(1200, "fact", "facts")
    ('1 fact', '1,200 facts')
    """
    return f"{number:,} {one if number == 1 else many}"
