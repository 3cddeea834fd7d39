"""Analyze: the RDF graph as a networkx MultiDiGraph, and the measures readers ask for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Dataset

from graphkit.query import select

_EDGES = """
SELECT ?s ?p ?o ?relation ?doc ?sentence ?title ?source ?negated ?conflict WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?doc ; gk:sentence ?sentence .
  ?p rdfs:label ?relation .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc gk:sourceFile ?source }
  OPTIONAL { ?st gk:negated ?negated }
  OPTIONAL { ?conflict a gk:Conflict ; gk:statement ?st }
}"""

_NODES = """
SELECT ?e ?label ?type WHERE {
  ?e rdfs:label ?label ; a ?type .
  FILTER(STRSTARTS(STR(?type), "https://schema.org/") && ?type != schema:NewsArticle)
}"""

_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stats:
    """Counts of a built graph and its best-connected entities."""

    articles: int
    entities: int
    relations: int
    facts: int
    statements: int
    top_entities: tuple[tuple[str, int], ...]


def to_networkx(dataset: Dataset) -> nx.MultiDiGraph:
    """Return entities as nodes and facts as edges, with labels, types and sources as attributes.

    Node attributes: label, type, aliases. Edge key: the relation IRI; attributes: relation,
    sources (a list of {doc, title, sentence}), support (distinct articles), negated, conflict.
    A literal object (an amount, a date) becomes a node of type "Value".
    """
    graph = nx.MultiDiGraph()
    aliases: dict[str | None, list[str]] = defaultdict(list)
    for iri, alias in select(dataset, _ALIASES):
        aliases[iri].append(alias or "")
    for iri, label, kind in select(dataset, _NODES):
        graph.add_node(
            iri, label=label, type=(kind or "").rsplit("/", 1)[-1], aliases=sorted(aliases[iri])
        )
    edges: dict[tuple[str | None, str | None, str | None], dict[str, Any]] = defaultdict(
        lambda: {"sources": [], "negated": False, "conflict": False}
    )
    for s, p, o, relation, doc, sentence, title, source, negated, conflict in select(
        dataset, _EDGES
    ):
        if o not in graph:
            graph.add_node(o, label=o, type="Value", aliases=[])
        edge = edges[(s, o, p)]
        edge["relation"] = relation
        source_entry = {"doc": doc, "title": title or source or doc, "sentence": sentence}
        if source_entry not in edge["sources"]:
            edge["sources"].append(source_entry)
        edge["negated"] = edge["negated"] or negated == "true"
        edge["conflict"] = edge["conflict"] or conflict is not None
    for (s, o, p), attributes in edges.items():
        if s not in graph:
            continue
        attributes["support"] = len({source["doc"] for source in attributes["sources"]})
        graph.add_edge(s, o, key=p, **attributes)
    return graph


def stats(dataset: Dataset, *, top: int = 10) -> Stats:
    """Count what a graph holds and rank entities by degree."""
    graph = to_networkx(dataset)
    entities = [n for n, kind in graph.nodes(data="type") if kind != "Value"]
    ranked = sorted(
        ((graph.nodes[n]["label"], graph.degree(n)) for n in entities), key=lambda x: (-x[1], x[0])
    )
    count = select(
        dataset,
        """SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?st) AS ?statements)
                  (COUNT(DISTINCT ?p) AS ?relations) WHERE {
             { ?a a schema:NewsArticle } UNION { ?st a rdf:Statement ; rdf:predicate ?p } }""",
    ).rows[0]
    return Stats(
        articles=int(count[0] or 0),
        entities=len(entities),
        relations=int(count[2] or 0),
        facts=graph.number_of_edges(),
        statements=int(count[1] or 0),
        top_entities=tuple(ranked[:top]),
    )


def centrality(graph: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Degree and betweenness centrality of each node, keyed by measure."""
    simple = nx.DiGraph(graph)
    return {
        "degree": nx.degree_centrality(simple),
        "betweenness": nx.betweenness_centrality(simple),
    }


def communities(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Groups of densely connected entities (greedy modularity on the undirected graph)."""
    undirected = nx.Graph(graph.to_undirected())
    if undirected.number_of_edges() == 0:
        return [{node} for node in undirected]
    return [set(c) for c in nx.algorithms.community.greedy_modularity_communities(undirected)]
