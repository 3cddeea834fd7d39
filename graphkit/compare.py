"""Compare sources in a built graph: the conflicts table and the diff between two outlets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset

from graphkit.errors import GraphkitError
from graphkit.query import Rows, select

CONFLICTS_QUERY = """
SELECT ?what ?value ?source ?sentence WHERE {
  ?conflict a gk:Conflict ; rdfs:label ?what ; gk:statement ?st .
  ?st prov:wasDerivedFrom ?doc ; gk:sentence ?sentence ; gk:objectText ?value .
  ?doc gk:sourceFile ?file .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:publisher ?publisher }
  BIND(COALESCE(?publisher, ?title, ?file) AS ?source)
} ORDER BY ?what ?source"""
"""Each conflict's value per source, with the sentence it was read from."""

_ARTICLES = """
SELECT ?doc ?file ?title ?publisher WHERE {
  ?doc a schema:NewsArticle ; gk:sourceFile ?file .
  OPTIONAL { ?doc schema:headline ?title }
  OPTIONAL { ?doc schema:publisher ?publisher } }"""

_FACTS = """
SELECT DISTINCT ?doc ?subject ?relation ?object ?conflict ?fact WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?said ; rdf:object ?o ;
      prov:wasDerivedFrom ?doc .
  OPTIONAL { ?fact a gk:Fact ; gk:statement ?st ; rdf:predicate ?named }
  BIND(COALESCE(?named, ?said) AS ?p)
  ?s rdfs:label ?subject . ?p rdfs:label ?relation .
  OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?st gk:objectText ?otext }
  OPTIONAL { ?conflict a gk:Conflict ; gk:statement ?st }
  BIND(COALESCE(?olabel, ?otext, STR(?o)) AS ?object) }"""

NEAR_MATCHES_QUERY = """
SELECT ?score ?subject ?relation ?other ?object ?a ?b WHERE {
  ?match a gk:NearMatch ; gk:score ?score ; gk:fact ?a, ?b .
  FILTER(STR(?a) < STR(?b))
  ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?b rdf:predicate ?q .
  ?s rdfs:label ?subject . ?p rdfs:label ?relation . ?q rdfs:label ?other . ?o rdfs:label ?object .
} ORDER BY DESC(?score) ?subject ?relation ?other"""
"""Facts on the same two arguments whose canonical relations differ (gk:relatedFact), scored."""

Fact = tuple[str, str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceDiff:
    """Facts of two sources sorted into only-A, only-B, both, and in conflict."""

    source_a: str
    source_b: str
    only_a: tuple[Fact, ...]
    only_b: tuple[Fact, ...]
    both: tuple[Fact, ...]
    conflicts: tuple[tuple[Fact, Fact], ...]
    near: tuple[tuple[Fact, Fact], ...] = ()
    """A fact of A and a near match of it in B (gk:relatedFact): nearly the same, not one."""

    def to_text(self) -> str:
        """The four sections as plain text, one fact a line, as `graphkit diff` prints them."""
        lines = []
        sections = [
            (f"only in {self.source_a}", self.only_a),
            (f"only in {self.source_b}", self.only_b),
            ("in both", self.both),
        ]
        for title, facts in sections:
            lines.append(f"## {title} ({len(facts)})")
            lines += [f"  {subject} -{relation}-> {obj}" for subject, relation, obj in facts]
        lines.append(f"## in conflict ({len(self.conflicts)})")
        for (subject, relation, value_a), (_, _, value_b) in self.conflicts:
            lines.append(f"  {subject} -{relation}-> {value_a}  vs  {value_b}")
        lines.append(f"## nearly the same ({len(self.near)})")
        for (subject, relation_a, obj), (_, relation_b, _) in self.near:
            lines.append(f"  {subject} -{relation_a}-> {obj}  ~  -{relation_b}->")
        return "\n".join(lines)


def conflicts(dataset: Dataset) -> Rows:
    """Every conflict with the value each source gives and the sentence it comes from."""
    return select(dataset, CONFLICTS_QUERY, trusted=True)


def near_matches(dataset: Dataset) -> Rows:
    """Every pair of facts nearly the same (same arguments, related relations) with its score."""
    return select(dataset, NEAR_MATCHES_QUERY, trusted=True)


def diff(dataset: Dataset, source_a: str, source_b: str) -> SourceDiff:
    """Compare what two sources state; a source is named by file, headline, publisher or IRI."""
    docs_a, docs_b = _articles(dataset, source_a), _articles(dataset, source_b)
    facts: dict[str, set[Fact]] = defaultdict(set)
    clashing: dict[str, set[Fact]] = defaultdict(set)
    by_iri: dict[str, Fact] = {}
    for doc, subject, relation, obj, conflict, iri in select(dataset, _FACTS, trusted=True):
        fact = (str(subject), str(relation), str(obj))
        facts[str(doc)].add(fact)
        if iri is not None:
            by_iri[str(iri)] = fact
        if conflict is not None:
            clashing[str(conflict)].add(fact)
    in_a = set().union(*(facts[d] for d in docs_a))
    in_b = set().union(*(facts[d] for d in docs_b))
    pairs = {
        (a, b)
        for group in clashing.values()
        for a in group & in_a
        for b in group & in_b
        if a != b and a not in in_b and b not in in_a
    }
    in_conflict = {a for a, _ in pairs} | {b for _, b in pairs}
    only_a, only_b = in_a - in_b - in_conflict, in_b - in_a - in_conflict
    near = set()
    for row in near_matches(dataset):
        fact_a, fact_b = by_iri.get(str(row[5])), by_iri.get(str(row[6]))
        if fact_a in only_b and fact_b in only_a:
            fact_a, fact_b = fact_b, fact_a
        if fact_a in only_a and fact_b in only_b:
            near.add((fact_a, fact_b))
    return SourceDiff(
        source_a=source_a,
        source_b=source_b,
        only_a=tuple(sorted(only_a)),
        only_b=tuple(sorted(only_b)),
        both=tuple(sorted(in_a & in_b)),
        conflicts=tuple(sorted(pairs)),
        near=tuple(sorted(near)),
    )


def _articles(dataset: Dataset, name: str) -> set[str]:
    wanted = name.casefold()
    found = set()
    for doc, file, title, publisher in select(dataset, _ARTICLES, trusted=True):
        names = [doc, file, title, publisher, (file or "").rsplit("/", 1)[-1]]
        if any(n is not None and n.casefold() == wanted for n in names):
            found.add(str(doc))
    if not found:
        raise GraphkitError(f"{name!r}: no article has this file name, headline or publisher")
    return found
