"""What `graphkit extract` prints: each triple as a flat JSON-ready record, per line or article."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphkit import ingest, nlp
from graphkit.errors import GraphkitError
from graphkit.extract import Extractor, run
from graphkit.types import Triple


def line_records(
    paths: tuple[str, ...],
    pipeline: nlp.Pipeline,
    extractor: Extractor,
    *,
    pretokenized: bool,
) -> Iterator[dict[str, Any]]:
    """Parse each line of `paths` as one sentence and yield a record per triple, with its line."""
    lines = [line for path in paths for line in read_lines(path)]
    for sentence, spacy_sent in nlp.parse_lines(lines, pipeline, pretokenized=pretokenized):
        for triple in extractor.extract(sentence, spacy_sent):
            yield {"line": sentence.index + 1, **triple_record(triple)}


def document_records(
    paths: tuple[str, ...], pipeline: nlp.Pipeline, extractor: Extractor
) -> Iterator[dict[str, Any]]:
    """Read `paths` as articles and yield a record per triple, with its source."""
    documents = list(ingest.read_documents(paths))
    sources = {document.id: document.source for document in documents}
    for extraction in run(nlp.parse(documents, pipeline), [extractor]):
        for triple in extraction.triples:
            yield {"source": sources[extraction.doc_id], **triple_record(triple)}


def read_lines(path: str) -> list[str]:
    """The lines of a UTF-8 file, or of stdin for "-"."""
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GraphkitError(f"{path}: cannot be read as UTF-8 text ({error})") from error


def triple_record(triple: Triple) -> dict[str, Any]:
    """Flatten a Triple into the JSON object `graphkit extract` prints for it."""
    relation = triple.relation
    return {
        "doc_id": triple.sentence.doc_id,
        "sentence_index": triple.sentence.index,
        "sentence": triple.sentence.text,
        "subject": triple.subject.text,
        "relation": relation.text,
        "object": triple.object.text if triple.object is not None else "",
        "lemma": relation.lemma,
        "negated": relation.negated,
        "modality": relation.modality,
        "passive": relation.passive,
        "qualifiers": [{"role": q.role, "text": q.text} for q in triple.qualifiers],
        "attribution": triple.attribution.text if triple.attribution is not None else None,
        "confidence": triple.confidence,
        "extractor": triple.extractor,
        "rule": triple.rule,
        "subject_span": [triple.subject.start, triple.subject.end],
        "object_span": [triple.object.start, triple.object.end] if triple.object else None,
        "subject_antecedents": [m.text for m in triple.subject.antecedents],
    }
