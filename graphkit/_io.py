"""Atomic file writes, so a failed run never leaves a half-written output behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO


@contextmanager
def atomic_write(path: Path) -> Iterator[TextIO]:
    """Write text beside `path` and rename it into place only if the block succeeds."""
    with _replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        yield handle


@contextmanager
def atomic_write_bytes(path: Path) -> Iterator[BinaryIO]:
    """Write bytes beside `path` and rename them into place only if the block succeeds."""
    with _replacing(path) as tmp, open(tmp, "wb") as handle:
        yield handle


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically."""
    with atomic_write(path) as handle:
        handle.write(text)


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
