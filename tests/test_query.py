"""Query: the README's contract query, read-only enforcement, and the W3C result formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from conftest import bound

from graphkit import query
from graphkit.errors import QueryError
from graphkit.graph import _oxigraph
from graphkit.vocab import document_iri


def oxigraph_results(dataset, sparql: str, fmt: ox.QueryResultsFormat) -> bytes:
    """A SELECT query's solutions as Oxigraph's own writer gives them."""
    store = _oxigraph(dataset)
    assert store is not None, "the graph is not in Oxigraph"
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    data = solutions.serialize(format=fmt)
    assert data is not None  # no output given: the bytes are returned
    return data


def test_contract_query_lists_every_statement_with_labels_and_source(seed_dataset, seed_build):
    rows = query.facts(seed_dataset).as_dicts()
    statements = query.select(
        seed_dataset, "SELECT (COUNT(?st) AS ?n) WHERE { ?st a rdf:Statement }"
    ).rows[0][0]
    assert len(rows) == int(bound(statements)) > 50
    assert all(row["subject"] and row["relation"] and row["object"] for row in rows)
    docs = {row["doc"] for row in rows}
    assert len(docs) == 2
    facts = {(r["subject"], r["relation"], r["object"]) for r in rows}
    assert ("Beijing", "back", "Russia") in facts
    assert ("Donald Trump", "call on", "Vladimir Putin") in facts


def test_a_named_graph_holds_only_its_article(seed_dataset):
    doc = query.facts(seed_dataset).rows[0][3]
    rows = query.select(
        seed_dataset,
        "SELECT DISTINCT ?doc WHERE { ?st prov:wasDerivedFrom ?doc }",
        graph=document_iri(bound(doc).rsplit("/", 1)[-1]),
    )
    assert rows.rows == ((doc,),)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <a:x> <a:y> <a:z> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/graphkit/graph/meta>",
    ],
)
def test_update_queries_are_refused(seed_dataset, update):
    before = len(seed_dataset)
    with pytest.raises(QueryError, match="read-only"):
        query.select(seed_dataset, update)
    assert len(seed_dataset) == before


def test_syntax_errors_say_so(seed_dataset):
    with pytest.raises(QueryError, match="syntax"):
        query.select(seed_dataset, "SELECT ?s WHERE { ?s ")


def test_json_and_csv_follow_the_w3c_result_formats(seed_dataset):
    rows = query.select(
        seed_dataset,
        "SELECT ?label ?n WHERE { ?e rdfs:label ?label . BIND(STRLEN(?label) AS ?n) } "
        "ORDER BY ?label LIMIT 3",
    )
    data = json.loads(rows.to_json())
    assert data["head"]["vars"] == ["label", "n"]
    first = data["results"]["bindings"][0]
    assert first["label"]["type"] == "literal"
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    table = list(csv.reader(io.StringIO(rows.to_csv())))
    assert table[0] == ["label", "n"]
    assert [r[0] for r in table[1:]] == [r[0] for r in rows.rows]


def test_ask_answers_true_or_false(seed_dataset):
    yes = query.select(seed_dataset, 'ASK { ?e rdfs:label "Vladimir Putin" }')
    no = query.select(seed_dataset, 'ASK { ?e rdfs:label "Nobody At All" }')
    assert (yes.rows, no.rows) == ((("true",),), (("false",),))


def test_table_output_is_aligned_and_counts_rows(seed_dataset):
    table = query.select(
        seed_dataset, 'SELECT ?e WHERE { ?e rdfs:label "Vladimir Putin" }'
    ).to_table()
    lines = table.splitlines()
    assert lines[0].strip() == "e"
    assert lines[-1] == "(1 row)"
    assert lines[2].startswith("https://w3id.org/graphkit/entity/")


def test_json_and_csv_match_oxigraphs_own_writers(seed_dataset):
    sparql = """SELECT ?iri ?text ?lang ?n ?b ?unbound WHERE {
      VALUES (?iri ?text ?lang ?n) { (<https://e.org/x> "a, \\"b\\"\\nc" "chat"@fr 1.5) }
      BIND(BNODE() AS ?b) }"""
    rows = query.select(seed_dataset, sparql)
    expected = json.loads(oxigraph_results(seed_dataset, sparql, ox.QueryResultsFormat.JSON))
    got = json.loads(rows.to_json())
    assert got["head"] == expected["head"]
    (binding,) = got["results"]["bindings"]
    (wanted,) = expected["results"]["bindings"]
    assert binding.pop("b")["type"] == wanted.pop("b")["type"] == "bnode"  # labels differ
    assert binding == wanted
    native_csv = oxigraph_results(seed_dataset, sparql, ox.QueryResultsFormat.CSV).decode()
    expected_csv = list(csv.reader(io.StringIO(native_csv)))
    got_csv = list(csv.reader(io.StringIO(rows.to_csv())))
    assert got_csv[0] == expected_csv[0]
    assert got_csv[1][4].startswith("_:") and expected_csv[1][4].startswith("_:")
    assert got_csv[1][:4] + got_csv[1][5:] == expected_csv[1][:4] + expected_csv[1][5:]
    assert rows.types[0][:4] == (
        "uri",
        "http://www.w3.org/2001/XMLSchema#string",
        "@fr",
        "http://www.w3.org/2001/XMLSchema#decimal",
    )


def test_ask_in_json_and_csv(seed_dataset):
    rows = query.select(seed_dataset, "ASK { ?s ?p ?o }")
    assert json.loads(rows.to_json()) == {"head": {}, "boolean": True}
    assert rows.to_csv() == "ask\r\ntrue\r\n"
    assert rows.boolean is True
