"""Analyze: the graph as a networkx MultiDiGraph, the one entity lookup, and its counts."""

from __future__ import annotations

import difflib
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, Dataset

from graphkit import state
from graphkit.errors import GraphkitError
from graphkit.graph import load, subject_objects
from graphkit.query import select
from graphkit.rows import Row
from graphkit.vocab import GK, PROV, SCHEMA

_COUNTS = """
SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?st) AS ?statements)
       (COUNT(DISTINCT ?p) AS ?relations) WHERE {
  { ?a a schema:NewsArticle } UNION { ?st a rdf:Statement ; rdf:predicate ?p } }"""

_STATEMENT_COLUMNS = {
    "subject": RDF.subject,
    "predicate": RDF.predicate,
    "object": RDF.object,
    "doc": PROV.wasDerivedFrom,
    "sentence": GK.sentence,
    "text": GK.objectText,
    "negated": GK.negated,
}
_SINGLE = (
    *_STATEMENT_COLUMNS.values(),
    *(SCHEMA.headline, GK.sourceFile, RDFS.label, GK.score, SCHEMA.sameAs),
)
"""Predicates a map reads one object of per subject."""
_PAIRS = (RDF.type, SKOS.altLabel, GK.statement, GK.fact)
"""Predicates a map reads every object of."""
_SCHEMA_TYPE = str(SCHEMA)
_DERIVED_FROM = str(PROV.wasDerivedFrom)
_TYPE = str(RDF.type)
_ROW = tuple(str(term) for name, term in _STATEMENT_COLUMNS.items() if name != "doc")
"""A statement's columns as `Columns.statements` lists them (state.STATEMENTS_KIND names it)."""

VALUE = "Value"
"""The node type of a literal object (an amount, a date): drawn and counted apart from entities."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Stats:
    """Counts of a built graph and its best-connected entities.

    `types` pairs each schema.org type with its number of entities, the commonest first;
    `shared_facts` counts the facts stated by more than one article; `top_entities` pairs
    labels with degrees, the most connected first.
    """

    articles: int
    entities: int
    types: tuple[tuple[str, int], ...]
    relations: int
    facts: int
    shared_facts: int
    linked: int
    statements: int
    top_entities: tuple[tuple[str, int], ...]


class Columns:
    """What a map reads of a graph: the objects of a few predicates, by subject, as strings.

    Gathered from a dataset (`of`), or from its quads as a build streams them into its store
    (`take`): read back from an on-disk store they cost ~25 µs a quad, and ABC's map reads
    over half a million. Each string is kept once: a statement's IRI is a key of every
    column, and copies of an article repeat its sentences.
    """

    def __init__(self) -> None:
        self._pool: dict[str, str] = {}
        self._restored: set[str] = set()
        self.single: dict[str, dict[str, str]] = {str(p): {} for p in _SINGLE}
        self.pairs: dict[str, set[tuple[str, str]]] = {str(p): set() for p in _PAIRS}

    @classmethod
    def of(cls, dataset: Dataset) -> Columns:
        """The columns of every graph of `dataset`."""
        columns = cls()
        for predicate in (*_SINGLE, *_PAIRS):
            columns._add(str(predicate), subject_objects(dataset, predicate))
        return columns

    def take(self, rows: Iterable[Row]) -> None:
        """Keep what the map reads of `rows` (a build's chunk: graph.to_dataset's `also`).

        `_add` written out: a call a quad made this loop half as slow again (ABC: 1.3 s); and
        so is the row's unpacking: `*_` makes a list a row (0.8 s to 0.6 s for 550,000).
        """
        single, pairs, pool = self.single, self.pairs, self._pool
        for s, predicate, o, _, _ in rows:
            if predicate in single:
                single[predicate][pool.setdefault(s, s)] = pool.setdefault(o, o)
            elif predicate in pairs:
                pairs[predicate].add((pool.setdefault(s, s), pool.setdefault(o, o)))

    def take_nquads(self, data: bytes) -> None:
        """Keep what the map reads of N-Quads lines, as Oxigraph writes them ("<s> <p> o <g> .").

        Only the lines of the map's predicates are parsed: parsing is most of the cost, and
        most of an article's graph is its statements' other details (ABC's article graphs
        parse in 1.6 s instead of 3.4 s).
        """
        wanted = {f"<{predicate}>".encode() for predicate in (*self.single, *self.pairs)}
        lines = [line for line in data.split(b"\n") if line and line.split(b" ", 2)[1] in wanted]
        parsed = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS)
        self.take(  # rows of which `take` reads the subject, predicate and object only
            (quad.subject.value, quad.predicate.value, quad.object.value, None, "")
            for quad in parsed
            if not isinstance(quad.subject, ox.Triple) and not isinstance(quad.object, ox.Triple)
        )  # RDF 1.2 quoted triples: graphkit writes none

    def statements(self, skip: Container[str] = frozenset()) -> Iterator[list[Any]]:
        """What the map reads of the articles' own graphs, an article at a time, as JSON.

        `[article IRI, rows]`, a row a statement derived from the article: its IRI, its
        value in each of the map's statement columns (`_ROW`; None where it has none) and its
        types. That is every quad of an article's graph the map reads, and none of the shared
        graphs': a kept graph's add takes the articles it keeps from here (`restore`) instead
        of parsing their quads again (ABC: 1.9 s to 0.4 s). Articles in `skip` are left out.
        """
        columns = [self.single[predicate] for predicate in _ROW]
        derived = self.single[_DERIVED_FROM]
        types: dict[str, list[str]] = defaultdict(list)
        for statement, kind in self.pairs[_TYPE]:
            if statement in derived:
                types[statement].append(kind)
        rows: dict[str, list[list[Any]]] = defaultdict(list)
        for statement, doc in derived.items():
            if doc not in skip:
                values = [column.get(statement) for column in columns]
                rows[doc].append([statement, *values, sorted(types[statement])])
        for doc in sorted(rows):
            yield [doc, sorted(rows[doc])]

    def restore(self, records: Iterable[list[Any]]) -> None:
        """Keep the statement columns of articles `statements` gave, but those kept already.

        An add restores its kept articles' before its resolution knows which of them it reads
        again (keep.py); those it `forget`s.
        """
        derived, typed = self.single[_DERIVED_FROM], self.pairs[_TYPE]
        columns = [self.single[predicate] for predicate in _ROW]
        for doc, rows in records:
            if doc in self._restored:
                continue
            self._restored.add(doc)
            for statement, *values, types in rows:
                derived[statement] = doc
                for column, value in zip(columns, values, strict=True):
                    if value is not None:
                        column[statement] = value
                typed.update((statement, kind) for kind in types)

    def forget(self, keep: Container[str]) -> None:
        """Drop the statement columns `restore` kept of articles not in `keep` (IRIs)."""
        gone = {doc for doc in self._restored if doc not in keep}
        if not gone:
            return
        derived = self.single[_DERIVED_FROM]
        dropped = {statement for statement, doc in derived.items() if doc in gone}
        for predicate in (_DERIVED_FROM, *_ROW):
            column = self.single[predicate]
            for statement in dropped:
                column.pop(statement, None)
        self.pairs[_TYPE] = {pair for pair in self.pairs[_TYPE] if pair[0] not in dropped}
        self._restored -= gone

    def _add(self, predicate: str, pairs: Iterable[tuple[str, str]]) -> None:
        pool = self._pool
        pooled = ((pool.setdefault(s, s), pool.setdefault(o, o)) for s, o in pairs)
        if predicate in self.single:
            self.single[predicate].update(pooled)
        else:
            self.pairs[predicate].update(pooled)


def read_graph(path: Path, *, loaded: Dataset | None = None) -> nx.MultiDiGraph:
    """The networkx form (`to_networkx`) of a graph file or of a build's output folder.

    `loaded`: the dataset at `path`, when the caller has loaded it already (not loaded again).
    """
    return read_network(path, loaded=loaded).graph()


def read_network(path: Path, *, loaded: Dataset | None = None) -> Network:
    """The `network` of a graph file or of a build's output folder (`read_graph`).

    A folder's state holds all a map reads of its graph (state.kept_map): the shared graphs'
    quads and the articles' statement columns, read far faster than back from the store,
    term by term. A folder without them is read through its store.
    """
    kept = state.kept_map(path) if path.is_dir() else None
    if kept is None:
        return network(load(path) if loaded is None else loaded)
    derived, statements = kept
    columns = Columns()
    for block in state.read_blocks(derived):
        columns.take_nquads(block)
    columns.restore(state.read_statements(statements))
    return network(columns)


def to_networkx(source: Dataset | Columns) -> nx.MultiDiGraph:
    """Return entities as nodes and facts as edges, with labels, types and sources as attributes.

    Node attributes: label, type, aliases. Edge key: the relation IRI; attributes: relation,
    sources (a list of {doc, title, sentence}), support (distinct articles), negated, conflict,
    near (the relations of facts nearly the same, gk:relatedFact, as {relation, score}).
    A literal object (an amount, a date) becomes a node of type "Value". `source` is a graph
    or what a build gathered of it as it was written (`Columns.take`).
    """
    return network(source).graph()


Edge = tuple[str, str, str, dict[str, Any]]
"""A fact as a networkx edge: subject, object, relation IRI (the key) and attributes."""


def _whole(edges: Iterable[Edge]) -> None:
    """Edges made with all their attributes have nothing to add (`Network.detail`)."""


@dataclass(frozen=True, slots=True)
class Network:
    """The nodes and edges of `to_networkx`'s graph, in its order, before networkx holds them.

    What a map ranks before it draws a few hundred of them (visualize.select_view): putting
    ABC's 43,000 nodes and 51,000 facts into networkx took longer than all the rest of the map,
    and the edges' sources, near matches and support are made for the edges drawn only.
    """

    nodes: dict[str, dict[str, Any]]
    """Each node and its attributes, entities first, then values."""
    edges: list[Edge]
    """In the order they were found; their attributes as `to_networkx`'s once `detail`ed (what
    a view ranks by, the relation and the conflict flag, before)."""
    detail: Callable[[Iterable[Edge]], None] = _whole
    """Gives edges of `edges` the rest of their attributes, in place (again: no change)."""

    def graph(self) -> nx.MultiDiGraph:
        """The networkx graph of these nodes and edges (`to_networkx`)."""
        self.detail(self.edges)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes.items())  # in one call: a call a node took twice as long
        graph.add_edges_from(self.edges)
        return graph


def network(source: Dataset | Columns) -> Network:
    """The nodes and edges of `to_networkx(source)`, not yet in networkx."""
    columns = source if isinstance(source, Columns) else Columns.of(source)
    single, pairs = columns.single, columns.pairs
    aliases: dict[str, list[str]] = defaultdict(list)
    for iri, alias in pairs[str(SKOS.altLabel)]:
        aliases[iri].append(alias)
    labels, same_as = single[str(RDFS.label)], single[str(SCHEMA.sameAs)]
    article = str(SCHEMA.NewsArticle)
    typed = sorted(
        (iri, kind)
        for iri, kind in pairs[_TYPE]
        if kind.startswith(_SCHEMA_TYPE) and kind != article and iri in labels
    )
    nodes: dict[str, dict[str, Any]] = {
        iri: {
            "label": labels[iri],
            "type": kind.rsplit("/", 1)[-1],
            "aliases": sorted(aliases[iri]) if iri in aliases else [],
            "same_as": same_as.get(iri),
        }
        for iri, kind in typed
    }
    column = {name: single[str(term)] for name, term in _STATEMENT_COLUMNS.items()}
    subjects, predicates, objects = column["subject"], column["predicate"], column["object"]
    texts, sentences, negated = column["text"], column["sentence"], column["negated"]
    titles, files = single[str(SCHEMA.headline)], single[str(GK.sourceFile)]
    of_kind: dict[str, set[str]] = {str(GK.Conflict): set(), str(GK.Fact): set()}
    for iri, kind in pairs[_TYPE]:
        if kind in of_kind:
            of_kind[kind].add(iri)
    conflicts, facts = of_kind[str(GK.Conflict)], of_kind[str(GK.Fact)]
    in_conflict, fact_of = set(), {}
    for node, statement in pairs[str(GK.statement)]:
        if node in conflicts:
            in_conflict.add(statement)
        elif node in facts:
            fact_of[statement] = node
    near_of = _near_matches(columns, labels, predicates)
    values: dict[str, dict[str, Any]] = {}  # literal objects' nodes, after the entities'
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    stated: dict[tuple[str, str, str], list[tuple[str, str]]] = {}  # (statement, doc) an edge
    for statement, doc in sorted(column["doc"].items()):  # a statement is derived from its article
        o = objects.get(statement)
        if o is None:
            continue
        s, p = subjects[statement], predicates[statement]
        if o not in values and o not in nodes:
            values[o] = {"label": texts.get(statement, o), "type": VALUE, "aliases": []}
        edge = edges.get((s, o, p))
        if edge is None:
            edge = {
                "sources": [], "negated": False, "conflict": False, "near": [],
                "relation": labels.get(p, p),
            }  # fmt: skip
            edges[s, o, p] = edge
            stated[s, o, p] = []
        stated[s, o, p].append((statement, doc))
        edge["conflict"] = edge["conflict"] or statement in in_conflict
    nodes.update(values)

    def detail(chosen: Iterable[Edge]) -> None:
        for s, o, p, edge in chosen:
            for statement, doc in stated[s, o, p]:
                cited = {
                    "doc": doc,
                    "title": titles.get(doc) or files.get(doc) or doc,
                    "sentence": sentences.get(statement, ""),
                }
                if cited not in edge["sources"]:
                    edge["sources"].append(cited)
                edge["negated"] = edge["negated"] or statement in negated
                for near in near_of.get(fact_of.get(statement, ""), ()):
                    if near not in edge["near"]:
                        edge["near"].append(near)
            edge["support"] = len({source["doc"] for source in edge["sources"]})

    kept = [(s, o, p, attributes) for (s, o, p), attributes in edges.items() if s in nodes]
    return Network(nodes, kept, detail)


def _near_matches(
    columns: Columns, labels: dict[str, str], predicates: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Fact IRI → its near matches as {relation, score}, the closest first."""
    scores = columns.single[str(GK.score)]
    members: dict[str, list[str]] = defaultdict(list)
    for match, fact in sorted(columns.pairs[str(GK.fact)]):
        members[match].append(fact)
    near: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for match, pair in members.items():
        for fact, other in itertools.permutations(pair, 2):
            relation = labels.get(predicates.get(other, ""), "")
            near[fact].append({"relation": relation, "score": float(scores.get(match, 0))})
    for matches in near.values():
        matches.sort(key=lambda m: (-m["score"], m["relation"]))
    return near


def entity_nodes(graph: nx.MultiDiGraph) -> list[str]:
    """The graph's entities, in its own order: every node but the values."""
    return [node for node, kind in graph.nodes(data="type") if kind != VALUE]


class EntityIndex:
    """Finds an entity of a graph by its IRI, label or any alias: the one lookup graphkit has.

    Names are folded (`fold_name`) and a leading "the" is ignored on both sides, so "the
    United States", "united  states" and "U.S." find one entity. When several entities answer
    to a name, a label beats an alias, a named entity beats a noun phrase (type Thing), then
    the most connected wins, then the first IRI. Values (amounts, dates) never match. Build
    the index once per graph; it reads the graph lazily and never changes it.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    def find(self, name: str) -> str:
        """Return the IRI of the entity `name` names; GraphkitError, with near misses, if none."""
        if name in self.graph and self.graph.nodes[name].get("type") != VALUE:
            return name
        key = _key(name)
        candidates = self._names.get(key)
        if not candidates:
            near = difflib.get_close_matches(key, self._names, n=3, cutoff=0.75)
            labels = sorted({self.graph.nodes[n]["label"] for k in near for n in self._names[k]})
            hint = f"; did you mean {', '.join(map(repr, labels))}?" if labels else ""
            raise GraphkitError(f"{name!r}: no entity has this name or alias{hint}")
        return min(candidates, key=lambda node: self._rank(node, key))

    @functools.cached_property
    def _names(self) -> dict[str, list[str]]:
        """Folded label or alias, less a leading "the" → the entities that carry it."""
        index: dict[str, list[str]] = defaultdict(list)
        for node in entity_nodes(self.graph):
            data = self.graph.nodes[node]
            for key in {_key(str(n)) for n in (data.get("label", ""), *data.get("aliases", ()))}:
                if key:
                    index[key].append(node)
        return dict(index)

    def _rank(self, node: str, key: str) -> tuple[bool, bool, int, str]:
        data = self.graph.nodes[node]
        return (
            _key(str(data["label"])) != key,  # a label beats an alias
            data["type"] == "Thing",  # a named entity beats a noun phrase
            -self.graph.degree(node),
            node,
        )


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """Return the IRI of the entity `name` names, by the rules of `EntityIndex` (one-off use)."""
    return EntityIndex(graph).find(name)


def fold_name(name: str) -> str:
    r"""Fold a name for lookup: case, spacing and typographic apostrophes don't matter.

    >>> fold_name("  Vladimir\n PUTIN’s ")
    "vladimir putin's"
    """
    return " ".join(name.replace("\u2019", "'").split()).casefold()


def _key(name: str) -> str:
    """A name as the index holds it: folded, a leading "the" dropped.

    >>> _key(" The  United States"), _key("Theresa May"), _key("the")
    ('united states', 'theresa may', 'the')
    """
    return fold_name(name).removeprefix("the ")


def stats(dataset: Dataset, *, graph: nx.MultiDiGraph | None = None, top: int = 10) -> Stats:
    """Count what a graph holds and rank entities by degree (pass `graph` if already converted)."""
    graph = to_networkx(dataset) if graph is None else graph
    entities = entity_nodes(graph)
    kinds = Counter(str(graph.nodes[n]["type"]) for n in entities)
    ranked = sorted(
        ((str(graph.nodes[n]["label"]), int(graph.degree(n))) for n in entities),
        key=lambda item: (-item[1], item[0]),
    )
    articles, statements, relations = select(dataset, _COUNTS, trusted=True).rows[0]
    return Stats(
        articles=int(articles or 0),
        entities=len(entities),
        types=tuple(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        relations=int(relations or 0),
        facts=graph.number_of_edges(),
        shared_facts=sum(1 for *_, support in graph.edges(data="support") if support > 1),
        linked=sum(1 for n in entities if graph.nodes[n].get("same_as")),
        statements=int(statements or 0),
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
