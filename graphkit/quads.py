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

from graphkit.ledger import Ledger, fingerprint
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
_Stated = tuple["Relation | None", str, int, int, str, "str | None"]
"""A fact's statement: the article's relation, where it was read (article, sentence, subject's
offset), by which extractor, and its IRI once made."""


def _fingerprint(fact: Fact, counts: tuple[int, int, int], statements: list[_Stated]) -> str:
    """What a fact's quads are made of, as the ledger compares it (graphkit.ledger).

    The ids, labels and values its IRIs and literals are made from (its statements' IRIs
    follow from what they say and where), in no order of its statements'.
    """
    obj, own = fact.object, fact.relation.label
    what = ("", obj.id) if isinstance(obj, Entity) else (obj.kind, obj.lexical)
    said = [
        ("" if relation is None or relation.label == own else relation.label, doc, at, start, by)
        for relation, doc, at, start, by, _ in statements
    ]
    if len(said) > 1:
        said.sort()
    return fingerprint(repr((fact.subject.id, own, what, counts, said)))


def apart(conflicts: Iterable[Conflict], related: Iterable[Related]) -> set[str]:
    """The keys of the facts near another or in conflict: all a map reads of the facts graph.

    Their quads are made even where others' are not (Quads.build's `every_fact`, `ledger`).
    """
    clashing = {fact.key for conflict in conflicts for fact in conflict.facts}
    return clashing.union(fact.key for near in related for fact in (near.a, near.b))


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
        ledger: Ledger | None = None,
    ) -> Iterator[Row]:
        """Every quad of the dataset, one article, entity, fact and statement at a time.

        `statements` pairs each sighting's evidence with the fact it is part of; the statements
        of an article a kept graph does not read again come as KeptStatement, and only their
        facts' links to them are made here (its own graph is kept as it was). A fact's quads
        and its links come together, after every statement's. Unless `every_fact`, a fact's
        own quads and its kept statements' links are made only for a fact near another or in
        conflict: all a map reads of the facts graph (analyze.network; an add's map,
        graph.Beside): on ABC, 143,000 of the 554,000 quads an add makes. With a `ledger`, a
        fact it carries over from a kept graph is not made either (graphkit.ledger).
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
        facts_graph = iri_text("graph", "facts", self.base)
        gk = _GK
        related = list(related)
        mapped = apart(conflicts, related)  # made whatever else is not
        wanted = None if every_fact else mapped  # the keys of the facts made, if not every one's
        said: dict[str, tuple[Fact, list[_Stated]]] = {}  # fact key (or IRI) → its statements
        for fact, evidence in statements:
            if isinstance(evidence, KeptStatement):
                if wanted is not None and fact.key not in wanted:
                    continue
                where = (evidence.doc_id, evidence.sentence, evidence.subject_start)
                stated: _Stated = (evidence.relation, *where, evidence.extractor, None)
            else:
                triple = evidence.triple
                spo = self._said(self._spo(fact), evidence.relation)
                article = self._document_node(triple.sentence.doc_id)
                where = (triple.sentence.doc_id, triple.sentence.index, triple.subject.start)
                statement = self._statement_node(spo, *where, triple.extractor)
                yield *spo[:2], *spo[2], article
                yield from self._statement(statement, spo, fact, evidence, article)
                stated = (evidence.relation, *where, triple.extractor, statement)
            name = fact.key or self.fact(fact)
            if name not in said:
                said[name] = fact, []
            said[name][1].append(stated)
        clashing: dict[str, list[str]] = {  # the facts in conflict: their statements
            fact.key: [] for conflict in conflicts for fact in conflict.facts
        }
        described: set[str] = set()
        for fact in facts:
            for relation in [fact.relation, *sorted(fact.wordings, key=lambda r: r.label)]:
                if relation.label not in described:  # one IRI per label (slugs never collide)
                    described.add(relation.label)
                    relation_node = self._relation_node(relation.label)
                    yield relation_node, _TYPE, gk["Relation"], _IRI, known
                    yield relation_node, _LABEL, relation.label, _TEXT, known
            key = fact.key
            _, its = said.pop(key or self.fact(fact), (fact, []))
            if wanted is not None and key not in wanted:  # its new statements' links only
                if its:
                    yield from self._links(self.fact(fact), self._spo(fact), its, facts_graph, None)
                continue
            counts = sources.count(fact)
            by_fact = ledger if key and key not in mapped else None
            if by_fact is not None and by_fact.carries(key, _fingerprint(fact, counts, its)):
                continue
            node, spo = self.fact(fact), self._spo(fact)
            if by_fact is not None:
                by_fact.made(node, key)
            yield node, _TYPE, gk["Fact"], _IRI, facts_graph
            yield node, _SUBJECT, spo[0], _IRI, facts_graph
            yield node, _PREDICATE, spo[1], _IRI, facts_graph
            yield node, _OBJECT, *spo[2], facts_graph
            yield node, gk["support"], *_integer(counts[0]), facts_graph
            yield node, gk["publishers"], *_integer(counts[1]), facts_graph
            yield node, gk["sources"], *_integer(counts[2]), facts_graph
            yield from self._links(node, spo, its, facts_graph, clashing.get(key))
        for fact, its in said.values():  # statements of facts not given (made by hand)
            yield from self._links(self.fact(fact), self._spo(fact), its, facts_graph, None)
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
            yield from self._conflict(conflict, clashing, reconciled)
        for copy, original in sorted(sources.copies.items()):
            copied = self._document_node(copy)
            yield copied, gk["copyOf"], self._document_node(original), _IRI, reconciled

    def fact(self, fact: Fact) -> str:
        """The fact's IRI, minted from its canonical form (merge.py)."""
        if fact.key:
            return self._fact_node(fact.key)
        s, p, (o, _) = self._spo(fact)
        return self._fact_node(f"{s}|{p}|{o}")

    def _links(
        self,
        node: str,
        spo: _Spo,
        statements: Iterable[_Stated],
        graph: str,
        kept: list[str] | None,
    ) -> Iterator[Row]:
        """A fact's links to its statements (`kept` gathers their IRIs, if given)."""
        for relation, doc_id, sentence, subject_start, extractor, statement in statements:
            if statement is None:
                said = self._said(spo, relation)
                statement = self._statement_node(said, doc_id, sentence, subject_start, extractor)
            yield node, _GK["statement"], statement, _IRI, graph
            if kept is not None:
                kept.append(statement)

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
