"""Facts stated inside noun phrases: appositions, titles, possessives and relational nouns."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphkit.extract._entities import (
    BASED_IN,
    CONTAINERS,
    described_above,
    entity_at,
    hung_too_high,
    innermost,
    nesting,
    place_owns,
)
from graphkit.extract._modifiers import is_seat_town
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
_ROLE_PREPOSITIONS = ("of", "to", "for", "at", "from", "in", "with")
_ROLE_OBJECTS = {"in": ("GPE", "LOC"), "with": ("ORG",)}
"""Role prepositions that take only some names: "a farmer in Iowa", "a scientist with NASA"."""
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
    if is_seat_town(appos) or is_seat_town(head):
        return  # "Texas Roadhouse, the Louisville, Kentucky-based chain": read by _modifiers
    upper = described_above(head, appos)
    if upper is not None:  # "the mayor of Paris, Anne Hidalgo": she is the mayor
        yield Reading(kind="appos", subject=appos, relation=_IS, object=upper)
        yield from role_facts(appos, upper, _IS, kind="appos-role")
        return
    inner, outer = entity_at(head), entity_at(appos)
    if (
        inner is not None
        and outer is not None
        and (nesting(inner, outer) is not None or inner.label_ == outer.label_ == "PERSON")
    ):
        return  # "Tupelo, Miss." is read by `_entities`; two people are a list, not one
    subject, noun = head, appos
    nested = _nested_noun(head, appos)
    if nested is not None and names_something(appos):
        subject, noun = appos, nested  # "secretary of lobby the High North Alliance": the lobby's
    elif names_something(appos) and not names_something(head):
        subject, noun = appos, head  # "its chairman, John Smith": the name is what is described
    yield Reading(kind="appos", subject=subject, relation=_IS, object=noun)
    yield from role_facts(subject, noun, _IS, kind="appos-role")


def title_facts(first: Token, parsed: Span) -> Iterator[Reading]:
    """Read a title before a name as a copula: "Russian President Vladimir Putin".

    A name or possessive inside the title is what the role is of: "U.S. President Joe Biden"
    also gives (Joe Biden, is President of, U.S.), "OPEC Secretary-General Haitham al-Ghais"
    (Haitham al-Ghais, is Secretary-General of, OPEC); a place before a word that is no title
    says where the person is from ("New York financier Saul Steinberg": from New York).
    """
    ent = _person_from(first)
    if ent is None:
        return
    titles = _modifiers_before(first, ent, parsed)
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
    for owner in owners:
        relation = _role_relation(ent.root, owner, words, "of", _IS)
        yield Reading(kind="title-role", subject=ent.root, relation=relation, object=owner)


def descriptor_facts(first: Token, parsed: Span) -> Iterator[Reading]:
    """Read common words before an organisation's name as what it is.

    "telecommunications giant Huawei" → (Huawei, is, telecommunications giant); the name alone
    is the argument of the clause, as a person's is without the title.
    """
    ent = entity_at(first)
    if ent is None or ent.label_ != "ORG" or ent.start != first.i:
        return
    words = _modifiers_before(first, ent, parsed)
    if not words or any(t.ent_type_ or not t.is_lower for t in words if not t.is_punct):
        return
    if any(t.pos_ == "NOUN" for t in words) and words[-1].pos_ in ("NOUN", "ADJ"):
        yield Reading(kind="descriptor", subject=ent.root, relation=_IS, object_tokens=tuple(words))


def _modifiers_before(first: Token, ent: Span, parsed: Span) -> list[Token]:
    """The words before a name that modify it (a title, a descriptor), nearest last."""
    doc = first.doc
    words: list[Token] = []
    for token in reversed(doc[max(first.i - 7, parsed.start) : first.i]):
        hyphen = token.tag_ == "HYPH" and token.i > parsed.start
        if token.lower_ in HONORIFICS and token.i == first.i - 1:
            continue  # "Antarctic Division scientist Dr Andrew Klekociuk": the title is before "Dr"
        if token.lower_ in HONORIFICS or (token.dep_ not in _TITLE_DEPS and not hyphen):
            break
        if _hyphen_modifier(token) or ent.root not in token.ancestors:
            break
        words.insert(0, token)
    while words and (words[0].dep_ == "case" or words[0].is_punct):
        words.pop(0)
    return words


def _hyphen_modifier(token: Token) -> bool:
    """A participle after a hyphen ("Texas-based"): read by `_entities`, never part of a role."""
    doc = token.doc
    return token.tag_ == "VBN" and token.i > 0 and doc[token.i - 1].tag_ == "HYPH"


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


def _written(words: list[Token], *, lemma: bool = False) -> str:
    """The words as written, hyphens kept ("Secretary-General"); `lemma`: lower, head lemmatised."""
    head = max(words, key=lambda t: t.i)
    parts = []
    for index, token in enumerate(words):
        text = token.text
        if lemma:
            text = (token.lemma_ if token == head else token.lower_).lower()
        glued = index + 1 < len(words) and (
            not token.whitespace_ and words[index + 1].i == token.i + 1
        )
        parts.append(text if glued or index + 1 == len(words) else text + " ")
    return "".join(parts)


def _role_relation(
    subject: Token,
    owner: Token,
    role: list[Token],
    word: str,
    copula: Relation,
    *,
    lower: bool = False,
) -> Relation:
    """The relation a role gives between its holder and the name it is a role of.

    An organisation with a place before its role noun is based there ("Blackstone Group, a New
    York investment bank"); a person with a place before a word that is no title is from there
    ("a Sydney resident"); otherwise the role is the relation ("is senior adviser to").
    """
    inside = entity_at(owner)
    place = inside is not None and inside.label_ in CONTAINERS and word == "of"
    held_by = entity_at(subject)
    before = place and held_by is not None and owner.i < role[-1].i
    titled = any(t.lower_ in TITLE_WORDS for t in role)
    if before and held_by is not None and held_by.label_ == "ORG":
        text, lemma = BASED_IN.text, BASED_IN.lemma
    elif before and held_by is not None and held_by.label_ == "PERSON" and not titled:
        text, lemma = f"{copula.text} from", "from"
    else:
        written = _written(role).lower() if lower else _written(role)
        text = f"{copula.text} {written} {word}"
        lemma = f"{copula.lemma} {_written(role, lemma=True).lower()} {word}"
    return Relation(text=text, lemma=lemma, negated=copula.negated, modality=copula.modality)


def role_facts(
    subject: Token, noun: Token, copula: Relation, *, kind: RuleKind
) -> Iterator[Reading]:
    """A role noun tied to a name becomes the relation: "X is Russia's biggest partner".

    The name may be a possessive, a prepositional object ("adviser to Putin") or a name inside
    the role ("a Candela vice president", "the former San Francisco mayor").
    """
    if noun.ent_type_ in NAME_LABELS:
        return
    before = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
    owners = [c for c in before if c.dep_ != "amod" and _owns(c) and c.ent_type_ in NAME_LABELS]
    inside = {x for owner in owners for x in owner.subtree}
    role = sorted(
        [c for c in before if c not in inside and c.dep_ != "nmod" and not _hyphen_modifier(c)]
        + [noun],
        key=lambda t: t.i,
    )
    links: list[tuple[Token, str]] = [
        (c, "of") for c in noun.children if c.dep_ == "poss" and names_something(c)
    ]
    links += [(_innermost_token(owner), "of") for owner in owners]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _ROLE_PREPOSITIONS):
        if hung_too_high(prep) is None:  # not "a farmer from Bibiani in [the region]"
            links += [(p, prep.lower_) for p in prep.children if p.dep_ == "pobj"]
    for other, word in links:
        if other == subject:
            continue
        named = _named_after(other, noun)  # "secretary of lobby group the Alliance"
        if named is not None and named != subject:
            other = named
        if not names_something(other):
            if word == "of":
                yield from _owned_role(subject, role, other, copula, kind=kind)
            yield from _nested_role(subject, role, word, other, copula, kind=kind)
            continue
        wanted = _ROLE_OBJECTS.get(word)
        if wanted is None or other.ent_type_ in wanted:
            relation = _role_relation(subject, other, role, word, copula, lower=True)
            yield Reading(kind=kind, subject=subject, relation=relation, object=other)


def _nested_role(
    subject: Token, role: list[Token], word: str, field: Token, copula: Relation, *, kind: RuleKind
) -> Iterator[Reading]:
    """A place of work named after the field of a role, the field kept in the relation.

    "a lecturer in environmental science at Murdoch University" → (X, is lecturer in
    environmental science at, Murdoch University).
    """
    if field.pos_ != "NOUN" or is_pronoun(field):
        return
    field_words = [t for t in field.subtree if t.i <= field.i and t.dep_ != "det"]
    for prep in (c for c in field.children if c.dep_ == "prep" and c.lower_ in ("at", "with")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            named = entity_at(pobj)
            if named is None or named.root != pobj or named.label_ not in ("ORG", "GPE"):
                continue
            written = f"{_written(role)} {word} {_written(field_words)} {prep.lower_}".lower()
            lemma = f"{_written(role, lemma=True)} {word} {_written(field_words)} {prep.lower_}"
            yield _role_reading(kind, subject, copula, written, lemma.lower(), pobj)


def _owned_role(
    subject: Token, role: list[Token], unit: Token, copula: Relation, *, kind: RuleKind
) -> Iterator[Reading]:
    """A role of a named owner's unit: "head of CSIRO's nutrition clinic" (of CSIRO)."""
    if unit.pos_ != "NOUN" or is_pronoun(unit):
        return
    owners = [c for c in unit.children if c.dep_ == "poss" and entity_at(c) is not None]
    owned = {t for owner in owners for t in owner.subtree}
    words = [t for t in unit.subtree if t.i <= unit.i and t not in owned and t.dep_ != "det"]
    while len(words) > 1 and (words[0].is_punct or words[0].dep_ == "case"):
        words.pop(0)
    for owner in owners:
        if owner == subject or entity_at(owner) == entity_at(subject):
            continue
        written = f"{_written(role).lower()} of {_written(words).lower()} of"
        lemma = f"{_written(role, lemma=True).lower()} of {_written(words, lemma=True)} of"
        yield _role_reading(kind, subject, copula, written, lemma, owner)


def _role_reading(
    kind: RuleKind, subject: Token, copula: Relation, written: str, lemma: str, obj: Token
) -> Reading:
    """`subject` is (copula) the role `written` of `obj`: "be vice president of" Candela."""
    relation = Relation(
        text=f"{copula.text} {written}",
        lemma=f"{copula.lemma} {lemma}",
        negated=copula.negated,
        modality=copula.modality,
    )
    return Reading(kind=kind, subject=subject, relation=relation, object=obj)


def _innermost_token(owner: Token) -> Token:
    """The town, not the state, of a role's place ("a Wayland, Mass., manufacturer")."""
    place = entity_at(owner)
    return innermost(place).root if place is not None else owner


def noun_facts(noun: Token, *, max_tokens: int) -> Iterator[Reading]:
    """Relations a common noun carries: "China's exports to Russia", "talks between A and B"."""
    owners = [c for c in noun.children if c.dep_ == "poss" and names_something(c)]
    if noun.ent_type_ in NAME_LABELS:
        owners = []  # "Australia's Macquarie University in Sydney": a name is no relational noun
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
        named, named_owner = entity_at(noun), entity_at(owner)
        if named is not None and named_owner is not None and named.start == named_owner.start:
            continue  # one name split by the parse
        if place_owns(owner, noun):
            continue  # "Vienna's State Opera": based in, read by `_entities`
        owned = set(owner.subtree)
        tokens = [t for t in phrase_tokens(noun, max_tokens=max_tokens) if t not in owned]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "case"):
            tokens.pop(0)
        if not tokens or tokens[0].i <= owner.i or noun not in tokens:
            continue
        yield Reading(kind="possessive", subject=owner, relation=_HAS, object_tokens=tuple(tokens))


def _named_after(noun: Token, role: Token) -> Token | None:
    """A name right after a plain `noun`, in apposition to it (or, misparsed, to `role`)."""
    if names_something(noun):
        return None
    for name in (*noun.children, *role.children):
        if name.dep_ == "appos" and _the_after(name, noun) and names_something(name):
            return name
    return None


def _the_after(name: Token, noun: Token) -> bool:
    """Whether `name` opens with "the" right after `noun`: "lobby the High North Alliance".

    Not a title before a name ("Professor of physics Rod Cross"), which has no article.
    """
    first = name.left_edge
    return first.i == noun.i + 1 and first.lower_ == "the"


def _nested_noun(head: Token, appos: Token) -> Token | None:
    """The noun of `head`'s own phrase that a name put right after it describes, if any.

    The parse hangs "the High North Alliance" on "secretary" in "Rune Frovik, secretary of
    Norwegian pro-whaling lobby the High North Alliance"; with no comma between, the name is
    the lobby's, the noun just before it.
    """
    start = appos.left_edge.i
    if start <= head.i:
        return None
    before = appos.doc[start - 1]
    if before.pos_ != "NOUN" or before == head or before.dep_ != "pobj":
        return None
    return before if _the_after(appos, before) and before in head.subtree else None
