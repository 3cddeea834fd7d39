"""Acronyms: the search that tells most names have none agrees with the test a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graphkit import _acronyms

WORDS = st.text(alphabet=st.sampled_from("aZkÖéÉßΣσ中-'&1 .\t"), min_size=1, max_size=9)


@given(st.lists(WORDS, min_size=1, max_size=4).map(" ".join))
def test_a_name_the_search_passes_over_has_no_acronym(name):
    plain = name.replace(".", "")
    if _acronyms._MAYBE_ACRONYM.search(plain) is None:
        assert not _acronyms._has_acronym(plain.split())


def test_acronyms_of_letters_beyond_ascii_are_found():
    """ "ÖVP" and "ΣΥΡΙΖΑ": capitals the search must not pass over."""
    assert _acronyms.pairs(
        {
            "övp": ["ÖVP"],
            "österreichische volks partei": ["Österreichische Volks Partei"],
            "συριζα": ["ΣΥΡΙΖΑ"],
        }
    ) == [("övp", "österreichische volks partei")]
