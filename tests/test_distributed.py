"""Builds on Dask: a 2-worker cluster gives the one-process graph, quad for quad."""

from __future__ import annotations

import socket
import time

import pytest
from click.testing import CliRunner
from conftest import ARTICLES, SEEDS
from rdflib import Dataset

from graphkit import distributed
from graphkit.cli import cli
from graphkit.config import BuildConfig
from graphkit.errors import InputError
from graphkit.pipeline import run

dask_distributed = pytest.importorskip("dask.distributed")
SOURCES = [SEEDS, *sorted(ARTICLES.glob("*.txt"))]


def quads(dataset: Dataset) -> list[str]:
    """The dataset's N-Quads, sorted (ingest timestamps left out: they differ between builds)."""
    lines = dataset.serialize(format="nquads").splitlines()
    return sorted(line for line in lines if "generatedAtTime" not in line)


@pytest.fixture(scope="module")
def cluster():
    """One 2-worker cluster of processes, a thread each, for the whole module."""
    with dask_distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # not 8787, which another may hold
    ) as local:
        yield local


@pytest.fixture(scope="module")
def one_process(pipeline):
    return run(SOURCES, pipeline=pipeline)


def test_a_two_worker_cluster_builds_the_one_process_graph(cluster, one_process):
    address = cluster.scheduler_address.replace("tcp://", "dask://")
    built = run(SOURCES, config=BuildConfig(scheduler=address))
    assert (built.documents, built.triples, built.facts) == (
        one_process.documents,
        one_process.triples,
        one_process.facts,
    )
    expected = quads(one_process.dataset)
    assert len(expected) > 4000
    assert quads(built.dataset) == expected
    with dask_distributed.Client(cluster, set_as_default=False) as client:
        loaded = client.run(lambda: sorted(distributed._models))
    # A worker that ran a task keeps one model; Dask may give a busy machine's tasks to one worker.
    assert [BuildConfig().model] in loaded.values()
    assert all(models in ([], [BuildConfig().model]) for models in loaded.values())


def test_dask_through_the_cli_writes_the_same_graph(tmp_path):
    paths = [str(path) for path in SOURCES]
    graphs = []
    for name, options in [("one", []), ("dask", ["--dask", "--jobs", "2"])]:
        out = tmp_path / name
        result = CliRunner().invoke(cli, ["build", *paths, "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        dataset = Dataset()
        dataset.parse(out / "graph.trig", format="trig")
        graphs.append(quads(dataset))
    assert len(graphs[0]) > 4000
    assert graphs[0] == graphs[1]


def test_a_bad_scheduler_address_fails_in_one_line(tmp_path):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for address, problem in [
        (f"dask://127.0.0.1:{port}", "cannot connect"),
        ("127.0.0.1:8786", "not an address"),
        ("http://127.0.0.1:8786", "not an address"),
    ]:
        started = time.perf_counter()
        args = ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--scheduler", address]
        result = CliRunner().invoke(cli, args)
        assert time.perf_counter() - started < 10
        assert result.exit_code == 1, result.output
        [line] = result.output.strip().splitlines()
        assert address in line and problem in line
        assert not (tmp_path / "out" / "graph.trig").exists()


def test_a_scheduler_without_workers_fails_in_one_line(monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 1.0)
    with (
        dask_distributed.LocalCluster(
            n_workers=0,
            processes=False,
            protocol="tcp",  # an address graphkit takes (not inproc://)
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        ) as empty,
        pytest.raises(InputError, match="no worker joined in 1 s"),
    ):
        run(
            [SEEDS / "000_8a3b9e2ee59992ef.txt"],
            config=BuildConfig(scheduler=empty.scheduler_address),
        )
