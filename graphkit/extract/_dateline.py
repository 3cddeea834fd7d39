"""Datelines: "TUPELO, Miss. (AP) — A tornado tore ..." says where the story was filed.

The words before the dash are not part of the sentence's clauses: spaCy often reads the place as
the subject ("TUPELO tore through") and the agency as an apposition ("TUPELO is AP"). This module
finds the dateline so the extractor leaves its words out of every other fact, and reads it as

- the nesting it states: (TUPELO, located in, Miss.), rule kind "nesting";
- the place the article was filed from: (TUPELO, dateline, —), rule kind "dateline", with no
  object and the agency, when named, as a qualifier of role "agency". The resolver keeps no fact
  without an object, so this reading reaches the graph only where a later stage maps it to the
  article (its schema:locationCreated).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphkit.extract._entities import LOCATED_IN
from graphkit.extract._reading import Reading
from graphkit.types import Relation

DATELINE = Relation(text="dateline", lemma="dateline")
"""The relation of the dateline reading: its subject is the place the story was filed from."""

_DASHES = frozenset({"—", "--", "–", "-", "---"})
_MAX_PLACE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Dateline:
    """The parts of a dateline as tokens; `end` is the index of the first token after the dash."""

    place: tuple[Token, ...]
    state: tuple[Token, ...]
    agency: tuple[Token, ...]
    end: int

    def covers(self, token: Token) -> bool:
        """Whether `token` is one of the dateline's words (the dash included)."""
        return token.i < self.end


def find_dateline(parsed: Span) -> Dateline | None:
    """The dateline opening `parsed`, if it has one: PLACE[, STATE] [(AGENCY)] followed by a dash.

    The place is written in capitals ("TUPELO", "NEW YORK") unless an agency in brackets follows.
    """
    tokens = list(parsed)
    place = _words(tokens, 0)
    if not place or sum(t.is_alpha for t in place) > _MAX_PLACE_WORDS:
        return None
    at = len(place)
    state: list[Token] = []
    if at < len(tokens) and tokens[at].text == ",":
        state = _words(tokens, at + 1)
        if not state:
            return None
        at += 1 + len(state)
    agency: list[Token] = []
    if at < len(tokens) and tokens[at].text in ("(", "-LRB-"):
        close = next(
            (
                i
                for i in range(at + 1, min(at + 6, len(tokens)))
                if tokens[i].text in (")", "-RRB-")
            ),
            None,
        )
        if close is None or close == at + 1:
            return None
        agency = tokens[at + 1 : close]
        if any(t.ent_type_ in ("GPE", "LOC") or t.text == "," for t in agency):
            return None  # "INTER-TEL Inc. (Chandler, Ariz.) --": a company's seat, no agency
        at = close + 1
    if at >= len(tokens) or tokens[at].text not in _DASHES:
        return None  # (the dash may end the sentence: spaCy cuts "KABUL (AFP) -" off its story)
    if not tokens[at - 1].whitespace_:
        return None  # "NATO-backed": a hyphen inside a word, not a dash
    capitals = all(t.text.isupper() for t in place if t.is_alpha)
    if not capitals and (not agency or any(t.ent_type_ not in ("GPE", "LOC") for t in place)):
        return None  # a place in capitals, or a place by its label before a named agency
    return Dateline(tuple(place), tuple(state), tuple(agency), end=tokens[at].i + 1)


def _words(tokens: list[Token], start: int) -> list[Token]:
    """A run of proper-noun words from `start`: a place name or a state's abbreviation."""
    run: list[Token] = []
    for at, token in enumerate(tokens[start:], start):
        if token.pos_ == "PROPN" or (token.is_alpha and token.text.isupper()):
            run.append(token)
        elif token.text == "-" and run and _joins(run[-1], token, tokens[at + 1 : at + 2]):
            run.append(token)  # "PORT-AU-PRINCE", "WILKES-BARRE": one name
        else:
            break
    return run[:-1] if run and run[-1].text == "-" else run


def _joins(before: Token, hyphen: Token, after: list[Token]) -> bool:
    """Whether `hyphen` joins two words with no space around it."""
    return not before.whitespace_ and not hyphen.whitespace_ and bool(after) and after[0].is_alpha


def dateline_facts(dateline: Dateline) -> Iterator[Reading]:
    """The readings a dateline states (see the module docstring)."""
    place = _head(dateline.place)
    if dateline.state:
        yield Reading(
            kind="nesting", subject=place, relation=LOCATED_IN, object=_head(dateline.state)
        )
    qualifiers = (("agency", dateline.agency),) if dateline.agency else ()
    yield Reading(kind="dateline", subject=place, relation=DATELINE, qualifiers=qualifiers)


def _head(words: tuple[Token, ...]) -> Token:
    inside = [t for t in words if t.head.i < words[0].i or t.head.i > words[-1].i]
    return inside[0] if inside else words[-1]
