"""Names: spellings of one name merged into one entity, people by surname, links to authorities.

resolve reads every mention into a `NameTable`, then asks it for the entities; the table decides
each entity's type from the weighted votes of its mentions (`_evidence`) and links it to an
authority entry where exactly one fits.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graphkit import _acronyms
from graphkit._evidence import ACRONYM, plays_as_team, words_around
from graphkit._name_votes import NAME_CONNECTORS, Votes, is_listed_company, is_town, name_votes
from graphkit._people import PeopleIndex, same_person
from graphkit.authority import Authority, AuthorityEntry, compatible, fold, unaccented
from graphkit.authority._default import country_of
from graphkit.authority._gazetteer import city_population
from graphkit.canonical import capitalised
from graphkit.labels import SCHEMA_TYPES
from graphkit.types import Entity, Extraction, Mention
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
    folded = unaccented(label.casefold())  # "Sinéad" is "Sinead"
    folded = re.sub(r"isation\b", "ization", folded)  # "Organisation" is "Organization"
    words = re.findall(r"\w+", folded.replace(".", " ").replace("’", "'"))
    if words and words[0] == "the":
        words = words[1:]
    joined = " ".join(words)
    canonical = _CANONICAL.get(joined)
    return canonical.casefold() if canonical else joined


BIG_CITY = 500_000
"""People a GeoNames city must have for its name to vote 2 for Place, not 1: "Pune" tagged
PERSON or ORG once is the city."""
SIZABLE_CITY = 100_000
"""People a GeoNames city must have for its name to vote 2 for Place unless spaCy tagged it ORG:
"Goma", "Kutaisi" or "Mykolaiv" tagged PERSON once is the city, while "Toyota", "Columbia" and
"Halifax" tagged ORG are firms named for their towns as often."""
TEAM = "\x1fteam"
"""What a key of a place's name is followed by where an article reads it as its team's."""

_WORDED_EACH_ARTICLE = frozenset(("Event", "Product", "CreativeWork"))
"""Types whose name's own words vote once an article, not once a build: such names' ends
("Championships", "Space Station") are rarely wrong, and the model tags them ORG again and again."""
_Cut = Callable[[Mention], tuple[str, str, str]]
_STATE_ABBREVIATIONS = frozenset("NSW QLD WA SA NT ACT".split())
"""Australian states and territories as their own news names them ("WA", "NSW"), in capitals."""


class NameTable:
    """Collects mentions, then merges spellings of one name into one Entity.

    A key is a name's `name_key`; a homonym that an article's context links to one authority
    entry gets a key of its own in that article (key + IRI), so "Georgia" near "Tbilisi" and
    "Georgia" near "Atlanta" become two entities. So does a place's name that an article reads as
    its team's (key + `TEAM`: "India" in "India's Test captain"), a body never linked to the place.
    """

    def __init__(self, authority: Authority | None, places: frozenset[str] = frozenset()) -> None:
        self._authority = authority
        self._places = places  # `fold`ed names of places: type evidence, not links
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._votes: dict[str, Counter[str]] = defaultdict(Counter)  # weighted type votes
        self._ner: dict[str, Counter[str]] = defaultdict(Counter)  # NER labels, for ties
        self._evidence: dict[str, Counter[str]] = defaultdict(Counter)  # votes beyond NER
        self._ids: dict[str, Entity] = {}
        self._used: set[str] = set()
        self._keys: dict[str, tuple[str, str]] = {}  # mention text → (label, key)
        self._entries: dict[str, tuple[AuthorityEntry, ...]] = {}  # label → authority entries
        self._in_article: dict[tuple[str, str], str] = {}  # (doc id, key) → key + IRI
        self._linked: dict[str, AuthorityEntry] = {}  # key + IRI → its entry
        self._together: Counter[tuple[str, str]] = Counter()  # (surname, full name) in one doc
        self._surnames: set[str] = set()  # keys that stand beside a full name in some article
        self._counted: set[tuple[int, int]] = set()  # mention spans of this article voted on
        self._gazetteer: dict[str, int] = {}  # keys spelled as a known place: the vote's weight
        self._teams: set[str] = set()  # keys of places' names read as their teams' (key + TEAM)
        self._listed: set[str] = set()  # keys spelled as a listed company's name
        self._conjuncts: dict[str, set[str]] = defaultdict(set)  # "X and Y": keys joined so
        self._worded: set[str] = set()  # keys whose own words voted in this article
        self._documents: set[str] = set()  # ids of the articles read
        self._changed: set[str] = set()  # keys whose own counts changed since `restore`
        self._earlier: _Decisions | None = None  # what `entities` decided before `restore`
        self._decided: _Decisions | None = None  # what `entities` decided last

    @property
    def documents(self) -> frozenset[str]:
        """The ids of the articles whose names the table has read."""
        return frozenset(self._documents)

    def saved(self) -> dict[str, Any]:
        """What the table has read, as JSON: what `restore` goes on from (a kept graph's state).

        Counts and sets, and what `entities` decided last that a later table need not decide
        again (`_Decisions`).
        """
        return {
            "documents": sorted(self._documents),
            "labels": self._labels,
            "votes": self._votes,
            "ner": self._ner,
            "evidence": self._evidence,
            "used": sorted(self._used),
            "in_article": sorted([*pair, key] for pair, key in self._in_article.items()),
            "linked": {key: dataclasses.asdict(entry) for key, entry in self._linked.items()},
            "together": sorted([*pair, count] for pair, count in self._together.items()),
            "surnames": sorted(self._surnames),
            "gazetteer": self._gazetteer,
            "teams": sorted(self._teams),
            "listed": sorted(self._listed),
            "conjuncts": {key: sorted(keys) for key, keys in self._conjuncts.items()},
            **({} if self._decided is None else {"decided": self._decided.saved()}),
        }

    def restore(self, saved: Mapping[str, Any]) -> None:
        """Go on from what an earlier table read (`saved`): add the names of other articles."""
        self._documents.update(saved["documents"])
        for name in ("labels", "votes", "ner", "evidence"):
            table: dict[str, Counter[str]] = getattr(self, f"_{name}")
            for key, counts in saved[name].items():
                table[key].update(counts)
        self._used.update(saved["used"])
        self._in_article.update(((doc, key), split) for doc, key, split in saved["in_article"])
        for key, fields in saved["linked"].items():
            lists = {name: tuple(v) for name, v in fields.items() if isinstance(v, list)}
            self._linked[key] = AuthorityEntry(**{**fields, **lists})
        self._together.update({(short, full): n for short, full, n in saved["together"]})
        self._surnames.update(saved["surnames"])
        self._gazetteer.update(saved["gazetteer"])
        self._teams.update(saved["teams"])
        self._listed.update(saved["listed"])
        for key, keys in saved["conjuncts"].items():
            self._conjuncts[key].update(keys)
        if "decided" in saved:
            self._earlier = _Decisions.restore(saved["decided"])

    def _label_and_key(self, text: str) -> tuple[str, str]:
        found = self._keys.get(text)
        if found is None:
            label = clean_label(text)
            found = self._keys[text] = (label, name_key(label))
        return found

    def _key(self, text: str, doc_id: str) -> tuple[str, str]:
        label, key = self._label_and_key(text)
        return label, self._in_article.get((doc_id, key), key)

    def _candidates(self, label: str) -> tuple[AuthorityEntry, ...]:
        found = self._entries.get(label)
        if found is None:
            found = tuple(self._authority.lookup(label)) if self._authority else ()
            self._entries[label] = found
        return found

    def start_document(self, extraction: Extraction, arguments: Sequence[Mention]) -> None:
        """Read one article's names before its mentions are added.

        Notes which homonym the article's context names, and which surnames stand beside
        which full names in it.
        """
        doc_id = extraction.doc_id
        self._documents.add(doc_id)
        self._counted = set()
        self._worded = set()
        mentions = [*extraction.mentions, *arguments]
        labels = {self._label_and_key(m.text) for m in mentions}
        homonyms = [(label, key) for label, key in labels if len(self._candidates(label)) > 1]
        if homonyms:
            present = {fold(label) for label, _ in labels}
            for label, key in homonyms:
                entries = self._candidates(label)
                named = [e for e in entries if present.intersection(fold(c) for c in e.context)]
                if len(named) == 1:
                    self._in_article[doc_id, key] = split = f"{key}\x1f{named[0].iri}"
                    self._linked[split] = named[0]
                    self._changed.add(split)
        cut = words_around(extraction)
        for key in self._teams_in(mentions, cut):
            self._in_article[doc_id, key] = team = f"{key}{TEAM}"
            self._teams.add(team)
            self._changed.add(team)
        self._read_conjuncts(mentions, cut, doc_id)
        people = {self._label_and_key(m.text)[1] for m in mentions if m.label == "PERSON"}
        surnames = {key for key in people if len(key.split()) == 1}
        for full in people - surnames:
            for short in surnames:
                if same_person(short, full, fuzzy=True, given=True):
                    self._beside(short, full)
        firms = {self._label_and_key(m.text) for m in mentions if m.label == "ORG"}
        lone = {key for label, key in firms if " " not in label} - people  # "O'Connor" too
        if not lone:
            return  # no surname to join: no name's shape need be read
        shaped = {key for label, key in firms if ("Person", 2) in name_votes(label)}
        for full in (people - surnames) | shaped:  # "Joko Widodo" (tagged ORG), "Widodo's son"
            for short in lone:
                if full.endswith(f" {short}"):
                    self._beside(short, full)

    def _read_conjuncts(self, mentions: Sequence[Mention], cut: _Cut, doc_id: str) -> None:
        """Note names joined by "and", "or" or "nor": most often things of one kind."""
        starting: dict[int, list[Mention]] = defaultdict(list)
        for mention in {(m.start, m.end): m for m in mentions}.values():
            if mention.label is None or mention.label in SCHEMA_TYPES or _misread_people(mention):
                starting[mention.start].append(mention)  # not "Chinese", "2024"
        for first in [m for ms in starting.values() for m in ms]:
            end = first.end
            for second in [m for start in range(end + 4, end + 6) for m in starting.get(start, ())]:
                before, _, after = cut(second)
                start = second.start
                if _TIED.match(after) or _is_article(first) != _is_article(second):
                    continue  # "X and Western Australia-based CBH", "Marvin Davis and the Sun"
                if start - len(before) <= first.start and before.endswith(
                    (" and ", " or ", " nor "), len(before) - (start - end)
                ):
                    one, other = self._key(first.text, doc_id), self._key(second.text, doc_id)
                    if _is_name(*one) and _is_name(*other):
                        self._join(one[1], other[1])

    def _join(self, key: str, other: str) -> None:
        """Note two keys joined by "and": new to each other, their groups' types may change."""
        if other not in self._conjuncts[key]:
            self._conjuncts[key].add(other)
            self._conjuncts[other].add(key)
            self._changed.update((key, other))

    def _teams_in(self, mentions: Sequence[Mention], cut: _Cut) -> set[str]:
        """Keys of places' names the article reads as their teams', 3 votes a mention so read.

        Whatever the model tagged them ("Limerick" PERSON, "Kilkenny" nothing).
        """
        teams: set[str] = set()
        seen: set[tuple[int, int]] = set()
        for mention in mentions:
            label, key = self._label_and_key(mention.text)
            if (mention.start, mention.end) in seen or not label[:1].isupper():
                continue
            seen.add((mention.start, mention.end))
            if fold(label) not in self._places and not is_town(label):
                continue
            if plays_as_team(*cut(mention)):
                teams.add(key)
                team = f"{key}{TEAM}"
                self._votes[team]["Organization"] += 3
                self._evidence[team]["Organization"] += 3
                self._changed.add(team)
        return teams

    def _beside(self, short: str, full: str) -> None:
        """Note a surname standing beside its full name in an article: a person's, 2 votes."""
        self._together[short, full] += 1
        self._surnames.add(short)
        self._changed.add(short)
        self._votes[short]["Person"] += 2
        self._evidence[short]["Person"] += 2

    def add(
        self, mention: Mention, doc_id: str, *, used: bool = True, votes: Votes | None = None
    ) -> None:
        """Count a spelling and its type votes; only names `used` in a fact become nodes."""
        label, key = self._key(mention.text, doc_id)
        if not _is_name(label, key):
            return
        self._changed.add(key)
        spellings = self._labels[key]
        if label not in spellings and key not in self._teams:  # a team's: no place's words
            votes = (*name_votes(label), *(votes or ()))  # what its own words say ("... Highway")
            if is_listed_company(label):
                self._listed.add(key)
            if not self._places or not label[:1].isupper():
                pass  # no authority, or a word ("talent", "vice")
            elif fold(label) in self._places or label in _STATE_ABBREVIATIONS:  # a country, ...
                self._gazetteer[key] = 3
            elif is_town(label):  # a city in GeoNames: a weaker vote, 2 for a big city
                self._gazetteer.setdefault(key, 2 if city_population(label) >= BIG_CITY else 1)
        elif key not in self._worded and key not in self._teams:
            # an event's, a craft's or a work's own words say so in each article, as its tags
            # do ("World Athletics Championships" tagged ORG in two)
            kept = tuple(v for v in name_votes(label) if v[0] in _WORDED_EACH_ARTICLE)
            votes = (*kept, *(votes or ()))
        self._worded.add(key)
        spellings[label] += 1
        if used:
            self._used.add(key)
        kind = SCHEMA_TYPES.get(mention.label or "")
        if kind == "Person" and ACRONYM.match(label):
            kind = "Organization"  # "MLA's media statement", tagged PERSON: a body's acronym
        if kind is not None and (mention.start, mention.end) not in self._counted:
            self._counted.add((mention.start, mention.end))  # one NER vote a mention
            self._votes[key][kind] += 1
            self._ner[key][kind] += 1
        for kind, weight in votes or ():
            self._votes[key][kind] += weight
            if weight > 0:
                self._evidence[key][kind] += weight

    def find(self, mention: Mention, doc_id: str) -> tuple[str, Entity | None]:
        """The key a mention is looked up under in its article, and its entity, if any."""
        key = self._key(mention.text, doc_id)[1]
        return key, self._ids.get(key)

    def entity(self, key: str) -> Entity | None:
        """The entity of a key (after `entities()`), if any."""
        return self._ids.get(key)

    def entities(self, minted: Mapping[str, str] | None = None) -> tuple[Entity, ...]:
        """One Entity per group of keys; a group with a key in `minted` keeps that key's id.

        `minted` maps keys to the ids an earlier build gave them (`keys()`), so that an
        entity's IRI stays stable once minted, whatever its label becomes.
        """
        kinds, links = self._kinds_and_links()
        matched = self._people_matches(kinds, links)
        grouped = self._group(kinds, links, matched)
        groups = [g for g in sorted(grouped, key=min) if self._used & set(g)]
        group_kinds: dict[str, str] = {}  # a group's least key → its type
        kept: dict[str, str] = {}  # min key of a group → the id it keeps
        used: set[str] = set()  # the ids kept so far
        minted = minted or {}
        for members in groups:  # ids minted in an order-free order
            earlier = sorted({minted[k] for k in members if k in minted} - used)
            if earlier:
                kept[min(members)] = earlier[0]
                used.add(earlier[0])
        for members in groups:
            linked = next((links[key] for key in members if links[key] is not None), None)
            if linked is not None:
                kind = linked.type
            elif (kept_kind := self._kept_kind(members)) is not None:
                kind = kept_kind
            else:
                votes: Counter[str] = Counter()
                ner: Counter[str] = Counter()
                for key in members:
                    if kinds[key] != "Thing" or self._ner.get(key):
                        votes.update(self._votes_of(key))
                        ner.update(self._ner.get(key, {}))
                kind = self._decide(votes, ner)
                if _margin(votes) <= 1 and any(
                    any(map(capitalised, self._labels[key]))
                    if kinds[key] != "Thing"
                    else all(map(_title_cased, self._labels[key]))  # a name the model missed
                    for key in members
                ):  # thin evidence: the kind of a clearer name it is joined to counts too
                    joined = self._joined_votes(members, kinds, unvoted=not +votes)
                    kind = self._decide(votes + joined, ner)
            label = _canonical_label(members, self._labels)
            entity_id = kept.get(min(members)) or _free_id(label, kind, linked, used)
            entity = Entity(
                id=entity_id,
                label=label,
                type=kind,
                aliases=frozenset(name for k in members for name in self._labels[k]) - {label},
                same_as=linked.iri if linked else None,
            )
            for key in members:
                self._ids[key] = entity
            group_kinds[min(members)] = kind
        self._decided = _Decisions(
            kinds=kinds,
            links={key: entry.iri for key, entry in links.items() if entry is not None},
            matches=matched,
            groups={key: frozenset(group) for group in grouped if len(group) > 1 for key in group},
            group_kinds=group_kinds,
        )
        return tuple({entity.id: entity for entity in self._ids.values()}.values())

    def _kept_kind(self, members: list[str]) -> str | None:
        """The type decided before `restore` of a group that is as it was, if it is.

        It was if it had the same keys, none of which the articles read since changed, nor
        any joined to them by "and" (`_joined_votes`). On ABC, deciding the entities of an add
        of 10 articles took 0.62-0.77 s so, 0.83-0.88 s without.
        """
        earlier, changed = self._earlier, self._changed
        if earlier is None:
            return None
        first = min(members)
        if earlier.group_of(first) != frozenset(members):
            return None
        for key in members:
            if key in changed or not changed.isdisjoint(self._conjuncts.get(key, ())):
                return None
        return earlier.group_kinds.get(first, "Thing")

    def _joined_votes(
        self, members: list[str], kinds: Mapping[str, str], *, unvoted: bool
    ) -> Counter[str]:
        """Votes from the names joined to a group's by "and", "or" or "nor".

        2 for the kind of each whose own votes lead by 2 or more: "Rheinmetall and Leonardo".
        For a group with no vote at all (`unvoted`), 1 for one that leads by 1, a single NER
        tag: "UNICEF and Save the Children", "Vodacom and Airtel".
        """
        votes: Counter[str] = Counter()
        joined = set().union(*(self._conjuncts.get(key, ()) for key in members))
        for other in sorted(joined.difference(members)):
            if kinds.get(other, "Thing") == "Thing":
                continue
            margin = _margin(self._votes_of(other))
            if margin >= 2:
                votes[kinds[other]] += 2
            elif margin == 1 and unvoted:
                votes[kinds[other]] += 1
        return votes

    def keys(self) -> dict[str, str]:
        """Every key of a node and its entity's id (after `entities()`), for `entities(minted)`."""
        return {key: entity.id for key, entity in sorted(self._ids.items())}

    def _kinds_and_links(self) -> tuple[dict[str, str], dict[str, AuthorityEntry | None]]:
        """Each key's own type and authority link (`_kind`, `_link`).

        Both depend on the key's own counts alone, so a key the articles read since `restore`
        did not change keeps what was decided of it then: on ABC, an add of 10 articles
        decides 544 of 45,827 keys again.
        """
        earlier, changed = self._earlier, self._changed
        kinds: dict[str, str] = {}
        links: dict[str, AuthorityEntry | None] = {}
        for key in self._labels:
            if earlier is not None and key not in changed:  # a key `restore` read
                kinds[key] = kind = earlier.kinds.get(key, "Thing")
                iri = earlier.links.get(key)
                links[key] = None if iri is None else self._entry(key, iri) or self._link(key, kind)
            else:
                kinds[key] = kind = self._kind(key)
                links[key] = self._link(key, kind)
        return kinds, links

    def _entry(self, key: str, iri: str) -> AuthorityEntry | None:
        """The entry `_link` gave `key` when it linked it to `iri`, if still one of its own."""
        if key in self._linked:
            return self._linked[key]
        entries = (entry for label in self._labels[key] for entry in self._candidates(label))
        return next((entry for entry in entries if entry.iri == iri), None)

    def _kind(self, key: str) -> str:
        """A key's own type; a concept (no NER tag, no capital letter) stays a Thing."""
        ner = self._ner.get(key)
        if not ner and not any(map(capitalised, self._labels[key])):
            return "Thing"
        return self._decide(self._votes_of(key), ner)

    def _votes_of(self, key: str) -> Counter[str]:
        """A key's votes, with a Place vote for a place's name unless the context says otherwise.

        A country's, state's or capital's name ("Adelaide", "Queensland") votes 3, more than two
        NER tags of another type ("Western Australia's Pilbara region", tagged ORG twice); a
        city's in GeoNames ("Tamworth", "Esperance") 1, which ties one NER tag of another type,
        and a big city's (`BIG_CITY`: "Pune"; `SIZABLE_CITY` unless tagged ORG: "Kutaisi") 2,
        which outvotes one; the words of a sentence weigh
        as much or more ("Toyota", "Temple" and "Chelsea" are cities too; "at Esperance in
        Western Australia" adds 2 in `_evidence.context_votes`). No vote where the
        context says Person with weight 2 or more (a title, an honorific, a pronoun, a role, a
        given name), where the key is a surname beside a full name ("Lincoln", "Jackson"), and for
        a city's name where it says Organization ("mining giant Rio Tinto") or spaCy saw no name.
        A listed company's name loses its NER tags of other types, however many mentions have
        them ("Netflix" tagged GPE): what its name says of it is voted once (`add`).
        """
        votes = Counter(self._votes.get(key, {}))
        weight = self._gazetteer.get(key, 0)
        tags: Counter[str] = self._ner.get(key, Counter())
        if weight == 1 and not tags.get("Organization") and self._sizable(key):
            weight = 2  # "Kutaisi" tagged PERSON: a city of 100,000 outvotes one tag
        if weight < 3 and not tags:
            weight = 0  # a city's name spaCy took for no name at all: "Parkinson", "Orion"
        evidence = self._evidence.get(key, Counter())
        if weight < 3 and evidence["Organization"] >= 2:
            weight = 0  # "mining giant Rio Tinto": a city's name, but the words say a firm
        if weight and evidence["Person"] < 2 and key not in self._surnames:
            votes["Place"] += weight
        if key in self._listed:  # its NER tags of other types are the model's slips: "Netflix"
            for kind, count in self._ner.get(key, {}).items():
                if kind != "Organization":
                    votes[kind] -= count
        return votes

    def _sizable(self, key: str) -> bool:
        """Tell whether a spelling of `key` is a city's of `SIZABLE_CITY` people or more."""
        return any(city_population(label) >= SIZABLE_CITY for label in self._labels[key])

    @staticmethod
    def _decide(votes: Counter[str] | None, ner: Counter[str] | None) -> str:
        """The type with the most weight, ties to the NER majority; "Thing" if none is positive."""
        if not votes:
            return "Thing"
        ner = ner or Counter()
        best = max(votes, key=lambda kind: (votes[kind], ner[kind], kind == "Person"))
        return best if votes[best] > 0 else "Thing"

    def _link(self, key: str, kind: str) -> AuthorityEntry | None:
        """The one authority entry all spellings of `key` name, if its type fits `kind`."""
        if key in self._teams:
            return None  # a team, not the place it is named for
        iris: dict[str, AuthorityEntry] = {}
        for label in self._labels[key]:
            for entry in self._candidates(label):
                iris.setdefault(entry.iri, entry)
        if key in self._linked:  # a homonym its article's context decided
            iris = {self._linked[key].iri: self._linked[key]}
        if len(iris) != 1:
            return None  # unknown, or a homonym that no article's context decided
        [entry] = iris.values()
        if compatible(entry.type, kind):
            return entry
        # The entry's type wins over NER tags ("Kyiv" tagged PERSON), not over other evidence:
        # a title, a pronoun, a role, or a full name the key is the surname of in an article.
        if self._evidence.get(key, Counter())[kind] > 0 or key in self._surnames:
            return None
        return entry

    def _group(
        self,
        kinds: dict[str, str],
        links: dict[str, AuthorityEntry | None],
        matched: Mapping[str, list[str]],
    ) -> list[list[str]]:
        """Group keys naming one thing: one authority IRI, a person's surname, a near spelling.

        Two keys linked to different IRIs are never in one group. `matched`: each person's
        matches, in `_person_order` (`_people_matches`).
        """
        parent = {key: key for key in self._labels}
        iri = {key: entry.iri for key, entry in links.items() if entry is not None}

        def find(key: str) -> str:
            while parent[key] != key:
                key = parent[key]
            return key

        def union(short: str, full: str) -> None:
            a, b = find(short), find(full)
            if a != b and (a not in iri or b not in iri or iri[a] == iri[b]):
                parent[a] = b
                if a in iri:
                    iri.setdefault(b, iri[a])

        by_iri: dict[str, str] = {}
        for key, found in iri.copy().items():
            union(key, by_iri.setdefault(found, key))
        for short, full in _acronyms.pairs(self._labels):  # "FTC", "Federal Trade Commission"
            linked = iri.get(find(short))  # "US", the United States: not "University of Sydney"
            if (
                "Person" not in (kinds[short], kinds[full])
                and not self._teams & {short, full}
                and linked in (None, iri.get(find(full)))
            ):
                union(short, full)

        for short, matches in matched.items():
            if len(short.split()) == 1:
                matches = self._surname_matches(short, matches)
            if matches:
                union(short, matches[0])
        groups: dict[str, list[str]] = defaultdict(list)
        for key in self._labels:
            groups[find(key)].append(key)
        return list(groups.values())

    def _people_matches(
        self, kinds: Mapping[str, str], links: Mapping[str, AuthorityEntry | None]
    ) -> dict[str, list[str]]:
        """Each person's `PeopleIndex.matches` among the people, in `_person_order`.

        A person is a key of type Person not linked to a place or a body (`_personal`). Its
        matches are the people that pass a test of the two names alone, so a person whose
        matches were decided before `restore` (`_earlier`), none of them gone from the people
        since, keeps them, with those of the people that are new since (ABC's 5,273 people:
        matching and grouping took 1.3-1.4 s an add, and 0.6-0.9 s so).
        """
        people = sorted(
            (key for key, kind in kinds.items() if kind == "Person" and _personal(links[key])),
            key=_person_order,
        )
        index = PeopleIndex(people)
        earlier = self._earlier.matches if self._earlier is not None else {}
        now = set(people)
        gone = {key for key in earlier if key not in now}
        new = PeopleIndex([key for key in people if key not in earlier])
        found: dict[str, list[str]] = {}
        for short in people:
            before = earlier.get(short)
            if before is None or gone.intersection(before):
                found[short] = index.matches(short)
                continue
            both = sorted({*before, *new.matches(short)}, key=_person_order)
            found[short] = both if len(short.split()) == 1 else both[:1]
        return found

    def _surname_matches(self, short: str, matches: list[str]) -> list[str]:
        """The full name a lone surname joins, if any.

        The only exact match, else the one it stands beside in articles; a near spelling
        ("Zelensky") only beside it in an article.
        """
        together = [full for full in matches if self._together[short, full]]
        exact = [full for full in matches if same_person(short, full, fuzzy=False)]
        if len(exact) == 1 and (not together or together == exact):
            return exact
        if together:
            best = max(self._together[short, full] for full in together)
            top = [full for full in together if self._together[short, full] == best]
            return top if len(top) == 1 else []
        return []


def _personal(entry: AuthorityEntry | None) -> bool:
    """Whether a Person key so linked is a person's (one linked to a place or body is not)."""
    return entry is None or entry.type == "Person"


def _person_order(key: str) -> tuple[int, str]:
    """The order people are matched in: longer names first (`PeopleIndex`), then by key."""
    return -len(key.split()), key


@dataclasses.dataclass(frozen=True, slots=True)
class _Decisions:
    """What `NameTable.entities` decided of each key alone, kept for a later table (`saved`).

    Each key's type and authority link, and each person's matches: what resolution spent
    most of an add's time on deciding again, for keys the new articles did not change.
    """

    kinds: Mapping[str, str]
    """Key → its type; saved for keys of another type than "Thing" only (three in four are
    concepts), which a key `restore` read and has no type of is."""
    links: Mapping[str, str]
    """Key → the IRI of its authority entry, for keys linked to one."""
    matches: Mapping[str, list[str]]
    """Each person's key → the keys of the full names it may name (`PeopleIndex.matches`)."""
    groups: Mapping[str, frozenset[str]]
    """Each key grouped with others (`NameTable._group`) → its group; the others were alone."""
    group_kinds: Mapping[str, str]
    """Each entity's type, by the least key of its group; saved for types other than "Thing"
    only."""

    def group_of(self, key: str) -> frozenset[str]:
        """The keys `key` was grouped with, itself among them."""
        return self.groups.get(key) or frozenset((key,))

    def saved(self) -> dict[str, Any]:
        return {
            "kinds": _by_kind(self.kinds),
            "links": dict(sorted(self.links.items())),
            "matches": dict(sorted(self.matches.items())),
            "groups": sorted({tuple(sorted(group)) for group in self.groups.values()}),
            "group_kinds": _by_kind(self.group_kinds),
        }

    @classmethod
    def restore(cls, saved: Mapping[str, Any]) -> _Decisions:
        groups = [frozenset(group) for group in saved["groups"]]
        return cls(
            kinds=_of_kind(saved["kinds"]),
            links=saved["links"],
            matches=saved["matches"],
            groups={key: group for group in groups for key in group},
            group_kinds=_of_kind(saved["group_kinds"]),
        )


def _by_kind(kinds: Mapping[str, str]) -> dict[str, list[str]]:
    """Keys by their type, "Thing" left out (three keys in four are concepts)."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for key, kind in sorted(kinds.items()):
        if kind != "Thing":
            by_kind[kind].append(key)
    return dict(sorted(by_kind.items()))


def _of_kind(by_kind: Mapping[str, list[str]]) -> dict[str, str]:
    """What `_by_kind` made, back: key → type, for types other than "Thing"."""
    return {key: kind for kind, keys in by_kind.items() for key in keys}


def _free_id(label: str, kind: str, linked: AuthorityEntry | None, used: set[str]) -> str:
    """The entity's slug: its label's, else with its type, its authority id or a number added.

    Two people called John Smith, or Georgia the country and the US state, get two.
    """
    tails = ["", kind, *([linked.iri.rstrip("/").rsplit("/", 1)[-1]] if linked else [])]
    for tail in itertools.chain(tails, map(str, itertools.count(2))):
        entity_id = slug(f"{label} {tail}".strip())
        if entity_id not in used:
            used.add(entity_id)
            return entity_id
    raise AssertionError("unreachable: itertools.count never ends")


def _canonical_label(members: list[str], spellings: dict[str, Counter[str]]) -> str:
    """The known name, else the commonest spelling of the longest, most used key of a group."""
    for key in sorted(members):
        if key in _KNOWN_KEYS:
            return _KNOWN_KEYS[key]
    # Ties go to the greater key and spelling, so that the input order never decides.
    longest = max(members, key=lambda key: (len(key.split()), sum(spellings[key].values()), key))
    return max(spellings[longest].items(), key=lambda item: (item[1], item[0]))[0]


_TIED = re.compile(r"^(?:-|['’]s?\b)")
"""After a name, what makes it a modifier of the next word: "Perth-based", "Canada's"."""


def _misread_people(mention: Mention) -> bool:
    """A name tagged as a people's that no country's demonym is: "Vodacom" (NORP) and Airtel."""
    return mention.label == "NORP" and country_of(mention.text) is None


def _title_cased(label: str) -> bool:
    """Every word capitalised but a name's small words: "Woolworths", "Bank of America"."""
    words = label.split()
    return all(capitalised(w) or w in NAME_CONNECTORS for w in words) and capitalised(words[-1])


def _is_article(mention: Mention) -> bool:
    return mention.text.startswith(("the ", "The "))


def _margin(votes: Counter[str]) -> int:
    """How far the best-voted type leads the next (or nothing, if no type has a vote)."""
    top = sorted((max(v, 0) for v in votes.values()), reverse=True)
    return top[0] - top[1] if len(top) > 1 else top[0] if top else 0


def _is_name(label: str, key: str) -> bool:
    return (
        bool(key)
        and key not in _NOT_A_NAME
        and _ALNUM.search(label) is not None
        and (len(label.split()) <= 12)
    )
