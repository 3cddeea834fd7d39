"""The command line: each command parses its arguments, calls the API and prints.

Exit status: 0 ok, 1 bad input (one line naming the input and the problem), 2 usage,
130 interrupted. Every error is one line on stderr; `--debug` shows the traceback.
Each command imports what it needs when it runs: `--help` loads no graph library, and only
the commands that parse (build, extract) load spaCy.
"""

from __future__ import annotations

import datetime
import gc
import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from graphkit._cli_keep import add_command, remove_command, report, report_left_out
from graphkit._io import atomic_write, write_text
from graphkit.config import (
    DEFAULT_BASE,
    DEFAULT_FORMATS,
    DEFAULT_MAX_NODES,
    DEFAULT_STORE,
    GRAPH_FORMATS,
    BuildConfig,
)
from graphkit.errors import GraphkitError, first_line

INTERRUPTED = 130


class _Group(click.Group):
    """Turns every error into one line on stderr with its exit status (click uses 2 for usage)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphkitError as error:
            raise click.ClickException(str(error)) from error
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            sys.stderr.close()
            ctx.exit(1)
        except (KeyboardInterrupt, Exception) as error:
            if _interrupted(error):  # Ctrl-C, also inside an extension's import or callback
                click.echo("graphkit: interrupted", err=True)
                ctx.exit(INTERRUPTED)
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(
                f"internal error: {type(error).__name__}: {first_line(error)} "
                "(please report it; --debug shows the traceback)"
            ) from error


def _interrupted(error: BaseException | None) -> bool:
    """True when a Ctrl-C is somewhere in `error`'s chain of causes."""
    chained = None if error is None else error.__cause__ or error.__context__
    return isinstance(error, KeyboardInterrupt) or (chained is not None and _interrupted(chained))


@click.group(cls=_Group)
@click.version_option(package_name="graphkit")
@click.option("-v", "--verbose", is_flag=True, help="Also report skipped duplicates and progress.")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
def cli(verbose: bool, debug: bool) -> None:
    """Build provenance-rich knowledge graphs from news articles.

    Example: graphkit build data/seeds -o out
    """
    log = logging.getLogger("graphkit")  # only graphkit's own lines, not its libraries'
    log.handlers = [_EchoHandler()]
    log.propagate = False
    log.setLevel(logging.INFO if verbose else logging.WARNING)


class _EchoHandler(logging.Handler):
    """Prints each log record as one `warning:` line on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


_paths = click.argument("paths", nargs=-1, required=True)
_graph_arg = click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
_max_nodes = click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Draw only this many entities, the most connected; the page says what was left out.",
)
_timeout = click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, help="Seconds (30)."
)
_limit = click.option(
    "--limit", type=click.IntRange(min=0), default=100_000, help="Rows at most (100000)."
)
_SOURCE_HELP = "A source by file name, headline or publisher; give it twice."
_result_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people; csv and json are the W3C SPARQL result formats.",
)


@cli.command()
@_paths
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for graph.trig, .ttl, .nq, .jsonld, graph.html and store/ (Oxigraph).",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=1, help="Worker processes (each a model)."
)
@click.option("--dask", is_flag=True, help="Parse on a local Dask cluster of --jobs workers.")
@click.option("--scheduler", help="Parse on the Dask scheduler at dask://HOST:PORT.")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date for articles whose metadata has none (resolves 'last year').",
)
@click.option(
    "--extractor", "extractors", multiple=True, default=["dependency"], help="Repeatable."
)
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, help="Drop triples scored lower."
)
@click.option(
    "--store",
    default=DEFAULT_STORE,
    show_default=True,
    callback=lambda _ctx, _param, value: _store_name(value),
    help="rdflib store plug-in that holds the graph; 'default' is rdflib's pure-Python one.",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of minted IRIs.")
@click.option(
    "--format",
    "formats",
    type=click.Choice(GRAPH_FORMATS),
    multiple=True,
    default=list(DEFAULT_FORMATS),
    show_default=True,
    help="Graph file to write (repeatable): trig, ttl (the union), nq, jsonld.",
)
@_max_nodes
@click.option("--kb", "authorities", multiple=True, type=Path, help="Authority file to link to.")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Write an empty graph when PATHS hold no article text (else: error, OUT kept).",
)
def build(
    paths: tuple[str, ...],
    out_dir: Path,
    jobs: int,
    dask: bool,
    scheduler: str | None,
    published: datetime.datetime | None,
    extractors: tuple[str, ...],
    min_confidence: float,
    store: str,
    base: str,
    formats: tuple[str, ...],
    max_nodes: int,
    authorities: tuple[Path, ...],
    allow_empty: bool,
) -> None:
    """Build the graph of PATHS (files, folders, globs, - for stdin) into OUT.

    OUT's files are replaced all together when the build succeeds, and kept as they were
    when it fails.

    Example: graphkit build data/seeds -o out
    """
    from graphkit import keep

    if dask and scheduler:
        raise click.UsageError("give --dask or --scheduler, not both")
    config = BuildConfig(
        extractors=extractors,
        jobs=jobs,
        scheduler="local" if dask else scheduler,
        published=published.date() if published else None,
        min_confidence=min_confidence,
        store=store,
        base=base,
        progress=True,
        authorities=authorities,
    )
    heading = f"graphkit: {', '.join(paths)}"
    kept = keep.build(paths, out_dir, config=config, formats=formats, max_nodes=max_nodes,
                      heading=heading, allow_empty=allow_empty)  # fmt: skip
    report(kept)


@cli.command("query")
@_graph_arg
@click.argument("sparql")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "ttl", "nt", "jsonld"]),
    help="SELECT/ASK: table (default), csv or json (W3C SPARQL results); "
    "CONSTRUCT/DESCRIBE: ttl (default), nt or jsonld.",
)
@click.option("--graph", "named_graph", help="Query only this named graph (an article IRI).")
@_timeout
@_limit
def query_command(
    graph_path: Path,
    sparql: str,
    fmt: str | None,
    named_graph: str | None,
    timeout: float,
    limit: int,
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against GRAPH.

    SERVICE is refused and FROM names a graph of GRAPH: nothing is fetched.

    Example: graphkit query out 'SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 5'
    """
    from graphkit import query  # a store is queried without rdflib: see query.open_graph

    source = query.open_graph(graph_path)
    named = named_graph or None
    answer = query.run(source, sparql, graph=named, timeout=timeout, limit=limit)
    fmt = fmt or answer.FORMATS[0]
    if fmt not in answer.FORMATS:
        kind = "a graph" if isinstance(answer, query.Triples) else "rows"
        raise click.UsageError(
            f"--format {fmt}: this query gives {kind}; use one of {', '.join(answer.FORMATS)}"
        )
    _echo(answer.serialize(fmt))
    if answer.truncated and fmt != "table":  # a table says so in its last line
        click.echo(f"note: cut at --limit {limit}; raise it to see more", err=True)


@cli.command("extract")
@_paths
@click.option("--lines", is_flag=True, help="Treat each input line as one sentence.")
@click.option(
    "--pretokenized",
    is_flag=True,
    help="With --lines: tokens are separated by single spaces (PTB benchmarks).",
)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--extractor", "extractor_name", default="dependency", show_default=True)
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    help="Write here (atomically) instead of stdout.",
)
def extract_command(
    paths: tuple[str, ...],
    lines: bool,
    pretokenized: bool,
    fmt: str,
    extractor_name: str,
    out_path: Path | None,
) -> None:
    """Print the raw triples of PATHS, one JSON object per triple, before entity resolution.

    Example: graphkit extract data/seeds --format jsonl
    """
    if pretokenized and not lines:
        raise click.UsageError("--pretokenized needs --lines")
    from graphkit import extract, nlp
    from graphkit.extract import records as extraction

    extractor = extract.get(extractor_name)
    pipeline = nlp.load_pipeline(BuildConfig().model)
    if lines:
        records = extraction.line_records(paths, pipeline, extractor, pretokenized=pretokenized)
    else:
        records = extraction.document_records(paths, pipeline, extractor)
    if out_path is None:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    with atomic_write(out_path) as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@cli.command()
@_graph_arg
@click.option("-o", "--out", "out_path", type=click.Path(path_type=Path), required=True)
@click.option("--entity", help="Draw only this entity's neighbourhood (any name or alias).")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True)
@_max_nodes
@click.option("--relation", "relations", multiple=True, help="Keep edges with this relation.")
@click.option("--type", "types", multiple=True, help="Keep entities of this type (Person, ...).")
@click.option(
    "--concepts",
    is_flag=True,
    help="Open with concept phrases drawn as nodes (else folded into their entities' facts).",
)
def view(
    graph_path: Path,
    out_path: Path,
    entity: str | None,
    hops: int,
    max_nodes: int,
    relations: tuple[str, ...],
    types: tuple[str, ...],
    concepts: bool,
) -> None:
    """Draw GRAPH as an interactive HTML map that opens offline.

    Example: graphkit view out -o map.html --entity "Vladimir Putin" --hops 2
    """
    from graphkit import analyze, visualize

    selected = visualize.select_view(
        analyze.read_network(graph_path),
        entity=entity,
        hops=hops,
        max_nodes=max_nodes,
        relations=relations,
        types=types,
        concepts=concepts,
    )
    report_left_out(selected)
    write_text(out_path, visualize.render_html(selected, heading=f"graphkit: {graph_path}"))
    click.echo(f"wrote {out_path}")


@cli.command()
@_graph_arg
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True)
def stats(graph_path: Path, top: int) -> None:
    """Count what GRAPH holds and list its most connected entities.

    Example: graphkit stats out
    """
    from graphkit import analyze, graph

    dataset = graph.load(graph_path)
    counts = analyze.stats(dataset, graph=analyze.read_graph(graph_path, loaded=dataset), top=top)
    click.echo(
        f"{counts.articles} articles, {counts.entities} entities ({counts.linked} linked to an "
        f"authority), {counts.relations} relations, {counts.facts} facts, "
        f"{counts.statements} statements"
    )
    for name, degree in counts.top_entities:
        click.echo(f"{degree:6d}  {name}")


@cli.command("conflicts")
@_graph_arg
@_result_format
def conflicts_command(graph_path: Path, fmt: str) -> None:
    """List facts on which sources give different values, with each source's sentence.

    Example: graphkit conflicts out
    """
    from graphkit import compare, graph

    _echo(compare.conflicts(graph.load(graph_path)).serialize(fmt))


@cli.command("diff")
@_graph_arg
@click.option("--source", "sources", multiple=True, required=True, help=_SOURCE_HELP)
def diff_command(graph_path: Path, sources: tuple[str, ...]) -> None:
    """Compare two sources: facts only in A, only in B, in both, and in conflict.

    Example: graphkit diff out --source 000_8a3b9e2ee59992ef.txt --source 003_c187e5ae1e2307df.txt
    """
    if len(sources) != 2:
        raise click.UsageError("give --source exactly twice")
    from graphkit import compare, graph

    click.echo(compare.diff(graph.load(graph_path), sources[0], sources[1]).to_text())


@cli.command()
@_graph_arg
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@_timeout
@_limit
def serve(graph_path: Path, host: str, port: int, timeout: float, limit: int) -> None:
    """Serve GRAPH read-only over the SPARQL 1.1 Protocol (/sparql), with a query page at /.

    Example: graphkit serve out --port 7878
    """
    from graphkit import serve as server

    server.run(graph_path, host=host, port=port, timeout=timeout, limit=limit, ready=click.echo)


def _echo(output: str) -> None:
    click.echo(output, nl=not output.endswith("\n"))


def _store_name(name: str) -> str:
    """Check that `name` is an rdflib store plug-in (a usage error, exit 2, if not)."""
    from rdflib import plugin
    from rdflib.store import Store

    try:
        plugin.get(name, Store)
    except plugin.PluginException:
        hint = f"{name!r} is not an rdflib store (try {DEFAULT_STORE} or default)"
        raise click.BadParameter(hint) from None
    return name


cli.add_command(add_command)
cli.add_command(remove_command)


def main() -> None:
    """Run the command line (errors and Ctrl-C handled by the group: see _Group)."""
    try:
        cli(prog_name="graphkit")
    finally:
        # What the command left is freed as the process ends, without the interpreter's last
        # collection walking it first: after an add to ABC's graph, 0.5 s of 0.6 s of exit.
        gc.freeze()
