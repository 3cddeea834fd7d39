"""WiRe57 scorer (Léchelle et al., LAW 2019), re-implemented from ``SCORING.md`` section 3.3.

WiRe57 has no confidences: every prediction counts. Pairs are scored by word overlap per part
(inferred gold words may be matched but are left out of the recall denominator), paired greedily
one-to-one by F1 within each sentence, and summed over the corpus (micro average).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REUTERS_DOCS = ("Finnish-merge", "Central-merge")
"""The two Reuters news documents (23 sentences, 113 tuples)."""

_INFERRED = "inf"


@dataclass(frozen=True)
class GoldPart:
    """One part (argument or relation) of a gold tuple."""

    words: tuple[str, ...]
    real: int
    """Words present in the sentence (not inferred): the recall denominator of this part."""


@dataclass(frozen=True)
class GoldTuple:
    """A gold tuple: ``arg1``, ``rel``, ``arg2`` and the extra arguments ``arg3+``."""

    arg1: GoldPart
    rel: GoldPart
    arg2: GoldPart
    extra: tuple[GoldPart, ...]


@dataclass(frozen=True)
class GoldSentence:
    """A gold sentence with its document key, raw text, tokens and tuples."""

    id: str
    doc: str
    text: str
    tokens: tuple[str, ...]
    tuples: tuple[GoldTuple, ...]


@dataclass(frozen=True)
class Extraction:
    """A system extraction: part strings as written (words separated by spaces)."""

    arg1: str
    rel: str
    arg2: str
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wire57Scores:
    """Micro-averaged precision, recall and F1 (fractions in [0, 1]) with the counts behind them."""

    precision: float
    recall: float
    f1: float
    sentences: int
    gold_tuples: int
    predictions: int


def _part(data: Mapping[str, Any]) -> GoldPart:
    return GoldPart(
        tuple(data["words"]), sum(index != _INFERRED for index in data["words_indexes"])
    )


def read_gold(path: Path) -> dict[str, GoldSentence]:
    """Read ``WiRe57_343-manual-oie.json`` into gold sentences by id (e.g. ``"FI 1"``)."""
    sentences = {}
    for doc, items in json.loads(path.read_text(encoding="utf-8")).items():
        for item in items:
            tuples = tuple(
                GoldTuple(
                    _part(t["arg1"]),
                    _part(t["rel"]),
                    _part(t["arg2"]),
                    tuple(_part(extra) for extra in t["arg3+"]),
                )
                for t in item["tuples"]
            )
            sentences[item["id"]] = GoldSentence(
                item["id"], doc, item["sent"], tuple(item["tokens"]), tuples
            )
    return sentences


def parse_extractions(
    data: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, list[Extraction]]:
    """Convert ``{sentence_id: [{"arg1", "rel", "arg2", "arg3+"?}, ...]}`` into extractions."""
    return {
        sent_id: [
            Extraction(item["arg1"], item["rel"], item["arg2"], tuple(item.get("arg3+", ())))
            for item in items
        ]
        for sent_id, items in data.items()
    }


def read_system_extractions(path: Path) -> dict[str, dict[str, list[Extraction]]]:
    """Read the released extractions file, split by the ``extractor`` field of each extraction."""
    by_system: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    for sent_id, items in json.loads(path.read_text(encoding="utf-8")).items():
        for item in items:
            by_system.setdefault(item["extractor"], {}).setdefault(sent_id, []).append(item)
    return {system: parse_extractions(data) for system, data in by_system.items()}


def _tuple_match(prediction: Extraction, gold: GoldTuple) -> tuple[float, float] | None:
    """WiRe57's ``tuple_match``: (precision, recall) of a pair, ``None`` when they do not match."""
    p_num = p_den = r_num = r_den = 0
    for predicted, part in (
        (prediction.arg1, gold.arg1),
        (prediction.rel, gold.rel),
        (prediction.arg2, gold.arg2),
    ):
        words = predicted.split()
        if not words:
            if part.real:
                return None
            continue
        k = sum(word in part.words for word in words)
        if k == 0 and part.real:
            return None
        p_num += k
        p_den += len(words)
        r_num += k
        r_den += part.real
    for i, part in enumerate(gold.extra):
        r_den += part.real
        if i < len(prediction.extra):
            words = prediction.extra[i].split()
            k = sum(word in part.words for word in words)
            p_num += k
            r_num += k
            p_den += len(words)
    return (p_num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _sentence_sums(
    predictions: Sequence[Extraction], golds: Sequence[GoldTuple]
) -> tuple[float, float]:
    """Sums of precision and recall over a greedy one-to-one pairing by pair F1, best first."""
    ranked = []
    for i, gold in enumerate(golds):
        for j, prediction in enumerate(predictions):
            match = _tuple_match(prediction, gold)
            if match is not None and _f1(*match) > 0:
                ranked.append((-_f1(*match), i, j, match))
    ranked.sort(key=lambda item: item[:3])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    precision = recall = 0.0
    for _, i, j, (prec, rec) in ranked:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            precision += prec
            recall += rec
    return precision, recall


def score(
    gold: Mapping[str, GoldSentence],
    predictions: Mapping[str, Sequence[Extraction]],
    docs: Collection[str] | None = None,
) -> Wire57Scores:
    """Score extractions against the WiRe57 gold.

    Args:
        gold: gold sentences by id (:func:`read_gold`).
        predictions: extractions by sentence id; ids absent from the gold are ignored.
        docs: if given, only sentences of these documents are scored (e.g. :data:`REUTERS_DOCS`).

    Returns:
        Corpus precision (sum of paired precisions / predictions), recall (sum of paired recalls /
        gold tuples) and their F1.
    """
    p_num = r_num = 0.0
    p_den = r_den = sentences = 0
    for sent_id, sentence in gold.items():
        if docs is not None and sentence.doc not in docs:
            continue
        extractions = predictions.get(sent_id, ())
        precision, recall = _sentence_sums(extractions, sentence.tuples)
        p_num += precision
        r_num += recall
        p_den += len(extractions)
        r_den += len(sentence.tuples)
        sentences += 1
    precision = p_num / p_den if p_den else 0.0
    recall = r_num / r_den if r_den else 0.0
    return Wire57Scores(precision, recall, _f1(precision, recall), sentences, r_den, p_den)
