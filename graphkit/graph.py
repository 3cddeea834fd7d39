"""Graph: documents, entities and facts → an rdflib Dataset; reading and writing it on disk."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graphkit._io import write_text
from graphkit.config import DEFAULT_BASE
from graphkit.errors import InputError
from graphkit.reconcile import Conflict, support
from graphkit.types import Document, Entity, Evidence, Fact, Value
from graphkit.vocab import (
    GK,
    PROV,
    SCHEMA,
    document_iri,
    entity_iri,
    graph_iri,
    namespaces,
    relation_iri,
    statement_iri,
)

FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld"}
"""File suffix → rdflib format, for every file `write` produces and `load` reads."""

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def to_dataset(
    documents: Sequence[Document],
    entities: Iterable[Entity],
    facts: Iterable[Fact],
    *,
    conflicts: Iterable[Conflict] = (),
    base: str = DEFAULT_BASE,
    store: str = "default",
) -> Dataset:
    """Build the dataset: a named graph per article, plus metadata, entities and conflicts."""
    dataset = Dataset(store=store, default_union=True)
    for prefix, namespace in namespaces(base).items():
        dataset.bind(prefix, namespace)
    dataset.bind("skos", SKOS)
    meta = dataset.graph(graph_iri("meta", base))
    for document in documents:
        _add_article(meta, document, base)
    known = dataset.graph(graph_iri("entities", base))
    for entity in entities:
        _add_entity(known, entity, base)
    for fact in facts:
        subject, relation, obj = _spo(fact, base)
        known.add((relation, RDF.type, GK.Relation))
        known.add((relation, RDFS.label, Literal(fact.relation.label)))
        for evidence in fact.evidence:
            article = document_iri(evidence.triple.sentence.doc_id, base)
            claims = dataset.graph(article)
            claims.add((subject, relation, obj))
            _add_statement(claims, (subject, relation, obj), fact, evidence, article, base)
    reconciled = dataset.graph(graph_iri("reconciled", base))
    for conflict in conflicts:
        _add_conflict(reconciled, conflict, base)
    return dataset


def write(dataset: Dataset, out_dir: Path, *, stem: str = "graph") -> list[Path]:
    """Write TriG, N-Quads, a flattened Turtle and JSON-LD into `out_dir`, each atomically."""
    written = []
    for suffix, fmt in FORMATS.items():
        path = out_dir / f"{stem}{suffix}"
        source: Graph = dataset if fmt in ("trig", "nquads", "json-ld") else flatten(dataset)
        write_text(path, source.serialize(format=fmt))
        written.append(path)
    return written


def flatten(dataset: Dataset) -> Graph:
    """Return every triple of every graph in one plain Graph (for Turtle and simple tools)."""
    flat = Graph()
    for prefix, namespace in dataset.namespaces():
        flat.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat


def load(path: Path, *, store: str = "default") -> Dataset:
    """Read a graph written by `write` (.trig, .nq, .ttl, .jsonld) or a build output folder."""
    if path.is_dir():
        path = path / "graph.trig"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: not a graph file (expected {', '.join(FORMATS)})")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    dataset = Dataset(store=store, default_union=True)
    try:
        if fmt == "turtle":
            dataset.default_graph.parse(path, format=fmt)
        else:
            dataset.parse(path, format=fmt)
    except Exception as error:  # rdflib raises many parser-specific types
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{path}: not valid {fmt} ({message})") from error
    return dataset


def _add_article(meta: Graph, document: Document, base: str) -> None:
    article = document_iri(document.id, base)
    meta.add((article, RDF.type, SCHEMA.NewsArticle))
    meta.add((article, GK.contentHash, Literal(hashlib.sha256(document.text.encode()).hexdigest())))
    meta.add((article, GK.sourceFile, Literal(document.source)))
    if document.title:
        meta.add((article, SCHEMA.headline, Literal(document.title)))
    if document.publisher:
        meta.add((article, SCHEMA.publisher, Literal(document.publisher)))
    if document.url:
        meta.add((article, SCHEMA.url, Literal(document.url, datatype=XSD.anyURI)))
    if document.published:
        meta.add((article, SCHEMA.datePublished, Literal(document.published)))


def _add_entity(graph: Graph, entity: Entity, base: str) -> None:
    node = entity_iri(entity.id, base)
    graph.add((node, RDF.type, SCHEMA[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in sorted(entity.aliases):
        graph.add((node, SKOS.altLabel, Literal(alias)))


def _object_term(obj: Entity | Value, base: str) -> Node:
    if isinstance(obj, Entity):
        return entity_iri(obj.id, base)
    return value_literal(obj)


def decimal_literal(number: Decimal) -> Literal:
    """Return an xsd:decimal in canonical form, so it reads back from Turtle unchanged.

    >>> decimal_literal(Decimal("2.45E+11"))
    rdflib.term.Literal('245000000000.0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    text = format(number.normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def value_literal(value: Value) -> Literal:
    """Return the typed literal for a value: xsd:decimal amounts, xsd:date/gYear dates, text."""
    if value.kind == "quantity":
        return decimal_literal(Decimal(value.lexical))
    if value.kind == "date" and len(value.lexical) in _DATE_TYPES:
        return Literal(value.lexical, datatype=_DATE_TYPES[len(value.lexical)])
    return Literal(value.lexical)


def _add_statement(
    claims: Graph,
    spo: tuple[Node, Node, Node],
    fact: Fact,
    evidence: Evidence,
    article: URIRef,
    base: str,
) -> None:
    triple = evidence.triple
    sentence = triple.sentence
    node = _statement_node(spo, evidence, base)
    claims.add((node, RDF.type, RDF.Statement))
    claims.add((node, GK.support, Literal(support(fact))))
    claims.add((node, RDF.subject, spo[0]))
    claims.add((node, RDF.predicate, spo[1]))
    claims.add((node, RDF.object, spo[2]))
    claims.add((node, PROV.wasDerivedFrom, article))
    claims.add((node, GK.sentence, Literal(sentence.text)))
    claims.add((node, GK.sentenceIndex, Literal(sentence.index)))
    claims.add((node, GK.start, Literal(sentence.start)))
    claims.add((node, GK.end, Literal(sentence.end)))
    claims.add((node, GK.extractor, Literal(triple.extractor)))
    claims.add((node, GK.confidence, decimal_literal(Decimal(str(triple.confidence)))))
    claims.add((node, GK.relationText, Literal(triple.relation.text)))
    claims.add((node, GK.subjectText, Literal(triple.subject.text)))
    if triple.object is not None:
        claims.add((node, GK.objectText, Literal(triple.object.text)))
    if triple.relation.negated:
        claims.add((node, GK.negated, Literal(True)))
    if triple.relation.modality:
        claims.add((node, GK.modality, Literal(triple.relation.modality)))
    if isinstance(fact.object, Value) and fact.object.unit:
        claims.add((node, GK.unit, Literal(fact.object.unit)))
    if triple.attribution is not None:
        claims.add((node, GK.attribution, Literal(triple.attribution.text)))
    if evidence.attributed_to is not None:
        claims.add((node, GK.attributedTo, entity_iri(evidence.attributed_to.id, base)))
    for qualifier in triple.qualifiers:
        claims.add((node, GK.qualifier, Literal(qualifier.text)))
    if evidence.time is not None:
        claims.add((node, GK.timeText, Literal(evidence.time.text)))
        if evidence.time.kind == "date":
            claims.add((node, GK.time, value_literal(evidence.time)))


def _statement_node(spo: tuple[Node, Node, Node], evidence: Evidence, base: str) -> URIRef:
    triple = evidence.triple
    sentence = triple.sentence
    key = "|".join(
        str(part)
        for part in (*spo, sentence.doc_id, sentence.index, triple.subject.start, triple.extractor)
    )
    return statement_iri(key, base)


def _add_conflict(reconciled: Graph, conflict: Conflict, base: str) -> None:
    subject = entity_iri(conflict.subject.id, base)
    node = statement_iri(
        "conflict|"
        + "|".join(
            str(_statement_node(_spo(f, base), e, base)) for f in conflict.facts for e in f.evidence
        ),
        base,
    )
    reconciled.add((node, RDF.type, GK.Conflict))
    reconciled.add((node, RDF.subject, subject))
    reconciled.add((node, RDF.predicate, relation_iri(conflict.relation, base)))
    values = ", ".join(f.object.text for f in conflict.facts if isinstance(f.object, Value))
    reconciled.add(
        (node, RDFS.label, Literal(f"{conflict.subject.label} {conflict.relation}: {values}"))
    )
    for fact in conflict.facts:
        for evidence in fact.evidence:
            statement = _statement_node(_spo(fact, base), evidence, base)
            reconciled.add((node, GK.statement, statement))
            reconciled.add((statement, GK.value, _object_term(fact.object, base)))


def _spo(fact: Fact, base: str) -> tuple[Node, Node, Node]:
    return (
        entity_iri(fact.subject.id, base),
        relation_iri(fact.relation.label, base),
        _object_term(fact.object, base),
    )
