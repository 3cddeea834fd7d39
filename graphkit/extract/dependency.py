"""The default extractor: subject–relation–object triples read off spaCy's dependency parse."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphkit.extract._adjuncts import (
    as_role_facts,
    conviction_facts,
    derived_facts,
    home_facts,
    where_facts,
)
from graphkit.extract._clauses import (
    SPEECH_VERBS,
    Argument,
    according_to,
    choose_object,
    is_predicate_head,
    read_predicate,
    reciprocal_pairs,
    relation_of,
    speaker_of,
)
from graphkit.extract._confidence import confidence, features
from graphkit.extract._dateline import Dateline, dateline_facts, find_dateline
from graphkit.extract._entities import entity_facts
from graphkit.extract._modifiers import modifier_facts
from graphkit.extract._nominal import (
    appositive_facts,
    descriptor_facts,
    noun_facts,
    role_facts,
    title_facts,
)
from graphkit.extract._reading import Reading
from graphkit.extract._spans import (
    entity_of,
    is_pronoun,
    mention_of,
    phrase_parts,
    qualifier_of,
)
from graphkit.types import Mention, Qualifier, Sentence, Triple

__all__ = ["SPEECH_VERBS", "DependencyExtractor"]

_COPULAS = frozenset({"be", "become", "remain"})


@dataclass(frozen=True)
class DependencyExtractor:
    """Rule-based extraction over a dependency parse: fast, offline and explainable.

    Reads active and passive clauses, verb + particle/preposition relations, xcomp chains,
    copulas, appositions and titles, relative and participial clauses, possessives and
    relational nouns, and splits coordinated subjects, verbs and objects into separate facts.
    Negation and modality are kept as flags, reported speech carries its speaker as attribution,
    and time, place and other adjuncts become qualifiers instead of being glued into the object.
    Relations between named entities stated inside a noun phrase or an adjunct are read as well
    (`_entities`, `_modifiers`, `_adjuncts`: located in, based in, affiliated with, from, roles),
    and a dateline ("TUPELO, Miss. (AP) —") is read apart from the story (`_dateline`).
    """

    name: str = "dependency"
    max_argument_tokens: int = 12

    def extract(self, sentence: Sentence, parsed: Span) -> Iterator[Triple]:
        """Yield the triples stated in one parsed sentence."""
        reader = _Reader(sentence, parsed, self.max_argument_tokens)
        seen: set[tuple[str, str, str, int]] = set()
        for fact in self._facts(parsed):
            triple = reader.triple(fact, self.name)
            key = (
                triple.subject.text,
                triple.relation.text,
                triple.object.text if triple.object else "",
                triple.subject.start,
            )
            if key not in seen and _clean(triple):
                seen.add(key)
                yield triple

    def _facts(self, parsed: Span) -> Iterator[Reading]:
        """Yield the facts of one parsed sentence as tokens, rule by rule."""
        dateline = find_dateline(parsed)
        if dateline is None:
            yield from self._body_facts(parsed)
            return
        yield from dateline_facts(dateline)
        for fact in self._body_facts(parsed):
            kept = _outside(fact, dateline)
            if kept is not None:
                yield kept

    def _body_facts(self, parsed: Span) -> Iterator[Reading]:
        tokens = list(parsed)
        source = according_to(tokens)
        for token in tokens:
            if is_predicate_head(token):
                for fact in _clause_facts(token, source):
                    yield fact
                    yield from derived_facts(fact)
                yield from where_facts(token)
            dep = token.dep_  # each attribute read once: this runs at every token
            if dep == "appos":
                yield from appositive_facts(token)
            if token.ent_iob_ == "B":
                label = token.ent_type_
                if label == "PERSON":
                    yield from title_facts(token, parsed)
                elif label == "ORG":
                    yield from descriptor_facts(token, parsed)
            if token.pos_ in ("NOUN", "PROPN") and dep != "compound":
                yield from noun_facts(token, max_tokens=self.max_argument_tokens)
                yield from home_facts(token)
                yield from conviction_facts(token)
            yield from modifier_facts(token)
        yield from entity_facts(parsed)


class _Reader:
    """Turns the facts of one sentence into Triples, reading each phrase once."""

    def __init__(self, sentence: Sentence, parsed: Span, max_tokens: int) -> None:
        self.sentence = sentence
        self.parsed = parsed
        self.max_tokens = max_tokens
        self._phrases: dict[int, tuple[Mention, list[Qualifier]]] = {}

    def triple(self, fact: Reading, extractor: str) -> Triple:
        """The Triple of `fact`, with offsets, qualifiers and a confidence."""
        sentence, parsed = self.sentence, self.parsed
        subject, _ = self.phrase(fact.subject)
        qualifiers = [
            qualifier_of(role, tokens, sentence, parsed) for role, tokens in fact.qualifiers
        ]
        obj: Mention | None = None
        if fact.object_tokens:
            obj = mention_of(fact.object_tokens, sentence, parsed, fact.object_label)
        elif fact.object is not None:
            obj, tails = self.phrase(fact.object)
            qualifiers += tails
        found = features(
            fact, parsed, len(subject.text.split()), len(obj.text.split()) if obj else 0
        )
        return Triple(
            subject=subject,
            relation=fact.relation,
            object=obj,
            sentence=sentence,
            extractor=extractor,
            rule=fact.kind,
            confidence=confidence(found),
            qualifiers=_distinct(qualifiers, obj),
            attribution=self.phrase(fact.speaker)[0] if fact.speaker is not None else None,
        )

    def phrase(self, head: Token) -> tuple[Mention, list[Qualifier]]:
        """The mention headed by `head` and the prepositional tails trimmed off it."""
        if head.i not in self._phrases:
            sentence, parsed = self.sentence, self.parsed
            ent = entity_of(head)
            found: tuple[Mention, list[Qualifier]]
            if is_pronoun(head) and ent is None:
                found = mention_of([head], sentence, parsed, "PRON"), []
            else:
                tokens, tails = phrase_parts(head, max_tokens=self.max_tokens)
                label = ent.label_ if ent is not None else None
                found = (
                    mention_of(tokens, sentence, parsed, label),
                    [qualifier_of("argument", tail, sentence, parsed) for tail in tails],
                )
            self._phrases[head.i] = found
        return self._phrases[head.i]


def _clause_facts(verb: Token, source: Token | None) -> Iterator[Reading]:
    """The facts of the clause headed by `verb`: one per subject and object alternative."""
    predicate = read_predicate(verb)
    if not predicate.subjects:
        return
    speaker = speaker_of(verb) or source
    chosen, rest = choose_object(predicate)
    adjuncts = [(role, tuple(tokens)) for role, tokens in predicate.adjuncts]
    extra = [("argument", tuple(_slot_tokens(slot))) for slot in rest]
    qualifiers = tuple(sorted(adjuncts + extra, key=lambda q: q[1][0].i))
    copular = verb.lemma_.lower() in _COPULAS and len(predicate.verbs) == 1
    alternatives: list[Argument | None] = list(chosen) or [None]
    relations = [relation_of(predicate, argument) for argument in alternatives]
    for subject in predicate.subjects:
        for argument, relation in zip(alternatives, relations, strict=True):
            if argument is not None and argument.clause:
                clause = tuple(argument.head.subtree)
                yield Reading(
                    kind="clause-report",
                    subject=subject,
                    relation=relation,
                    object_tokens=_trim_punct(clause),
                    object_label="CLAUSE",
                    qualifiers=qualifiers,
                    speaker=speaker,
                    verb=verb,
                )
                continue
            yield Reading(
                kind="clause" if argument is not None else "clause-intransitive",
                subject=subject,
                relation=relation,
                object=argument.head if argument is not None else None,
                qualifiers=qualifiers,
                speaker=speaker,
                verb=verb,
            )
            if copular and argument is not None and _is_attribute(argument.head):
                yield from role_facts(subject, argument.head, relation, kind="copula-role")
    yield from as_role_facts(predicate.verbs, predicate.subjects)
    for first, second in reciprocal_pairs(predicate):
        yield Reading(
            kind="reciprocal",
            subject=first,
            relation=relation_of(predicate, None),
            object=second,
            qualifiers=qualifiers,
            speaker=speaker,
            verb=verb,
        )


def _is_attribute(noun: Token) -> bool:
    """A copula's complement, or one coordinated with it ("a consultant and former lecturer")."""
    return noun.dep_ == "attr" or (
        noun.dep_ == "conj" and any(other.dep_ == "attr" for other in noun.conjuncts)
    )


def _outside(fact: Reading, dateline: Dateline) -> Reading | None:
    """`fact` without the dateline's words: None if its subject or object is one of them."""
    if dateline.covers(fact.subject) or (fact.object is not None and dateline.covers(fact.object)):
        return None
    if fact.speaker is not None and dateline.covers(fact.speaker):
        fact = dataclasses.replace(fact, speaker=None)
    if any(dateline.covers(token) for token in fact.object_tokens):
        rest = tuple(token for token in fact.object_tokens if not dateline.covers(token))
        if not rest:
            return None
        fact = dataclasses.replace(fact, object_tokens=rest)
    return fact


def _slot_tokens(slot: list[Argument]) -> list[Token]:
    """The words of a complement kept as a qualifier: its linking words and whole phrase."""
    first = slot[0]
    if first.link:
        return sorted(first.link[0].subtree, key=lambda t: t.i)
    return sorted({t for a in slot for t in a.head.subtree}, key=lambda t: t.i)


def _trim_punct(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    run = list(tokens)
    while len(run) > 1 and (run[-1].is_punct or run[-1].dep_ == "cc"):
        run.pop()
    while len(run) > 1 and (run[0].is_punct or run[0].dep_ == "cc"):
        run.pop(0)
    return tuple(run)


def _distinct(qualifiers: list[Qualifier], obj: Mention | None) -> tuple[Qualifier, ...]:
    """Drop qualifiers repeating the object or each other ("through X" beside object X)."""
    kept: list[Qualifier] = []
    for qualifier in sorted(qualifiers, key=lambda q: q.start):
        if obj is not None and qualifier.start <= obj.start and obj.end <= qualifier.end:
            continue
        if any(k.start <= qualifier.start and qualifier.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (qualifier.start <= k.start and k.end <= qualifier.end)]
        kept.append(qualifier)
    return tuple(kept)


def _clean(triple: Triple) -> bool:
    """Leave out triples that state nothing: an argument equal to the other or to the relation."""
    obj = triple.object
    if obj is not None and obj.text.lower() == triple.subject.text.lower():
        return False
    return bool(triple.subject.text.strip()) and bool(triple.relation.text.strip())
