"""Merge: every sighting of one canonical fact → one Fact; never merge what differs.

Two sightings are one fact when their canonical forms (canonical.py) are equal: same subject,
relation (modality and negation inside it), object and speaker. A sighting attributed to
someone ("police said ...") merges only with claims by the same speaker, never with the same
words stated as fact. Sightings of one form that give different times or different amounts
(in a dropped modifier or an adjunct: "for $69 billion") stay apart; one that gives none joins
the single timed or priced fact, and stays apart when there are several. Facts of different
forms with the same two arguments are near matches (`related`), linked, never merged.

A generic role ("Chinese leader Xi Jinping") is the one leading office the same person is
said to hold of the same argument ("Chinese President Xi Jinping"), by the same speaker: it
joins that fact, and stays apart when there are none or several (`GENERIC_ROLES`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graphkit.types import Entity, Evidence, Fact, Relation, Value


@dataclass(frozen=True, slots=True, kw_only=True)
class Sighting:
    """One resolved triple before merging: its canonical parts, circumstances and evidence."""

    subject: Entity
    relation: Relation
    object: Entity | Value
    evidence: Evidence
    speaker: str = ""
    """Who the article says made the claim (entity id or text), "" when it states it."""
    amounts: tuple[str, ...] = ()
    """Amounts in dropped modifiers and adjuncts: facts with different ones never merge."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Related:
    """Two facts with the same arguments whose canonical relations differ: a near match."""

    a: Fact
    b: Fact
    score: float


GENERIC_ROLES = frozenset(f"be {role} of" for role in "leader head chief ruler boss".split())
"""Roles that name whoever leads, without saying by which office."""
LEADING_ROLES = frozenset(
    f"be {role} of"
    for role in (
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emperor",
        "monarch",
        "sultan",
        "emir",
        "supreme leader",
        "chairman",
        "chairwoman",
        "chair",
        "chief executive",
        "ceo",
        "secretary-general",
        "general secretary",
        "director-general",
        "governor",
        "mayor",
    )
)
"""Offices that lead what they are of: a generic role of the same argument is one of these."""

_Form = tuple[str, str, str, str]


def facts(sightings: Iterable[Sighting]) -> tuple[Fact, ...]:
    """Merge sightings into facts by canonical form and circumstances (module docstring)."""
    groups: dict[_Form, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        groups[_form(sighting)].append(sighting)
    _join_generic_roles(groups)
    merged: list[Fact] = []
    for form, group in groups.items():
        for circumstance, members in _by_circumstance(group):
            first = min(members, key=_position)  # its words name the fact, whatever the order
            key = "|".join((*form, *circumstance))
            merged.append(
                Fact(
                    subject=first.subject,
                    relation=first.relation,
                    object=first.object,
                    evidence=tuple(s.evidence for s in members),
                    key=key,
                )
            )
    return tuple(merged)


def _join_generic_roles(groups: dict[_Form, list[Sighting]]) -> None:
    """Move each generic role's sightings into the one leading office of the same arguments."""
    offices: dict[tuple[str, str, str], list[_Form]] = defaultdict(list)
    for form in groups:
        subject, label, obj, speaker = form
        if label in LEADING_ROLES:
            offices[(subject, obj, speaker)].append(form)
    for form in [form for form in groups if form[1] in GENERIC_ROLES]:
        subject, _, obj, speaker = form
        held = offices.get((subject, obj, speaker), [])
        if len(held) == 1:
            office = groups[held[0]]
            named = office[0].relation  # the article keeps its own words (Evidence.relation)
            office.extend(
                dataclasses.replace(
                    s, relation=named, evidence=dataclasses.replace(s.evidence, relation=s.relation)
                )
                for s in groups.pop(form)
            )


def _position(sighting: Sighting) -> tuple[str, int, int]:
    """Where a sighting was read: article (a hash of its text), sentence, offset."""
    triple = sighting.evidence.triple
    return triple.sentence.doc_id, triple.sentence.start, triple.subject.start


def _form(sighting: Sighting) -> _Form:
    obj = sighting.object
    object_key = (
        f"entity:{obj.id}"
        if isinstance(obj, Entity)
        else f"{obj.kind}:{obj.lexical}:{obj.unit or ''}"
    )
    return (sighting.subject.id, sighting.relation.label, object_key, sighting.speaker)


_Circumstance = tuple[str, str]


def _circumstance(sighting: Sighting) -> _Circumstance:
    time = sighting.evidence.time
    when = time.lexical.casefold() if time is not None else ""
    return when, ",".join(sorted(set(sighting.amounts)))


def _by_circumstance(group: list[Sighting]) -> Iterator[tuple[_Circumstance, list[Sighting]]]:
    """Split one canonical form's sightings by time and amounts; the unspecific join one."""
    kinds: dict[_Circumstance, list[Sighting]] = defaultdict(list)
    for sighting in group:
        kinds[_circumstance(sighting)].append(sighting)
    if len(kinds) == 1:
        yield from kinds.items()
        return
    specific = sorted(kinds)
    for circumstance in specific:
        when, amounts = circumstance
        if when and amounts:
            continue
        fits = [
            other
            for other in specific
            if other != circumstance
            and (not when or other[0] == when)
            and (not amounts or other[1] == amounts)
            and (other[0] or other[1])
            and len(_nonempty(other)) > len(_nonempty(circumstance))
        ]
        if len(fits) == 1 and circumstance in kinds:
            kinds[fits[0]].extend(kinds.pop(circumstance))
    for circumstance in sorted(kinds):
        yield circumstance, kinds[circumstance]


def _nonempty(circumstance: _Circumstance) -> list[str]:
    return [part for part in circumstance if part]


def related(merged: Iterable[Fact], *, threshold: float, limit: int = 40) -> Iterator[Related]:
    """Pairs of facts on the same two arguments whose relations differ, scored 0.5 to 1.

    The score grows with the words the two canonical relations share (Jaccard over their
    words): "consider offer for" and "make offer for" score 0.75, "fly to" and "travel to"
    0.67. Pairs below `threshold` are left out, and an argument pair with more than `limit`
    facts is skipped (a hub would yield thousands of weak pairs).
    """
    by_arguments: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in merged:
        if isinstance(fact.object, Entity):
            by_arguments[(fact.subject.id, fact.object.id)].append(fact)
    for group in by_arguments.values():
        if len(group) > limit:
            continue
        group.sort(key=lambda fact: fact.key)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.relation.label == b.relation.label:
                    continue  # one form, other circumstances: a conflict, not a near match
                words_a, words_b = set(a.relation.label.split()), set(b.relation.label.split())
                score = 0.5 + 0.5 * len(words_a & words_b) / len(words_a | words_b)
                if score >= threshold:
                    yield Related(a=a, b=b, score=round(score, 3))
