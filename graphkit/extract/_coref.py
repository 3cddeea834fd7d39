"""Pronoun antecedents where the parse makes them clear; everything else stays unresolved."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from graphkit.extract._spans import phrase_tokens
from graphkit.types import Mention, Triple

_PERSONAL = frozenset({"he", "him", "she", "her"})
_NEUTER = frozenset({"it"})
_PLURAL = frozenset({"they", "them"})
_NON_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW"})
_EMBEDDED = frozenset({"ccomp", "advcl", "xcomp", "conj", "relcl", "acl", "pcomp"})


def find_antecedents(spacy_doc: Doc, offset: int) -> dict[tuple[int, int], tuple[Mention, ...]]:
    """Map each resolvable subject pronoun's `(start, end)` to the mentions it stands for.

    A pronoun that is the subject of an embedded clause ("Trump said he ...") takes the subject
    of the clause above; one that is the subject of a main clause takes the main subject of the
    previous sentence. Either must agree with the pronoun (a person for "he", a group for
    "they"); otherwise the pronoun is left unresolved and never becomes a node.
    """
    found: dict[tuple[int, int], tuple[Mention, ...]] = {}
    previous: Span | None = None
    for spacy_sent in spacy_doc.sents:
        for token in spacy_sent:
            word = token.lower_
            if (
                token.dep_ not in ("nsubj", "nsubjpass")
                or word not in _PERSONAL | _NEUTER | _PLURAL
            ):
                continue
            if _quoted(token, spacy_sent):
                continue  # "He's destroying Russia," Trump said: the speaker is not "he"
            candidates = _candidates(token, previous)
            if candidates and _agrees(word, candidates):
                key = (offset + token.idx, offset + token.idx + len(token.text))
                found[key] = tuple(_mention(head, offset) for head in candidates)
        previous = spacy_sent
    return found


def attach_antecedents(
    triple: Triple, antecedents: dict[tuple[int, int], tuple[Mention, ...]]
) -> Triple:
    """Return `triple` with its pronoun subject or object linked to the antecedents found."""
    return dataclasses.replace(
        triple,
        subject=_linked(triple.subject, antecedents),
        object=_linked(triple.object, antecedents) if triple.object is not None else None,
    )


def _linked(mention: Mention, antecedents: dict[tuple[int, int], tuple[Mention, ...]]) -> Mention:
    if mention.label != "PRON":
        return mention
    found = antecedents.get((mention.start, mention.end), ())
    return dataclasses.replace(mention, antecedents=found) if found else mention


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


def _quoted(token: Token, spacy_sent: Span) -> bool:
    before = spacy_sent.text[: token.idx - spacy_sent.start_char]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def _subjects(verb: Token) -> list[Token]:
    heads = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return [*heads, *(conj for head in heads for conj in head.conjuncts)]


def _agrees(word: str, candidates: list[Token]) -> bool:
    if word in _PLURAL:
        return len(candidates) > 1 or candidates[0].tag_ in ("NNS", "NNPS")
    if len(candidates) != 1:
        return False
    if word in _PERSONAL:
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
