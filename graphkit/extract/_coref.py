"""Antecedents of pronouns and of "both leaders" where the parse makes them clear; else none."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right

import numpy
from spacy.attrs import DEP, ENT_IOB, LOWER, TAG  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from graphkit.extract._clauses import SPEECH_VERBS
from graphkit.extract._spans import phrase_tokens
from graphkit.labels import (
    FIRST_PERSON,
    NAME_LABELS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    RESOLVABLE_PRONOUNS,
)
from graphkit.types import Mention, Triple

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_BEGIN = 3  # ENT_IOB's value for "B"
_NON_PERSON_LABELS = NAME_LABELS - {"PERSON", "WORK_OF_ART"}
_EMBEDDED = frozenset({"ccomp", "advcl", "xcomp", "conj", "relcl", "acl", "pcomp"})
_GROUP_NOUNS = {
    "leader": frozenset({"PERSON"}),
    "president": frozenset({"PERSON"}),
    "man": frozenset({"PERSON"}),
    "country": frozenset({"GPE"}),
    "nation": frozenset({"GPE"}),
    "government": frozenset({"GPE", "ORG"}),
    "side": frozenset({"GPE", "ORG", "NORP", "PERSON"}),
    "company": frozenset({"ORG"}),
    "firm": frozenset({"ORG"}),
}
"""Plural heads of "both X" / "the two X", and the entity types they can stand for."""


def find_antecedents(spacy_doc: Doc, offset: int) -> dict[tuple[int, int], tuple[Mention, ...]]:
    """Map each resolvable subject pronoun's `(start, end)` to the mentions it stands for.

    A pronoun that is the subject of an embedded clause ("Trump said he ...") takes the subject
    of the clause above; one that is the subject of a main clause takes the main subject of the
    previous sentence. Either must agree with the pronoun (a person for "he", a group for
    "they"); otherwise the pronoun is left unresolved and never becomes a node.
    """
    found: dict[tuple[int, int], tuple[Mention, ...]] = {}
    pairs: list[list[Token]] = []  # coordinated names seen so far ("Putin and Xi")
    sentences = list(spacy_doc.sents)
    starts = [sentence.start for sentence in sentences]
    for i in _watched(spacy_doc):
        token = spacy_doc[i]
        if token.ent_iob_ == "B":
            root = _entity_root(token)
            group = [root, *root.conjuncts]
            if root.dep_ != "conj" and len(group) > 1 and all(t.ent_type_ for t in group):
                pairs.append(group)
        members = _group_antecedents(token, pairs)
        if members:
            tokens = phrase_tokens(token)
            key = (offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text))
            found[key] = tuple(_mention(head, offset) for head in members)
            continue
        word = token.lower_
        if token.dep_ not in _SUBJECT_DEPS or word not in RESOLVABLE_PRONOUNS:
            continue
        number = bisect_right(starts, i) - 1
        spacy_sent = sentences[number]
        if _quoted(token, spacy_sent):
            candidates = _named_outside_quote(spacy_sent) if word in PERSONAL_PRONOUNS else []
        else:
            candidates = _candidates(token, sentences[number - 1] if number else None)
        if candidates and _agrees(word, candidates):
            key = (offset + token.idx, offset + token.idx + len(token.text))
            found[key] = tuple(_mention(head, offset) for head in candidates)
    return found


def _watched(spacy_doc: Doc) -> list[int]:
    """Indices of the tokens find_antecedents reads: entity starts, plural nouns, pronoun subjects.

    Found in the Doc's arrays, so that the other tokens are never built as Python objects.
    """
    strings = spacy_doc.vocab.strings
    iob, tag, dep, lower = spacy_doc.to_array([ENT_IOB, TAG, DEP, LOWER]).reshape(-1, 4).T
    subject = numpy.logical_or.reduce([dep == strings[d] for d in _SUBJECT_DEPS])
    pronoun = numpy.logical_or.reduce([lower == strings[w] for w in RESOLVABLE_PRONOUNS])
    watched = (iob == _BEGIN) | (tag == strings["NNS"]) | (subject & pronoun)
    indices: list[int] = numpy.flatnonzero(watched).tolist()
    return indices


def attach_antecedents(
    triple: Triple, antecedents: dict[tuple[int, int], tuple[Mention, ...]]
) -> Triple:
    """Return `triple` with its subject or object linked to the antecedents found.

    "I" and "we" in reported speech stand for the named speaker ("We build our ties," Putin
    said → Putin): the closest the text comes to saying who "we" are.
    """
    subject = _linked(triple.subject, antecedents)
    speaker = triple.attribution
    if (
        subject.label == "PRON"
        and subject.text.lower() in FIRST_PERSON
        and speaker is not None
        and speaker.label not in (None, "PRON")
    ):
        subject = dataclasses.replace(subject, antecedents=(speaker,))
    obj = _linked(triple.object, antecedents) if triple.object is not None else None
    if subject is triple.subject and obj is triple.object:
        return triple
    return dataclasses.replace(triple, subject=subject, object=obj)


def _linked(mention: Mention, antecedents: dict[tuple[int, int], tuple[Mention, ...]]) -> Mention:
    found = antecedents.get((mention.start, mention.end), ())
    return dataclasses.replace(mention, antecedents=found) if found else mention


def _entity_root(token: Token) -> Token:
    first = token
    while first.ent_iob_ == "I" and first.i > 0:
        first = first.doc[first.i - 1]
    end = first.i + 1
    while end < len(first.doc) and first.doc[end].ent_iob_ == "I":
        end += 1
    return first.doc[first.i : end].root


def _group_antecedents(token: Token, pairs: list[list[Token]]) -> list[Token]:
    """The names "both leaders" or "the two countries" stands for: the last fitting pair."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in _GROUP_NOUNS:
        return []
    words = {child.lower_ for child in token.children if child.dep_ in ("det", "predet", "nummod")}
    if not ({"both"} <= words or {"two"} <= words):
        return []
    kinds = _GROUP_NOUNS[token.lemma_.lower()]
    for group in reversed(pairs):
        if group[0].i < token.i and all(t.ent_type_ in kinds for t in group):
            return group
    return []


def _candidates(pronoun: Token, previous: Span | None) -> list[Token]:
    verb = pronoun.head
    while verb.dep_ in _EMBEDDED and verb.head != verb:
        verb = verb.head
        subjects = _subjects(verb)
        if subjects and all(s.pos_ != "PRON" for s in subjects):
            return subjects
        if subjects:
            return []
    if pronoun.head.dep_ == "ROOT" and previous is not None:
        return [s for s in _subjects(previous.root) if s.pos_ != "PRON"]
    return []


def _named_outside_quote(spacy_sent: Span) -> list[Token]:
    """People a quoted "he" can be: named outside the quote, the speaker excepted.

    "Referring to Putin, Trump said, “He's destroying Russia”": the speaker is not "he", so
    Putin, the one other person named, is.
    """
    return [
        token
        for token in spacy_sent
        if token.ent_type_ == "PERSON"
        and token == _entity_root(token)
        and not _quoted(token, spacy_sent)
        and not (token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS)
    ]


def _quoted(token: Token, spacy_sent: Span) -> bool:
    before = spacy_sent.text[: token.idx - spacy_sent.start_char]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def _subjects(verb: Token) -> list[Token]:
    heads = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return [*heads, *(conj for head in heads for conj in head.conjuncts)]


def _agrees(word: str, candidates: list[Token]) -> bool:
    if word in PLURAL_PRONOUNS:
        return len(candidates) > 1 or candidates[0].tag_ in ("NNS", "NNPS")
    if len(candidates) != 1:
        return False
    if word in PERSONAL_PRONOUNS:
        return candidates[0].ent_type_ == "PERSON"
    return candidates[0].ent_type_ in _NON_PERSON_LABELS or candidates[0].tag_ == "NN"


def _mention(head: Token, offset: int) -> Mention:
    tokens = phrase_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Mention(
        text=head.doc[tokens[0].i : tokens[-1].i + 1].text,  # not Doc.text, which is O(doc)
        start=offset + start,
        end=offset + end,
        label=head.ent_type_ or None,
    )
