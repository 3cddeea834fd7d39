"""Entity types decided from the evidence around a name, one row per class of evidence.

Sentences are shortened from sentences of the entity-relation dev set (never check), named by
their dev id, or written for the table ("own"). Each row is built with
the real spaCy model through `graphkit.from_texts`; it names the type each entity must have and,
in `wrong`, the type a reader of the NER tag alone would give it.
"""

from __future__ import annotations

import pytest

import graphkit
from graphkit._evidence import context_votes, name_votes, noun_type, relation_votes


def entity_types(text: str, pipeline: graphkit.nlp.Pipeline) -> dict[str, str]:
    """Each entity's label and type in the graph built from `text`."""
    rows = graphkit.from_texts({"t": text}, pipeline=pipeline).entities()
    return dict(zip(rows["label"], rows["type"], strict=True))


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "wrong"),
    [
        (  # abc-science-9220: a trade in -ist after the name
            "Dr Heike Wiese, a linguist at the University of Potsdam, studies counting words.",
            "Heike Wiese",
            "Person",
            "Place",
        ),
        (  # wsj_0137-p26: a description in apposition ("an auto maker")
            "Jaguar, a U.K. luxury auto maker, gained 10 pence a share.",
            "Jaguar",
            "Organization",
            "Person",
        ),
        (  # abc-rural-11510: ", north-east of Adelaide" places the name
            "S Kidman and Co has bought Tungali, north-east of Adelaide.",
            "Tungali",
            "Place",
            "Organization",
        ),
        (  # abc-rural-602: a kind of thing before the name ("cyclone Larry")
            "The storm follows the destruction of Queensland's crop by cyclone Larry.",
            "Larry",
            "Event",
            "Person",
        ),
        (  # own: a kind of thing in apposition before the name
            "Paris Whitaker flew to Paris to promote her fragrance, Heiress.",
            "Heiress",
            "Product",
            "Organization",
        ),
        (  # own: "a town, its state"
            "Jordan Peele's film Nope was shot in Agua Dulce, California.",
            "Agua Dulce",
            "Place",
            "Person",
        ),
        (  # abc-rural-11028: an industry as a name's last word
            "GBS Gold is already milling old stockpiles to check the machinery.",
            "GBS Gold",
            "Organization",
            "Person",
        ),
        (  # abc-science-11891: "Mount" as a name's first word
            "Eris was excluded from a wedding on Mount Olympus, home of the gods.",
            "Mount Olympus",
            "Place",
            "Person",
        ),
        (  # abc-science-109: "Cyclone" as a name's first word
            "Darwin was devastated by Cyclone Tracy in 1974.",
            "Cyclone Tracy",
            "Event",
            "Person",
        ),
        (  # own: what a company develops is a product
            "Bayer CropScience developed LL Rice 601.",
            "LL Rice 601",
            "Product",
            "Person",
        ),
    ],
)
def test_the_type_follows_the_evidence(pipeline, sentence, name, kind, wrong):
    types = entity_types(sentence, pipeline)
    assert types.get(name) == kind, types
    assert types.get(name) != wrong


@pytest.mark.parametrize(
    ("before", "text", "after", "expected", "wrong"),
    [
        ("", "Tony Lama's", " 2.1 million shares outstanding.", "Organization", "Person"),
        ("the ", "Victoria River", ", west of Katherine", "Place", None),
        ("", "Woodside", ", Australia's largest oil producer", None, "Place"),
        ("they will play ", "Chelsea", " on Sunday", None, "CreativeWork"),
    ],
)
def test_context_votes(before, text, after, expected, wrong):
    """The words around a name vote; a possessive town ("Australia's") and a verb do not."""
    kinds = [kind for kind, weight in context_votes(before, text, after) if weight > 0]
    if expected is not None:
        assert expected in kinds
    assert wrong not in kinds


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Coniston Partners", "Organization"),
        ("Tanami Desert", "Place"),
        ("Polocrosse World Cup", "Event"),
        ("Lake Eyre", "Place"),
        ("Russian state media", None),  # a description: its last word is no part of a name
        ("Gold", None),  # one word is a name, not a shape
    ],
)
def test_name_shape_votes(label, kind):
    assert name_votes(label) == (((kind, 2),) if kind else ())


@pytest.mark.parametrize(
    ("lemma", "subject", "obj"),
    [
        ("be vice president of", (("Person", 3),), (("Person", -2), ("Organization", 2))),
        ("be president of", (("Person", 3),), (("Person", -2),)),  # of a country, or a firm
        ("be linguist at", (("Person", 3),), (("Person", -2),)),
        ("say", (("Person", 1), ("Organization", 1)), ()),  # "May says the ...": not a Thing
        ("unveil", (), (("Product", 2),)),
    ],
)
def test_relation_votes(lemma, subject, obj):
    assert relation_votes(lemma, None) == (subject, obj)


def test_role_nouns_by_their_ending():
    assert [noun_type(w) for w in ("geologists", "physician", "carmaker", "persist")] == [
        "Person",
        "Person",
        "Organization",
        None,
    ]
