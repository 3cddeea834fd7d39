"""The README documents every command, every public name, and its SPARQL runs as written."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

import graphkit
from graphkit import query
from graphkit.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_a_readme_section(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: graphkit " in result.output
    assert f"graphkit {command}" in README


@pytest.mark.parametrize("name", graphkit.__all__)
def test_public_name_is_documented(name):
    assert getattr(graphkit, name).__doc__, f"{name} has no docstring"
    assert f"`{name}" in README or f"graphkit.{name}" in README, f"{name} is not in the README"


def sparql_blocks() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", README, flags=re.DOTALL)


def test_readme_has_the_contract_query_verbatim():
    assert query.FACTS_QUERY.strip() in [block.strip() for block in sparql_blocks()]


OUTLETS = [
    "Rio Tinto is considering an offer for Arcadium.",
    "Rio Tinto made an offer for Arcadium.",
]
"""The README's two-outlet example (Many outlets, one story): what the seeds have none of."""


@pytest.fixture(scope="module")
def outlets(pipeline):
    assert all(sentence in README for sentence in OUTLETS)
    return graphkit.from_texts(OUTLETS, pipeline=pipeline).dataset


@pytest.mark.parametrize("sparql", sparql_blocks())
def test_every_readme_query_runs_on_the_seed_graph(seed_dataset, outlets, sparql):
    rows = query.select(seed_dataset, sparql)
    assert len(rows) > 0 or len(query.select(outlets, sparql)) > 0, sparql
