"""Quads: documents, entities and facts as the dataset's quads, each IRI minted once.

What `graph.to_dataset` loads into a store, in memory or on disk, as a stream: nothing here holds
more than one fact or statement at a time (but the IRIs of statements of facts in conflict).
Each quad is a row of plain strings (graphkit.rows): a pyoxigraph term costs microseconds to
make, and a build makes millions; the rows' text is what the store, the files and the state
take.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD

from graphkit.merge import Related
from graphkit.reconcile import Conflict
from graphkit.rows import Row
from graphkit.sources import Sources
from graphkit.types import Document, Entity, Evidence, Fact, KeptStatement, Relation, Value
from graphkit.vocab import GK, PROV, SCHEMA, iri_text

_TYPE, _STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = map(
    str, (RDF.type, RDF.Statement, RDF.subject, RDF.predicate, RDF.object)
)
_LABEL, _ALT_LABEL, _DERIVED = map(str, (RDFS.label, SKOS.altLabel, PROV.wasDerivedFrom))
_LOCATION_CREATED = str(SCHEMA["locationCreated"])  # an article's dateline place
_SAME_AS = str(SCHEMA["sameAs"])  # an entity's authority IRI (Wikidata, a user's KB)
_GK = {name: str(GK._NS) + name for name in GK.__annotations__}
_XSD_TYPES = ("integer", "decimal", "boolean", "anyURI", "dateTime")
_XSD = {name: str(XSD[name]) for name in _XSD_TYPES}
_GENERATED = str(PROV.generatedAtTime)
_DATES = {4: str(XSD.gYear), 7: str(XSD.gYearMonth), 10: str(XSD.date)}
_ARTICLE, _HEADLINE, _PUBLISHER, _URL, _PUBLISHED = (
    str(SCHEMA[name]) for name in ("NewsArticle", "headline", "publisher", "url", "datePublished")
)
_IRI = None
"""The datatype of an object that is an IRI (rows.Row)."""
_TEXT = ""
"""The datatype of a plain string (rows.Row)."""

_Object = tuple[str, "str | None"]
"""An object and its datatype, as a row holds them."""
_TRUE: _Object = ("true", _XSD["boolean"])


def _integer(number: int) -> _Object:
    return str(number), _XSD["integer"]


def _decimal(number: Decimal) -> _Object:
    """An xsd:decimal in XSD 1.1 canonical form (Oxigraph's, whichever store holds it).

    >>> _decimal(Decimal("2.45E+11"))[0], _decimal(Decimal("0.50"))[0]
    ('245000000000', '0.5')
    """
    return format(number.normalize(), "f"), _XSD["decimal"]


def _value(value: Value) -> _Object:
    """The typed literal for a value: xsd:decimal amounts, xsd:date/gYear dates, text."""
    if value.kind == "quantity":
        return _decimal(Decimal(value.lexical))
    if value.kind == "date" and len(value.lexical) in _DATES:
        return value.lexical, _DATES[len(value.lexical)]
    return value.lexical, _TEXT


@functools.cache  # an entity's type: a handful
def _schema(name: str) -> str:
    return str(SCHEMA[name])


_Spo = tuple[str, str, _Object]


class Quads:
    """The quads of one build under one base, as rows, each IRI minted (and checked) once."""

    def __init__(self, base: str, entered: Mapping[str, str]) -> None:
        self.base = base
        self.entered = entered  # document id → when it entered the graph (ISO 8601, UTC)
        self._entity_node = functools.cache(lambda key: iri_text("entity", key, base))
        self._relation_node = functools.cache(lambda label: iri_text("rel", label, base))
        self._fact_node = functools.cache(lambda key: iri_text("fact", key, base))
        self._document_node = functools.cache(lambda doc_id: iri_text("doc", doc_id, base))

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
        *,
        every_fact: bool = True,
    ) -> Iterator[Row]:
        """Every quad of the dataset, one article, entity, fact and statement at a time.

        `statements` pairs each sighting's evidence with the fact it is part of; the statements
        of an article a kept graph does not read again come as KeptStatement, and only their
        facts' links to them are made here (its own graph is kept as it was). Unless
        `every_fact`, a fact's own quads and its kept statements' links are made only for a fact
        near another or in conflict: all a map reads of the facts graph (analyze.network; an
        add's map, graph.Beside): on ABC, 143,000 of the 554,000 quads an add makes.
        """
        meta = iri_text("graph", "meta", self.base)
        for document in documents:
            yield from self._article(document, meta)
        known = iri_text("graph", "entities", self.base)
        for entity in entities:
            yield from self._entity(entity, known)
        for doc_id, place in datelines:  # what the article says of itself: its own graph
            article = self._document_node(doc_id)
            yield article, _LOCATION_CREATED, self.entity(place), _IRI, article
        described: set[str] = set()
        facts_graph = iri_text("graph", "facts", self.base)
        gk = _GK
        made: dict[str, tuple[str, _Spo]] = {}  # fact key → its node and triple, for its statements
        clashing = {fact.key for conflict in conflicts for fact in conflict.facts}
        wanted = None  # the keys of the facts made, if not every one's
        if not every_fact:
            related = list(related)
            wanted = clashing.union(fact.key for near in related for fact in (near.a, near.b))
        for fact in facts:
            for relation in [fact.relation, *sorted(fact.wordings, key=lambda r: r.label)]:
                if relation.label not in described:  # one IRI per label (slugs never collide)
                    described.add(relation.label)
                    relation_node = self._relation_node(relation.label)
                    yield relation_node, _TYPE, gk["Relation"], _IRI, known
                    yield relation_node, _LABEL, relation.label, _TEXT, known
            if wanted is not None and fact.key not in wanted:
                continue
            spo = self._spo(fact)
            node = self.fact(fact)
            if fact.key:  # a merged fact's (one made by hand may have none)
                made[fact.key] = node, spo
            yield node, _TYPE, gk["Fact"], _IRI, facts_graph
            yield node, _SUBJECT, spo[0], _IRI, facts_graph
            yield node, _PREDICATE, spo[1], _IRI, facts_graph
            yield node, _OBJECT, *spo[2], facts_graph
            articles, publishers, independent = sources.count(fact)
            yield node, gk["support"], *_integer(articles), facts_graph
            yield node, gk["publishers"], *_integer(publishers), facts_graph
            yield node, gk["sources"], *_integer(independent), facts_graph
        stated: dict[str, list[str]] = {key: [] for key in clashing}
        for fact, evidence in statements:
            if (
                wanted is not None
                and fact.key not in wanted
                and isinstance(evidence, KeptStatement)
            ):
                continue
            found = made.get(fact.key) if fact.key else None
            node, spo = found if found is not None else (self.fact(fact), self._spo(fact))
            said = self._said(spo, evidence.relation)
            if isinstance(evidence, KeptStatement):
                statement = self._statement_node(
                    said, evidence.doc_id, evidence.sentence, evidence.subject_start,
                    evidence.extractor,
                )  # fmt: skip
            else:
                triple = evidence.triple
                article = self._document_node(triple.sentence.doc_id)
                yield *said[:2], *said[2], article
                statement = self._statement_node(
                    said, triple.sentence.doc_id, triple.sentence.index, triple.subject.start,
                    triple.extractor,
                )  # fmt: skip
                yield from self._statement(statement, said, fact, evidence, article)
            yield node, gk["statement"], statement, _IRI, facts_graph
            if fact.key in stated:
                stated[fact.key].append(statement)
        for near in related:
            a, b = self.fact(near.a), self.fact(near.b)
            match = self._fact_node("near|" + "|".join(sorted((a, b))))
            yield a, gk["relatedFact"], b, _IRI, facts_graph
            yield b, gk["relatedFact"], a, _IRI, facts_graph
            yield match, _TYPE, gk["NearMatch"], _IRI, facts_graph
            yield match, gk["fact"], a, _IRI, facts_graph
            yield match, gk["fact"], b, _IRI, facts_graph
            yield match, gk["score"], *_decimal(Decimal(str(near.score))), facts_graph
        reconciled = iri_text("graph", "reconciled", self.base)
        for conflict in conflicts:
            yield from self._conflict(conflict, stated, reconciled)
        for copy, original in sorted(sources.copies.items()):
            copied = self._document_node(copy)
            yield copied, gk["copyOf"], self._document_node(original), _IRI, reconciled

    def fact(self, fact: Fact) -> str:
        """The fact's IRI, minted from its canonical form (merge.py)."""
        if fact.key:
            return self._fact_node(fact.key)
        s, p, (o, _) = self._spo(fact)
        return self._fact_node(f"{s}|{p}|{o}")

    def _article(self, document: Document, meta: str) -> Iterator[Row]:
        article = self._document_node(document.id)
        digest = hashlib.sha256(document.text.encode()).hexdigest()
        yield article, _TYPE, _ARTICLE, _IRI, meta
        yield article, _GK["contentHash"], digest, _TEXT, meta
        yield article, _GK["sourceFile"], document.source, _TEXT, meta
        if document.title:
            yield article, _HEADLINE, document.title, _TEXT, meta
        if document.publisher:
            yield article, _PUBLISHER, document.publisher, _TEXT, meta
        if document.url:
            yield article, _URL, document.url, _XSD["anyURI"], meta
        if document.published:
            yield article, _PUBLISHED, document.published.isoformat(), _DATES[10], meta
        if document.id in self.entered:  # when its graph entered this one, not when published
            yield article, _GENERATED, self.entered[document.id], _XSD["dateTime"], meta

    def _entity(self, entity: Entity, known: str) -> Iterator[Row]:
        node = self.entity(entity)
        yield node, _TYPE, _schema(entity.type), _IRI, known
        yield node, _LABEL, entity.label, _TEXT, known
        for alias in sorted(entity.aliases):
            yield node, _ALT_LABEL, alias, _TEXT, known
        if entity.same_as is not None:
            yield node, _SAME_AS, entity.same_as, _IRI, known

    def entity(self, entity: Entity) -> str:
        """The entity's IRI."""
        return self._entity_node(entity.id)

    def _object(self, obj: Entity | Value) -> _Object:
        return (self.entity(obj), _IRI) if isinstance(obj, Entity) else _value(obj)

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
        self, node: str, spo: _Spo, fact: Fact, evidence: Evidence, article: str
    ) -> Iterator[Row]:
        triple = evidence.triple
        sentence = triple.sentence
        gk = _GK
        yield node, _TYPE, _STATEMENT, _IRI, article
        yield node, _SUBJECT, spo[0], _IRI, article
        yield node, _PREDICATE, spo[1], _IRI, article
        yield node, _OBJECT, *spo[2], article
        yield node, _DERIVED, article, _IRI, article
        yield node, gk["sentence"], sentence.text, _TEXT, article
        yield node, gk["sentenceIndex"], *_integer(sentence.index), article
        yield node, gk["start"], *_integer(sentence.start), article
        yield node, gk["end"], *_integer(sentence.end), article
        yield node, gk["extractor"], triple.extractor, _TEXT, article
        if triple.rule:
            yield node, gk["rule"], triple.rule, _TEXT, article
        yield node, gk["confidence"], *_decimal(Decimal(str(triple.confidence))), article
        yield node, gk["relationText"], triple.relation.text, _TEXT, article
        yield node, gk["subjectText"], triple.subject.text, _TEXT, article
        if triple.object is not None:
            yield node, gk["objectText"], triple.object.text, _TEXT, article
        if triple.relation.negated:
            yield node, gk["negated"], *_TRUE, article
        if triple.relation.modality:
            yield node, gk["modality"], triple.relation.modality, _TEXT, article
        if isinstance(fact.object, Value) and fact.object.unit:
            yield node, gk["unit"], fact.object.unit, _TEXT, article
        if triple.attribution is not None:
            yield node, gk["attribution"], triple.attribution.text, _TEXT, article
        if evidence.attributed_to is not None:
            yield node, gk["attributedTo"], self.entity(evidence.attributed_to), _IRI, article
        for qualifier in triple.qualifiers:
            yield node, gk["qualifier"], qualifier.text, _TEXT, article
        if evidence.time is not None:
            yield node, gk["timeText"], evidence.time.text, _TEXT, article
            if evidence.time.kind == "date":
                yield node, gk["time"], *_value(evidence.time), article

    def _statement_node(
        self, spo: _Spo, doc_id: str, sentence: int, subject_start: int, extractor: str
    ) -> str:
        parts = (spo[0], spo[1], spo[2][0], doc_id, sentence, subject_start, extractor)
        return iri_text("statement", "|".join(map(str, parts)), self.base)

    def _conflict(
        self,
        conflict: Conflict,
        stated: Mapping[str, list[str]],
        reconciled: str,
    ) -> Iterator[Row]:
        statements = sorted(
            ((statement, fact) for fact in conflict.facts for statement in stated[fact.key]),
            key=lambda pair: pair[0],
        )
        key = "conflict|" + "|".join(statement for statement, _ in statements)
        node = iri_text("statement", key, self.base)
        values = ", ".join(f.object.text for f in conflict.facts if isinstance(f.object, Value))
        label = f"{conflict.subject.label} {conflict.relation}: {values}"
        yield node, _TYPE, _GK["Conflict"], _IRI, reconciled
        yield node, _SUBJECT, self.entity(conflict.subject), _IRI, reconciled
        yield node, _PREDICATE, self._relation_node(conflict.relation), _IRI, reconciled
        yield node, _LABEL, label, _TEXT, reconciled
        for statement, fact in statements:
            yield node, _GK["statement"], statement, _IRI, reconciled
            yield statement, _GK["value"], *self._object(fact.object), reconciled
