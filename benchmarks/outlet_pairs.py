"""One fact, many wordings: how often two outlets' sentences end up sharing a merged fact.

Usage: python benchmarks/outlet_pairs.py [--split dev|check] [--show] [--phenomenon NAME]

Each pair of tests/data/outlet_pairs/{dev,check}.jsonl (how they were made and labelled:
tests/data/outlet_pairs/README.md) is built as a graph of two articles from two publishers,
sentence `a` from "Outlet A" and sentence `b` from "Outlet B", with graphkit's Python API.
The facts of an article are the canonical facts (gk:Fact nodes) one of whose statements it
is the source of (`--by facts`, the default), or the asserted triples of its named graph whose
predicate is a relation under `rel:` (`--by triples`: two facts that differ only in time,
amount or speaker share one triple). A pair "shares a merged fact" when some fact is in both
articles' sets; its overlap is the Jaccard index of the two sets. Printed: for same-content
pairs and for different-content pairs, the share that shares a fact and the mean Jaccard, the
ratio different/same of those shares, and the same figures per phenomenon. The goal of the
issue "One fact, many wordings": same-content pairs sharing a fact >= 60%, different-content
pairs at or below 0.6 x that rate.

dev is for development; check is held back: run it to confirm, never tune on it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "outlet_pairs"
SPLITS = ("dev", "check")
BASE = "https://w3id.org/graphkit/"
"""graphkit's default IRI base: articles are named under doc/, relations under rel/."""
HEADLINE = "https://schema.org/headline"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TITLES = {"a": "Outlet A", "b": "Outlet B"}
"""Article title (which side of the pair) -> publisher."""
GOAL_SAME = 0.60
"""Goal: at least this share of same-content pairs share a merged fact..."""
GOAL_RATIO = 0.60
"""...while different-content pairs do so at no more than this times that share."""
REQUIRED = {"id": str, "a": str, "b": str, "same": bool, "phenomenon": str, "source": str}

Triple = tuple[str, str, str]
"""A fact as the N3 forms of its subject, predicate and object."""


@dataclass(frozen=True)
class Pair:
    """Two sentences from two outlets, labelled by hand as reporting the same content or not."""

    id: str
    a: str
    b: str
    same: bool
    phenomenon: str
    source: str


@dataclass(frozen=True)
class Outcome:
    """The facts graphkit gave each side of a pair."""

    pair: Pair
    facts_a: frozenset[Triple]
    facts_b: frozenset[Triple]
    merged_articles: bool = False
    """True when graphkit kept one article only (it found the two texts identical)."""

    @property
    def shared(self) -> frozenset[Triple]:
        """Facts asserted in both articles' graphs."""
        return self.facts_a & self.facts_b

    @property
    def shares_fact(self) -> bool:
        """At least one merged fact."""
        return bool(self.shared)

    @property
    def jaccard(self) -> float:
        """Fact overlap |a & b| / |a | b| (0 when neither side has a fact)."""
        return jaccard(self.facts_a, self.facts_b)


@dataclass(frozen=True)
class Rates:
    """How a group of pairs fared: its size, share with >= 1 shared fact, mean Jaccard."""

    pairs: int
    sharing: float
    mean_jaccard: float


@dataclass(frozen=True)
class Figures:
    """The benchmark's figures: same-content and different-content rates, and their ratio."""

    same: Rates
    different: Rates
    no_facts: int
    """Pairs where at least one side got no fact at all."""

    @property
    def ratio(self) -> float | None:
        """Different-content sharing rate / same-content sharing rate (None if the latter is 0)."""
        return self.different.sharing / self.same.sharing if self.same.sharing else None

    @property
    def goal_met(self) -> bool:
        """Same-content sharing >= 60% and different-content sharing <= 0.6 x that."""
        ratio = self.ratio
        return self.same.sharing >= GOAL_SAME and ratio is not None and ratio <= GOAL_RATIO


def jaccard(a: frozenset[Triple] | set[Triple], b: frozenset[Triple] | set[Triple]) -> float:
    """|a & b| / |a | b|; two empty sets overlap in nothing, so 0."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def load_pairs(path: Path) -> list[Pair]:
    """Read a JSON Lines file of pairs, checking every record (ValueError names the line)."""
    pairs: list[Pair] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            raise ValueError(f"{where}: not JSON ({error})") from error
        if not isinstance(record, dict):
            raise ValueError(f"{where}: not a JSON object")
        for field, kind in REQUIRED.items():
            if not isinstance(record.get(field), kind):
                raise ValueError(f"{where}: {field!r} must be a {kind.__name__}")
        if record["id"] in seen:
            raise ValueError(f"{where}: duplicate id {record['id']!r}")
        seen.add(record["id"])
        if _norm(record["a"]) == _norm(record["b"]) or not _norm(record["a"]):
            raise ValueError(f"{where}: 'a' and 'b' must be two different, non-empty texts")
        pairs.append(Pair(**{field: record[field] for field in REQUIRED}))
    return pairs


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def facts_by_article(
    dataset: Any, base: str = BASE, by: str = "triples"
) -> dict[str, frozenset[Triple]]:
    """Map each article's headline to its facts: asserted triples, or canonical fact nodes.

    With `by="facts"`, an article's facts are the gk:Fact nodes with a statement derived from
    it, each as (subject, predicate, object + " @" + the fact's IRI).

    A fact is a triple of the article's graph (named under `base`doc/) whose predicate is a
    relation (under `base`rel/); statement records and their properties are not facts.
    Every article with a headline appears, with an empty set when it has no fact.
    """
    doc, rel = f"{base}doc/", f"{base}rel/"
    titles = {
        str(article): str(title)
        for article, title in dataset.query(
            f"SELECT ?doc ?title WHERE {{ GRAPH ?meta {{ ?doc <{HEADLINE}> ?title }} }}"
        )
    }
    facts: dict[str, set[Triple]] = {title: set() for title in titles.values()}
    if by == "facts":
        rows = dataset.query(
            "SELECT ?doc ?f ?s ?p ?o WHERE { ?f a <https://w3id.org/graphkit/ns#Fact> ; "
            f"<{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ; "
            "<https://w3id.org/graphkit/ns#statement> ?st . "
            "?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }"
        )
        for doc_iri, f, s, p, o in rows:
            title = titles.get(str(doc_iri))
            if title is not None:
                facts[title].add((s.n3(), p.n3(), f"{o.n3()} @{str(f)[-6:]}"))
        return {title: frozenset(triples) for title, triples in facts.items()}
    rows = dataset.query(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{doc}") && STRSTARTS(STR(?p), "{rel}")) }}'
    )
    for graph, s, p, o in rows:
        title = titles.get(str(graph))
        if title is not None:
            facts[title].add((s.n3(), p.n3(), o.n3()))
    return {title: frozenset(triples) for title, triples in facts.items()}


def outcome(pair: Pair, facts: Mapping[str, frozenset[Triple]]) -> Outcome:
    """Pair up the facts of articles "a" and "b" of one pair's graph.

    When graphkit kept one article only (it reads the same text twice as one article), that
    article's facts are both sides' facts, and the outcome says so.
    """
    if "a" in facts and "b" in facts:
        return Outcome(pair, facts["a"], facts["b"])
    if len(facts) == 1:
        (only,) = facts.values()
        return Outcome(pair, only, only, merged_articles=True)
    raise RuntimeError(f"{pair.id}: expected articles 'a' and 'b', got {sorted(facts)}")


def summarize(outcomes: Sequence[Outcome]) -> Figures:
    """The figures of a set of outcomes."""
    return Figures(
        same=rates([o for o in outcomes if o.pair.same]),
        different=rates([o for o in outcomes if not o.pair.same]),
        no_facts=sum(1 for o in outcomes if not o.facts_a or not o.facts_b),
    )


def rates(outcomes: Sequence[Outcome]) -> Rates:
    """Size, share of pairs with a shared fact, and mean Jaccard of a group of outcomes."""
    if not outcomes:
        return Rates(0, 0.0, 0.0)
    n = len(outcomes)
    return Rates(
        pairs=n,
        sharing=sum(o.shares_fact for o in outcomes) / n,
        mean_jaccard=sum(o.jaccard for o in outcomes) / n,
    )


def by_phenomenon(outcomes: Iterable[Outcome]) -> dict[tuple[bool, str], Rates]:
    """Rates per (label, phenomenon), same-content first, then by phenomenon name."""
    groups: dict[tuple[bool, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[(o.pair.same, o.pair.phenomenon)].append(o)
    keys = sorted(groups, key=lambda key: (not key[0], key[1]))
    return {key: rates(groups[key]) for key in keys}


def report(split: str, outcomes: Sequence[Outcome], seconds: float | None = None) -> str:
    """The printed report: overall figures, the goal, and the per-phenomenon table."""
    figures = summarize(outcomes)
    lines = [
        f"outlet pairs, {split}: {len(outcomes)} pairs "
        f"({figures.same.pairs} same content, {figures.different.pairs} different)"
        + (f" in {seconds:.0f} s" if seconds is not None else ""),
        "",
        f"{'':20} {'pairs':>5} {'share >= 1 fact':>15} {'mean Jaccard':>12}",
    ]
    for name, r in (("same content", figures.same), ("different content", figures.different)):
        lines.append(f"{name:20} {r.pairs:5d} {r.sharing:15.1%} {r.mean_jaccard:12.3f}")
    ratio = figures.ratio
    lines += [
        "",
        "ratio different/same: "
        + ("n/a (no same-content pair shares a fact)" if ratio is None else f"{ratio:.2f}"),
        f"goal (same >= {GOAL_SAME:.0%}, ratio <= {GOAL_RATIO:.2f}): "
        + ("met" if figures.goal_met else "not met"),
        f"pairs with no fact on one side or both: {figures.no_facts}",
    ]
    merged = sum(o.merged_articles for o in outcomes)
    if merged:
        lines.append(f"pairs read as one article (identical texts): {merged}")
    lines += ["", f"{'label':9} {'phenomenon':16} {'pairs':>5} {'share >= 1':>10} {'mean J':>7}"]
    for (same, phenomenon), r in by_phenomenon(outcomes).items():
        label = "same" if same else "different"
        lines.append(
            f"{label:9} {phenomenon:16} {r.pairs:5d} {r.sharing:10.1%} {r.mean_jaccard:7.3f}"
        )
    return "\n".join(lines)


def short(term: str, base: str = BASE) -> str:
    """A readable form of an N3 term: prefixed names for graphkit's IRIs, literals as written."""
    for prefix, name in (("entity/", "ent:"), ("rel/", "rel:")):
        if term.startswith(f"<{base}{prefix}"):
            return name + term[len(base) + len(prefix) + 1 : -1]
    if term.startswith('"') and "^^<" in term:
        value, datatype = term.rsplit("^^<", 1)
        return f"{value}^^{datatype.rstrip('>').rsplit('#', 1)[-1]}"
    return term


def show(o: Outcome) -> str:
    """One pair with its label and each side's facts, shared ones marked with '='."""
    p = o.pair
    label = "SAME" if p.same else "DIFFERENT"
    verdict = f"shares {len(o.shared)} fact(s)" if o.shares_fact else "shares no fact"
    lines = [
        f"== {p.id} [{label}, {p.phenomenon}] {verdict}, Jaccard {o.jaccard:.2f} ({p.source})",
        f"   a: {p.a}",
        f"   b: {p.b}",
    ]
    for side, facts in (("a", o.facts_a), ("b", o.facts_b)):
        if not facts:
            lines.append(f"   {side}  (no facts)")
        for s, pred, obj in sorted(facts):
            mark = "=" if (s, pred, obj) in o.shared else " "
            lines.append(f"   {side}{mark} {short(s)} {short(pred)} {short(obj)}")
    return "\n".join(lines)


def build_facts(pair: Pair, pipeline: Any, by: str) -> dict[str, frozenset[Triple]]:
    """Build the graph of one pair (two articles, two publishers) and return its facts."""
    import graphkit

    records = [
        {"text": text, "title": title, "publisher": TITLES[title]}
        for title, text in (("a", pair.a), ("b", pair.b))
    ]
    with tempfile.TemporaryDirectory(prefix="outlet-pairs-") as folder:
        path = Path(folder) / f"{pair.id}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        kg = graphkit.build(path, pipeline=pipeline)
    return facts_by_article(kg.dataset, by=by)


def load_pipeline() -> Any:
    """The spaCy pipeline, loaded once for all pairs (None: let each build load its own)."""
    import graphkit

    try:
        from graphkit import nlp

        return nlp.load_pipeline(graphkit.BuildConfig().model)
    except (ImportError, AttributeError):  # the module moved: slower, but the same figures
        print("warning: graphkit.nlp.load_pipeline not found; loading per pair", file=sys.stderr)
        return None


def run(
    pairs: Sequence[Pair],
    build: Callable[[Pair], Mapping[str, frozenset[Triple]]],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Score every pair with `build` (pair -> facts by article title)."""
    outcomes = []
    for pair in pairs:
        result = outcome(pair, build(pair))
        if on_outcome is not None:
            on_outcome(result)
        outcomes.append(result)
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    """Score one split and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="dev", help="default: dev")
    parser.add_argument("--show", action="store_true", help="print each pair's facts")
    parser.add_argument("--phenomenon", action="append", default=[], help="only these (repeat)")
    parser.add_argument(
        "--by", choices=("facts", "triples"), default="facts", help="what a fact is (docstring)"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder of {dev,check}.jsonl")
    args = parser.parse_args(argv)

    pairs = load_pairs(args.data / f"{args.split}.jsonl")
    if args.phenomenon:
        pairs = [p for p in pairs if p.phenomenon in set(args.phenomenon)]
        if not pairs:
            parser.error(f"no pair has phenomenon {', '.join(args.phenomenon)}")
    logging.getLogger("graphkit").setLevel(logging.ERROR)
    started = time.perf_counter()
    pipeline = load_pipeline()

    def printed(o: Outcome) -> None:
        print(show(o), flush=True)

    outcomes = run(
        pairs, lambda pair: build_facts(pair, pipeline, args.by), printed if args.show else None
    )
    if args.show:
        print()
    print(f"(facts are {'canonical fact nodes' if args.by == 'facts' else 'asserted triples'})")
    print(report(args.split, outcomes, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
