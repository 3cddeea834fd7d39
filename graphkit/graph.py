"""Graph: documents, entities and facts → an rdflib Dataset; reading and writing it on disk.

The Dataset is Oxigraph-backed by default (oxrdflib's store): it holds a million quads in a few
hundred megabytes, answers SPARQL natively and writes every format in Rust. Any other rdflib
store (the pure-Python "Memory" store, for one) works through the same functions.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from graphkit import outputs
from graphkit._io import atomic_write_bytes
from graphkit.config import DEFAULT_BASE, DEFAULT_FORMATS, DEFAULT_STORE
from graphkit.errors import InputError
from graphkit.merge import Related
from graphkit.reconcile import Conflict
from graphkit.sources import Sources
from graphkit.types import Document, Entity, Evidence, Fact, Value
from graphkit.vocab import (
    GK,
    PROV,
    SCHEMA,
    document_iri,
    entity_iri,
    fact_iri,
    graph_iri,
    namespaces,
    relation_iri,
    statement_iri,
)

FORMATS = {".trig": "ox-trig", ".nq": "ox-nquads", ".ttl": "ox-turtle", ".jsonld": "ox-json-ld"}
"""File suffix → rdflib format (oxrdflib's plug-ins), for every file `write` and `load` handle."""


def to_dataset(
    documents: Sequence[Document],
    entities: Iterable[Entity],
    facts: Iterable[Fact],
    *,
    conflicts: Iterable[Conflict] = (),
    related: Iterable[Related] = (),
    sources: Sources | None = None,
    datelines: Iterable[tuple[str, Entity]] = (),
    entered: Mapping[str, str] | None = None,
    base: str = DEFAULT_BASE,
    store: str = DEFAULT_STORE,
    into: Path | None = None,
) -> Dataset:
    """Build the dataset: a named graph per article, plus metadata, entities and facts.

    The article graphs hold only what each article says; the shared graphs hold what depends
    on several: entities, facts with their support, near matches, conflicts and copies.
    With `into` (an output folder) the quads stream into its on-disk store (graphkit.store) as
    they are made, and the dataset returned reads that store, read-only: the whole dataset is
    never in memory.
    """
    quads = _Quads(base, entered or {}).build(
        documents, entities, facts, conflicts, related, sources or Sources(), datelines
    )
    if into is not None:
        from graphkit import store as on_disk  # here: graphkit.store imports this module

        on_disk.build(into, quads, base=base)
        opened = _open_store(into)
        assert opened is not None, "the store was just written"
        return opened
    if store == DEFAULT_STORE:
        inner = ox.Store()
        bulk_load(inner, quads)
        return _dataset(OxigraphStore(store=inner), base)
    dataset = _dataset(store, base)
    named = functools.cache(dataset.graph)  # one Graph per name, not one per quad
    dataset.addN(
        (
            _rdflib(q.subject),
            _rdflib(q.predicate),
            _rdflib(q.object),
            named(cast(URIRef, _rdflib(q.graph_name))),
        )
        for q in quads
    )
    return dataset


CHUNK = 250_000
"""Quads per bulk load: bounds the loader's memory (see bulk_load)."""


def bulk_load(database: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Every quad into `database`, CHUNK quads per bulk load, as the iterable yields them.

    Oxigraph's bulk loader sorts what it is given in memory (about 1.3 KB a quad): one load
    of ABC's million quads peaked 860 MB above the dataset, a chunk of CHUNK about 300 MB,
    whatever the corpus, for an on-disk store about 1.6 times as large (297 MB, not 185).
    """
    stream = iter(quads)
    while chunk := list(itertools.islice(stream, CHUNK)):
        database.bulk_extend(chunk)


WRITTEN = tuple(f".{name}" for name in DEFAULT_FORMATS)
"""What `write` produces unless told otherwise; N-Quads and JSON-LD are on request."""


def write(
    dataset: Dataset,
    out_dir: Path,
    *,
    stem: str = "graph",
    formats: Iterable[str] = WRITTEN,
) -> list[Path]:
    """Write the dataset in `formats` (suffixes of FORMATS) into `out_dir`, each atomically.

    .trig and .nq keep the named graphs; .ttl is their union, flattened; .jsonld is JSON-LD.
    """
    suffixes = list(formats)
    for suffix in suffixes:  # all checked before any file is written
        if suffix not in FORMATS:
            raise InputError(f"{suffix}: not a graph format (expected {', '.join(FORMATS)})")
    written = []
    for suffix in suffixes:
        path = out_dir / f"{stem}{suffix}"
        with atomic_write_bytes(path) as out:
            if suffix == ".ttl":
                _write_union(dataset, out)
            else:
                dataset.serialize(destination=out, format=FORMATS[suffix])
        written.append(path)
    return written


def _write_union(dataset: Dataset, out: BinaryIO) -> None:
    """Turtle of the union: each graph's triples in turn, under one set of prefixes.

    A triple several graphs hold (a fact several articles state) is written once per graph:
    the same RDF graph, for a third of the time it takes Oxigraph to merge the union first.
    """
    inner = _oxigraph(dataset)
    if inner is None:
        flatten(dataset).serialize(destination=out, format=FORMATS[".ttl"])
        return
    prefixes = {prefix: str(namespace) for prefix, namespace in dataset.namespaces()}
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode())
    for name in [ox.DefaultGraph(), *inner.named_graphs()]:
        turtle = inner.dump(format=ox.RdfFormat.TURTLE, from_graph=name, prefixes=prefixes)
        assert turtle is not None
        out.write(_PREFIX_LINES.sub(b"", turtle, count=1))


_PREFIX_LINES = re.compile(rb"\A(?:@prefix [^\n]*\n)+")


def flatten(dataset: Dataset) -> Graph:
    """Return every triple of every graph in one plain Graph (for Turtle and simple tools)."""
    inner = _oxigraph(dataset)
    if inner is not None:  # the union merged by Oxigraph, never made into rdflib terms
        union = inner.query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        assert isinstance(union, ox.QueryTriples)
        merged = ox.Store()
        merged.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in union)
        flat = Graph(store=OxigraphStore(store=merged), identifier=DATASET_DEFAULT_GRAPH_ID)
    else:
        flat = Graph()
        flat += ((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))
    for prefix, namespace in dataset.namespaces():
        flat.bind(prefix, namespace)
    return flat


def subject_objects(dataset: Dataset, predicate: URIRef) -> Iterator[tuple[str, str]]:
    """Yield (subject, object) of every `predicate` triple in every graph, as plain strings.

    What rdflib's `subject_objects` gives, without making rdflib terms: a map of a big graph
    reads a million of them.
    """
    inner = _oxigraph(dataset)
    if inner is None:
        yield from ((str(s), str(o)) for s, o in dataset.subject_objects(predicate))
        return
    for quad in inner.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        subject, obj = quad.subject, quad.object
        if not isinstance(subject, ox.Triple) and not isinstance(obj, ox.Triple):  # RDF 1.2
            yield subject.value, obj.value


def _oxigraph(dataset: Dataset) -> ox.Store | None:
    """The pyoxigraph Store behind `dataset`, if Oxigraph holds it."""
    if not isinstance(dataset.store, OxigraphStore):
        return None
    # oxrdflib has no public handle on its pyoxigraph Store (its own serialisers use this one).
    return dataset.store._inner


def load(path: Path, *, store: str = DEFAULT_STORE) -> Dataset:
    """Read a graph written by `write` (.trig, .nq, .ttl, .jsonld) or a build output folder.

    A folder's on-disk store (OUT/store, see graphkit.store) is opened read-only when it is
    there and `store` is Oxigraph: nothing is parsed, and the dataset refuses changes. Else the
    folder's graph.trig is parsed into a new `store`.
    """
    if path.is_dir():
        opened = _open_store(path) if store == DEFAULT_STORE else None
        if opened is not None:
            return opened
        path = path / "graph.trig"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: not a graph file (expected {', '.join(FORMATS)})")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    outputs.verify(path)
    dataset = _dataset(OxigraphStore() if store == DEFAULT_STORE else store, DEFAULT_BASE)
    try:
        target = dataset.default_graph if fmt == "ox-turtle" else dataset
        target.parse(path, format=fmt)
    except Exception as error:  # pyoxigraph and rdflib raise many parser-specific types
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{path}: not valid {fmt.removeprefix('ox-')} ({message})") from error
    return dataset


def _open_store(out_dir: Path) -> Dataset | None:
    """The dataset of `out_dir`'s on-disk store, read-only, with its base IRI's prefixes.

    None when `out_dir` has no store (a build by an older graphkit, or files alone).
    """
    from graphkit import store as on_disk  # here: graphkit.store imports this module
    from graphkit.config import STORE_DIR

    folder = out_dir / STORE_DIR
    if not folder.exists():
        return None
    database, descriptor = on_disk.open_read_only(folder)
    return _dataset(OxigraphStore(store=database), descriptor.base)


def _dataset(store: str | OxigraphStore, base: str) -> Dataset:
    dataset = Dataset(store=store, default_union=True)
    # Only the prefixes graphkit uses: rdflib binds ~30 by default and writers print them all.
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="core")
    for prefix, namespace in {"skos": SKOS, **namespaces(base)}.items():
        dataset.bind(prefix, namespace)
    return dataset


def _rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise TypeError(f"not an RDF term: {term!r}")


# Building. Terms are pyoxigraph's: an rdflib term costs several microseconds to make and as
# much again to convert for Oxigraph, and a build makes millions.

_STRING = str(XSD.string)

_TYPE, _STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = map(
    ox.NamedNode, (RDF.type, RDF.Statement, RDF.subject, RDF.predicate, RDF.object)
)
_LABEL, _ALT_LABEL, _DERIVED = map(ox.NamedNode, (RDFS.label, SKOS.altLabel, PROV.wasDerivedFrom))
_LOCATION_CREATED = ox.NamedNode(SCHEMA["locationCreated"])  # an article's dateline place
_SAME_AS = ox.NamedNode(SCHEMA["sameAs"])  # an entity's authority IRI (Wikidata, a user's KB)
_GK = {name: ox.NamedNode(GK._NS + name) for name in GK.__annotations__}
_XSD_TYPES = ("integer", "decimal", "boolean", "anyURI", "dateTime")
_XSD = {name: ox.NamedNode(XSD[name]) for name in _XSD_TYPES}
_GENERATED = ox.NamedNode(PROV.generatedAtTime)
_DATES = {4: ox.NamedNode(XSD.gYear), 7: ox.NamedNode(XSD.gYearMonth), 10: ox.NamedNode(XSD.date)}
_TRUE = ox.Literal("true", datatype=_XSD["boolean"])


def _integer(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=_XSD["integer"])


def _decimal(number: Decimal) -> ox.Literal:
    """An xsd:decimal in XSD 1.1 canonical form (Oxigraph's, whichever store holds it).

    >>> _decimal(Decimal("2.45E+11")).value, _decimal(Decimal("0.50")).value
    ('245000000000', '0.5')
    """
    return ox.Literal(format(number.normalize(), "f"), datatype=_XSD["decimal"])


def _value(value: Value) -> ox.Literal:
    """The typed literal for a value: xsd:decimal amounts, xsd:date/gYear dates, text."""
    if value.kind == "quantity":
        return _decimal(Decimal(value.lexical))
    if value.kind == "date" and len(value.lexical) in _DATES:
        return ox.Literal(value.lexical, datatype=_DATES[len(value.lexical)])
    return ox.Literal(value.lexical)


_Term = ox.NamedNode | ox.Literal
_Spo = tuple[ox.NamedNode, ox.NamedNode, _Term]


class _Quads:
    """The quads of one build under one base, each IRI minted (and checked) once."""

    def __init__(self, base: str, entered: Mapping[str, str]) -> None:
        self.base = base
        self.entered = entered  # document id → when it entered the graph (ISO 8601, UTC)
        self._entity_node = functools.cache(lambda key: ox.NamedNode(entity_iri(key, base)))
        self._relation_node = functools.cache(lambda label: ox.NamedNode(relation_iri(label, base)))
        self._document_node = functools.cache(
            lambda doc_id: ox.NamedNode(document_iri(doc_id, base))
        )

    def build(
        self,
        documents: Sequence[Document],
        entities: Iterable[Entity],
        facts: Iterable[Fact],
        conflicts: Iterable[Conflict],
        related: Iterable[Related],
        sources: Sources,
        datelines: Iterable[tuple[str, Entity]],
    ) -> Iterator[ox.Quad]:
        meta = ox.NamedNode(graph_iri("meta", self.base))
        for document in documents:
            yield from self._article(document, meta)
        known = ox.NamedNode(graph_iri("entities", self.base))
        for entity in entities:
            yield from self._entity(entity, known)
        for doc_id, place in datelines:  # what the article says of itself: its own graph
            article = self._document_node(doc_id)
            yield ox.Quad(article, _LOCATION_CREATED, self.entity(place), article)
        described: set[str] = set()
        facts_graph = ox.NamedNode(graph_iri("facts", self.base))
        for fact in facts:
            spo = self._spo(fact)
            for relation in [fact.relation, *(e.relation for e in fact.evidence if e.relation)]:
                if relation.label not in described:  # one IRI per label (slugs never collide)
                    described.add(relation.label)
                    relation_node = self._relation_node(relation.label)
                    yield ox.Quad(relation_node, _TYPE, _GK["Relation"], known)
                    yield ox.Quad(relation_node, _LABEL, ox.Literal(relation.label), known)
            node = self.fact(fact)
            yield ox.Quad(node, _TYPE, _GK["Fact"], facts_graph)
            yield ox.Quad(node, _SUBJECT, spo[0], facts_graph)
            yield ox.Quad(node, _PREDICATE, spo[1], facts_graph)
            yield ox.Quad(node, _OBJECT, spo[2], facts_graph)
            counts = sources.count(fact)
            for name, count in zip(("support", "publishers", "sources"), counts, strict=True):
                yield ox.Quad(node, _GK[name], _integer(count), facts_graph)
            for evidence in fact.evidence:
                article = self._document_node(evidence.triple.sentence.doc_id)
                said = self._said(spo, evidence)
                yield ox.Quad(*said, article)
                statement = self._statement_node(said, evidence)
                yield ox.Quad(node, _GK["statement"], statement, facts_graph)
                yield from self._statement(statement, said, fact, evidence, article)
        for near in related:
            a, b = self.fact(near.a), self.fact(near.b)
            pair = "|".join(sorted((a.value, b.value)))
            match = ox.NamedNode(fact_iri("near|" + pair, self.base))
            yield ox.Quad(a, _GK["relatedFact"], b, facts_graph)
            yield ox.Quad(b, _GK["relatedFact"], a, facts_graph)
            yield ox.Quad(match, _TYPE, _GK["NearMatch"], facts_graph)
            yield ox.Quad(match, _GK["fact"], a, facts_graph)
            yield ox.Quad(match, _GK["fact"], b, facts_graph)
            yield ox.Quad(match, _GK["score"], _decimal(Decimal(str(near.score))), facts_graph)
        reconciled = ox.NamedNode(graph_iri("reconciled", self.base))
        for conflict in conflicts:
            yield from self._conflict(conflict, reconciled)
        for copy, original in sorted(sources.copies.items()):
            yield ox.Quad(
                self._document_node(copy),
                _GK["copyOf"],
                self._document_node(original),
                reconciled,
            )

    def fact(self, fact: Fact) -> ox.NamedNode:
        key = fact.key or "|".join(term.value for term in self._spo(fact))
        return ox.NamedNode(fact_iri(key, self.base))

    def _article(self, document: Document, meta: ox.NamedNode) -> Iterator[ox.Quad]:
        article = self._document_node(document.id)
        digest = hashlib.sha256(document.text.encode()).hexdigest()
        yield ox.Quad(article, _TYPE, ox.NamedNode(SCHEMA.NewsArticle), meta)
        yield ox.Quad(article, _GK["contentHash"], ox.Literal(digest), meta)
        yield ox.Quad(article, _GK["sourceFile"], ox.Literal(document.source), meta)
        if document.title:
            yield ox.Quad(article, ox.NamedNode(SCHEMA.headline), ox.Literal(document.title), meta)
        if document.publisher:
            yield ox.Quad(
                article, ox.NamedNode(SCHEMA.publisher), ox.Literal(document.publisher), meta
            )
        if document.url:
            url = ox.Literal(document.url, datatype=_XSD["anyURI"])
            yield ox.Quad(article, ox.NamedNode(SCHEMA.url), url, meta)
        if document.published:
            date = ox.Literal(document.published.isoformat(), datatype=_DATES[10])
            yield ox.Quad(article, ox.NamedNode(SCHEMA.datePublished), date, meta)
        if document.id in self.entered:  # when its graph entered this one, not when published
            when = ox.Literal(self.entered[document.id], datatype=_XSD["dateTime"])
            yield ox.Quad(article, _GENERATED, when, meta)

    def _entity(self, entity: Entity, known: ox.NamedNode) -> Iterator[ox.Quad]:
        node = self.entity(entity)
        yield ox.Quad(node, _TYPE, ox.NamedNode(SCHEMA[entity.type]), known)
        yield ox.Quad(node, _LABEL, ox.Literal(entity.label), known)
        for alias in sorted(entity.aliases):
            yield ox.Quad(node, _ALT_LABEL, ox.Literal(alias), known)
        if entity.same_as is not None:
            yield ox.Quad(node, _SAME_AS, ox.NamedNode(entity.same_as), known)

    def entity(self, entity: Entity) -> ox.NamedNode:
        return self._entity_node(entity.id)

    def _object(self, obj: Entity | Value) -> _Term:
        return self.entity(obj) if isinstance(obj, Entity) else _value(obj)

    def _spo(self, fact: Fact) -> _Spo:
        return (
            self.entity(fact.subject),
            self._relation_node(fact.relation.label),
            self._object(fact.object),
        )

    def _said(self, spo: _Spo, evidence: Evidence) -> _Spo:
        """What the article says: its fact's triple, in its own relation when it has one."""
        if evidence.relation is None:
            return spo
        return spo[0], self._relation_node(evidence.relation.label), spo[2]

    def _statement(
        self, node: ox.NamedNode, spo: _Spo, fact: Fact, evidence: Evidence, article: ox.NamedNode
    ) -> Iterator[ox.Quad]:
        triple = evidence.triple
        sentence = triple.sentence
        quad, gk, text = ox.Quad, _GK, ox.Literal
        yield quad(node, _TYPE, _STATEMENT, article)
        yield quad(node, _SUBJECT, spo[0], article)
        yield quad(node, _PREDICATE, spo[1], article)
        yield quad(node, _OBJECT, spo[2], article)
        yield quad(node, _DERIVED, article, article)
        yield quad(node, gk["sentence"], text(sentence.text), article)
        yield quad(node, gk["sentenceIndex"], _integer(sentence.index), article)
        yield quad(node, gk["start"], _integer(sentence.start), article)
        yield quad(node, gk["end"], _integer(sentence.end), article)
        yield quad(node, gk["extractor"], text(triple.extractor), article)
        yield quad(node, gk["confidence"], _decimal(Decimal(str(triple.confidence))), article)
        yield quad(node, gk["relationText"], text(triple.relation.text), article)
        yield quad(node, gk["subjectText"], text(triple.subject.text), article)
        if triple.object is not None:
            yield quad(node, gk["objectText"], text(triple.object.text), article)
        if triple.relation.negated:
            yield quad(node, gk["negated"], _TRUE, article)
        if triple.relation.modality:
            yield quad(node, gk["modality"], text(triple.relation.modality), article)
        if isinstance(fact.object, Value) and fact.object.unit:
            yield quad(node, gk["unit"], text(fact.object.unit), article)
        if triple.attribution is not None:
            yield quad(node, gk["attribution"], text(triple.attribution.text), article)
        if evidence.attributed_to is not None:
            yield quad(node, gk["attributedTo"], self.entity(evidence.attributed_to), article)
        for qualifier in triple.qualifiers:
            yield quad(node, gk["qualifier"], text(qualifier.text), article)
        if evidence.time is not None:
            yield quad(node, gk["timeText"], text(evidence.time.text), article)
            if evidence.time.kind == "date":
                yield quad(node, gk["time"], _value(evidence.time), article)

    def _statement_node(self, spo: _Spo, evidence: Evidence) -> ox.NamedNode:
        triple = evidence.triple
        sentence = triple.sentence
        parts = (*(t.value for t in spo), sentence.doc_id, sentence.index, triple.subject.start)
        key = "|".join(str(part) for part in (*parts, triple.extractor))
        return ox.NamedNode(statement_iri(key, self.base))

    def _conflict(self, conflict: Conflict, reconciled: ox.NamedNode) -> Iterator[ox.Quad]:
        statements = [
            (self._statement_node(self._said(self._spo(fact), evidence), evidence), fact)
            for fact in conflict.facts
            for evidence in fact.evidence
        ]
        statements.sort(key=lambda pair: pair[0].value)
        key = "conflict|" + "|".join(statement.value for statement, _ in statements)
        node = ox.NamedNode(statement_iri(key, self.base))
        values = ", ".join(f.object.text for f in conflict.facts if isinstance(f.object, Value))
        label = f"{conflict.subject.label} {conflict.relation}: {values}"
        yield ox.Quad(node, _TYPE, _GK["Conflict"], reconciled)
        yield ox.Quad(node, _SUBJECT, self.entity(conflict.subject), reconciled)
        yield ox.Quad(node, _PREDICATE, self._relation_node(conflict.relation), reconciled)
        yield ox.Quad(node, _LABEL, ox.Literal(label), reconciled)
        for statement, fact in statements:
            yield ox.Quad(node, _GK["statement"], statement, reconciled)
            yield ox.Quad(statement, _GK["value"], self._object(fact.object), reconciled)
