"""Tables of a built graph: the rows behind `KnowledgeGraph.triples()`, `entities()`, `neighbors()`.

Plain named tuples, so the library stays free of pandas: the façade (`graphkit.api`) turns
them into DataFrames, with the tuples' fields as columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
from rdflib import Dataset

from graphkit.analyze import entity_nodes
from graphkit.query import select

_ARTICLES = """SELECT ?doc ?title ?file WHERE {
  ?doc a schema:NewsArticle .
  OPTIONAL { ?doc schema:headline ?title } OPTIONAL { ?doc gk:sourceFile ?file } }"""


class TripleRow(NamedTuple):
    """One fact and one sentence that states it.

    `support` is how many articles state the fact, `article` names the article (its headline,
    else its file name) and `doc` is the article's IRI.
    """

    subject: str
    relation: str
    object: str
    negated: bool
    support: int
    article: str
    sentence: str
    doc: str


class EntityRow(NamedTuple):
    """One entity with how many facts and articles mention it."""

    label: str
    type: str
    aliases: list[str]
    facts: int
    articles: int
    iri: str
    same_as: str | None


class NeighborRow(NamedTuple):
    """One fact linking an entity to a neighbour, and one sentence that states it."""

    neighbor: str
    neighbor_type: str
    subject: str
    relation: str
    object: str
    negated: bool
    support: int
    article: str
    sentence: str
    doc: str


Articles = dict[str, str]
"""Article IRI → how tables name it (see `article_names`)."""

TRIPLE_COLUMNS = TripleRow._fields
"""Columns of `KnowledgeGraph.triples()`: one row per fact and sentence that states it."""

ENTITY_COLUMNS = EntityRow._fields
"""Columns of `KnowledgeGraph.entities()`; `entity()` returns one such row."""

NEIGHBOR_COLUMNS = NeighborRow._fields
"""Columns of `KnowledgeGraph.neighbors()`: the neighbour, then those of `triples()`."""


def article_names(dataset: Dataset) -> Articles:
    """Map each article's IRI to how tables name it: its headline, else its file name."""
    return {
        str(doc): title or (Path(file).name if file else str(doc))
        for doc, title, file in select(dataset, _ARTICLES, trusted=True)
    }


def triple_rows(graph: nx.MultiDiGraph, articles: Articles) -> list[TripleRow]:
    """Every fact with each sentence that states it; facts stated by the most articles first."""
    rows = [
        row for edge in graph.edges(keys=True, data=True) for row in _rows(graph, edge, articles)
    ]
    rows.sort(key=lambda r: (-r.support, r.subject, r.relation, r.object, r.article))
    return rows


def entity_rows(graph: nx.MultiDiGraph) -> list[EntityRow]:
    """Every entity (values left out); the most connected first."""
    rows = [entity_row(graph, node) for node in entity_nodes(graph)]
    rows.sort(key=lambda r: (-r.facts, r.label, r.iri))
    return rows


def entity_row(graph: nx.MultiDiGraph, node: str) -> EntityRow:
    """The row of one entity: label, type, aliases, facts (its degree), articles, IRI."""
    data = graph.nodes[node]
    edges = [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]
    docs = {origin["doc"] for *_, edge in edges for origin in edge["sources"]}
    return EntityRow(
        label=data["label"],
        type=data["type"],
        aliases=list(data.get("aliases", [])),
        facts=graph.degree(node),
        articles=len(docs),
        iri=node,
        same_as=data.get("same_as"),
    )


def neighbor_rows(graph: nx.MultiDiGraph, node: str, articles: Articles) -> list[NeighborRow]:
    """The facts linking `node` to others, one row per sentence; the best-supported first."""
    rows = []
    for edge in graph.edges(keys=True, data=True):
        source, target = edge[0], edge[1]
        if node not in (source, target):
            continue
        other = graph.nodes[target if source == node else source]
        rows += [
            NeighborRow(other["label"], other["type"], *row) for row in _rows(graph, edge, articles)
        ]
    rows.sort(key=lambda r: (-r.support, r.neighbor, r.relation, r.article))
    return rows


def _rows(
    graph: nx.MultiDiGraph, edge: tuple[str, str, str, dict[str, Any]], articles: Articles
) -> Iterator[TripleRow]:
    source, target, _, data = edge
    for origin in data["sources"]:
        yield TripleRow(
            subject=graph.nodes[source]["label"],
            relation=data["relation"],
            object=graph.nodes[target]["label"],
            negated=bool(data["negated"]),
            support=int(data["support"]),
            article=articles.get(origin["doc"], origin["title"]),
            sentence=origin["sentence"].strip(),
            doc=origin["doc"],
        )
