"""spaCy's entity recognizer, its greedy decoding done for a batch of documents at once in numpy.

The English pipelines' `ner` reads a document token by token, taking at each the best-scoring
BILUO action its rules allow. spaCy's compiled loop for it is slow in the published wheels: the
generated code takes and releases the GIL in every token lookup of the rule checks (two
PyGILState_Ensure/Release pairs a lookup, about seventy lookups a token), and that loop is about a
third of the whole parse. Here the recognizer's own model scores the states of every document of
a batch together, through the same layers (its precomputed features, `state2vec.predict`, and its
output layer: the same BLIS product, row for row), the rules become array masks, and the entities
are set as spaCy's `set_annotations` sets them: the stock recognizer's entities, for a small part
of its time. What the masks do not cover (entities set before the recognizer, a beam, a model off
the CPU, moves other than B, I, L, U and O) goes to the stock component.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps

FACTORY = "graphkit_entity_recognizer"

_KINDS = "BILUO"
_BEGIN, _IN, _LAST, _UNIT, _OUT = range(len(_KINDS))
_FEATURES = ("first word of the buffer", "first word of the open entity", "word before the buffer")
"""What the recognizer's state gives its model (StateC.set_context_tokens with three ids)."""


@dataclass(frozen=True, slots=True)
class _Moves:
    """The recognizer's classes, and which of them its rules allow in each kind of state."""

    kinds: numpy.ndarray
    """Each class's kind, an index of _KINDS."""
    labels: numpy.ndarray
    """Each class's entity label, an index of `names`."""
    names: tuple[str, ...]
    barred: numpy.ndarray
    """0 for the classes allowed, -inf for the others, by state (`state`)."""

    @staticmethod
    def state(open_label: numpy.ndarray, token: numpy.ndarray) -> numpy.ndarray:
        """Rows of `barred`: an entity of `open_label` open (-1: none), at a `token` kind.

        The token kinds are `_token_kinds`.
        """
        rows: numpy.ndarray = (open_label + 1) * 4 + token
        return rows


def _read_moves(recognizer: EntityRecognizer) -> _Moves | None:
    """The classes of `recognizer`; None unless they are O and a B, I, L and U for each label.

    Without entities set before the recognizer, no other move applies (an unlabelled U only
    marks a preset blocked token), and a state always has a move its rules allow: O when no
    entity is open, the open label's L when one is.
    """
    moves: Any = recognizer.moves
    names = [moves.get_class_name(clas) for clas in range(moves.n_moves)]
    labels = sorted({name[2:] for name in names if name[1:2] == "-" and name[2:]})
    wanted = {"O"} | {f"{kind}-{label}" for kind in "BILU" for label in labels}
    if set(names) - {"U-"} != wanted or len(set(names)) != len(names):
        return None
    kinds = numpy.array([_KINDS.index(name[0]) for name in names])
    label_of = numpy.array([labels.index(name[2:]) if name[2:] else -2 for name in names])
    barred = numpy.full(((len(labels) + 1) * 4, len(names)), -numpy.inf, dtype="f")
    for open_label in range(-1, len(labels)):
        for may_go_on in (False, True):
            for blank in (False, True):
                row = _Moves.state(numpy.array(open_label), numpy.array(may_go_on * 2 + blank))
                is_open, same = open_label >= 0, label_of == open_label
                labelled = (label_of >= 0) & (
                    ((kinds == _BEGIN) & (not is_open) & may_go_on & (not blank))
                    | ((kinds == _IN) & is_open & may_go_on & same)
                    | ((kinds == _LAST) & is_open & same)
                    | ((kinds == _UNIT) & (not is_open) & (not blank))
                )
                allowed = labelled | ((kinds == _OUT) & (not is_open))
                barred[row, allowed] = 0
    return _Moves(kinds, label_of, tuple(labels), barred)


class VectorizedRecognizer:
    """A pipe component giving the entities of `stock`, a greedy EntityRecognizer, faster."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stock: EntityRecognizer | None = None
        self.moves: _Moves | None = None  # the stock recognizer's, read when it is set

    def __call__(self, doc: Doc) -> Doc:
        for _ in self.pipe([doc], batch_size=1):
            pass
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """Recognize the entities of each batch of `docs` (the stock component's batches)."""
        stock, moves = self.stock, self.moves
        if stock is None or moves is None:
            raise ValueError(f"{self.name}: no stock entity recognizer to take entities from")
        stream = iter(docs)
        while in_order := list(itertools.islice(stream, batch_size)):
            self._recognize(sorted(in_order, key=len), stock, moves, batch_size)
            yield from in_order

    def _recognize(
        self, docs: list[Doc], stock: EntityRecognizer, moves: _Moves, batch_size: int
    ) -> None:
        """Set the entities of `docs`, shortest first, as the stock recognizer would.

        The stock one scores a batch in sub-batches of a quarter; here it is scored whole, which
        gives each token the same features (the model's layers work token by token), unless the
        model has classes it never saw in training: their score is the lowest of a sub-batch.
        """
        model: Any = stock.model
        columns = [doc.to_array([ENT_IOB, SENT_START, IS_SPACE]).reshape(-1, 3) for doc in docs]
        preset = any(column[:, 0].any() for column in columns)  # entities set before the model
        if preset or model.attrs.get("unseen_classes"):
            for _ in stock.pipe(docs, batch_size=batch_size):
                pass
            return
        if not any(len(doc) for doc in docs):
            return
        step = model.predict(docs)
        try:
            found = _decode(step, numpy.concatenate(columns), [len(doc) for doc in docs], moves)
        finally:
            step.clear_memory()
        spans: dict[int, list[Span]] = {}
        for at, start, end, label in found:
            spans.setdefault(at, []).append(Span(docs[at], start, end, label=moves.names[label]))
        for at, doc in enumerate(docs):
            doc.set_ents(spans.get(at, []), default="outside")


def _token_kinds(columns: numpy.ndarray, lengths: numpy.ndarray) -> numpy.ndarray:
    """Each token's kind: 2 if an entity may go on past it, plus 1 if it is white space.

    An entity goes on to the next token of its document and sentence; none starts on a space.
    """
    last = numpy.cumsum(lengths)[lengths > 0] - 1
    may_go_on = numpy.ones(len(columns), dtype=numpy.int64)
    may_go_on[:-1] = columns[1:, 1] != 1  # SENT_START of the next token
    may_go_on[last] = 0
    kinds: numpy.ndarray = may_go_on * 2 + (columns[:, 2] != 0)
    return kinds


def _decode(
    step: Any, columns: numpy.ndarray, lengths: list[int], moves: _Moves
) -> list[tuple[int, int, int, int]]:
    """The entities greedy decoding finds: (document index, start, end, label index).

    `columns` holds each token's ENT_IOB, SENT_START and IS_SPACE, the documents' tokens one
    after another (the order of the model's features), the documents shortest first. Each
    state takes one move a token, so at step t the states left are those of the documents
    longer than t, a tail of the list, each at its token t.
    """
    size = numpy.array(lengths)
    base = numpy.concatenate(([0], numpy.cumsum(size)[:-1]))
    token_kind = _token_kinds(columns, size)
    weights, bias = step.vec2scores.get_param("W"), step.vec2scores.get_param("b")
    gemm, features = step.vec2scores.ops.gemm, step.state2vec.predict
    open_token = numpy.full(len(size), -1)  # where each document's open entity starts
    open_label = numpy.full(len(size), -1)
    found: list[tuple[numpy.ndarray, ...]] = []
    for t in range(int(size.max())):
        first = int(numpy.searchsorted(size, t, side="right"))
        token = base[first:] + t
        starts, labels = open_token[first:], open_label[first:]
        opened = starts >= 0
        ids = numpy.empty((len(token), 3), dtype="i")
        ids[:, 0] = token  # the word at the head of the buffer,
        ids[:, 1] = starts  # the open entity's first word,
        ids[:, 2] = numpy.where(opened, token - 1, -1)  # and the word before the buffer's
        scores = gemm(features(ids), weights, trans2=True)
        scores += bias
        scores += moves.barred[moves.state(labels, token_kind[token])]
        guess = scores.argmax(axis=1)
        kind, label = moves.kinds[guess], moves.labels[guess]
        unit, last = kind == _UNIT, kind == _LAST
        closed = numpy.flatnonzero(unit | last)
        if closed.size:
            begun = numpy.where(unit[closed], token[closed], starts[closed])
            named = numpy.where(unit[closed], label[closed], labels[closed])
            ends = numpy.full(closed.size, t + 1)
            found.append((closed + first, begun - base[first:][closed], ends, named))
            ended = closed[last[closed]] + first
            open_token[ended], open_label[ended] = -1, -1
        begin = numpy.flatnonzero(kind == _BEGIN)
        if begin.size:
            open_token[begin + first], open_label[begin + first] = token[begin], label[begin]
    if not found:
        return []
    columns_found = (numpy.concatenate(part).tolist() for part in zip(*found, strict=True))
    return list(zip(*columns_found, strict=True))


@Language.factory(FACTORY)
def make_vectorized_recognizer(nlp: Language, name: str) -> VectorizedRecognizer:
    """Build a VectorizedRecognizer: the factory spaCy's replace_pipe needs."""
    return VectorizedRecognizer(name)


def vectorize_recognizer(pipeline: Language) -> None:
    """Put a VectorizedRecognizer in place of the pipeline's greedy entity recognizer, if any.

    A recognizer with a beam, a model off the CPU or moves the masks do not know is left as it
    is.
    """
    for name, component in pipeline.pipeline:
        if not isinstance(component, EntityRecognizer) or component.cfg.get("beam_width") != 1:
            continue
        model: Any = component.model
        if not isinstance(model.ops, NumpyOps) or not model.attrs.get("has_upper"):
            continue
        if model.get_ref("lower").get_dim("nF") != len(_FEATURES):
            continue
        moves = _read_moves(component)
        if moves is None or component.postprocesses:
            continue
        replacement = pipeline.replace_pipe(name, FACTORY)
        assert isinstance(replacement, VectorizedRecognizer)
        replacement.stock = component
        replacement.moves = moves
