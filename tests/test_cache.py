"""What graphkit keeps between runs (graphkit._cache): GeoNames' names, read once per release."""

from __future__ import annotations

import json

from graphkit import _cache
from graphkit.authority import _gazetteer


def test_an_entry_is_made_once_then_read_until_its_key_changes(tmp_path):
    made: list[int] = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"herat": len(made)}

    assert _cache.kept("lists", "one", make, under=tmp_path) == {"herat": 1}
    assert _cache.kept("lists", "one", make, under=tmp_path) == {"herat": 1}
    assert len(made) == 1  # read back, not made again
    assert _cache.kept("lists", "two", make, under=tmp_path) == {"herat": 2}  # made from others
    (tmp_path / "lists.json").write_text('{"key": "two", "val')  # cut short
    assert _cache.kept("lists", "two", make, under=tmp_path) == {"herat": 3}
    kept = json.loads((tmp_path / "lists.json").read_text())
    assert kept == {"key": "two", "value": {"herat": 3}}


def test_a_folder_that_cannot_be_written_only_costs_the_making(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    assert _cache.kept("lists", "one", lambda: [1], under=blocked / "cache") == [1]
    assert _cache.kept("lists", "one", lambda: [2], under=blocked / "cache") == [2]


def test_the_key_names_its_parts_in_order():
    assert _cache.key(["ab", "c"]) != _cache.key(["a", "bc"])
    assert _cache.key(["ab", b"c"]) == _cache.key(["ab", "c"])
    assert _cache.key(["ab", "c"]) != _cache.key(["c", "ab"])


def test_geonames_lists_are_kept_in_the_user_cache_as_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    read = (_gazetteer._read_cities(), _gazetteer._read_places())
    assert _gazetteer._lists.__wrapped__() == read  # made, and kept
    path = tmp_path / "graphkit" / "gazetteer.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    assert entry["key"] == _gazetteer._made_from()
    assert _gazetteer._lists.__wrapped__() == read  # read back: the same lists
    entry["value"] = {"cities": {"zzyzx": 7}, "places": ["zzyzx"]}
    path.write_text(json.dumps(entry), encoding="utf-8")
    assert _gazetteer._lists.__wrapped__() == ({"zzyzx": 7}, frozenset({"zzyzx"}))
