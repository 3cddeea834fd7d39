"""Hostile use of the real command: interrupted, killed, raced and fed nothing, as a process.

Each case checks the exit code, that stderr is one line with no traceback, and that what an
earlier build wrote is still there, whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import SEEDS

import graphkit
from graphkit import graph, outputs
from graphkit.cli import cli
from graphkit.errors import InputError

COMMAND = [sys.executable, "-m", "graphkit"]
SHELL_130 = (130, -signal.SIGINT)
"""What a shell reports as 130: exit(130), or, when the interrupt lands while the interpreter is
shutting down, death by SIGINT itself (Python re-raises it to report an interrupted exit)."""


def _start(*args: str, cwd) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """Ctrl-C's default in the child, whatever pytest inherited: a shell's background job ignores
    SIGINT, and so would every process it starts."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _snapshot(folder) -> dict[str, bytes]:
    """Every file of `folder`, those in its store/ too, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def good_out(tmp_path_factory):
    """A folder holding a finished build of the seeds in `out`."""
    root = tmp_path_factory.mktemp("hostile")
    done = subprocess.run(
        [*COMMAND, "build", str(SEEDS), "-o", "out"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return root


def _long_article(folder) -> str:
    """An article long enough (the seeds' text twenty times over) to parse for many seconds."""
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    path = folder / "long.txt"
    path.write_text("\n\n".join(f"Part {n}. {seeds}" for n in range(20)), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("stage", ["during-start-up", "during-the-build"])
def test_ctrl_c_exits_130_with_one_line_and_keeps_the_last_build(good_out, stage):
    root = good_out
    before = _snapshot(root / "out")
    process = _start("build", _long_article(root), "-o", "out", cwd=root)
    if stage == "during-start-up":
        time.sleep(0.15)
    else:  # the lock is held and the staging folder made: the build is under way
        deadline = time.monotonic() + 60
        while not list(root.glob(".out.staging-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode in SHELL_130, stderr
    assert stderr.strip() == "graphkit: interrupted"
    assert _snapshot(root / "out") == before
    assert not list(root.glob(".out.staging-*"))


def test_kill_9_loses_nothing_and_the_next_build_cleans_up(good_out):
    root = good_out
    before = _snapshot(root / "out")
    process = _start("build", _long_article(root), "-o", "out", cwd=root)
    deadline = time.monotonic() + 60
    while not list(root.glob(".out.staging-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the staging folder appears once the lock is held
    process.kill()
    process.communicate()
    assert _snapshot(root / "out") == before
    again = subprocess.run(
        [*COMMAND, "build", str(SEEDS), "-o", "out"], cwd=root, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert not list(root.glob(".out.staging-*")) and not list(root.glob(".out.old-*"))
    graph.load(root / "out")  # the manifest matches the new set


def test_two_builds_into_one_folder_never_mix(tmp_path):
    first = _start("build", _long_article(tmp_path), "-o", "out", cwd=tmp_path)
    time.sleep(0.2)
    second = _start("build", str(SEEDS / "000_8a3b9e2ee59992ef.txt"), "-o", "out", cwd=tmp_path)
    results: list[tuple[int, str]] = []
    for process in (first, second):
        _, stderr = process.communicate(timeout=120)
        results.append((process.returncode, stderr))
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    [refused] = [err for code, err in results if code == 1]
    assert len(refused.strip().splitlines()) == 1 and "another graphkit build" in refused
    kg = graphkit.load(tmp_path / "out")  # one whole set: every file matches the manifest
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        outputs.verify(tmp_path / "out" / name)
    assert len(kg.dataset) > 0


def test_nothing_to_build_keeps_the_last_build_and_exits_1(good_out):
    root = good_out
    before = _snapshot(root / "out")
    (root / "empty.txt").write_text("", encoding="utf-8")
    done = subprocess.run(
        [*COMMAND, "build", "empty.txt", "-o", "out"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("Error: nothing to build")
    assert "Traceback" not in done.stderr
    assert _snapshot(root / "out") == before


def test_allow_empty_writes_an_empty_graph(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"), "--allow-empty"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 documents")
    assert (tmp_path / "out" / "graph.trig").exists()


def test_a_bad_store_name_is_a_usage_error():
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--store", "NoSuchStore"])
    assert result.exit_code == 2
    assert "'NoSuchStore' is not an rdflib store" in result.output
    assert "Traceback" not in result.output


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(good_out, monkeypatch):
    root = good_out

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("graphkit.analyze.stats", broken)
    result = CliRunner().invoke(cli, ["stats", str(root / "out")])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "internal error: ZeroDivisionError: a bug" in line and "--debug" in line
    debug = CliRunner().invoke(cli, ["--debug", "stats", str(root / "out")])
    assert isinstance(debug.exception, ZeroDivisionError)


@pytest.mark.parametrize("sources", [None, [], 42])
def test_build_without_sources_is_one_clear_error(sources):
    with pytest.raises(InputError) as error:
        graphkit.build(sources)
    assert len(str(error.value).splitlines()) == 1


def test_help_and_read_commands_never_import_spacy(good_out):
    root = good_out
    probe = (
        "import sys\n"
        "from graphkit.cli import cli\n"
        "for args in (['--help'], ['stats', 'out'], ['view', 'out', '-o', 'map.html'],\n"
        "             ['query', 'out', 'ASK { ?s ?p ?o }']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "import graphkit\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (root / "map.html").stat().st_size > 1000
    os.remove(root / "map.html")


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 4e10 rows


def test_a_runaway_query_stops_at_its_timeout_with_one_line(good_out):
    started = time.monotonic()
    done = subprocess.run(
        [*COMMAND, "query", "out", RUNAWAY, "--timeout", "2"],
        cwd=good_out,
        capture_output=True,
        text=True,
    )
    took = time.monotonic() - started
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: query stopped after 2 s (timeout)"
    # timeout + 1 s (measured inside the process by test_query_sandbox), plus the start-up of a
    # fresh interpreter and the graph's load, which a loaded machine stretches
    assert took < 2 + 1 + 3


def test_ctrl_c_stops_a_runaway_query_within_a_second(good_out):
    process = _start("query", "out", RUNAWAY, "--timeout", "60", cwd=good_out)
    time.sleep(2.0)  # started, graph loaded, the query running
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - sent < 2.0  # within 1 s in-process (test_query_sandbox); + exit
    assert process.returncode in SHELL_130
    assert stderr.strip() == "graphkit: interrupted"


@pytest.mark.parametrize(
    ("sparql", "fmt", "starts"),
    [
        ("CONSTRUCT WHERE { ?s rel:call_on ?o }", "ttl", "@prefix"),
        ("CONSTRUCT WHERE { ?s rel:call_on ?o }", "nt", "<https://w3id.org/graphkit/entity/"),
        ("DESCRIBE ent:vladimir_putin", "jsonld", "["),
    ],
)
def test_construct_and_describe_print_a_graph(good_out, sparql, fmt, starts):
    result = CliRunner().invoke(cli, ["query", str(good_out / "out"), sparql, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith(starts)
    assert "vladimir_putin" in result.stdout


def test_a_format_that_does_not_fit_the_answer_is_a_usage_error(good_out):
    ask = CliRunner().invoke(cli, ["query", str(good_out / "out"), "ASK {}", "--format", "ttl"])
    assert ask.exit_code == 2 and "use one of table, csv, json" in ask.output


def test_limit_cuts_rows_and_says_so(good_out):
    sparql = "SELECT ?s WHERE { ?s ?p ?o }"
    result = CliRunner().invoke(
        cli, ["query", str(good_out / "out"), sparql, "--limit", "3", "--format", "csv"]
    )
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 1 + 3
    assert "cut at --limit 3" in result.stderr


def test_from_names_a_graph_of_the_dataset(good_out):
    kg = graphkit.load(good_out / "out")
    files = kg.query('SELECT ?d WHERE { ?d gk:sourceFile ?f FILTER(CONTAINS(?f, "000_")) }')
    [doc] = files["d"]
    count = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"
    whole = CliRunner().invoke(cli, ["query", str(good_out / "out"), count.format(**{"from": ""})])
    one = CliRunner().invoke(
        cli, ["query", str(good_out / "out"), count.format(**{"from": f"FROM <{doc}>"})]
    )
    n_whole, n_one = (int(r.stdout.splitlines()[2]) for r in (whole, one))
    assert 0 < n_one < n_whole


def test_ctrl_c_inside_an_extension_is_still_an_interruption(good_out, monkeypatch):
    def interrupted_import(*_args, **_kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as error:  # what a C extension's failed init turns it into
            raise SystemError("initialization raised unreported exception") from error

    monkeypatch.setattr("graphkit.analyze.stats", interrupted_import)
    result = CliRunner().invoke(cli, ["stats", str(good_out / "out")])
    assert result.exit_code == 130
    assert result.output.strip() == "graphkit: interrupted"
