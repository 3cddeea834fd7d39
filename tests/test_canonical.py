"""Canonical forms (graphkit/canonical.py): every accepted synonym group, light verb and
argument rule, and the words that must stay apart. No model: relations and phrases as the
extractor writes them.
"""

from __future__ import annotations

import pytest

from graphkit import canonical, wordings
from graphkit.types import Mention, Relation


def lemma(text: str, **flags) -> str:
    return canonical.relation(Relation(text=text, lemma=text, **flags)).lemma


@pytest.mark.parametrize("group", wordings.SYNONYMS + wordings.ADJECTIVES)
def test_every_synonym_group_reads_as_its_first_member(group):
    first = group[0]
    for member in group:
        assert lemma(member) == lemma(first), member
    if group in wordings.SYNONYMS:
        assert lemma(f"{group[-1]} x") == f"{first} x"  # the group opens the relation


def test_groups_are_disjoint():
    members = [m for group in wordings.SYNONYMS + wordings.ADJECTIVES for m in group]
    assert len(members) == len(set(members))
    pairs = [pair for group in wordings.PARAPHRASES for pair in group]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("group", wordings.PARAPHRASES)
def test_every_verb_and_object_paraphrase_reads_as_its_first_pair(group):
    (verb, obj), *others = group
    for other_verb, other_obj in others:
        written = Relation(text=other_verb, lemma=f"may not {other_verb}")
        said = canonical.paraphrase(written, Mention(text=other_obj, start=3, end=9))
        assert said is not None
        relation, read = said
        assert (relation.lemma, read.text, read.start) == (f"may not {verb}", obj, 3)
    first = Mention(text=obj, start=0, end=1)
    assert canonical.paraphrase(Relation(text=verb, lemma=verb), first) is None


@pytest.mark.parametrize(
    ("verb", "obj", "label"),
    [
        ("negotiate", "peace", "ORG"),  # a name is never a paraphrase's object
        ("negotiate", "peace deal", None),  # only the head phrase the group names
        ("win", "war", None),  # winning a war is no peace
        ("raise", "fund", None),
    ],
)
def test_other_verbs_and_objects_are_no_paraphrase(verb, obj, label):
    mention = Mention(text=obj, start=0, end=len(obj), label=label)
    assert canonical.paraphrase(Relation(text=verb, lemma=verb), mention) is None


@pytest.mark.parametrize(
    ("written", "core"),
    [
        ("remain largest trading partner of", "be largest trading partner of"),
        ("remain", "be"),
        ("continue to be biggest buyer of", "be largest buyer of"),
        ("stay in", "be in"),
        ("hold talks with", "talk with"),
        ("give approval to", "approve"),
        ("conduct review of", "review"),
        ("place order for", "order"),
        ("make offer for", "offer for"),
        ("pay visit to", "visit"),
        ("launch attack on", "attack"),
        ("file lawsuit against", "sue"),
        ("impose sanctions on", "sanction"),
        ("give speech to", "talk with"),
    ],
)
def test_aspect_copula_and_light_verbs_read_as_the_core_predicate(written, core):
    assert lemma(written) == core


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("be found in", "be established in"),  # "found" is "establish" only as a verb's lemma
        ("grow", "rise"),  # "grow wheat" is no rise
        ("fire", "sack"),  # "fire missiles"
        ("call on", "phone on"),
        ("hold", "talk"),  # a light verb without its noun is itself
        ("be leader of", "be president of"),  # broader is not the same
    ],
)
def test_words_that_are_not_one_meaning_stay_apart(a, b):
    assert lemma(a) != lemma(b)


def test_modal_and_negation_stay_in_the_relation():
    assert lemma("supply", modality="could") == "may supply"
    assert lemma("supply", modality="might") == lemma("supply", modality="may")
    assert lemma("supply", negated=True) == "not supply"
    assert lemma("supply", negated=True, modality="will") == "will not supply"
    assert (
        len({lemma("supply"), lemma("supply", negated=True), lemma("supply", modality="may")}) == 3
    )


@pytest.mark.parametrize(
    ("phrase", "names", "label", "amounts"),
    [
        ("Russia’s biggest trading partners", {"Russia"}, "biggest trading partner of Russia", ()),
        (
            "the biggest trading partner of Russia",
            {"Russia"},
            "biggest trading partner of Russia",
            (),
        ),
        ("scientists at CSIRO", {"CSIRO"}, "scientist of CSIRO", ()),
        ("CSIRO scientists", {"CSIRO"}, "scientist of CSIRO", ()),
        ("every bank", set(), "bank", ()),
        ("any bank", set(), "bank", ()),
        ("banks across the region", set(), "bank", ()),
        ("40 homes near Lithgow", {"Lithgow"}, "home", ("40",)),
        ("a $2bn housing fund", set(), "housing fund", ("2000000000",)),
        ("two million cars", set(), "car", ("2000000",)),
        ("the “dear friend”", set(), '"dear friend"', ()),
        ("news of the deal", set(), "news", ()),
        ("the crisis", set(), "crisis", ()),
    ],
)
def test_concept_arguments_read_as_their_head_phrase(phrase, names, label, amounts):
    argument = canonical.argument(phrase, frozenset(names))
    assert (argument.label, argument.amounts) == (label, amounts)


def test_typography_is_one_apostrophe_quote_and_dash():
    assert canonical.text("O’Connor — “quoted”\u00a0text") == 'O\'Connor - "quoted" text'


@pytest.mark.parametrize("converse", sorted(wordings.CONVERSES))
def test_converse_relations_name_a_canonical_relation(converse):
    assert lemma(converse) == converse  # read before the arguments swap
    target = wordings.CONVERSES[converse]
    assert lemma(target) == target
