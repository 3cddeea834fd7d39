"""Names in modifiers of other names: hyphenated agents and seats, and headquarters.

- rule kind "hyphen-modifier": a name before a hyphen and a participle. "Texas-based Dell",
  "Siemens, the Munich-based group" → based in; "London-born actor Tom Hardy" → born in;
  "NATO-backed forces", "the Exxon-owned Minera Disputada" → the participle's verb, the name
  as its subject (back, own, lead, run, ...). A word without a name before the hyphen
  ("state-owned") makes no reading.
- rule kind "place-of": an organisation's headquarters in a place. "VOA headquarters in
  Washington", "Nokia, whose headquarters are in Espoo" → based in.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphkit.extract._clauses import pobjs
from graphkit.extract._entities import BASED_IN, CONTAINERS, LOCATED_IN, entity_at, head_of
from graphkit.extract._reading import Reading
from graphkit.extract._spans import phrase_tokens
from graphkit.labels import COMPANY_NOUNS, INSTITUTION_NOUNS
from graphkit.types import Relation

_HYPHENS = frozenset({"-", "–"})
SEAT_NOUNS = frozenset({"headquarters", "headquarter"})
"""Nouns naming where an organisation is based: "Nokia, whose headquarters are in Espoo"."""
_SEATS = {
    "based": (frozenset({"ORG", "PERSON"}), BASED_IN),
    "headquartered": (frozenset({"ORG"}), BASED_IN),
    "born": (frozenset({"PERSON"}), Relation(text="born in", lemma="born in")),
}
"""Participles that place the name they modify, with the labels that name may have: "Texas-based
Dell", "a London-based journalist, John Smith", "London-born actor Tom Hardy". The word before
"-based" is a place whatever spaCy labels it ("Ballarat-based", labelled a nationality): only a
person's name is refused there."""
FIRM_SEATS = frozenset(word for word, (labels, _) in _SEATS.items() if "ORG" in labels)
"""The participles that place a firm ("based", "headquartered"): "the Ankara-based operator"
says where the firm is, not which one it is (`_descriptions`)."""


def modifier_facts(token: Token) -> Iterator[Reading]:
    """The readings of `token` as a hyphenated participle or a headquarters noun."""
    lower = token.lower_  # each attribute read once: this runs at every token
    if lower == "based" or lower.endswith("-based"):
        town = _town_state_based(token)
        if town is not None:
            yield from town
            return
    if token.tag_ == "VBN" and token.dep_ in ("amod", "compound", "nmod"):
        yield from _hyphen_facts(token)
    if token.pos_ == "NOUN" and token.lemma_.lower() in SEAT_NOUNS:
        yield from _seat_facts(token)


def _hyphen_facts(participle: Token) -> Iterator[Reading]:
    """A name before a hyphen and a participle: "Texas-based Dell", "NATO-backed forces"."""
    doc = participle.doc
    if participle.i < 2 or doc[participle.i - 1].text not in _HYPHENS:
        return
    agent = entity_at(doc[participle.i - 2])
    if agent is None or agent.end != participle.i - 1 or agent.root.head != participle:
        return
    target = _described(participle.head)
    lemma = participle.lemma_.lower()
    seat = _SEATS.get(participle.lower_) or _SEATS.get(lemma)
    if seat is not None:
        if target is None or agent.label_ == "PERSON":
            return
        named = entity_at(target)
        labels, relation = seat
        if named is not None:
            placed = named.label_ in labels
        else:  # an untagged name, or a firm's description ("the Ankara-based operator")
            placed = "ORG" in labels and (target.pos_ == "PROPN" or _is_firm_description(target))
        if placed:
            yield Reading(
                kind="hyphen-modifier", subject=target, relation=relation, object=agent.root
            )
        return
    if target is None or target.pos_ not in ("NOUN", "PROPN"):
        return
    relation = Relation(text=participle.text, lemma=lemma)
    if entity_at(target) is not None:
        yield Reading(kind="hyphen-modifier", subject=agent.root, relation=relation, object=target)
        return
    modifier = set(participle.subtree)
    words = [t for t in phrase_tokens(target) if t not in modifier]
    while len(words) > 1 and (words[0].dep_ in ("det", "poss") or words[0].is_punct):
        words.pop(0)  # "NATO-backed forces" → forces; "A Moscow-led alliance" → alliance
    if words and target in words:
        yield Reading(
            kind="hyphen-modifier",
            subject=agent.root,
            relation=relation,
            object_tokens=tuple(words),
        )


def _is_firm_description(noun: Token) -> bool:
    """A description that stands for a firm named near it: "the Ankara-based operator".

    Its reading keeps the description as subject; resolution puts the firm in its place
    (`_descriptions`), or leaves it a phrase where no firm fits.
    """
    return (
        noun.lower_ in COMPANY_NOUNS | INSTITUTION_NOUNS
        and noun.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
    )


def _town_state_based(based: Token) -> list[Reading] | None:
    """A town and its state before "-based": the firm based in the town, the town in the state.

    "Tyson Foods, the Springdale, Ark.-based meat processor", whatever the parse made of the
    commas; the firm is the name the description is set off after, or the name it comes before
    ("Springdale, Ark.-based Tyson Foods"). None if `based` is no such participle.
    """
    seat = _seat(based)
    if seat is None:
        return None
    town, state = seat
    firm = _set_off_before(town) or _named_after(based)
    readings = []
    if firm is not None:
        readings.append(
            Reading(kind="hyphen-modifier", subject=firm, relation=BASED_IN, object=town.root)
        )
    if state is not None:
        readings.append(
            Reading(kind="nesting", subject=town.root, relation=LOCATED_IN, object=state.root)
        )
    return readings


def _seat(based: Token) -> tuple[Span, Span | None] | None:
    """The town and the state before `based` in "Louisville, Kentucky-based", or None.

    The state is None where it and "-based" are one token: "Springdale, Ark.-based".
    """
    doc = based.doc
    if based.lower_ == "based":  # "Kentucky" "-" "based"
        if based.i < 2 or doc[based.i - 1].text not in _HYPHENS or doc[based.i - 1].whitespace_:
            return None
        state = entity_at(doc[based.i - 2])
        if state is None or state.end != based.i - 1:
            return None
        first = state.start
    elif based.text[:1].isupper() and based.lower_.endswith("-based"):  # "Ark.-based"
        state, first = None, based.i
    else:
        return None
    if first < 2 or doc[first - 1].text != ",":
        return None
    town = entity_at(doc[first - 2])
    if town is None or town.end != first - 1 or town.label_ not in _PLACE_LABELS:
        return None
    return town, state


def is_seat_town(token: Token) -> bool:
    """Whether `token` ends the town of a town and its state before "-based" ("Louisville, ")."""
    doc, at = token.doc, token.i + 2
    if at >= len(doc) or doc[token.i + 1].text != ",":
        return False
    state = entity_at(doc[at])
    after = state.end + 1 if state is not None and state.start == at else at  # "-" then "based"
    seat = _seat(doc[after]) if after < len(doc) else None
    return seat is not None and seat[0].end == token.i + 1


_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
_OPENING = frozenset({"DT", "JJ", "RB", "PRP$"})


def _set_off_before(town: Span) -> Token | None:
    """The name a description opening before `town` is set off after: "Tyson Foods, the ..."."""
    doc, at = town.doc, town.start - 1
    while at > 0 and doc[at].tag_ in _OPENING:
        at -= 1  # "the", "a diversified"
    if at < 1 or doc[at].text != ",":
        return None
    name = entity_at(doc[at - 1])
    return name.root if name is not None and name.end == at and name.label_ == "ORG" else None


def _named_after(based: Token) -> Token | None:
    """The name right after a town-and-state modifier: "Springdale, Ark.-based Tyson Foods"."""
    doc = based.doc
    if based.i + 1 >= len(doc):
        return None
    name = entity_at(doc[based.i + 1])
    return name.root if name is not None and name.start == based.i + 1 else None


def _described(noun: Token) -> Token | None:
    """The name a modified noun describes: itself, or the name it is in apposition with.

    "Siemens, the Munich-based engineering group": the group is Siemens.
    """
    if entity_at(noun) is not None:
        return noun
    if noun.dep_ in ("appos", "compound") and entity_at(noun.head) is not None:
        return noun.head  # "the Munich-based group" (Siemens), "London-born actor Tom Hardy"
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.head.is_title:
        return noun.head  # "Grab, the Singapore-based ride-hailing firm": untagged, a name
    named = [c for c in noun.children if c.dep_ == "appos" and entity_at(c) is not None]
    if named:
        return named[0]
    if noun.dep_ == "attr":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects and entity_at(subjects[0]) is not None:
            return subjects[0]
    return noun if noun.pos_ == "NOUN" else None


def _seat_facts(noun: Token) -> Iterator[Reading]:
    """An organisation's headquarters in a place.

    "VOA headquarters in Washington", "Nokia, whose headquarters are in Espoo", "the
    headquarters of Nokia are in Espoo".
    """
    owner = _seat_owner(noun)
    if owner is None:
        return
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"]
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "in"]
    for prep in preps:
        for pobj in pobjs(prep):
            place = entity_at(pobj)
            if place is not None and place.root == pobj and place.label_ in CONTAINERS:
                yield Reading(
                    kind="place-of", subject=owner, relation=BASED_IN, object=head_of(place)
                )


def _seat_owner(noun: Token) -> Token | None:
    for child in noun.children:
        ent = entity_at(child)
        if child.dep_ in ("poss", "compound") and ent is not None and ent.label_ == "ORG":
            return head_of(ent)
        if child.tag_ == "WP$":  # "Nokia, whose headquarters are in Espoo"
            clause = noun.head
            owner = entity_at(clause.head) if clause.dep_ == "relcl" else None
            return head_of(owner) if owner is not None and owner.label_ == "ORG" else None
        if child.dep_ == "prep" and child.lower_ == "of":
            named = [entity_at(p) for p in pobjs(child)]
            orgs = [n for n in named if n is not None and n.label_ == "ORG"]
            if orgs:
                return head_of(orgs[0])
    return None
