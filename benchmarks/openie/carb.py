"""CaRB scorer (Bhardwaj et al., EMNLP 2019), re-implemented from ``SCORING.md`` section 3.1.

Two variants are computed in one pass:

* default CaRB ("CaRB(s,m)" in the OpenIE6 fork), the F1 / AUC every paper reports: recall is
  many-to-one, precision a greedy one-to-one pairing;
* CaRB(s,s) a.k.a. CaRB(1-1): recall is a greedy one-to-one pairing too.

Pair scores do not depend on the confidence threshold, so they are computed once per sentence; each
sentence's sums are then a step function of the threshold, accumulated over all thresholds as
differences. A full run of the test set takes well under a second in pure Python.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_DROP_PUNCTUATION = str.maketrans("", "", string.punctuation)
_BE_FORMS = frozenset({"be", "is", "am", "are", "was", "were", "been", "being"})
_ATTRIBUTION_VERBS = ("said", "told", "added", "adds", "says")
_CONTEXT_MARK = "C: "


@dataclass(frozen=True)
class Extraction:
    """One tuple as written in a CaRB file: relation, arguments, confidence (predictions only)."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


Corpus = dict[str, list[Extraction]]
"""Extractions grouped by raw sentence string, in file order."""


@dataclass(frozen=True)
class Figures:
    """Scores at the best-F1 threshold, plus the area under the precision-recall points.

    All values are fractions in [0, 1] (papers print them x100).
    """

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None
    """Confidence threshold at which the best F1 is reached (``None`` when F1 is 0 everywhere)."""


@dataclass(frozen=True)
class CarbScores:
    """Default CaRB and CaRB(s,s) figures for one system on one set of gold sentences."""

    default: Figures
    one_to_one: Figures
    thresholds: int
    """Distinct confidences of all predictions (1: the AUC is not comparable with ranked ones)."""
    sentences: int
    gold_tuples: int


def sentence_key(sentence: str) -> str:
    """Normalise a sentence as CaRB does to join gold and predictions (drop spaces, punctuation)."""
    key = sentence.replace(" ", "")
    for token, bracket in _BRACKETS.items():
        key = key.replace(token, bracket)
    return key.translate(_DROP_PUNCTUATION)


def read_gold(path: Path) -> Corpus:
    """Read a gold ``.tsv`` (``sentence, relation, arg1, arg2, ...``), dropping ``C:`` arguments."""
    corpus: Corpus = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [field.strip() for field in line.strip().split("\t")]
        if not fields[0]:
            continue
        args = tuple(arg for arg in fields[2:] if _CONTEXT_MARK not in arg)
        corpus.setdefault(fields[0], []).append(Extraction(fields[1], args))
    return corpus


def parse_predictions(lines: Iterable[str]) -> Corpus:
    """Parse tab-format system output lines: ``sentence, confidence, relation, arg1, arg2, ...``."""
    corpus: Corpus = {}
    for line in lines:
        if not line.strip():
            continue
        sentence, confidence, relation, *args = line.strip().split("\t")
        extraction = Extraction(relation, tuple(args), float(confidence))
        corpus.setdefault(sentence, []).append(extraction)
    return corpus


def read_predictions(path: Path) -> Corpus:
    """Read a tab-format system output file (see :func:`parse_predictions`)."""
    return parse_predictions(path.read_text(encoding="utf-8").splitlines())


def format_prediction(sentence: str, confidence: float, relation: str, args: Sequence[str]) -> str:
    """Write one extraction as a tab-format line, collapsing whitespace inside fields."""
    fields = [sentence, repr(float(confidence)), relation, *args]
    return "\t".join(" ".join(field.split()) for field in fields)


def read_domain_sentences(path: Path, domain: str = "newswire") -> set[str]:
    """Return the sentences tagged ``domain`` in a ``derived/*_domain.tsv`` file."""
    sentences = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        _, tag, sentence = line.split("\t", 2)
        if tag == domain:
            sentences.add(sentence.strip())
    return sentences


@dataclass(frozen=True)
class _Tokens:
    """Token bags of one tuple after the binary argument merge, ready for overlap counting."""

    relation: Counter[str]
    relation_len: int
    args: tuple[Counter[str], ...]
    arg_lens: tuple[int, ...]

    @classmethod
    def of(cls, relation: str, args: Sequence[str]) -> _Tokens:
        merged = [args[0], " ".join(args[1:])] if len(args) >= 2 else list(args)
        arg_tokens = [arg.split() for arg in merged]
        rel_tokens = relation.split()
        return cls(
            Counter(rel_tokens),
            len(rel_tokens),
            tuple(Counter(tokens) for tokens in arg_tokens),
            tuple(len(tokens) for tokens in arg_tokens),
        )


@dataclass(frozen=True)
class _Gold:
    tokens: _Tokens
    has_be_form: bool
    is_attribution: bool

    @classmethod
    def of(cls, extraction: Extraction) -> _Gold:
        tokens = _Tokens.of(extraction.relation, extraction.args)
        return cls(
            tokens,
            not _BE_FORMS.isdisjoint(tokens.relation),
            any(verb in extraction.relation for verb in _ATTRIBUTION_VERBS),
        )


@dataclass(frozen=True)
class _Prediction:
    tokens: _Tokens
    swapped: _Tokens | None
    """Arguments swapped to ``[rest, arg1]``, tried against attribution ("said") gold tuples."""

    @classmethod
    def of(cls, extraction: Extraction) -> _Prediction:
        relation, args = extraction.relation, extraction.args
        swapped = _Tokens.of(relation, [" ".join(args[1:]), args[0]]) if len(args) >= 2 else None
        return cls(_Tokens.of(relation, args), swapped)


def _overlap(gold: Counter[str], predicted: Counter[str]) -> int:
    """Multiset overlap: each gold token consumes at most one equal predicted token."""
    return sum((gold & predicted).values())


def _tuple_match(gold: _Gold, predicted: _Tokens) -> tuple[float, float]:
    """CaRB's ``binary_linient_tuple_match``: token-overlap (precision, recall) of one pair."""
    g = gold.tokens
    matched = _overlap(g.relation, predicted.relation)
    if gold.has_be_form and predicted.relation["be"] > g.relation["be"]:
        matched += 1
    if matched == 0:
        return 0.0, 0.0
    p_num = r_num = matched
    p_den, r_den = predicted.relation_len, g.relation_len
    for i, (gold_arg, gold_len) in enumerate(zip(g.args, g.arg_lens, strict=True)):
        r_den += gold_len
        if i >= len(predicted.args):
            return 0.0, 0.0
        p_den += predicted.arg_lens[i]
        k = _overlap(gold_arg, predicted.args[i])
        p_num += k
        r_num += k
    return (p_num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def _pair_score(gold: _Gold, prediction: _Prediction) -> tuple[float, float]:
    score = _tuple_match(gold, prediction.tokens)
    if gold.is_attribution and prediction.swapped is not None:
        score = max(score, _tuple_match(gold, prediction.swapped))
    return score


def _greedy_sum(ranked: list[tuple[float, int, int]], active: Collection[int]) -> float:
    """Sum of a greedy one-to-one pairing restricted to ``active`` predictions.

    ``ranked`` holds ``(-score, gold, prediction)`` sorted ascending, so taking every pair whose
    gold and prediction are both still free equals repeatedly picking the best free pair (ties:
    earlier gold, then earlier prediction).
    """
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    total = 0.0
    for negative, i, j in ranked:
        if j in active and i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            total -= negative
    return total


@dataclass(frozen=True)
class _Level:
    """Per-sentence sums with every prediction of confidence >= ``confidence`` active."""

    confidence: float
    precision: float
    predictions: int
    recall_many: float
    recall_single: float


def _sentence_levels(golds: list[Extraction], predictions: list[Extraction]) -> list[_Level]:
    """Sentence sums at each distinct confidence of its predictions, highest confidence first."""
    gold_items = [_Gold.of(g) for g in golds]
    pred_items = [_Prediction.of(p) for p in predictions]
    scores = [[_pair_score(g, p) for p in pred_items] for g in gold_items]
    by_precision = sorted(
        (-prec, i, j) for i, row in enumerate(scores) for j, (prec, _) in enumerate(row) if prec > 0
    )
    by_recall = sorted(
        (-rec, i, j) for i, row in enumerate(scores) for j, (_, rec) in enumerate(row) if rec > 0
    )
    levels = []
    for confidence in sorted({p.confidence for p in predictions}, reverse=True):
        active = {j for j, p in enumerate(predictions) if p.confidence >= confidence}
        recall_many = sum(max((row[j][1] for j in active), default=0.0) for row in scores)
        levels.append(
            _Level(
                confidence,
                _greedy_sum(by_precision, active),
                len(active),
                recall_many,
                _greedy_sum(by_recall, active),
            )
        )
    return levels


def _figures(
    thresholds: list[float], p_num: list[float], p_den: list[int], r_num: list[float], r_den: int
) -> Figures:
    """Best-F1 point and AUC of the (recall, precision) points in increasing threshold order."""
    best = Figures(precision=0.0, recall=0.0, f1=0.0, auc=0.0, threshold=None)
    recalls, precisions = [], []
    for t, pn, pd, rn in zip(thresholds, p_num, p_den, r_num, strict=True):
        precision = pn / pd if pd else 1.0
        recall = rn / r_den if r_den else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best.f1:
            best = Figures(precision, recall, f1, 0.0, t)
        recalls.append(recall)
        precisions.append(precision)
    recalls.append(0.0)
    precisions.append(1.0)
    auc = sum(
        (recalls[k] - recalls[k + 1]) * (precisions[k] + precisions[k + 1]) / 2
        for k in range(len(recalls) - 1)
    )
    return Figures(best.precision, best.recall, best.f1, auc, best.threshold)


def _by_key(corpus: Mapping[str, list[Extraction]]) -> dict[str, list[Extraction]]:
    """Re-key a corpus by :func:`sentence_key`; variants of a key overwrite each other (as CaRB)."""
    return {sentence_key(sentence): extractions for sentence, extractions in corpus.items()}


def score(
    gold: Mapping[str, list[Extraction]],
    predictions: Mapping[str, list[Extraction]],
    sentences: Collection[str] | None = None,
) -> CarbScores:
    """Score predictions against gold with default CaRB and CaRB(s,s).

    Args:
        gold: gold tuples by sentence (:func:`read_gold`).
        predictions: system tuples by sentence (:func:`read_predictions`); sentences absent from
            the gold are ignored, gold sentences without predictions count as missed.
        sentences: if given, only the gold sentences with the same key as one of these are scored
            (e.g. the newswire subset from :func:`read_domain_sentences`).

    Returns:
        The figures at the best-F1 threshold and the AUC, for both variants.
    """
    gold_by_key = _by_key(gold)
    if sentences is not None:
        wanted = {sentence_key(s) for s in sentences}
        gold_by_key = {key: tuples for key, tuples in gold_by_key.items() if key in wanted}
    pred_by_key = _by_key(predictions)
    joined = {key: pred_by_key.get(key, []) for key in gold_by_key}
    # CaRB takes the thresholds from every prediction read, scored sentence or not; the extra ones
    # only repeat points, so neither F1 nor AUC depends on it, but the count then matches CaRB's.
    thresholds = sorted({p.confidence for preds in predictions.values() for p in preds})
    position = {t: i for i, t in enumerate(thresholds)}

    deltas = _Deltas(len(thresholds) + 1)
    for key, golds in gold_by_key.items():
        # Thresholds ascend, so a sentence's levels apply from the lowest confidence up: each level
        # holds from just above the previous (lower) level's confidence up to its own.
        previous: _Level | None = None
        for level in reversed(_sentence_levels(golds, joined[key])):
            start = 0 if previous is None else position[previous.confidence] + 1
            deltas.add(start, level, 1)
            if previous is not None:
                deltas.add(start, previous, -1)
            previous = level
        if previous is not None:
            deltas.add(position[previous.confidence] + 1, previous, -1)

    p_num, r_many, r_single = (
        list(accumulate(values))[:-1] for values in (deltas.p_num, deltas.r_many, deltas.r_single)
    )
    p_den = list(accumulate(deltas.p_den))[:-1]
    r_den = sum(len(golds) for golds in gold_by_key.values())
    return CarbScores(
        default=_figures(thresholds, p_num, p_den, r_many, r_den),
        one_to_one=_figures(thresholds, p_num, p_den, r_single, r_den),
        thresholds=len(thresholds),
        sentences=len(gold_by_key),
        gold_tuples=r_den,
    )


class _Deltas:
    """Difference arrays over threshold positions of the four corpus sums."""

    def __init__(self, size: int) -> None:
        self.p_num = [0.0] * size
        self.p_den = [0] * size
        self.r_many = [0.0] * size
        self.r_single = [0.0] * size

    def add(self, index: int, level: _Level, sign: int) -> None:
        """Add (``sign`` 1) or remove (-1) a sentence's sums at ``level`` from ``index`` on."""
        self.p_num[index] += sign * level.precision
        self.p_den[index] += sign * level.predictions
        self.r_many[index] += sign * level.recall_many
        self.r_single[index] += sign * level.recall_single
