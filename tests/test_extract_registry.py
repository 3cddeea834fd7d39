"""The extractor registry: built-ins by name, plug-ins by entry point, errors that list names."""

from __future__ import annotations

import pytest

from graphkit import extract
from graphkit.errors import UnknownExtractor
from graphkit.extract.dependency import DependencyExtractor


def test_builtin_extractor_by_name_with_options():
    extractor = extract.get("dependency", max_argument_tokens=6)
    assert isinstance(extractor, DependencyExtractor)
    assert extractor.max_argument_tokens == 6
    assert extract.available()[0] == "dependency"


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(UnknownExtractor, match=r"no extractor named 'nope' \(known: dependency"):
        extract.get("nope")


def test_plugins_are_found_through_entry_points(monkeypatch):
    from importlib.metadata import EntryPoint

    plugin = EntryPoint(
        name="quotes",
        value="graphkit.extract.dependency:DependencyExtractor",
        group=extract.ENTRY_POINT_GROUP,
    )

    def fake_entry_points(*, group, name=None):
        found = [plugin] if group == extract.ENTRY_POINT_GROUP else []
        return [ep for ep in found if name in (None, ep.name)]

    monkeypatch.setattr(extract, "entry_points", fake_entry_points)
    assert extract.available() == ["dependency", "quotes"]
    assert isinstance(extract.get("quotes"), DependencyExtractor)
