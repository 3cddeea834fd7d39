"""The store: `graphkit build` writes OUT/store, and every read opens it read-only, no re-parse."""

from __future__ import annotations

import hashlib
import json
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import SEEDS
from test_visualize import page_data

import graphkit
from graphkit import graph, outputs, query, rows, store
from graphkit.cli import cli
from graphkit.errors import InputError, QueryTimeout

FIRST, SECOND = "000_8a3b9e2ee59992ef.txt", "003_c187e5ae1e2307df.txt"
ONE_HOP = (
    "SELECT ?whom WHERE { ?s rel:call_on ?o ; rdfs:label 'Donald Trump' . ?o rdfs:label ?whom }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """A `graphkit build` of the two seed articles (files, map and store)."""
    folder = tmp_path_factory.mktemp("store") / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"wrote {folder / 'store'}" in result.output
    return folder


def _copy(out, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    return copy


def _snapshot(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _quads(dataset) -> set[ox.Quad]:
    inner = graph._oxigraph(dataset)
    assert inner is not None
    return set(inner)


def test_build_writes_a_versioned_store_the_manifest_lists(out):
    descriptor = json.loads((out / "store" / store.DESCRIPTOR).read_text(encoding="utf-8"))
    assert descriptor["kind"] == "graphkit-store" and descriptor["format"] == store.FORMAT
    assert descriptor["base"] == "https://w3id.org/graphkit/"
    from_files = graph.load(out / "graph.trig")
    assert descriptor["quads"] == len(_quads(from_files)) > 3000
    listed = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert set(listed) == {"graph.trig", "graph.ttl", "graph.html"} | {
        f"store/{name}" for name in _snapshot(out / "store")
    } | {f"state/{name}" for name in _snapshot(out / "state")}
    assert "store/oxigraph/CURRENT" in listed


def test_load_opens_the_store_read_only_and_never_reads_the_files(out, tmp_path):
    dataset = graph.load(out)
    inner = graph._oxigraph(dataset)
    assert inner is not None
    with pytest.raises(RuntimeError, match="read-write"):  # RocksDB opened read-only
        inner.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
    assert _quads(dataset) == _quads(graph.load(out / "graph.trig"))
    # Without graph.trig and graph.ttl the folder still loads: the store alone answers.
    copy = _copy(out, tmp_path)
    (copy / "graph.trig").unlink()
    (copy / "graph.ttl").unlink()
    kg = graphkit.load(copy)
    assert list(kg.query(ONE_HOP).whom) == ["Vladimir Putin"]


def test_reading_changes_nothing_in_the_store(out):
    before = _snapshot(out / "store")
    dataset = graph.load(out)
    query.run(dataset, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    graphkit.load(out).stats()
    del dataset
    assert _snapshot(out / "store") == before
    outputs.verify_folder(out / "store")


def test_queries_run_in_forked_children_with_the_store_open(out):
    dataset = graph.load(out)
    for _ in range(5):
        rows = query.select(dataset, ONE_HOP)
        assert [row[0] for row in rows] == ["Vladimir Putin"]
    with pytest.raises(QueryTimeout):
        query.run(dataset, RUNAWAY, timeout=0.5)
    # the child killed at its deadline leaves the parent's store whole
    assert [row[0] for row in query.select(dataset, ONE_HOP)] == ["Vladimir Putin"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": 0}, "written by an older graphkit (format 0); rebuild with graphkit build"),
        ({"format": 99}, "written by a newer graphkit (format 99"),
        ({"kind": "something else"}, "not a graphkit store; rebuild with graphkit build"),
    ],
)
def test_a_store_of_another_format_is_refused_with_one_line(out, tmp_path, change, message):
    copy = _copy(out, tmp_path)
    path = copy / "store" / store.DESCRIPTOR
    path.write_text(json.dumps({**json.loads(path.read_text()), **change}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(copy), "ASK {}"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {copy / 'store'}: {message}")


def test_a_store_without_its_descriptor_is_refused(out, tmp_path):
    copy = _copy(out, tmp_path)
    (copy / "store" / store.DESCRIPTOR).unlink()
    with pytest.raises(
        InputError, match=r"store: not a graphkit store \(no graphkit-store\.json\)"
    ):
        graph.load(copy)


def test_a_damaged_store_is_refused(out, tmp_path):
    copy = _copy(out, tmp_path)
    table = max((copy / "store" / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size)
    table.write_bytes(table.read_bytes()[:-10])
    with pytest.raises(InputError, match=r"store: does not match .*manifest\.json \(oxigraph/"):
        graph.load(copy)


def test_a_folder_without_a_store_still_loads_from_graph_trig(out, tmp_path):
    copy = _copy(out, tmp_path)
    shutil.rmtree(copy / "store")
    assert _quads(graph.load(copy)) == _quads(graph.load(out))


def test_another_rdflib_store_writes_the_same_store(out, tmp_path):
    in_memory = graph.load(out / "graph.trig", store="default")
    assert graph._oxigraph(in_memory) is None
    folder = store.write(in_memory, tmp_path)
    database, descriptor = store.open_read_only(folder)
    assert descriptor.base == "https://w3id.org/graphkit/"
    assert set(database) == _quads(graph.load(out))


@pytest.mark.parametrize(
    "args",
    [
        ["query", "{graph}", ONE_HOP],
        [
            "query",
            "{graph}",
            "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s ?l",
            "--format",
            "csv",
        ],
        ["query", "{graph}", "CONSTRUCT WHERE { ?s rel:call_on ?o }", "--format", "nt"],
        ["stats", "{graph}"],
        ["conflicts", "{graph}", "--format", "json"],
        ["diff", "{graph}", "--source", FIRST, "--source", SECOND],
    ],
)
def test_read_commands_answer_the_same_from_the_store_and_the_files(out, args):
    answers = []
    for where in (out, out / "graph.trig"):
        result = CliRunner().invoke(cli, [str(where) if arg == "{graph}" else arg for arg in args])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        answers.append(sorted(lines) if "nt" in args else lines)  # N-Triples: in no set order
    assert answers[0] == answers[1]


def test_view_draws_the_same_map_from_the_store_and_the_files(out, tmp_path):
    drawn = []
    for where in (out, out / "graph.trig"):
        page = tmp_path / "map.html"
        result = CliRunner().invoke(cli, ["view", str(where), "-o", str(page)])
        assert result.exit_code == 0, result.output
        data = page_data(page.read_text(encoding="utf-8"))
        drawn.append(({node[6] for node in data["nodes"]}, len(data["edges"])))
    assert drawn[0] == drawn[1]


def test_save_from_python_writes_the_store_too(out, tmp_path):
    kg = graphkit.load(out / "graph.trig")
    written = kg.save(tmp_path / "saved")
    assert tmp_path / "saved" / "store" in written
    assert graph._oxigraph(graph.load(tmp_path / "saved")) is not None
    assert _quads(graph.load(tmp_path / "saved")) == _quads(kg.dataset)
    files_only = kg.save(tmp_path / "files", store=False)
    assert not (tmp_path / "files" / "store").exists() and len(files_only) == 2


def test_files_written_as_the_quads_stream_hold_the_stores_quads(tmp_path, monkeypatch):
    """TriG, N-Quads and the Turtle union, written a chunk at a time, hold what the store holds.

    Chunks of 500 quads split graphs across chunks, so graph.trig names a graph in several
    blocks; the quads are the store's all the same, and JSON-LD (written after, from the
    store) agrees.
    """
    monkeypatch.setattr(store, "CHUNK", 500)
    folder = tmp_path / "out"
    formats = [arg for suffix in ("trig", "nq", "ttl", "jsonld") for arg in ("--format", suffix)]
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(folder), *formats])
    assert result.exit_code == 0, result.output
    stored = _quads(graph.load(folder))
    assert len(stored) > 10 * store.CHUNK
    for name, fmt in [("graph.trig", ox.RdfFormat.TRIG), ("graph.nq", ox.RdfFormat.N_QUADS)]:
        assert set(ox.parse(path=folder / name, format=fmt)) == stored, name
    blocks = (
        (folder / "graph.trig")
        .read_text(encoding="utf-8")
        .count("<https://w3id.org/graphkit/graph/facts> {")
    )
    assert blocks > 1
    union = {(q.subject, q.predicate, q.object) for q in stored}
    ttl = ox.parse(path=folder / "graph.ttl", format=ox.RdfFormat.TURTLE)
    assert {(q.subject, q.predicate, q.object) for q in ttl} == union
    assert _quads(graph.load(folder / "graph.jsonld")) == stored


def test_a_patched_store_counts_a_quad_that_comes_twice_once(tmp_path):
    # Two sightings can make one statement, and so one quad twice: its second coming must not
    # count as new, though the first was in the earlier store (a random add found it).
    graph_iri, base = "https://w3id.org/graphkit/graph/facts", "https://w3id.org/graphkit/"
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    a, b, c = (
        (f"{base}fact/{name}", f"{base}ns#support", "1", integer, graph_iri) for name in "abc"
    )
    store.build(tmp_path / "before", [a, b], base=base)
    was = set(rows.nquads([a, b]).splitlines())
    earlier = store.Earlier(out=tmp_path / "before", kept=frozenset(), was=was, blocks={})
    folder = store.patch(tmp_path / "after", [a, c, a], earlier, base=base)
    database, descriptor = store.open_read_only(folder)
    assert {quad.subject.value for quad in database} == {a[0], c[0]}
    assert descriptor.quads == len(database) == 2
