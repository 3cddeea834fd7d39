"""Output sets change all together or not at all: staging, manifest, lock, recovery."""

from __future__ import annotations

import json

import pytest
from filelock import FileLock

from graphkit import graph, outputs
from graphkit.errors import InputError


def _write_set(out, text: str) -> None:
    with outputs.staged(out) as staging:
        for name in ("graph.trig", "graph.html"):
            (staging / name).write_text(f"{name} {text}", encoding="utf-8")


def test_a_set_replaces_the_whole_folder_with_a_manifest(tmp_path):
    out = tmp_path / "out"
    _write_set(out, "one")
    (out / "graph.ttl").write_text("an old file of the set", encoding="utf-8")
    _write_set(out, "two")
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.trig", "manifest.json"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == outputs.MANIFEST_FORMAT
    assert set(manifest["files"]) == {"graph.html", "graph.trig"}
    assert (out / "graph.trig").read_text(encoding="utf-8") == "graph.trig two"
    assert [p.name for p in tmp_path.iterdir() if p.name != "out"] == [".out.lock"]


def test_a_failed_block_leaves_the_folder_as_it_was(tmp_path):
    out = tmp_path / "out"
    _write_set(out, "good")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def fail_half_way() -> None:
        with outputs.staged(out) as staging:
            (staging / "graph.trig").write_text("half", encoding="utf-8")
            raise RuntimeError("the build failed")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".out.staging-*"))


def test_a_second_writer_is_refused_while_the_lock_is_held(tmp_path):
    out = tmp_path / "out"
    with (
        FileLock(tmp_path / ".out.lock"),
        pytest.raises(InputError, match="another graphkit build is writing"),
    ):
        _write_set(out, "second")
    assert not out.exists()


def test_a_folder_with_other_files_is_refused_and_kept(tmp_path):
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds files graphkit did not write \(notes.md\)"):
        _write_set(tmp_path, "x")
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine"


def test_leftovers_of_a_killed_build_are_cleaned_and_a_set_moved_aside_comes_back(tmp_path):
    out = tmp_path / "out"
    _write_set(out, "good")
    # kill -9 between the two renames of a swap: the good set aside, a staging folder, no OUT
    out.rename(tmp_path / ".out.old-99999")
    (tmp_path / ".out.staging-99998").mkdir()
    (tmp_path / ".out.staging-99998" / "graph.trig").write_text("half", encoding="utf-8")
    with pytest.raises(RuntimeError), outputs.staged(out):
        raise RuntimeError("stop before swapping")
    assert (out / "graph.trig").read_text(encoding="utf-8") == "graph.trig good"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_stale_temporary_files_inside_the_folder_are_removed(tmp_path):
    out = tmp_path / "out"
    _write_set(out, "good")
    (out / ".graph.trig.abc123.tmp").write_text("cut short", encoding="utf-8")
    _write_set(out, "next")
    assert not list(out.glob(".*.tmp"))


def test_load_refuses_a_file_that_no_longer_matches_its_manifest(seed_dataset, tmp_path):
    out = tmp_path / "out"
    with outputs.staged(out) as staging:
        graph.write(seed_dataset, staging)
    assert len(graph.load(out)) > 0
    trig = out / "graph.trig"
    trig.write_bytes(trig.read_bytes().replace(b"Putin", b"Putim", 1))
    with pytest.raises(InputError, match=r"does not match .*manifest\.json"):
        graph.load(out)


def test_a_broken_manifest_is_named(tmp_path, seed_dataset):
    graph.write(seed_dataset, tmp_path)
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.json: not a graphkit manifest"):
        graph.load(tmp_path)
