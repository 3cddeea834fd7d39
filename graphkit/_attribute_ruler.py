"""spaCy's attribute ruler, with its patterns found by lookup instead of by spaCy's Matcher.

The English pipelines' `attribute_ruler` maps each token's tag to its part of speech and
morphology with about 180 one- and two-token patterns of plain attribute tests. spaCy's Matcher
tries every pattern at every token: about a tenth of the whole parse. Indexing the patterns on
one tested value finds the same matches for a small part of that (IN, NOT_IN and REGEX tests are
checked after the lookup), and spaCy's own `set_annotations` applies them, so the annotations are
exactly the stock ruler's. A pattern the index cannot express (quantifiers, other predicates,
other attributes) keeps the whole ruler on the Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "graphkit_attribute_ruler"

_STRINGS = ("ORTH", "LOWER", "LEMMA", "NORM", "DEP", "TAG")
"""Attributes a pattern may test by string value, most selective first (the one indexed on)."""
_FLAGS = frozenset(name for name in IDS if name.startswith("IS_"))


@dataclass(frozen=True, slots=True)
class _Test:
    """One attribute test at one position of a pattern: a set of values, or a regex."""

    position: int
    column: int
    values: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None
    searched: dict[int, bool] = field(default_factory=dict, compare=False)
    """The regex's answer for each value it was asked about: a word recurs, its answer with it."""

    def passes(self, value: int, strings: StringStore) -> bool:
        if self.regex is not None:
            found = self.searched.get(value)
            if found is None:
                found = self.searched[value] = self.regex.search(strings[value]) is not None
            return found
        return (value in self.values) != self.negated


@dataclass(frozen=True, slots=True)
class _Pattern:
    rule: int
    key: int
    length: int
    tests: tuple[_Test, ...]
    """The tests left to pass once the pattern has been looked up (all of them if ungated)."""


@dataclass(frozen=True, slots=True)
class _Index:
    attributes: tuple[int, ...]
    gates: tuple[tuple[int, int, dict[int, list[_Pattern]]], ...]
    """(position, column, patterns by the value they test there)."""
    ungated: tuple[_Pattern, ...]


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler whose `match` looks patterns up instead of running the Matcher."""

    _index: _Index | None = None
    _indexed = False

    def _lookup(self) -> _Index | None:
        if not self._indexed:
            self._index = _build_index(self.patterns, self.vocab.strings)
            self._indexed = True
        return self._index

    def add(self, patterns: Any, attrs: dict[Any, Any], index: int = 0) -> None:
        """Add patterns as AttributeRuler.add does; the lookup is rebuilt on next use."""
        super().add(patterns, attrs, index)
        self._indexed = False

    def clear(self) -> None:
        """Remove all patterns, as AttributeRuler.clear does."""
        super().clear()
        self._indexed = False

    @property
    def indexed(self) -> bool:
        """Whether every pattern could be indexed (if not, the Matcher does all the matching)."""
        return self._lookup() is not None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches as `(rule, key, start, end)`, sorted as AttributeRuler.match's."""
        index = self._lookup()
        if index is None:
            found: list[tuple[int, int, int, int]] = super().match(doc)
            return found
        length = len(doc)
        if not length:
            return []
        array = doc.to_array(list(index.attributes)).reshape(length, -1)
        columns = [array[:, i].tolist() for i in range(len(index.attributes))]
        strings = doc.vocab.strings
        matches = []
        for position, column, patterns_by_value in index.gates:
            for token, value in enumerate(columns[column]):
                patterns = patterns_by_value.get(value)
                if patterns is None:
                    continue
                start = token - position
                for pattern in patterns:
                    end = start + pattern.length
                    if start < 0 or end > length:
                        continue
                    if not pattern.tests or _passes(pattern, start, columns, strings):
                        matches.append((pattern.rule, pattern.key, start, end))
        for pattern in index.ungated:
            for start in range(length - pattern.length + 1):
                if _passes(pattern, start, columns, strings):
                    matches.append((pattern.rule, pattern.key, start, start + pattern.length))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Set each match's attributes on its token, as AttributeRuler's does, without a Span."""
        for match in matches:
            rule, _, start, end = match
            index = self.indices[rule]
            at = (start if index >= 0 else end) + index
            if not start <= at < end:
                super().set_annotations(doc, [match])  # type: ignore[no-untyped-call]  # its error
            set_token_attrs(doc[at], self.attrs[rule])


@Language.factory(FACTORY, default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> AttributeRuler:
    """Build an IndexedAttributeRuler: the factory spaCy's replace_pipe needs."""
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(pipeline: Language) -> None:
    """Swap the pipeline's stock attribute_ruler, if any, for the indexed one, patterns and all."""
    for name, component in pipeline.pipeline:
        if type(component) is AttributeRuler:
            patterns = component.patterns
            replacement = pipeline.replace_pipe(name, FACTORY)
            assert isinstance(replacement, IndexedAttributeRuler)
            replacement.add_patterns(patterns)


def _passes(pattern: _Pattern, start: int, columns: list[list[int]], strings: StringStore) -> bool:
    """Whether the pattern, placed at `start` (inside the Doc), passes its remaining tests."""
    for test in pattern.tests:  # a loop, not all(): this runs at nearly every token
        if not test.passes(columns[test.column][start + test.position], strings):
            return False
    return True


def _build_index(rules: Iterable[dict[str, Any]], strings: StringStore) -> _Index | None:
    """Index each pattern on its most selective equality test; None if any cannot be indexed."""
    attributes: list[str] = []
    gates: dict[tuple[int, int], dict[int, list[_Pattern]]] = {}
    ungated: list[_Pattern] = []
    for rule, spec in enumerate(rules):
        for token_specs in spec["patterns"]:
            tests: list[_Test] = []
            for position, token_spec in enumerate(token_specs):
                for name, wanted in token_spec.items():
                    test = _test(name, wanted, position, attributes, strings)
                    if test is None:
                        return None
                    tests.append(test)
            gate = _gate(tests, attributes)
            pattern = _Pattern(
                rule=rule,
                key=strings[str(rule)],
                length=len(token_specs),
                tests=tuple(t for t in tests if t is not gate),
            )
            if gate is None:
                ungated.append(pattern)
            else:
                table = gates.setdefault((gate.position, gate.column), {})
                for value in gate.values:
                    table.setdefault(value, []).append(pattern)
    return _Index(
        attributes=tuple(IDS[name] for name in attributes),
        gates=tuple((position, column, table) for (position, column), table in gates.items()),
        ungated=tuple(ungated),
    )


def _test(
    name: Any, wanted: Any, position: int, attributes: list[str], strings: StringStore
) -> _Test | None:
    """The test `{name: wanted}` at `position`, or None if the index cannot express it."""
    if name not in _STRINGS and name not in _FLAGS:
        return None
    operator, values = "IN", [wanted]
    if isinstance(wanted, dict):
        if len(wanted) != 1:
            return None
        ((operator, values),) = wanted.items()
    if name not in attributes:
        attributes.append(name)
    column = attributes.index(name)
    if operator == "REGEX" and name in _STRINGS and isinstance(values, str):
        return _Test(position=position, column=column, regex=re.compile(values))
    if operator not in ("IN", "NOT_IN") or not isinstance(values, list):
        return None
    kind = bool if name in _FLAGS else str
    if not all(type(v) is kind for v in values):
        return None
    hashed = frozenset(int(v) if kind is bool else strings[v] for v in values)
    return _Test(position=position, column=column, values=hashed, negated=operator == "NOT_IN")


def _gate(tests: list[_Test], attributes: list[str]) -> _Test | None:
    """The set test the fewest tokens pass: of the most selective attribute, the fewest values."""
    sets = [t for t in tests if not t.negated and t.regex is None]
    return min(
        sets,
        key=lambda t: (
            _STRINGS.index(a) if (a := attributes[t.column]) in _STRINGS else 99,
            len(t.values),
        ),
        default=None,
    )
