"""Confidence of a fact: a small logistic model over features that predict a correct triple."""

from __future__ import annotations

import math

from spacy.tokens import Span, Token

from graphkit.extract._facts import Fact
from graphkit.extract._spans import NAME_LABELS, VALUE_LABELS, is_pronoun

_EMBEDDED = frozenset({"relcl", "acl", "advcl", "pcomp", "xcomp", "ccomp", "conj"})

WEIGHTS: dict[str, float] = {
    "bias": 0.0,
}
"""Logistic weights per feature (see `features`); how they were obtained is noted above."""


def features(fact: Fact, parsed: Span, subject_size: int, object_size: int) -> dict[str, float]:
    """The features of `fact` that the confidence weighs (all 0/1 except sizes and length)."""
    subject, obj, verb = fact.subject, fact.object, fact.verb
    found = {
        "bias": 1.0,
        f"kind={fact.kind}": 1.0,
        "subject_named": float(subject.ent_type_ in NAME_LABELS),
        "subject_pronoun": float(is_pronoun(subject)),
        "object_none": float(obj is None and not fact.object_tokens),
        "object_clause": float(fact.object_label == "CLAUSE"),
        "object_named": float(obj is not None and obj.ent_type_ in NAME_LABELS),
        "object_value": float(obj is not None and obj.ent_type_ in VALUE_LABELS),
        "object_pronoun": float(obj is not None and is_pronoun(obj)),
        "preposition": float(bool(fact.relation.text) and _ends_in_preposition(fact)),
        "qualifiers": float(len(fact.qualifiers)),
        "negated": float(fact.relation.negated),
        "modal": float(fact.relation.modality is not None),
        "attributed": float(fact.speaker is not None),
        "embedded": float(verb is not None and verb.dep_ in _EMBEDDED),
        "inherited_subject": float(verb is not None and not _governs(verb, subject)),
        "relation_words": len(fact.relation.text.split()) / 5,
        "subject_words": subject_size / 10,
        "object_words": object_size / 10,
        "sentence_words": len(parsed) / 30,
    }
    return found


def confidence(found: dict[str, float]) -> float:
    """Squash the weighted features into (0, 1), rounded to three places."""
    total = sum(WEIGHTS.get(name, 0.0) * value for name, value in found.items())
    return round(1 / (1 + math.exp(-total)), 3)


def _ends_in_preposition(fact: Fact) -> bool:
    last = fact.relation.text.split()[-1].lower()
    return last in ("of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "about")


def _governs(verb: Token, subject: Token) -> bool:
    return subject.head == verb or any(a.head == verb for a in subject.ancestors if a != verb)
