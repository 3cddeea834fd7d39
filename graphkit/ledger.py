"""Ledger: each fact's fingerprint, and where its quads stand in the files a graph keeps.

Why: most of a graph's shared quads are the facts graph's (ABC: 416,000 of 554,000), and an
add of ten articles changes a few hundred of its 52,000 facts. Making, writing and comparing
them all again was most of an add's change of its store and files. A fact's quads follow from
its triple, its support and its statements (quads.Quads.build); the ledger keeps a digest of
those, its fingerprint, and where the fact's text stands in the state's N-Quads and in each
graph file. An add or remove that finds a fact's fingerprint unchanged carries its text over
from the kept files, in runs, instead of making it (`carries`, `copy`); the store keeps its
quads as they are, and compares only the quads of the facts made again (`remade`,
store.patch).

A fact near another or in conflict is always made: its quads are not all together (its near
matches are not), and a map reads them (quads.Quads.build's `every_fact`). So is one whose
quads a chunk parted (store.CHUNK): its text is in two places.

Kept in the state (`FILE`, under the readings' rules: state.Readings.ledger).
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Iterator, KeysView
from pathlib import Path
from typing import BinaryIO

from graphkit._io import Block, copy_runs, read_runs, write_text

FILE = "facts.json"
KIND = "graphkit-fact-ledger"
NQUADS = "derived"
"""The name of the state's N-Quads of the shared graphs among a ledger's files."""


class Ledger:
    """The facts of one graph as they are written: fingerprints, and ranges in each file."""

    def __init__(self, graph: str, files: Iterable[str], before: KeptLedger | None = None) -> None:
        self.graph = graph
        """The facts graph's IRI: the graph whose text is kept by fact."""
        self.files = tuple(files)
        """What a fact's text is kept in: names the writers use ("derived", ".trig", …)."""
        self.before = before
        """The kept graph's ledger, whose facts may be carried over."""
        covers = before is not None and set(self.files) <= set(before.files)
        self._carrying = before if covers else None  # kept without a file written now: none
        self.fingerprints: dict[str, str] = {}
        """Fact key → fingerprint, for every fact whose text could be carried over."""
        self.ranges: dict[str, dict[str, tuple[int, int]]] = {file: {} for file in self.files}
        """File → fact key → where its text stands there (first byte, byte after its last)."""
        self.carried: list[str] = []
        """The keys of the facts carried over: not made, their text copied."""
        self._keys: dict[str, str] = {}  # the IRIs of the facts made, and their keys
        self._twice: set[str] = set()  # facts whose text is in two places in a file

    def carries(self, fact: str, fingerprint: str) -> bool:
        """Note the fingerprint of the fact keyed `fact`; True when its kept text is carried over.

        A fact not carried over is made: `made` then names its IRI.
        """
        self.fingerprints[fact] = fingerprint
        if self._carrying is None or self._carrying.fingerprint(fact) != fingerprint:
            return False
        self.carried.append(fact)
        return True

    def made(self, node: str, fact: str) -> None:
        """The IRI of the fact keyed `fact`, made (not carried over): its text is written."""
        self._keys[node] = fact

    def record(self, file: str, at: int, runs: Iterable[tuple[str, bytes]]) -> None:
        """Note where each fact of `runs` (subject, text), written to `file` from `at`, stands."""
        ranges, keys = self.ranges[file], self._keys
        for subject, text in runs:
            end = at + len(text)
            fact = keys.get(subject)
            if fact is not None:
                if fact in ranges:
                    self._twice.add(fact)
                ranges[fact] = (at, end)
            at = end

    def copy(
        self, file: str, out: BinaryIO, wrap: tuple[bytes, bytes] = (b"", b"")
    ) -> list[tuple[int, int]]:
        """Copy the carried facts' text from the kept graph's `file` into `out`, in runs.

        Each run stands between `wrap`'s two parts (a TriG file's graph block); returns where
        each run stands in `out`, and notes where each fact does.
        """
        if self.before is None or not self.carried:
            return []
        ranges, written = self.ranges[file], []
        spans = self.before.spans(file, self.carried)
        for start, end, blocks in copy_runs(self.before.where(file), spans, out, wrap=wrap):
            ranges.update((fact, (at, to)) for fact, at, to in blocks)
            written.append((start, end))
        return written

    def remade(self) -> Iterator[bytes]:
        """The kept N-Quads lines of the facts it listed and did not carry over.

        They were left out of what the store's change compares (state.Readings.hold).
        """
        if self.before is None:
            return
        remade = self.before.facts() - set(self.carried)
        for text in read_runs(self.before.where(NQUADS), self.before.spans(NQUADS, remade)):
            yield from text.splitlines()

    def write(self, path: Path) -> None:
        """Keep the fingerprints and ranges of the facts whose text stands in one place.

        In columns (the keys, their fingerprints, each file's ranges as one list of numbers):
        on ABC, JSON writes and reads them in half the time of an object a fact.
        """
        ranges = [self.ranges[file] for file in self.files]
        whole = set(self.fingerprints).intersection(*ranges) - self._twice  # not parted
        facts = [fact for fact in self.fingerprints if fact in whole]
        record = {
            "kind": KIND,
            "files": list(self.files),
            "facts": facts,
            "fingerprints": [self.fingerprints[fact] for fact in facts],
            "ranges": {
                file: [number for fact in facts for number in kept[fact]]
                for file, kept in zip(self.files, ranges, strict=True)
            },
        }
        write_text(path, json.dumps(record, separators=(",", ":")))


class KeptLedger:
    """A kept graph's ledger, read back: fingerprints, ranges, and the files they are of."""

    def __init__(self, path: Path, where: Callable[[str], Path]) -> None:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or record.get("kind") != KIND:
            raise ValueError(f"not {KIND}")
        self.files: list[str] = record["files"]
        self.where = where
        """A file's path in the kept graph, by the name the ledger gives it."""
        self._facts: list[str] = record["facts"]
        self._fingerprints: list[str] = record["fingerprints"]
        self._ranges: dict[str, list[int]] = record["ranges"]
        sizes = [len(self._fingerprints), *(len(self._ranges[f]) // 2 for f in self.files)]
        if any(size != len(self._facts) for size in sizes):
            raise ValueError("not a fingerprint and a range in each file for each fact")
        self._index = {fact: at for at, fact in enumerate(self._facts)}

    def facts(self) -> KeysView[str]:
        """The keys of the facts it lists."""
        return self._index.keys()

    def fingerprint(self, fact: str) -> str | None:
        """The fingerprint of the fact keyed `fact`, if it lists it."""
        at = self._index.get(fact)
        return None if at is None else self._fingerprints[at]

    def outside(self, file: str, data: bytes) -> bytes:
        """The text of `data`, the kept graph's `file`, but every fact's it lists."""
        kept, at = [], 0
        for _, start, end in self.spans(file, self._facts):
            kept.append(data[at:start])
            at = end
        kept.append(data[at:])
        return b"".join(kept)

    def spans(self, file: str, facts: Iterable[str]) -> list[Block]:
        """Where `facts` stand in the kept graph's `file`, in its order."""
        numbers, index = self._ranges[file], self._index
        found = [
            (fact, numbers[2 * at], numbers[2 * at + 1]) for fact in facts for at in (index[fact],)
        ]
        found.sort(key=operator.itemgetter(1))
        return found


def fingerprint(what: str) -> str:
    """A digest of what a fact's quads are made of, written out."""
    return hashlib.blake2b(what.encode(), digest_size=12).hexdigest()
