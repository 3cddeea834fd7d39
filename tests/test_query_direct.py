"""The direct way to Oxigraph: `graphkit query OUT` loads no rdflib and keeps every protection.

`graphkit query OUT` opens OUT/store read-only as a bare pyoxigraph Store (query.open_graph),
and a query whose text cannot spell SERVICE goes straight to Oxigraph; any other query goes the
checked way, rdflib's parser first, as every query did before (see graphkit._sparql). The
sandbox cases of tests/test_query_sandbox.py run on such a store too.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, SKOS, XSD
from test_query_sandbox import CROSS, serving

from graphkit import _sparql, query, vocab
from graphkit.api import KnowledgeGraph
from graphkit.config import DEFAULT_BASE
from graphkit.errors import GraphkitError, InputError, QueryError

COMMAND = [sys.executable, "-m", "graphkit"]
ONE_HOP = (
    "SELECT ?relation ?whom WHERE { ent:vladimir_putin ?p ?o . ?p a gk:Relation ; "
    "rdfs:label ?relation . ?o rdfs:label ?whom } ORDER BY ?relation ?whom"
)
HEAVY = ("rdflib", "oxrdflib", "pyparsing", "filelock", "spacy", "graphkit.graph")


@pytest.fixture(scope="module")
def out(seed_dataset, tmp_path_factory):
    """The seed graph saved as a build saves it: graph.trig, graph.ttl, store/, manifest.json."""
    folder = tmp_path_factory.mktemp("direct") / "out"
    KnowledgeGraph(seed_dataset).save(folder)
    return folder


@pytest.fixture(scope="module")
def bare(out):
    database = query.open_graph(out)
    assert isinstance(database, ox.Store)
    return database


@pytest.fixture(scope="module")
def server():
    with serving() as httpd:
        yield httpd


# A real process: no rdflib, the same output and the same error lines as from graph.trig.


def test_graphkit_query_on_a_store_imports_no_rdflib(out):
    probe = (
        "import sys\n"
        "from graphkit.__main__ import main\n"
        f"sys.argv = ['graphkit', 'query', {str(out)!r}, {ONE_HOP!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "[]"
    assert lines[0].split() == ["relation", "whom"] and lines[-2].endswith(" rows)")


@pytest.mark.parametrize(
    "args",
    [
        [ONE_HOP],
        [ONE_HOP, "--format", "json"],
        [ONE_HOP, "--format", "csv", "--limit", "2"],
        ["ASK { ?s a schema:Person }"],
        ["SELECT * WHERE { ?s ?p ?o } LIMIT 3 ORDER BY ?s"],  # a syntax error
        ["SELECT ?x WHERE { ?x ?y"],
        ["INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
        ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"],
        ["CONSTRUCT WHERE { ?s rel:call_on ?o }", "--format", "csv"],
        ["SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/graphkit/graph/meta> { ?s ?p ?o }"],
        ["SELECT ?service WHERE { BIND('SERVICE' AS ?service) }"],
    ],
)
def test_the_store_and_graph_trig_print_the_same(out, args):
    printed = []
    for where in (out, out / "graph.trig"):
        done = subprocess.run([*COMMAND, "query", str(where), *args], capture_output=True)
        printed.append((done.returncode, done.stdout, done.stderr))
    assert printed[0] == printed[1]
    code, _, stderr = printed[0]
    assert code == 2 or stderr.count(b"\n") <= 1  # an error or a note is one line (not usage)


def test_a_damaged_store_is_refused_before_any_query(out, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    table = max((copy / "store" / "oxigraph").glob("*.sst"), key=lambda p: p.stat().st_size)
    table.write_bytes(table.read_bytes()[:-10])
    with pytest.raises(InputError, match=r"store: does not match .*manifest\.json"):
        query.open_graph(copy)


# The scan: the direct way only when it is sure.


@pytest.mark.parametrize(
    ("sparql", "plan"),
    [
        (ONE_HOP, ("SELECT", False)),
        ("SELECT ?from WHERE { ?s rel:come_from ?from } # FROM x", ("SELECT", False)),
        ("select * from <urn:g> where { ?s ?p ?o }", ("SELECT", True)),
        ("SELECT*FROM<urn:g>WHERE{?s ?p ?o}", ("SELECT", True)),
        ("ASK FROM NAMED <urn:g> { GRAPH ?g { ?s ?p ?o } }", ("ASK", True)),
        ("SELECT ?x WHERE { BIND('''FROM \"x\"''' AS ?x) }", ("SELECT", False)),
        ("PREFIX select: <urn:x:> CONSTRUCT WHERE { ?s select:p ?o }", ("CONSTRUCT", False)),
        ("DESCRIBE <urn:from>", ("DESCRIBE", False)),
        ("SELECT * WHERE { ?s ?p ?o } # service", None),  # any "service": the checked way
        ("SELECT ?x WHERE { BIND('Service' AS ?x) }", None),
        ("SELECT ?services WHERE { ?s ?p ?services }", None),
        ("SELECT * FROM:g WHERE { ?s ?p ?o }", None),  # Oxigraph reads FROM + :g
        ("SELECT * WHERE { ?s ex:a.from ?o }", None),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1fromage", None),
        ("SELECT * WHERE { ?s ?p '\\u0041' }", None),
        ("SELECT * WHERE { ?s ?p ?o \u00a0}", None),  # not SPARQL's white space
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None),
        ("", None),
    ],
)
def test_the_scan_finds_the_form_and_from_or_says_it_is_unsure(sparql, plan):
    assert _sparql.direct_plan(sparql) == plan


SPELLINGS = [
    "SERVICE",
    "service",
    "SeRvIcE",
    "\\u0053ERVICE",
    "\\U00000053ERVICE",
    "\\u0073ervice",
    "ſERVICE",  # long s: upper-cases to S
    "SERVıCE",  # dotless i: upper-cases to I
    "ＳＥＲＶＩＣＥ",  # fullwidth: NFKC is SERVICE
]
CONTEXTS = [
    "SELECT * WHERE {{ {s} <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o .{s} <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o }}{s}<{url}>{{?a ?b ?c}}",
    "SELECT * WHERE {{ ?s ?p ?o . ?s ?p true{s} <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . ?s ?p 1{s} <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER(1<2){s}<{url}>{{?a ?b ?c}} }}",
    "PREFIX : <{url}> SELECT * WHERE {{ {s}: {{ ?s ?p ?o }} }}",
    "PREFIX e: <urn:x:> SELECT * WHERE {{ ?s ?p e:a\\' . {s} <{url}> {{ ?a ?b ?c }} "
    "BIND('x' AS ?y) }}",
    "SELECT * WHERE {{ # a comment\r{s} <{url}> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("""a""""" AS ?x) {s} <{url}> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ VALUES ?u {{ <{url}> }} {s} SILENT ?u {{ ?s ?p ?o }} }}",
]


def test_oxigraph_itself_would_send_service_queries(server):
    """Why the check matters: pyoxigraph's own SERVICE client reaches the local server."""
    server.requests.clear()
    memory = ox.Store()
    memory.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))
    sparql = CONTEXTS[1].format(s="SERVICE", url=server.url.replace("data.ttl", "sparql"))
    with contextlib.suppress(Exception):  # the server answers Turtle, not query results
        solutions = memory.query(sparql)
        assert isinstance(solutions, ox.QuerySolutions)
        list(solutions)
    assert server.requests == ["POST /sparql"]
    server.requests.clear()


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("graph", ["store", "dataset"])
def test_no_spelling_of_service_reaches_the_network(bare, seed_dataset, server, graph, context):
    source = bare if graph == "store" else seed_dataset
    for spelling in SPELLINGS:
        sparql = context.format(s=spelling, url=server.url)
        assert _sparql.direct_plan(sparql) is None
        server.requests.clear()
        with contextlib.suppress(QueryError):
            query.run(source, sparql, timeout=10)
        assert server.requests == [], sparql


# The two ways give the same answers.

QUERIES = [
    ONE_HOP,
    query.FACTS_QUERY,
    CROSS + " LIMIT 7",
    "ASK { ?s a schema:Person }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/graphkit/graph/meta> WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) FROM NAMED <https://w3id.org/graphkit/graph/meta> "
    "WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g",
    "SELECT * FROM <urn:x:none> WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a schema:Person ; rdfs:label ?l }",
    'DESCRIBE ?e WHERE { ?e rdfs:label "Vladimir Putin" }',
    "SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) ('a'@en <urn:b>) } }",
]


def _same(answer: _sparql.Answer) -> object:
    """An answer with its rows (and triples) in no order."""
    rows = sorted(zip(answer.rows, answer.types, strict=True), key=repr)
    triples = sorted(answer.ntriples.splitlines())
    return answer.kind, answer.variables, rows, answer.boolean, triples, answer.truncated


@pytest.mark.parametrize("sparql", QUERIES)
@pytest.mark.parametrize("graph", [None, "https://w3id.org/graphkit/graph/meta"])
def test_the_direct_and_the_checked_way_give_the_same_answer(bare, sparql, graph):
    prefixes = query._prefixes(DEFAULT_BASE)
    request = _sparql.Request(
        sparql=sparql, prefixes=prefixes, graph=graph, kinds=query._ALL_KINDS, limit=1000
    )
    plan = _sparql.direct_plan(sparql)
    assert plan is not None
    direct = _sparql._direct(bare, request, *plan)
    assert direct is not None
    assert _same(direct) == _same(_sparql._checked(bare, bare, request))


def test_the_predeclared_prefixes_are_rdflib_s_and_vocab_s_in_their_order():
    """query spells them out (no rdflib); they stay what they were: rdflib's four, then vocab's."""
    for base in (DEFAULT_BASE, "https://example.org/kg/"):
        vocabularies = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS}
        expected = {**vocabularies, **vocab.namespaces(base)}
        assert query._prefixes(base) == {p: str(ns) for p, ns in expected.items()}
        assert list(query._prefixes(base)) == list(expected)
    with pytest.raises(GraphkitError, match="base IRI"):
        query.run(ox.Store(), "ASK {}", base="not an iri")
    answer = query.run(ox.Store(), "ASK { ?s ?p ?o }", timeout=None)
    assert json.loads(answer.serialize("json")) == {"head": {}, "boolean": False}
