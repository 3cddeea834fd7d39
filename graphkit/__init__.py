"""graphkit: provenance-rich RDF knowledge graphs from news articles."""

from graphkit.config import BuildConfig
from graphkit.errors import GraphkitError, InputError, QueryError, UnknownExtractor
from graphkit.notebook import KnowledgeGraph, build, from_texts, load
from graphkit.types import Document, Entity, Fact, Mention, Relation, Sentence, Triple

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
    "Relation",
    "Sentence",
    "Triple",
    "UnknownExtractor",
    "build",
    "from_texts",
    "load",
]
