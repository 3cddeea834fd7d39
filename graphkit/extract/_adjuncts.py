"""Named entities inside a clause's arguments and adjuncts, made edges of their own.

A clause fact keeps its words as written (its object phrase, its qualifiers); these rules add
the edge a reader draws to the name inside:

- rule kind "clause-entity": a name inside the object phrase. "The U.S. government has taken
  measures against telecommunications giant Huawei" → (The U.S. government, take measures
  against, Huawei), the clause fact kept as it is.
- rule kind "clause-stand-in": a common noun a name stands for, by apposition ("The gunman who
  killed Rabin, Yigal Amir, ..." → (Yigal Amir, kill, Rabin)) or membership ("Brutus and
  Cassius were among the senators who murdered Caesar" → (Brutus, murder, Caesar)).
- rule kind "place-where": a "where" clause on a named place. Its place adjunct is in the
  place ("in Texas, where gusts reached 60 mph at Amarillo" → (Amarillo, located in, Texas));
  its named subject, with a verb without object, acts in it ("Austin, where its founder, Mary
  Chen, lives" → (Mary Chen, live in, Austin)).
- rule kind "home": someone's home in a named place; they live there ("Robert Redford died at
  his home in Sundance, Utah" → (Robert Redford, live in, Sundance)).
- rule kind "conviction": who was jailed, sentenced, convicted or executed for a killing did it
  ("Alabama put Kenneth Smith to death for the killing of Elizabeth Sennett" → (Kenneth Smith,
  kill, Elizabeth Sennett)); not who was charged or acquitted.
- rule kind "as-role": a role given with "as" ("oust Mr. Edelman as chairman of Datapoint
  Corp." → (Edelman, be chairman of, Datapoint Corp.)).

A place phrase on a common noun ("An exhibition at the Tate Modern in London") makes no edge of
the noun: the fact keeps the phrase, the names in it are related to each other
(`_entities`: Tate Modern located in London), and a concept node such as "exhibition" would join
every exhibition of every article.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from spacy.tokens import Token

from graphkit.extract._clauses import subjects_of
from graphkit.extract._entities import (
    CONTAINERS,
    PLACES,
    described_above,
    entity_at,
    head_of,
    innermost,
    nesting,
)
from graphkit.extract._nominal import role_facts
from graphkit.extract._reading import Reading
from graphkit.extract._spans import is_pronoun
from graphkit.labels import NAME_LABELS
from graphkit.types import Relation

_IS = Relation(text="is", lemma="be")

_NAMED_ARGUMENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_GOVERNMENT_NOUNS = frozenset({"government", "administration"})
_PLACE_PREPOSITIONS = frozenset(
    "in at near around across outside inside throughout within off along".split()
)


def named_stand_in(noun: Token) -> Token | None:
    """The name a common noun stands for by apposition ("his employer, Klaus Richter").

    A country's government stands for the country ("the U.S. government", "Britain's
    government"). Only an apposition set off by a comma right next to the noun's own words
    counts: a name in brackets restates an abbreviation ("Epstein-Barr virus (EBV)"), and one
    after a colon or far away is usually a misparse.
    """
    if noun.pos_ != "NOUN" or entity_at(noun) is not None or is_pronoun(noun):
        return None
    if noun.lemma_.lower() in _GOVERNMENT_NOUNS:
        for child in noun.children:
            country = entity_at(child) if child.dep_ in ("compound", "poss") else None
            if country is not None and country.label_ == "GPE" and country.root == child:
                return child  # "The U.S. government has taken measures": the United States
    for child in noun.children:
        if child.dep_ == "appos" and _is_name(child) and _set_off(child, after=noun):
            return child
    if noun.dep_ == "appos" and _is_name(noun.head) and _set_off(noun, after=noun.head):
        return noun.head
    for prep in noun.children:  # "The mayor of Paris, Anne Hidalgo, said": parsed as Paris's
        for name in prep.children if prep.dep_ == "prep" else ():
            for appos in name.children:
                if described_above(name, appos) == noun:
                    return appos
    return None


def _set_off(appos: Token, *, after: Token) -> bool:
    """Whether `appos` starts right after ", " following the word it is in apposition with."""
    doc = appos.doc
    start = appos.left_edge.i
    if start < 2 or doc[start - 1].text != ",":
        return False
    ent = entity_at(after)
    end = ent.end if ent is not None else after.i + 1
    if after.i < appos.i:
        left = [t for t in after.subtree if t.i < start - 1]
        end = max(end, max(t.i for t in left) + 1) if left else end
    return end == start - 1


def _is_name(token: Token) -> bool:
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in _NAMED_ARGUMENTS and ent.root == token
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not is_pronoun(token)
        and token.ent_type_ == ""
    )


def members_of(noun: Token) -> list[Token]:
    """The names said to be among a group, which the group's noun then stands for.

    "Brutus and Cassius were among the senators who ...", "X is one of the men who ...".
    """
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("among", "of"):
        return []
    verb = prep.head
    if prep.lower_ == "of":
        if prep.head.lower_ != "one":
            return []
        verb = prep.head.head
    if verb.lemma_ != "be":
        return []
    return [s for s in subjects_of(verb) if _is_name(s)]


def derived_facts(fact: Reading) -> Iterator[Reading]:
    """Readings a clause fact implies about the names in its arguments."""
    if fact.kind not in ("clause", "clause-intransitive"):
        return
    subjects: list[Token | None] = [*members_of(fact.subject)] or [named_stand_in(fact.subject)]
    obj = named_stand_in(fact.object) if fact.object is not None else None
    variants = [fact]
    for subject in subjects:
        if subject is not None or obj is not None:
            variants.append(
                dataclasses.replace(
                    fact,
                    kind="clause-stand-in",
                    subject=subject or fact.subject,
                    object=obj or fact.object,
                )
            )
    yield from variants[1:]
    if fact.kind == "clause" and fact.object is not None and obj is None:
        for variant in variants:
            yield from _object_entities(variant, fact.object)


def _object_entities(fact: Reading, noun: Token) -> Iterator[Reading]:
    """The name after the object noun is what the verb is about: "took measures against Huawei".

    A place after the object says where the object is ("opened an office in Nairobi"), and
    "between" is read by the nominal rule, so neither makes an edge here.
    """
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or entity_at(noun) is not None:
        return
    relation = fact.relation
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.i > noun.i):
        if prep.lower_ in ("between", "as", "than", "like"):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            ent = entity_at(pobj)
            if ent is None or ent.root != pobj or ent.label_ not in _NAMED_ARGUMENTS:
                continue
            if ent.label_ in PLACES and prep.lower_ in _PLACE_PREPOSITIONS:
                continue
            if ent.label_ in ("FAC", "LOC") and prep.lower_ == "on":
                continue
            yield dataclasses.replace(
                fact,
                kind="clause-entity",
                relation=dataclasses.replace(
                    relation,
                    text=f"{relation.text} {noun.text} {prep.text}",
                    lemma=f"{relation.lemma} {noun.lower_} {prep.lower_}",
                ),
                object=pobj,
            )


def as_role_facts(verbs: list[Token], subjects: list[Token]) -> Iterator[Reading]:
    """A role given with "as", of the verb's named object or else of its subject.

    "oust Mr. Edelman as chairman of Datapoint Corp." (Edelman's role), "act as a consultant to
    Hudson General" (the subject's).
    """
    for verb in verbs:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            named = [o for o in objects if o.ent_type_ in ("PERSON", "ORG")]
            holders = named[:1] or [s for s in subjects if not is_pronoun(s)]
            for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
                for holder in holders:
                    if entity_at(holder) is not None:
                        yield from role_facts(holder, noun, _IS, kind="as-role")


def where_facts(clause: Token) -> Iterator[Reading]:
    """A relative clause opened by "where" on a named place: what it says happens in the place."""
    if clause.dep_ != "relcl" or not any(c.lower_ == "where" for c in clause.children):
        return
    place = entity_at(clause.head)
    if place is None or place.label_ not in PLACES or place.root != clause.head:
        return
    preps = [t for t in clause.subtree if t.dep_ == "prep" and t.lower_ in ("in", "at")]
    for prep in preps:  # "Ohio, where her father taught at a school in Cleveland"
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            inner = entity_at(pobj)
            relation = nesting(inner, place) if inner is not None else None
            if inner is not None and relation is not None and inner.root == pobj:
                yield Reading(
                    kind="place-where",
                    subject=head_of(inner),
                    relation=relation,
                    object=head_of(place),
                )
    if any(c.dep_ in ("dobj", "attr", "ccomp") for c in clause.children) or clause.pos_ != "VERB":
        return
    relation = Relation(text=f"{clause.text} in", lemma=f"{clause.lemma_.lower()} in")
    for subject in subjects_of(clause):
        named = subject if entity_at(subject) is not None else named_stand_in(subject)
        if named is not None and named.ent_type_ in NAME_LABELS:
            yield Reading(
                kind="place-where",
                subject=named,
                relation=relation,
                object=head_of(place),
                verb=clause,
            )


_HOMES = frozenset("home house apartment flat residence mansion villa farmhouse".split())
_LIVE_IN = Relation(text="lives in", lemma="live in")


def home_facts(noun: Token) -> Iterator[Reading]:
    """Whose home is in a named place lives there: "shot dead at their home in Brooklyn Park".

    "his", "her" and "their" home: the named people the clause is about (its subjects).
    """
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _HOMES:
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ not in ("his", "her", "their"):
        return  # "Trump's home in Palm Beach": the nominal rule reads it (Trump, home in, ...)
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    people = [s for s in subjects_of(verb) if s.ent_type_ == "PERSON"] if verb else []
    people = people if owner.lower_ == "their" else people[:1]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            place = entity_at(pobj)
            if place is not None and place.label_ in CONTAINERS and place.root == pobj:
                for person in people:
                    yield Reading(
                        kind="home",
                        subject=person,
                        relation=_LIVE_IN,
                        object=head_of(innermost(place)),
                    )


_KILLINGS = {
    "murder": "murder",
    "killing": "kill",
    "assassination": "assassinate",
    "slaying": "kill",
    "homicide": "kill",
    "manslaughter": "kill",
}
"""Nouns of a killing and the verb each stands for."""
_PUNISHED = frozenset("sentence jail imprison convict execute hang".split())
"""Verbs whose person was found to have done what they were punished "for" ("of")."""


def conviction_facts(noun: Token) -> Iterator[Reading]:
    """Who was punished for a killing killed its victim: "jailed for the murder of Mary Jones".

    Read from the first noun of a list, whose "of" the killing may share ("for the rape, torture
    and murder of Lola Daviet").
    """
    if noun.pos_ != "NOUN" or noun.dep_ == "conj":
        return
    group = [noun, *noun.conjuncts]
    killing = next((t for t in group if t.lemma_.lower() in _KILLINGS), None)
    if killing is None:
        return
    victims = [
        pobj
        for member in group
        for prep in member.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ == "PERSON"
    ]
    relation = Relation(text=killing.text, lemma=_KILLINGS[killing.lemma_.lower()])
    for killer in _punished(noun) if victims else ():
        for victim in victims:
            yield Reading(kind="conviction", subject=killer, relation=relation, object=victim)


_PUNISHED_DEPS = frozenset(("dobj", "nsubjpass"))
_PLEADING_DEPS = _PUNISHED_DEPS | {"nsubj"}


def _punished(noun: Token) -> list[Token]:
    """The named person punished "for" (or "of") `noun`.

    Jailed, sentenced, convicted, executed or put to death; found or pleading guilty. Who
    pleads is the subject; whom a judge sentences, the object ("Judge Jane Doe sentenced John
    Smith for the murder of").
    """
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "of", "to"):
        return []
    attached, people = prep.head, _PUNISHED_DEPS
    if attached.lower_ == "guilty" and prep.lower_ in ("of", "to"):
        verb = attached.head  # "found John Smith guilty of", "pleaded guilty to"
        people = _PLEADING_DEPS if verb.lemma_ == "plead" else people
    elif prep.lower_ == "to":
        return []
    elif attached.ent_type_ == "PERSON" and attached.head.lemma_ in _PUNISHED:
        return [attached]  # "convicted John Smith of the murder of"
    elif attached.lemma_ in _PUNISHED or _put_to_death(attached):
        verb = attached
    else:
        return []
    return [c for c in verb.children if c.dep_ in people and c.ent_type_ == "PERSON"][:1]


def _put_to_death(verb: Token) -> bool:
    return verb.lemma_ == "put" and any(
        p.lower_ == "to" and any(o.lower_ == "death" for o in p.children) for p in verb.children
    )
