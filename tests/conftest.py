"""Shared fixtures: the seed graph is built once per test session (the model loads once)."""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest

import graphkit
from graphkit.pipeline import BuildResult, run
from graphkit.types import Extraction, Mention, Relation, Sentence, Triple

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"
ARTICLES = Path(__file__).parent / "data" / "articles"
SHARED = Path(os.environ.get("GRAPHKIT_SHARED") or ROOT.parent / "shared")
"""The shared corpora and benchmarks: beside the project on CI, absent on a user's machine."""


def bound(value: str | None) -> str:
    """A value the query always binds (a SELECT row holds None for an unbound variable)."""
    assert value is not None, "unbound variable"
    return value


def shared_path(*parts: str) -> Path:
    """Return a path under SHARED, or skip the calling test (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path}: not here (the shared corpora; set GRAPHKIT_SHARED to their folder)")
    return path


@pytest.fixture(scope="session")
def pipeline() -> graphkit.nlp.Pipeline:
    """The spaCy pipeline, loaded once for every test that parses."""
    from graphkit.nlp import load_pipeline

    return load_pipeline(graphkit.BuildConfig().model)


@pytest.fixture(scope="session")
def seed_build(pipeline) -> BuildResult:
    """The graph of the two seed articles, built with the default configuration."""
    return run([SEEDS], pipeline=pipeline)


@pytest.fixture(scope="session")
def seed_dataset(seed_build):
    """The seed graph's rdflib Dataset (treat as read-only)."""
    return seed_build.dataset


Fact = tuple[str, str, str]
"""A triple as the extractor tables write it: (subject text, relation label, object text or "")."""


@pytest.fixture(scope="module")
def read(pipeline) -> Callable[[str], list[graphkit.Triple]]:
    """Return a function from one sentence to the default extractor's triples."""
    from graphkit.extract.dependency import DependencyExtractor
    from graphkit.nlp import parse_lines

    extractor = DependencyExtractor()

    def triples(text: str) -> list[graphkit.Triple]:
        return [t for s, p in parse_lines([text], pipeline) for t in extractor.extract(s, p)]

    return triples


def as_strings(triple: graphkit.Triple) -> Fact:
    """A triple as (subject text, relation label, object text or "")."""
    obj = triple.object.text if triple.object is not None else ""
    return triple.subject.text, triple.relation.label, obj


def check(
    read: Callable[[str], list[graphkit.Triple]],
    sentence: str,
    expected: AbstractSet[Fact],
    absent: AbstractSet[Fact] = frozenset(),
) -> list[graphkit.Triple]:
    """Assert that `sentence` gives every `expected` fact and none of the `absent` ones."""
    triples = read(sentence)
    got = {as_strings(t) for t in triples}
    assert expected <= got, f"missing {expected - got}; got {sorted(got)}"
    assert not absent & got, f"wrongly read {absent & got}; got {sorted(got)}"
    return triples


def article(
    doc_id: str, text: str, *facts: tuple[str, str, str], labels: dict[str, str]
) -> Extraction:
    """One sentence as an article: its named mentions (by `labels`) and its facts, by text."""
    sentence = Sentence(doc_id=doc_id, index=0, start=0, end=len(text), text=text)

    def mention(name: str) -> Mention:
        start = text.index(name)
        return Mention(text=name, start=start, end=start + len(name), label=labels.get(name))

    triples = tuple(
        Triple(
            subject=mention(s),
            relation=Relation(text=r, lemma=r),
            object=mention(o),
            sentence=sentence,
            extractor="test",
            confidence=0.5,
        )
        for s, r, o in facts
    )
    mentions = tuple(mention(name) for name in labels)
    return Extraction(doc_id=doc_id, sentences=(sentence,), mentions=mentions, triples=triples)
