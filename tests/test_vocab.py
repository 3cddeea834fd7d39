"""IRIs: one function mints them, and any text gives a valid, distinct one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graphkit.vocab import entity_iri, relation_iri, slug


@given(st.text(min_size=1, max_size=200))
def test_any_text_makes_a_valid_iri(name):
    assert str(entity_iri(slug(name))).startswith("https://w3id.org/graphkit/entity/")
    assert str(relation_iri(name)).startswith("https://w3id.org/graphkit/rel/")


def test_a_long_name_cut_at_a_word_boundary_is_still_valid():
    name = "textbooks of the solar " * 3 + "system"
    assert "__" not in slug(name)
    entity_iri(slug(name))


@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_different_names_never_share_a_slug(a, b):
    if a.lower() != b.lower():
        assert slug(a) != slug(b)
