"""graphkit: provenance-rich RDF knowledge graphs from news articles.

The names below load on first use (PEP 562), so `import graphkit` and the commands that only
read a graph never import spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from graphkit.api import KnowledgeGraph, build, from_texts, load
    from graphkit.config import BuildConfig
    from graphkit.errors import (
        GraphkitError,
        InputError,
        QueryError,
        QueryTimeout,
        UnknownExtractor,
    )
    from graphkit.types import Document, Entity, Fact, Mention, Relation, Sentence, Triple

_HOMES = {
    "BuildConfig": "graphkit.config",
    "Document": "graphkit.types",
    "Entity": "graphkit.types",
    "Fact": "graphkit.types",
    "GraphkitError": "graphkit.errors",
    "InputError": "graphkit.errors",
    "KnowledgeGraph": "graphkit.api",
    "Mention": "graphkit.types",
    "QueryError": "graphkit.errors",
    "QueryTimeout": "graphkit.errors",
    "Relation": "graphkit.types",
    "Sentence": "graphkit.types",
    "Triple": "graphkit.types",
    "UnknownExtractor": "graphkit.errors",
    "build": "graphkit.api",
    "from_texts": "graphkit.api",
    "load": "graphkit.api",
}

__all__ = [
    "BuildConfig",
    "Document",
    "Entity",
    "Fact",
    "GraphkitError",
    "InputError",
    "KnowledgeGraph",
    "Mention",
    "QueryError",
    "QueryTimeout",
    "Relation",
    "Sentence",
    "Triple",
    "UnknownExtractor",
    "build",
    "from_texts",
    "load",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
