"""The Open IE scorers must reproduce the reference figures of ``shared/benchmarks/SCORING.md``.

No figure of graphkit's is believed before these pass: CaRB on the released OpenIE-4/5 outputs
(section 3.1 and the CaRB README) and WiRe57 on the seven released systems' extractions (section 4).
Figures are compared at their printed precision (half a unit of the last printed digit).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "openie"))

import carb
import run
import wire57
from paths import shared_benchmarks_dir

DATA = shared_benchmarks_dir()


def close(value: float, printed: float, decimals: int = 1, scale: float = 100.0) -> bool:
    """Whether ``value`` (a fraction) rounds to ``printed`` (x ``scale``, ``decimals`` digits)."""
    return abs(value * scale - printed) <= 0.5 * 10.0**-decimals + 1e-9


def data_file(*parts: str) -> Path:
    """A shared benchmark file, skipping the test when the shared folder is not there."""
    path = DATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"shared benchmark data not found: {path} (set GRAPHKIT_SHARED)")
    return path


@pytest.fixture(scope="module")
def carb_gold() -> carb.Corpus:
    return carb.read_gold(data_file("carb", "data", "gold", "test.tsv"))


@pytest.fixture(scope="module")
def newswire() -> set[str]:
    return carb.read_domain_sentences(data_file("carb", "derived", "test_domain.tsv"))


@pytest.fixture(scope="module")
def carb_scores(
    carb_gold: carb.Corpus, newswire: set[str]
) -> Callable[[str], tuple[carb.CarbScores, carb.CarbScores]]:
    """Scores of a reference output on all of test and on its newswire part, computed once."""
    cache: dict[str, tuple[carb.CarbScores, carb.CarbScores]] = {}

    def get(system: str) -> tuple[carb.CarbScores, carb.CarbScores]:
        if system not in cache:
            path = data_file("carb", "reference_outputs", "test", f"{system}.tab")
            predictions = carb.read_predictions(path)
            cache[system] = (
                carb.score(carb_gold, predictions),
                carb.score(carb_gold, predictions, newswire),
            )
        return cache[system]

    return get


def test_carb_gold_counts(carb_gold: carb.Corpus, newswire: set[str]) -> None:
    assert len(carb_gold) == 634
    assert sum(map(len, carb_gold.values())) == 2715
    assert not any("C: " in arg for tuples in carb_gold.values() for t in tuples for arg in t.args)
    assert len(newswire) == 248


@dataclasses.dataclass(frozen=True)
class CarbTarget:
    """Validation targets of one reference output (fractions, 4 digits, from SCORING.md 3.1)."""

    precision: float
    recall: float
    f1: float
    auc: float
    single_f1: float
    single_auc: float
    thresholds: int
    printed: tuple[float, float, float, float, float, float]
    """CaRB README, x100: F1, AUC, P, R, CaRB(s,s) F1, CaRB(s,s) AUC."""
    newswire: tuple[float, float]
    """CaRB README / SCORING.md 4, x100: F1 and AUC on the 248 newswire test sentences."""


CARB_TARGETS = {
    "openie4": CarbTarget(
        0.5526, 0.4372, 0.4882, 0.2721, 0.4038, 0.1967, 2603,
        (48.8, 27.2, 55.3, 43.7, 40.4, 19.7), (50.1, 28.2),
    ),
    "openie5": CarbTarget(
        0.5207, 0.4240, 0.4674, 0.2455, 0.4118, 0.1962, 849,
        (46.7, 24.5, 52.1, 42.4, 41.2, 19.6), (46.3, 23.7),
    ),
}  # fmt: skip


@pytest.mark.parametrize("system", sorted(CARB_TARGETS))
def test_carb_reference_outputs(
    system: str, carb_scores: Callable[[str], tuple[carb.CarbScores, carb.CarbScores]]
) -> None:
    target = CARB_TARGETS[system]
    scores, _ = carb_scores(system)
    d, single = scores.default, scores.one_to_one
    pairs = [
        (d.precision, target.precision),
        (d.recall, target.recall),
        (d.f1, target.f1),
        (d.auc, target.auc),
        (single.f1, target.single_f1),
        (single.auc, target.single_auc),
    ]
    for value, expected in pairs:
        assert close(value, expected, decimals=4, scale=1), (value, expected)
    assert scores.thresholds == target.thresholds
    printed = (d.f1, d.auc, d.precision, d.recall, single.f1, single.auc)
    for value, expected in zip(printed, target.printed, strict=True):
        assert close(value, expected), (value, expected)


@pytest.mark.parametrize("system", sorted(CARB_TARGETS))
def test_carb_newswire_subset(
    system: str, carb_scores: Callable[[str], tuple[carb.CarbScores, carb.CarbScores]]
) -> None:
    _, news = carb_scores(system)
    f1, auc = CARB_TARGETS[system].newswire
    assert news.sentences == 248
    assert news.gold_tuples == 1141
    assert close(news.default.f1, f1), news.default.f1
    assert close(news.default.auc, auc), news.default.auc


def test_carb_constant_confidence_inflates_auc(carb_gold: carb.Corpus) -> None:
    """SCORING.md: OpenIE-4 with all confidences 1.0 keeps F1 48.8 but gets AUC 33.9 = R(1+P)/2."""
    predictions = carb.read_predictions(
        data_file("carb", "reference_outputs", "test", "openie4.tab")
    )
    constant = {
        sentence: [dataclasses.replace(e, confidence=1.0) for e in extractions]
        for sentence, extractions in predictions.items()
    }
    scores = carb.score(carb_gold, constant)
    d = scores.default
    assert scores.thresholds == 1
    assert close(d.f1, 48.8)
    assert close(d.auc, 33.9)
    assert d.auc == pytest.approx(d.recall * (1 + d.precision) / 2)


# SCORING.md section 4: P / R / F1 x100 on all 57 sentences, and F1 on the two Reuters documents.
WIRE57_TARGETS = {
    "minie": ((40.0, 32.3, 35.8), 37.0),
    "clausie": ((40.1, 29.8, 34.2), 41.7),
    "openie": ((50.1, 18.2, 26.7), 33.1),
    "ollie": ((37.4, 17.5, 23.9), 27.9),
    "reverb": ((56.9, 12.1, 20.0), None),
    "stanford": ((21.0, 18.8, 19.8), 25.8),
    "props": ((22.2, 16.2, 18.7), None),
}


@pytest.fixture(scope="module")
def wire_gold() -> dict[str, wire57.GoldSentence]:
    return wire57.read_gold(data_file("wire57", "WiRe57_343-manual-oie.json"))


@pytest.fixture(scope="module")
def wire_systems() -> dict[str, dict[str, list[wire57.Extraction]]]:
    name = "WiRe57_extractions_by_ollie_clausie_openie_stanford_minie_reverb_props-export.json"
    return wire57.read_system_extractions(data_file("wire57", name))


def test_wire57_gold_counts(wire_gold: dict[str, wire57.GoldSentence]) -> None:
    assert len(wire_gold) == 57
    assert sum(len(s.tuples) for s in wire_gold.values()) == 343
    reuters = [s for s in wire_gold.values() if s.doc in wire57.REUTERS_DOCS]
    assert (len(reuters), sum(len(s.tuples) for s in reuters)) == (23, 113)


@pytest.mark.parametrize("system", sorted(WIRE57_TARGETS))
def test_wire57_released_systems(
    system: str,
    wire_gold: dict[str, wire57.GoldSentence],
    wire_systems: dict[str, dict[str, list[wire57.Extraction]]],
) -> None:
    (precision, recall, f1), reuters_f1 = WIRE57_TARGETS[system]
    scores = wire57.score(wire_gold, wire_systems[system])
    assert close(scores.precision, precision), scores
    assert close(scores.recall, recall), scores
    assert close(scores.f1, f1), scores
    if reuters_f1 is not None:
        reuters = wire57.score(wire_gold, wire_systems[system], wire57.REUTERS_DOCS)
        assert reuters.sentences == 23
        assert close(reuters.f1, reuters_f1), reuters


# Hand-made cases for single rules of SCORING.md 3.1, which the reference outputs test only in bulk.


def single_pair(gold: carb.Extraction, predicted: carb.Extraction) -> carb.Figures:
    """Default CaRB figures of one prediction against one gold tuple in a one-sentence corpus."""
    return carb.score({"S .": [gold]}, {"S .": [predicted]}).default


def test_carb_sentence_key_ignores_spaces_brackets_punctuation() -> None:
    assert carb.sentence_key("A -LRB- b -RRB- , c 's .") == carb.sentence_key("A(b), cs")


def test_carb_be_matches_forms_of_be() -> None:
    figures = single_pair(carb.Extraction("is", ("A", "B")), carb.Extraction("be", ("A", "B")))
    assert (figures.precision, figures.recall) == (1.0, 1.0)


def test_carb_one_argument_prediction_scores_zero() -> None:
    figures = single_pair(carb.Extraction("saw", ("A", "B")), carb.Extraction("saw", ("A",)))
    assert figures.f1 == 0.0


def test_carb_arguments_are_merged_to_binary() -> None:
    gold = carb.Extraction("met", ("A", "B", "in Paris"))
    figures = single_pair(gold, carb.Extraction("met", ("A", "B in", "Paris")))
    assert (figures.precision, figures.recall) == (1.0, 1.0)


def test_carb_attribution_tuples_try_swapped_arguments() -> None:
    gold = carb.Extraction("said", ("the minister", "prices rose"))
    figures = single_pair(gold, carb.Extraction("said", ("prices rose", "the minister")))
    assert (figures.precision, figures.recall) == (1.0, 1.0)


def test_carb_context_arguments_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text("S .\tsaid\tA\tB\tC: he thinks\n", encoding="utf-8")
    assert carb.read_gold(path) == {"S .": [carb.Extraction("said", ("A", "B"))]}


def test_run_converts_graphkit_records_to_both_formats() -> None:
    sentences = ["He left Paris on Monday .", "It rained ."]
    records = [
        {
            "line": 1,
            "sentence": sentences[0],
            "subject": "He",
            "relation": "left",
            "object": "Paris",
            "qualifiers": [{"role": "time", "text": "on Monday"}],
            "confidence": 0.75,
            "negated": False,
            "attribution": None,
        },
        {
            "line": 2,
            "sentence": sentences[1],
            "subject": "It",
            "relation": "rained",
            "object": "",
            "qualifiers": [],
            "confidence": 0.5,
            "negated": False,
            "attribution": None,
        },
    ]
    triples = run.parse_graphkit_jsonl("\n".join(map(json.dumps, records)), sentences)
    assert run.carb_predictions(triples, sentences) == {
        sentences[0]: [carb.Extraction("left", ("He", "Paris", "on Monday"), 0.75)],
        sentences[1]: [carb.Extraction("rained", ("It",), 0.5)],
    }
    assert run.wire57_predictions(triples, ["A 1", "A 2"]) == {
        "A 1": [wire57.Extraction("He", "left", "Paris", ("on Monday",))],
        "A 2": [wire57.Extraction("It", "rained", "")],
    }


def test_run_rejects_misaligned_graphkit_output() -> None:
    record = {"line": 1, "sentence": "Another sentence .", "subject": "", "relation": ""}
    with pytest.raises(ValueError, match="does not match"):
        run.parse_graphkit_jsonl(json.dumps(record), ["A sentence ."])
