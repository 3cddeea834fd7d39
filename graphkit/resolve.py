"""Resolve: mentions → entities (one node per real thing), triples → facts with evidence."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from graphkit import canonical, merge, wordings
from graphkit._evidence import (
    LABEL_RULES,
    OFFICES,
    context_votes,
    relation_votes,
    words_around,
)
from graphkit._name_votes import Votes
from graphkit._names import KNOWN_ALIASES, NameTable, clean_label, name_key
from graphkit.authority import Authority, _gazetteer
from graphkit.authority._default import country_names, country_of, default_authority, place_names
from graphkit.labels import GRAPH_VALUE_LABELS, NEUTER_PRONOUNS, PERSONAL_PRONOUNS, SCHEMA_TYPES
from graphkit.quantities import parse_quantity
from graphkit.timex import resolve_time
from graphkit.types import (
    Document,
    Entity,
    Evidence,
    Extraction,
    Fact,
    KeptStatement,
    Mention,
    Relation,
    Triple,
    Value,
)

__all__ = [
    "KNOWN_ALIASES",
    "Reading",
    "Resolution",
    "Resolver",
    "clean_label",
    "name_key",
    "resolve",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The resolved graph content: entities and the facts between them."""

    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    datelines: tuple[tuple[str, Entity], ...] = ()
    """(document id, place) for each article whose dateline names where it was written."""
    minted: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Each name key and the id of its entity: what `resolve(minted=...)` keeps next time."""


def resolve(
    extractions: Iterable[Extraction],
    documents: Sequence[Document],
    *,
    authority: Authority | None = None,
    minted: Mapping[str, str] | None = None,
) -> Resolution:
    """Merge every mention into entities and every triple into a fact (`Resolver`).

    `extractions` is read in passes (`Resolver`).
    """
    return Resolver(extractions, documents, authority=authority, minted=minted).resolution


def names_table(saved: Mapping[str, Any] | None, authority: Authority | None) -> NameTable:
    """The names table a Resolver with this `authority` reads into, going on from `saved`.

    (`Resolver.saved_names`.) Made apart from the Resolver, an add restores it while its new
    articles are parsed (keep.add): ABC's took 0.12 s.
    """
    table = NameTable(authority, place_names() if authority is not None else frozenset())
    if saved is not None:
        table.restore(saved)
    return table


def read_name_data() -> None:
    """Read the name data resolution looks names up in now, not at its first use (seconds).

    Each list is read once a process and kept: an add reads them while its new articles parse
    in another process (keep.add).
    """
    _gazetteer.read_lists()
    default_authority(), place_names(), country_names()


_Prepared = tuple[Triple, Mention, Mention | None, Relation, tuple[str, ...], str | None]
"""A triple's subject–object pair made canonical: triple, subject, object, relation, the
amounts its canonical arguments drop, and the object as written (for type votes)."""


class Resolver:
    """Resolution in passes over the articles' extractions, none of them kept whole.

    The first pass collects names, the second merges triples into facts; `statements` reads
    them a third time for each sighting's evidence. Memory so grows with the entities and
    facts, not with the text. With an `authority`, entities are linked to its entries
    (`Entity.same_as`): only on an exact name match of a compatible type, a homonym only when
    the article's context decides, and two entities linked to different IRIs are never merged.
    `minted` (an earlier Resolution's) keeps the ids entities had: an IRI, once minted, stays.
    `extractions` is iterated once a pass: a list, or anything that reads them again from disk
    (a one-pass iterator is kept in memory first). With `hold` (for extractions held in memory
    anyway), what the first pass makes of each triple (`_prepare`, a third of resolution's
    time) is kept for the next two instead of being worked out again. `names` is what an
    earlier Resolver's first pass read (`saved_names`), or the table made of it already
    (`names_table`): the first pass then reads only the articles it had not read (an add to a
    kept graph), to the same table. `readings` are what
    an earlier Resolver made of its articles (`Reading`): those that still hold are replayed,
    their sightings held from the second pass for `statements` (sightings, not text).
    """

    def __init__(
        self,
        extractions: Iterable[Extraction],
        documents: Sequence[Document],
        *,
        authority: Authority | None = None,
        minted: Mapping[str, str] | None = None,
        hold: bool = False,
        names: Mapping[str, Any] | NameTable | None = None,
        readings: Iterable[Reading] | None = None,
        keep: Callable[[Reading], None] | None = None,
    ) -> None:
        if iter(extractions) is extractions:  # a one-pass iterator: kept, as it is read thrice
            extractions = tuple(extractions)
        self._extractions = extractions
        self._held: list[list[_Prepared]] | None = [] if hold and names is None else None
        self._authority = authority
        self._published = {document.id: document.published for document in documents}
        if not isinstance(names, NameTable):
            names = names_table(names, authority)
        self._names = names
        self._relations: dict[Relation, Relation] = {}
        self._merger = merge.Merger()
        for extraction, prepared in self._read(skip=self._names.documents):
            self._read_names(extraction, prepared)
        entities = self._names.entities(minted)
        self._by_id = {entity.id: entity for entity in entities}
        self._replayed: list[tuple[merge.Sighting, tuple[int, str]]] = []
        """Each sighting replayed, with its statement's sentence and extractor (`statements`)."""
        self.replayed: frozenset[str] = frozenset()
        """Articles not read again: their readings still hold (`Reading`)."""
        self.replayed_counts = (0, 0)
        """The sentences and triples of the articles replayed."""
        replayed: set[str] = set()
        sentences = triples = held = 0
        for runs in _by_article(readings or ()):
            held += 1
            if runs[0]["doc"] not in self._published or not self._still_holds(runs):
                continue  # an article removed, or one whose names now find other entities
            replayed.add(runs[0]["doc"])
            for reading in runs:
                sentences, triples = sentences + reading["n"][0], triples + reading["n"][1]
                for replayed_sighting in self._replay(reading):
                    self._merger.add(replayed_sighting[0])
                    self._replayed.append(replayed_sighting)  # not decoded again: ABC 0.5 s
                if keep is not None:
                    keep(reading)
        self.replayed, self.replayed_counts = frozenset(replayed), (sentences, triples)
        self.replayed_all = held == len(replayed)
        """Whether every article the readings held was replayed (none removed, none read again)."""
        datelines: dict[str, Entity] = {}
        for extraction, prepared in self._read(skip=self.replayed):
            looked_up: dict[str, str] = {}
            places: dict[str, bool] = {}
            sightings = list(self._sightings(extraction, prepared, datelines, looked_up, places))
            for sighting in sightings:
                self._merger.add(sighting)
            if keep is not None:
                keep(_reading(extraction, sightings, looked_up, places))
        self.resolution = Resolution(
            entities=entities,
            facts=self._merger.facts(),
            datelines=tuple(datelines.items()),
            minted=self._names.keys(),
        )

    def statements(
        self, only: Container[str] | None = None
    ) -> Iterator[tuple[str, Evidence | KeptStatement]]:
        """Each sighting again, article by article: the key of its fact and its evidence.

        A replayed article's sightings come with what names their statements again
        (`KeptStatement`): their quads are the article's kept ones. With `only`, those of the
        facts whose keys it holds, and every other article's (an add's map: quads.apart).
        """
        for sighting, (index, extractor) in self._replayed:
            key, _ = self._merger.place(sighting)
            if only is not None and key not in only:
                continue
            doc_id, _, subject_start = sighting.position
            yield (
                key,
                KeptStatement(
                    relation=sighting.relation,
                    doc_id=doc_id,
                    sentence=index,
                    subject_start=subject_start,
                    extractor=extractor,
                ),
            )
        for extraction, prepared in self._read(skip=self.replayed):
            for sighting in self._sightings(extraction, prepared, {}, {}, {}):
                key, evidence = self._merger.place(sighting)
                assert evidence is not None, "a sighting read from its article has evidence"
                yield key, evidence

    def saved_names(self) -> dict[str, Any]:
        """What the first pass read, as JSON: the `names` a later Resolver goes on from."""
        return self._names.saved()

    def _read(
        self, skip: frozenset[str] = frozenset()
    ) -> Iterator[tuple[Extraction, list[_Prepared]]]:
        """One pass: each article's extraction and its triples prepared (again, unless held).

        Articles whose ids are in `skip` are left out, unread when the extractions can skip
        them (`Skipping`; not held: `names` and `readings` hold none).
        """
        held = self._held
        if held:
            yield from zip(self._extractions, held, strict=True)
            return
        extractions: Iterable[Extraction] = self._extractions
        if skip and isinstance(extractions, Skipping):
            extractions = extractions.skipping(skip)
        for extraction in extractions:
            if extraction.doc_id in skip:
                continue
            prepared = self._prepare(extraction)
            if held is not None:
                held.append(prepared)
            yield extraction, prepared

    def _still_holds(self, runs: Sequence[Reading]) -> bool:
        """Whether every name an article's readings looked up finds the entity it found then."""
        for reading in runs:
            for key, found in reading["keys"].items():
                entity = self._names.entity(key)
                if (entity.id if entity is not None else "") != found:
                    return False
            for key, place in reading["places"].items():
                entity = self._names.entity(key)
                if entity is None or (entity.type == "Place") != place:
                    return False
        return True

    def _replay(self, reading: Reading) -> Iterator[tuple[merge.Sighting, tuple[int, str]]]:
        """The sightings of a reading that still holds, each with its sentence and extractor."""
        by_id, doc_id = self._by_id, reading["doc"]
        for subject, relation, obj, speaker, amounts, at, time, named in reading["s"]:
            yield (
                merge.Sighting(
                    subject=by_id[subject],
                    relation=Relation(**relation),
                    object=by_id[obj] if isinstance(obj, str) else _stored_value(obj),
                    position=(doc_id, *at),
                    time=_stored_value(time) if time is not None else None,
                    speaker=speaker,
                    amounts=tuple(amounts),
                ),
                tuple(named),
            )

    def _read_names(self, extraction: Extraction, prepared: list[_Prepared]) -> None:
        """Count the names of one article and the type votes their contexts give."""
        names, doc_id = self._names, extraction.doc_id
        triples = (*extraction.triples, *_joint_events(extraction.triples))
        names.start_document(
            extraction, [m for t in triples for pair in _argument_pairs(t) for m in pair if m]
        )
        cut = words_around(extraction)
        heard: set[tuple[int, int]] = set()

        def around(mention: Mention) -> Votes:  # what the words around the mention say, once
            if (mention.start, mention.end) in heard:
                return ()  # a name in several facts: its context was counted with the first
            heard.add((mention.start, mention.end))
            return context_votes(*cut(mention))

        def untagged(mention: Mention) -> Votes:  # a name the model missed: "Mr Johanns"
            return around(mention) if _untagged_name(mention) else ()

        for mention in extraction.mentions:
            if mention.label in SCHEMA_TYPES:
                typeset = canonical.text(mention.text)
                if typeset != mention.text:  # a copy only when typography changed
                    mention = dataclasses.replace(mention, text=typeset)
                names.add(mention, doc_id, used=False, votes=around(mention))
        for triple in extraction.triples:
            if triple.attribution is not None:  # "the company said": its antecedent speaks
                for speaker_mention in _stand_ins(triple.attribution):
                    names.add(speaker_mention, doc_id, votes=untagged(speaker_mention))
        for triple, subject_mention, object_mention, relation, _, object_text in prepared:
            subject_votes, object_votes = relation_votes(relation.lemma, object_text)
            if triple.rule in LABEL_RULES:  # what restates the subject's label counts once
                tagged = SCHEMA_TYPES.get(subject_mention.label or "")
                subject_votes = tuple(v for v in subject_votes if tagged not in (None, v[0]))
            if relation.passive:
                subject_votes, object_votes = object_votes, subject_votes
            subject_votes += untagged(subject_mention)
            names.add(subject_mention, doc_id, votes=subject_votes + _pronoun_votes(triple))
            if object_mention is not None and not _is_value(object_mention):
                names.add(object_mention, doc_id, votes=object_votes + untagged(object_mention))

    def _prepare(self, extraction: Extraction) -> list[_Prepared]:
        """Each subject–object pair of each triple, its arguments and relation made canonical."""
        triples = (*extraction.triples, *_joint_events(extraction.triples))
        names_here = frozenset(
            canonical.bare(m.text) for m in extraction.mentions if m.label in SCHEMA_TYPES
        )
        prepared: list[_Prepared] = []
        for triple in triples:
            for subject_mention, object_mention in _argument_pairs(triple):
                relation = triple.relation
                if self._authority is not None and object_mention is not None:
                    relation, object_mention = _office_of_country(relation, object_mention)
                if object_mention is not None:
                    light = canonical.light_object(
                        relation, object_mention, triple.qualifiers, triple.sentence
                    )
                    if light is not None:
                        relation, object_mention = light
                elif triple.object is None:
                    relation, object_mention = _when(relation, triple)
                object_text = object_mention.text if object_mention is not None else None
                amounts: list[str] = []
                opening = triple.sentence.start
                subject_mention = _concept(subject_mention, names_here, amounts, opening)
                if object_mention is not None:
                    object_mention = _concept(object_mention, names_here, amounts, opening)
                    said = canonical.paraphrase(relation, object_mention)
                    if said is not None:  # "end the war" and "negotiate peace": one event
                        relation, object_mention = said
                amounts += _qualifier_amounts(triple)
                prepared.append(
                    (triple, subject_mention, object_mention, relation, tuple(amounts), object_text)
                )
        return prepared

    def _sightings(
        self,
        extraction: Extraction,
        prepared: list[_Prepared],
        datelines: dict[str, Entity],
        looked_up: dict[str, str],
        places: dict[str, bool],
    ) -> Iterator[merge.Sighting]:
        """Each resolved triple of one article; notes its dateline's place in `datelines`.

        Notes the key each name was looked up under and the entity id it found ("" for none)
        in `looked_up`, and whether a dateline's subject was a place in `places` (`Reading`).
        """
        names, doc_id = self._names, extraction.doc_id
        published = self._published.get(doc_id)

        def lookup(mention: Mention) -> tuple[str, Entity | None]:
            key, entity = names.find(mention, doc_id)
            looked_up[key] = entity.id if entity is not None else ""
            return key, entity

        for triple, subject_mention, object_mention, written, dropped, _ in prepared:
            subject_key, subject = lookup(subject_mention)
            if subject is not None and written.lemma == "dateline":
                places[subject_key] = subject.type == "Place"
                if subject.type == "Place":
                    datelines.setdefault(doc_id, subject)  # "TUPELO, Miss. (AP) —"
            if subject is None or object_mention is None:
                continue
            obj: Entity | Value | None
            if _is_value(object_mention):
                obj = _value(object_mention, published)
            else:
                obj = lookup(object_mention)[1]
            if obj is None or obj == subject:
                continue
            if written.passive and isinstance(obj, Entity):
                subject, obj = obj, subject
            relation = self._relations.get(written) or self._relations.setdefault(
                written, canonical.relation(written)
            )
            if relation.lemma in wordings.CONVERSES and isinstance(obj, Entity):
                subject, obj = obj, subject  # "Chelsea lost to Arsenal": Arsenal defeated Chelsea
                relation = dataclasses.replace(relation, lemma=wordings.CONVERSES[relation.lemma])
            speakers = _stand_ins(triple.attribution) if triple.attribution is not None else ()
            speaker = lookup(speakers[0])[1] if len(speakers) == 1 else None
            said_by = speaker.id if speaker is not None else ""
            if triple.attribution is not None and not said_by:
                said_by = canonical.text(triple.attribution.text).casefold()
            time = _time_of(triple, published)
            yield merge.Sighting(
                subject=subject,
                relation=relation,
                object=obj,
                position=(doc_id, triple.sentence.start, triple.subject.start),
                time=time,
                evidence=Evidence(triple=triple, time=time, attributed_to=speaker),
                speaker=said_by,
                amounts=dropped,
            )


Reading = dict[str, Any]
"""What resolution made of one article (or one run of a long one), as JSON, kept with a graph.

The keys its names were looked up under, each with the id of the entity it found ("" for
none: `keys`); whether a dateline's subject was a place (`places`); its sentences and triples
(`n`); and each sighting it gave, with the sentence index and extractor that name its
statement (`s`). While every key finds the same entity, the article gives the same sightings
and statements: an add replays it instead of reading the article again (`Resolver`).
"""


def _reading(
    extraction: Extraction,
    sightings: Iterable[merge.Sighting],
    looked_up: Mapping[str, str],
    places: Mapping[str, bool],
) -> Reading:
    """An article's reading (`Reading`) from what resolution made of it."""
    compact = []
    for sighting in sightings:
        assert sighting.evidence is not None, "a sighting read from its article has evidence"
        triple, obj, time = sighting.evidence.triple, sighting.object, sighting.time
        compact.append(
            [
                sighting.subject.id,
                dataclasses.asdict(sighting.relation),
                obj.id if isinstance(obj, Entity) else [obj.text, obj.kind, obj.lexical, obj.unit],
                sighting.speaker,
                list(sighting.amounts),
                list(sighting.position[1:]),
                [time.text, time.kind, time.lexical, time.unit] if time is not None else None,
                [triple.sentence.index, triple.extractor],
            ]
        )
    return {
        "doc": extraction.doc_id,
        "n": [len(extraction.sentences), len(extraction.triples)],
        "keys": dict(looked_up),
        "places": dict(places),
        "s": compact,
    }


def _stored_value(fields: Sequence[Any]) -> Value:
    """A Value as a Reading keeps it: text, kind, lexical form, unit."""
    text, kind, lexical, unit = fields
    return Value(text=text, kind=kind, lexical=lexical, unit=unit)


def _by_article(readings: Iterable[Reading]) -> Iterator[list[Reading]]:
    """Readings grouped by article: the runs of a long one come one after another."""
    for _, runs in itertools.groupby(readings, key=lambda reading: reading["doc"]):
        yield list(runs)


@runtime_checkable
class Skipping(Protocol):
    """Extractions that can leave articles out unread (state.Articles, through the pipeline)."""

    def __iter__(self) -> Iterator[Extraction]: ...

    def skipping(self, ids: frozenset[str]) -> Iterable[Extraction]:
        """The extractions of the articles not in `ids`."""
        ...


def _concept(
    mention: Mention, names: frozenset[str], amounts: list[str], sentence_start: int
) -> Mention:
    """A concept argument as its canonical head phrase (canonical.argument).

    A name keeps its spelling, typography aside; amounts the head phrase drops ("profit of
    $2.47 billion", "40 homes") are added to `amounts`.
    """
    written = canonical.text(mention.text)
    if written != mention.text:
        mention = dataclasses.replace(mention, text=written)
    if mention.label is not None or mention.antecedents:
        return mention
    words = written.split()
    first = words[0] if words else ""
    proper = country_of(first) is not None or country_of(first.removesuffix("s")) is not None
    opening = mention.start == sentence_start and not proper  # "Russians" stays a name
    concept = canonical.argument(written, names, sentence_start=opening)
    if any(map(canonical.capitalised, concept.head.split())):
        return mention  # a name the model did not tag ("Ghost Ranch Quarry"), kept whole
    amounts.extend(concept.amounts)
    if concept.label == mention.text:
        return mention
    return dataclasses.replace(mention, text=concept.label)


_TIME_PREPOSITIONS = frozenset("in on at during by until since before after from".split())


def _when(relation: Relation, triple: Triple) -> tuple[Relation, Mention | None]:
    """A fact with no object but a time ("will step down in November") takes the time as one.

    So that two outlets reporting the same event of one party ("Alan Joyce resigned on
    Monday") share a fact; without a time, such a clause gives none.
    """
    if relation.lemma == "dateline":
        return relation, None
    for qualifier in triple.qualifiers:
        if qualifier.role != "time":
            continue
        first, _, tail = qualifier.text.partition(" ")
        if first.casefold() not in _TIME_PREPOSITIONS or not tail:
            return relation, None
        when = Mention(text=tail, start=qualifier.end - len(tail), end=qualifier.end, label="DATE")
        lemma = f"{relation.lemma} {first.casefold()}"
        return dataclasses.replace(relation, lemma=lemma), when
    return relation, None


def _qualifier_amounts(triple: Triple) -> list[str]:
    """Amounts in a fact's adjuncts other than its time ("for $69 billion", "by 69 votes")."""
    return [
        number
        for qualifier in triple.qualifiers
        if qualifier.role != "time"
        for number in canonical.argument(qualifier.text).amounts
        or re.findall(r"\d[\d,.]*\d|\d", qualifier.text)
    ]


_JOINT_EVENT = re.compile(
    r"(?:in|during|at|on)\s+(?:an?|the|their)?\s*(?:[\w-]+\s+)?"
    r"(?P<event>call|meeting|talks|summit|conversation)\b",
    re.IGNORECASE,
)
_EVENT_RELATIONS = {
    "call": "call with",
    "meeting": "meet",
    "summit": "meet",
    "talks": "talk with",
    "conversation": "talk with",
}


def _joint_events(triples: Sequence[Triple]) -> list[Triple]:
    """Read "In a video call, Putin and Xi pledged ..." as a call between the two.

    Conjoined subjects of one clause (the same relation and adjuncts in one sentence) that
    share an adjunct naming a call, meeting, summit or talks held that event together.
    """
    clauses: dict[tuple[int, str, tuple[str, ...]], list[Triple]] = {}
    for triple in triples:
        adjuncts = tuple(q.text for q in triple.qualifiers)
        if adjuncts and triple.subject.label != "PRON":
            key = (triple.sentence.index, triple.relation.lemma, adjuncts)
            clauses.setdefault(key, []).append(triple)
    events = []
    for clause in clauses.values():
        by_start = {t.subject.start: t for t in clause}
        subjects = [by_start[start] for start in sorted(by_start)]
        if len(subjects) != 2:
            continue
        first, second = subjects
        for qualifier in first.qualifiers:
            found = _JOINT_EVENT.match(qualifier.text)
            if found is not None:
                lemma = _EVENT_RELATIONS[found["event"].casefold()]
                relation = Relation(text=qualifier.text, lemma=lemma)
                events.append(
                    dataclasses.replace(
                        first, relation=relation, object=second.subject, qualifiers=(qualifier,)
                    )
                )
                break
    return events


def _pronoun_votes(triple: Triple) -> Votes:
    """A subject "he"/"she" stands for a person; "it" for anything but a person."""
    word = triple.subject.text.casefold()
    if triple.subject.label != "PRON" or not triple.subject.antecedents:
        return ()
    if word in PERSONAL_PRONOUNS:
        return (("Person", 2),)
    if word in NEUTER_PRONOUNS:
        return (("Person", -2),)
    return ()


def _office_of_country(relation: Relation, obj: Mention) -> tuple[Relation, Mention]:
    """Read "X is Russian President" as "X is president of Russia" (a demonym names a country).

    Only for a "be" fact whose object is a country's adjective or name before an office
    ("Russian President", "U.S. president", "Chinese leader"); anything else is kept as written.
    """
    if relation.lemma != "be" or relation.negated or obj.label in GRAPH_VALUE_LABELS:
        return relation, obj
    words = clean_label(obj.text).split()
    if len(words) < 2 or words[-1].casefold() not in OFFICES:
        return relation, obj  # "the Peruvian author": a nationality, not an office of Peru
    for cut in range(1, len(words)):
        modifier = " ".join(words[:cut])
        country = country_of(modifier)
        if country is None and modifier[:1].isupper():
            found = default_authority().lookup(modifier, "Place")
            country = found[0] if len(found) == 1 else None
        if country is not None:
            break
    else:
        return relation, obj
    role = " ".join(words[cut:]).casefold()
    start = obj.start + max(obj.text.find(modifier), 0)
    place = Mention(text=country.label, start=start, end=start + len(modifier), label="GPE")
    office = Relation(
        text=relation.text,
        lemma=f"be {role} of",
        modality=relation.modality,
        passive=False,
    )
    return office, place


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


def _untagged_name(mention: Mention) -> bool:
    """A capitalised argument NER gave no type: a name kept whole, or one tagged NORP.

    "Mr Johanns": a surname the model took for a people's name (see `_concept`); "the Melbourne
    Storm", whose label drops the article.
    """
    name = mention.text.removeprefix("the ").removeprefix("The ")
    return mention.label in (None, "NORP") and not mention.antecedents and name[:1].isupper()


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
