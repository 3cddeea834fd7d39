"""Canonical forms: the one wording facts are merged under, whatever words each outlet chose.

A fact's canonical form is computed here and nowhere else (README, "Many outlets, one story"):

- an entity argument is its entity (resolve.py merges spellings into one IRI);
- a concept argument is its head phrase: typography normalised (quotes, apostrophes, dashes),
  leading determiners and quantifiers dropped, the head noun made singular, post-modifiers
  dropped, and an owner that is a named entity kept in one form ("Russia's partner" and "the
  partner of Russia" are both "partner of Russia"); amounts in what is dropped are kept apart,
  as the fact's circumstances, so that facts with different amounts never merge;
- the relation is its core predicate: aspect and copula-like verbs with a complement
  ("remain", "stay", "continue to be") read as "be", a light verb with a nominalisation ("held
  talks with", "gave approval to") as the verb itself, and words of one synonym group
  (`SYNONYMS`) as the group's first word; a modal verb ("may", "could") and a negation stay in
  it, so a modal or a denied fact never merges with an asserted one.

The word tables these forms read relations by (modals, aspect and light verbs, nominalisations,
synonym groups, converses, stances) are in graphkit.wordings, each tested.

The wording an article used is never lost: each statement keeps its subject, relation and
object text, so any merge can be explained and undone.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from graphkit.quantities import parse_quantity
from graphkit.types import Mention, Qualifier, Relation, Sentence
from graphkit.wordings import (
    ADJECTIVES,
    ASPECT,
    LIGHT_VERBS,
    MODALS,
    NOMINALISATIONS,
    PARAPHRASES,
    STANCE_VERBS,
    STANCES,
    SYNONYMS,
)

TYPOGRAPHY = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)

DETERMINERS = frozenset(
    "a an the this that these those every each any all some no both either neither several "
    "many much few its his her their our my your whose such another other".split()
)
"""Words dropped from the front of a concept: which or how many of a kind, not the kind."""

_CUT = frozenset(
    "of in at on for from with across near to by over under after before during between "
    "against about into among amid than as since until within without via per who which that "
    "where when whose including".split()
)
"""Words that end a head phrase: what follows modifies it."""

_UNCOUNTED = frozenset(
    "news series species means headquarters politics economics physics mathematics "
    "athletics crisis analysis basis thesis diagnosis status bus gas virus census campus "
    "bonus chaos lens canvas alias atlas bias corps arms talks clothes police people".split()
)
"""Nouns whose final s is not a plural (or whose plural stays as written)."""

_SYNONYM_OF = {word: group[0] for group in SYNONYMS for word in group[1:]}
_ADJECTIVE_OF = {word: group[0] for group in ADJECTIVES for word in group[1:]}
_LONGEST_SYNONYM = max(len(word.split()) for group in SYNONYMS for word in group)


@functools.lru_cache(maxsize=1 << 16)  # a build asks for the same few names many times
def text(value: str) -> str:
    r"""`value` with typography normalised: one apostrophe, one quote, one dash, single spaces.

    >>> text("Russia\u2019s \u201cbiggest\u201d partner \u2014 China")
    'Russia\'s "biggest" partner - China'
    """
    normal = unicodedata.normalize("NFKC", value).translate(TYPOGRAPHY)
    return " ".join(normal.split())


@dataclasses.dataclass(frozen=True, slots=True)
class Argument:
    """A concept argument's canonical head phrase, its owner, and amounts it dropped."""

    head: str
    owner: str | None = None
    amounts: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The phrase a concept node is named by: "partner of Russia"."""
        return f"{self.head} of {self.owner}" if self.owner else self.head


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_POSSESSIVE = re.compile(r"^(?P<owner>.+?)'s? (?P<rest>.+)$")


def argument(
    phrase: str, names: frozenset[str] = frozenset(), *, sentence_start: bool = False
) -> Argument:
    """The canonical head phrase of a concept argument; `names` are the named entities near it.

    An owner is a named entity before the head ("Russia's partner", "CSIRO scientists") or
    after it ("partner of Russia", "scientists at CSIRO"); a leading number is an amount
    ("40 homes" and "14 homes" never merge). `sentence_start`: the phrase opens its sentence,
    so its capital letter says nothing.

    >>> argument("Russia\u2019s biggest trading partners", frozenset({"Russia"})).label
    'biggest trading partner of Russia'
    >>> argument("the largest trading partner of Russia", frozenset({"Russia"})).label
    'largest trading partner of Russia'
    >>> argument("CSIRO scientists", frozenset({"CSIRO"})).label
    'scientist of CSIRO'
    >>> argument("the chief executive of the Victorian Farmers Federation").label
    'chief executive of Victorian Farmers Federation'
    >>> argument("every bank").label, argument("banks").label
    ('bank', 'bank')
    >>> argument("Each of the three ministers", sentence_start=True)
    Argument(head='minister', owner=None, amounts=('3',))
    >>> argument("one of the most perfect cyclone systems").head
    'most perfect cyclone system'
    >>> argument("Hale", sentence_start=True).head, argument("Locusts", sentence_start=True).head
    ('Hale', 'locust')
    >>> argument("a $2bn housing fund") == argument("a $2 billion housing fund")
    True
    >>> argument("a record profit of $2.47 billion")
    Argument(head='record profit', owner=None, amounts=('2.47',))
    """
    written = text(phrase)
    owner = None
    possessive = _POSSESSIVE.match(written)
    if possessive and _bare(possessive["owner"]) in names:
        owner, written = _bare(possessive["owner"]), possessive["rest"]
    words = _bare(written).split()
    if sentence_start and words and _common_opening(words, names):
        words[0] = words[0].casefold()
    amounts: list[str] = []
    for _ in range(2):  # "each of the three ministers", "one of the most perfect systems"
        while len(words) > 1 and words[0].casefold() == "of":
            words = _bare(" ".join(words[1:])).split()
        count = next((i for i, word in enumerate(words) if not _is_numeric(word)), len(words))
        if count and count < len(words):
            found = parse_quantity(" ".join(words[:count]))
            amounts.append(str(found.value) if found else " ".join(words[:count]).casefold())
            words = words[count:]
    if owner is None:
        for size in range(len(words) - 1, 0, -1):
            if " ".join(words[:size]) in names:
                owner, words = " ".join(words[:size]), words[size:]
                break
    cut = next(
        (i for i, word in enumerate(words) if i and (word.casefold() in _CUT or word[-1] == ",")),
        len(words),
    )
    head, rest = words[:cut], words[cut:]
    if head and head[-1].endswith(","):
        head[-1] = head[-1].rstrip(",")
    if not head:
        return Argument(head=written.casefold())
    if owner is None and rest and rest[0].casefold() in _OWNING:
        complement = _bare(" ".join(rest[1:]))
        if complement in names or _is_proper(complement):
            owner = complement
    head[-1] = singular(head[-1])
    amounts += [number.replace(",", "") for number in _NUMBER.findall(" ".join(rest))]
    phrase_head = " ".join([w if capitalised(w) else w.casefold() for w in head])
    return Argument(head=phrase_head, owner=owner, amounts=tuple(amounts))


def capitalised(word: str) -> bool:
    """Written as a name is: "Tesla", and "xAI", "iPhone", "eBay" (a capital after a prefix).

    >>> capitalised("Tesla"), capitalised("xAI"), capitalised("iPhone"), capitalised("sales")
    (True, True, True, False)
    """
    return word[:1].isupper() or _CAMEL.match(word) is not None


_CAMEL = re.compile(r"[a-z]{1,2}[A-Z]")
_OWNING = frozenset({"of", "in", "at", "from", "for"})
"""Prepositions after which a named entity owns the head ("scientists at CSIRO")."""

_SCALES = frozenset("hundred thousand million billion trillion".split())
_NUMERIC = re.compile(r"[A-Z]{0,3}[$€£¥]?\d[\d,.]*(?:bn|m|k|b)?", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 14)  # asked of nearly every phrase's first words
def _is_numeric(word: str) -> bool:
    lower = word.casefold()
    return bool(_NUMERIC.fullmatch(word)) or lower in NUMBER_WORDS or lower in _SCALES


NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}


def _is_proper(phrase: str) -> bool:
    """Whether every word but small ones is capitalised: a name, tagged by the model or not."""
    words = [w for w in phrase.split() if w.casefold() not in _SMALL]
    return bool(words) and all(w[:1].isupper() for w in words)


_SMALL = frozenset({"of", "and", "for", "the", "&", "de", "on"})


def _common_opening(words: list[str], names: frozenset[str]) -> bool:
    """Whether a phrase's first word is capitalised only because it opens the sentence.

    So when the words after it are lowercase ("Dairy farmers"), or it is a lone plural
    ("Locusts"); a lone singular ("Hale") may be a name the model did not tag.
    """
    first = words[0]
    if not first[1:].islower() or first in names:
        return False
    if len(words) > 1:
        return words[1][:1].islower() or words[1].casefold() in _CUT
    return singular(first.casefold()) != first.casefold()


def bare(phrase: str) -> str:
    """A name as canonical arguments write it: typography normalised, no leading "the"."""
    return _bare(text(phrase))


def _bare(phrase: str) -> str:
    words = phrase.strip(" ,.").split()
    while words and words[0].casefold() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def singular(word: str) -> str:
    """A plural noun's singular by the regular rules; anything else as written.

    >>> [singular(w) for w in ("banks", "companies", "taxes", "news", "crisis", "Jets")]
    ['bank', 'company', 'tax', 'news', 'crisis', 'Jets']
    """
    lower = word.casefold()
    if (
        len(lower) < 4
        or not lower.isalpha()
        or lower in _UNCOUNTED
        or word[:1].isupper()
        or lower.endswith(("ss", "us", "is", "ics"))
        or not lower.endswith("s")
    ):
        return word
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def relation(written: Relation) -> Relation:
    """The relation facts are merged under: core predicate, with modal and negation kept in it.

    >>> relation(Relation(text="remains", lemma="remain largest trading partner of")).lemma
    'be largest trading partner of'
    >>> relation(Relation(text="held talks with", lemma="hold talks with")).lemma
    'talk with'
    >>> relation(Relation(text="could not supply", lemma="supply", negated=True,
    ...                   modality="could")).lemma
    'may not supply'
    """
    words = written.lemma.split()
    if words == ["remain"]:
        words = ["be"]  # "remains the largest carmaker": its object is a complement
    for aspect in ASPECT:
        size = len(aspect.split())
        if words[:size] == aspect.split() and len(words) > size:
            words = ["be", *words[size:]] if aspect.endswith("be") or size == 1 else words[size:]
            if words[0] == "be" and len(words) > 1 and words[1] == "be":
                words = words[1:]
            break
    words = _unlight(words)
    words = _synonyms(words)
    prefix = [MODALS.get(written.modality, written.modality)] if written.modality else []
    if written.negated:
        prefix.append("not")
    return dataclasses.replace(
        written, lemma=" ".join([*prefix, *words]), negated=False, modality=None, passive=False
    )


def _unlight(words: list[str]) -> list[str]:
    """Read "hold talks with" as "talk with", "give approval to" as "approve"."""
    if len(words) < 2 or words[0] not in LIGHT_VERBS:
        return words
    rest = [w for w in words[1:] if w not in DETERMINERS]
    if not rest or rest[0] not in NOMINALISATIONS:
        return words
    verb, dropped = NOMINALISATIONS[rest[0]]
    tail = rest[1:]
    if tail and tail[0] in dropped:
        tail = tail[1:]
    return [*verb.split(), *tail]


def _synonyms(words: list[str]) -> list[str]:
    for size in range(min(_LONGEST_SYNONYM, len(words)), 0, -1):
        phrase = " ".join(words[:size])
        if phrase in _SYNONYM_OF:
            words = [*_SYNONYM_OF[phrase].split(), *words[size:]]
            break
    return [_ADJECTIVE_OF.get(word, word) for word in words]


_INFINITIVE = re.compile(
    r"\s*to ([a-z]+) (?P<rest>[^,.;:!?()\u2014-]+?)(?=[,.;:!?()\u2014-]| and | but |$)"
)


def light_object(
    written: Relation, obj: Mention, qualifiers: tuple[Qualifier, ...], sentence: Sentence
) -> tuple[Relation, Mention] | None:
    """Read "gave approval to the vaccine" as "approve the vaccine" when the object is the noun.

    The extractor makes the nominalisation the object ("give | approval", the rest a qualifier
    or a post-modifier): the relation takes the noun, and what it governs becomes the object.
    A stance ("expressed a willingness", and the words after it in `sentence`, "to negotiate
    peace") is read "be willing to negotiate | peace". None when the fact is neither.
    """
    if obj.label is not None or (
        written.lemma not in STANCE_VERBS and written.lemma not in LIGHT_VERBS
    ):
        return None  # neither a stance nor a light verb: the cheap test first
    words = text(obj.text).split()
    while words and words[0].casefold() in DETERMINERS:
        words = words[1:]
    if written.lemma in STANCE_VERBS and len(words) == 1 and words[0].casefold() in STANCES:
        infinitive = _INFINITIVE.match(sentence.text, obj.end - sentence.start)
        if infinitive is None:
            return None
        start = sentence.start + infinitive.start("rest")
        rest = infinitive["rest"].strip()
        governed = Mention(text=rest, start=start, end=start + len(rest))
        lemma = f"be {STANCES[words[0].casefold()]} to {infinitive[1]}"
        return dataclasses.replace(written, lemma=lemma), governed
    if written.lemma not in LIGHT_VERBS or not words or words[0].casefold() not in NOMINALISATIONS:
        return None
    noun = words[0].casefold()
    if len(words) > 2 and words[1].casefold() in _CUT:
        tail = " ".join(words[2:])
        start = obj.start + obj.text.rfind(tail) if tail in obj.text else obj.start
        governed = Mention(text=tail, start=start, end=start + len(tail))
        lemma = f"{written.lemma} {noun} {words[1].casefold()}"
    else:
        other = next(
            (q for q in qualifiers if q.role in ("argument", "other") and " " in q.text), None
        )
        if other is None or other.text.split()[0].casefold() not in _CUT:
            return None
        prep, tail = other.text.split(maxsplit=1)
        governed = Mention(text=tail, start=other.end - len(tail), end=other.end)
        lemma = f"{written.lemma} {noun} {prep.casefold()}"
    return dataclasses.replace(written, lemma=lemma), governed


_PARAPHRASE = {member: group[0] for group in PARAPHRASES for member in group[1:]}


def paraphrase(written: Relation, obj: Mention) -> tuple[Relation, Mention] | None:
    """Read a verb and its concept object as the first of their PARAPHRASES group, if in one.

    `obj` is the canonical head phrase; the relation's words before its verb stay. None when
    the pair is in no group (or is a group's first).

    >>> said, war = paraphrase(Relation(text="expressed", lemma="be willing to negotiate"),
    ...                        Mention(text="peace", start=40, end=45))
    >>> said.lemma, war.text, war.start
    ('be willing to end', 'war', 40)
    """
    if obj.label is not None:
        return None
    *before, verb = written.lemma.split() or [""]
    found = _PARAPHRASE.get((verb, obj.text))
    if found is None:
        return None
    lemma = " ".join([*before, found[0]])
    return dataclasses.replace(written, lemma=lemma), dataclasses.replace(obj, text=found[1])
