"""Resolve: mentions → entities (one node per real thing), triples → facts with evidence."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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

SCHEMA_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "WORK_OF_ART": "CreativeWork",
    "LAW": "Legislation",
}
"""spaCy entity labels → schema.org classes; anything else is a schema:Thing (a concept)."""

VALUE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME", "ORDINAL"})

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
        relation = normalise_relation(triple.relation)
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
    if mention.label == "PRON":
        return mention.antecedents
    return (mention,)


def _is_value(mention: Mention) -> bool:
    return mention.label in VALUE_LABELS


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

    def add(self, mention: Mention, *, used: bool = True) -> None:
        """Count a spelling; only names `used` in a fact (or spelled like one) become nodes."""
        label = clean_label(mention.text)
        key = name_key(label)
        if not _is_name(label, key):
            return
        self._labels[key][label] += 1
        if used:
            self._used.add(key)
        if mention.label in SCHEMA_TYPES:
            self._types[key][mention.label] += 1

    def lookup(self, mention: Mention) -> Entity | None:
        return self._ids.get(name_key(clean_label(mention.text)))

    def entities(self) -> tuple[Entity, ...]:
        groups = self._group()
        used: dict[str, str] = {}
        for members in groups:
            if not self._used.intersection(members):
                continue
            labels: Counter[str] = sum((self._labels[k] for k in members), Counter())
            types: Counter[str] = sum((self._types[k] for k in members), Counter())
            label = _canonical_label(members, labels)
            kind = SCHEMA_TYPES[types.most_common(1)[0][0]] if types else "Thing"
            entity_id = slug(label)
            if used.setdefault(entity_id, label) != label:
                entity_id = slug(label + " " + kind)
            entity = Entity(
                id=entity_id,
                label=label,
                type=kind,
                aliases=frozenset(name for name in labels if name != label),
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
            (
                key
                for key in self._labels
                if self._types[key].most_common(1)[:1]
                and self._types[key].most_common(1)[0][0] == "PERSON"
            ),
            key=lambda k: (-len(k.split()), k),
        )
        for short in people:
            for full in people:
                if full != short and _same_person(short, full):
                    parent[find(short)] = find(full)
                    break
        groups: dict[str, list[str]] = defaultdict(list)
        for key in self._labels:
            groups[find(key)].append(key)
        return list(groups.values())


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


def _canonical_label(members: list[str], labels: Counter[str]) -> str:
    for key in members:
        if key in {name.casefold() for name in KNOWN_ALIASES}:
            return next(name for name in KNOWN_ALIASES if name.casefold() == key)
    longest = max(
        members,
        key=lambda key: (
            len(key.split()),
            sum(count for name, count in labels.items() if name_key(name) == key),
        ),
    )
    spellings = Counter({name: n for name, n in labels.items() if name_key(name) == longest})
    return spellings.most_common(1)[0][0]


def _is_name(label: str, key: str) -> bool:
    return (
        bool(key)
        and key not in _NOT_A_NAME
        and any(ch.isalnum() for ch in label)
        and (len(label.split()) <= 12)
    )
