"""The command line: exit codes, one-line errors naming the file, and outputs that are atomic."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from test_visualize import ENT, page_data

import graphkit
from graphkit.cli import cli


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_prints_a_summary_and_writes_every_file(built):
    out, output = built
    summary = output.splitlines()[0]
    assert summary.startswith("2 documents, ")
    for word in ("sentences", "entities", "triples", " s"):
        assert word in summary
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (out / name).stat().st_size > 1000
    assert not (out / "graph.nq").exists() and not (out / "graph.jsonld").exists()


def test_build_writes_the_formats_asked_for_and_each_reads_back(tmp_path):
    args = ["build", str(SEEDS), "-o", str(tmp_path), "--format", "nq", "--format", "jsonld"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("graph.*")) == [
        "graph.html",
        "graph.jsonld",
        "graph.nq",
    ]
    for name in ("graph.nq", "graph.jsonld"):
        ask = CliRunner().invoke(
            cli, ["query", str(tmp_path / name), 'ASK { ?e rdfs:label "Vladimir Putin" }']
        )
        assert ask.exit_code == 0 and "true" in ask.output, ask.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(built, fmt):
    out, _ = built
    result = CliRunner().invoke(
        cli,
        [
            "query",
            str(out / "graph.ttl"),
            'ASK { ?e rdfs:label "Vladimir Putin" }',
            "--format",
            fmt,
        ],
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output)["boolean"] is True
    else:
        assert "true" in result.output.lower()


def test_query_refuses_updates_with_exit_1(built):
    out, _ = built
    result = CliRunner().invoke(cli, ["query", str(out), "DELETE WHERE { ?s ?p ?o }"])
    assert result.exit_code == 1
    assert "read-only" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_bad_input_is_one_line_naming_the_file_and_exit_1(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(cli, ["stats", str(bad)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert str(bad) in line and "not valid turtle" in line


def test_missing_input_keeps_what_was_built(built, tmp_path):
    out, _ = built
    before = (out / "graph.trig").read_bytes()
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert "missing.txt: no such file" in result.output
    assert (out / "graph.trig").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_usage_errors_exit_2():
    assert CliRunner().invoke(cli, ["query"]).exit_code == 2
    assert CliRunner().invoke(cli, ["extract", "x.txt", "--pretokenized"]).exit_code == 2
    assert CliRunner().invoke(cli, ["nosuchcommand"]).exit_code == 2


def test_extract_lines_pretokenized_writes_one_object_per_triple(tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text(
        "Russia trades with China .\nThe U.S. did not sign the deal .\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["extract", str(lines), "--lines", "--pretokenized"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    by_line = {r["line"]: r for r in records}
    assert (by_line[1]["subject"], by_line[1]["relation"], by_line[1]["object"]) == (
        "Russia",
        "trades with",
        "China",
    )
    assert by_line[2]["negated"] is True
    assert by_line[2]["sentence"] == "The U.S. did not sign the deal ."
    for record in records:
        assert {"confidence", "attribution", "qualifiers"} <= record.keys()


def test_view_focus_and_stats(built, tmp_path):
    out, _ = built
    page = tmp_path / "map.html"
    result = CliRunner().invoke(
        cli, ["view", str(out), "-o", str(page), "--entity", "putin", "--hops", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in page.read_text(encoding="utf-8")
    stats = CliRunner().invoke(cli, ["stats", str(out), "--top", "3"])
    assert stats.exit_code == 0
    assert stats.output.startswith("2 articles, ")
    assert "Vladimir Putin" in stats.output


def test_view_finds_an_entity_as_the_api_does(built, tmp_path):
    out, _ = built
    page = tmp_path / "us.html"
    args = ["view", str(out), "-o", str(page), "--entity", "the United States"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    drawn = {node[6] for node in page_data(page.read_text(encoding="utf-8"))["nodes"]}
    assert ENT + "united_states" in drawn
    in_api = graphkit.load(out).to_html("the United States")
    assert drawn == {node[6] for node in page_data(in_api)["nodes"]}


def test_view_of_an_unknown_entity_names_near_misses(built, tmp_path):
    out, _ = built
    args = ["view", str(out), "-o", str(tmp_path / "map.html"), "--entity", "Vladimir Putn"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert (
        "'Vladimir Putn': no entity has this name or alias; did you mean 'Vladimir Putin'" in line
    )
    assert not (tmp_path / "map.html").exists()


def test_stats_prints_the_counts_of_the_api(built):
    out, _ = built
    counts = graphkit.load(out).stats(top=3)
    result = CliRunner().invoke(cli, ["stats", str(out), "--top", "3"])
    assert result.exit_code == 0, result.output
    first, *top = result.output.splitlines()
    assert first == (
        f"{counts.articles} articles, {counts.entities} entities ({counts.linked} linked to an "
        f"authority), {counts.relations} relations, {counts.facts} facts, "
        f"{counts.statements} statements"
    )
    assert counts.linked >= 3  # Russia, China and Ukraine at least: countries are linked
    assert top == [f"{degree:6d}  {label}" for label, degree in counts.top_entities]


def test_conflicts_and_diff(built):
    out, _ = built
    conflicts = CliRunner().invoke(cli, ["conflicts", str(out)])
    assert conflicts.exit_code == 0
    assert "$245 billion" in conflicts.output and "$240 billion" in conflicts.output
    diff = CliRunner().invoke(
        cli,
        [
            "diff",
            str(out),
            "--source",
            "000_8a3b9e2ee59992ef.txt",
            "--source",
            "003_c187e5ae1e2307df.txt",
        ],
    )
    assert diff.exit_code == 0
    assert "## in conflict (1)" in diff.output
    one = CliRunner().invoke(cli, ["diff", str(out), "--source", "x"])
    assert one.exit_code == 2
