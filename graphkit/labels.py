"""Every label list in one place: spaCy's entity labels, the pronoun lists, the extractor's rules.

No spaCy and no rdflib here, so every stage can import it.
"""

from __future__ import annotations

from typing import Literal

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
"""spaCy entity labels of names: each can be a node of its own."""

VALUE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME"})
"""spaCy entity labels of values: amounts, counts, dates and times."""

GRAPH_VALUE_LABELS = VALUE_LABELS | {"ORDINAL"}
"""Labels whose mentions become literal values in the graph: the values, and ordinals ("third"),
which the extractor reads as ordinary words inside a phrase."""

SCHEMA_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "WORK_OF_ART": "CreativeWork",
    "LAW": "Legislation",
}
"""spaCy entity labels → schema.org classes; anything else is a schema:Thing (a concept)."""

PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her"})
NEUTER_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
RESOLVABLE_PRONOUNS = PERSONAL_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS
"""Subject pronouns that may be linked to an antecedent; each agrees with a kind of entity."""

FIRST_PERSON = frozenset({"i", "we"})
"""First-person subjects: in reported speech they stand for the speaker."""

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them "
    "their theirs this that these those who whom which what one someone somebody something "
    "anyone everyone everything nobody nothing none each both either neither all some "
    "another other there here".split()
)
"""Words that never name a graph node on their own (every list above is inside this one)."""

RuleKind = Literal[
    "clause",
    "clause-intransitive",
    "clause-report",
    "copula-role",
    "appos",
    "appos-role",
    "title",
    "title-role",
    "nominal",
    "possessive",
    "reciprocal",
]
"""The extractor rule that read a fact: a feature of its confidence (each has a weight)."""
