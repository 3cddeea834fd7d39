"""Confidence of a fact: a small logistic model over features that predict a correct triple."""

from __future__ import annotations

import math

from spacy.tokens import Span, Token

from graphkit.extract._reading import Reading
from graphkit.extract._spans import is_pronoun
from graphkit.labels import NAME_LABELS, VALUE_LABELS

_EMBEDDED = frozenset({"relcl", "acl", "advcl", "pcomp", "xcomp", "ccomp", "conj"})

# Fitted offline on CaRB dev only (641 sentences, 1789 triples): each triple's features against
# its best CaRB match precision on dev, a logistic regression with soft labels and L2 = 1 by
# batch gradient descent (numpy, 20 000 steps), weights rounded to 2 places. Refit after changing
# a rule or a feature; CaRB test and WiRe57 were not used. Features missing here weigh 0.
# The kinds of the entity rules (affiliation, as-role, clause-stand-in, clause-entity, descriptor,
# hyphen-modifier, nesting, place-of, place-possessive) were fitted the same way with every other
# weight frozen, on the 73 CaRB dev triples they read; dateline, place-where, home and conviction
# read none there and weigh 0.
WEIGHTS: dict[str, float] = {
    "attributed": -0.52,
    "bias": 0.03,
    "embedded": -0.64,
    "inherited_subject": -0.19,
    "kind=affiliation": 0.19,
    "kind=appos": -0.14,
    "kind=appos-role": -0.27,
    "kind=as-role": -0.46,
    "kind=clause": 1.35,
    "kind=clause-entity": 0.89,
    "kind=clause-intransitive": 0.42,
    "kind=clause-report": 0.59,
    "kind=clause-stand-in": 0.78,
    "kind=copula-role": 0.09,
    "kind=dateline": 0.00,
    "kind=descriptor": -0.08,
    "kind=hyphen-modifier": -0.77,
    "kind=nesting": -0.04,
    "kind=nominal": -0.83,
    "kind=place-of": -0.26,
    "kind=place-possessive": 0.22,
    "kind=place-where": 0.00,
    "kind=home": 0.00,
    "kind=conviction": 0.00,
    "kind=possessive": -1.25,
    "kind=reciprocal": 0.08,
    "kind=title": -0.03,
    "kind=title-role": 0.03,
    "modal": -0.10,
    "negated": -0.29,
    "object_clause": 0.59,
    "object_named": 0.07,
    "object_none": 0.42,
    "object_pronoun": -0.39,
    "object_value": 0.07,
    "object_words": 0.11,
    "preposition": -0.07,
    "qualifiers": -0.23,
    "relation_words": 1.04,
    "sentence_words": -0.30,
    "subject_named": 0.36,
    "subject_pronoun": -0.09,
    "subject_words": -0.34,
}
"""Logistic weight per feature name (see `features`)."""


def features(fact: Reading, parsed: Span, subject_size: int, object_size: int) -> dict[str, float]:
    """The features of `fact` that the confidence weighs (all 0/1 except sizes and length)."""
    subject, obj, verb = fact.subject, fact.object, fact.verb
    return {
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


def confidence(found: dict[str, float]) -> float:
    """Squash the weighted features into (0, 1), rounded to three places.

    >>> confidence({}), confidence({"bias": 1.0, "kind=clause": 1.0}) > 0.75
    (0.5, True)
    """
    total = sum(WEIGHTS.get(name, 0.0) * value for name, value in found.items())
    return round(1 / (1 + math.exp(-total)), 3)


def _ends_in_preposition(fact: Reading) -> bool:
    last = fact.relation.text.split()[-1].lower()
    return last in ("of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "about")


def _governs(verb: Token, subject: Token) -> bool:
    return subject.head == verb or any(a.head == verb for a in subject.ancestors if a != verb)
