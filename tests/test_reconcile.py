"""Reconcile: one fact many sources, agreement across spellings, conflicts where values differ."""

from __future__ import annotations

import datetime

from conftest import ARTICLES, bound

from graphkit import compare, query
from graphkit.config import BuildConfig
from graphkit.pipeline import run


def conflict_labels(dataset) -> set[str]:
    rows = query.select(dataset, "SELECT ?label WHERE { ?c a gk:Conflict ; rdfs:label ?label }")
    return {bound(row[0]) for row in rows}


def test_seed_trade_figures_are_a_conflict_with_both_sources(seed_dataset):
    rows = compare.conflicts(seed_dataset).as_dicts()
    values = {row["value"] for row in rows}
    assert values == {"$245 billion", "$240 billion"}
    assert {bound(row["source"]).rsplit("/", 1)[-1] for row in rows} == {
        "000_8a3b9e2ee59992ef.txt",
        "003_c187e5ae1e2307df.txt",
    }
    assert all("billion" in bound(row["sentence"]) for row in rows)


def test_same_amount_in_other_words_is_agreement_with_support_two(pipeline):
    result = run([ARTICLES / "agree_a.txt", ARTICLES / "agree_b.txt"], pipeline=pipeline)
    assert conflict_labels(result.dataset) == set()
    rows = query.select(
        result.dataset,
        """SELECT DISTINCT ?o ?support WHERE { ?f a gk:Fact ; rdf:object ?o ;
           rdf:predicate ?p ; gk:support ?support . ?p rdfs:label "reach" }""",
    )
    assert {(float(bound(o)), int(bound(n))) for o, n in rows} == {(240e9, 2)}


def test_different_years_differ_and_the_same_year_conflicts(pipeline):
    config = BuildConfig(published=datetime.date(2025, 1, 22))
    result = run(
        [ARTICLES / "dates_a.txt", ARTICLES / "dates_b.txt"], config=config, pipeline=pipeline
    )
    labels = conflict_labels(result.dataset)
    assert len(labels) == 1
    assert next(iter(labels)).startswith("inflation of Spain")


def test_diff_sorts_facts_by_source(seed_dataset):
    result = compare.diff(seed_dataset, "000_8a3b9e2ee59992ef.txt", "003_c187e5ae1e2307df.txt")
    assert result.only_a and result.only_b
    assert not set(result.only_a) & set(result.only_b)
    [(a, b)] = result.conflicts
    assert {a[2], b[2]} == {"$245 billion", "$240 billion"}


def test_notebook_users_get_conflicts_and_diffs_without_the_cli(seed_dataset):
    from graphkit.api import KnowledgeGraph

    kg = KnowledgeGraph(seed_dataset)
    frame = kg.conflicts()
    assert list(frame.columns) == ["what", "value", "source", "sentence"]
    assert set(frame["value"]) == {"$245 billion", "$240 billion"}
    assert kg.diff("000_8a3b9e2ee59992ef.txt", "003_c187e5ae1e2307df.txt").conflicts
