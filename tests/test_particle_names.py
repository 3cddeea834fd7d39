"""Names with lower-case particles, which the small English model cuts in two."""

from __future__ import annotations

import pytest

import graphkit
from graphkit.nlp import mend_particle_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # the model: "Ursula von der" PERSON, "Leyen" GPE
            "Giorgia Meloni met Ursula von der Leyen, president of the European Commission.",
            ["Ursula von der Leyen"],
        ),
        ("Ursula von der Leyen said the EU would respond.", ["Ursula von der Leyen"]),
        ("Mohammed bin Salman met Charles de Gaulle in Paris.", ["Mohammed bin Salman"]),
        (  # Portuguese particles
            "Reginaldo Pantoja dos Santos, a fisherman from Belém, said the river had dropped.",
            ["Reginaldo Pantoja dos Santos"],
        ),
    ],
)
def test_a_name_cut_at_its_particles_is_one_person(pipeline, text, names):
    doc = pipeline(text)
    mend_particle_names(doc)
    people = [ent.text for ent in doc.ents if ent.label_ == "PERSON"]
    assert all(name in people for name in names), people
    rows = graphkit.from_texts({"t": text}, pipeline=pipeline).entities()
    kinds = dict(zip(rows["label"], rows["type"], strict=True))
    assert all(kinds.get(name) == "Person" for name in names), kinds
    assert "Leyen" not in kinds


def test_other_entities_are_left_as_they_were(pipeline):
    doc = pipeline("The Bank of England raised rates in London on Thursday, Andrew Bailey said.")
    before = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    mend_particle_names(doc)
    assert [(ent.start, ent.end, ent.label_) for ent in doc.ents] == before


def test_a_body_cut_at_its_particles_is_one_body(pipeline):
    # the model: "Banco" ORG, "Brasil" PERSON
    text = "Banco do Brasil has named Ana Cláudia Figueiredo de Souza to run its farm unit."
    doc = pipeline(text)
    mend_particle_names(doc)
    assert ("Banco do Brasil", "ORG") in [(ent.text, ent.label_) for ent in doc.ents]
    rows = graphkit.from_texts({"t": text}, pipeline=pipeline).entities()
    kinds = dict(zip(rows["label"], rows["type"], strict=True))
    assert kinds.get("Banco do Brasil") == "Organization", kinds
    assert "Brasil" not in kinds
