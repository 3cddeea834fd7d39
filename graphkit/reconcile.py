"""Reconcile: facts across sources — agreement merged, differing values flagged as conflicts."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from graphkit.quantities import Quantity, same_quantity
from graphkit.types import Entity, Fact, Value


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Sources giving different values for one subject, relation and time."""

    subject: Entity
    relation: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reconciliation:
    """Facts with agreeing values merged, and the conflicts between those that differ."""

    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]
    index: Mapping[str, Fact] = dataclasses.field(default_factory=dict)
    """Each key merge.py gave a fact → the fact it is part of now (itself, or the one it joined)."""


def reconcile(facts: Iterable[Fact], *, rel_tol: Decimal = Decimal("0.005")) -> Reconciliation:
    """Merge facts whose quantities agree within `rel_tol`; flag those that differ.

    Two quantity facts are compared when their subjects name the same thing (or one concept is
    a narrower phrase of the other: "bilateral trade" / "trade"), their relations match, their
    units match, and their times do not differ (an unknown time differs from nothing).
    """
    merged: list[Fact] = []
    into: dict[str, str] = {}  # key of a fact merged away → key of the one it joined
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        if _quantity(fact) is None:
            merged.append(fact)
            continue
        group = groups[(_head(fact.subject), fact.relation.label)]
        twin = next((i for i, other in enumerate(group) if _agree(other, fact, rel_tol)), None)
        if twin is None:
            group.append(fact)
        else:
            kept = min(group[twin], fact, key=lambda f: f.first)  # whatever the input order
            for gone in (group[twin], fact):
                if gone.key != kept.key:
                    into[gone.key] = kept.key
            group[twin] = _joined(kept, group[twin] if kept is fact else fact)
    conflicts = []
    for (_, relation), group in groups.items():
        merged.extend(group)
        clashing = [
            fact
            for fact in group
            if any(_clash(fact, other, rel_tol) for other in group if other is not fact)
        ]
        if clashing:
            clashing.sort(key=lambda fact: fact.key)  # the input order never decides
            subject = min((f.subject for f in clashing), key=lambda e: (-len(e.label), e.id))
            conflicts.append(Conflict(subject=subject, relation=relation, facts=tuple(clashing)))
    return Reconciliation(
        facts=tuple(merged),
        conflicts=tuple(conflicts),
        index=_index(merged, into),
    )


def _joined(kept: Fact, other: Fact) -> Fact:
    """`kept` with the sightings of `other`, a fact of the same value."""
    return dataclasses.replace(
        kept,
        documents=kept.documents | other.documents,
        times=kept.times | other.times,
        wordings=kept.wordings | other.wordings,
        sightings=kept.sightings + other.sightings,
    )


def _index(facts: Iterable[Fact], into: Mapping[str, str]) -> dict[str, Fact]:
    index = {fact.key: fact for fact in facts}
    for key in into:
        last = key
        while last in into:  # a fact merged into one that was merged in turn
            last = into[last]
        index[key] = index[last]
    return index


def _quantity(fact: Fact) -> Quantity | None:
    obj = fact.object
    if isinstance(obj, Value) and obj.kind == "quantity":
        return Quantity(value=Decimal(obj.lexical), unit=obj.unit, text=obj.text)
    return None


def _head(entity: Entity) -> str:
    """The key comparable subjects share: an entity's id, or a concept's head word."""
    if entity.type != "Thing":
        return entity.id
    head, _, owner = entity.label.partition(" of ")  # canonical.Argument.label
    return f"{head.split()[-1].casefold()} of {owner}" if owner else head.split()[-1].casefold()


def _comparable(a: Fact, b: Fact) -> bool:
    if _head(a.subject) != _head(b.subject) or a.relation.label != b.relation.label:
        return False
    qa, qb = _quantity(a), _quantity(b)
    if qa is None or qb is None or qa.unit != qb.unit:
        return False
    ta, tb = a.times, b.times
    return not (ta and tb and not ta & tb)


def _agree(a: Fact, b: Fact, rel_tol: Decimal) -> bool:
    qa, qb = _quantity(a), _quantity(b)
    return (
        qa is not None
        and qb is not None
        and a.subject == b.subject
        and _comparable(a, b)
        and same_quantity(qa, qb, rel_tol=rel_tol)
    )


def _clash(a: Fact, b: Fact, rel_tol: Decimal) -> bool:
    qa, qb = _quantity(a), _quantity(b)
    return (
        qa is not None
        and qb is not None
        and _comparable(a, b)
        and not same_quantity(qa, qb, rel_tol=rel_tol)
    )
