r"""One read-only SPARQL query answered offline: checked, then run by Oxigraph or rdflib.

`answer` is what the sandbox child runs. It refuses updates and SERVICE, and neither engine
ever opens a file or a URL for a query: FROM and FROM NAMED name graphs of the dataset. A query
goes one of two ways, with the same answers:

- Straight to Oxigraph, without rdflib, when the query's text cannot spell SERVICE at all: no
  "service" in any case, in compatibility forms (NFKC) or behind a \u escape, so whatever
  Oxigraph's parser reads, it reads no SERVICE keyword. A scan of the tokens finds the query
  form and whether the query has FROM (Oxigraph then takes the dataset from the query, as
  graphs of its store; else the default graph is the union of all graphs). A scan that is not
  sure of either, and any query Oxigraph's parser rejects, goes the second way.
- Checked by rdflib's parser first (and any rdflib store's query): updates and syntax errors are
  refused in its words, its algebra and the text are checked for SERVICE, and the dataset
  clauses are handed to the engine explicitly (rdflib's own FROM handling fetches URLs).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graphkit.errors import QueryError

if TYPE_CHECKING:  # rdflib loads only for the checked way: reading a store needs none of it
    from rdflib import Dataset, Graph
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query

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


def answer(source: Dataset | ox.Store, request: Request) -> Answer:
    """Check `request.sparql`, then evaluate it over `source`: a Dataset or an Oxigraph store."""
    store = source if isinstance(source, ox.Store) else _store_of(source)
    try:
        plan = None if store is None else direct_plan(request.sparql)
        direct = None if plan is None or store is None else _direct(store, request, *plan)
        return _checked(source, store, request) if direct is None else direct
    except QueryError:
        raise
    except Exception as error:  # evaluation errors surface as assorted types
        raise QueryError(f"query failed: {error}") from error


def _store_of(dataset: Dataset) -> ox.Store | None:
    from graphkit import graph  # rdflib is loaded already: `dataset` is an rdflib Dataset

    return graph._oxigraph(dataset)


def _direct(store: ox.Store, request: Request, form: str, has_from: bool) -> Answer | None:
    """Oxigraph's answer, None when its parser rejects the query (the checked way says why)."""
    options: dict[str, Any] = {"prefixes": dict(request.prefixes)}
    if request.graph is not None:  # replaces FROM and keeps FROM NAMED, as _query_dataset does
        options["default_graph"] = [ox.NamedNode(request.graph)]
    elif not has_from:
        options["use_default_graph_as_union"] = True
    try:
        result = store.query(request.sparql, **options)  # parses; rows and triples come lazily
    except SyntaxError:
        return None
    if isinstance(result, ox.QueryTriples) != (form in ("CONSTRUCT", "DESCRIBE")):
        return None  # the scan misread the form: never seen, but the checked way is exact
    kind = {ox.QuerySolutions: "SELECT", ox.QueryBoolean: "ASK"}.get(type(result), form)
    if kind not in request.kinds:
        raise QueryError(f"{kind} queries give a graph, not rows: run them with query.run")
    return _results(result, kind, request.limit)


def _checked(source: Dataset | ox.Store, store: ox.Store | None, request: Request) -> Answer:
    """Parse with rdflib, check, then evaluate: the way every query went before the direct one."""
    if _says_service(request.sparql):
        raise QueryError(SERVICE_REFUSED)
    query = _parse(request.sparql, request.prefixes)
    if any(part.name == "ServiceGraphPattern" for part in _parts(query.algebra)):
        raise QueryError(SERVICE_REFUSED)
    kind = query.algebra.name.removesuffix("Query").upper()
    if kind not in request.kinds:
        raise QueryError(f"{kind} queries give a graph, not rows: run them with query.run")
    default, named = _query_dataset(query.algebra.datasetClause or (), request.graph)
    if store is not None:
        return _oxigraph(store, request, kind, default, named)
    assert not isinstance(source, ox.Store)
    return _rdflib(source, query, request.limit, default, named)


# The direct way's scan. SPARQL's tokens, in the order a tokenizer tries them; a query whose
# text is not all tokens goes the checked way. Only bare words and prefixes can be keywords:
# the rest (strings, IRIs, comments, variables, local names...) cannot hold FROM or a form.
_NAME = r"[\w\u00B7\u0300-\u036F\u203F\u2040]"
_LABEL = r"[\w\-\u00B7\u0300-\u036F\u203F\u2040]"
_LOCAL = r"(?:[\w:\-\u00B7\u0300-\u036F\u203F\u2040]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_TOKEN = re.compile(
    r"[ \t\r\n]+|#[^\r\n\x0b\x0c\x85\u2028\u2029]*"  # (a comment ends at any line break)
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\r\n]|\\.)*"|\'(?:[^\'\\\r\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
    rf"|[?$]{_NAME}+|@[A-Za-z]+(?:-[A-Za-z0-9]+)*|_:{_LABEL}+(?:\.+{_LABEL}+)*"
    rf"|(?P<prefix>(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?):(?P<local>{_LOCAL}+(?:\.+{_LOCAL}+)*)?"
    r"|(?P<word>[A-Za-z][A-Za-z0-9_]*)"
    r"|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?"
    r"|\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*/+\-!=<>|^?]",
    re.DOTALL,
)
_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})


def direct_plan(sparql: str) -> tuple[str, bool] | None:
    """The query's form and whether it has FROM, if it may go straight to Oxigraph; else None.

    None when the text could spell SERVICE anywhere, holds something that is not a SPARQL token,
    or spells "from" where a misread could hide the keyword (a prefix, a glued word, a name
    with dots or escapes).

    >>> direct_plan('SELECT ?from WHERE { ?s rel:come_from ?from } # FROM')
    ('SELECT', False)
    >>> direct_plan('PREFIX : <x:> ASK FROM <x:g> { ?s ?p "service" }') is None
    True
    """
    if could_spell(sparql, "service"):
        return None
    form, has_from, at = None, False, 0
    while at < len(sparql):
        token = _TOKEN.match(sparql, at)
        if token is None:
            return None
        at = token.end()
        word, prefix, local = token.group("word", "prefix", "local")
        keyword = (word or "").upper()
        if keyword == "FROM":
            has_from = True
        elif could_spell(word or prefix or "", "from") or (
            local and could_spell(local, "from") and any(c in local for c in ".%\\")
        ):
            return None
        elif form is None and keyword in _FORMS:
            form = keyword
    return None if form is None else (form, has_from)


def could_spell(text: str, word: str) -> bool:
    r"""Whether a SPARQL parser could read lower-case ASCII `word` in `text`, in any case.

    Compatibility forms (fullwidth letters, the long s) and case mappings that reach ASCII
    (dotless i) count, and so does any \u or \U escape, whatever it stands for.

    >>> could_spell("sErViCe", "service"), could_spell("ＳＥＲＶＩＣＥ", "service")
    (True, True)
    >>> could_spell("?serve ?ice", "service")
    False
    """
    if "\\u" in text or "\\U" in text:
        return True
    if text.isascii():
        return word in text.lower()
    forms = (text, unicodedata.normalize("NFKC", text))
    return any(word in f.casefold() or word in f.upper().lower() for f in forms)


def _parse(sparql: str, prefixes: Mapping[str, str]) -> Query:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

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
    from rdflib.plugins.sparql.parser import parseUpdate

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
    from rdflib.plugins.sparql.parserutils import CompValue

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
    return _results(store.query(request.sparql, **options), kind, request.limit)


def _results(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, kind: str, limit: int | None
) -> Answer:
    """Oxigraph's answer in plain strings, cut at `limit` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        return _solutions(kind, variables, (tuple(s) for s in result), limit)
    return _triples(kind, result, limit)


def _rdflib(
    dataset: Dataset,
    query: Query,
    limit: int | None,
    default: list[str] | None,
    named: list[str] | None,
) -> Answer:
    """Evaluate with rdflib's engine, given the dataset: its own FROM handling fetches URLs."""
    from rdflib.plugins.sparql.evaluate import evalPart
    from rdflib.plugins.sparql.sparql import QueryContext

    view = dataset if named is None else _named_graphs(dataset, named)
    context = QueryContext(view, initBindings={})
    if default is not None:
        context.graph = _default_graph(dataset, default)
    context.prologue = query.prologue
    result = evalPart(context, query.algebra)
    kind = result["type_"]
    _term = _to_oxigraph()
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
    from rdflib import Graph, URIRef

    return Graph(store=dataset.store, identifier=URIRef(iri))


def _default_graph(dataset: Dataset, iris: list[str]) -> Graph:
    """The RDF merge of the named graphs `iris`; one that is not in the dataset is empty."""
    from rdflib import Graph

    if len(iris) == 1:
        return _view(dataset, iris[0])
    merged = Graph()
    for iri in iris:
        merged += _view(dataset, iri)
    return merged


def _named_graphs(dataset: Dataset, iris: list[str]) -> Dataset:
    """A dataset holding copies of the graphs `iris` that `dataset` has (for GRAPH patterns)."""
    from rdflib import Dataset, URIRef

    named = Dataset()
    for iri in iris:
        source = _view(dataset, iri)
        if len(source):
            target = named.graph(URIRef(iri))
            target += source
    return named


def _to_oxigraph() -> Callable[[object], Any]:
    """The converter of rdflib terms to pyoxigraph's (rdflib imported once, not per term)."""
    from rdflib import BNode, Literal, URIRef

    def term(node: object) -> Any:
        if node is None:  # an unbound variable
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

    return term
