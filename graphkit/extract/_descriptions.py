"""Descriptions ("the president", "the company", "the Kremlin leader"): whom they stand for.

The rule, applied in reading order over one parsed piece of an article:

1. A *description* is a singular noun phrase "the [modifiers] NOUN" or "Apple's NOUN" whose noun
   is a person's role (labels.PERSON_ROLE_NOUNS: "the president", "the prime minister", "the
   chief executive") or an organisation's (labels.COMPANY_NOUNS, labels.INSTITUTION_NOUNS: "the
   company", "the German carmaker", "the ministry"), or "the Chinese side", standing as an
   argument. A predicate is none ("Trump is the president", "sworn in as the president"), nor
   is a phrase explained where it stands: by an apposition, a relative or participial clause,
   or a preposition ("the head of the delegation", "the concern about prices"); only "of", "at",
   "for" or "to" + a name counts, as a modifier ("the president of Russia").
2. Its modifiers narrow it. A name or a country word ("Kremlin", "Chinese", "U.S.", "Apple's";
   labels.COUNTRY_WORDS maps adjectives, capitals and seats of government to their country)
   must be among the places and organisations the candidate was tied to ("Russian President
   Vladimir Putin" ties Putin to Russia); any other word ("prime", "former", "new") must be a
   word of the candidate's role; labels.NEUTRAL_MODIFIERS ("current") narrow nothing.
3. A person fits when the article gave them that role before the description: in a title
   ("Russian President Vladimir Putin"), an apposition ("Tim Cook, Apple's chief executive"), a
   copula ("Cook is the chief executive") or an "as" phrase ("sworn in as the 47th president of
   the United States"). "the leader" covers heads of state and government
   (labels.LEADER_TITLES). An organisation fits a business noun ("the company", "the firm")
   unless its name tells it is no company (labels.NOT_COMPANY_WORDS: "Ministry", "University",
   "Kremlin"); it fits an institution noun ("the ministry", "the bank") when its name, a title
   or an apposition has that noun. A country or an organisation fits "the Chinese side" when
   its name is that country's.
4. The candidates are the fitting ones named (or taken up by a resolved pronoun) in the
   description's sentence before it or in the `WINDOW` sentences before; a description itself
   renews no one's mention, so a run of "the president" in an essay on the office does not
   keep pointing at the last president named. One candidate: it. Several: going back sentence
   by sentence from the description's own, the first sentence having a candidate as its
   main-clause subject (or as that subject's possessor: "Trump's remarks suggested ...")
   decides, if it names no other candidate. A name whose phrase holds the description is no
   candidate ("Campbell U.S.A., the company's largest division"). Otherwise the description is
   left as it is, a concept phrase: never a wrong link.

Besides, a singular common noun with a person's or an organisation's name in apposition stands
for that name ("A Sydney resident, Jane Doe, said ..."; "The gunman who killed Rabin, Yigal
Amir, ..."): see `apposed_name`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graphkit.extract._clauses import SPEECH_VERBS
from graphkit.extract._modifiers import FIRM_SEATS
from graphkit.extract._nominal import HONORIFICS
from graphkit.extract._roles import (
    COUNTRY,
    MODIFIER_DEPS,
    OWNER_PREPOSITIONS,
    Role,
    canonical,
    entity_span,
    name_words,
    place_key,
    roles,
)
from graphkit.labels import (
    COMPANY_NOUNS,
    INSTITUTION_NOUNS,
    LEADER_TITLES,
    NEUTRAL_MODIFIERS,
    NOT_COMPANY_WORDS,
    PERSON_ROLE_NOUNS,
)

WINDOW = 3
"""How many sentences before its own a description's candidates may be named in."""

DESCRIPTION_NOUNS = PERSON_ROLE_NOUNS | COMPANY_NOUNS | INSTITUTION_NOUNS | {"side"}
"""Every noun that can head a description (tokens find_antecedents watches)."""

_KINDS = frozenset({"PERSON", "ORG", "GPE"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "conj"})
_EXPLAINED_DEPS = frozenset({"appos", "relcl", "acl"})
_INSIDE_DEPS = frozenset({"poss", "pobj", "prep", "appos", "compound", "nmod", "amod"})


@dataclass(slots=True)
class _Referent:
    """A person, organisation or country named in the article, and what it was said to be."""

    fullest: frozenset[str]
    """The words of its longest name ("vladimir", "putin")."""
    names: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    """spaCy's labels of its longest name: the one spaCy labels best ("Magna International
    Inc." is an ORG, though "Magna" is often taken for a person)."""
    roles: list[Role] = field(default_factory=list)
    seen: list[tuple[int, int, bool]] = field(default_factory=list)
    """(sentence number, token index, main-clause subject?) of each mention."""
    heads: list[Token] = field(default_factory=list)
    """The root token of each time it was named."""
    kind: str = ""
    """Its commonest type in `types`."""

    def name(self, ent: Span, label: str, listed: list[str]) -> None:
        """Count one more naming: `ent`, labelled `label`, whose `name_words` are `listed`."""
        words = frozenset(listed)
        if len(words) > len(self.fullest):
            self.fullest, self.types = words, Counter()
        if len(words) == len(self.fullest):
            self.types[label] += 1
            self.kind = max(self.types, key=self.types.__getitem__)
        self.names.add(" ".join(listed))
        self.words |= words
        self.heads.append(ent.root)

    def head_before(self, index: int) -> Token:
        """The latest of the fullest names given before token `index` ("Vladimir Putin")."""
        before = [head for head in self.heads if head.i < index] or self.heads
        return max(reversed(before), key=lambda head: len(entity_span(head)))


class Discourse:
    """What an article has named so far: referents, their roles, where each was mentioned."""

    def __init__(self) -> None:
        self._referents: list[_Referent] = []
        self._by_token: dict[int, _Referent] = {}

    def see_entity(self, ent: Span, number: int) -> None:
        """Record a person, organisation or country named by `ent` in sentence `number`."""
        label = ent.label_
        if ent.start and ent.doc[ent.start - 1].lower_ in HONORIFICS:
            label = "PERSON"  # "Mr. Cray" is the man, whatever the tagger says
        listed = name_words(ent)
        words = frozenset(listed)
        if label not in _KINDS or not words:
            return
        referent = self._match(words, label)
        if referent is None:
            referent = _Referent(fullest=words)
            self._referents.append(referent)
        referent.name(ent, label, listed)
        referent.seen.append((number, ent.root.i, _is_topic(ent.root)))
        referent.roles.extend(roles(ent))
        self._by_token[ent.root.i] = referent

    def see_resolved(self, token: Token, antecedents: Iterable[Token], number: int) -> None:
        """Count a resolved pronoun or description as a mention of its one referent."""
        found = [self._by_token.get(a.i) for a in antecedents]
        if len(found) == 1 and found[0] is not None:
            found[0].seen.append((number, token.i, _is_topic(token)))
            self._by_token[token.i] = found[0]

    def is_person(self, token: Token) -> bool:
        """Tell whether `token` (a name's root, or an unlabelled proper noun) is a person.

        A name is, when its fullest spelling is labelled a person. An unlabelled proper noun is,
        after "Mr." or "Mrs.", or when it is the subject of a speech verb ("Booth said he ...").
        """
        referent = self._by_token.get(token.i)
        if referent is not None:
            return referent.kind == "PERSON"
        if token.ent_type_ or token.pos_ != "PROPN":
            return token.ent_type_ == "PERSON"
        first = token.left_edge.i
        titled = any(t.lower_ in HONORIFICS for t in token.subtree) or (
            first > 0 and token.doc[first - 1].lower_ in HONORIFICS
        )
        return titled or (token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS)

    def resolve(self, noun: Token, number: int) -> Token | None:
        """The root of the name description `noun` (its head) stands for, or None if unclear."""
        description = _describe(noun)
        if description is None:
            return None
        head, required, places = description
        fitting = [r for r in self._referents if _fits(r, head, required, places, noun.i)]
        around = _containing(noun)
        recent = [r for r in fitting if _mentioned(r, number, noun.i, around)]
        chosen = recent[0] if len(recent) == 1 else _topic(recent, number, noun.i)
        if chosen is None:
            return None
        chosen.roles.append(Role(words=(*required, head), places=places, at=noun.i))
        return chosen.head_before(noun.i)

    def _match(self, words: frozenset[str], label: str) -> _Referent | None:
        """The referent this name names: one spelled so, else the one whose name is a part of it.

        "Putin" joins "Vladimir Putin", and "Campbell U.S.A." does not join "Campbell Soup Co.";
        a "Campbell" after both is neither (a referent of its own). One of the same type is
        preferred ("Mr. Cray" is Seymour Cray, not Cray Research); a place never joins a person
        or an organisation ("Washington").
        """
        name = " ".join(sorted(words))
        matching = [
            r
            for r in reversed(self._referents)
            if (words <= r.fullest or r.fullest <= words) and (label == "GPE") == (r.kind == "GPE")
        ]
        typed = [r for r in matching if r.kind == label] or matching
        same = [r for r in typed if name in {" ".join(sorted(n.split())) for n in r.names}]
        if same:
            return same[0]
        return typed[0] if len(typed) == 1 else None


def apposed_name(noun: Token) -> Token | None:
    """The one person or organisation named in apposition to the singular common noun `noun`.

    "A Sydney resident, Jane Doe, said": the name follows the noun's phrase after a comma. Left
    out: "decried unfair testing, not Mrs. Yeargin"; "its consultants, Shrum and Doak"; "a stake
    in an auto-parts maker, Koito" (the name may be the maker's); "a principal of the firm,
    Louis Vargas" (it may be the principal's or the firm's); "the firm, John Smith".
    """
    if noun.tag_ != "NN" or noun.ent_type_:
        return None
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
        return None
    names = [child for child in noun.children if child.dep_ == "appos" and child.i > noun.i]
    if len(names) != 1:
        return None
    name = names[0]
    if name.ent_type_ not in ("PERSON", "ORG") or name.conjuncts:
        return None
    if any(child.dep_ in ("neg", "cc", "preconj", "advmod") for child in name.children):
        return None  # "not Mrs. Yeargin", "most notably Rep. John Dingell"
    word = noun.lower_
    if (word in PERSON_ROLE_NOUNS and name.ent_type_ != "PERSON") or (
        word in COMPANY_NOUNS | INSTITUTION_NOUNS and name.ent_type_ != "ORG"
    ):
        return None
    first = name.left_edge.i
    if first < 2 or noun.doc[first - 1].text != ",":
        return None
    last = noun.doc[first - 2]  # where the noun's phrase ends, before the comma
    if last != noun and not noun.is_ancestor(last):
        return None
    while last != noun:
        if last.pos_ == "NOUN":
            return None
        last = last.head
    return name


# -- reading a description -------------------------------------------------------------------


def _describe(noun: Token) -> tuple[str, tuple[str, ...], frozenset[str]] | None:
    """The head word, required words and places of the description `noun` heads, or None."""
    word = noun.lower_
    if word not in DESCRIPTION_NOUNS or noun.tag_ not in ("NN", "NNP") or noun.ent_type_:
        return None
    if noun.dep_ not in _ARGUMENT_DEPS or _is_predicate(noun):
        return None
    definite = False
    required: list[str] = []
    places: set[str] = set()
    for child in noun.children:
        key = place_key(child)
        if child.dep_ in _EXPLAINED_DEPS:
            return None
        if child.dep_ == "det":
            if child.lower_ != "the":
                return None  # "a president", "this company"
            definite = True
        elif child.dep_ == "poss":
            if key is None:
                return None  # "its chief executive", "the company's chairman"
            places.add(key)
            definite = True
        elif child.dep_ in MODIFIER_DEPS and child.i < noun.i:
            if child.lower_.rpartition("-")[2] in FIRM_SEATS:
                continue  # "the Ankara-based operator": where it is, not which one (its seat)
            if key is not None:
                places.add(key)
            elif child.lower_ not in NEUTRAL_MODIFIERS:
                required.append(child.lower_)
        elif child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            keys = [place_key(c) for c in objects]
            if child.lower_ not in OWNER_PREPOSITIONS or not objects or None in keys:
                return None  # "the head of the delegation", "the concern about prices"
            places.update(k for k in keys if k is not None)
    words = canonical((*required, word))
    if not definite or (words[-1] == "side" and not places):
        return None
    return words[-1], words[:-1], frozenset(places)


def _is_predicate(noun: Token) -> bool:
    """An attribute or an "as" complement: it says what something is; it does not refer."""
    if noun.dep_ == "conj":
        first = noun
        while first.dep_ == "conj":
            first = first.head
        return first.dep_ in ("attr", "oprd", "appos") or _is_predicate(first)
    return noun.dep_ == "pobj" and noun.head.lower_ in ("as", "like", "than")


def _fits(
    referent: _Referent, head: str, required: tuple[str, ...], places: frozenset[str], at: int
) -> bool:
    """Tell whether `referent`, as the article described it before token `at`, fits."""
    kind = referent.kind
    roles = [role for role in referent.roles if role.at < at]
    if not places <= {p for role in roles for p in role.places} | _own_places(referent):
        return False
    if head in PERSON_ROLE_NOUNS:
        return kind == "PERSON" and any(_role_fits(role.words, head, required) for role in roles)
    if head == "side":
        return kind in ("GPE", "ORG") and not required and bool(places)
    if kind != "ORG" or not set(required) <= {w for r in roles for w in r.words} | referent.words:
        return False
    if head in COMPANY_NOUNS:
        return not referent.words & NOT_COMPANY_WORDS and not referent.names & set(COUNTRY)
    return head in referent.words or any(role.words[-1:] == (head,) for role in roles)


def _role_fits(words: tuple[str, ...], head: str, required: tuple[str, ...]) -> bool:
    """Tell whether a role ("russian president" less its places) is "the [required] head"."""
    if head == "leader":
        fits = bool(words) and (words[-1] in LEADER_TITLES or " ".join(words[-2:]) in LEADER_TITLES)
    else:
        fits = words[-1:] == (head,)
    return fits and set(required) <= set(words)


def _own_places(referent: _Referent) -> set[str]:
    """Countries an organisation's or country's own name ties it to ("Bank of Tokyo": Japan)."""
    if referent.kind == "PERSON":
        return set()
    found = {COUNTRY[name] for name in referent.names if name in COUNTRY}
    return found | {COUNTRY[word] for word in referent.words if word in COUNTRY}


def _containing(noun: Token) -> set[int]:
    """The tokens whose noun phrases hold `noun`'s, which it cannot stand for.

    "Campbell U.S.A., the company's largest division": the company is not Campbell U.S.A. A
    clause or a coordination holds no such bond: "Nekoosa, which rose after an offer for the
    company"; "Triton Securities and a principal of the firm".
    """
    found: set[int] = set()
    while noun.dep_ in _INSIDE_DEPS:
        noun = noun.head
        found.add(noun.i)
    return found


def _mentioned(referent: _Referent, number: int, index: int, around: set[int]) -> bool:
    return any(
        number - WINDOW <= n <= number and i < index and i not in around
        for n, i, _ in referent.seen
    )


def _topic(candidates: list[_Referent], number: int, index: int) -> _Referent | None:
    """The candidate that is a main-clause subject in the nearest sentence having one.

    That sentence decides only if it names no other candidate: after "Putin met Xi.", "the
    president" stays unresolved.
    """
    for sentence in range(number, number - WINDOW - 1, -1):
        named = [r for r in candidates if any(n == sentence and i < index for n, i, _ in r.seen)]
        if any(n == sentence and topic and i < index for r in named for n, i, topic in r.seen):
            return named[0] if len(named) == 1 else None
    return None


# -- small helpers ------------------------------------------------------------------------------


def _is_topic(token: Token) -> bool:
    """A main clause's subject, or that subject's possessor ("Trump's remarks suggested")."""
    if token.dep_ == "poss":
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
