"""One read-only SPARQL query answered offline: parsed, checked, then run by Oxigraph or rdflib.

`answer` is what the sandbox child runs. It refuses updates and SERVICE, and it gives both
engines the query's dataset explicitly (FROM and FROM NAMED name graphs of the dataset, never
documents to fetch), so neither engine ever opens a file or a URL for a query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.evaluate import evalPart
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query, QueryContext

from graphkit import graph as _graph
from graphkit.errors import QueryError

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
"""An RDF term of an answer, as pyoxigraph makes it (whichever store answered)."""

SERVICE_REFUSED = "SERVICE is refused: graphkit never sends a query off this machine"


@dataclass(frozen=True, slots=True)
class Request:
    """A query and how to run it: its predeclared prefixes, target graph, kinds and row cap."""

    sparql: str
    prefixes: Mapping[str, str]
    graph: str | None
    kinds: frozenset[str]
    limit: int | None


@dataclass(frozen=True, slots=True)
class Answer:
    """What a query gives, in plain strings (they pickle fast): rows, a boolean or triples.

    SELECT: `variables`, `rows` of values and `types` of the same shape (see query.Rows).
    ASK: `boolean`. CONSTRUCT and DESCRIBE: `ntriples` holding `count` distinct triples.
    """

    kind: str
    truncated: bool = False
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    types: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    ntriples: str = ""
    count: int = 0


def answer(dataset: Dataset, request: Request) -> Answer:
    """Parse and check `request.sparql`, then evaluate it over `dataset`."""
    if _says_service(request.sparql):
        raise QueryError(SERVICE_REFUSED)
    query = _parse(request.sparql, request.prefixes)
    if any(part.name == "ServiceGraphPattern" for part in _parts(query.algebra)):
        raise QueryError(SERVICE_REFUSED)
    kind = query.algebra.name.removesuffix("Query").upper()
    if kind not in request.kinds:
        raise QueryError(f"{kind} queries give a graph, not rows: run them with query.run")
    default, named = _query_dataset(query.algebra.datasetClause or (), request.graph)
    store = _graph._oxigraph(dataset)
    try:
        if store is not None:
            return _oxigraph(store, request, kind, default, named)
        return _rdflib(dataset, query, request.limit, default, named)
    except QueryError:
        raise
    except Exception as error:  # evaluation errors surface as assorted types
        raise QueryError(f"query failed: {error}") from error


def _parse(sparql: str, prefixes: Mapping[str, str]) -> Query:
    try:
        return prepareQuery(sparql, initNs=prefixes)  # rdflib's parser: clear errors, no updates
    except ParseException as error:
        if _is_update(sparql):
            raise QueryError(
                "update queries are refused: graphkit queries are read-only"
            ) from error
        raise QueryError(f"SPARQL syntax error: {error}") from error
    except Exception as error:  # rdflib's algebra raises bare exceptions on bad queries
        raise QueryError(f"bad SPARQL query: {error}") from error


def _is_update(sparql: str) -> bool:
    try:
        parseUpdate(sparql)
    except Exception:
        return False
    return True


# The text check backs up the parsed one: Oxigraph parses the query again, and a query the two
# parsers read differently must not reach Oxigraph's SERVICE client. Strings, IRIs and comments
# are blanked, then a SERVICE keyword (not a prefixed name, variable or language tag) refuses.
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n\r]*',
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$@.\-])SERVICE(?![\w:.\-])", re.IGNORECASE)


def _says_service(sparql: str) -> bool:
    """Whether the text holds the SERVICE keyword outside strings, IRIs and comments.

    >>> _says_service('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }')
    True
    >>> _says_service('SELECT ?service { ?service ex:service "SERVICE" } # SERVICE')
    False
    """
    expanded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return _SERVICE.search(_OPAQUE.sub(" ", expanded)) is not None


def _parts(node: object) -> Iterator[CompValue]:
    """Every algebra node under `node`, sub-queries and EXISTS filters included."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def _query_dataset(
    clauses: Iterable[CompValue], graph: str | None
) -> tuple[list[str] | None, list[str] | None]:
    """The default graph(s) and the named graphs to query; None is all (the union for default).

    FROM and FROM NAMED name graphs of the dataset (SPARQL 1.1 §13.2); a query with either
    clause sees only the graphs it names. `graph` (the caller's choice) replaces the FROM
    graphs, as the SPARQL protocol's default-graph-uri does.
    """
    clauses = list(clauses)
    default = [str(c["default"]) for c in clauses if "default" in c]  # CompValue.get differs
    named = [str(c["named"]) for c in clauses if "named" in c]
    if graph is not None:
        return [graph], named if clauses else None
    if clauses:
        return default, named
    return None, None


def _capped(items: Iterable[Any], limit: int | None) -> tuple[list[Any], bool]:
    """The first `limit` items, and whether any were left out."""
    if limit is None:
        return list(items), False
    kept: list[Any] = []
    for item in items:
        if len(kept) == limit:
            return kept, True
        kept.append(item)
    return kept, False


def _oxigraph(
    store: ox.Store,
    request: Request,
    kind: str,
    default: list[str] | None,
    named: list[str] | None,
) -> Answer:
    options: dict[str, Any] = {"prefixes": dict(request.prefixes)}
    if default is None:
        options["use_default_graph_as_union"] = True
    else:  # overrides the query's own FROM, so both engines read one dataset the same way
        options["default_graph"] = [ox.NamedNode(iri) for iri in default]
    if named is not None:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named]
    result = store.query(request.sparql, **options)
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        return _solutions(kind, variables, (tuple(s) for s in result), request.limit)
    return _triples(kind, result, request.limit)


def _rdflib(
    dataset: Dataset,
    query: Query,
    limit: int | None,
    default: list[str] | None,
    named: list[str] | None,
) -> Answer:
    """Evaluate with rdflib's engine, given the dataset: its own FROM handling fetches URLs."""
    view = dataset if named is None else _named_graphs(dataset, named)
    context = QueryContext(view, initBindings={})
    if default is not None:
        context.graph = _default_graph(dataset, default)
    context.prologue = query.prologue
    result = evalPart(context, query.algebra)
    kind = result["type_"]
    if kind == "ASK":
        return Answer("ASK", boolean=bool(result["askAnswer"]))
    if kind == "SELECT":
        names = list(result["vars_"])
        rows = (tuple(_term(b.get(name)) for name in names) for b in result["bindings"])
        return _solutions(kind, tuple(str(name) for name in names), rows, limit)
    triples = (ox.Triple(*(_term(node) for node in spo)) for spo in result["graph"])
    return _triples(kind, triples, limit)


def _solutions(
    kind: str, variables: tuple[str, ...], rows: Iterable[tuple[Any, ...]], limit: int | None
) -> Answer:
    """Rows of terms as rows of values and of types; equal strings shared (one pickle each)."""
    kept, truncated = _capped(rows, limit)
    pool: dict[str, str] = {}

    def shared(text: str) -> str:
        return pool.setdefault(text, text)

    values, types = [], []
    for row in kept:
        values.append(tuple(None if t is None else shared(value_of(t)) for t in row))
        types.append(tuple(None if t is None else shared(type_of(t)) for t in row))
    return Answer(kind, truncated, variables, tuple(values), tuple(types))


def _triples(kind: str, triples: Iterable[ox.Triple], limit: int | None) -> Answer:
    kept, truncated = _capped(_distinct(triples), limit)
    data = ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return Answer(kind, truncated, ntriples=data.decode("utf-8"), count=len(kept))


def _distinct(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for triple in triples:
        if triple not in seen:
            seen.add(triple)
            yield triple


def value_of(term: Term) -> str:
    """A term as a plain string: an IRI, a literal's lexical form, a blank node's label."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def type_of(term: Term) -> str:
    """What query.Rows.types holds for a term (see there)."""
    if isinstance(term, ox.NamedNode):
        return "uri"
    if isinstance(term, ox.BlankNode):
        return "bnode"
    if isinstance(term, ox.Triple):
        return "triple"
    return f"@{term.language}" if term.language else term.datatype.value


def _view(dataset: Dataset, iri: str) -> Graph:
    return Graph(store=dataset.store, identifier=URIRef(iri))


def _default_graph(dataset: Dataset, iris: list[str]) -> Graph:
    """The RDF merge of the named graphs `iris`; one that is not in the dataset is empty."""
    if len(iris) == 1:
        return _view(dataset, iris[0])
    merged = Graph()
    for iri in iris:
        merged += _view(dataset, iri)
    return merged


def _named_graphs(dataset: Dataset, iris: list[str]) -> Dataset:
    """A dataset holding copies of the graphs `iris` that `dataset` has (for GRAPH patterns)."""
    named = Dataset()
    for iri in iris:
        source = _view(dataset, iri)
        if len(source):
            target = named.graph(URIRef(iri))
            target += source
    return named


def _term(node: object) -> Any:
    """An rdflib term as pyoxigraph's (None stays None, for an unbound variable)."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = None if node.datatype is None else ox.NamedNode(str(node.datatype))
        return ox.Literal(str(node), datatype=datatype)
    raise QueryError(f"query gave a value that is not an RDF term: {node!r}")
