"""Acronyms: "FTC" and the Federal Trade Commission are one body when only one name fits.

"UN Security Council" spells out as "United Nations Security Council": an acronym joins the
one name in the graph whose words it abbreviates, and no name when two fit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

_SKIPPED = frozenset({"of", "the", "and", "for", "&", "on", "in"})
"""Words an acronym leaves out ("Organization of the Petroleum Exporting Countries": OPEC)."""


def pairs(spellings: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    """(acronym key, full name key) for every key spelled with an acronym that fits one name.

    `spellings` maps each name key to its spellings. An acronym is a word of two to six
    capitals ("FTC", "UN"); a name fits it when its words start with the acronym's letters in
    order (small words aside) and its other words are the same. A fit with two names ("SC":
    Security Council and South Carolina) is no fit.

    >>> pairs({"ftc": ["FTC"], "federal trade commission": ["Federal Trade Commission"]})
    [('ftc', 'federal trade commission')]
    >>> pairs({"un security council": ["UN Security Council"],
    ...        "united nations security council": ["United Nations Security Council"]})
    [('un security council', 'united nations security council')]
    >>> pairs({"sc": ["SC"], "security council": ["Security Council"],
    ...        "south carolina": ["South Carolina"]})
    []
    """
    by_signature: dict[str, set[str]] = defaultdict(set)
    words_of: dict[str, list[str]] = {}
    for key, names in spellings.items():
        for name in sorted(names):
            plain = name.replace(".", "")
            words = plain.split()
            if _MAYBE_ACRONYM.search(plain) is None or not _has_acronym(words):
                words_of.setdefault(key, words)
                by_signature[_initials(words)].add(key)
    found = []
    for key, names in spellings.items():
        if key in words_of:
            continue
        short = next(
            (n.replace(".", "").split() for n in sorted(names) if _has_acronym(n.split())), None
        )
        if short is None:
            continue
        fits = [k for k in by_signature.get(_signature(short), ()) if _fits(short, words_of[k])]
        if len(fits) == 1 and fits[0] != key:
            found.append((key, fits[0]))
    return found


_MAYBE_ACRONYM = re.compile(r"(?<!\S)[^\W\d_a-z]{2,6}(?!\S)")
"""A word of two to six letters none of which is a small ASCII one: what may be an acronym.

A name with none has none (`_is_acronym`): most names are told so by one search, not a test
a word (ABC's 45,000 names: 0.6 s to 0.4 s for `pairs`).
"""


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _has_acronym(words: list[str]) -> bool:
    return any(map(_is_acronym, words))


def _signature(words: list[str]) -> str:
    """The letters an acronym would spell: an acronym's own, else each word's first."""
    return "".join(
        [
            word.casefold() if _is_acronym(word) else word[0].casefold()
            for word in words
            if word.casefold() not in _SKIPPED
        ]
    )


def _initials(words: list[str]) -> str:
    """The signature of words none of which is an acronym: each word's first letter."""
    return "".join([word[0] for word in words if word.casefold() not in _SKIPPED]).casefold()


def _fits(short: list[str], full: list[str]) -> bool:
    """Whether `full` spells out `short`: its acronyms by initials, its other words as is."""
    rest = [word for word in full if word.casefold() not in _SKIPPED]
    for word in (w for w in short if w.casefold() not in _SKIPPED):
        if _is_acronym(word):
            taken, rest = rest[: len(word)], rest[len(word) :]
            if "".join(w[0] for w in taken).casefold() != word.casefold():
                return False
            if not all(w[:1].isupper() for w in taken):
                return False
        elif not rest or rest.pop(0).casefold() != word.casefold():
            return False
    return not rest
