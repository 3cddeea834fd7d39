"""Where the shared benchmark data lives.

The gold data is never copied into the repository (see ``shared/benchmarks/README.md``); it is read
from the ``shared`` folder beside the repository, or from the folder named by ``GRAPHKIT_SHARED``.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "GRAPHKIT_SHARED"


def shared_benchmarks_dir() -> Path:
    """Return ``<shared>/benchmarks``, ``<shared>`` being ``$GRAPHKIT_SHARED`` or ``../shared``."""
    override = os.environ.get(ENV_VAR)
    shared = Path(override) if override else Path(__file__).resolve().parents[2].parent / "shared"
    return shared / "benchmarks"
