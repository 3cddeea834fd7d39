"""The seed graph, quad for quad, against a hand-checked expected dataset.

`tests/data/expected/seeds.trig` is what `graphkit build data/seeds` writes, reviewed by a person
(see tests/data/expected/README.md). Any change to the data model, the extractor or resolution
shows here as one diff to review: accept it by rebuilding the file and reading `git diff`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import PROV, Dataset, Graph
from rdflib.compare import graph_diff, isomorphic

from graphkit import graph
from graphkit.pipeline import run

EXPECTED = Path(__file__).parent / "data" / "expected" / "seeds.trig"


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    """Each named graph as a plain in-memory Graph (rdflib compares those)."""
    graphs: dict[str, Graph] = {}
    for s, p, o, name in dataset.quads((None, None, None, None)):
        if p != PROV.generatedAtTime:  # when the build ran: never the same twice
            graphs.setdefault(str(name), Graph()).add((s, p, o))
    return graphs


@pytest.fixture(scope="module")
def built(pipeline, tmp_path_factory, monkeypatch_module) -> Dataset:
    monkeypatch_module.chdir(ROOT)  # sources as the README's command names them: data/seeds/...
    dataset = run([Path("data/seeds")], pipeline=pipeline).dataset
    out = tmp_path_factory.mktemp("golden")
    graph.write(dataset, out, formats=[".trig"])
    return graph.load(out / "graph.trig", store="default")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_seed_graph_is_the_reviewed_one(built):
    expected = _graphs(graph.load(EXPECTED, store="default"))
    got = _graphs(built)
    assert sorted(got) == sorted(expected), "the named graphs differ"
    for name, want in expected.items():
        if not isomorphic(got[name], want):
            _, only_got, only_expected = graph_diff(got[name], want)
            extra = sorted(only_got.serialize(format="nt").splitlines())[:10]
            missing = sorted(only_expected.serialize(format="nt").splitlines())[:10]
            pytest.fail(
                f"graph {name} differs:\n+ " + "\n+ ".join(extra) + "\n- " + "\n- ".join(missing)
            )
