"""Shared fixtures: the seed graph is built once per test session (the model loads once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import graphkit
from graphkit.pipeline import BuildResult, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"
ARTICLES = Path(__file__).parent / "data" / "articles"
SHARED = Path(os.environ.get("GRAPHKIT_SHARED") or ROOT.parent / "shared")
"""The shared corpora and benchmarks: beside the project on CI, absent on a user's machine."""


def bound(value: str | None) -> str:
    """A value the query always binds (a SELECT row holds None for an unbound variable)."""
    assert value is not None, "unbound variable"
    return value


def shared_path(*parts: str) -> Path:
    """Return a path under SHARED, or skip the calling test (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path}: not here (the shared corpora; set GRAPHKIT_SHARED to their folder)")
    return path


@pytest.fixture(scope="session")
def pipeline() -> graphkit.nlp.Pipeline:
    """The spaCy pipeline, loaded once for every test that parses."""
    from graphkit.nlp import load_pipeline

    return load_pipeline(graphkit.BuildConfig().model)


@pytest.fixture(scope="session")
def seed_build(pipeline) -> BuildResult:
    """The graph of the two seed articles, built with the default configuration."""
    return run([SEEDS], pipeline=pipeline)


@pytest.fixture(scope="session")
def seed_dataset(seed_build):
    """The seed graph's rdflib Dataset (treat as read-only)."""
    return seed_build.dataset
