"""Quads: documents, entities and facts as the dataset's quads, each IRI minted once.

What `graph.to_dataset` loads into a store, in memory or on disk, as a stream: nothing here holds
more than one fact or statement at a time (but the IRIs of statements of facts in conflict).
Terms are pyoxigraph's: an rdflib term costs several microseconds to make and as much again to
convert for Oxigraph, and a build makes millions.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD

from graphkit.merge import Related
from graphkit.reconcile import Conflict
from graphkit.sources import Sources
from graphkit.types import Document, Entity, Evidence, Fact, KeptStatement, Relation, Value
from graphkit.vocab import (
    GK,
    PROV,
    SCHEMA,
    document_iri,
    entity_iri,
    fact_iri,
    graph_iri,
    relation_iri,
    statement_iri,
)

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


@functools.lru_cache(maxsize=4096)  # counts recur; offsets run as long as an article
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


@functools.cache  # an entity's type: a handful, each made once
def _schema(name: str) -> ox.NamedNode:
    return ox.NamedNode(SCHEMA[name])


_Term = ox.NamedNode | ox.Literal
_Spo = tuple[ox.NamedNode, ox.NamedNode, _Term]


class Quads:
    """The quads of one build under one base, each IRI minted (and checked) once."""

    def __init__(self, base: str, entered: Mapping[str, str]) -> None:
        self.base = base
        self.entered = entered  # document id → when it entered the graph (ISO 8601, UTC)
        self._entity_node = functools.cache(lambda key: ox.NamedNode(entity_iri(key, base)))
        self._relation_node = functools.cache(lambda label: ox.NamedNode(relation_iri(label, base)))
        self._fact_node = functools.cache(lambda key: ox.NamedNode(fact_iri(key, base)))
        self._document_node = functools.cache(
            lambda doc_id: ox.NamedNode(document_iri(doc_id, base))
        )

    def build(
        self,
        documents: Sequence[Document],
        entities: Iterable[Entity],
        facts: Iterable[Fact],
        statements: Iterable[tuple[Fact, Evidence | KeptStatement]],
        conflicts: Sequence[Conflict],
        related: Iterable[Related],
        sources: Sources,
        datelines: Iterable[tuple[str, Entity]],
    ) -> Iterator[ox.Quad]:
        """Every quad of the dataset, one article, entity, fact and statement at a time.

        `statements` pairs each sighting's evidence with the fact it is part of; the statements
        of an article a kept graph does not read again come as KeptStatement, and only their
        facts' links to them are made here (its own graph is kept as it was).
        """
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
            for relation in [fact.relation, *sorted(fact.wordings, key=lambda r: r.label)]:
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
            articles, publishers, independent = sources.count(fact)
            yield ox.Quad(node, _GK["support"], _integer(articles), facts_graph)
            yield ox.Quad(node, _GK["publishers"], _integer(publishers), facts_graph)
            yield ox.Quad(node, _GK["sources"], _integer(independent), facts_graph)
        clashing = {fact.key for conflict in conflicts for fact in conflict.facts}
        stated: dict[str, list[ox.NamedNode]] = {key: [] for key in clashing}
        for fact, evidence in statements:
            node, spo = self.fact(fact), self._spo(fact)
            if isinstance(evidence, KeptStatement):
                said = self._said(spo, evidence.relation)
                statement = self._statement_node(
                    said, evidence.doc_id, evidence.sentence, evidence.subject_start,
                    evidence.extractor,
                )  # fmt: skip
            else:
                triple = evidence.triple
                article = self._document_node(triple.sentence.doc_id)
                said = self._said(spo, evidence.relation)
                yield ox.Quad(*said, article)
                statement = self._statement_node(
                    said, triple.sentence.doc_id, triple.sentence.index, triple.subject.start,
                    triple.extractor,
                )  # fmt: skip
                yield from self._statement(statement, said, fact, evidence, article)
            yield ox.Quad(node, _GK["statement"], statement, facts_graph)
            if fact.key in stated:
                stated[fact.key].append(statement)
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
            yield from self._conflict(conflict, stated, reconciled)
        for copy, original in sorted(sources.copies.items()):
            yield ox.Quad(
                self._document_node(copy),
                _GK["copyOf"],
                self._document_node(original),
                reconciled,
            )

    def fact(self, fact: Fact) -> ox.NamedNode:
        """The fact's IRI, minted from its canonical form (merge.py)."""
        return self._fact_node(fact.key or "|".join(term.value for term in self._spo(fact)))

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
        yield ox.Quad(node, _TYPE, _schema(entity.type), known)
        yield ox.Quad(node, _LABEL, ox.Literal(entity.label), known)
        for alias in sorted(entity.aliases):
            yield ox.Quad(node, _ALT_LABEL, ox.Literal(alias), known)
        if entity.same_as is not None:
            yield ox.Quad(node, _SAME_AS, ox.NamedNode(entity.same_as), known)

    def entity(self, entity: Entity) -> ox.NamedNode:
        """The entity's IRI."""
        return self._entity_node(entity.id)

    def _object(self, obj: Entity | Value) -> _Term:
        return self.entity(obj) if isinstance(obj, Entity) else _value(obj)

    def _spo(self, fact: Fact) -> _Spo:
        return (
            self.entity(fact.subject),
            self._relation_node(fact.relation.label),
            self._object(fact.object),
        )

    def _said(self, spo: _Spo, relation: Relation | None) -> _Spo:
        """What the article says: its fact's triple, in its own `relation` when it has one."""
        if relation is None:
            return spo
        return spo[0], self._relation_node(relation.label), spo[2]

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
        if triple.rule:
            yield quad(node, gk["rule"], text(triple.rule), article)
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

    def _statement_node(
        self, spo: _Spo, doc_id: str, sentence: int, subject_start: int, extractor: str
    ) -> ox.NamedNode:
        parts = (*(t.value for t in spo), doc_id, sentence, subject_start, extractor)
        return ox.NamedNode(statement_iri("|".join(map(str, parts)), self.base))

    def _conflict(
        self,
        conflict: Conflict,
        stated: Mapping[str, list[ox.NamedNode]],
        reconciled: ox.NamedNode,
    ) -> Iterator[ox.Quad]:
        statements = sorted(
            ((statement, fact) for fact in conflict.facts for statement in stated[fact.key]),
            key=lambda pair: pair[0].value,
        )
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
