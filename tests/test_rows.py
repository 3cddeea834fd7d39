"""Rows' text: the N-Quads Oxigraph writes, and Turtle that Oxigraph and rdflib read back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from graphkit import rows
from graphkit.graph import prefixes
from graphkit.rows import Row, Turtle

BASE = "https://w3id.org/graphkit/"
XSD = "http://www.w3.org/2001/XMLSchema#"
HOSTILE = [
    "".join(map(chr, range(0x20))) + '\x7f"\\',  # every character N-Quads escapes
    'she said "no" \\ then\nleft\r',
    "Zelenskyy’s \u2028 line \u2029 and 😀, São Tomé, 東京",
    "",
    "ends with a backslash \\",
]
IRIS = [
    BASE + "entity/vladimir_putin",
    BASE + "entity/47th_president",  # a local part may start with a digit
    BASE + "entity/a-b",  # Turtle allows "-", but not after a prefix here: written whole
    BASE + "entity/a.b",
    BASE + "entity/é",
    BASE + "entity/",  # an empty local part
    BASE + "graph/facts",  # a namespace with no prefix
    "http://www.wikidata.org/entity/Q148",
    "https://example.org/path?query=1#frag",
]


def hostile_rows() -> list[Row]:
    graph = BASE + "doc/1"
    made: list[Row] = []
    for i, iri in enumerate(IRIS):
        subject = BASE + f"statement/{i:04x}"
        made.append((subject, BASE + "ns#subject", iri, None, graph))
        made.append((iri, "http://www.w3.org/2000/01/rdf-schema#label", f"label {i}", "", graph))
    for i, text in enumerate(HOSTILE):
        subject = BASE + f"statement/{i:04x}"
        made.append((subject, BASE + "ns#sentence", text, "", BASE + "graph/meta"))
        made.append((subject, BASE + "ns#start", str(i), XSD + "integer", BASE + "graph/meta"))
        made.append((subject, BASE + "ns#when", "2024-02", XSD + "gYearMonth", graph))
    return made


def as_quad(row: Row) -> ox.Quad:
    s, p, o, kind, g = row
    if kind is None:
        obj: ox.NamedNode | ox.Literal = ox.NamedNode(o)
    else:
        obj = ox.Literal(o, datatype=ox.NamedNode(kind) if kind else None)
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.NamedNode(g))


def test_nquads_are_the_lines_oxigraph_writes() -> None:
    # a kept graph's add compares these lines with those an earlier build wrote (store.patch)
    made = hostile_rows()
    written = ox.serialize([as_quad(row) for row in made], format=ox.RdfFormat.N_QUADS)
    assert rows.nquads(made) == written
    assert set(ox.parse(rows.nquads(made), format=ox.RdfFormat.N_QUADS)) == set(map(as_quad, made))


@pytest.mark.parametrize("names", [Turtle.NAMES, 2])  # 2: the names let go again and again
def test_turtle_reads_back_as_the_same_quads_in_oxigraph_and_rdflib(
    names: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Turtle, "NAMES", names)
    made = hostile_rows()
    declared = prefixes(BASE)
    turtle = Turtle(declared)
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in declared.items()).encode()
    parts: dict[str, list[Row]] = {}
    for row in made:
        parts.setdefault(row[4], []).append(row)
    blocks = [(turtle.block(g), turtle.triples(part)) for g, part in parts.items()]
    trig = header + b"".join(head + triples + tail for (head, tail), triples in blocks)
    assert set(ox.parse(trig, format=ox.RdfFormat.TRIG)) == set(map(as_quad, made))
    dataset = rdflib.Dataset()
    dataset.parse(data=trig, format="trig")
    expected = {tuple(str(term.value) for term in quad) for quad in map(as_quad, made)}
    assert {tuple(map(str, quad)) for quad in dataset.quads()} == expected
    union = header + turtle.triples(made)
    triples = {(q.subject, q.predicate, q.object) for q in map(as_quad, made)}
    assert {
        (q.subject, q.predicate, q.object) for q in ox.parse(union, format=ox.RdfFormat.TURTLE)
    } == triples


def test_turtle_shortens_plain_local_parts_only() -> None:
    turtle = Turtle(prefixes(BASE))
    assert turtle.name(BASE + "entity/vladimir_putin") == "ent:vladimir_putin"
    assert turtle.name(XSD + "integer") == "xsd:integer"
    for iri in IRIS[2:7]:
        assert turtle.name(iri) == f"<{iri}>"
