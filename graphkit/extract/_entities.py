"""Relations between two named entities stated inside one noun phrase, read off parse and labels.

Every rule here needs both ends to be named entities (spaCy's labels), so it adds edges between
things the graph already knows instead of new phrase nodes. The relation names are few, and each
comes from these rules only:

- rule kind "nesting": a place after a comma or in brackets contains the name before it.
  "Tupelo, Miss." → (Tupelo, located in, Miss.); "Transamerica Corp., San Francisco" and
  "Takashima & Co. (Japan)" → based in.
- rule kind "place-of": a name with "in"/"of"/"at"/"from" and a place. "the Tate Modern in
  London" → located in; "Trailer Train Co. of Chicago" → based in.
- rule kind "place-possessive": a place's name. "Vienna's State Opera", "Scotland's University
  of Dundee" → based in; "Australia's Great Barrier Reef" → located in.
- rule kind "affiliation": a person with "of"/"from"/"at"/"with" and an organisation →
  affiliated with ("Dr Andrew Watkins, from the National Climate Centre"; "Richard Gross of
  NASA's Jet Propulsion Laboratory" is affiliated with both); with "of"/"from" and a place →
  from ("Amira Hassan, 34, of Dearborn, Mich.").
- `_modifiers`: hyphenated agents and seats ("Texas-based Dell", "NATO-backed forces") and
  headquarters ("Nokia, whose headquarters are in Espoo").

"based in" is said of an organisation (ORG), "located in" of a place (GPE, LOC, FAC); the
container is always a GPE or LOC. A person is never "located in" a place by these rules: "Paris
Hilton" is one name, and "Putin in Moscow" says where he was, not where he belongs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphkit.extract._clauses import pobjs
from graphkit.extract._reading import Reading
from graphkit.labels import NAME_LABELS, RuleKind
from graphkit.types import Relation

PLACES = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels of places: each can be located in a container."""
CONTAINERS = frozenset({"GPE", "LOC"})
"""Entity labels of places that contain others (a town, a state, a region)."""

LOCATED_IN = Relation(text="is in", lemma="located in")
BASED_IN = Relation(text="is based in", lemma="based in")

_LINKING_DEPS = frozenset({"appos", "npadvmod", "nmod", "compound", "pobj", "conj"})
_PREPOSITIONS = frozenset({"in", "of", "from", "at", "with"})
_AFFILIATING = frozenset({"of", "from"})  # not "at": "met Xi Jinping at the White House"
_VERB_OBJECTS = frozenset({"dobj", "dative"})
_LOOSE_ENDS = frozenset({"ADP", "CCONJ", "DET"})


def entity_at(token: Token) -> Span | None:
    """The named entity (NAME_LABELS) that `token` is part of, if any, without a trailing "'s"."""
    if token.ent_iob_ == "O" or token.ent_type_ not in NAME_LABELS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while end - 1 > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].pos_ in _LOOSE_ENDS
    ):
        end -= 1  # "the Scripps Institution of Oceanography at": spaCy took a word too many
    return Span(doc, start, end, label=token.ent_type_)


def head_of(span: Span) -> Token:
    """The token a Reading names `span` by (its root, else its last word): `phrase` reads the name.

    A root outside the entity's own words ("Takashima & Co.", rooted at "Takashima" in a list
    parse) still reads as the whole name, since `entity_of` accepts the root or the last word.
    """
    return span.root


def nesting(inner: Span, outer: Span) -> Relation | None:
    """The relation of a name to a place that contains it, by their labels (None: no relation)."""
    if outer.label_ not in CONTAINERS or inner.start == outer.start:
        return None
    if inner.label_ == "ORG":
        return BASED_IN
    if inner.label_ in PLACES:
        return LOCATED_IN
    return None


def described_above(name: Token, appos: Token) -> Token | None:
    """The noun whose object is `name`, when the name after it, `appos`, is what that noun is.

    The parse hangs the second name on the first in "the mayor of Paris, Anne Hidalgo", "the
    dairy processor in Victoria, Murray Goulburn" and "the capital of Burkina Faso, Ouagadougou":
    the second is the mayor, the processor, the capital. Only after "the" (or a noun of places):
    in "a school in Sydney, Australia" the second place contains the first.
    """
    if appos.dep_ != "appos" or appos.head != name or name.dep_ != "pobj":
        return None
    prep, upper = name.head, name.head.head
    if prep.dep_ != "prep" or upper.pos_ != "NOUN" or upper.ent_type_:
        return None
    inner, outer = entity_at(name), entity_at(appos)
    if inner is None or outer is None or outer.start != inner.end + 1:
        return None  # a comma, and nothing else, between the two names
    if upper.lower_ == "capital" or (prep.lower_ == "in" and upper.lower_ in _PLACE_NOUNS):
        return upper  # "a town in Victoria, Benalla"
    if outer.label_ in CONTAINERS or not any(c.lower_ == "the" for c in upper.children):
        return None  # "a workshop in Pekalongan, Central Java" (tagged a person): its region
    return upper


def entity_facts(parsed: Span) -> Iterator[Reading]:
    """Every relation between two named entities inside one noun phrase of `parsed`."""
    ents = _names(parsed)
    yield from _comma_facts(ents)
    yield from _bracket_facts(ents)
    for ent in ents:
        yield from _prepositional_facts(ent)
        yield from _possessive_facts(ent)
    yield from _from_in_facts(parsed)
    yield from _comma_in_facts(parsed)
    for ent in ents:
        yield from _described_place_facts(ent)


def _names(parsed: Span) -> list[Span]:
    found: list[Span] = []
    for token in parsed:
        ent = entity_at(token)
        if ent is not None and (not found or found[-1].start != ent.start):
            found.append(ent)
    return found


def _linked(a: Span, b: Span) -> bool:
    """Whether the parse joins `a` and `b` directly (one's head is in the other), not as a list.

    "PS of New Hampshire, Manchester, N.H.", parsed with the town under the state: the town is
    joined to the company through the state that follows it.
    """
    deps = _LINKING_DEPS - {"conj"}
    forward = b.root.head.i in range(a.start, a.end) and b.root.dep_ in deps
    backward = a.root.head.i in range(b.start, b.end) and a.root.dep_ in deps
    sibling = a.root.head == b.root.head and b.root.dep_ == "appos" and a.root.dep_ != "conj"
    container = entity_at(b.root.head) if b.root.dep_ in deps else None
    chained = (
        container is not None
        and container.start == b.end + 1
        and container.root.head.i in range(a.start, a.end)
        and container.root.dep_ in deps
    )
    return forward or backward or sibling or chained


def _listed(b: Span) -> bool:
    """Whether `b` is an item of a list, not the place containing the name before it.

    "Western Australia, South Australia and the Northern Territory" is parsed with the third
    under the second.
    """
    return any(c.dep_ == "conj" for c in b.root.children)


def _comma_facts(ents: list[Span]) -> Iterator[Reading]:
    """A place after a comma contains the name before: "Tupelo, Miss.", "Acme Corp., Boston"."""
    for a, b in itertools.pairwise(ents):
        doc = a.doc
        if b.start != a.end + 1 or doc[a.end].text != ",":
            continue
        if described_above(a.root, b.root) is not None:
            continue  # "the capital of Burkina Faso, Ouagadougou": the capital, not a container
        relation = nesting(a, b)
        if relation is not None and _linked(a, b) and not _listed(b):
            yield Reading(kind="nesting", subject=head_of(a), relation=relation, object=head_of(b))


def _bracket_facts(ents: list[Span]) -> Iterator[Reading]:
    """An organisation's seat in brackets: "Takashima & Co. (Japan)", "X Inc. (Chandler, Ariz.)"."""
    for index, a in enumerate(ents):
        doc = a.doc
        if a.label_ != "ORG" or a.end + 2 >= len(doc) or doc[a.end].text not in ("(", "-LRB-"):
            continue
        inside = [b for b in ents[index + 1 : index + 3] if b.start > a.end]
        if not inside or inside[0].start != a.end + 1 or inside[0].label_ not in CONTAINERS:
            continue
        first = inside[0]
        closing = first.end
        second = inside[1] if len(inside) > 1 and inside[1].start == first.end + 1 else None
        if second is not None and doc[first.end].text == "," and second.label_ in CONTAINERS:
            closing = second.end
        if closing >= len(doc) or doc[closing].text not in (")", "-RRB-"):
            continue
        yield Reading(kind="nesting", subject=head_of(a), relation=BASED_IN, object=head_of(first))
        if closing != first.end and second is not None:
            yield Reading(
                kind="nesting", subject=head_of(first), relation=LOCATED_IN, object=head_of(second)
            )


def _prepositional_facts(ent: Span) -> Iterator[Reading]:
    """A name with a preposition and a place or an organisation: "Griffith University in Brisbane".

    A preposition may hang on any word of the name ("the University of Barcelona in Spain",
    parsed under "Barcelona") as long as it follows the name; after a person's name, "of" or
    "from" right after it is the name's wherever the parse hung it.
    """
    preps = [
        c
        for token in ent
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in _PREPOSITIONS and c.i >= ent.end
    ]
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if (
        ent.label_ == "PERSON"
        and after is not None
        and after.dep_ == "prep"
        and after.lower_ in _AFFILIATING
        and after not in preps
        and not (ent.root.dep_ == "dobj" and ent.root.head.lemma_ == "join")
    ):  # "led by Dr Jerome Buhl from ...", "hired Carlo Ancelotti from Real Madrid"; not
        preps.append(after)  # "joined Tottenham Hotspur [tagged PERSON] from West Ham": a club
    for prep in preps:
        for pobj in pobjs(prep):
            outer = _named(pobj)
            if outer is None or outer.start < prep.i:
                continue
            outer = innermost(outer)
            relation = _prepositional_relation(ent, prep, outer)
            if relation is None:
                continue
            for subject in _coordinated(ent, prep):
                yield Reading(
                    kind="affiliation" if subject.label_ == "PERSON" else "place-of",
                    subject=head_of(subject),
                    relation=relation,
                    object=head_of(outer),
                )
            if relation.lemma == "affiliated with":
                yield from _seat_after(ent, outer)
                yield from _parent_affiliation(ent, outer, relation)


def hung_too_high(prep: Token) -> Span | None:
    """The name right before an "in" that the parse hung higher, in "from X in Y".

    "a cocoa farmer from Bibiani in the Western North Region": the region holds Bibiani; the
    parse makes it the farmer's. Only after "from" (a home, an origin), where the name's own
    "in" is the reading meant; not "a letter from John Smith in London".
    """
    doc = prep.doc
    if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i < 2:
        return None
    inner = entity_at(doc[prep.i - 1])
    if inner is None or inner.end != prep.i or prep.head.i in range(inner.start, inner.end):
        return None
    opener = doc[inner.start - 1]
    if opener.lower_ != "from" or inner.root.head != opener:
        return None
    if inner.label_ not in (*PLACES, "ORG"):  # a home the model took for a person: "Keringet"
        described = opener.head.dep_ == "appos" or opener.head.ent_type_ == "PERSON"
        if inner.label_ != "PERSON" or not described:
            return None
    return inner


def _from_in_facts(parsed: Span) -> Iterator[Reading]:
    """A place contains the place or hosts the body before it in "from X in Y" (`hung_too_high`)."""
    for prep in parsed:
        inner = hung_too_high(prep)
        if inner is None:
            continue
        yield from _contained(inner, prep, "place-of", right_after=True)


def _comma_in_facts(parsed: Span) -> Iterator[Reading]:
    """A place after ", in" contains the place before it: "Foshan, in China's Guangdong province".

    "at Carnarvon, in Western Australia" (tagged ORG): based in. The parse hangs the second "in"
    on the verb or the noun before.
    """
    doc = parsed.doc
    for prep in parsed:
        if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i < 2 or doc[prep.i - 1].text != ",":
            continue
        inner = entity_at(doc[prep.i - 2])
        if inner is None or inner.end != prep.i - 1 or inner.label_ not in (*PLACES, "ORG"):
            continue
        if prep.head.i in range(inner.start, inner.end):
            continue  # the name's own "in": `_prepositional_facts`
        if any(c.dep_ == "conj" for c in prep.children):
            continue  # "in Sydney, in Melbourne and in Perth"
        if inner.label_ == "ORG" and any(t.dep_ == "appos" for t in inner.root.ancestors):
            continue  # "met X, president of the European Commission, in Rome": the meeting's
        yield from _contained(inner, prep, "nesting", right_after=False)


def _contained(inner: Span, prep: Token, kind: RuleKind, *, right_after: bool) -> Iterator[Reading]:
    """`inner` located in the named container `prep` governs; a body's name is based in it.

    The container follows `prep`; with `right_after`, it starts next to it.
    """
    for pobj in pobjs(prep):
        outer = _named(pobj)
        if outer is None or outer.label_ not in CONTAINERS or outer.start <= prep.i:
            continue
        if not right_after or outer.start == prep.i + 1:
            relation = BASED_IN if inner.label_ == "ORG" else LOCATED_IN
            yield Reading(
                kind=kind, subject=head_of(inner), relation=relation, object=head_of(outer)
            )


def _described_place_facts(ent: Span) -> Iterator[Reading]:
    """A name described as a kind of place in another: "Sudzha, a town in Russia's Kursk region".

    The description says both are places, whatever the model tagged them.
    """
    for noun in ent.root.children:
        if noun.dep_ != "appos" or noun.lower_ not in _PLACE_NOUNS:
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for pobj in pobjs(prep):
                outer = _named(pobj)  # a place, whatever its tag: "a ranch in Teuchitlán" (ORG)
                if outer is not None:
                    yield Reading(
                        kind="nesting",
                        subject=head_of(ent),
                        relation=LOCATED_IN,
                        object=head_of(outer),
                    )


_PLACE_NOUNS = frozenset(
    """town city capital village suburb district region resort port island area neighbourhood
    neighborhood hamlet settlement community municipality county province township ranch""".split()
)
"""Nouns that describe a name as a place ("a town in", "a ranch in")."""


def _named(pobj: Token) -> Span | None:
    """The name a preposition's object is, or names: "Michoacán" in "in Michoacán state".

    A lower-case kind of place after a name ("in Aichi prefecture", "in Lao Cai province") is
    the name's: the parse makes the noun the object and the name its compound. Such a name is
    a place, whatever the model tagged it.
    """
    outer = entity_at(pobj)
    if outer is not None and outer.root == pobj:
        return outer
    if pobj.text not in _PLACE_KINDS:
        return None
    for child in pobj.children:
        named = entity_at(child) if child.dep_ == "compound" else None
        if named is not None and named.root == child:
            return Span(named.doc, named.start, named.end, label="GPE")  # whatever the tag
    return None


_PLACE_KINDS = frozenset(
    "state province region prefecture parish county district oblast governorate".split()
)
"""Lower-case nouns after a place's name that say what kind of place it is."""


def _parent_affiliation(person: Span, unit: Span, relation: Relation) -> Iterator[Reading]:
    """A person of an organisation's unit is affiliated with the organisation too (NASA's JPL)."""
    for owner in (c for c in unit.root.children if c.dep_ == "poss"):
        parent = entity_at(owner)
        if parent is not None and parent.label_ == "ORG" and parent.root == owner:
            yield Reading(
                kind="affiliation", subject=head_of(person), relation=relation, object=owner
            )


def _seat_after(person: Span, organisation: Span) -> Iterator[Reading]:
    """A place right after a person's organisation is where the organisation is.

    "Dr Bermejo of the University of Barcelona in Spain" is parsed with the place under the
    person.
    """
    for prep in person.root.children:
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i != organisation.end:
            continue
        for pobj in pobjs(prep):
            place = entity_at(pobj)
            if place is not None and place.root == pobj and place.label_ in CONTAINERS:
                yield Reading(
                    kind="place-of",
                    subject=head_of(organisation),
                    relation=BASED_IN,
                    object=head_of(innermost(place)),
                )


def _prepositional_relation(inner: Span, prep: Token, outer: Span) -> Relation | None:
    word = prep.lower_
    if inner.label_ == "PERSON":
        if outer.label_ == "ORG" and word in ("of", "from", "at", "with"):
            return Relation(text=f"is {prep.text}", lemma="affiliated with")
        if outer.label_ in CONTAINERS and word in ("of", "from"):
            return Relation(text=f"is {prep.text}", lemma="from")
        return None
    if outer.label_ not in CONTAINERS or word == "with":
        return None
    if inner.label_ == "ORG":
        if word in ("in", "at") and _governed_elsewhere(inner):
            return None
        return Relation(text=f"is {prep.text}", lemma="based in")
    if inner.label_ in PLACES and word == "in":
        return LOCATED_IN
    return None


def innermost(place: Span) -> Span:
    """The town of "Dearborn, Mich." when the parse makes the state the head: the place meant."""
    doc = place.doc
    if place.start < 2 or doc[place.start - 1].text != "," or place.label_ not in CONTAINERS:
        return place
    town = entity_at(doc[place.start - 2])
    if town is not None and town.root.head == place.root and nesting(town, place) is not None:
        return town
    return place


def _governed_elsewhere(organisation: Span) -> bool:
    """Whether a place after an organisation's name likely belongs to a word before it.

    "Apple sued Samsung in California": the place is the verb's; "the meeting of the Geological
    Society of America in Philadelphia": the place is the meeting's.
    """
    root = organisation.root
    if root.dep_ in _VERB_OBJECTS:
        return True
    governor = root.head.head if root.dep_ == "pobj" else None
    return (
        governor is not None
        and root.head.lower_ == "of"
        and governor.pos_ == "NOUN"
        and entity_at(governor) is None
    )


def _coordinated(ent: Span, prep: Token) -> list[Span]:
    """The person a preposition is said of, and the people coordinated with it before it.

    "Professor Peter Brown and Professor Mike Morwood from the University of New England": the
    phrase after the last name is said of both, unless a name has a phrase of its own ("Smith
    of Acme and Jones of Beta").
    """
    found = [ent]
    if ent.label_ != "PERSON":
        return found
    root = ent.root
    first = root.head if root.dep_ == "conj" else root
    for token in (first, *first.conjuncts):
        other = entity_at(token)
        if other is None or other.label_ != "PERSON" or other.root != token or other == ent:
            continue
        own = any(c.dep_ == "prep" and c.lower_ in _PREPOSITIONS for c in token.children)
        if other.end <= prep.i and not own:
            found.append(other)
    return found


def _possessive_facts(ent: Span) -> Iterator[Reading]:
    """A place's possessive names what is in it: "Vienna's State Opera" (based in Vienna).

    Also on a kind of place after the name: "Nigeria's Benue state" (Benue located in Nigeria).
    """
    root = ent.root
    kind = root.head if root.dep_ == "compound" and root.head.i == ent.end else None
    holders = [root]
    if kind is not None and kind.text in _PLACE_KINDS:  # a place, whatever the tag
        ent, holders = Span(ent.doc, ent.start, ent.end, label="GPE"), [root, kind]
    for owner in (c for holder in holders for c in holder.children if c.dep_ == "poss"):
        outer = entity_at(owner)
        if outer is None or outer.root != owner:
            continue
        between = ent.doc[outer.end : ent.start]
        if any(t.pos_ == "CCONJ" or (t.is_punct and t.tag_ != "HYPH") for t in between):
            continue  # "Brazil's CVRD and German steel-maker ThyssenKrupp": two names
        relation = nesting(ent, outer)
        if relation is not None:
            yield Reading(
                kind="place-possessive", subject=head_of(ent), relation=relation, object=owner
            )


def place_owns(owner: Token, noun: Token) -> bool:
    """Whether "owner's noun" is a place's named organisation or place (read by the rule above)."""
    inner, outer = entity_at(noun), entity_at(owner)
    return inner is not None and outer is not None and nesting(inner, outer) is not None
