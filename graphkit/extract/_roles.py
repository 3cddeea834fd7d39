"""What the article said a name is: its roles ("Russian President", "Apple's chief executive").

Read where a name stands (a title, an apposition, a copula, an "as" phrase) for `_descriptions`,
which matches "the president" or "the Kremlin leader" against them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphkit.extract._nominal import HONORIFICS
from graphkit.labels import COUNTRY_WORDS, ROLE_SYNONYMS

PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG", "FAC"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "npadvmod"})
OWNER_PREPOSITIONS = frozenset({"of", "at", "for", "to"})
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
_COPULAS = frozenset({"be", "become", "remain"})
_NOT_WORDS = frozenset({"PRON", "DET", "PART", "PUNCT"})
COUNTRY = {
    alias: country for country, aliases in COUNTRY_WORDS.items() for alias in (country, *aliases)
}
"""Country words ("Kremlin", "Chinese", "Russia") → the country they name."""


@dataclass(frozen=True, slots=True)
class Role:
    """A role the article gave a referent: its words ("prime", "minister"), places, position."""

    words: tuple[str, ...]
    places: frozenset[str]
    at: int


def entity_span(token: Token) -> Span:
    """The whole named entity `token` is part of, with its label."""
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def roles(ent: Span) -> list[Role]:
    """Roles stated for the name `ent` where it stands (a title, apposition, copula or "as")."""
    root = ent.root
    found: list[Role] = []
    title = _title_tokens(ent)
    if title:
        found.append(_role_of(title, [], at=title[-1].i))
    if ent.label_ == "GPE":
        return found
    appositions = [c for c in root.children if c.dep_ == "appos" and c.i > root.i]
    if root.dep_ == "appos":
        appositions.append(root.head)  # "the chairman of X, Peter Griffin"
    found.extend(noun_role(n) for n in appositions if n.pos_ == "NOUN" and not n.ent_type_)
    if root.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return found
    verb = root.head
    has_object = any(child.dep_ == "dobj" for child in verb.children)
    for child in verb.children:
        if child.dep_ == "attr" and verb.lemma_ in _COPULAS and child.pos_ == "NOUN":
            found.append(noun_role(child))  # "Cook is the chief executive"
        if child.dep_ == "prep" and child.lower_ == "as" and has_object == (root.dep_ == "dobj"):
            # "sworn in as president", "named Cook as chief executive"; but the "friend" of
            # "Putin described Xi as a friend" is Xi
            found.extend(noun_role(p) for p in child.children if p.pos_ == "NOUN")
    return found


def _title_tokens(ent: Span) -> list[Token]:
    """The words before a name that belong to it: "Russian President" of "Vladimir Putin"."""
    doc, root = ent.doc, ent.root
    titles: list[Token] = []
    for i in range(ent.start - 1, max(ent.start - 7, -1), -1):
        token = doc[i]
        if token.is_sent_end or token.lower_ in HONORIFICS or token.dep_ not in _TITLE_DEPS:
            break
        if not root.is_ancestor(token):
            break
        titles.insert(0, token)
    return titles


def noun_role(noun: Token) -> Role:
    """The role a noun phrase states: its noun and modifiers, and the names it is "of"."""
    modifiers = [c for c in noun.children if c.dep_ in (*MODIFIER_DEPS, "poss") and c.i < noun.i]
    owners = [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPOSITIONS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return _role_of([*modifiers, noun], owners, at=noun.i)


def _role_of(tokens: list[Token], owners: list[Token], *, at: int) -> Role:
    words: list[str] = []
    places: set[str] = set()
    for token in sorted(tokens, key=lambda t: t.i):
        key = place_key(token)
        if key is not None:
            places.add(key)
        elif token.pos_ not in _NOT_WORDS and token.dep_ != "case":
            words.append(token.lower_)
    places.update(key for key in map(place_key, owners) if key is not None)
    return Role(words=canonical(tuple(words)), places=frozenset(places), at=at)


def canonical(words: tuple[str, ...]) -> tuple[str, ...]:
    """Role words, one spelling a role: "ceo", "chief executive officer" → "chief executive"."""
    text = " ".join(words)
    for spelling, canonical in ROLE_SYNONYMS.items():
        if text == spelling or text.endswith(" " + spelling):
            text = text[: len(text) - len(spelling)] + canonical
            break
    return tuple(text.split())


def place_key(token: Token) -> str | None:
    """The country or name a word ties a description to ("Kremlin" → "russia"), or None."""
    if token.ent_type_ in PLACE_LABELS:
        name = " ".join(name_words(entity_span(token)))
        return COUNTRY.get(name, name) or None
    if token.lower_ in COUNTRY and token.pos_ in ("ADJ", "PROPN"):
        return COUNTRY[token.lower_]
    return None


def name_words(ent: Span) -> list[str]:
    """A name's words, lowercased, without "the", punctuation or a possessive ending."""
    words = [t.lower_ for t in ent if not t.is_punct and t.tag_ != "POS"]
    return words[1:] if words[:1] == ["the"] else words
