"""Analyze: the RDF graph as a networkx MultiDiGraph, and the measures readers ask for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, URIRef

from graphkit.graph import subject_objects
from graphkit.query import select
from graphkit.vocab import GK, PROV, SCHEMA

_NODES = """
SELECT ?e ?label ?type WHERE {
  ?e rdfs:label ?label ; a ?type .
  FILTER(STRSTARTS(STR(?type), "https://schema.org/") && ?type != schema:NewsArticle)
}"""

_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"

_STATEMENT_COLUMNS = {
    "subject": RDF.subject,
    "predicate": RDF.predicate,
    "object": RDF.object,
    "doc": PROV.wasDerivedFrom,
    "sentence": GK.sentence,
    "text": GK.objectText,
    "negated": GK.negated,
}


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
    for iri, alias in select(dataset, _ALIASES, trusted=True):
        aliases[iri].append(alias or "")
    for iri, label, kind in select(dataset, _NODES, trusted=True):
        graph.add_node(
            iri, label=label, type=(kind or "").rsplit("/", 1)[-1], aliases=sorted(aliases[iri])
        )
    # Plain pattern lookups joined here: the same join in SPARQL, with its OPTIONALs, is ~6x slower.
    column = {name: _by_subject(dataset, term) for name, term in _STATEMENT_COLUMNS.items()}
    titles = _by_subject(dataset, SCHEMA.headline)
    files = _by_subject(dataset, GK.sourceFile)
    labels = _by_subject(dataset, RDFS.label)
    in_conflict = {statement for _, statement in subject_objects(dataset, GK.statement)}
    edges: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(
        lambda: {"sources": [], "negated": False, "conflict": False}
    )
    for statement in column["object"]:  # a gk:Conflict has a subject and predicate but no object
        s, p, o = (column[name][statement] for name in ("subject", "predicate", "object"))
        doc = column["doc"].get(statement, "")
        if o not in graph:
            graph.add_node(o, label=column["text"].get(statement, o), type="Value", aliases=[])
        edge = edges[(s, o, p)]
        edge["relation"] = labels.get(p, p)
        source = {
            "doc": doc,
            "title": titles.get(doc) or files.get(doc) or doc,
            "sentence": column["sentence"].get(statement, ""),
        }
        if source not in edge["sources"]:
            edge["sources"].append(source)
        edge["negated"] = edge["negated"] or statement in column["negated"]
        edge["conflict"] = edge["conflict"] or statement in in_conflict
    for (s, o, p), attributes in edges.items():
        if s not in graph:
            continue
        attributes["support"] = len({source["doc"] for source in attributes["sources"]})
        graph.add_edge(s, o, key=p, **attributes)
    return graph


def _by_subject(dataset: Dataset, predicate: URIRef) -> dict[str, str]:
    return dict(subject_objects(dataset, predicate))


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
        trusted=True,
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
