"""The query sandbox: offline (no SERVICE, FROM names graphs), bounded (timeout, Ctrl-C, limit).

Every case runs on three graphs: a Dataset in Oxigraph (the default), one in rdflib's
pure-Python memory store, and a build's on-disk store opened as `graphkit query OUT` opens it
(a bare pyoxigraph Store, no rdflib: query.open_graph).
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import socket
import threading
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import bound
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from graphkit import _sandbox, graph, query
from graphkit.api import KnowledgeGraph
from graphkit.errors import QueryError, QueryTimeout

MARKER = "sandbox-marker-4f1c"
SECRET = f'<urn:x:secret> <urn:x:says> "{MARKER}" .\n'
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def memory_dataset(seed_dataset, tmp_path_factory):
    """The seed graph again, in rdflib's memory store (`store="default"`)."""
    out = tmp_path_factory.mktemp("seed")
    graph.write(seed_dataset, out, formats=[".trig"])
    return graph.load(out, store="default")


@pytest.fixture(scope="module")
def store_database(seed_dataset, tmp_path_factory):
    """The seed graph's on-disk store, opened read-only by query.open_graph."""
    out = tmp_path_factory.mktemp("seed-store") / "out"
    KnowledgeGraph(seed_dataset).save(out)
    database = query.open_graph(out)
    assert isinstance(database, ox.Store)
    return database


@pytest.fixture(params=["oxigraph", "memory", "store"])
def dataset(request, seed_dataset, memory_dataset, store_database):
    return {"oxigraph": seed_dataset, "memory": memory_dataset}.get(request.param, store_database)


class _Server(http.server.ThreadingHTTPServer):
    """A local HTTP server on a free port that logs every request in `requests`."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.url = f"http://127.0.0.1:{self.server_port}/data.ttl"


class _Recorder(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        assert isinstance(self.server, _Server)
        self.server.requests.append(f"{self.command} {self.path}")
        body = SECRET.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving() -> Iterator[_Server]:
    """A local HTTP server serving Turtle that holds MARKER, running for the block."""
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        thread.join()
        httpd.server_close()


@pytest.fixture(scope="module")
def server():
    """A local HTTP server serving Turtle that holds MARKER; `.requests` logs every request."""
    with serving() as httpd:
        yield httpd


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.ttl"
    path.write_text(SECRET)
    return path.as_uri()


@pytest.fixture
def offline(server):
    """Assert that a test sent the local server no request."""
    server.requests.clear()
    yield server
    assert server.requests == []


def _children() -> set[str]:
    """This process's live children (Linux /proc; empty elsewhere).

    Compared before and after a query: other tests may leave long-lived children of their own
    (multiprocessing's resource tracker after a Dask cluster), which are not the query's.
    """
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return set()
    return {pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()}


def _text(result: query.Rows | query.Triples) -> str:
    if isinstance(result, query.Triples):
        return result.serialize("nt")
    return result.to_json() + result.to_csv()


# Offline: SERVICE refused, FROM never fetched.


def test_the_local_server_sees_a_real_request(server):
    """The detector works: a real fetch shows in the server's log."""
    server.requests.clear()
    with urllib.request.urlopen(server.url) as response:
        assert MARKER in response.read().decode()
    assert server.requests == ["GET /data.ttl"]
    server.requests.clear()


def test_python_code_in_the_query_process_opens_no_connection(offline):
    with pytest.raises(QueryError, match="network access is refused"):
        _sandbox.call(lambda: urllib.request.urlopen(offline.url).read(), timeout=5)
    with pytest.raises(QueryError, match="network access is refused"):
        _sandbox.call(
            lambda: socket.create_connection(("127.0.0.1", offline.server_port)), timeout=5
        )


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x rdfs:label ?l OPTIONAL {{ SERVICE SILENT <{url}> {{ ?x ?p ?o }} }}}}",
        "SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        "ASK {{ FILTER EXISTS {{ service <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_sends_nothing(dataset, offline, template):
    with pytest.raises(QueryError, match="SERVICE is refused: graphkit never sends a query"):
        query.run(dataset, template.format(url=offline.url))


def test_service_spelt_with_an_escape_is_refused_too(dataset, offline):
    with pytest.raises(QueryError, match="SERVICE is refused"):
        query.run(dataset, f"SELECT * WHERE {{ \\u0053ERVICE <{offline.url}> {{ ?s ?p ?o }} }}")


def test_the_word_service_in_names_and_strings_is_fine(dataset):
    sparql = 'SELECT ?service WHERE { BIND("SERVICE <x:y>" AS ?service) } # SERVICE'
    assert query.select(dataset, sparql).rows == (("SERVICE <x:y>",),)


@pytest.mark.parametrize(
    "template",
    [
        "SELECT ?o FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        "SELECT ?g ?o FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT ?o FROM <{iri}> FROM NAMED <{iri}> WHERE {{ {{ ?s ?p ?o }} UNION "
        "{{ GRAPH ?g {{ ?s ?p ?o }} }} }}",
        "ASK FROM <{iri}> {{ ?s ?p ?o }}",
        "CONSTRUCT {{ ?s ?p ?o }} FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        "DESCRIBE <urn:x:secret> FROM <{iri}>",
    ],
)
@pytest.mark.parametrize("source", ["http", "file"])
def test_from_never_reads_a_url_or_a_file(dataset, offline, secret_file, template, source):
    iri = offline.url if source == "http" else secret_file
    result = query.run(dataset, template.format(iri=iri))
    assert MARKER not in _text(result)
    assert len(result) == 0 or getattr(result, "boolean", None) is False


def test_updates_are_refused_loads_included(dataset, offline, secret_file):
    for update in [f"LOAD <{offline.url}>", f"LOAD <{secret_file}> INTO GRAPH <x:g>", "CLEAR ALL"]:
        before = len(dataset)
        with pytest.raises(QueryError, match="read-only"):
            query.run(dataset, update)
        assert len(dataset) == before


# FROM and FROM NAMED name graphs of the dataset.


def _articles(dataset) -> list[str]:
    sparql = "SELECT DISTINCT ?doc WHERE { ?st prov:wasDerivedFrom ?doc } ORDER BY ?doc"
    return [bound(doc) for (doc,) in query.select(dataset, sparql).rows]


def test_from_queries_one_article_graph_as_the_default_graph(dataset):
    first, second = _articles(dataset)
    sources = "SELECT DISTINCT ?doc WHERE { ?st prov:wasDerivedFrom ?doc }"
    assert query.select(dataset, sources.replace("WHERE", f"FROM <{first}> WHERE")).rows == (
        (first,),
    )
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    from_one = query.select(dataset, count.format(f"FROM <{first}>")).rows
    assert from_one == query.select(dataset, count.format(""), graph=URIRef(first)).rows
    both = query.select(dataset, count.format(f"FROM <{first}> FROM <{second}>")).rows
    assert int(bound(both[0][0])) > int(bound(from_one[0][0]))


def test_from_named_restricts_the_named_graphs(dataset):
    first, _ = _articles(dataset)
    graphs = "SELECT DISTINCT ?g {} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert len(query.select(dataset, graphs.format("")).rows) > 2
    assert query.select(dataset, graphs.format(f"FROM NAMED <{first}>")).rows == ((first,),)
    assert query.select(dataset, graphs.format(f"FROM <{first}>")).rows == ()
    unknown = "SELECT * FROM NAMED <https://example.org/none> WHERE { ?s ?p ?o }"
    assert query.select(dataset, unknown).rows == ()  # FROM NAMED alone: empty default graph


def test_from_a_graph_not_in_the_dataset_is_empty(dataset):
    rows = query.select(dataset, "SELECT * FROM <https://w3id.org/graphkit/doc/none> { ?s ?p ?o }")
    assert rows.rows == ()


def test_the_graph_argument_overrides_from(dataset):
    first, second = _articles(dataset)
    sparql = f"SELECT DISTINCT ?doc FROM <{first}> WHERE {{ ?st prov:wasDerivedFrom ?doc }}"
    assert query.select(dataset, sparql, graph=URIRef(second)).rows == ((second,),)


# Bounded: timeout, Ctrl-C, row cap.


def test_a_runaway_query_stops_at_its_timeout(dataset):
    children = _children()
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query stopped after 1 s \(timeout\)"):
        query.select(dataset, RUNAWAY, timeout=1)
    assert time.monotonic() - start < 2
    assert _children() <= children


def test_ctrl_c_stops_a_runaway_query_within_a_second(dataset):
    children = _children()
    sent: list[float] = []

    def interrupt() -> None:
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.5, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            query.select(dataset, RUNAWAY, timeout=30)
        stopped = time.monotonic()
    finally:
        timer.cancel()
    assert sent and stopped - sent[0] < 1.5
    assert _children() <= children


def test_rows_past_the_limit_are_cut_and_the_formats_stay_valid(dataset):
    rows = query.select(dataset, CROSS, limit=10)
    assert (len(rows), rows.truncated) == (10, True)
    assert len(json.loads(rows.to_json())["results"]["bindings"]) == 10
    assert rows.to_csv().count("\r\n") == 11
    assert rows.to_table().endswith("(10 rows; more were cut: raise the limit)")
    values = "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"
    assert query.select(dataset, values, limit=3).truncated is False
    assert query.select(dataset, values, limit=2).rows == (("1",), ("2",))


def test_triples_past_the_limit_are_cut(dataset):
    triples = query.run(dataset, "CONSTRUCT WHERE { ?s ?p ?o }", limit=5)
    assert isinstance(triples, query.Triples)
    assert (len(triples), triples.truncated) == (5, True)
    assert len(triples.serialize("nt").splitlines()) == 5


def test_a_bad_timeout_or_limit_is_a_query_error(dataset):
    with pytest.raises(QueryError, match="timeout"):
        query.select(dataset, "ASK {}", timeout=0)
    with pytest.raises(QueryError, match="limit"):
        query.select(dataset, "ASK {}", limit=-1)


def test_nothing_leaks_across_many_queries(dataset):
    children = _children()
    query.select(dataset, "ASK {}")
    before = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    for _ in range(20):
        query.select(dataset, "ASK { ?s ?p ?o }")
    with pytest.raises(QueryTimeout):
        query.select(dataset, RUNAWAY, timeout=0.2)
    after = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    assert after <= before
    assert _children() <= children


# CONSTRUCT and DESCRIBE give a graph in three formats.

_PARSERS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def test_construct_gives_the_same_graph_in_turtle_n_triples_and_json_ld(dataset):
    triples = query.run(
        dataset,
        "CONSTRUCT { ?e rdfs:label ?l ; gk:n 1.5 } WHERE { ?e a schema:Person ; rdfs:label ?l }",
    )
    assert isinstance(triples, query.Triples) and len(triples) > 2
    parsed = {
        fmt: set(q.triple for q in ox.parse(triples.serialize(fmt), format=parser))
        for fmt, parser in _PARSERS.items()
    }
    assert parsed["ttl"] == parsed["nt"] == parsed["jsonld"] == set(triples)
    assert "@prefix ent: <https://w3id.org/graphkit/entity/>" in triples.serialize("ttl")


def test_describe_gives_what_the_graph_says_of_a_resource(dataset):
    sparql = 'DESCRIBE ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = "Vladimir Putin") }'
    triples = query.run(dataset, sparql)
    assert isinstance(triples, query.Triples)
    assert '"Vladimir Putin"' in triples.serialize("nt")


def test_select_sends_graph_queries_to_run(dataset):
    with pytest.raises(QueryError, match=r"CONSTRUCT queries give a graph.*query\.run"):
        query.select(dataset, "CONSTRUCT WHERE { ?s ?p ?o }")


# The notebook passes the limits through.


def test_knowledge_graph_query_passes_timeout_and_limit(seed_dataset):
    kg = KnowledgeGraph(seed_dataset)
    with pytest.warns(UserWarning, match="first 3 rows"):
        table = kg.query(CROSS, limit=3)
    assert len(table) == 3
    with pytest.raises(QueryTimeout):
        kg.query(RUNAWAY, timeout=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(kg.query("SELECT ?x WHERE { VALUES ?x { 1 2 } }", limit=2)) == 2


# Fuzz: whatever the text, the only error is a QueryError.

_VALID = [
    query.FACTS_QUERY,
    'SELECT ?e WHERE { ?e rdfs:label "Vladimir Putin" } LIMIT 3',
    "ASK { ?s a schema:Person }",
    "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 5",
    "DESCRIBE ?e WHERE { ?e a schema:Person } LIMIT 1",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)",
    "SELECT * FROM <https://w3id.org/graphkit/graph/meta> WHERE { ?s ?p ?o } LIMIT 2",
]
_TOKENS = st.sampled_from(
    ["{", "}", "(", ")", "?x", "<x:y>", '"', "'", "#", "\\u0053", "SERVICE", "FROM", "GRAPH",
     "OPTIONAL", "FILTER", "LOAD", "INSERT", "*", ".", ";", "VALUES", "BIND", "\n", "@en"]
)  # fmt: skip


@st.composite
def _queries(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=60))
    text = draw(st.sampled_from(_VALID))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        insert = draw(st.one_of(_TOKENS, st.text(max_size=4)))
        text = text[:start] + insert + text[end:]
    return text


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sparql=_queries())
def test_any_text_either_answers_or_raises_query_error(dataset, sparql):
    try:
        result = query.run(dataset, sparql, timeout=2, limit=50)
    except QueryError:
        return
    assert isinstance(result, query.Rows | query.Triples)
    assert len(result) <= 50
