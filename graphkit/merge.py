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

Position = tuple[str, int, int]
"""Where a sighting was read: article id, sentence offset, subject offset (the first names it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sighting:
    """One resolved triple before merging: its canonical parts, circumstances and evidence."""

    subject: Entity
    relation: Relation
    object: Entity | Value
    position: Position
    """Where it was read: article id, sentence offset, subject offset."""
    time: Value | None = None
    """When the article says it happened, if it says."""
    evidence: Evidence | None = None
    """The triple it was read from; None when it comes from a kept reading (resolve.Reading)."""
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
_Circumstance = tuple[str, str]
_Named = tuple[Entity, Relation, Entity | Value]
_NO_TIMES: frozenset[str] = frozenset()  # shared: each empty frozenset costs 216 bytes
_NO_WORDINGS: frozenset[Relation] = frozenset()


@dataclass(slots=True)
class _Group:
    """What the sightings of one form and circumstance add up to, without keeping them."""

    first: _Named
    """The subject, relation and object of the sighting read first: its words name the fact."""
    position: Position
    documents: set[str] = dataclasses.field(default_factory=set)
    times: set[str] = dataclasses.field(default_factory=set)
    wordings: set[Relation] = dataclasses.field(default_factory=set)
    count: int = 0

    def add(self, sighting: Sighting) -> None:
        position = sighting.position
        if position < self.position:  # its words name the fact, whatever the order
            self.first, self.position = _named(sighting), position
        self.documents.add(position[0])
        if sighting.time is not None and sighting.time.kind == "date":
            self.times.add(sighting.time.lexical)
        self.count += 1

    def join(self, other: _Group) -> None:
        if other.position < self.position:
            self.first, self.position = other.first, other.position
        self.documents |= other.documents
        self.times |= other.times
        self.wordings |= other.wordings
        self.count += other.count


class Merger:
    """Merges sightings into facts as they come (module docstring), keeping no sighting.

    `add` every sighting, then `facts()`; `place` then names the fact of a sighting read
    again, so that a build can write each article's statements in a later pass.
    """

    def __init__(self) -> None:
        self._groups: dict[_Form, dict[_Circumstance, _Group]] = defaultdict(dict)
        self._joined: dict[_Form, tuple[_Form, Relation]] = {}  # generic role → its office
        self._moved: dict[tuple[_Form, _Circumstance], _Circumstance] = {}

    def add(self, sighting: Sighting) -> None:
        """Count one sighting in its fact."""
        kinds = self._groups[_form(sighting)]
        circumstance = _circumstance(sighting)
        group = kinds.get(circumstance)
        if group is None:
            group = kinds[circumstance] = _Group(first=_named(sighting), position=sighting.position)
        group.add(sighting)

    def facts(self) -> tuple[Fact, ...]:
        """Every fact the sightings added so far make; call once, after the last `add`."""
        self._join_generic_roles()
        merged: list[Fact] = []
        for form, kinds in self._groups.items():
            for circumstance, group in self._by_circumstance(form, kinds):
                subject, relation, obj = group.first
                merged.append(
                    Fact(
                        subject=subject,
                        relation=relation,
                        object=obj,
                        key="|".join((*form, *circumstance)),
                        documents=frozenset(group.documents),
                        times=frozenset(group.times) if group.times else _NO_TIMES,
                        wordings=frozenset(group.wordings) if group.wordings else _NO_WORDINGS,
                        first=group.position,
                        sightings=group.count,
                    )
                )
        return tuple(merged)

    def place(self, sighting: Sighting) -> tuple[str, Evidence | None]:
        """The key of the fact `sighting` went into, and its evidence as its article states it."""
        form, evidence = _form(sighting), sighting.evidence
        joined = self._joined.get(form)
        if joined is not None:  # the article keeps its own words (Evidence.relation)
            form = joined[0]
            if evidence is not None:
                evidence = dataclasses.replace(evidence, relation=sighting.relation)
        circumstance = _circumstance(sighting)
        circumstance = self._moved.get((form, circumstance), circumstance)
        return "|".join((*form, *circumstance)), evidence

    def _join_generic_roles(self) -> None:
        """Move each generic role's sightings into the one leading office of its arguments."""
        offices: dict[tuple[str, str, str], list[_Form]] = defaultdict(list)
        for form in self._groups:
            subject, label, obj, speaker = form
            if label in LEADING_ROLES:
                offices[(subject, obj, speaker)].append(form)
        for form in [form for form in self._groups if form[1] in GENERIC_ROLES]:
            subject, _, obj, speaker = form
            held = offices.get((subject, obj, speaker), [])
            if len(held) != 1:
                continue
            kinds = self._groups[held[0]]
            named = min(kinds.values(), key=lambda group: group.position).first[1]
            self._joined[form] = (held[0], named)
            for circumstance, group in self._groups.pop(form).items():
                group.wordings.add(group.first[1])
                group.first = (group.first[0], named, group.first[2])
                if circumstance in kinds:
                    kinds[circumstance].join(group)
                else:
                    kinds[circumstance] = group

    def _by_circumstance(
        self, form: _Form, kinds: dict[_Circumstance, _Group]
    ) -> Iterator[tuple[_Circumstance, _Group]]:
        """Split one form's sightings by time and amounts; the unspecific join one."""
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
                kinds[fits[0]].join(kinds.pop(circumstance))
                self._moved[(form, circumstance)] = fits[0]
        for circumstance in sorted(kinds):
            yield circumstance, kinds[circumstance]


def facts(sightings: Iterable[Sighting]) -> tuple[Fact, ...]:
    """Merge sightings into facts by canonical form and circumstances (module docstring)."""
    merger = Merger()
    for sighting in sightings:
        merger.add(sighting)
    return merger.facts()


def _named(sighting: Sighting) -> _Named:
    return sighting.subject, sighting.relation, sighting.object


def _form(sighting: Sighting) -> _Form:
    obj = sighting.object
    object_key = (
        f"entity:{obj.id}"
        if isinstance(obj, Entity)
        else f"{obj.kind}:{obj.lexical}:{obj.unit or ''}"
    )
    return (sighting.subject.id, sighting.relation.label, object_key, sighting.speaker)


def _circumstance(sighting: Sighting) -> _Circumstance:
    time = sighting.time
    when = time.lexical.casefold() if time is not None else ""
    return when, ",".join(sorted(set(sighting.amounts)))


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
