"""Resolve: one entity per real thing, however it is spelled; pronouns never become nodes."""

from __future__ import annotations

import pytest

from graphkit.resolve import clean_label, name_key, resolve
from graphkit.types import Document, Entity, Extraction, Mention, Relation, Sentence, Triple


def extraction(doc_id: str, *facts: tuple[Mention, str, Mention]) -> Extraction:
    sentence = Sentence(doc_id=doc_id, index=0, start=0, end=10, text="(sentence)")
    triples = tuple(
        Triple(
            subject=s,
            relation=Relation(text=r, lemma=r),
            object=o,
            sentence=sentence,
            extractor="test",
            confidence=0.5,
        )
        for s, r, o in facts
    )
    mentions = tuple(m for s, _, o in facts for m in (s, o) if m.label)
    return Extraction(doc_id=doc_id, sentences=(sentence,), mentions=mentions, triples=triples)


def m(text: str, label: str | None = None, *antecedents: Mention) -> Mention:
    return Mention(text=text, start=0, end=len(text), label=label, antecedents=antecedents)


def docs(*ids: str) -> list[Document]:
    return [Document(id=i, text="x", source=f"{i}.txt") for i in ids]


def labels(resolution) -> dict[str, str]:
    return {e.label: e.type for e in resolution.entities}


@pytest.mark.parametrize(
    ("spellings", "label"),
    [
        (["U.S.", "the United States", "US", "America"], "United States"),
        (["Volodymyr Zelensky", "Zelenskyy", "Volodymyr Zelenskyy"], "Volodymyr Zelenskyy"),
        (["Putin", "Vladimir Putin"], "Vladimir Putin"),
        (["Xi", "Xi Jinping"], "Xi Jinping"),
    ],
)
def test_spellings_of_one_name_meet_in_one_entity(spellings, label):
    label_type = "GPE" if label == "United States" else "PERSON"
    facts = [
        extraction(f"d{i}", (m(name, label_type), "visit", m("Paris", "GPE")))
        for i, name in enumerate(spellings)
    ]
    resolution = resolve(facts, docs(*(f"d{i}" for i in range(len(spellings)))))
    merged = [e for e in resolution.entities if e.label != "Paris"]
    if label == "Volodymyr Zelenskyy":  # both spellings are common; either may win the vote
        assert len(merged) == 1 and merged[0].label.startswith("Volodymyr Zelensk")
    else:
        assert [e.label for e in merged] == [label]
    assert {clean_label(s) for s in spellings} - {merged[0].label} <= merged[0].aliases
    assert len({f.subject.id for f in resolution.facts}) == 1


def test_type_is_decided_by_vote_over_all_mentions():
    resolution = resolve(
        [
            extraction("a", (m("Trump", "PERSON"), "meet", m("Putin", "PERSON"))),
            extraction("b", (m("Trump", "ORG"), "call", m("Putin", "PERSON"))),
            extraction("c", (m("Trump", "PERSON"), "praise", m("Xi", "PERSON"))),
        ],
        docs("a", "b", "c"),
    )
    assert labels(resolution)["Trump"] == "Person"


def test_pronouns_take_their_antecedent_or_are_left_out():
    putin = m("Putin", "PERSON")
    resolution = resolve(
        [
            extraction(
                "a",
                (m("He", "PRON", putin), "praise", m("Xi", "PERSON")),
                (m("they", "PRON"), "meet", m("Moscow", "GPE")),
                (m("Trump", "PERSON"), "call", m("it", "PRON")),
            )
        ],
        docs("a"),
    )
    facts = {
        (f.subject.label, f.relation.lemma, getattr(f.object, "label", None))
        for f in resolution.facts
    }
    assert facts == {("Putin", "praise", "Xi")}
    assert not {"He", "they", "it"} & set(labels(resolution))


def test_passive_facts_are_asserted_in_active_voice():
    sentence_facts = extraction("a", (m("China", "GPE"), "was praised by", m("Russia", "GPE")))
    triple = sentence_facts.triples[0]
    passive = Triple(
        subject=triple.subject,
        relation=Relation(text="was praised by", lemma="praise", passive=True),
        object=triple.object,
        sentence=triple.sentence,
        extractor="test",
        confidence=0.5,
    )
    resolution = resolve(
        [
            Extraction(
                doc_id="a", sentences=sentence_facts.sentences, mentions=(), triples=(passive,)
            )
        ],
        docs("a"),
    )
    [fact] = resolution.facts
    assert isinstance(fact.object, Entity)
    assert (fact.subject.label, fact.relation.lemma, fact.object.label) == (
        "Russia",
        "praise",
        "China",
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the Kremlin", "Kremlin"),
        ("their nations' deepening partnership", "nations' deepening partnership"),
        ("“dear friend”", "dear friend"),
        ("Russia’s", "Russia"),
    ],
)
def test_clean_label(text, label):
    assert clean_label(text) == label


def test_name_key_ignores_case_dots_and_the():
    assert name_key("The U.K.") == name_key("Britain") == name_key("united kingdom")
    assert name_key("Russia") != name_key("Prussia")
