"""A SPARQL endpoint: a built graph served over the SPARQL 1.1 Protocol, read-only.

Which server, and why: Oxigraph's own (`oxigraph serve-read-only`, 0.5.13 tried on this
store) stops a query after `--timeout-s`, but answers it HTTP 200 with the results cut off
mid-stream by an error text; it has no row cap, and it answers SERVICE by fetching other
endpoints. graphkit promises a clean time limit, a stated row cap and no fetching for every
query (see graphkit.query), so the endpoint is a Starlette app served by uvicorn (maintained
ASGI projects) in front of pyoxigraph, and each query goes through `graphkit.query.run`: the
sandbox of `graphkit query` (a forked child, killed at the deadline), the row cap, SERVICE and
updates refused, the same predeclared prefixes, the union of all graphs as default graph.

Routes:
    GET, POST /sparql  the Protocol's query operation: `query=` in the URL or a form, or an
                       `application/sparql-query` body; `default-graph-uri` at most once.
    GET /              a small query page (no script from elsewhere).
    GET /map           the build's map, OUT/graph.html.

Answers by content negotiation (Accept): SELECT and ASK as W3C SPARQL JSON (the default),
CSV, TSV or XML; CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples, JSON-LD or
RDF/XML. Every answer states its bounds in headers: Graphkit-Row-Limit, Graphkit-Truncated
(true when rows were cut) and Graphkit-Timeout (seconds). Errors are one line of text/plain:
400 a bad query (an update sent as a query included), 403 an update request, 406 no acceptable
format, 503 a query stopped at its time limit.
"""

from __future__ import annotations

import functools
import html
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import anyio
import pyoxigraph as ox
import uvicorn
from rdflib import Dataset, URIRef
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from graphkit import graph, outputs, query
from graphkit.errors import GraphkitError, InputError, QueryError, QueryTimeout

HOST = "127.0.0.1"
PORT = 7878
MAX_BODY = 1 << 20
"""Bytes a POSTed query may have; a longer one is refused with 413."""

_ROWS = {  # media type → the W3C results format that Rows or pyoxigraph writes
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
}
_GRAPHS = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",  # what rdflib's SPARQLStore and Jena ask a CONSTRUCT for
}
_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "xml": "application/sparql-results+xml",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_OXIGRAPH_RESULTS = {"tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
_UPDATE_REFUSED = "updates are refused: this endpoint is read-only"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The graph a server answers from, and the bounds every query runs under."""

    dataset: Dataset
    timeout: float
    limit: int
    map_page: Path | None = None
    workers: int = max(2, os.cpu_count() or 1)
    """Queries run at once (each a forked process); more wait their turn."""


def app(endpoint: Endpoint) -> Starlette:
    """The ASGI application serving `endpoint`: /sparql, the query page at / and /map."""
    limiter = anyio.CapacityLimiter(endpoint.workers)

    async def sparql(request: Request) -> Response:
        try:
            text, default_graph = await _query_of(request)
            answer = await anyio.to_thread.run_sync(
                functools.partial(
                    query.run,
                    endpoint.dataset,
                    text,
                    graph=default_graph,
                    timeout=endpoint.timeout,
                    limit=endpoint.limit,
                ),
                limiter=limiter,
            )
            return _respond(answer, request.headers.get("accept", ""), endpoint)
        except _Refused as refused:
            return _error(refused.status, str(refused))
        except QueryTimeout as error:
            return _error(503, str(error))
        except QueryError as error:
            return _error(400, str(error))
        except GraphkitError as error:
            return _error(500, str(error))

    async def page(request: Request) -> Response:
        return HTMLResponse(_page(endpoint), headers={"Content-Security-Policy": _PAGE_POLICY})

    async def map_page(request: Request) -> Response:
        if endpoint.map_page is None:
            return _error(404, "no map: GRAPH is not a build folder with graph.html")
        return FileResponse(endpoint.map_page, media_type="text/html; charset=utf-8")

    return Starlette(
        routes=[
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/", page, methods=["GET"]),
            Route("/map", map_page, methods=["GET"]),
        ]
    )


def open_endpoint(path: Path, *, timeout: float, limit: int) -> Endpoint:
    """The endpoint of a graph file or build folder (its store read-only when there is one)."""
    dataset = graph.load(path)
    page = path / "graph.html" if path.is_dir() else None
    if page is not None and page.is_file():
        outputs.verify(page)
    else:
        page = None
    return Endpoint(dataset=dataset, timeout=timeout, limit=limit, map_page=page)


def run(
    path: Path,
    *,
    host: str = HOST,
    port: int = PORT,
    timeout: float = query.TIMEOUT,
    limit: int = query.LIMIT,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the graph at `path` on host:port until interrupted (port 0: any free port).

    `ready` is told, in one line, where the server listens once it does.
    """
    endpoint = open_endpoint(path, timeout=timeout, limit=limit)
    listener = _listen(host, port)
    server = uvicorn.Server(
        uvicorn.Config(
            app(endpoint), log_level="warning", access_log=False, timeout_graceful_shutdown=2
        )
    )
    if ready is not None:
        bound_host, bound_port = listener.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        url = f"http://{shown}:{bound_port}/"
        ready(f"serving {path} at {url} (SPARQL endpoint: {url}sparql; Ctrl-C stops)")
    server.run(sockets=[listener])


class _Refused(Exception):
    """A request the endpoint answers with `status` and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


async def _query_of(request: Request) -> tuple[str, URIRef | None]:
    """The query text and default graph of a Protocol request (GET, form POST or direct POST)."""
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request)
        if kind == "application/sparql-update":
            raise _Refused(403, _UPDATE_REFUSED)
        if kind == "application/sparql-query":
            params["query"] = [*params.get("query", []), body]
        elif kind == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params[key] = [*params.get(key, []), *values]
        else:
            raise _Refused(
                415,
                f"{kind or 'no content type'}: POST a form (application/x-www-form-urlencoded) "
                "or application/sparql-query",
            )
    if "update" in params:
        raise _Refused(403, _UPDATE_REFUSED)
    texts = params.get("query", [])
    if len(texts) != 1:
        raise _Refused(
            400, "give one query: query= in the URL or a form, or an application/sparql-query body"
        )
    if params.get("named-graph-uri"):
        raise _Refused(400, "named-graph-uri is not supported: use FROM NAMED in the query")
    defaults = params.get("default-graph-uri", [])
    if len(defaults) > 1:
        raise _Refused(400, "default-graph-uri: give one graph at most (or FROM in the query)")
    return texts[0], URIRef(defaults[0]) if defaults else None


async def _body(request: Request) -> str:
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise _Refused(413, f"request body over {MAX_BODY} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "request body is not UTF-8") from None


def _respond(answer: query.Rows | query.Triples, accept: str, endpoint: Endpoint) -> Response:
    """The answer in the format the client accepts best, with the bounds it ran under."""
    offered = _ROWS if isinstance(answer, query.Rows) else _GRAPHS
    fmt = negotiate(accept, offered, default=next(iter(offered.values())))
    if fmt is None:
        wanted = ", ".join(dict.fromkeys(_TYPES[f].split(";")[0] for f in offered.values()))
        return _error(406, f"{accept}: not acceptable for this answer (offered: {wanted})")
    if fmt in _OXIGRAPH_RESULTS:  # TSV and XML: Oxigraph's writers, fed the JSON answer
        solutions = ox.parse_query_results(
            answer.serialize("json"), format=ox.QueryResultsFormat.JSON
        )
        body: str | bytes = solutions.serialize(format=_OXIGRAPH_RESULTS[fmt]) or b""
    elif fmt == "rdfxml" and isinstance(answer, query.Triples):
        body = ox.serialize(iter(answer), format=ox.RdfFormat.RDF_XML) or b""
    else:
        body = answer.serialize(fmt)
    headers = {
        "Graphkit-Row-Limit": str(endpoint.limit),
        "Graphkit-Truncated": "true" if answer.truncated else "false",
        "Graphkit-Timeout": f"{endpoint.timeout:g}",
        "Vary": "Accept",
    }
    return Response(body, media_type=_TYPES[fmt], headers=headers)


def negotiate(accept: str, offered: dict[str, str], *, default: str) -> str | None:
    """The format of the media type in `offered` that the Accept header `accept` ranks best.

    Ranked by q (1 if absent), then by order in the header; `*/*` and `type/*` take the
    default or the first offered of that type; no header at all takes the default. None when
    nothing offered is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", _ROWS, default="json")
    'xml'
    >>> negotiate("text/html", _ROWS, default="json") is None
    True
    """
    if not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        media, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media in offered:
            return offered[media]
        if media == "*/*" or media == "*":
            return default
        if media.endswith("/*"):
            kind = media[:-1]
            matches = [fmt for name, fmt in offered.items() if name.startswith(kind)]
            if default in matches:
                return default
            if matches:
                return matches[0]
    return None


def _error(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (InputError, one line, when it cannot be)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listener = socket.socket(family, kind, proto)
    except OSError as error:
        raise InputError(f"{host}: cannot serve on this address ({error})") from error
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)  # from here on, connections wait for the server: ready means ready
    except OSError as error:
        listener.close()
        reason = error.strerror or str(error)
        raise InputError(
            f"{host}:{port}: cannot listen ({reason}); choose another --port"
        ) from error
    return listener


_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; form-action 'self'"
)

_EXAMPLE = """SELECT ?subject ?relation ?object WHERE {
  ?s ?p ?o . ?p a gk:Relation ; rdfs:label ?relation .
  ?s rdfs:label ?subject . ?o rdfs:label ?object
} LIMIT 20"""


def _page(endpoint: Endpoint) -> str:
    """The query page: a form that posts to /sparql, and a table drawn from the JSON answer."""
    map_link = '<a href="/map">the map</a> · ' if endpoint.map_page is not None else ""
    return _PAGE.format(
        example=html.escape(_EXAMPLE),
        map_link=map_link,
        limit=f"{endpoint.limit:,}",
        timeout=f"{endpoint.timeout:g}",
    )


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>graphkit SPARQL endpoint</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; max-width: 70em }}
textarea {{ width: 100%; height: 11em; font: 14px monospace }}
table {{ border-collapse: collapse; margin-top: 1em }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top }}
#status {{ margin-top: .8em; color: #555 }} pre {{ white-space: pre-wrap }}
</style></head><body>
<h1>graphkit SPARQL endpoint</h1>
<p>{map_link}Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). Prefixes
<code>rdf rdfs xsd skos prov schema gk ent rel doc</code> are predeclared; a query stops after
{timeout} s and answers at most {limit} rows.</p>
<form id="form" method="post" action="/sparql">
<textarea name="query" id="query">{example}</textarea>
<p><label>Answer as <select id="accept">
<option value="application/sparql-results+json">table (JSON)</option>
<option value="text/csv">CSV</option><option value="text/tab-separated-values">TSV</option>
<option value="application/sparql-results+xml">XML</option>
<option value="text/turtle">Turtle (CONSTRUCT, DESCRIBE)</option>
</select></label> <button type="submit">Run</button></p></form>
<div id="status"></div><div id="result"></div>
<script>
const form = document.getElementById("form");
form.addEventListener("submit", async (event) => {{
  event.preventDefault();
  const status = document.getElementById("status"), result = document.getElementById("result");
  const accept = document.getElementById("accept").value;
  status.textContent = "running…"; result.replaceChildren();
  const started = performance.now();
  const response = await fetch("/sparql", {{method: "POST", headers: {{Accept: accept}},
    body: new URLSearchParams({{query: document.getElementById("query").value}})}});
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const text = await response.text();
  if (!response.ok) {{ status.textContent = `error ${{response.status}}: ${{text}}`; return; }}
  const cut = response.headers.get("Graphkit-Truncated") === "true";
  const type = response.headers.get("Content-Type") || "";
  let count = "";
  if (type.startsWith("application/sparql-results+json")) {{
    const data = JSON.parse(text);
    if ("boolean" in data) {{ count = String(data.boolean); }} else {{
      const table = document.createElement("table"), head = table.insertRow();
      for (const name of data.head.vars) {{
        const cell = document.createElement("th"); cell.textContent = name; head.append(cell);
      }}
      for (const binding of data.results.bindings) {{
        const row = table.insertRow();
        for (const name of data.head.vars) {{
          row.insertCell().textContent = binding[name] ? binding[name].value : "";
        }}
      }}
      result.append(table); count = `${{data.results.bindings.length}} rows`;
    }}
  }} else {{
    const pre = document.createElement("pre"); pre.textContent = text; result.append(pre);
  }}
  const cap = response.headers.get("Graphkit-Row-Limit");
  status.textContent = `${{count}} in ${{seconds}} s` + (cut ? ` (cut at ${{cap}} rows)` : "");
}});
</script></body></html>
"""
