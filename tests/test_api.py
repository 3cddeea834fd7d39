"""The notebook API: tables, lookup, SPARQL, inline maps and summaries of a KnowledgeGraph.

Two graphs: a hand-written TriG dataset whose every table is worked out by hand below, and the
seed graph, built once for this module, for what only a real build shows.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Dataset
from test_visualize import page_data

import graphkit
from graphkit.analyze import Stats
from graphkit.api import ENTITY_COLUMNS, TRIPLE_COLUMNS, KnowledgeGraph, from_texts
from graphkit.errors import GraphkitError, QueryError
from graphkit.nlp import load_pipeline
from graphkit.visualize import select_view

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
FIRST, SECOND = "000_8a3b9e2ee59992ef.txt", "003_c187e5ae1e2307df.txt"

# Two articles: a.txt (no headline) and b.txt ("Ministers meet"). "Ann Lee met Bo Chen" is in
# both; b.txt also denies that Lee worked for Acme. Acme's label is hostile HTML on purpose.
TINY_TRIG = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix gk: <https://w3id.org/graphkit/ns#> .
@prefix ent: <https://w3id.org/graphkit/entity/> .
@prefix rel: <https://w3id.org/graphkit/rel/> .
@prefix doc: <https://w3id.org/graphkit/doc/> .
@prefix st: <https://w3id.org/graphkit/statement/> .

<https://w3id.org/graphkit/graph/meta> {
  doc:a a schema:NewsArticle ; gk:sourceFile "news/a.txt" .
  doc:b a schema:NewsArticle ; gk:sourceFile "news/b.txt" ; schema:headline "Ministers meet" .
}
<https://w3id.org/graphkit/graph/entities> {
  ent:ann_lee a schema:Person ; rdfs:label "Ann Lee" ; skos:altLabel "Lee", "the minister" .
  ent:bo_chen a schema:Person ; rdfs:label "Bo Chen" ; skos:altLabel "Chen" .
  ent:acme a schema:Organization ; rdfs:label "Acme <Corp> & Sons" .
  rel:meet a gk:Relation ; rdfs:label "meet" .
  rel:work_for a gk:Relation ; rdfs:label "work for" .
}
doc:a {
  ent:ann_lee rel:meet ent:bo_chen .
  st:s1 a rdf:Statement ; rdf:subject ent:ann_lee ; rdf:predicate rel:meet ;
    rdf:object ent:bo_chen ; prov:wasDerivedFrom doc:a ; gk:sentence "Ann Lee met Bo Chen." ;
    gk:support 2 .
  ent:bo_chen rel:work_for ent:acme .
  st:s2 a rdf:Statement ; rdf:subject ent:bo_chen ; rdf:predicate rel:work_for ;
    rdf:object ent:acme ; prov:wasDerivedFrom doc:a ; gk:sentence "Chen works for Acme." ;
    gk:support 1 .
}
doc:b {
  ent:ann_lee rel:meet ent:bo_chen .
  st:s3 a rdf:Statement ; rdf:subject ent:ann_lee ; rdf:predicate rel:meet ;
    rdf:object ent:bo_chen ; prov:wasDerivedFrom doc:b ; gk:sentence "The minister met Chen." ;
    gk:support 2 .
  ent:ann_lee rel:work_for ent:acme .
  st:s4 a rdf:Statement ; rdf:subject ent:ann_lee ; rdf:predicate rel:work_for ;
    rdf:object ent:acme ; prov:wasDerivedFrom doc:b ; gk:sentence "Lee did not work for Acme." ;
    gk:support 1 ; gk:negated true .
}
"""
ENT = "https://w3id.org/graphkit/entity/"
DOC = "https://w3id.org/graphkit/doc/"
ACME = "Acme <Corp> & Sons"


@pytest.fixture(scope="module")
def tiny() -> KnowledgeGraph:
    dataset = Dataset(default_union=True)
    dataset.parse(data=TINY_TRIG, format="trig")
    return KnowledgeGraph(dataset)


@pytest.fixture(scope="module")
def model():
    return load_pipeline(graphkit.BuildConfig().model)


@pytest.fixture(scope="module")
def kg(model) -> KnowledgeGraph:
    return graphkit.build(SEEDS, pipeline=model)


class _Frames(HTMLParser):
    """Collects the attributes of every <iframe> (values arrive unescaped)."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.frames.append(dict(attrs))


def iframes(markup: str) -> list[dict[str, str | None]]:
    parser = _Frames()
    parser.feed(markup)
    return parser.frames


# --- the hand-written graph: every expected value is read off TINY_TRIG ---------------------


def test_triples_has_one_row_per_fact_and_article(tiny):
    expected = [
        ("Ann Lee", "meet", "Bo Chen", False, 2, "Ministers meet", "The minister met Chen.", "b"),
        ("Ann Lee", "meet", "Bo Chen", False, 2, "a.txt", "Ann Lee met Bo Chen.", "a"),
        ("Ann Lee", "work for", ACME, True, 1, "Ministers meet", "Lee did not work for Acme.", "b"),
        ("Bo Chen", "work for", ACME, False, 1, "a.txt", "Chen works for Acme.", "a"),
    ]
    table = tiny.triples()
    assert list(table.columns) == [
        "subject",
        "relation",
        "object",
        "negated",
        "support",
        "article",
        "sentence",
        "doc",
    ]
    assert list(TRIPLE_COLUMNS) == list(table.columns)
    assert [tuple(row) for row in table.itertuples(index=False)] == [
        (*row[:-1], DOC + row[-1]) for row in expected
    ]
    assert table.support.dtype.kind == "i"
    assert table.negated.dtype == bool


def test_entities_lists_types_aliases_facts_and_articles(tiny):
    table = tiny.entities()
    assert list(table.columns) == [
        "label",
        "type",
        "aliases",
        "facts",
        "articles",
        "iri",
        "same_as",
    ]
    assert [tuple(row) for row in table.itertuples(index=False)] == [
        (ACME, "Organization", [], 2, 2, ENT + "acme", None),
        ("Ann Lee", "Person", ["Lee", "the minister"], 2, 2, ENT + "ann_lee", None),
        ("Bo Chen", "Person", ["Chen"], 2, 2, ENT + "bo_chen", None),
    ]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Ann Lee", "Ann Lee"),
        ("ann lee", "Ann Lee"),
        ("  ANN\n  LEE ", "Ann Lee"),
        ("lee", "Ann Lee"),
        ("The Minister", "Ann Lee"),
        ("minister", "Ann Lee"),  # an alias "the X" answers to "X" too
        ("chen", "Bo Chen"),
        (ENT + "bo_chen", "Bo Chen"),
        ("acme <corp> & sons", ACME),
    ],
)
def test_entity_is_found_by_any_name_in_any_case(tiny, name, label):
    found = tiny.entity(name)
    assert isinstance(found, pd.Series)
    assert list(found.index) == list(ENTITY_COLUMNS)
    assert found["label"] == label
    assert found.name == label


def test_entity_names_near_misses_when_nothing_matches(tiny):
    with pytest.raises(GraphkitError, match=r"'Ann Le': no entity .* did you mean 'Ann Lee'"):
        tiny.entity("Ann Le")
    with pytest.raises(GraphkitError, match=r"'Zed': no entity has this name or alias$"):
        tiny.entity("Zed")


def test_neighbors_are_the_facts_linking_an_entity(tiny):
    table = tiny.neighbors("Chen")
    assert list(table.columns) == ["neighbor", "neighbor_type", *TRIPLE_COLUMNS]
    assert [tuple(row[:9]) for row in table.itertuples(index=False)] == [
        ("Ann Lee", "Person", "Ann Lee", "meet", "Bo Chen", False, 2, "Ministers meet",
         "The minister met Chen."),
        ("Ann Lee", "Person", "Ann Lee", "meet", "Bo Chen", False, 2, "a.txt",
         "Ann Lee met Bo Chen."),
        (ACME, "Organization", "Bo Chen", "work for", ACME, False, 1, "a.txt",
         "Chen works for Acme."),
    ]  # fmt: skip


def test_query_returns_a_frame_with_predeclared_prefixes(tiny):
    table = tiny.query("SELECT ?alias WHERE { ent:ann_lee skos:altLabel ?alias } ORDER BY ?alias")
    assert list(table.columns) == ["alias"]
    assert list(table.alias) == ["Lee", "the minister"]


def test_query_refuses_updates(tiny):
    with pytest.raises(QueryError, match="read-only"):
        tiny.query("INSERT DATA { ent:x rdfs:label 'x' }")


def test_repr_counts_articles_entities_and_facts(tiny):
    assert repr(tiny) == "<KnowledgeGraph: 2 articles, 3 entities, 3 facts>"


def test_repr_html_summarises_and_escapes_labels(tiny):
    summary = tiny._repr_html_()
    assert "Acme &lt;Corp&gt; &amp; Sons (2)" in summary
    assert "<Corp>" not in summary
    assert "3 (1 stated by more than one article)" in summary
    assert "2 Person, 1 Organization" in summary
    assert "built" not in summary  # a loaded graph has no build to report


def test_stats_are_the_counts_of_the_summary(tiny):
    assert tiny.stats(top=2) == Stats(
        articles=2,
        entities=3,
        types=(("Person", 2), ("Organization", 1)),
        relations=2,
        facts=3,
        shared_facts=1,  # Ann Lee met Bo Chen, in both articles
        linked=0,
        statements=4,
        top_entities=((ACME, 2), ("Ann Lee", 2)),  # a tie on degree: by label
    )


def test_to_networkx_returns_a_copy(tiny):
    graph = tiny.to_networkx()
    graph.remove_node(ENT + "acme")
    assert ENT + "acme" in tiny.to_networkx()


# --- show(): the inline map ----------------------------------------------------------------


def test_show_puts_the_offline_page_in_a_sandboxed_srcdoc(tiny):
    shown = tiny.show(height=500)
    assert type(shown).__name__ == "HTML"
    assert "<script" not in shown.data  # the whole page is escaped into the attribute
    [frame] = iframes(shown.data)
    assert frame["sandbox"] == "allow-scripts"
    assert "height: 500px" in (frame["style"] or "")
    page = frame["srcdoc"] or ""
    assert page == tiny.to_html()
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "Ann Lee" in page
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", page, re.I)


def test_show_of_an_entity_uses_the_lookup(tiny):
    page = iframes(tiny.show("the minister").data)[0]["srcdoc"] or ""
    assert html.escape("graphkit: Ann Lee") in page
    with pytest.raises(GraphkitError, match="no entity"):
        tiny.show("nobody at all")


# --- the seed graph: what a real build gives ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("putin", "Vladimir Putin"),
        ("Vladimir Putin", "Vladimir Putin"),
        ("VLADIMIR  PUTIN", "Vladimir Putin"),
        ("xi", "Xi Jinping"),
        ("Trump", "Donald Trump"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),  # the second article's spelling
        ("the United States", "United States"),  # a Place, not a noun phrase of that name
        ("U.S.", "United States"),
    ],
)
def test_seed_entities_answer_to_every_spelling(kg, name, label):
    assert kg.entity(name)["label"] == label


def test_seed_putin_is_a_person_in_both_articles(kg):
    putin = kg.entity("putin")
    assert putin["type"] == "Person"
    assert "Putin" in putin["aliases"]
    assert putin["articles"] == 2


def test_seed_triples_quote_sentences_of_their_article(kg):
    table = kg.triples()
    texts = {name: " ".join((SEEDS / name).read_text(encoding="utf-8").split()) for name in
             (FIRST, SECOND)}  # fmt: skip
    assert set(table.article) == {FIRST, SECOND}
    for article, sentence in zip(table.article, table.sentence, strict=True):
        assert " ".join(sentence.split()) in texts[article]
    putin_xi = table[(table.subject == "Vladimir Putin") & (table.object == "Xi Jinping")]
    assert any("Putin described Xi" in s for s in putin_xi[putin_xi.article == FIRST].sentence)


def test_seed_support_counts_the_articles_of_each_fact(kg):
    table = kg.triples()
    per_fact = table.groupby(["subject", "relation", "object"])
    assert (per_fact.support.first() == per_fact.doc.nunique()).all()
    both = table[table.support == 2]
    assert not both.empty
    for _, rows in both.groupby(["subject", "relation", "object"]):
        assert set(rows.article) == {FIRST, SECOND}


def test_seed_neighbors_of_putin(kg):
    table = kg.neighbors("Putin")
    assert {"Xi Jinping", "Donald Trump"} <= set(table.neighbor)
    assert ((table.subject == "Vladimir Putin") | (table.object == "Vladimir Putin")).all()
    facts = kg.triples()
    about_putin = facts[(facts.subject == "Vladimir Putin") | (facts.object == "Vladimir Putin")]
    assert len(table) == len(about_putin)
    assert kg.entity("Putin")["facts"] == len(
        table.drop_duplicates(["subject", "relation", "object"])
    )


def test_seed_repr_and_summary(kg):
    match = re.fullmatch(r"<KnowledgeGraph: 2 articles, (\d+) entities, (\d+) facts>", repr(kg))
    assert match
    assert int(match[1]) == len(kg.entities())
    assert int(match[2]) == kg.to_networkx().number_of_edges()
    summary = kg._repr_html_()
    assert "Vladimir Putin (" in summary
    assert "2 documents, 64 sentences" in summary  # the build's own summary line


def test_seed_show_of_putin(kg):
    page = iframes(kg.show("Putin", hops=1).data)[0]["srcdoc"] or ""
    assert "Xi Jinping" in page
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", page, re.I)


def test_seed_to_pyvis_draws_the_view_of_the_map(kg):
    net = kg.to_pyvis("Putin", height="500px", concepts=True)
    ids = {n["id"] for n in net.nodes}
    assert ids == set(select_view(kg.to_networkx(), entity="Putin", concepts=True).graph)
    assert ids == {node[6] for node in page_data(kg.to_html("Putin", concepts=True))["nodes"]}
    assert ENT + "vladimir_putin" in ids
    assert net.heading == "graphkit: Vladimir Putin"
    assert net.height == "500px"


@pytest.mark.parametrize("store", ["Oxigraph", "default"])
def test_saved_graph_loads_with_the_same_triples(kg, tmp_path, store):
    kg.save(tmp_path)
    loaded = graphkit.load(tmp_path, store=store)
    assert loaded.dataset.store.__class__.__name__ == (
        "Memory" if store == "default" else "OxigraphStore"
    )
    assert loaded.build is None
    rows = {tuple(r) for r in kg.triples().itertuples(index=False)}
    assert {tuple(r) for r in loaded.triples().itertuples(index=False)} == rows


# --- from_texts ----------------------------------------------------------------------------


def test_from_texts_names_the_articles(model):
    built = from_texts(
        {
            "tass": "Vladimir Putin met Xi Jinping in Moscow on Tuesday.",
            "reuters": "Xi Jinping met Vladimir Putin in Moscow.",
        },
        pipeline=model,
    )
    table = built.triples()
    assert set(table.article) == {"tass", "reuters"}
    assert built.entity("vladimir putin")["articles"] == 2


def test_from_texts_numbers_unnamed_texts(model):
    assert set(from_texts(["Ann Lee met Bo Chen."], pipeline=model).triples().article) == {"text 1"}
    assert set(from_texts("Ann Lee met Bo Chen.", pipeline=model).triples().article) == {"text 1"}


def test_from_texts_refuses_what_is_not_text():
    with pytest.raises(GraphkitError, match="text 2: expected a string, got int"):
        from_texts(["fine", 2])  # type: ignore[list-item]
    with pytest.raises(GraphkitError, match="wire: expected a string, got bytes"):
        from_texts({"wire": b"Putin met Xi."})  # a dict is an Iterable[str] too: no type error
