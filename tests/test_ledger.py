"""A fact's fingerprint in the ledger changes exactly when the quads a build makes of it do.

An add carries over the text of a fact whose fingerprint it finds unchanged (graphkit.ledger):
a fingerprint that missed a change would keep a stale fact. Each case changes one thing a
fact's quads are made of, or nothing they show, and compares the facts graph's quads that
`quads.Quads.build` makes with the fingerprint it gives the ledger.
"""

from __future__ import annotations

import dataclasses

import pytest

from graphkit.ledger import Ledger
from graphkit.quads import Quads
from graphkit.sources import Sources
from graphkit.types import Entity, Fact, KeptStatement, Relation, Value

BASE = "https://w3id.org/graphkit/"
FACTS = BASE + "graph/facts"
TRADE = Relation(text="trades with", lemma="trade with")
FACT = Fact(
    subject=Entity(id="russia", label="Russia", type="Country"),
    relation=TRADE,
    object=Entity(id="china", label="China", type="Country"),
    key="russia|trade with|entity:china|||",
    documents=frozenset({"a"}),
)


def stated(doc: str = "a", sentence: int = 0, **changed: object) -> KeptStatement:
    said = KeptStatement(
        relation=TRADE, doc_id=doc, sentence=sentence, subject_start=0, extractor="dependency"
    )
    return dataclasses.replace(said, **changed)  # type: ignore[arg-type]


def made(
    fact: Fact, statements: list[KeptStatement], publishers: dict[str, str]
) -> tuple[set[tuple[str, ...]], str]:
    """The facts graph's quads a build makes of `fact`, and the fingerprint the ledger keeps."""
    ledger = Ledger(FACTS, ["derived"])
    rows = Quads(BASE, {}).build(
        [], [], [fact], [(fact, said) for said in statements], [], [],
        Sources(publishers=publishers), [], ledger=ledger,
    )  # fmt: skip
    facts = {tuple(map(str, row)) for row in rows if row[4] == FACTS}
    return facts, ledger.fingerprints[fact.key]


TWO = dataclasses.replace(FACT, documents=frozenset({"a", "b"}))  # its support, not its statements
SELL = Relation(text="sells to", lemma="sell to")
CASES = {  # what changes: (the fact, its statements, publishers), and whether its quads do
    "its statements in another order": (FACT, [stated(sentence=3), stated()], {}, False),
    "another sentence": (FACT, [stated(), stated(sentence=4)], {}, True),
    "another place in the sentence": (
        FACT,
        [stated(), stated(sentence=3, subject_start=7)],
        {},
        True,
    ),
    "another extractor": (FACT, [stated(), stated(sentence=3, extractor="entities")], {}, True),
    "its own words": (FACT, [stated(), stated(sentence=3, relation=SELL)], {}, True),
    "one more statement": (FACT, [stated(), stated(sentence=3), stated(sentence=5)], {}, True),
    "two articles, one publisher": (
        TWO,
        [stated(), stated(sentence=3)],
        {"a": "X", "b": "X"},
        True,
    ),
    "two articles, two publishers": (TWO, [stated(), stated(sentence=3)], {}, True),
    "another object": (
        dataclasses.replace(
            FACT, object=Value(text="$5bn", kind="quantity", lexical="5000000000", unit="USD")
        ),
        [stated(), stated(sentence=3)],
        {},
        True,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_facts_fingerprint_changes_exactly_when_its_quads_do(case: str) -> None:
    quads, fingerprint = made(FACT, [stated(), stated(sentence=3)], {})
    fact, statements, publishers, changes = CASES[case]
    other_quads, other_fingerprint = made(fact, statements, publishers)
    assert (other_quads != quads) is changes
    assert (other_fingerprint != fingerprint) is changes
