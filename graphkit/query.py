"""Query: read-only SPARQL over a built graph, with W3C JSON/CSV and table renderings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyparsing import ParseException
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from graphkit.config import DEFAULT_BASE
from graphkit.errors import QueryError
from graphkit.vocab import namespaces

if TYPE_CHECKING:
    import pandas

FACTS_QUERY = """SELECT ?subject ?relation ?object ?doc WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      prov:wasDerivedFrom ?doc .
  ?s rdfs:label ?subject . ?p rdfs:label ?relation .
  OPTIONAL { ?o rdfs:label ?olabel } BIND(COALESCE(?olabel, STR(?o)) AS ?object) }"""
"""The contract query of the README: every extracted fact with its labels and source."""


@dataclass(frozen=True, slots=True)
class Rows:
    """The answer to a SELECT or ASK query: variable names and rows of plain strings."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    result: Result

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

    def to_json(self) -> str:
        """Serialise in the W3C SPARQL 1.1 Query Results JSON format."""
        return _serialise(self.result, "json")

    def to_csv(self) -> str:
        """Serialise in the W3C SPARQL 1.1 Query Results CSV format (ASK: one "ask" column)."""
        if self.result.type == "ASK":
            return f"ask\r\n{self.rows[0][0]}\r\n"
        return _serialise(self.result, "csv")

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
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)


def select(
    dataset: Dataset, sparql: str, *, graph: URIRef | None = None, base: str = DEFAULT_BASE
) -> Rows:
    """Run a read-only query (SELECT or ASK) over the union of all graphs, or one named graph.

    The prefixes rdf, rdfs, xsd, skos, prov, schema, gk, ent, rel and doc are predeclared.
    """
    vocabularies = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, **namespaces(base)}
    prefixes = {prefix: str(namespace) for prefix, namespace in vocabularies.items()}
    try:
        prepareQuery(sparql, initNs=prefixes)  # rdflib's parser: clear errors, updates refused
    except ParseException as error:
        if _is_update(sparql):
            raise QueryError(
                "update queries are refused: graphkit queries are read-only"
            ) from error
        raise QueryError(f"SPARQL syntax error: {error}") from error
    except Exception as error:  # rdflib's algebra raises bare exceptions on bad queries
        raise QueryError(f"bad SPARQL query: {error}") from error
    target = dataset.graph(graph) if graph is not None else dataset
    try:  # the text, not `prepared`: a store with its own engine (Oxigraph) runs it natively
        result = target.query(sparql, initNs=prefixes)
    except Exception as error:  # evaluation errors surface as assorted types
        raise QueryError(f"query failed: {error}") from error
    if result.type == "ASK":
        return Rows(
            variables=("ask",), rows=((str(bool(result.askAnswer)).lower(),),), result=result
        )
    if result.type != "SELECT":
        raise QueryError(f"{result.type} queries are not supported: use SELECT or ASK")
    variables = tuple(str(v) for v in result.vars or ())
    rows = tuple(
        tuple(None if value is None else str(value) for value in row)  # type: ignore[union-attr]
        for row in result
    )
    return Rows(variables=variables, rows=rows, result=result)


def facts(dataset: Dataset) -> Rows:
    """Run the README's contract query: every fact with its labels and source article."""
    return select(dataset, FACTS_QUERY)


def _is_update(sparql: str) -> bool:
    try:
        parseUpdate(sparql)
    except ParseException:
        return False
    return True


def _serialise(result: Result, fmt: str) -> str:
    data = result.serialize(format=fmt)
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def _clip(value: str | None, width: int) -> str:
    text = "" if value is None else " ".join(value.split())
    return text if len(text) <= width else text[: width - 1] + "…"
