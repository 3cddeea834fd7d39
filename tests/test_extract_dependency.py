"""The dependency extractor, one table per construction, on real sentences.

Every expected fact was written by hand from the sentence (what a careful reader would note
down), never pasted from the extractor's output. Facts are (subject, relation label, object):
the label is the lemma, "not "-prefixed when negated; an object of None is written "".
Each row lists facts that must be found; `absent` rows list facts that must not be.
"""

from __future__ import annotations

import pytest
from conftest import as_strings, check

from graphkit.extract.dependency import SPEECH_VERBS
from graphkit.types import Triple


def find(triples: list[Triple], subject: str, label: str) -> Triple:
    [triple] = [t for t in triples if as_strings(t)[:2] == (subject, label)]
    return triple


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Russia sells oil to China.",
            {("Russia", "sell", "oil")},
            {("China", "sell", "oil"), ("oil", "sell", "China"), ("Russia", "sell", "China")},
        ),
        (
            "Russia trades with China.",
            {("Russia", "trade with", "China")},
            {("China", "trade with", "Russia"), ("Russia", "trade", "China")},
        ),
        (
            "The company backed away from the merger.",
            {("The company", "back away from", "the merger")},
            {("The company", "back", "the merger"), ("The company", "back", "")},
        ),
        (
            "Beijing has backed Russia diplomatically over Ukraine.",
            {("Beijing", "back", "Russia")},
            {("Beijing", "back", "Ukraine"), ("Russia", "back", "Ukraine")},
        ),
    ],
)
def test_active_clauses_and_verb_particles(read, sentence, expected, absent):
    check(read, sentence, expected, absent)


def test_passive_keeps_the_agent_as_object_and_says_so(read):
    triples = check(
        read,
        "China was praised by Russia.",
        {("China", "praise", "Russia")},
        {("China", "be", "Russia"), ("China", "praise by", "Russia")},
    )
    assert find(triples, "China", "praise").relation.passive


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Trade reached a record $240 billion last year.",
            {("Trade", "reach", "$240 billion")},
            {("Trade", "reach", "last year"), ("Trade", "reach", "a record")},
        ),
        (
            "China is Russia's biggest trading partner.",
            {
                ("China", "be", "Russia's biggest trading partner"),
                ("China", "be biggest trading partner of", "Russia"),
            },
            {("Russia", "be biggest trading partner of", "China"), ("Russia", "be", "China")},
        ),
        (
            "China's exports to Russia rose sharply.",
            {("China", "export to", "Russia")},
            {("Russia", "export to", "China"), ("Russia", "rise", "")},
        ),
        (
            "Officials described the talks between Putin and Xi as warm.",
            {("Putin", "talk with", "Xi")},
            {("Officials", "talk with", "Xi"), ("Putin", "describe", "Xi")},
        ),
    ],
)
def test_light_verbs_and_nominal_relations(read, sentence, expected, absent):
    check(read, sentence, expected, absent)


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Yury Ushakov, a senior adviser to Putin, spoke to reporters.",
            {
                ("Yury Ushakov", "be", "a senior adviser to Putin"),
                ("Yury Ushakov", "be senior adviser to", "Putin"),
                ("Yury Ushakov", "speak to", "reporters"),
            },
            {("Putin", "speak to", "reporters"), ("Putin", "be senior adviser to", "Yury Ushakov")},
        ),
        (
            "Russian President Vladimir Putin spoke with Chinese leader Xi Jinping.",
            {
                ("Vladimir Putin", "be", "Russian President"),
                ("Xi Jinping", "be", "Chinese leader"),
                ("Vladimir Putin", "speak with", "Xi Jinping"),
            },
            {("Vladimir Putin", "be", "Chinese leader"), ("Xi Jinping", "be", "Russian President")},
        ),
        ("The oil was cheap.", {("The oil", "be", "cheap")}, {("The oil", "be not", "cheap")}),
    ],
)
def test_copula_apposition_and_titles(read, sentence, expected, absent):
    check(read, sentence, expected, absent)


def test_a_form_of_address_is_not_a_title(read):
    got = {as_strings(t) for t in read("Mr. Baker heads the association.")}
    assert ("Baker", "head", "the association") in got
    assert not any(relation == "be" for _, relation, _ in got)


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "The road shows which toured the country were popular.",
            {("The road shows", "tour", "the country")},
            {("the country", "be", "popular")},
        ),
        (
            "The goods that China sold were cheap.",
            {("China", "sell", "The goods")},
            {("China", "be", "cheap")},
        ),
        (
            "Legislation sponsored by Sweeney provides pensions.",
            {("Legislation", "sponsor", "Sweeney"), ("Legislation", "provide", "pensions")},
            {("Sweeney", "provide", "pensions")},
        ),
    ],
)
def test_relative_and_participial_clauses(read, sentence, expected, absent):
    triples = check(read, sentence, expected, absent)
    assert all(t.subject.text.lower() not in ("which", "that", "who") for t in triples)


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Putin and Xi signed agreements and praised the partnership.",
            {
                ("Putin", "sign", "agreements"),
                ("Xi", "sign", "agreements"),
                ("Putin", "praise", "the partnership"),
                ("Xi", "praise", "the partnership"),
            },
            {("Putin and Xi", "sign", "agreements"), ("Putin", "sign", "the partnership")},
        ),
        (
            "Russia exports oil and gas.",
            {("Russia", "export", "oil"), ("Russia", "export", "gas")},
            {("Russia", "export", "oil and gas"), ("oil", "export", "gas")},
        ),
        (
            "Putin and Xi met three times in 2024.",
            {("Putin", "meet", "Xi")},
            {("Putin", "meet", "three times"), ("Putin", "meet", "2024")},
        ),
    ],
)
def test_coordination_splits_into_separate_facts(read, sentence, expected, absent):
    check(read, sentence, expected, absent)


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Putin and Xi promised to expand trade.",
            {("Putin", "promise to expand", "trade"), ("Xi", "promise to expand", "trade")},
            {("Putin", "expand", "trade"), ("Putin", "promise", "trade")},
        ),
        (
            "Zelensky was willing to end the war.",
            {("Zelensky", "be willing to end", "the war")},
            {("Zelensky", "end", "the war")},
        ),
        (
            "Trump called on Putin to reciprocate.",
            {("Trump", "call on", "Putin")},
            {("Trump", "reciprocate", ""), ("Putin", "call on", "Trump")},
        ),
    ],
)
def test_xcomp_chains(read, sentence, expected, absent):
    check(read, sentence, expected, absent)


def test_negation_and_modality_are_flags(read):
    triples = check(
        read,
        "Russia did not invade Finland, but China could supply weapons.",
        {("Russia", "not invade", "Finland"), ("China", "supply", "weapons")},
    )
    assert find(triples, "Russia", "not invade").relation.negated
    assert find(triples, "China", "supply").relation.modality == "could"


def test_reported_speech_carries_its_speaker(read):
    triples = check(
        read,
        "Putin said that Russia would expand trade with China.",
        {("Russia", "expand", "trade with China")},  # the object is the whole noun phrase
    )
    reported = find(triples, "Russia", "expand")
    assert reported.attribution is not None and reported.attribution.text == "Putin"
    [said] = [t for t in triples if t.relation.lemma == "say"]
    assert said.object is not None and said.object.label == "CLAUSE"
    assert "say" in SPEECH_VERBS


def test_according_to_names_the_source(read):
    triples = read("According to Russian state media, the call lasted two hours.")
    [call] = [t for t in triples if t.relation.lemma == "last"]
    assert call.attribution is not None and call.attribution.text == "Russian state media"


def test_accusation_reads_the_accused_act(read):
    check(
        read,
        "Trump accused China of supplying Russia.",
        {("Trump", "accuse", "China"), ("China", "supply", "Russia")},
    )


def test_time_and_place_are_qualifiers_not_objects(read):
    triples = check(read, "Putin met Xi in Beijing on Tuesday.", {("Putin", "meet", "Xi")})
    qualifiers = {(q.role, q.text) for q in find(triples, "Putin", "meet").qualifiers}
    assert qualifiers == {("place", "in Beijing"), ("time", "on Tuesday")}


def test_long_objects_keep_their_head_phrase_and_the_rest_as_qualifier(read):
    sentence = (
        "The neighborhood comprises an older industrial and residential harbor front area "
        "along the Kill Van Kull west of St. George."
    )
    [triple] = [t for t in read(sentence) if t.relation.lemma == "comprise"]
    assert triple.object is not None
    assert triple.object.text == "an older industrial and residential harbor front area"
    assert [q.text.split()[0] for q in triple.qualifiers] == ["along"]


def test_pronouns_are_marked_and_arguments_short(read):
    triples = read("He said the deal between the two largest economies in the world would last.")
    assert all(len(t.subject.text.split()) <= 12 for t in triples)
    assert any(t.subject.label == "PRON" and t.subject.text == "He" for t in triples)


def test_offsets_slice_to_the_text_and_confidence_is_a_probability(read):
    text = "Russia trades with China, and Beijing has backed Moscow over Ukraine."
    for triple in read(text):
        for mention in (triple.subject, triple.object):
            if mention is not None:
                assert text[mention.start : mention.end] == mention.text
        assert 0 < triple.confidence < 1
