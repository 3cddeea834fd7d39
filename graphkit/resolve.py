"""Resolve: mentions → entities (one node per real thing), triples → facts with evidence."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graphkit.labels import GRAPH_VALUE_LABELS, SCHEMA_TYPES
from graphkit.quantities import parse_quantity
from graphkit.timex import resolve_time
from graphkit.types import (
    Document,
    Entity,
    Evidence,
    Extraction,
    Fact,
    Mention,
    Relation,
    Triple,
    Value,
)
from graphkit.vocab import slug

KNOWN_ALIASES = {
    "United States": (
        "us",
        "usa",
        "u s",
        "u s a",
        "united states",
        "united states of america",
        "america",
    ),
    "United Kingdom": ("uk", "u k", "britain", "great britain", "united kingdom"),
    "European Union": ("eu", "e u", "european union"),
    "United Nations": ("un", "u n", "united nations"),
    "Soviet Union": ("ussr", "soviet union"),
}
"""Spellings news uses for one country or body, beyond what string similarity can tell."""

_CANONICAL = {alias: name for name, aliases in KNOWN_ALIASES.items() for alias in aliases}
_KNOWN_KEYS = {name.casefold(): name for name in KNOWN_ALIASES}
_LEADING = re.compile(
    r"^(?:(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|some|any|such)\s+)+",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’«»"
_NOT_A_NAME = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these "
    "those who whom which what there here one ones something someone nothing nobody all "
    "both each either neither some any none another other others much many most more few".split()
)
_ALNUM = re.compile(r"[^\W_]")
_WORD_SYNONYMS = {"biggest": "largest", "big": "large"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The resolved graph content: entities and the facts between them."""

    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]


def clean_label(text: str) -> str:
    """Return the name a mention gives its node: no leading determiner, quotes or possessive.

    >>> clean_label("the U.S.’s two most powerful adversaries")
    'U.S.’s two most powerful adversaries'
    >>> clean_label('a "dear friend"')
    'dear friend'
    >>> clean_label("Russia's")
    'Russia'
    """
    label = " ".join(text.split()).strip(_QUOTES + " ,;:")
    label = _LEADING.sub("", label).strip(_QUOTES + " ,;:")
    label = re.sub(r"\s*['’]s?$", "", label)
    return label.strip(_QUOTES + " ")


def name_key(label: str) -> str:
    """Return the key under which spellings of one name meet: case, dots and "the" ignored.

    >>> name_key("the U.S.") == name_key("United States") == name_key("US")
    True
    """
    words = re.findall(r"\w+", label.casefold().replace(".", " ").replace("’", "'"))
    if words and words[0] == "the":
        words = words[1:]
    joined = " ".join(words)
    canonical = _CANONICAL.get(joined)
    return canonical.casefold() if canonical else joined


def normalise_relation(relation: Relation) -> Relation:
    """Return `relation` with the lemma facts are merged under ("biggest" and "largest" meet).

    >>> normalise_relation(Relation(text="is biggest trading partner of",
    ...                             lemma="be biggest trading partner of")).lemma
    'be largest trading partner of'
    """
    lemma = " ".join(_WORD_SYNONYMS.get(word, word) for word in relation.lemma.split())
    return dataclasses.replace(relation, lemma=lemma, passive=False)


def resolve(extractions: Iterable[Extraction], documents: Sequence[Document]) -> Resolution:
    """Merge every mention into entities and every triple into a fact with its evidence."""
    published = {document.id: document.published for document in documents}
    sightings: list[tuple[Triple, Mention, Mention | None, bool]] = []
    names = _NameTable()
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.label in SCHEMA_TYPES:
                names.add(mention, used=False)
        for triple in extraction.triples:
            if triple.attribution is not None:
                names.add(triple.attribution)
            for subject_mention, object_mention in _argument_pairs(triple):
                sightings.append((triple, subject_mention, object_mention, triple.relation.passive))
                names.add(subject_mention)
                if object_mention is not None and not _is_value(object_mention):
                    names.add(object_mention)
    entities = names.entities()
    facts: dict[tuple[str, str, str], tuple[Entity, Relation, Entity | Value, list[Evidence]]] = {}
    relations: dict[Relation, Relation] = {}
    for triple, subject_mention, object_mention, passive in sightings:
        subject = names.lookup(subject_mention)
        if subject is None or object_mention is None:
            continue
        obj: Entity | Value | None
        if _is_value(object_mention):
            obj = _value(object_mention, published.get(triple.sentence.doc_id))
        else:
            obj = names.lookup(object_mention)
        if obj is None or obj == subject:
            continue
        if passive and isinstance(obj, Entity):
            subject, obj = obj, subject
        relation = relations.get(triple.relation) or relations.setdefault(
            triple.relation, normalise_relation(triple.relation)
        )
        key = (subject.id, relation.label, _object_key(obj))
        time = _time_of(triple, published.get(triple.sentence.doc_id))
        speaker = names.lookup(triple.attribution) if triple.attribution is not None else None
        evidence = Evidence(triple=triple, time=time, attributed_to=speaker)
        if key in facts:
            facts[key][3].append(evidence)
        else:
            facts[key] = (subject, relation, obj, [evidence])
    return Resolution(
        entities=entities,
        facts=tuple(
            Fact(subject=s, relation=r, object=o, evidence=tuple(ev))
            for s, r, o, ev in facts.values()
        ),
    )


def _argument_pairs(triple: Triple) -> list[tuple[Mention, Mention | None]]:
    """Subject–object pairs a triple stands for, pronouns replaced by their antecedents."""
    if triple.object is not None and triple.object.label == "CLAUSE":
        return []  # the reported clause is extracted as facts of its own, with attribution
    subjects = _stand_ins(triple.subject)
    objects: list[Mention | None] = list(_stand_ins(triple.object)) if triple.object else [None]
    return [(s, o) for s in subjects for o in objects]


def _stand_ins(mention: Mention) -> tuple[Mention, ...]:
    if mention.label == "PRON" or mention.antecedents:
        return mention.antecedents
    return (mention,)


def _is_value(mention: Mention) -> bool:
    return mention.label in GRAPH_VALUE_LABELS


def _value(mention: Mention, published: datetime.date | None) -> Value:
    if mention.label in ("DATE", "TIME"):
        time = resolve_time(mention.text, published=published)
        iso = time.iso() if time is not None else None
        if iso is not None:
            return Value(text=mention.text, kind="date", lexical=iso)
    quantity = parse_quantity(mention.text)
    if quantity is not None:
        return Value(
            text=mention.text, kind="quantity", lexical=str(quantity.value), unit=quantity.unit
        )
    return Value(text=mention.text, kind="text", lexical=clean_label(mention.text))


def _time_of(triple: Triple, published: datetime.date | None) -> Value | None:
    for qualifier in triple.qualifiers:
        if qualifier.role == "time":
            time = resolve_time(qualifier.text, published=published)
            if time is not None:
                iso = time.iso()
                return Value(
                    text=qualifier.text,
                    kind="date" if iso else "text",
                    lexical=iso or qualifier.text,
                )
    return None


def _object_key(obj: Entity | Value) -> str:
    if isinstance(obj, Entity):
        return "entity:" + obj.id
    return f"{obj.kind}:{obj.lexical}:{obj.unit or ''}"


class _NameTable:
    """Collects mentions, then merges spellings of one name into one Entity."""

    def __init__(self) -> None:
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._types: dict[str, Counter[str]] = defaultdict(Counter)
        self._ids: dict[str, Entity] = {}
        self._used: set[str] = set()
        self._keys: dict[str, tuple[str, str]] = {}  # mention text → (label, key)

    def _label_and_key(self, text: str) -> tuple[str, str]:
        found = self._keys.get(text)
        if found is None:
            label = clean_label(text)
            found = self._keys[text] = (label, name_key(label))
        return found

    def add(self, mention: Mention, *, used: bool = True) -> None:
        """Count a spelling; only names `used` in a fact (or spelled like one) become nodes."""
        label, key = self._label_and_key(mention.text)
        if not _is_name(label, key):
            return
        self._labels[key][label] += 1
        if used:
            self._used.add(key)
        if mention.label in SCHEMA_TYPES:
            self._types[key][mention.label] += 1

    def lookup(self, mention: Mention) -> Entity | None:
        return self._ids.get(self._label_and_key(mention.text)[1])

    def entities(self) -> tuple[Entity, ...]:
        groups = self._group()
        used: dict[str, str] = {}
        for members in groups:
            if not self._used.intersection(members):
                continue
            votes = [self._types[key] for key in members if key in self._types]
            types = votes[0] if len(votes) == 1 else sum(votes, Counter())
            label = _canonical_label(members, self._labels)
            kind = SCHEMA_TYPES[types.most_common(1)[0][0]] if types else "Thing"
            entity_id = slug(label)
            if used.setdefault(entity_id, label) != label:
                entity_id = slug(label + " " + kind)
            entity = Entity(
                id=entity_id,
                label=label,
                type=kind,
                aliases=frozenset(name for k in members for name in self._labels[k]) - {label},
            )
            for key in members:
                self._ids[key] = entity
        return tuple({entity.id: entity for entity in self._ids.values()}.values())

    def _group(self) -> list[list[str]]:
        """Group keys naming one thing: a person's surname or a near-identical spelling."""
        parent = {key: key for key in self._labels}

        def find(key: str) -> str:
            while parent[key] != key:
                key = parent[key]
            return key

        people = sorted(
            (key for key, types in self._types.items() if types.most_common(1)[0][0] == "PERSON"),
            key=lambda k: (-len(k.split()), k),
        )
        index = _PeopleIndex(people)
        for short in people:
            full = index.first_match(short)
            if full is not None:
                parent[find(short)] = find(full)
        groups: dict[str, list[str]] = defaultdict(list)
        for key in self._labels:
            groups[find(key)].append(key)
        return list(groups.values())


class _PeopleIndex:
    """Finds the first of `people` that `_same_person` accepts for a name, without trying all.

    Only names sharing a first or last word, or with a last word of similar spelling, or with all
    but the last word in common, are tried. Spellings are similar (difflib ratio >= 0.85) only if
    they share at least 0.275 * (len(a) + len(b)) - 1 character bigrams: with M matched characters
    in b blocks, the bigrams inside blocks give M - b shared, b - 1 <= the unmatched characters
    len(a) + len(b) - 2M, and 2M >= 0.85 * (len(a) + len(b)).
    """

    def __init__(self, people: list[str]) -> None:
        self._order = {key: number for number, key in enumerate(people)}
        self._by_last: dict[str, list[str]] = defaultdict(list)  # last word → keys
        self._by_first: dict[str, list[str]] = defaultdict(list)  # first word of longer names
        self._by_prefix: dict[tuple[str, ...], list[str]] = defaultdict(list)  # all but last
        self._by_bigram: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._grams: dict[str, Counter[str]] = {}  # last word → its bigrams
        self._similar_words: dict[str, list[str]] = {}
        for key in people:
            words = key.split()
            self._by_last[words[-1]].append(key)
            if len(words) > 1:
                self._by_first[words[0]].append(key)
                self._by_prefix[tuple(words[:-1])].append(key)
        for word in self._by_last:  # (bigram, word length) → last words having it
            self._grams[word] = _bigrams(word)
            for gram in self._grams[word]:
                self._by_bigram[gram, len(word)].append(word)

    def first_match(self, short: str) -> str | None:
        """Return the first name in `people` order that `short` names, or None."""
        words = short.split()
        candidates: set[str]
        if len(words) == 1:
            candidates = {*self._by_last.get(words[0], ()), *self._by_first.get(words[0], ())}
        else:
            candidates = set(self._by_prefix.get(tuple(words[:-1]), ()))
        candidates.discard(short)
        if len(words[-1]) >= 5 and (len(words) == 1 or candidates):
            similar = {key for word in self._similar(words[-1]) for key in self._by_last[word]}
            if len(words) == 1:
                candidates.update(similar)
            else:
                candidates.intersection_update(similar)
        elif len(words) > 1:
            return None  # same length, a short last word: never the same person
        for full in sorted(candidates, key=self._order.__getitem__):
            if _same_person(short, full):
                return full
        return None

    def _similar(self, word: str) -> list[str]:
        """Last words that may be spelled like `word`: a superset of those with ratio >= 0.85."""
        if word in self._similar_words:
            return self._similar_words[word]
        shared: Counter[str] = Counter()
        grams = self._grams[word]  # `word` is the last word of one of `people`
        for length in range(len(word) * 85 // 115, len(word) * 115 // 85 + 1):  # 2 min/sum >= .85
            for gram, count in grams.items():
                others = self._by_bigram.get((gram, length), ())
                if count == 1:  # the usual case: counted in C
                    shared.update(others)
                else:
                    for other in others:
                        shared[other] += min(count, self._grams[other][gram])
        similar = self._similar_words[word] = [
            other
            for other, number in shared.items()
            if number >= 0.275 * (len(word) + len(other)) - 1
        ]
        return similar


def _bigrams(word: str) -> Counter[str]:
    return Counter(word[i : i + 2] for i in range(len(word) - 1))


def _same_person(short: str, full: str) -> bool:
    """Tell whether `short` names the person `full` names ("putin" / "vladimir putin")."""
    short_words, full_words = short.split(), full.split()
    if len(short_words) > len(full_words):
        return False
    if len(short_words) == len(full_words):
        if short_words[:-1] != full_words[:-1] or len(short_words[-1]) < 5:
            return False
        return difflib.SequenceMatcher(None, short_words[-1], full_words[-1]).ratio() >= 0.85
    surname = short_words[-1]
    return len(short_words) == 1 and (
        surname == full_words[-1]
        or (
            len(surname) >= 5
            and difflib.SequenceMatcher(None, surname, full_words[-1]).ratio() >= 0.85
        )
        or surname == full_words[0]  # Chinese order: "Xi" of "Xi Jinping"
    )


def _canonical_label(members: list[str], spellings: dict[str, Counter[str]]) -> str:
    """The known name, else the commonest spelling of the longest, most used key of a group."""
    for key in members:
        if key in _KNOWN_KEYS:
            return _KNOWN_KEYS[key]
    longest = max(members, key=lambda key: (len(key.split()), sum(spellings[key].values())))
    return spellings[longest].most_common(1)[0][0]


def _is_name(label: str, key: str) -> bool:
    return (
        bool(key)
        and key not in _NOT_A_NAME
        and _ALNUM.search(label) is not None
        and (len(label.split()) <= 12)
    )
