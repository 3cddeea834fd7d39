"""The outlet-pairs scorer (benchmarks/outlet_pairs.py) on tiny hand-made inputs; its data files.

No spaCy model: graphs are built by hand with rdflib, and `run` gets a fake builder.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from rdflib import RDF, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import XSD

sys.path.insert(0, str(ROOT / "benchmarks"))
import outlet_pairs as op  # the benchmark script is the one place the scoring lives

ENT = Namespace("https://w3id.org/graphkit/entity/")
REL = Namespace("https://w3id.org/graphkit/rel/")
DOC = Namespace("https://w3id.org/graphkit/doc/")
GK = Namespace("https://w3id.org/graphkit/ns#")
META = URIRef("https://w3id.org/graphkit/graph/meta")
HEADLINE = URIRef(op.HEADLINE)


def pair(pid: str = "p1", *, same: bool = True, phenomenon: str = "synonym") -> op.Pair:
    return op.Pair(pid, f"{pid} a.", f"{pid} b.", same, phenomenon, "own")


def fact(s: str, p: str, o: str) -> op.Triple:
    return (ENT[s].n3(), REL[p].n3(), ENT[o].n3())


def outcome(pid: str, same: bool, a: set[op.Triple], b: set[op.Triple], **kw) -> op.Outcome:
    return op.Outcome(pair(pid, same=same, **kw), frozenset(a), frozenset(b))


RUSSIA = fact("china", "trade_with", "russia")
PARTNER = fact("china", "be_partner_of", "russia")
OTHER = fact("china", "trade_with", "india")


# --- jaccard and outcomes


def test_jaccard():
    assert op.jaccard({RUSSIA}, {RUSSIA}) == 1.0
    assert op.jaccard({RUSSIA, PARTNER}, {RUSSIA, OTHER}) == pytest.approx(1 / 3)
    assert op.jaccard({RUSSIA}, {OTHER}) == 0.0
    assert op.jaccard(set(), {RUSSIA}) == 0.0
    assert op.jaccard(set(), set()) == 0.0  # no facts: no overlap, not a perfect one


def test_outcome_shared_and_jaccard():
    o = outcome("p", True, {RUSSIA, PARTNER}, {RUSSIA})
    assert o.shared == {RUSSIA}
    assert o.shares_fact
    assert o.jaccard == 0.5
    assert not outcome("q", True, set(), set()).shares_fact


def test_outcome_pairs_articles_a_and_b():
    o = op.outcome(pair(), {"a": frozenset({RUSSIA}), "b": frozenset({OTHER})})
    assert o.facts_a == {RUSSIA}
    assert o.facts_b == {OTHER}
    assert not o.merged_articles


def test_outcome_one_article_means_both_sides_have_its_facts():
    o = op.outcome(pair(), {"a": frozenset({RUSSIA})})
    assert o.merged_articles
    assert o.shared == {RUSSIA}


def test_outcome_without_articles_is_an_error():
    with pytest.raises(RuntimeError, match="p1"):
        op.outcome(pair(), {})


# --- facts out of a graph


def _dataset() -> Dataset:
    """Two articles as graphkit writes them: facts, statement records, metadata, entities."""
    ds = Dataset()
    a, b, c = DOC["aaa"], DOC["bbb"], DOC["ccc"]
    meta = ds.graph(META)
    for doc, title in ((a, "a"), (b, "b"), (c, "c")):
        meta.add((doc, HEADLINE, Literal(title)))
    ga, gb = ds.graph(a), ds.graph(b)
    ds.graph(c)  # an article with no facts
    ga.add((ENT.china, REL.trade_with, ENT.russia))
    ga.add((ENT.china, REL.be_partner_of, ENT.russia))
    gb.add((ENT.china, REL.trade_with, ENT.russia))
    gb.add((ENT.china, REL.trade_worth, Literal("245000000000", datatype=XSD.decimal)))
    for graph, doc in ((ga, a), (gb, b)):  # statement records: never facts
        st = URIRef(f"https://w3id.org/graphkit/statement/{doc[-3:]}")
        graph.add((st, RDF.type, RDF.Statement))
        graph.add((st, RDF.subject, ENT.china))
        graph.add((st, RDF.predicate, REL.trade_with))
        graph.add((st, RDF.object, ENT.russia))
        graph.add((st, GK.support, Literal(2)))
        graph.add((st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), doc))
    # a rel: predicate outside any article's graph is not an article's fact
    ds.graph(URIRef("https://w3id.org/graphkit/graph/reconciled")).add(
        (ENT.x, REL.trade_with, ENT.y)
    )
    return ds


def test_facts_by_article_keeps_only_relation_triples_of_article_graphs():
    facts = op.facts_by_article(_dataset())
    decimal = Literal("245000000000", datatype=XSD.decimal).n3()
    assert facts == {
        "a": {RUSSIA, PARTNER},
        "b": {RUSSIA, (ENT.china.n3(), REL.trade_worth.n3(), decimal)},
        "c": frozenset(),
    }
    o = op.outcome(pair(), facts)
    assert o.shared == {RUSSIA}
    assert o.jaccard == pytest.approx(1 / 3)


def test_facts_by_article_under_another_base():
    ds = Dataset()
    base = "https://example.org/kg/"
    doc = URIRef(base + "doc/1")
    ds.graph(META).add((doc, HEADLINE, Literal("a")))
    ds.graph(doc).add(
        (URIRef(base + "entity/x"), URIRef(base + "rel/r"), URIRef(base + "entity/y"))
    )
    ds.graph(doc).add((ENT.x, REL.r, ENT.y))  # the default base's relation: not one here
    assert op.facts_by_article(ds, base) == {
        "a": {(f"<{base}entity/x>", f"<{base}rel/r>", f"<{base}entity/y>")}
    }


# --- figures


def _outcomes() -> list[op.Outcome]:
    return [
        outcome("s1", True, {RUSSIA}, {RUSSIA}, phenomenon="passive"),  # shares, J 1
        outcome("s2", True, {RUSSIA, PARTNER}, {RUSSIA}, phenomenon="passive"),  # shares, J .5
        outcome("s3", True, {RUSSIA}, {OTHER}, phenomenon="copula"),  # no, J 0
        outcome("s4", True, set(), {OTHER}, phenomenon="copula"),  # no, J 0, no facts
        outcome("d1", False, {RUSSIA}, {RUSSIA, OTHER}, phenomenon="negation"),  # shares, J .5
        outcome("d2", False, {RUSSIA}, {PARTNER}, phenomenon="negation"),  # no
        outcome("d3", False, {OTHER}, {PARTNER}, phenomenon="amount"),  # no
        outcome("d4", False, {OTHER}, {RUSSIA}, phenomenon="amount"),  # no
    ]


def test_summarize():
    f = op.summarize(_outcomes())
    assert (f.same.pairs, f.same.sharing) == (4, 0.5)
    assert f.same.mean_jaccard == pytest.approx(0.375)
    assert (f.different.pairs, f.different.sharing) == (4, 0.25)
    assert f.different.mean_jaccard == pytest.approx(0.125)
    assert f.ratio == 0.5
    assert f.no_facts == 1
    assert not f.goal_met  # same-content sharing 50% < 60%


def test_goal():
    def figures(same: float, different: float) -> op.Figures:
        return op.Figures(op.Rates(10, same, 0.0), op.Rates(10, different, 0.0), 0)

    assert figures(0.6, 0.36).goal_met  # both bounds are inclusive
    assert not figures(0.6, 0.37).goal_met
    assert not figures(0.59, 0.0).goal_met
    assert figures(0.0, 0.0).ratio is None
    assert not figures(0.0, 0.0).goal_met


def test_rates_of_nothing():
    assert op.rates([]) == op.Rates(0, 0.0, 0.0)


def test_by_phenomenon_same_content_first():
    table = op.by_phenomenon(_outcomes())
    assert list(table) == [
        (True, "copula"),
        (True, "passive"),
        (False, "amount"),
        (False, "negation"),
    ]
    assert table[(True, "passive")] == op.Rates(2, 1.0, 0.75)
    assert table[(False, "amount")] == op.Rates(2, 0.0, 0.0)


def test_report():
    text = op.report("dev", _outcomes())
    assert "8 pairs (4 same content, 4 different)" in text
    assert "same content             4           50.0%        0.375" in text
    assert "different content        4           25.0%        0.125" in text
    assert "ratio different/same: 0.50" in text
    assert "not met" in text
    assert "pairs with no fact on one side or both: 1" in text
    assert "same      passive              2     100.0%   0.750" in text


def test_show_marks_shared_facts():
    text = op.show(outcome("s2", True, {RUSSIA, PARTNER}, set()))
    assert "[SAME, synonym] shares no fact, Jaccard 0.00" in text
    assert "   a  ent:china rel:be_partner_of ent:russia" in text
    assert "   b  (no facts)" in text
    text = op.show(outcome("s1", False, {RUSSIA}, {RUSSIA}))
    assert "[DIFFERENT, synonym] shares 1 fact(s), Jaccard 1.00" in text
    assert "   b= ent:china rel:trade_with ent:russia" in text


def test_short():
    assert op.short(ENT.china.n3()) == "ent:china"
    assert op.short(REL.trade_with.n3()) == "rel:trade_with"
    decimal = Literal("245000000000", datatype=XSD.decimal).n3()
    assert op.short(decimal) == '"245000000000"^^decimal'
    assert op.short("<https://example.org/x>") == "<https://example.org/x>"


def test_run_with_a_fake_builder():
    pairs = [pair("p1"), pair("p2", same=False)]
    facts = {
        "p1": {"a": frozenset({RUSSIA}), "b": frozenset({RUSSIA})},
        "p2": {"a": frozenset({RUSSIA}), "b": frozenset({OTHER})},
    }
    seen: list[str] = []
    outcomes = op.run(pairs, lambda p: facts[p.id], lambda o: seen.append(o.pair.id))
    assert seen == ["p1", "p2"]
    assert [o.shares_fact for o in outcomes] == [True, False]


# --- loading pairs


def _write(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


GOOD = {
    "id": "x",
    "a": "A met B.",
    "b": "A talked with B.",
    "same": True,
    "phenomenon": "light_verb",
    "source": "own",
    "group": "own-x",
}


def test_load_pairs(tmp_path):
    path = _write(tmp_path, GOOD, {**GOOD, "id": "y", "same": False})
    assert op.load_pairs(path) == [
        op.Pair("x", "A met B.", "A talked with B.", True, "light_verb", "own"),
        op.Pair("y", "A met B.", "A talked with B.", False, "light_verb", "own"),
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({**GOOD, "same": "yes"}, "'same' must be a bool"),
        ({k: v for k, v in GOOD.items() if k != "source"}, "'source' must be a str"),
        ({**GOOD, "b": " A  met B. "}, "two different"),
        ({**GOOD, "a": " ", "b": ""}, "two different"),
    ],
)
def test_load_pairs_refuses_bad_records(tmp_path, record, message):
    with pytest.raises(ValueError, match=message):
        op.load_pairs(_write(tmp_path, GOOD | {"id": "first"}, record))


def test_load_pairs_refuses_duplicate_ids(tmp_path):
    with pytest.raises(ValueError, match=r"pairs\.jsonl:2: duplicate id 'x'"):
        op.load_pairs(_write(tmp_path, GOOD, GOOD))


def test_load_pairs_refuses_non_json(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pairs\.jsonl:2: not JSON"):
        op.load_pairs(path)


# --- the shipped data


def _records(split: str) -> list[dict[str, Any]]:
    path = op.DATA / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_shipped_splits_load_and_are_balanced():
    splits = {split: op.load_pairs(op.DATA / f"{split}.jsonl") for split in op.SPLITS}
    ids = [p.id for pairs in splits.values() for p in pairs]
    assert len(ids) == len(set(ids)) >= 300
    for pairs in splits.values():
        same = sum(p.same for p in pairs) / len(pairs)
        assert 0.4 <= same <= 0.6
    assert len(splits["check"]) < len(splits["dev"])


def test_no_sentence_or_group_in_both_splits():
    dev, check = _records("dev"), _records("check")
    assert not {r["group"] for r in dev} & {r["group"] for r in check}
    sentences = [{" ".join(t.split()) for r in rs for t in (r["a"], r["b"])} for rs in (dev, check)]
    assert not sentences[0] & sentences[1]


def test_shipped_sources_are_own_or_corpus_lines():
    for r in _records("dev") + _records("check"):
        source = r["source"]
        assert source == "own" or (
            source.split(":")[0] in {"abc_news/rural.txt", "abc_news/science.txt"}
            or source.startswith("wsj_raw/wsj_")
        ), source
