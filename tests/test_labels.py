"""One label list of each kind, and every extractor rule weighed by the confidence model."""

from __future__ import annotations

from typing import get_args

from graphkit import labels
from graphkit.extract._confidence import WEIGHTS


def test_every_rule_kind_has_a_confidence_weight_and_every_weight_a_rule():
    weighed = {name.removeprefix("kind=") for name in WEIGHTS if name.startswith("kind=")}
    assert weighed == set(get_args(labels.RuleKind))


def test_the_pronoun_lists_nest():
    assert labels.RESOLVABLE_PRONOUNS | labels.FIRST_PERSON <= labels.PRONOUNS
    assert labels.PERSONAL_PRONOUNS | labels.PLURAL_PRONOUNS <= labels.RESOLVABLE_PRONOUNS


def test_names_and_values_never_overlap_and_every_name_has_a_type_or_is_a_concept():
    assert not labels.NAME_LABELS & labels.GRAPH_VALUE_LABELS
    assert set(labels.SCHEMA_TYPES) <= labels.NAME_LABELS
    assert labels.VALUE_LABELS < labels.GRAPH_VALUE_LABELS
