"""Antecedents of pronouns, "both leaders" and "the president" where the text makes them clear.

Where it does not, none: a description stays a phrase of its own, and a pronoun never a node.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right

import numpy
from spacy.attrs import DEP, ENT_IOB, LOWER, TAG  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token

from graphkit.extract._clauses import SPEECH_VERBS
from graphkit.extract._descriptions import DESCRIPTION_NOUNS, Discourse, apposed_name
from graphkit.extract._roles import entity_span
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
_NOUN_HASHES: set[int] = set()
"""The hashes of DESCRIPTION_NOUNS, as the Doc's LOWER array holds its words."""


def find_antecedents(spacy_doc: Doc, offset: int) -> dict[tuple[int, int], tuple[Mention, ...]]:
    """Map each resolvable pronoun's or description's `(start, end)` to the mentions it stands for.

    A pronoun that is the subject of an embedded clause ("Trump said he ...") takes the subject
    of the clause above (the speaker, for a reported clause); one that is the subject of a main
    clause takes the main subject of the previous sentence. Either must agree with the pronoun
    (a person for "he", a group for "they"); otherwise the pronoun is left unresolved and never
    becomes a node. A subject that is itself a resolved pronoun or description passes its
    antecedent on ("The Kremlin leader underscored ... He also reiterated ..." → Putin).
    Descriptions ("the president", "the company") follow the rule in `_descriptions`.
    """
    found: dict[tuple[int, int], tuple[Mention, ...]] = {}
    resolved: dict[int, tuple[Token, ...]] = {}  # token index → the names it stands for
    pairs: list[list[Token]] = []  # coordinated names seen so far ("Putin and Xi")
    discourse = Discourse()
    sentences = list(spacy_doc.sents)
    starts = [sentence.start for sentence in sentences]
    for i in _watched(spacy_doc):
        token = spacy_doc[i]
        number = bisect_right(starts, i) - 1
        if token.ent_iob_ == "B":
            ent = entity_span(token)
            root = ent.root
            discourse.see_entity(ent, number)
            group = [root, *root.conjuncts]
            if root.dep_ != "conj" and len(group) > 1 and all(t.ent_type_ for t in group):
                pairs.append(group)
            noun = root.head if root.dep_ == "appos" else None
            if noun is not None and apposed_name(noun) == root:
                found[_span(noun, offset)] = (_mention(root, offset),)
                resolved[noun.i] = (root,)
                discourse.see_resolved(noun, (root,), number)
        members = _group_antecedents(token, pairs)
        if members:
            found[_span(token, offset)] = tuple(_mention(head, offset) for head in members)
            resolved[token.i] = tuple(members)
            continue
        if token.lower_ in DESCRIPTION_NOUNS:
            if token.i not in resolved:
                name = discourse.resolve(token, number)
                if name is not None:
                    found[_span(token, offset)] = (_mention(name, offset),)
                    resolved[token.i] = (name,)
            continue
        word = token.lower_
        if token.dep_ not in _SUBJECT_DEPS or word not in RESOLVABLE_PRONOUNS:
            continue
        spacy_sent = sentences[number]
        candidates: list[Token]
        if _quoted(token, spacy_sent):
            candidates = _named_outside_quote(spacy_sent) if word in PERSONAL_PRONOUNS else []
        else:
            candidates = _candidates(token, sentences[number - 1] if number else None)
        candidates = _through(candidates, resolved)
        if candidates and _agrees(word, candidates, discourse):
            found[(offset + token.idx, offset + token.idx + len(token.text))] = tuple(
                _mention(head, offset) for head in candidates
            )
            if all(_named(head) for head in candidates):  # passed on: only names, not "it" → "plan"
                resolved[token.i] = tuple(candidates)
                discourse.see_resolved(token, candidates, number)
    return found


def _watched(spacy_doc: Doc) -> list[int]:
    """Indices of the tokens find_antecedents reads: entity starts, nouns, pronoun subjects.

    Found in the Doc's arrays, so that the other tokens are never built as Python objects.
    """
    strings = spacy_doc.vocab.strings
    iob, tag, dep, lower = spacy_doc.to_array([ENT_IOB, TAG, DEP, LOWER]).reshape(-1, 4).T
    subject = numpy.logical_or.reduce([dep == strings[d] for d in _SUBJECT_DEPS])
    pronoun = numpy.logical_or.reduce([lower == strings[w] for w in RESOLVABLE_PRONOUNS])
    if not _NOUN_HASHES:  # a string's hash is the same in every StringStore
        _NOUN_HASHES.update(strings[w] for w in DESCRIPTION_NOUNS)
    described = numpy.fromiter(  # a set, as numpy.isin is slow on small Docs
        (word in _NOUN_HASHES for word in lower.tolist()), bool, len(lower)
    )
    watched = (iob == _BEGIN) | (tag == strings["NNS"]) | (subject & pronoun) | described
    indices: list[int] = numpy.flatnonzero(watched).tolist()
    return indices


def _through(candidates: list[Token], resolved: dict[int, tuple[Token, ...]]) -> list[Token]:
    """Candidates with resolved pronouns and descriptions replaced by what they stand for."""
    found: list[Token] = []
    for candidate in candidates:
        if candidate.i in resolved:
            found.extend(resolved[candidate.i])
        elif candidate.pos_ == "PRON":
            return []
        else:
            found.append(candidate)
    return found


def _named(token: Token) -> bool:
    return token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN"


def _span(head: Token, offset: int) -> tuple[int, int]:
    """The document offsets of the phrase headed by `head`, as the extractor makes its mention."""
    tokens = phrase_tokens(head)
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text)


def attach_antecedents(
    triple: Triple, antecedents: dict[tuple[int, int], tuple[Mention, ...]]
) -> Triple:
    """Return `triple` with its subject, object and speaker linked to the antecedents found.

    "I" and "we" in reported speech stand for the named speaker ("We build our ties," Putin
    said → Putin): the closest the text comes to saying who "we" are. An argument is never
    linked to what the other argument names: "Yigal Amir, the gunman" stays (Yigal Amir, is,
    gunman), though "the gunman" elsewhere in the sentence stands for Yigal Amir.
    """
    subject = _linked(triple.subject, antecedents)
    speaker = triple.attribution
    if speaker is not None:
        speaker = _linked(speaker, antecedents)
    if subject.label == "PRON" and subject.text.lower() in FIRST_PERSON and speaker is not None:
        # '"We will appeal," the company said' → the company's antecedent, if it has one
        stands_for = speaker.antecedents or (
            (speaker,) if speaker.label not in (None, "PRON") else ()
        )
        if stands_for:
            subject = dataclasses.replace(subject, antecedents=stands_for)
    obj = _linked(triple.object, antecedents) if triple.object is not None else None
    if obj is not None and obj is not triple.object and _same(obj, subject):
        obj = triple.object
    if obj is not None and subject is not triple.subject and _same(subject, obj):
        subject = triple.subject
    if subject is triple.subject and obj is triple.object and speaker is triple.attribution:
        return triple
    return dataclasses.replace(triple, subject=subject, object=obj, attribution=speaker)


def _linked(mention: Mention, antecedents: dict[tuple[int, int], tuple[Mention, ...]]) -> Mention:
    found = antecedents.get((mention.start, mention.end), ())
    return dataclasses.replace(mention, antecedents=found) if found else mention


def _same(linked: Mention, other: Mention) -> bool:
    """Tell whether a linked argument now names what the other argument names."""
    others = other.antecedents or (other,)
    return any(a.start < o.end and o.start < a.end for a in linked.antecedents for o in others)


def _entity_root(token: Token) -> Token:
    return entity_span(token).root


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
    """The subjects a subject pronoun may stand for (pronouns among them resolved later)."""
    verb = pronoun.head
    while verb.dep_ in _EMBEDDED and verb.head != verb:
        verb = verb.head
        subjects = _subjects(verb)
        if subjects:
            return subjects
    if pronoun.head.dep_ == "ROOT" and previous is not None:
        return _subjects(previous.root)
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


def _agrees(word: str, candidates: list[Token], discourse: Discourse) -> bool:
    if word in PLURAL_PRONOUNS:
        return len(candidates) > 1 or candidates[0].tag_ in ("NNS", "NNPS")
    if len(candidates) != 1:
        return False
    if word in PERSONAL_PRONOUNS:
        return discourse.is_person(candidates[0])
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
