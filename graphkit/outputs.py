"""Output sets: a build's files change all together or not at all.

A build writes every file into a staging folder beside OUT, records their hashes in
`manifest.json`, and swaps the folder in with two renames. A lock beside OUT keeps a second
build out while one is writing; what an interrupted build left (staging folders, a set moved
aside, temporary files) is cleaned up, or put back, by the next one. Nothing else in OUT is
ever deleted: a folder holding files graphkit did not write is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphkit._io import write_text
from graphkit.config import GRAPH_FORMATS, STATE_DIR, STORE_DIR
from graphkit.errors import InputError

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "graphkit-output/1"
OUTPUT_NAMES = frozenset(
    {*(f"graph.{suffix}" for suffix in GRAPH_FORMATS), "graph.html", STORE_DIR, STATE_DIR, MANIFEST}
)
"""Files and folders a build writes; only these (and its own temporary files) may stand in OUT."""
SMALL = 1 << 16
"""Files of a folder up to this size are hashed when it is opened; larger ones only sized."""


class Unchanged(Exception):
    """Raised inside a `staged` block that has nothing to write: `out_dir` stays as it was."""


@contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """Lock `out_dir` and yield an empty staging folder; on success it becomes `out_dir`.

    Raises InputError at once when another build holds the lock, or when `out_dir` holds
    files graphkit did not write. If the block fails, or raises `Unchanged` (which ends it
    quietly), `out_dir` is left as it was.
    """
    from filelock import FileLock, Timeout  # here: it takes 20-50 ms, and reading needs no lock

    shown = out_dir
    out_dir = Path(os.path.abspath(out_dir))
    parent, name = out_dir.parent, out_dir.name
    parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(parent / f".{name}.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise InputError(
            f"{shown}: another graphkit build is writing this folder; "
            "wait for it to finish or choose another -o"
        ) from None
    try:
        _recover(parent, name)
        _check_foreign(out_dir, shown)
        staging = parent / f".{name}.staging-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            try:
                yield staging
            except Unchanged:
                return
            _write_manifest(staging, out_dir)
            _swap(staging, out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        lock.release()


def verify(path: Path) -> None:
    """Raise InputError when `path` is listed in its folder's manifest with other contents."""
    if not as_listed(path, path.parent):
        raise InputError(
            f"{path}: does not match {path.parent / MANIFEST} (changed or damaged after the "
            "build; build again)"
        )


def as_listed(path: Path, out_dir: Path, *, hashed: bool = True) -> bool:
    """Whether `path`, a file of the set `out_dir`, has the SHA-256 its manifest lists.

    Only its size with `hashed` false (a file cut short). True when there is nothing to check
    against: no manifest (a file written by hand or by an older graphkit), or one that does
    not list the file.
    """
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return True
    expected = _listed(manifest).get(path.relative_to(out_dir).as_posix())
    if expected is None:
        return True
    if not hashed:
        return expected.get("bytes") == path.stat().st_size
    return expected.get("sha256") == _sha256(path)


def verify_folder(folder: Path) -> None:
    """Raise InputError when `folder` (OUT/store) differs from what the manifest lists for it.

    Cheap enough to run on every open: the same file names, each of the listed size, and the
    same SHA-256 for files up to SMALL bytes (the descriptor and the database's own metadata:
    CURRENT, MANIFEST-*, OPTIONS-*). The database's large files are written once and only
    read after that, so a size check catches a swapped or truncated one; the manifest holds
    every file's SHA-256 for a full check.
    """
    manifest = folder.parent / MANIFEST
    if not manifest.is_file():
        return  # copied or written by hand: nothing to check against, as for a file
    prefix = f"{folder.name}/"
    expected = {
        name.removeprefix(prefix): entry
        for name, entry in _listed(manifest).items()
        if name.startswith(prefix)
    }
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    changed = sorted(set(expected) ^ set(found))
    for name in sorted(set(expected) & set(found)):
        size = found[name].stat().st_size
        entry = expected[name]
        if size != entry.get("bytes") or (
            size <= SMALL and _sha256(found[name]) != entry.get("sha256")
        ):
            changed.append(name)
    if changed:
        raise InputError(
            f"{folder}: does not match {manifest} ({changed[0]} changed, added or removed after "
            "the build; build again)"
        )


def _listed(manifest: Path) -> dict[str, dict[str, object]]:
    """The manifest's `files`: relative path → {"sha256", "bytes"}."""
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
            raise TypeError("files is not a mapping of entries")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{manifest}: not a graphkit manifest ({error})") from error
    return files


def _recover(parent: Path, name: str) -> None:
    """Remove what interrupted builds left; put back a set moved aside but never replaced."""
    for staging in parent.glob(f".{name}.staging-*"):
        shutil.rmtree(staging, ignore_errors=True)
    aside = sorted(parent.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime)
    out_dir = parent / name
    if aside and not out_dir.exists():
        aside.pop().rename(out_dir)
    for old in aside:
        shutil.rmtree(old, ignore_errors=True)
    if out_dir.is_dir():
        for tmp in out_dir.glob(".*.tmp"):  # atomic writes cut short by kill -9
            tmp.unlink(missing_ok=True)


def _check_foreign(out_dir: Path, shown: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{shown}: is a file, not a folder; choose another -o")
    if not out_dir.is_dir():
        return
    foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in OUTPUT_NAMES)
    if foreign:
        listed = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise InputError(
            f"{shown}: holds files graphkit did not write ({listed}); "
            "a build replaces the whole folder, so choose an empty or new one"
        )


def _write_manifest(staging: Path, out_dir: Path) -> None:
    """List every file of the set, those in folders (the store) by their relative path.

    A file that is the one `out_dir` holds at the same path (a hard link: the store an add
    changed is a checkpoint of the one it had) keeps the hash its manifest lists: ABC's add
    hashed 600 MB in 0.8 s, three quarters of it the store's files it had not changed.
    """
    try:
        earlier = _listed(out_dir / MANIFEST) if (out_dir / MANIFEST).is_file() else {}
    except InputError:  # a damaged manifest: the set is replaced, every file hashed
        earlier = {}
    files: dict[str, dict[str, Any]] = {}
    hashing: dict[str, Path] = {}
    for path in sorted(staging.rglob("*")):
        if not path.is_file():
            continue
        name, found = path.relative_to(staging).as_posix(), path.stat()
        listed = earlier.get(name, {})
        same = listed.get("bytes") == found.st_size and _same_file(found, out_dir / name)
        files[name] = {"sha256": listed.get("sha256") if same else None, "bytes": found.st_size}
        if not files[name]["sha256"]:
            hashing[name] = path
    with ThreadPoolExecutor(_HASHERS) as pool:  # hashlib lets go of the GIL: a file a core
        for name, digest in zip(hashing, pool.map(_sha256, hashing.values()), strict=True):
            files[name]["sha256"] = digest
    manifest = {"format": MANIFEST_FORMAT, "files": files}
    write_text(staging / MANIFEST, json.dumps(manifest, indent=2) + "\n")


def _same_file(found: os.stat_result, path: Path) -> bool:
    """Whether `path` is the file `found` describes (one inode: a hard link of it)."""
    try:
        other = path.stat()
    except OSError:
        return False
    return (other.st_ino, other.st_dev) == (found.st_ino, found.st_dev)


def _swap(staging: Path, out_dir: Path) -> None:
    """Put `staging` in place of `out_dir` with renames; the old set is removed last."""
    aside = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(aside)
    staging.rename(out_dir)
    shutil.rmtree(aside, ignore_errors=True)


_HASHERS = min(os.cpu_count() or 1, 4)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
