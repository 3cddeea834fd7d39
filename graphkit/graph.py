"""Graph: documents, entities and facts → an rdflib Dataset; reading and writing it on disk."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from graphkit._io import atomic_write
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
    relations: set[Node] = set()
    articles: dict[str, tuple[URIRef, Graph]] = {}
    for fact in facts:
        subject, relation, obj = _spo(fact, base)
        if relation not in relations:  # one IRI per label (slugs never collide)
            relations.add(relation)
            known.add((relation, RDF.type, GK.Relation))
            known.add((relation, RDFS.label, Literal(fact.relation.label)))
        count = Literal(support(fact))
        for evidence in fact.evidence:
            doc_id = evidence.triple.sentence.doc_id
            if doc_id not in articles:
                article = document_iri(doc_id, base)
                articles[doc_id] = (article, dataset.graph(article))
            article, claims = articles[doc_id]
            claims.add((subject, relation, obj))
            _add_statement(claims, (subject, relation, obj), fact, evidence, article, base, count)
    reconciled = dataset.graph(graph_iri("reconciled", base))
    for conflict in conflicts:
        _add_conflict(reconciled, conflict, base)
    return dataset


def write(dataset: Dataset, out_dir: Path, *, stem: str = "graph") -> list[Path]:
    """Write TriG, N-Quads, a flattened Turtle and JSON-LD into `out_dir`, each atomically.

    The writers group each graph by subject once and format each term once: rdflib's own
    pretty serialisers take seconds per hundred thousand triples. The files read back with
    `load` (or any RDF 1.1 parser) to the same quads.
    """
    graphs = _grouped(dataset)
    writers = {
        "trig": lambda out: _write_trig(out, graphs, _TurtleTerms(dataset)),
        "nquads": lambda out: _write_nquads(out, graphs),
        "turtle": lambda out: _write_turtle(out, _merged(graphs), _TurtleTerms(dataset)),
        "json-ld": lambda out: _write_jsonld(out, graphs),
    }
    written = []
    for suffix, fmt in FORMATS.items():
        path = out_dir / f"{stem}{suffix}"
        with atomic_write(path) as out:
            writers[fmt](out)
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
    count: Literal,
) -> None:
    triple = evidence.triple
    sentence = triple.sentence
    node = _statement_node(spo, evidence, base)
    claims.add((node, RDF.type, RDF.Statement))
    claims.add((node, GK.support, count))
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


# Writing. A graph is held as {graph name: {subject: {predicate: [objects]}}}, in sorted order.

_Subjects = dict[Node, dict[Node, list[Node]]]
_RDF_TYPE = RDF.type

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f\\"]')
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")  # a safe subset of Turtle's PN_LOCAL
_BARE = {  # datatypes Turtle writes without quotes, when the lexical form is their own
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


def _grouped(dataset: Dataset) -> dict[Node, _Subjects]:
    graphs: dict[Node, _Subjects] = {}
    for context in dataset.graphs():
        subjects: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in context.triples((None, None, None)):
            subjects[s][p].append(o)
        if subjects:
            graphs[context.identifier] = _sorted(subjects)
    return dict(sorted(graphs.items(), key=lambda item: _sort_key(item[0])))


def _merged(graphs: dict[Node, _Subjects]) -> _Subjects:
    """The union of all graphs; only subjects found in several graphs are merged again."""
    merged: dict[Node, dict[Node, list[Node]]] = {}
    shared: dict[Node, dict[Node, set[Node]]] = {}
    for subjects in graphs.values():
        for s, predicates in subjects.items():
            if s not in merged:
                merged[s] = predicates
                continue
            union = shared.get(s)
            if union is None:
                union = shared[s] = defaultdict(set)
                for p, objects in merged[s].items():
                    union[p].update(objects)
            for p, objects in predicates.items():
                union[p].update(objects)
    merged.update(_sorted(shared))
    return {s: merged[s] for s in sorted(merged, key=str)}


def _sorted(subjects: Mapping[Node, Mapping[Node, Collection[Node]]]) -> _Subjects:
    """Subjects and predicates in IRI order (rdf:type first), objects in term order."""
    ordered: _Subjects = {}
    for s in sorted(subjects, key=str):
        predicates = subjects[s]
        names = sorted(predicates, key=str)
        if _RDF_TYPE in predicates:
            names.remove(_RDF_TYPE)
            names.insert(0, _RDF_TYPE)
        ordered[s] = {
            p: list(objects) if len(objects) == 1 else sorted(objects, key=_sort_key)
            for p in names
            for objects in (predicates[p],)
        }
    return ordered


def _sort_key(term: Node) -> tuple[int, str, str]:
    if isinstance(term, Literal):
        return (2, str(term), str(term.datatype or term.language or ""))
    return (1 if isinstance(term, BNode) else 0, str(term), "")


def _quote(text: str) -> str:
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(
            lambda match: _ESCAPES.get(match[0]) or f"\\u{ord(match[0]):04X}", text
        )
    return f'"{text}"'


def _nt(term: Node) -> str:
    """A term in N-Triples syntax: full IRIs, strings on one line."""
    if isinstance(term, Literal):
        if term.language:
            return f"{_quote(str(term))}@{term.language}"
        if term.datatype is not None:
            return f"{_quote(str(term))}^^<{term.datatype}>"
        return _quote(str(term))
    return term.n3()


class _TurtleTerms:
    """Formats terms for Turtle and TriG with the dataset's prefixes, remembering which it used."""

    def __init__(self, dataset: Dataset) -> None:
        self._prefixes = sorted(
            ((str(namespace), prefix) for prefix, namespace in dataset.namespaces()),
            key=lambda item: -len(item[0]),
        )
        self._cache: dict[Node, str] = {}
        self.used: dict[str, str] = {}

    def __call__(self, term: Node) -> str:
        text = self._cache.get(term)
        if text is None:
            text = self._cache[term] = self._format(term)
        return text

    def predicate(self, term: Node) -> str:
        return "a" if term == _RDF_TYPE else self(term)

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.used.items())) + "\n"

    def _format(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self._name(str(term)) or term.n3()
        if isinstance(term, Literal):
            lexical, datatype = str(term), term.datatype
            if term.language:
                return f"{_quote(lexical)}@{term.language}"
            if datatype is None:
                return _quote(lexical)
            pattern = _BARE.get(datatype)
            if pattern is not None and pattern.fullmatch(lexical):
                return lexical
            return f"{_quote(lexical)}^^{self._name(str(datatype)) or f'<{datatype}>'}"
        return term.n3()

    def _name(self, iri: str) -> str | None:
        for namespace, prefix in self._prefixes:
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace) :]):
                self.used[prefix] = namespace
                return f"{prefix}:{iri[len(namespace) :]}"
        return None


def _subject_blocks(subjects: _Subjects, terms: _TurtleTerms, indent: str) -> Iterator[str]:
    for s, predicates in subjects.items():
        lines = [
            f"{terms.predicate(p)} {' , '.join(terms(o) for o in objects)}"
            for p, objects in predicates.items()
        ]
        yield f"{indent}{terms(s)} " + f" ;\n{indent}    ".join(lines) + " .\n\n"


def _write_trig(out: TextIO, graphs: dict[Node, _Subjects], terms: _TurtleTerms) -> None:
    body: list[str] = []
    for name, subjects in graphs.items():
        if name == DATASET_DEFAULT_GRAPH_ID:
            body.extend(_subject_blocks(subjects, terms, ""))
        else:
            body.append(f"{terms(name)} {{\n")
            body.extend(_subject_blocks(subjects, terms, "    "))
            body.append("}\n\n")
    out.write(terms.header())  # after the body: only the prefixes it used
    out.writelines(body)


def _write_turtle(out: TextIO, subjects: _Subjects, terms: _TurtleTerms) -> None:
    body = list(_subject_blocks(subjects, terms, ""))
    out.write(terms.header())
    out.writelines(body)


def _write_nquads(out: TextIO, graphs: dict[Node, _Subjects]) -> None:
    nt = functools.cache(_nt)  # IRIs recur: format each once
    for name, subjects in graphs.items():
        label = "" if name == DATASET_DEFAULT_GRAPH_ID else f" {nt(name)}"
        for s, predicates in subjects.items():
            subject = nt(s)
            for p, objects in predicates.items():
                predicate = nt(p)
                out.writelines(f"{subject} {predicate} {nt(o)}{label} .\n" for o in objects)


def _write_jsonld(out: TextIO, graphs: dict[Node, _Subjects]) -> None:
    """Expanded JSON-LD: a list of named graphs, one node object a line."""
    out.write("[")
    first = True
    for name, subjects in graphs.items():
        nodes = [_jsonld_node(s, predicates) for s, predicates in subjects.items()]
        lines = ",\n".join(json.dumps(node, ensure_ascii=False) for node in nodes)
        if name == DATASET_DEFAULT_GRAPH_ID:
            block = lines
        else:
            block = f'{{"@id": {json.dumps(_jsonld_id(name))}, "@graph": [\n{lines}\n]}}'
        out.write(("\n" if first else ",\n") + block)
        first = False
    out.write("\n]\n")


def _jsonld_node(subject: Node, predicates: dict[Node, list[Node]]) -> dict[str, object]:
    node: dict[str, object] = {"@id": _jsonld_id(subject)}
    for p, objects in predicates.items():
        if p == _RDF_TYPE:
            types = [_jsonld_id(o) for o in objects if not isinstance(o, Literal)]
            if types:
                node["@type"] = types
            objects = [o for o in objects if isinstance(o, Literal)]
            if not objects:
                continue
        node[str(p)] = [_jsonld_value(o) for o in objects]
    return node


def _jsonld_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _jsonld_value(term: Node) -> dict[str, str]:
    if not isinstance(term, Literal):
        return {"@id": _jsonld_id(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None:
        return {"@value": str(term), "@type": str(term.datatype)}
    return {"@value": str(term)}
