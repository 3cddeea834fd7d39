"""Query: read-only SPARQL over a built graph, in a sandbox, with W3C and RDF serialisations.

Every query is sandboxed, on the Oxigraph store and on rdflib's pure-Python one alike:

- Offline. SERVICE is refused, and FROM / FROM NAMED name graphs of the dataset (an article's
  graph, say), as SPARQL's dataset semantics say: never files or URLs to fetch. A FROM naming
  no graph of the dataset gives an empty default graph. Updates (INSERT, LOAD, CLEAR...) are
  refused.
- Bounded. It runs in a forked child process, killed after `timeout` seconds or on Ctrl-C,
  and answers at most `limit` rows or triples (`truncated` says when more were cut).
  pyoxigraph evaluates in Rust, deaf to Python signals and with no cancellation in its Python
  API, so no thread could stop it. The forked child shares the in-memory store copy-on-write,
  which adds about 15 ms to a quick query. See graphkit._sandbox and graphkit._sparql.

A graph is an rdflib Dataset or a pyoxigraph Store: `open_graph` opens a build's store read-only
as the latter, so a query of a store loads no rdflib at all (it takes 0.1-0.3 s to import).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pyoxigraph as ox

from graphkit import _sandbox, _sparql
from graphkit._sparql import type_of, value_of
from graphkit.config import DEFAULT_BASE, STORE_DIR
from graphkit.errors import QueryError

if TYPE_CHECKING:
    import pandas
    from rdflib import Dataset

__all__ = [
    "FACTS_QUERY",
    "LIMIT",
    "TIMEOUT",
    "Rows",
    "Triples",
    "facts",
    "open_graph",
    "run",
    "select",
]

FACTS_QUERY = """SELECT ?subject ?relation ?object ?doc WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?subject . ?p rdfs:label ?relation .
  OPTIONAL { ?o rdfs:label ?olabel } BIND(COALESCE(?olabel, STR(?o)) AS ?object) }"""
"""The contract query of the README: every extracted fact with its labels and source."""

TIMEOUT = 30.0
"""Seconds a query may run before it is stopped."""

LIMIT = 100_000
"""Rows (or triples) a query may answer; more are cut, and the answer says so."""

_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = _XSD + "string"
_BOOLEAN = _XSD + "boolean"
_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": _XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "gk": "https://w3id.org/graphkit/ns#",
    "ent": f"{DEFAULT_BASE}entity/",
    "rel": f"{DEFAULT_BASE}rel/",
    "doc": f"{DEFAULT_BASE}doc/",
    "fact": f"{DEFAULT_BASE}fact/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}
"""The predeclared prefixes under the default base: rdflib's and graphkit.vocab.namespaces(),
spelt out so that a query needs no rdflib (tests/test_query_direct.py keeps them equal)."""
_ROW_KINDS = frozenset({"SELECT", "ASK"})
_ALL_KINDS = _ROW_KINDS | {"CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True, slots=True)
class Rows:
    """The answer to a SELECT or ASK query: variable names and rows of plain strings.

    A value is an IRI, a literal's lexical form or a blank node's label (None if unbound).
    `types` has the shape of `rows` and says what each value is: "uri", "bnode", "triple"
    (an RDF 1.2 triple term), "@" and the language of a tagged literal, or the datatype IRI of
    any other literal. `truncated` is true when rows beyond the limit were cut. ASK answers one
    "ask" row, "true" or "false", and sets `boolean`.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    types: tuple[tuple[str | None, ...], ...] = ()
    truncated: bool = False
    boolean: bool | None = None

    FORMATS: ClassVar[tuple[str, ...]] = ("table", "csv", "json")

    def __iter__(self) -> Iterator[tuple[str | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, str | None]]:
        """Return each row as a mapping from variable name to value."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def to_frame(self) -> pandas.DataFrame:
        """Return the rows as a pandas DataFrame (needs the `notebook` extra)."""
        try:
            import pandas
        except ImportError as error:
            raise QueryError("DataFrames need pandas: pip install 'graphkit[notebook]'") from error
        return pandas.DataFrame(list(self.rows), columns=list(self.variables))

    def serialize(self, fmt: str = "table") -> str:
        """Render in one of FORMATS: "table", "csv" or "json"."""
        if fmt not in self.FORMATS:
            raise QueryError(f"{fmt}: not a format for rows (expected {', '.join(self.FORMATS)})")
        return {"table": self.to_table, "csv": self.to_csv, "json": self.to_json}[fmt]()

    def to_json(self) -> str:
        """Serialise in the W3C SPARQL 1.1 Query Results JSON format."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [
            {
                name: _json(value, kind)
                for name, value, kind in zip(self.variables, row, kinds, strict=True)
                if value is not None and kind is not None
            }
            for row, kinds in zip(self.rows, self.types, strict=True)
        ]
        head = {"vars": list(self.variables)}
        return json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False)

    def to_csv(self) -> str:
        """Serialise in the W3C SPARQL 1.1 Query Results CSV format (ASK: one "ask" column)."""
        if self.boolean is not None:
            return f"ask\r\n{str(self.boolean).lower()}\r\n"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        writer.writerows(
            [_csv(value, kind) for value, kind in zip(row, kinds, strict=True)]
            for row, kinds in zip(self.rows, self.types, strict=True)
        )
        return out.getvalue()

    def to_table(self, *, max_width: int = 60) -> str:
        """Render an aligned plain-text table for a terminal."""
        cells = [[_clip(value, max_width) for value in row] for row in self.rows]
        header = list(self.variables)
        widths = [
            max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(header)
        ]
        lines = ["  ".join(name.ljust(w) for name, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in cells
        ]
        count = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        lines.append(
            f"({count}; more were cut: raise the limit)" if self.truncated else f"({count})"
        )
        return "\n".join(lines)


_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True, slots=True)
class Triples:
    """The answer to a CONSTRUCT or DESCRIBE query: a graph of distinct triples.

    `ntriples` holds them as N-Triples, one a line; `truncated` is true when triples beyond
    the limit were cut.
    """

    ntriples: str
    count: int
    truncated: bool = False
    prefixes: tuple[tuple[str, str], ...] = ()

    FORMATS: ClassVar[tuple[str, ...]] = tuple(_RDF_FORMATS)

    def __iter__(self) -> Iterator[ox.Triple]:
        for quad in ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES):
            yield quad.triple

    def __len__(self) -> int:
        return self.count

    def serialize(self, fmt: str = "ttl") -> str:
        """Write the graph as Turtle ("ttl", with graphkit's prefixes), "nt" or "jsonld"."""
        if fmt not in _RDF_FORMATS:
            raise QueryError(f"{fmt}: not a graph format (expected {', '.join(self.FORMATS)})")
        if fmt == "nt":
            return self.ntriples
        data = ox.serialize(iter(self), format=_RDF_FORMATS[fmt], prefixes=dict(self.prefixes))
        assert data is not None
        return data.decode("utf-8")


def open_graph(path: Path) -> Dataset | ox.Store:
    """The graph at `path` as `run` takes it: a build's store, else what graph.load reads.

    A build output folder with a store gives the store, opened read-only and checked against
    the manifest (graphkit.store.open_read_only): nothing is parsed and rdflib is not imported.
    Anything else is `graph.load(path)`: a graph file, or a folder without a store.
    """
    if path.is_dir() and (path / STORE_DIR).exists():  # as graph.load decides
        from graphkit import store

        database, _ = store.open_read_only(path / STORE_DIR)
        return database
    from graphkit import graph

    return graph.load(path)


def run(
    dataset: Dataset | ox.Store,
    sparql: str,
    *,
    graph: str | None = None,
    base: str = DEFAULT_BASE,
    timeout: float | None = TIMEOUT,
    limit: int | None = LIMIT,
) -> Rows | Triples:
    """Run any read-only query: SELECT and ASK give Rows, CONSTRUCT and DESCRIBE Triples.

    `dataset` is an rdflib Dataset or a pyoxigraph Store (see `open_graph`). The default graph
    is the union of all graphs; `graph` (an IRI) makes it one named graph instead
    (over any FROM of the query), FROM makes it the named graphs it lists. The prefixes rdf,
    rdfs, xsd, skos, prov, schema, gk, ent, rel and doc are predeclared. The query stops with
    QueryTimeout after `timeout` seconds (None: no time limit), or with KeyboardInterrupt on
    Ctrl-C, and answers at most `limit` rows or triples (None: all). Every other failure is a
    QueryError: a syntax error, an update, SERVICE.
    """
    return _run(dataset, sparql, graph, base, timeout, limit, _ALL_KINDS)


def select(
    dataset: Dataset | ox.Store,
    sparql: str,
    *,
    graph: str | None = None,
    base: str = DEFAULT_BASE,
    timeout: float | None = TIMEOUT,
    limit: int | None = LIMIT,
    trusted: bool = False,
) -> Rows:
    """Run a SELECT or ASK query, as `run` does, and return its rows.

    `trusted=True` is for graphkit's own fixed queries: they run in this process, whole,
    with no time limit (the checks for SERVICE and updates still apply).
    """
    if trusted:
        timeout = limit = None
    answer = _run(dataset, sparql, graph, base, timeout, limit, _ROW_KINDS, sandboxed=not trusted)
    assert isinstance(answer, Rows)
    return answer


def facts(dataset: Dataset | ox.Store, *, timeout: float | None = None) -> Rows:
    """Run the README's contract query: every fact with its labels and source article."""
    return select(dataset, FACTS_QUERY, timeout=timeout, limit=None, trusted=timeout is None)


def _run(
    dataset: Dataset | ox.Store,
    sparql: str,
    graph: str | None,
    base: str,
    timeout: float | None,
    limit: int | None,
    kinds: frozenset[str],
    *,
    sandboxed: bool = True,
) -> Rows | Triples:
    if timeout is not None and not timeout > 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout}")
    if limit is not None and limit < 0:
        raise QueryError(f"limit must be 0 or more, not {limit}")
    if timeout is not None and math.isinf(timeout):
        timeout = None
    prefixes = _prefixes(base)
    request = _sparql.Request(
        sparql=sparql,
        prefixes=prefixes,
        graph=None if graph is None else str(graph),
        kinds=kinds,
        limit=limit,
    )
    compute = functools.partial(_sparql.answer, dataset, request)
    answer = _sandbox.call(compute, timeout=timeout) if sandboxed else compute()
    if answer.kind in ("CONSTRUCT", "DESCRIBE"):
        return Triples(answer.ntriples, answer.count, answer.truncated, tuple(prefixes.items()))
    if answer.boolean is not None:
        text = str(answer.boolean).lower()
        return Rows(("ask",), ((text,),), ((_BOOLEAN,),), boolean=answer.boolean)
    return Rows(answer.variables, answer.rows, answer.types, truncated=answer.truncated)


def _prefixes(base: str) -> dict[str, str]:
    """The prefixes a query under `base` may use: graphkit.vocab's (checked) for another base."""
    if base == DEFAULT_BASE:
        return dict(_PREFIXES)
    from graphkit.vocab import namespaces

    core = {prefix: _PREFIXES[prefix] for prefix in ("rdf", "rdfs", "xsd", "skos")}
    return {**core, **{prefix: str(iri) for prefix, iri in namespaces(base).items()}}


def _json(value: str, kind: str) -> dict[str, object]:
    """A value in the W3C JSON results format (SPARQL 1.2's "triple" for triple terms)."""
    if kind == "uri":
        return {"type": "uri", "value": value}
    if kind == "bnode":
        return {"type": "bnode", "value": value}
    if kind == "triple":
        (quad,) = ox.parse(f"{value} .", format=ox.RdfFormat.N_TRIPLES)
        triple = quad.triple
        parts = {"subject": triple.subject, "predicate": triple.predicate, "object": triple.object}
        return {
            "type": "triple",
            "value": {k: _json(value_of(t), type_of(t)) for k, t in parts.items()},
        }
    out: dict[str, object] = {"type": "literal", "value": value}
    if kind.startswith("@"):
        out["xml:lang"] = kind[1:]
    elif kind != _STRING:
        out["datatype"] = kind
    return out


def _csv(value: str | None, kind: str | None) -> str:
    """A value in the W3C CSV results format: blank nodes as _:label, the rest as they are."""
    if value is None:
        return ""
    return f"_:{value}" if kind == "bnode" else value


def _clip(value: str | None, width: int) -> str:
    text = "" if value is None else " ".join(value.split())
    return text if len(text) <= width else text[: width - 1] + "…"
