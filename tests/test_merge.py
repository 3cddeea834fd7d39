"""One fact, many wordings: facts merged across outlets by their canonical form, and every
"never merge" rule of merge.py, on real sentences parsed by the real model.

Each case builds a graph of two one-sentence articles from two publishers and reads its
gk:Fact nodes: a merge is one fact node with statements from both articles.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Any

import pytest
from conftest import ROOT, bound

from graphkit import query
from graphkit import sources as copies_of
from graphkit.config import BuildConfig
from graphkit.merge import Merger, Sighting
from graphkit.pipeline import run
from graphkit.types import (
    Document,
    Entity,
    Evidence,
    Mention,
    Relation,
    Sentence,
    Triple,
    Value,
)

FACTS = """
SELECT ?f ?s ?p ?o ?doc ?support ?publishers ?sources WHERE {
  ?f a gk:Fact ; rdf:subject ?s0 ; rdf:predicate ?p0 ; rdf:object ?o0 ; gk:statement ?st ;
     gk:support ?support ; gk:publishers ?publishers ; gk:sources ?sources .
  ?st prov:wasDerivedFrom ?doc .
  ?s0 rdfs:label ?s . ?p0 rdfs:label ?p .
  OPTIONAL { ?o0 rdfs:label ?olabel }
  BIND(COALESCE(?olabel, STR(?o0)) AS ?o) }"""


def build(pipeline, *texts: str, publishers: tuple[str, ...] = ("Outlet A", "Outlet B"), **config):
    documents = [
        Document(
            id=f"doc{i}",
            text=text,
            source=f"doc{i}.txt",
            title=f"article {i}",
            publisher=publishers[i % len(publishers)] if publishers else None,
            published=datetime.date(2024, 5, 1),
        )
        for i, text in enumerate(texts)
    ]
    return run(documents, config=BuildConfig(**config), pipeline=pipeline).dataset


def facts(dataset) -> dict[str, dict[str, Any]]:
    """Fact IRI → its (subject, relation, object) labels, articles and counts."""
    found: dict[str, dict[str, Any]] = {}
    for f, s, p, o, doc, support, publishers, sources in query.select(dataset, FACTS):
        entry = found.setdefault(
            bound(f),
            {
                "spo": (bound(s), bound(p), bound(o)),
                "docs": set(),
                "counts": (int(bound(support)), int(bound(publishers)), int(bound(sources))),
            },
        )
        entry["docs"].add(bound(doc).rsplit("/", 1)[-1])
    return found


def shared(dataset) -> list[tuple[str, str, str]]:
    """The facts both articles state."""
    return sorted(f["spo"] for f in facts(dataset).values() if f["docs"] == {"doc0", "doc1"})


@pytest.mark.parametrize(
    ("a", "b", "fact"),
    [
        (  # copula and aspect: "remains" is "is"
            "China remains Russia's largest trading partner.",
            "China is Russia's biggest trading partner.",
            ("China", "be largest trading partner of", "Russia"),
        ),
        (  # a light verb with its nominalisation is the verb
            "Biden held talks with Scholz at the White House.",
            "Biden talked with Scholz at the White House.",
            ("Biden", "talk with", "Scholz"),
        ),
        (  # synonyms of one group
            "Australia defeated India in Perth.",
            "Australia beat India in Perth.",
            ("Australia", "defeat", "India"),
        ),
        (  # the passive is the active
            "The club sacked its coach after five straight losses.",
            "The coach was sacked by the club after five straight losses.",
            ("club", "sack", "coach"),
        ),
        (  # determiners and plurals: the kind, not how many of it
            "Every dairy farmer in the region received drought assistance.",
            "Dairy farmers in the region received drought assistance.",
            ("dairy farmer", "receive", "drought assistance"),
        ),
        (  # possessive and of-phrase with a named owner are one
            "India's spacecraft landed near the south pole of the Moon.",
            "The spacecraft of India landed near the south pole of the Moon.",
            ("spacecraft of India", "land near", "south pole of Moon"),
        ),
        (  # an acronym and the one name it spells out
            "The Federal Trade Commission sued Amazon.",
            "The FTC sued Amazon.",
            ("Federal Trade Commission", "sue", "Amazon"),
        ),
        (  # a clause with no object but a time takes the time as its object
            "Qantas chief executive Alan Joyce will step down in November.",
            "Alan Joyce will step down in November.",
            ("Alan Joyce", "will resign in", "November"),
        ),
        (  # a converse relation, its arguments swapped
            "Arsenal beat Chelsea at the Emirates Stadium.",
            "Chelsea lost to Arsenal at the Emirates Stadium.",
            ("Arsenal", "defeat", "Chelsea"),
        ),
        (  # a joint event stated as an adjunct of two conjoined subjects
            "In a video call on Tuesday, Vladimir Putin and Xi Jinping pledged closer ties.",
            "Vladimir Putin held a video call with Xi Jinping on Tuesday.",
            ("Vladimir Putin", "call with", "Xi Jinping"),
        ),
        (  # a generic role is the one leading office held of the same country
            "Brazilian leader Luiz Inacio Lula da Silva arrived in Beijing.",
            "Brazilian President Luiz Inacio Lula da Silva arrived in Beijing.",
            ("Luiz Inacio Lula da Silva", "be president of", "Brazil"),
        ),
        (  # a stated stance is the adjective: "expressed a willingness to" is "was willing to"
            "Hamas expressed a willingness to release the hostages.",
            "Hamas was willing to release the hostages.",
            ("Hamas", "be willing to release", "hostage"),
        ),
        (  # typography: one apostrophe, accents folded
            "Sinéad O’Connor released a new album.",
            "Sinead O'Connor released a new album.",
            ("Sinéad O'Connor", "release", "new album"),
        ),
    ],
)
def test_one_fact_in_two_wordings_is_one_fact_with_support_two(pipeline, a, b, fact):
    dataset = build(pipeline, a, b)
    assert fact in shared(dataset)
    [merged] = [f for f in facts(dataset).values() if f["spo"] == fact]
    assert merged["counts"] == (2, 2, 2)


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("The Senate passed the budget.", "The Senate did not pass the budget.", "negation"),
        ("Locusts could destroy crops.", "Locusts destroyed crops.", "modality"),
        (
            "Police said the suspect fled in a stolen car.",
            "The suspect fled in a stolen car.",
            "a claim attributed to someone and the same words stated as fact",
        ),
        (
            "Police said the suspect fled in a stolen car.",
            "His lawyer said the suspect fled in a stolen car.",
            "claims by different speakers",
        ),
        (
            "Microsoft bought Activision for $69 billion.",
            "Microsoft bought Activision for $75 billion.",
            "amounts",
        ),
        (
            "The bushfire destroyed 40 homes.",
            "The bushfire destroyed 14 homes.",
            "amounts in the argument",
        ),
        (
            "Narendra Modi visited Ukraine in August.",
            "Narendra Modi visited Ukraine in July.",
            "times",
        ),
        (
            "Gold Trip won the Melbourne Cup.",
            "Without A Fight won the Melbourne Cup.",
            "named entities",
        ),
    ],
)
def test_never_merge_what_differs(pipeline, a, b, why):
    dataset = build(pipeline, a, b)
    assert facts(dataset), "each sentence gives a fact"
    assert shared(dataset) == [], why


def test_an_article_that_says_leader_keeps_saying_leader_in_its_own_graph(pipeline):
    dataset = build(
        pipeline,
        "Brazilian leader Luiz Inacio Lula da Silva arrived in Beijing.",
        "Brazilian President Luiz Inacio Lula da Silva arrived in Beijing.",
    )
    said = """SELECT ?doc ?said ?fact WHERE { GRAPH ?doc { ?s ?p ?o } ?p rdfs:label ?said .
        ?st prov:wasDerivedFrom ?doc ; rdf:predicate ?p . ?f gk:statement ?st ;
        rdf:predicate/rdfs:label ?fact . FILTER(CONTAINS(?said, "of")) }"""
    rows = {(bound(d)[-4:], bound(s), bound(f)) for d, s, f in query.select(dataset, said)}
    assert rows == {
        ("doc0", "be leader of", "be president of"),
        ("doc1", "be president of", "be president of"),
    }


def test_a_generic_role_stays_apart_when_two_offices_could_be_meant(pipeline):
    two_offices = (
        "Russian President Vladimir Putin met Xi Jinping in May. "
        "In 2010, Russian Prime Minister Vladimir Putin visited Minsk."
    )
    dataset = build(pipeline, two_offices, "Russian leader Vladimir Putin met Xi Jinping.")
    spo = {fact["spo"] for fact in facts(dataset).values()}
    assert ("Vladimir Putin", "be leader of", "Russia") in spo
    assert ("Vladimir Putin", "be prime minister of", "Russia") in spo
    assert [fact for fact in shared(dataset) if fact[0] == "Vladimir Putin"] == [
        ("Vladimir Putin", "meet", "Xi Jinping")
    ]


def test_a_fact_without_a_time_joins_the_one_timed_fact(pipeline):
    dataset = build(
        pipeline,
        "Narendra Modi visited Ukraine in August.",
        "Narendra Modi visited Ukraine.",
    )
    assert ("Narendra Modi", "visit", "Ukraine") in shared(dataset)


def test_entities_linked_to_different_iris_are_never_one_argument(pipeline):
    dataset = build(
        pipeline, "Trump praised Georgia near Tbilisi.", "Trump praised Georgia near Atlanta."
    )
    assert shared(dataset) == []


def test_wire_copies_count_once_and_publishers_are_counted(pipeline):
    story = (
        "Qantas posted a record profit of $2.47 billion on Thursday, the airline said, as travel "
        "demand stayed strong across its domestic and international routes this year. Chief "
        "executive Vanessa Hudson said the result reflected lower fuel costs and a recovery in "
        "business travel, and the board announced a special dividend for shareholders. Analysts "
        "had expected a profit of about $2.3 billion for the year."
    )
    reprint = story + " Reporting by wire staff."
    other = "Qantas posted a record profit of $2.47 billion on Thursday."
    dataset = build(pipeline, story, reprint, other, publishers=("AP", "Daily", "Herald"))
    rows = query.select(dataset, "SELECT ?copy ?original WHERE { ?copy gk:copyOf ?original }")
    assert [(bound(c)[-4:], bound(o)[-4:]) for c, o in rows] == [("doc1", "doc0")]
    profit = [f for f in facts(dataset).values() if f["spo"][1] == "report"]
    assert profit and all(f["counts"] == (3, 3, 2) for f in profit)
    off = build(pipeline, story, reprint, copy_threshold=1.1)
    assert not query.select(off, "SELECT ?c WHERE { ?c gk:copyOf ?o }")


def test_copies_found_from_kept_sketches_are_those_found_afresh():
    story = " ".join(f"Word{i} of the wire story that outlets reprint whole." for i in range(40))
    texts = (story, story + " Reporting by wire staff.", "Qantas posted a record profit.")
    documents = [Document(id=f"doc{i}", text=t, source=f"{i}.txt") for i, t in enumerate(texts)]
    fresh = copies_of.find(documents, threshold=0.8)
    assert fresh.copies == {"doc1": "doc0"}
    made = fresh.sketches
    some = {doc: made.values[doc] for doc in ("doc0", "doc2")}  # doc1's is made again
    kept = copies_of.find(documents, threshold=0.8, kept=replace(made, values=some))
    assert kept.copies == fresh.copies
    assert {d: list(v) for d, v in kept.sketches.values.items()} == {
        d: list(v) for d, v in made.values.items()
    }
    # the kept hash values are the ones used: doc1 kept with doc2's sketch is doc2's copy
    swapped = replace(made, values={"doc1": made.values["doc2"]})
    assert copies_of.find(documents, threshold=0.8, kept=swapped).copies == {"doc2": "doc1"}
    # unless another scheme made them: then every article is hashed again
    other = replace(swapped, scheme="legacy")
    assert copies_of.find(documents, threshold=0.8, kept=other).copies == fresh.copies


def test_unknown_publishers_count_each_article(pipeline):
    dataset = build(pipeline, "Australia beat India.", "Australia defeated India.", publishers=())
    [fact] = [f for f in facts(dataset).values() if f["spo"] == ("Australia", "defeat", "India")]
    assert fact["counts"] == (2, 2, 2)


def test_near_matches_are_linked_with_a_score_not_merged(pipeline):
    dataset = build(
        pipeline,
        "Rio Tinto is considering an offer for Arcadium.",
        "Rio Tinto made an offer for Arcadium.",
    )
    rows = query.select(
        dataset,
        """SELECT ?pa ?pb ?score WHERE { ?m a gk:NearMatch ; gk:score ?score ; gk:fact ?a, ?b .
           ?a rdf:predicate/rdfs:label ?pa ; gk:relatedFact ?b . ?b rdf:predicate/rdfs:label ?pb .
           FILTER(STR(?pa) < STR(?pb)) }""",
    )
    pairs = {(bound(a), bound(b)): float(bound(s)) for a, b, s in rows}
    assert ("consider offer for", "offer for") in pairs
    assert 0.5 < pairs[("consider offer for", "offer for")] < 1
    none = build(
        pipeline,
        "Rio Tinto is considering an offer for Arcadium.",
        "Rio Tinto made an offer for Arcadium.",
        related_threshold=1.1,
    )
    assert not query.select(none, "SELECT ?a WHERE { ?a gk:relatedFact ?b }")


def test_seed_facts_both_articles_state_are_one_fact_with_support_two(seed_dataset):
    rows = [
        line.split("\t")
        for line in (ROOT / "tests/data/expected/seed_shared_facts.tsv").read_text().splitlines()
        if line and not line.startswith(("#", "subject\t"))
    ]
    both = {tuple(fields[:3]) for fields in rows if fields[3] == "yes"}
    merged = {fact["spo"] for fact in facts(seed_dataset).values() if fact["counts"][0] == 2}
    assert both <= merged
    assert merged <= {tuple(fields[:3]) for fields in rows}, "no fact of one is merged with another"


def test_near_matches_are_listed_by_diff_and_the_api(pipeline):
    from graphkit.api import KnowledgeGraph

    kg = KnowledgeGraph(
        build(
            pipeline,
            "Rio Tinto is considering an offer for Arcadium.",
            "Rio Tinto made an offer for Arcadium.",
        )
    )
    frame = kg.near_matches()
    assert list(frame.columns) == ["score", "subject", "relation", "other", "object"]
    row = frame[frame.relation == "consider offer for"].iloc[0]
    assert (row.subject, row.other, row.object) == ("Rio Tinto", "offer for", "Arcadium")
    result = kg.diff("Outlet A", "Outlet B")
    assert (
        ("Rio Tinto", "consider offer for", "Arcadium"),
        ("Rio Tinto", "offer for", "Arcadium"),
    ) in result.near
    assert "## nearly the same (1)" in result.to_text()


def _sighting(doc: str, subject: str, lemma: str, obj: str, *, when: str = "") -> Sighting:
    """A resolved sighting as resolve.Resolver makes them, for Merger's own bookkeeping."""
    sentence = Sentence(doc_id=doc, index=0, start=0, end=40, text="(the sentence)")
    triple = Triple(
        subject=Mention(text=subject, start=0, end=len(subject)),
        relation=Relation(text=lemma, lemma=lemma),
        object=Mention(text=obj, start=20, end=20 + len(obj)),
        sentence=sentence,
        extractor="dependency",
        confidence=0.5,
    )
    time = Value(text=when, kind="date", lexical=when) if when else None
    return Sighting(
        subject=Entity(id=subject.casefold(), label=subject, type="Person"),
        relation=Relation(text=lemma, lemma=lemma),
        object=Entity(id=obj.casefold(), label=obj, type="Place"),
        position=(doc, sentence.start, triple.subject.start),
        time=time,
        evidence=Evidence(triple=triple, time=time),
    )


def test_merger_places_each_sighting_read_again_in_the_fact_it_went_into():
    sightings = [
        _sighting("a", "Xi", "visit", "Moscow", when="2024-05-01"),
        _sighting("b", "Xi", "visit", "Moscow"),  # no time: joins the one timed fact
        _sighting("c", "Xi", "be president of", "China"),
        _sighting("d", "Xi", "be leader of", "China"),  # the one leading office: joins it
        _sighting("e", "Xi", "visit", "Paris"),
    ]
    merger = Merger()
    for sighting in sightings:
        merger.add(sighting)
    by_key = {fact.key: fact for fact in merger.facts()}
    placed = [merger.place(sighting) for sighting in sightings]
    assert len(by_key) == 3
    assert placed[0][0] == placed[1][0] and placed[2][0] == placed[3][0]
    assert {key for key, _ in placed} == set(by_key)
    visit, office = by_key[placed[0][0]], by_key[placed[2][0]]
    assert visit.documents == frozenset({"a", "b"}) and visit.sightings == 2
    assert visit.times == frozenset({"2024-05-01"})
    assert office.relation.label == "be president of"
    assert {r.label for r in office.wordings} == {"be leader of"}
    leader, president = placed[3][1], placed[2][1]
    assert leader is not None and president is not None  # read from articles: with evidence
    assert leader.relation is not None and leader.relation.label == "be leader of"
    assert president.relation is None  # the article that said "president" keeps its words
