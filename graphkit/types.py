"""The plain records that flow between graphkit's stages (no spaCy, no rdflib)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article: its text and what is known about where it came from."""

    id: str
    text: str
    source: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """One sentence of a Document, located by character offsets into its text."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A stretch of text that names something: an entity, a noun phrase, a value or a pronoun.

    `label` is spaCy's entity label, "PRON" for a pronoun, "CLAUSE" for a whole reported clause,
    or None for a plain noun phrase. `antecedents` names what a pronoun stands for, when clear.
    """

    text: str
    start: int
    end: int
    label: str | None = None
    antecedents: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """The predicate of a triple, as written and normalised.

    `passive` marks a passive clause whose object is the agent ("China was praised by Russia"):
    the triple is kept as written and the graph asserts the active form (Russia, praise, China).
    """

    text: str
    lemma: str
    negated: bool = False
    modality: str | None = None
    passive: bool = False

    @property
    def label(self) -> str:
        """The relation's name in the graph: its lemma, with "not" when negated."""
        return f"not {self.lemma}" if self.negated else self.lemma


@dataclass(frozen=True, slots=True, kw_only=True)
class Qualifier:
    """A modifier of a whole fact kept apart from its object: when, where, or another adjunct."""

    role: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Triple:
    """One claim read off one sentence, before entities are resolved (`graphkit extract`)."""

    subject: Mention
    relation: Relation
    object: Mention | None
    sentence: Sentence
    extractor: str
    confidence: float
    qualifiers: tuple[Qualifier, ...] = ()
    attribution: Mention | None = None
    rule: str = ""
    """The extractor's rule that read it ("clause", "title", "nesting", ...), if it names one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything read from one document: its sentences, mentions and triples; no spaCy inside."""

    doc_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """One real-world thing, however many ways the articles spell it."""

    id: str
    label: str
    type: str
    aliases: frozenset[str] = frozenset()
    same_as: str | None = None
    """The IRI of the authority entry this entity is linked to (schema:sameAs), if any."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """A literal object: an amount, a date, or text kept as written.

    `kind` is "quantity", "date" or "text"; `lexical` is the canonical form for the datatype
    ("245000000000", "2024-01-21"), `unit` an ISO 4217 code, "percent", or None.
    """

    text: str
    kind: str
    lexical: str
    unit: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One sighting of a fact: the triple as extracted, its resolved time and speaker."""

    triple: Triple
    time: Value | None = None
    attributed_to: Entity | None = None
    relation: Relation | None = None
    """What the article's own words read as, when its fact is named otherwise (merge.py)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class KeptStatement:
    """A statement of an article a kept graph does not read again (resolve.Reading).

    Its quads are the article's kept ones; this names the statement again for its fact.
    """

    relation: Relation
    """The article's own relation."""
    doc_id: str
    sentence: int
    """The sentence's index in its article."""
    subject_start: int
    extractor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """A resolved claim and what its sightings add up to.

    The sightings themselves (Evidence) are not kept here: a build reads them again, one
    article at a time, to write each article's statements (resolve.Resolver.statements), so
    that memory grows with the facts, not with how often they are said.
    """

    subject: Entity
    relation: Relation
    object: Entity | Value
    key: str = ""
    """The canonical form it was merged under (merge.py); its IRI is minted from it."""
    documents: frozenset[str] = frozenset()
    """The ids of the articles that state it."""
    times: frozenset[str] = frozenset()
    """The dates its sightings give (xsd lexical forms), for reconcile."""
    wordings: frozenset[Relation] = frozenset()
    """The articles' own relations where they name it otherwise (Evidence.relation)."""
    first: tuple[str, int, int] = ("", 0, 0)
    """Where it was first read (article id, sentence offset, subject offset): an order-free pick."""
    sightings: int = 0
