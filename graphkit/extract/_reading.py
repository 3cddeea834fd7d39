"""A Reading: the claim a rule reads off the parse, still in spaCy tokens, before it is a Triple."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graphkit.labels import RuleKind
from graphkit.types import Relation


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One claim as tokens: the extractor turns it into a Triple with offsets and a confidence.

    `kind` names the rule that found it ("clause", "appos", "title", ...) and is a feature of
    the confidence. The object is either a phrase head (`object`, trimmed like any argument) or
    tokens taken as written (`object_tokens`: a title, a reported clause labelled "CLAUSE").
    """

    kind: RuleKind
    subject: Token
    relation: Relation
    object: Token | None = None
    object_tokens: tuple[Token, ...] = ()
    object_label: str | None = None
    qualifiers: tuple[tuple[str, tuple[Token, ...]], ...] = ()
    speaker: Token | None = None
    verb: Token | None = None
