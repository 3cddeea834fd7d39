"""Keeping a graph: add and remove give the graph a fresh build of what remains gives.

The contract (graphkit/keep.py): after any sequence of adds and removes, the dataset is
isomorphic to a fresh build of the articles that remain, entity, statement and fact IRIs
compared up to renaming (an entity IRI once minted stays, even where a fresh build would mint
another). Checked with random sequences of real articles, parsed by the real model.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import ARTICLES, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import (
    analyze,
    graph,
    keep,
    ledger,
    outputs,
    query,
    resolve,
    sources,
    state,
    visualize,
)
from graphkit import store as on_disk
from graphkit.config import BLOCKS, BuildConfig
from graphkit.errors import GraphkitError, InputError
from graphkit.vocab import document_iri, fact_iri

PATHS = [*sorted(SEEDS.glob("*.txt")), *sorted(ARTICLES.glob("*.txt"))]
BASE = "https://w3id.org/graphkit/"
RENAMED = tuple(BASE + kind for kind in ("entity/", "statement/", "fact/"))


def kept_build(paths, out: Path, nlp) -> keep.Kept:
    return keep.build(
        paths,
        out,
        config=BuildConfig(),
        formats=("trig", "ttl"),
        max_nodes=50,
        heading="t",
        nlp=nlp,
    )


def comparable(out: Path) -> set[tuple[str, ...]]:
    """OUT's quads with minted IRIs renamed by what they stand for, so two graphs equal up to
    renaming compare equal: an entity by its label and type, a statement by its article,
    sentence, extractor and wording, a fact and a near match by what they link."""
    dataset = graph.load(out / "graph.trig", store="default")
    quads = [tuple(map(str, quad)) for quad in dataset.quads((None, None, None, None))]
    about: dict[str, list[tuple[str, str]]] = {}
    for s, p, o, _ in quads:
        about.setdefault(s, []).append((p, o))
    names: dict[str, str] = {}

    def name(node: str, depth: int = 0) -> str:
        if not node.startswith(RENAMED) or depth > 3:
            return node
        if node not in names:
            if node.startswith(RENAMED[0]):
                facts = sorted(o for p, o in about.get(node, []) if p in (LABEL, TYPE))
            else:  # a statement, fact or near match: what it says, its parts renamed
                facts = sorted(f"{p}={name(o, depth + 1)}" for p, o in about.get(node, []))
            names[node] = "|".join(facts)
        return names[node]

    return {tuple(name(term) for term in quad) for quad in quads if quad[1] != GENERATED}


GENERATED = "http://www.w3.org/ns/prov#generatedAtTime"  # ingest times aside
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.sets(st.sampled_from(range(len(PATHS))), min_size=1),
    steps=st.lists(
        st.tuples(st.booleans(), st.sets(st.sampled_from(range(len(PATHS))), min_size=1)),
        min_size=1,
        max_size=3,
    ),
)
def test_adds_and_removes_equal_a_fresh_build_of_what_remains(
    pipeline, tmp_path_factory, first, steps
):
    root = tmp_path_factory.mktemp("keep")
    out = root / "out"
    kept = kept_build([PATHS[i] for i in sorted(first)], out, pipeline)
    held = set(first)
    for adding, chosen in steps:
        if adding:
            kept = keep.add([PATHS[i] for i in sorted(chosen)], out, nlp=pipeline)
            held |= chosen
        else:
            gone = (chosen & held) or {min(held)}
            if held - gone:  # removing every article is tested apart
                kept = keep.remove(out, [PATHS[i].name for i in sorted(gone)])
                held -= gone
    if kept.view is not None:  # the map drawn from the stream and the lines carried over
        drawn = visualize.select_view(analyze.to_networkx(graph.load(out)), max_nodes=50)
        assert nx.utils.graphs_equal(kept.view.graph, drawn.graph)
    fresh = root / "fresh"
    kept_build([PATHS[i] for i in sorted(held)], fresh, pipeline)
    assert comparable(out) == comparable(fresh)
    assert in_store(out) == in_files(out)  # the store an add or remove changed holds the same
    assert union(out / "graph.ttl") == union(out / "graph.trig")  # and graph.ttl their union
    assert in_state(out) == in_store(out)  # and so do the state's quads (Keeping.carry)
    from_store = analyze.to_networkx(graph.load(out))  # and its map's columns (state.kept_map)
    assert nx.utils.graphs_equal(analyze.read_graph(out), from_store)
    assert on_disk.read_descriptor(out / "store").quads == len(in_store(out))
    assert listed_as_written(out)


def listed_as_written(out: Path) -> bool:
    """Whether OUT's manifest lists every file of it with its own SHA-256 and size.

    An add keeps the hashes of the store's files it did not change (outputs._write_manifest).
    """
    listed = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    found = {
        path.relative_to(out).as_posix(): {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "bytes": path.stat().st_size,
        }
        for path in out.rglob("*")
        if path.is_file() and path.name != "manifest.json"
    }
    return bool(found) and listed == found


def in_state(out: Path) -> set[str]:
    """The quads of OUT's state's quads files, as N-Quads lines."""
    data = gzip.decompress((out / "state" / state.QUADS).read_bytes())
    data += (out / "state" / state.DERIVED).read_bytes()
    return set(data.decode().splitlines())


def in_store(out: Path) -> set[str]:
    """OUT's store's quads, as N-Quads lines."""
    return lines(ox.Store.read_only(str(out / "store" / "oxigraph")))


def in_files(out: Path) -> set[str]:
    """The quads of OUT's graph.trig, as N-Quads lines."""
    return lines(ox.parse(path=out / "graph.trig", format=ox.RdfFormat.TRIG))


def union(path: Path) -> set[ox.Triple]:
    """The triples of every graph of a TriG or Turtle file."""
    return {quad.triple for quad in ox.parse(path=path)}


def lines(quads: Iterable[ox.Quad]) -> set[str]:
    return set((ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode().splitlines())


def test_add_parses_only_new_articles_and_keeps_entity_iris(pipeline, tmp_path):
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    before = state.read(out)
    [first] = list(before.read)  # read now: the articles file is replaced by the add
    putin = before.minted["vladimir putin"]
    held = (out / "state" / state.ARTICLES).read_bytes()
    added = keep.add(PATHS[:2], out, nlp=pipeline)
    assert (added.added, added.already) == (1, 1)
    after = state.read(out)
    assert next(iter(after.read)) == first  # the first article's extraction is kept, not redone
    assert (out / "state" / state.ARTICLES).read_bytes().startswith(held)  # appended to
    articles = state.Articles(out / "state" / state.ARTICLES)
    assert list(articles.documents()) == [document for document, _ in articles]
    assert after.minted["vladimir putin"] == putin
    entered = state.read(out).entered
    assert set(entered) == {d.id for d, _ in state.read(out).read}
    assert entered[first[0].id] == before.entered[first[0].id]  # kept
    both = comparable(out)
    removed = keep.remove(out, [PATHS[0].name])
    assert removed.removed == 1 and len(list(state.read(out).read)) == 1
    assert comparable(out) != both  # the comparison sees what an article brings
    again = keep.add(PATHS[:1], out, nlp=pipeline)  # held already: those given, not all it holds
    assert (again.added, again.already) == (1, 0)


def test_an_add_or_remove_runs_without_cyclic_collections_and_gives_them_back(
    pipeline, tmp_path, monkeypatch
):
    """Collections off while an add or a remove resolves (graphkit._collector), on after."""
    import gc

    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    seen: list[bool] = []
    resolver = resolve.Resolver.__init__

    def watched(self, *args, **kwargs):
        seen.append(gc.isenabled())
        resolver(self, *args, **kwargs)

    young: list[int] = []  # objects in the two youngest generations once the add is done
    manifest = outputs._write_manifest

    def listed(*args):
        young.append(len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1)))
        manifest(*args)

    monkeypatch.setattr(resolve.Resolver, "__init__", watched)
    monkeypatch.setattr(outputs, "_write_manifest", listed)
    assert gc.isenabled()
    keep.add(PATHS[:2], out, nlp=pipeline)
    assert seen == [False] and gc.isenabled() and gc.get_freeze_count() == 0
    assert young[0] < 1_000  # what it made is in the oldest: no collection walks it at once
    keep.remove(out, [PATHS[0].name])
    assert seen == [False, False] and gc.isenabled()


def test_an_add_hashes_only_its_new_articles_and_finds_their_copies(
    pipeline, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    kept_build(PATHS[:2], out, pipeline)
    reprint = tmp_path / "reprint.txt"
    reprint.write_text(PATHS[0].read_text(encoding="utf-8") + "\nReporting by wire staff.\n")
    shingled: list[str] = []
    shingles = sources._shingles

    def noted(text: str) -> list[bytes]:
        shingled.append(text)
        return shingles(text)

    monkeypatch.setattr(sources, "_shingles", noted)
    keep.add([reprint], out, nlp=pipeline)
    assert [t.strip() for t in shingled] == [reprint.read_text(encoding="utf-8").strip()]
    rows = query.select(graph.load(out), "SELECT ?c ?o WHERE { ?c gk:copyOf ?o }")
    assert len(rows) == 1
    fresh = tmp_path / "fresh"
    kept_build([*PATHS[:2], reprint], fresh, pipeline)
    assert comparable(out) == comparable(fresh)
    keep.remove(out, [PATHS[0].name])  # the copy is no copy once its original is gone
    assert not query.select(graph.load(out), "SELECT ?c WHERE { ?c gk:copyOf ?o }")


def test_remove_by_iri_headline_or_file_and_refuse_what_matches_nothing(pipeline, tmp_path):
    out = tmp_path / "out"
    kept_build(PATHS[:3], out, pipeline)
    doc = next(iter(state.read(out).read))[0]
    keep.remove(out, [f"{BASE}doc/{doc.id}"])
    assert doc.id not in {d.id for d, _ in state.read(out).read}
    snapshot = (out / "graph.trig").read_bytes()
    with pytest.raises(InputError, match="no article"):
        keep.remove(out, ["no-such-article.txt"])
    assert (out / "graph.trig").read_bytes() == snapshot  # nothing removed, nothing rewritten


def test_removing_every_article_leaves_an_empty_graph(pipeline, tmp_path):
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    keep.remove(out, [PATHS[0].name])
    assert not list(state.read(out).read)
    remaining = comparable(out)
    assert not any(TYPE in quad and "https://schema.org/NewsArticle" in quad for quad in remaining)
    assert not any("/doc/" in quad[3] for quad in remaining)  # no article graph is left


def test_cli_add_and_remove_and_their_one_line_errors(pipeline, tmp_path):
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)

    def graphkit(*args):
        return subprocess.run(
            [sys.executable, "-m", "graphkit", *args], capture_output=True, text=True, timeout=300
        )

    added = graphkit("add", str(PATHS[1]), "--to", str(out))
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added 1 article")
    stayed = re.search(r"of the 1 held, (\d+) replayed, (\d+) read again", added.stdout)
    assert stayed is not None and sum(map(int, stayed.groups())) == 1
    assert "wrote" in added.stdout
    query = graphkit(
        "query", str(out), "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle }"
    )
    assert query.stdout.split()[2] == "2"
    missing = graphkit("remove", str(out), "nothing.txt")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    assert "nothing.txt" in missing.stderr
    bare = tmp_path / "bare"
    bare.mkdir()
    no_state = graphkit("add", str(PATHS[0]), "--to", str(bare))
    assert no_state.returncode == 1 and "graphkit build" in no_state.stderr
    shutil.rmtree(bare)
    removed = graphkit("remove", str(out), PATHS[1].name)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.startswith("removed 1 articles (of the 1 left, 1 replayed, 0 read again)")


def test_an_add_parses_in_a_child_process_to_the_graph_it_parses_in_its_own(
    pipeline, tmp_path, monkeypatch
):
    """Without a loaded pipeline, an add parses its new articles in a forked child (the CLI's
    add): the same graph, and the child's failures are the add's, OUT kept as it was."""
    here, there = tmp_path / "here", tmp_path / "there"
    kept_build(PATHS[:1], here, pipeline)
    shutil.copytree(here, there)
    keep.add(PATHS[1:3], here, nlp=pipeline)
    parsed_by = tmp_path / "parsed_by"
    original = keep._parse

    @functools.wraps(original)  # the child finds it by name, as the parent sent it
    def parse(*args):
        parsed_by.write_text(str(os.getpid()))
        return original(*args)

    monkeypatch.setattr(keep, "_parse", parse)
    keep.add(PATHS[1:3], there)
    assert int(parsed_by.read_text()) != os.getpid()
    assert comparable(there) == comparable(here)

    snapshot = (there / "graph.trig").read_bytes()
    monkeypatch.setattr(keep, "_parse", functools.wraps(original)(_unparsable))
    with pytest.raises(InputError, match="cannot be parsed"):
        keep.add(PATHS[3:4], there)
    monkeypatch.setattr(keep, "_parse", functools.wraps(original)(_killed))
    stopped = r"parse of the new articles stopped \(exit code 9\); nothing was changed"
    with pytest.raises(GraphkitError, match=stopped) as raised:
        keep.add(PATHS[3:4], there)
    assert "\n" not in str(raised.value)
    assert (there / "graph.trig").read_bytes() == snapshot
    assert not list(tmp_path.glob(".there.staging-*"))


def test_an_add_draws_its_map_in_a_child_process_beside_its_store(pipeline, tmp_path, monkeypatch):
    """An add's map is drawn in a forked child while the store and files are written, and the
    names kept by the add's own process meanwhile: the map it returns is the page's, and the
    child's failures are the add's, OUT kept as it was."""
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    drawn_by, named_by = tmp_path / "drawn_by", tmp_path / "named_by"
    original, names = keep._draw, state.Keeping.names

    def draw(staging, *args):
        drawn_by.write_text(str(os.getpid()))
        return original(staging, *args)

    def keep_names(self, *args):
        named_by.write_text(str(os.getpid()))
        return names(self, *args)

    monkeypatch.setattr(keep, "_draw", draw)
    monkeypatch.setattr(state.Keeping, "names", keep_names)
    kept = keep.add(PATHS[1:3], out, nlp=pipeline)
    assert int(drawn_by.read_text()) != os.getpid()
    assert int(named_by.read_text()) == os.getpid()
    assert state.read_names(out, BuildConfig()) is not None
    assert kept.view is not None and kept.view.graph.number_of_nodes() > 0
    page = visualize.render_html(kept.view, heading="graphkit: out")  # the same view, same page
    assert (out / "graph.html").read_text(encoding="utf-8") == page
    assert listed_as_written(out)

    snapshot = {path.name: path.read_bytes() for path in out.glob("graph.*")}
    monkeypatch.setattr(keep, "_draw", _unwritable)
    with pytest.raises(OSError, match="no room for the map"):
        keep.add(PATHS[3:4], out, nlp=pipeline)
    monkeypatch.setattr(keep, "_draw", _killed)
    stopped = r"drawing of the map stopped \(exit code 9\); nothing was changed"
    with pytest.raises(GraphkitError, match=stopped):
        keep.add(PATHS[3:4], out, nlp=pipeline)
    assert {path.name: path.read_bytes() for path in out.glob("graph.*")} == snapshot
    assert not list(tmp_path.glob(".out.staging-*"))


def test_an_adds_map_child_reads_the_whole_network_from_fewer_facts(
    pipeline, tmp_path, monkeypatch
):
    """An add's map child makes the quads of the facts graph a map reads only (those of facts
    near another or in conflict: quads.Quads.build's `every_fact`), and gathers from them the
    very network the whole graph gives: nodes, edges, near matches and conflict flags."""
    offer = tmp_path / "offer_a.txt"
    offer.write_text("Rio Tinto is considering an offer for Arcadium Lithium.\n", encoding="utf-8")
    made = tmp_path / "offer_b.txt"
    made.write_text(
        "Rio Tinto made an offer for Arcadium Lithium. Glencore bought Xstrata in 2013.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    kept_build([*sorted(SEEDS.glob("*.txt")), offer], out, pipeline)
    drawn = tmp_path / "drawn.pickle"
    original = keep._draw

    def draw(staging, max_nodes, heading, source):
        drawn.write_bytes(pickle.dumps(analyze.to_networkx(source)))  # in the child
        return original(staging, max_nodes, heading, source)

    monkeypatch.setattr(keep, "_draw", draw)
    keep.add([made], out, nlp=pipeline)
    child = pickle.loads(drawn.read_bytes())
    whole = analyze.to_networkx(graph.load(out))
    assert dict(child.nodes(data=True)) == dict(whole.nodes(data=True))
    assert list(child.edges(keys=True, data=True)) == list(whole.edges(keys=True, data=True))
    edges = [data for *_, data in whole.edges(data=True)]
    assert any(data["near"] for data in edges) and any(data["conflict"] for data in edges)
    [[facts]] = query.select(graph.load(out), "SELECT (COUNT(?f) AS ?n) { ?f a gk:Fact }").rows
    assert int(facts or 0) > sum(1 for data in edges if data["near"] or data["conflict"])


def test_an_add_makes_again_only_the_facts_it_changes(pipeline, tmp_path, monkeypatch):
    """An add carries over the text of the facts its articles leave as they were
    (graphkit.ledger) and makes the others: a fact a new article states again (its support now
    2) is made, and the graph, its store, files and state are those of a fresh build."""
    first = tmp_path / "mines_a.txt"
    first.write_text(
        "Glencore bought Xstrata in 2013. BHP owns the Escondida mine in Chile. "
        "Rio Tinto is considering an offer for Arcadium Lithium.\n",
        encoding="utf-8",
    )
    again = tmp_path / "mines_b.txt"
    again.write_text(
        "Glencore bought Xstrata in 2013. Anglo American sold its coal mines to Peabody.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    kept_build([first], out, pipeline)
    carried: list[str] = []
    carries = ledger.Ledger.carries

    def spy(self, fact, fingerprint):
        found = carries(self, fact, fingerprint)
        if found:
            carried.append(str(fact_iri(fact)))
        return found

    monkeypatch.setattr(ledger.Ledger, "carries", spy)
    keep.add([again], out, nlp=pipeline)
    twice = query.select(graph.load(out), "SELECT ?f { ?f a gk:Fact ; gk:support 2 }").rows
    assert carried and twice
    assert not {str(fact) for [fact] in twice} & set(carried)
    fresh = tmp_path / "fresh"
    kept_build([first, again], fresh, pipeline)
    assert comparable(out) == comparable(fresh)
    assert in_store(out) == in_files(out) == in_state(out)
    assert union(out / "graph.ttl") == union(out / "graph.trig")


def _unwritable(*args):
    raise OSError(28, "no room for the map")


def _unparsable(*args):
    raise InputError("a.txt: cannot be parsed")


def _killed(*args):
    os._exit(9)  # as the kernel's out-of-memory killer would end it


def test_a_pass_that_skips_every_article_held_reads_only_those_appended(pipeline, tmp_path):
    """An add's articles file is the kept one with the new articles in a gzip member of their
    own: a pass that skips all the kept ones (an add's resolution) reads that member alone."""
    kept_build(PATHS[:2], tmp_path / "out", pipeline)
    pairs = list(state.Articles(tmp_path / "out" / "state" / state.ARTICLES))
    first = {document.id for document, _ in pairs[:1]}
    earlier = state.write_articles(tmp_path / "earlier.jsonl.gz", pairs[:1])
    both = state.write_articles(
        tmp_path / "both.jsonl.gz", pairs[1:], after=earlier, held=frozenset(first)
    )
    assert list(both.skipping(frozenset(first))) == pairs[1:]
    size = earlier.path.stat().st_size
    with open(both.path, "r+b") as damaged:  # the kept member unreadable: never read here
        damaged.write(bytes(size))
    assert list(both.skipping(frozenset(first))) == pairs[1:]
    with pytest.raises(InputError, match=r"both\.jsonl\.gz: damaged"):
        list(both)


def test_readings_held_are_read_from_memory_and_the_shared_quads_used_up(pipeline, tmp_path):
    """What an add reads while its child parses (state.Readings.hold) is what the state holds."""
    out = tmp_path / "out"
    kept_build(PATHS[:2], out, pipeline)
    readings = state.read_readings(out, BuildConfig())
    assert readings is not None
    lines = [reading.line for reading in readings]  # type: ignore[attr-defined]
    derived = (out / "state" / state.DERIVED).read_bytes().splitlines()
    readings.hold()
    (out / "state" / state.READINGS).unlink()
    (out / "state" / state.DERIVED).unlink()
    assert [reading.line for reading in readings] == lines  # type: ignore[attr-defined]
    # but the quads of the facts its ledger lists, which an add compares only if it makes them
    keys = json.loads((out / "state" / ledger.FILE).read_text(encoding="utf-8"))["facts"]
    listed = {str(fact_iri(key)) for key in keys}
    assert listed
    others = {line for line in derived if line[1 : line.index(b">")].decode() not in listed}
    assert len(others) < len(derived)
    assert readings.derived() == others
    with pytest.raises(InputError, match=r"derived\.nq: damaged"):
        readings.derived()  # used up: read again, from a file now gone


def test_an_add_of_articles_held_already_writes_nothing(pipeline, tmp_path):
    out = tmp_path / "out"
    kept_build(PATHS[:2], out, pipeline)
    files = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    added = keep.add(PATHS[:2], out, nlp=pipeline)
    assert (added.result, added.added, added.already) == (None, 0, 2)
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == files
    assert not list(tmp_path.glob(".out.staging-*"))  # no staging folder left behind


def articles_read(monkeypatch, method: str) -> list[str]:
    """The ids of the articles whose extractions `Resolver.<method>` reads from now on, in order.

    "_read_names" reads their names (the first pass); "_prepare" their triples (every pass).
    """
    read: list[str] = []
    original = getattr(resolve.Resolver, method)

    def spy(self, extraction, *rest):
        read.append(extraction.doc_id)
        return original(self, extraction, *rest)

    monkeypatch.setattr(resolve.Resolver, method, spy)
    return read


def add_reading(
    pipeline, out: Path, built: list[Path], adding: list[Path], monkeypatch, method: str
) -> tuple[keep.Kept, set[str], list[str]]:
    """Build `built` into `out`, then add `adding`: what the add did, the ids of the articles
    it added, and those of the articles whose extractions `method` read (`articles_read`)."""
    kept_build(built, out, pipeline)
    return added_reading(pipeline, out, adding, monkeypatch, method)


def added_reading(
    pipeline, out: Path, adding: list[Path], monkeypatch, method: str
) -> tuple[keep.Kept, set[str], list[str]]:
    """`add_reading` to a graph `out` holds already."""
    held = {d.id for d, _ in state.read(out).read}
    read = articles_read(monkeypatch, method)
    kept = keep.add(adding, out, nlp=pipeline)
    return kept, {d.id for d, _ in state.read(out).read} - held, read


def test_an_add_reads_the_names_of_its_new_articles_only_to_the_table_a_build_reads(
    pipeline, tmp_path, monkeypatch
):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    _, added, read = add_reading(pipeline, out, PATHS[1:3], PATHS[:3], monkeypatch, "_read_names")
    assert len(added) == 1 and set(read) == added  # the two it held were not read again
    kept_build(PATHS[:3], fresh, pipeline)
    config = BuildConfig()
    table = state.read_names(out, config)
    every = {d.id for d, _ in state.read(out).read}
    assert table is not None and set(table["documents"]) == every and added < every
    assert table == state.read_names(fresh, config)  # as if all three were read at once
    assert comparable(out) == comparable(fresh)


def test_names_read_under_other_rules_are_read_again(pipeline, tmp_path, monkeypatch):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    kept_build(PATHS[1:2], out, pipeline)
    path = out / "state" / state.NAMES
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        table = json.load(lines)
    table["rules"] = "another graphkit's"
    table["votes"] = {key: {"Event": 9} for key in table["votes"]}  # would be misread if used
    with gzip.open(path, "wt", encoding="utf-8") as out_file:
        json.dump(table, out_file)
    assert state.read_names(out, BuildConfig()) is None
    read = articles_read(monkeypatch, "_read_names")
    keep.add(PATHS[:2], out, nlp=pipeline)
    assert len(set(read)) == 2  # every article's names, as a build reads them
    kept_build(PATHS[:2], fresh, pipeline)
    assert comparable(out) == comparable(fresh)


def test_an_add_replays_the_articles_whose_names_find_the_same_entities(
    pipeline, tmp_path, monkeypatch
):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    kept_build(PATHS[2:5], out, pipeline)
    held = (out / "state" / state.READINGS).read_bytes()
    added, new, read = added_reading(pipeline, out, PATHS[2:6], monkeypatch, "_prepare")
    assert len(new) == 1 and set(read) == new  # the three it held were not read again
    assert added.result is not None and added.result.replayed == 3
    # all replayed, in their order: the readings file is copied and the new one's appended
    assert (out / "state" / state.READINGS).read_bytes().startswith(held)
    kept_build(PATHS[2:6], fresh, pipeline)
    assert comparable(out) == comparable(fresh)
    assert added.result.summary().split(" in ")[0] == fresh_summary(fresh)


def fresh_summary(out: Path) -> str:
    """A kept graph's counts as a build of its articles reports them."""
    built = keep.build(
        [d for d, _ in state.read(out).read], out.with_name(out.name + "-again"),
        config=BuildConfig(), formats=("trig",), max_nodes=50, heading="t",
    )  # fmt: skip
    assert built.result is not None
    return built.result.summary().split(" in ")[0]


def test_an_article_whose_names_find_other_entities_is_read_again(pipeline, tmp_path, monkeypatch):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    kept_build(PATHS[1:2], out, pipeline)
    path = out / "state" / state.READINGS
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        header, *readings = [json.loads(line) for line in lines]
    key = next(k for k, found in readings[0]["keys"].items() if found)
    readings[0]["keys"][key] = "another-entity"  # as if its name had joined another entity
    with gzip.open(path, "wt", encoding="utf-8") as out_file:
        out_file.writelines(json.dumps(line) + "\n" for line in [header, *readings])
    read = articles_read(monkeypatch, "_prepare")
    keep.add(PATHS[:2], out, nlp=pipeline)
    assert len(set(read)) == 2  # the new article and the one whose reading no longer holds
    kept_build(PATHS[:2], fresh, pipeline)
    assert comparable(out) == comparable(fresh)


def test_readings_under_other_rules_are_not_replayed(pipeline, tmp_path, monkeypatch):
    out = tmp_path / "out"
    kept_build(PATHS[1:2], out, pipeline)
    path = out / "state" / state.READINGS
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        header, *rest = lines.readlines()
    with gzip.open(path, "wt", encoding="utf-8") as out_file:
        out_file.writelines(
            [json.dumps({**json.loads(header), "rules": "another's"}) + "\n", *rest]
        )
    assert state.read_readings(out, BuildConfig()) is None
    read = articles_read(monkeypatch, "_prepare")
    keep.add(PATHS[:2], out, nlp=pipeline)
    assert len(set(read)) == 2


def test_a_map_reads_a_kept_graph_off_its_state_as_off_its_store(pipeline, tmp_path):
    out = tmp_path / "out"
    kept_build(PATHS[:2], out, pipeline)
    keep.add(PATHS[2:3], out, nlp=pipeline)
    from_store = analyze.to_networkx(graph.load(out))
    assert state.kept_map(out) is not None
    assert nx.utils.graphs_equal(analyze.read_graph(out), from_store)
    (out / "state" / state.DERIVED).write_bytes(b"")  # changed after the build
    with pytest.raises(InputError, match=r"derived\.nq changed") as raised:
        analyze.read_graph(out)
    assert "\n" not in str(raised.value)
    (out / "state" / state.DERIVED).unlink()  # no state quads: the store is read
    assert nx.utils.graphs_equal(analyze.read_graph(out), from_store)


@pytest.mark.parametrize(
    "kept",
    [
        state.ARTICLES,
        state.NAMES,
        state.READINGS,
        state.QUADS,
        state.DERIVED,
        state.STATEMENTS,
        state.SKETCHES,
        BLOCKS,
        ledger.FILE,
    ],
)
def test_a_damaged_state_file_fails_an_add_in_one_line_and_changes_nothing(
    pipeline, tmp_path, kept
):
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    path = out / "state" / kept
    path.write_bytes(path.read_bytes()[:-40])  # cut short
    assert_an_add_fails_naming(path, out, pipeline)


@pytest.mark.parametrize("name", ["graph.trig", "graph.ttl"])
@pytest.mark.parametrize("copied", ["article", "fact"])
def test_a_graph_file_cut_short_fails_an_add_in_one_line_and_changes_nothing(
    pipeline, tmp_path, name, copied
):
    # an add copies the kept article's blocks of each graph file, and the text of the facts it
    # carries over (graphkit.ledger): a file cut short inside either is not copied
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    path, suffix = out / name, Path(name).suffix
    if copied == "article":
        blocks = json.loads((out / "state" / BLOCKS).read_text(encoding="utf-8"))[suffix]
        (article,) = (str(document_iri(doc_id)) for doc_id in state.read(out).entered)
        cut = max(end for graph, _, end in blocks if graph == article) - 5
    else:  # inside the first fact's text: every one after it is cut too
        listed = json.loads((out / "state" / ledger.FILE).read_text(encoding="utf-8"))
        cut = min(listed["ranges"][suffix][::2]) + 5
    path.write_bytes(path.read_bytes()[:cut])
    assert_an_add_fails_naming(path, out, pipeline)


def test_a_state_whose_entered_articles_are_not_its_articles_fails_an_add_in_one_line(
    pipeline, tmp_path
):
    out = tmp_path / "out"
    kept_build(PATHS[:1], out, pipeline)
    path = out / "state" / state.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["entered"] = {}  # edited by hand: the article it holds no longer listed
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert_an_add_fails_naming(path, out, pipeline)


def assert_an_add_fails_naming(path: Path, out: Path, pipeline) -> None:
    """An add to `out` fails in one line that calls `path` damaged, and changes nothing."""
    snapshot = (out / "graph.trig").read_bytes()
    with pytest.raises(InputError, match=f"{path}: damaged") as raised:
        keep.add(PATHS[1:2], out, nlp=pipeline)
    assert "\n" not in str(raised.value)
    assert (out / "graph.trig").read_bytes() == snapshot
