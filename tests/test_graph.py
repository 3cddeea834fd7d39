"""Graph: the data model, typed literals, valid IRIs, and lossless round trips in every format."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, URIRef

from graphkit import graph, query
from graphkit.errors import InputError
from graphkit.ingest import clean_text
from graphkit.types import (
    Document,
    Entity,
    Evidence,
    Fact,
    Mention,
    Relation,
    Sentence,
    Triple,
    Value,
)
from graphkit.vocab import GK, PROV, SCHEMA, document_iri, entity_iri, graph_iri, relation_iri

BASE = "https://w3id.org/graphkit/"
DOC = BASE + "doc/d1"


def make_fact(
    doc: Document, subject: Entity, lemma: str, obj: Entity | Value
) -> tuple[Fact, Evidence]:
    sentence = Sentence(doc_id=doc.id, index=0, start=0, end=len(doc.text), text=doc.text)
    object_text = obj.label if isinstance(obj, Entity) else obj.text
    triple = Triple(
        subject=Mention(text=subject.label, start=0, end=len(subject.label)),
        relation=Relation(text=lemma, lemma=lemma),
        object=Mention(text=object_text, start=0, end=len(object_text)),
        sentence=sentence,
        extractor="test",
        confidence=0.5,
    )
    fact = Fact(
        subject=subject,
        relation=triple.relation,
        object=obj,
        key=f"{subject.id}|{lemma}|{object_text}",
        documents=frozenset({doc.id}),
        sightings=1,
    )
    return fact, Evidence(triple=triple)


STORES = ["Oxigraph", "default"]  # the default store, and rdflib's pure-Python one


def small_graph(
    label: str = "Russia", text: str = "Russia trades with China.", store: str = "Oxigraph"
) -> Dataset:
    doc = Document(id="d1", text=text, source="a.txt", title="T")
    russia = Entity(id="russia", label=label, type="Place", aliases=frozenset({"RU"}))
    china = Entity(id="china", label="China", type="Place")
    money = Value(text="$245 billion", kind="quantity", lexical="245000000000", unit="USD")
    stated = [make_fact(doc, russia, "trade with", china), make_fact(doc, russia, "reach", money)]
    facts = [fact for fact, _ in stated]
    return graph.to_dataset([doc], [russia, china], facts, statements=stated, store=store)


@pytest.mark.parametrize("store", STORES)
def test_each_article_is_a_named_graph_with_asserted_facts_and_statements(store):
    dataset = small_graph(store=store)
    article = dataset.graph(document_iri("d1"))
    russia, china = entity_iri("russia"), entity_iri("china")
    trade = relation_iri("trade with")
    assert (russia, trade, china) in article
    statements = list(article.subjects(RDF.type, RDF.Statement))
    assert len(statements) == 2
    st_trade = next(s for s in statements if (s, RDF.predicate, trade) in article)
    assert (st_trade, PROV.wasDerivedFrom, document_iri("d1")) in article
    assert (st_trade, GK.sentence, Literal("Russia trades with China.")) in article
    assert (st_trade, GK.confidence, Literal(Decimal("0.5"), datatype=XSD.decimal)) in article
    entities = dataset.graph(graph_iri("entities"))
    assert (russia, RDF.type, SCHEMA.Place) in entities
    assert (russia, SKOS.altLabel, Literal("RU")) in entities
    assert (trade, RDFS.label, Literal("trade with")) in entities
    meta = dataset.graph(graph_iri("meta"))
    assert (document_iri("d1"), RDF.type, SCHEMA.NewsArticle) in meta
    assert (document_iri("d1"), SCHEMA.headline, Literal("T")) in meta


@pytest.mark.parametrize("store", STORES)
def test_money_is_an_exact_decimal_literal_with_its_unit(store):
    dataset = small_graph(store=store)
    article = dataset.graph(document_iri("d1"))
    [amount] = article.objects(entity_iri("russia"), relation_iri("reach"))
    assert isinstance(amount, Literal)
    assert amount.datatype == XSD.decimal
    assert amount.toPython() == Decimal("245000000000")
    [statement] = article.subjects(RDF.predicate, relation_iri("reach"))
    assert (statement, GK.unit, Literal("USD")) in article


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("suffix", sorted(graph.FORMATS))
def test_every_output_parses_back_to_the_same_graph(tmp_path, suffix, store):
    dataset = small_graph(store=store)
    graph.write(dataset, tmp_path, formats=graph.FORMATS)
    loaded = graph.load(tmp_path / f"graph{suffix}", store=store)
    if suffix == ".ttl":  # Turtle has no named graphs: compare with the flattened union

        def triples(dataset):
            return {(s, p, _plain(o)) for s, p, o in graph.flatten(dataset)}

        union = {(s, p, _plain(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
        assert triples(dataset) == union == triples(loaded)
    else:
        assert_same_quads(dataset, loaded)


def test_turtle_streams_graphs_larger_than_a_write_and_states_each_prefix_once(tmp_path):
    dataset = small_graph(store="Oxigraph")
    big = dataset.graph(document_iri("long"))
    for n in range(3_000):  # a long article's graph: a megabyte of Turtle, many writes
        big.add((entity_iri(f"e{n}"), GK.sentence, Literal(f"sentence {n} " * 40)))
    [path] = graph.write(dataset, tmp_path, formats=[".ttl"])
    text = path.read_text(encoding="utf-8")
    assert len(text) > 1_000_000
    for prefix, _ in dataset.namespaces():
        assert text.count(f"@prefix {prefix}: ") <= 1
    assert all(line.startswith("@prefix") for line in text.split("\n")[: text.count("@prefix")])
    union = {(s, p, _plain(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert {(s, p, _plain(o)) for s, p, o in graph.flatten(graph.load(path))} == union


def _plain(term):
    """RDF 1.1: a simple literal is an xsd:string (Oxigraph says so explicitly, rdflib does not)."""
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return Literal(str(term), datatype=XSD.string)
    return term


def assert_same_quads(expected, actual):
    def quads(dataset):
        return {
            (s, p, _plain(o), c.identifier if hasattr(c, "identifier") else c)
            for s, p, o, c in dataset.quads((None, None, None, None))
        }

    missing, extra = quads(expected) - quads(actual), quads(actual) - quads(expected)
    assert not missing and not extra, f"missing {sorted(missing)[:3]} extra {sorted(extra)[:3]}"


hostile = st.lists(
    st.text(max_size=8)
    | st.sampled_from(
        ["\x00", "\x1b", "\ud800", "</script>", '"', "'", "\\", "\u202e", "שלום", "\n"]
    ),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=hostile, text=hostile)
def test_round_trip_survives_hostile_text(tmp_path_factory, label, text):
    label, text = clean_text(label).strip() or "x", clean_text(text).strip() or "x"
    dataset = small_graph(label=label, text=text)
    out = tmp_path_factory.mktemp("rt")
    graph.write(dataset, out, formats=graph.FORMATS)
    for suffix in (".trig", ".nq", ".jsonld"):
        assert_same_quads(dataset, graph.load(out / f"graph{suffix}"))


def test_both_stores_hold_the_same_graph_and_answer_the_same_query():
    memory, oxigraph = small_graph(store="default"), small_graph(store="Oxigraph")
    assert_same_quads(memory, oxigraph)
    expected = [
        {"subject": "Russia", "relation": "reach", "object": "245000000000", "doc": DOC},
        {"subject": "Russia", "relation": "trade with", "object": "China", "doc": DOC},
    ]
    for dataset in (memory, oxigraph):
        rows = query.facts(dataset).as_dicts()
        assert sorted(rows, key=lambda row: row["relation"] or "") == expected


def test_an_unknown_format_is_refused_before_any_file_is_written(tmp_path):
    with pytest.raises(InputError, match=r"\.xml: not a graph format"):
        graph.write(small_graph(), tmp_path, formats=[".trig", ".xml"])
    assert list(tmp_path.iterdir()) == []


def test_loading_a_bad_file_names_it(tmp_path):
    bad = tmp_path / "broken.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.trig: not valid trig"):
        graph.load(bad)
    with pytest.raises(InputError, match=r"notes\.txt: not a graph file"):
        graph.load(tmp_path / "notes.txt")


def test_seed_graph_has_no_pronoun_or_empty_node(seed_dataset):
    labels = [str(o) for o in seed_dataset.objects(None, RDFS.label)]
    banned = {
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "we",
        "us",
        "his",
        "its",
        "their",
        "",
    }
    assert not [label for label in labels if label.strip().casefold() in banned]
    assert all(isinstance(s, URIRef) for s in seed_dataset.subjects(RDFS.label, None))
