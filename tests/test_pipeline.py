"""The pipeline: offsets that hold, long texts cut not dropped, and two jobs equal to one."""

from __future__ import annotations

import dataclasses

from conftest import ARTICLES, SEEDS
from rdflib import PROV
from rdflib.compare import isomorphic

from graphkit import extract, ingest, nlp, resolve
from graphkit.config import BuildConfig
from graphkit.extract.dependency import DependencyExtractor
from graphkit.graph import flatten
from graphkit.pipeline import assemble, extract_documents, run
from graphkit.pipeline import read as pipeline_read
from graphkit.testing import check_triples


def test_every_offset_slices_the_document_to_its_text(pipeline):
    documents = list(ingest.read_documents([SEEDS, ARTICLES]))
    extractions = list(extract.run(nlp.parse(documents, pipeline), [DependencyExtractor()]))
    assert sum(len(e.triples) for e in extractions) > 100
    for document, extraction in zip(documents, extractions, strict=True):
        check_triples(document, extraction.triples)


def test_text_longer_than_max_length_is_cut_into_pieces_not_dropped(pipeline, monkeypatch):
    [document] = ingest.read_documents([SEEDS / "003_c187e5ae1e2307df.txt"])
    [whole] = extract.run(nlp.parse([document], pipeline), [DependencyExtractor()])
    monkeypatch.setattr(pipeline, "max_length", 1500)
    pieces = list(nlp.parse([document], pipeline))
    assert len(pieces) >= 3
    assert all(len(piece.spacy_doc.text) <= 1500 for piece in pieces)
    assert "".join(text for _, text in nlp.split_text(document.text, 1500)) == document.text
    [split] = extract.run(pieces, [DependencyExtractor()])
    check_triples(document, split.triples)
    assert len(split.sentences) >= len(whole.sentences) - 2
    assert split.sentences[-1].text == whole.sentences[-1].text


def test_two_jobs_build_the_same_graph_as_one():
    sources = [SEEDS, ARTICLES]
    one = run(sources, config=BuildConfig(jobs=1))
    two = run(sources, config=BuildConfig(jobs=2))
    assert (one.documents, one.triples, one.facts) == (two.documents, two.triples, two.facts)
    assert isomorphic(untimed(one.dataset), untimed(two.dataset))


def untimed(dataset):
    """The union without prov:generatedAtTime: when a build ran is never the same twice."""
    union = flatten(dataset)
    union.remove((None, PROV.generatedAtTime, None))
    return union


def test_min_confidence_drops_weak_triples(pipeline):
    documents = list(ingest.read_documents([SEEDS]))
    everything = list(
        extract_documents(
            documents, [DependencyExtractor()], config=BuildConfig(), pipeline=pipeline
        )
    )
    scores = sorted(t.confidence for e in everything for t in e.triples)
    threshold = scores[len(scores) // 2]
    kept = run([SEEDS], config=BuildConfig(min_confidence=threshold), pipeline=pipeline)
    assert kept.triples == sum(1 for score in scores if score >= threshold)
    assert 0 < kept.triples < len(scores)


def test_an_extractor_instance_can_be_passed_directly(pipeline):
    def only_first(sentence, parsed):
        for triple in DependencyExtractor().extract(sentence, parsed):
            yield dataclasses.replace(triple, extractor="first-only")
            return

    custom = extract.FunctionExtractor(name="first-only", function=only_first)
    result = run([ARTICLES / "agree_a.txt"], extractors=[custom], pipeline=pipeline)
    names = {str(o) for o in result.dataset.objects(None, None) if str(o) == "first-only"}
    assert names == {"first-only"}
    assert result.triples == result.sentences


def test_run_takes_documents_as_well_as_paths(pipeline, tmp_path):
    from graphkit import query
    from graphkit.ingest import make_document

    text = "Russia trades with China. Beijing has backed Moscow over Ukraine."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    from_path = run([tmp_path / "a.txt"], pipeline=pipeline)
    document = make_document(text, source="in memory", title="A")
    assert document is not None
    from_memory = run([document, document], pipeline=pipeline)  # the same article once
    assert from_memory.documents == 1
    facts = {tuple(row[:3]) for row in query.facts(from_path.dataset)}
    assert facts and facts == {tuple(row[:3]) for row in query.facts(from_memory.dataset)}


def test_a_build_does_not_depend_on_the_order_of_its_inputs(pipeline):
    """The same articles in three orders give the same dataset, quad for quad."""
    import random

    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(ARTICLES.glob("*.txt"))]
    orders = [paths, paths[::-1], random.Random(7).sample(paths, len(paths))]
    dumps = []
    for order in orders:
        dataset = run(order, pipeline=pipeline).dataset
        lines = dataset.serialize(format="nquads").splitlines()
        dumps.append(sorted(line for line in lines if "prov#generatedAtTime" not in line))
    assert len(dumps[0]) > 4000
    assert dumps[0] == dumps[1] == dumps[2]


def test_each_article_records_when_it_entered_the_graph(pipeline):
    from graphkit import query

    dataset = run(sorted(SEEDS.glob("*.txt")), pipeline=pipeline).dataset
    rows = query.select(
        dataset,
        "SELECT ?doc ?when WHERE { ?doc a schema:NewsArticle ; prov:generatedAtTime ?when }",
        trusted=True,
    )
    assert len(rows) == 2
    for _, when in rows:
        assert when is not None and when.endswith(("Z", "+00:00"))  # UTC, an xsd:dateTime
    typed = query.select(
        dataset,
        "ASK { ?doc prov:generatedAtTime ?when FILTER(DATATYPE(?when) = xsd:dateTime) }",
        trusted=True,
    )
    assert typed.rows == (("true",),)


def test_a_build_collects_cycles_less_often_and_gives_back_the_callers_thresholds(pipeline):
    import gc

    from graphkit._collector import THRESHOLDS

    seen: list[tuple[int, int, int]] = []

    def watch(sentence, parsed):  # runs inside the build, sentence by sentence
        seen.append(gc.get_threshold())
        return ()

    before = gc.get_threshold()
    gc.set_threshold(600, 9, 8)
    try:
        watcher = extract.FunctionExtractor(name="watch", function=watch)
        run([ARTICLES / "agree_a.txt"], pipeline=pipeline, extractors=[watcher])
        assert seen and set(seen) == {THRESHOLDS}
        assert gc.get_threshold() == (600, 9, 8)
    finally:
        gc.set_threshold(*before)


def test_resolution_reads_articles_as_they_are_parsed_and_keeps_them(pipeline, monkeypatch):
    """A one-pass iterator of articles: the first pass reads each as it comes, not after the
    last, and the build equals one from the same articles held in a tuple."""
    documents = list(ingest.read_documents([SEEDS]))
    config = BuildConfig()
    articles = list(pipeline_read(documents, config=config, pipeline=pipeline))
    assert len(articles) == 2
    events: list[str] = []
    read_names = resolve.Resolver._read_names

    def counting(self, extraction, prepared):
        events.append(f"names {extraction.doc_id}")
        return read_names(self, extraction, prepared)

    def parsed():
        for document, extraction in articles:
            events.append(f"parsed {document.id}")
            yield document, extraction

    monkeypatch.setattr(resolve.Resolver, "_read_names", counting)
    entered = dict.fromkeys((d.id for d in documents), "2026-01-01T00:00:00Z")
    streamed = assemble(parsed(), documents, config=config, entered=entered)
    first, second = (document.id for document, _ in articles)
    assert events == [f"parsed {first}", f"names {first}", f"parsed {second}", f"names {second}"]
    held = assemble(tuple(articles), documents, config=config, entered=entered)
    assert list(streamed.read) == articles
    assert isomorphic(flatten(streamed.dataset), flatten(held.dataset))
