"""Facts stated inside noun phrases: appositions, titles, possessives and relational nouns."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphkit.extract._reading import Reading
from graphkit.extract._spans import is_pronoun, phrase_tokens
from graphkit.labels import NAME_LABELS, RuleKind
from graphkit.types import Relation

HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame messrs messrs.".split()
)
"""Words before a name that are forms of address, not titles ("Mr. Baker" is not "Baker is Mr.")."""

TITLE_WORDS = frozenset(
    "president minister premier chancellor leader chairman chairwoman chair chief executive "
    "director secretary senator governor mayor king queen prince princess emperor general "
    "admiral colonel commander spokesman spokeswoman spokesperson adviser advisor ambassador "
    "envoy judge justice officer manager founder ceo cfo commissioner representative "
    "congressman congresswoman lawmaker head deputy vice economist analyst professor coach "
    "captain pope bishop cardinal rabbi sheikh dictator candidate nominee".split()
)
"""Capitalised words that are titles when they stand before a name ("President Xi")."""

_IS = Relation(text="is", lemma="be")
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
_OWNER_TYPES = frozenset({"GPE", "ORG", "PERSON", "LOC"})
_HAS = Relation(text="has", lemma="have")
_IS_IN = Relation(text="is in", lemma="be in")  # "Hoboken, New Jersey"
_ROLE_PREPOSITIONS = ("of", "to", "for", "at")
_VALUE_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def names_something(token: Token) -> bool:
    """Tell whether `token` heads a name (an entity or a proper noun), not a pronoun."""
    return token.ent_type_ in NAME_LABELS or (token.pos_ == "PROPN" and not is_pronoun(token))


def appositive_facts(appos: Token) -> Iterator[Reading]:
    """Read an apposition as a copula: "Yury Ushakov, a senior adviser to Putin"."""
    head = appos.head
    if head.pos_ not in ("PROPN", "NOUN") or head.ent_type_ in _VALUE_TYPES:
        return
    before = appos.doc[appos.left_edge.i - 1].text if appos.left_edge.i else ""
    if appos.ent_type_ in _VALUE_TYPES or before in ("(", "-LRB-"):
        return  # "$ 200 million ( US$ 193 million )" restates, it does not describe
    if appos.lower_ == head.lower_ or appos.text == appos.doc[head.left_edge.i : head.i + 1].text:
        return
    if head.ent_type_ in ("GPE", "LOC") and appos.ent_type_ == "GPE":
        yield Reading(kind="appos", subject=head, relation=_IS_IN, object=appos)
        return
    subject, noun = head, appos
    if names_something(appos) and not names_something(head):
        subject, noun = appos, head  # "its chairman, John Smith": the name is what is described
    yield Reading(kind="appos", subject=subject, relation=_IS, object=noun)
    yield from role_facts(subject, noun, _IS, kind="appos-role")


def title_facts(first: Token, parsed: Span) -> Iterator[Reading]:
    """Read a title before a name as a copula: "Russian President Vladimir Putin".

    A name or possessive inside the title is what the role is of: "U.S. President Joe Biden"
    also gives (Joe Biden, is President of, U.S.).
    """
    ent = _person_from(first)
    if ent is None:
        return
    titles: list[Token] = []
    for token in reversed(first.doc[max(first.i - 6, parsed.start) : first.i]):
        if token.lower_ in HONORIFICS or token.dep_ not in _TITLE_DEPS:
            break
        if ent.root not in token.ancestors:
            break
        titles.insert(0, token)
    while titles and titles[0].dep_ == "case":
        titles.pop(0)
    owners = [t for t in titles if _owns(t)]
    inside_owner = {x for owner in owners for x in owner.subtree}
    words = [
        t
        for t in titles
        if t not in inside_owner and t.dep_ != "case" and t.ent_type_ not in _OWNER_TYPES
    ]
    if not words or not any(_is_title_word(t) for t in words):
        return
    yield Reading(kind="title", subject=ent.root, relation=_IS, object_tokens=tuple(titles))
    role = " ".join(t.text for t in words)
    for owner in owners:
        relation = Relation(text=f"is {role} of", lemma=f"be {_lemma_of(words)} of")
        yield Reading(kind="title-role", subject=ent.root, relation=relation, object=owner)


def _person_from(first: Token) -> Span | None:
    end = first.i + 1
    while end < len(first.doc) and first.doc[end].ent_iob_ == "I":
        end += 1
    span = first.doc[first.i : end]
    return span if span.root.ent_type_ == "PERSON" else None


def _owns(token: Token) -> bool:
    """A name inside a title, taken at its last word ("U.S." in "U.S. President")."""
    if token.dep_ == "poss":
        return names_something(token)
    return token.ent_type_ in _OWNER_TYPES and token.head.ent_type_ != token.ent_type_


def _is_title_word(token: Token) -> bool:
    return token.pos_ == "NOUN" or token.lower_ in TITLE_WORDS


def _lemma_of(words: list[Token]) -> str:
    head = max(words, key=lambda t: t.i)
    return " ".join((t.lemma_ if t == head else t.lower_).lower() for t in words)


def role_facts(
    subject: Token, noun: Token, copula: Relation, *, kind: RuleKind
) -> Iterator[Reading]:
    """A role noun tied to a name becomes the relation: "X is Russia's biggest partner"."""
    if noun.ent_type_ in NAME_LABELS:
        return
    role = sorted(
        [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i] + [noun],
        key=lambda t: t.i,
    )
    role_words = " ".join(t.lower_ for t in role)
    links: list[tuple[Token, str]] = [
        (c, "of") for c in noun.children if c.dep_ == "poss" and names_something(c)
    ]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _ROLE_PREPOSITIONS):
        links += [(p, prep.lower_) for p in prep.children if p.dep_ == "pobj"]
    for other, word in links:
        if not names_something(other) or other == subject:
            continue
        relation = Relation(
            text=f"{copula.text} {role_words} {word}",
            lemma=f"{copula.lemma} {_lemma_of(role)} {word}",
            negated=copula.negated,
            modality=copula.modality,
        )
        yield Reading(kind=kind, subject=subject, relation=relation, object=other)


def noun_facts(noun: Token, *, max_tokens: int) -> Iterator[Reading]:
    """Relations a common noun carries: "China's exports to Russia", "talks between A and B"."""
    owners = [c for c in noun.children if c.dep_ == "poss" and names_something(c)]
    related = False
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ == "between":
            for pobj in objects:
                for other in pobj.conjuncts:
                    if names_something(pobj) and names_something(other):
                        related = True
                        relation = Relation(
                            text=f"{noun.text} with", lemma=f"{noun.lemma_.lower()} with"
                        )
                        yield Reading(kind="nominal", subject=pobj, relation=relation, object=other)
        for pobj in objects:
            if owners and names_something(pobj) and noun.dep_ not in ("attr", "appos"):
                related = True
                yield Reading(
                    kind="nominal",
                    subject=owners[0],
                    relation=Relation(
                        text=f"{noun.text} {prep.text}",
                        lemma=f"{noun.lemma_.lower()} {prep.lower_}",
                    ),
                    object=pobj,
                )
    if not related and noun.dep_ not in ("attr", "appos"):
        yield from possessive_facts(noun, max_tokens=max_tokens)


def possessive_facts(noun: Token, *, max_tokens: int) -> Iterator[Reading]:
    """A possessive states ownership: "Kesey 's son" → (Kesey, has, son)."""
    for owner in (c for c in noun.children if c.dep_ == "poss"):
        if not names_something(owner) or owner.tag_ == "WP$":
            continue
        if noun.ent_type_ in NAME_LABELS and owner.ent_type_ == noun.ent_type_:
            continue  # one name split by the parse
        owned = set(owner.subtree)
        tokens = [t for t in phrase_tokens(noun, max_tokens=max_tokens) if t not in owned]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "case"):
            tokens.pop(0)
        if not tokens or tokens[0].i <= owner.i or noun not in tokens:
            continue
        yield Reading(kind="possessive", subject=owner, relation=_HAS, object_tokens=tuple(tokens))
