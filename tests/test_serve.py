"""`graphkit serve`: the real server process, queried by real SPARQL and HTTP clients."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import selectors
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS
from rdflib import Graph, Literal, Variable
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from graphkit import outputs
from graphkit.cli import cli
from graphkit.serve import _ROWS, negotiate

ONE_HOP = (
    "SELECT ?whom WHERE { ?s rel:call_on ?o ; rdfs:label 'Donald Trump' . ?o rdfs:label ?whom }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABELS = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s"
PUTIN = "https://w3id.org/graphkit/entity/vladimir_putin"
ROW_LIMIT = 50
SERVE = [sys.executable, "-m", "graphkit", "serve"]
TIMEOUT = 1


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve") / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@dataclass(frozen=True)
class Running:
    url: str
    pid: int


@pytest.fixture(scope="module")
def running(out):
    """`python -m graphkit serve OUT --port 0` as its own process; killed after the module."""
    process = subprocess.Popen(
        [*SERVE, str(out), "--port", "0", "--timeout", str(TIMEOUT), "--limit", str(ROW_LIMIT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(timeout=30)
        line = process.stdout.readline() if ready else ""
        assert line.startswith(f"serving {out} at http://127.0.0.1:"), (line, process.poll())
        yield Running(line.split(" at ", 1)[1].split()[0], process.pid)
    finally:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


@pytest.fixture
def server(running):
    """The server's base URL."""
    return running.url


def _get(url: str, params: dict[str, str], accept: str | None = None):
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode(params)}")
    if accept:
        request.add_header("Accept", accept)
    return _open(request)


def _post(url: str, data: bytes, content_type: str, accept: str | None = None):
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    return _open(request)


def _open(request) -> tuple[int, Message, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def test_rdflib_sparqlstore_queries_the_endpoint(server):
    for fmt in ("xml", "json"):
        remote = Graph(SPARQLStore(server + "sparql", returnFormat=fmt))
        bindings = remote.query(ONE_HOP).bindings
        assert [str(row[Variable("whom")]) for row in bindings] == ["Vladimir Putin"]
        assert remote.query("ASK { ?e rdfs:label 'Vladimir Putin' }").askAnswer is True
    remote = Graph(SPARQLStore(server + "sparql"))  # CONSTRUCT: asks for RDF/XML
    described = remote.query(f"CONSTRUCT {{ <{PUTIN}> ?p ?o }} WHERE {{ <{PUTIN}> ?p ?o }}").graph
    assert described is not None and Literal("Vladimir Putin") in set(described.objects())


def test_results_by_content_negotiation(server):
    endpoint = server + "sparql"
    status, headers, body = _get(endpoint, {"query": LABELS})  # no Accept: JSON
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == ROW_LIMIT

    status, headers, body = _get(endpoint, {"query": LABELS}, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(body)))
    assert table[0] == ["s", "label"] and len(table) == ROW_LIMIT + 1
    assert table[1] == [rows[0]["s"]["value"], rows[0]["label"]["value"]]

    status, headers, body = _get(endpoint, {"query": LABELS}, "text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.splitlines()
    assert lines[0] == "?s\t?label" and lines[1].startswith(f'<{rows[0]["s"]["value"]}>\t"')

    accept = "text/csv;q=0.5, application/sparql-results+xml"
    status, headers, body = _get(endpoint, {"query": LABELS}, accept)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+xml"
    results = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}results")
    assert results is not None and len(results) == ROW_LIMIT

    construct = f"CONSTRUCT {{ <{PUTIN}> rdfs:label ?l }} WHERE {{ <{PUTIN}> rdfs:label ?l }}"
    status, headers, body = _get(endpoint, {"query": construct}, "application/n-triples")
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert (
        body.strip() == f'<{PUTIN}> <http://www.w3.org/2000/01/rdf-schema#label> "Vladimir Putin" .'
    )

    status, _, body = _get(endpoint, {"query": LABELS}, "text/html")
    assert status == 406 and "not acceptable" in body


def test_post_a_form_or_a_query_body(server):
    endpoint = server + "sparql"
    form = urllib.parse.urlencode({"query": ONE_HOP}).encode()
    for data, kind in (
        (form, "application/x-www-form-urlencoded"),
        (ONE_HOP.encode(), "application/sparql-query"),
    ):
        status, _, body = _post(endpoint, data, kind)
        assert status == 200, body
        assert [b["whom"]["value"] for b in json.loads(body)["results"]["bindings"]] == [
            "Vladimir Putin"
        ]


def test_the_row_cap_is_stated(server):
    status, headers, _ = _get(server + "sparql", {"query": LABELS})
    assert status == 200
    assert headers["Graphkit-Row-Limit"] == str(ROW_LIMIT)
    assert headers["Graphkit-Truncated"] == "true"
    assert headers["Graphkit-Timeout"] == str(TIMEOUT)
    _, headers, _ = _get(server + "sparql", {"query": ONE_HOP})
    assert headers["Graphkit-Truncated"] == "false"


def test_a_runaway_query_stops_at_the_time_limit(server):
    started = time.monotonic()
    status, _, body = _get(server + "sparql", {"query": RUNAWAY})
    took = time.monotonic() - started
    assert status == 503 and "timeout" in body
    assert TIMEOUT <= took < TIMEOUT + 2.5, took
    status, _, _ = _get(server + "sparql", {"query": ONE_HOP})  # and the server goes on
    assert status == 200


def test_updates_are_refused_and_the_store_is_unchanged(server, out):
    before = {
        p: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (out / "store").rglob("*")
        if p.is_file()
    }
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    endpoint = server + "sparql"
    status, _, body = _post(
        endpoint,
        urllib.parse.urlencode({"update": insert}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert status == 403 and "read-only" in body
    status, _, body = _post(endpoint, insert.encode(), "application/sparql-update")
    assert status == 403
    status, _, body = _get(endpoint, {"query": insert})  # an update sent as a query
    assert status == 400 and "refused" in body
    status, _, body = _get(endpoint, {"query": "ASK { <urn:x:a> ?p ?o }"})
    assert status == 200 and json.loads(body)["boolean"] is False
    after = {
        p: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (out / "store").rglob("*")
        if p.is_file()
    }
    assert after == before
    outputs.verify_folder(out / "store")


def test_service_and_bad_queries_are_one_line_errors(server):
    endpoint = server + "sparql"
    status, _, body = _get(
        endpoint, {"query": "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"}
    )
    assert status == 400 and body.strip().startswith("SERVICE is refused")
    status, _, body = _get(endpoint, {"query": "SELEKT nothing"})
    assert status == 400 and len(body.strip().splitlines()) == 1
    status, _, body = _get(endpoint, {})
    assert status == 400 and "give one query" in body


def test_the_query_page_and_the_map(server, out):
    status, headers, body = _get(server, {})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'action="/sparql"' in body and 'href="/map"' in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    status, headers, body = _get(server + "map", {})
    assert status == 200 and body == (out / "graph.html").read_text(encoding="utf-8")


def test_concurrent_clients_all_get_answers(server):
    def ask(_: int) -> int:
        status: int = _get(server + "sparql", {"query": ONE_HOP})[0]
        return status

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(ask, range(16))) == [200] * 16


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_the_server_leaves_no_query_process_behind(running):
    _get(running.url + "sparql", {"query": RUNAWAY})
    _get(running.url + "sparql", {"query": ONE_HOP})
    assert _children(running.pid) == []


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                stat = handle.read()
        except OSError:
            continue  # ended meanwhile
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "json"),
        ("*/*", "json"),
        ("application/*", "json"),
        ("text/*", "csv"),
        ("text/tab-separated-values, text/csv;q=0.9", "tsv"),
        ("application/sparql-results+json;q=0, text/csv", "csv"),
        ("image/png", None),
    ],
)
def test_negotiate(accept, expected):
    assert negotiate(accept, _ROWS, default="json") == expected
