"""dev2, the second development set: new sentences only, labelled by the same rules as dev."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from conftest import shared_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import entity_relations as er


def test_dev2_shares_no_sentence_with_dev_or_check():
    dev2 = er.load_split("dev2")  # parse_sentence checks every sentence's labels
    others = [*er.load_split("dev"), *er.load_split("check")]
    assert not {s.id for s in dev2} & {s.id for s in others}
    assert not {s.source for s in dev2} & {s.source for s in others}  # not even a paragraph
    assert not {s.text for s in dev2} & {s.text for s in others}
    assert len({s.text for s in dev2}) == len(dev2)


def test_dev2_texts_are_corpus_lines():
    """Every text is copied verbatim from the line or paragraph its source names."""
    shared = shared_path("corpus")
    for line in (er.DATA / "dev2.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        corpus, _, number = record["source"].rpartition(":")
        raw = (shared / corpus).read_bytes().decode("cp1252" if "science" in corpus else "latin-1")
        if corpus.startswith("abc_news"):
            assert raw.replace("\r\n", "\n").split("\n")[int(number) - 1].strip() == record["text"]
        else:
            body = raw.split(".START", 1)[1]
            paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
            assert record["text"] in paragraphs[int(number) - 1]
