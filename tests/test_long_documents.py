"""Long documents: cut at sentence ends into bounded pieces, streamed, offsets exact."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import json
import re
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ARTICLES, SEEDS

from graphkit import extract, ingest, nlp, state
from graphkit.extract.dependency import DependencyExtractor
from graphkit.testing import check_triples
from graphkit.types import Document, Extraction, Triple

PIECE_CHARS = 5_000
BATCH_CHARS = 15_000  # three pieces a batch
SENTENCE_END = re.compile(r"""[.!?]['"’”)\]]*\s+\Z""")


def _single_line(copies: int) -> Document:
    """The seed articles `copies` times over as one line (about 9 KB a copy), no breaks at all."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    document = ingest.make_document(" ".join([" ".join(text.split())] * copies), source="long")
    assert document is not None
    return document


@dataclasses.dataclass
class _Watched:
    document: Document
    extraction: Extraction
    pieces: list[tuple[int, str, bool]]  # offset, text, last
    live: list[int]  # spaCy Docs of the pieces so far still alive as each piece arrives
    sent: list[int]  # pieces handed to spaCy as each piece arrives


@pytest.fixture(scope="module")
def long_run(pipeline) -> _Watched:
    """A 200 KB one-line document parsed in 5 KB pieces and extracted, watched piece by piece."""
    document = _single_line(22)
    pieces: list[tuple[int, str, bool]] = []
    live: list[int] = []
    sent: list[int] = []
    batches: list[int] = []
    docs: list[weakref.ref[Any]] = []
    original = pipeline.pipe

    def counting_pipe(texts: list[str], **options: Any) -> Iterator[Any]:
        batches.append(len(texts))
        yield from original(texts, **options)

    def watch(parsed: Iterator[nlp.ParsedPiece]) -> Iterator[nlp.ParsedPiece]:
        for piece in parsed:  # no gc.collect(): a Doc let go is freed at once (no cycles)
            docs.append(weakref.ref(piece.spacy_doc))
            live.append(sum(ref() is not None for ref in docs))
            sent.append(sum(batches))
            pieces.append((piece.offset, piece.spacy_doc.text, piece.last))
            yield piece

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "pipe", counting_pipe)
        parsed = nlp.parse([document], pipeline, piece_chars=PIECE_CHARS, batch_chars=BATCH_CHARS)
        [extraction] = extract.run(watch(parsed), [DependencyExtractor()])
    return _Watched(document=document, extraction=extraction, pieces=pieces, live=live, sent=sent)


def test_a_long_line_is_cut_at_sentence_ends_into_bounded_pieces(long_run):
    text = long_run.document.text
    assert len(text) > 190_000 and "\n" not in text
    pieces = long_run.pieces
    assert len(pieces) >= 40
    assert "".join(piece for _, piece, _ in pieces) == text
    assert [offset for offset, _, _ in pieces] == [
        sum(len(piece) for _, piece, _ in pieces[:number]) for number in range(len(pieces))
    ]
    assert all(PIECE_CHARS // 2 < len(piece) <= PIECE_CHARS for _, piece, _ in pieces[:-1])
    assert all(SENTENCE_END.search(piece) for _, piece, _ in pieces[:-1])
    assert [last for _, _, last in pieces] == [False] * (len(pieces) - 1) + [True]


def test_offsets_stay_exact_and_sentence_indexes_run_on(long_run):
    document, extraction = long_run.document, long_run.extraction
    assert extraction.doc_id == document.id
    assert len(extraction.triples) > 1000
    check_triples(document, extraction.triples)
    sentences = extraction.sentences
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
    assert all(document.text[s.start : s.end] == s.text for s in sentences)
    for mention in extraction.mentions:
        assert document.text[mention.start : mention.end] == mention.text


def test_parse_streams_one_batch_at_a_time(long_run):
    batch = BATCH_CHARS // PIECE_CHARS
    assert max(long_run.live) <= batch  # extract.run keeps no Doc of an earlier batch
    for number, sent in enumerate(long_run.sent, start=1):
        assert sent <= number + batch  # never more than a batch parsed ahead


def test_each_piece_yields_what_it_yields_as_a_document_of_its_own(long_run, pipeline):
    by_sentence: dict[int, list[Triple]] = {}
    for triple in long_run.extraction.triples:
        by_sentence.setdefault(triple.sentence.start, []).append(triple)
    pieces = long_run.pieces
    for offset, text, _ in [pieces[0], pieces[len(pieces) // 2], pieces[-1]]:
        alone = Document(id="alone", text=text, source="piece")
        [extraction] = extract.run(nlp.parse([alone], pipeline), [DependencyExtractor()])
        assert extraction.triples
        expected = [_shifted(triple, 0) for triple in extraction.triples]
        found = [
            _shifted(triple, offset)
            for sentence in extraction.sentences
            for triple in by_sentence.get(sentence.start + offset, [])
        ]
        assert found == expected


def test_normal_articles_stay_one_piece_and_extract_as_before(pipeline):
    documents = list(ingest.read_documents([SEEDS, ARTICLES]))
    pieces = list(nlp.parse(documents, pipeline))
    assert [(p.document, p.offset, p.last) for p in pieces] == [(d, 0, True) for d in documents]
    extractor = DependencyExtractor()
    before = nlp.parse(  # the limits of the code before pieces: max_length, batches by count
        documents, pipeline, piece_chars=pipeline.max_length, batch_chars=10**12
    )
    assert list(extract.run(pieces, [extractor])) == list(extract.run(before, [extractor]))


def test_split_text_falls_back_to_line_breaks_spaces_and_hard_cuts():
    lines = "\n".join(f"line {n} has no end mark" for n in range(40))
    assert all(piece.endswith("\n") for _, piece in list(nlp.split_text(lines, 100))[:-1])
    words = " ".join(["word"] * 100)
    assert all(piece.endswith(" ") for _, piece in list(nlp.split_text(words, 50))[:-1])
    blob = "x" * 250
    assert [len(piece) for _, piece in nlp.split_text(blob, 100)] == [100, 100, 50]
    titled = "He met Mr. Smith. " * 20
    for _, piece in list(nlp.split_text(titled, 60))[:-1]:
        assert piece.endswith("Smith. ")


def _shifted(triple: Triple, offset: int) -> dict[str, Any]:
    """The triple as a dict with offsets made relative to `offset`, ids and indexes left out."""
    shifted: dict[str, Any] = _relative(dataclasses.asdict(triple), offset)
    return shifted


def _relative(value: Any, offset: int) -> Any:
    if isinstance(value, dict):
        return {
            key: item - offset if key in ("start", "end") else _relative(item, offset)
            for key, item in value.items()
            if key not in ("doc_id", "index")
        }
    if isinstance(value, (list, tuple)):
        return [_relative(item, offset) for item in value]
    return value


def test_a_long_document_comes_in_runs_that_the_state_keeps_and_reads_back(pipeline, tmp_path):
    """Past run_chars, a document's records come as Extractions of their own, in order."""
    document = _single_line(3)
    extractors = [DependencyExtractor()]

    def extractions(run_chars: int) -> list[Extraction]:
        parsed = nlp.parse([document], pipeline, piece_chars=PIECE_CHARS)
        return list(extract.run(parsed, extractors, run_chars=run_chars))

    [whole] = extractions(extract.RUN_CHARS)
    runs = extractions(2 * PIECE_CHARS)
    assert len(runs) >= 2 and {run.doc_id for run in runs} == {document.id}
    for part in ("sentences", "mentions", "triples"):
        assert [r for run in runs for r in getattr(run, part)] == list(getattr(whole, part))
    path = tmp_path / "state" / state.ARTICLES
    articles = state.write_articles(path, [(document, run) for run in runs])
    assert list(articles) == [(document, run) for run in runs]
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        assert ["document" in json.loads(line) for line in lines] == [True] + [False] * (
            len(runs) - 1
        )  # the article's text is kept once
