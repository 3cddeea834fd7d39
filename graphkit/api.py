"""The KnowledgeGraph façade: one object a notebook user builds, queries, analyses and draws.

Each method delegates to the library: `analyze` (lookup, counts), `tables` (the rows of its
DataFrames), `query`, `compare` and `visualize`. pandas and IPython load only when a method
needs them.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Dataset

from graphkit import analyze, compare, graph, outputs, query, tables, visualize
from graphkit.config import DEFAULT_MAX_NODES, DEFAULT_STORE, BuildConfig
from graphkit.errors import GraphkitError, InputError
from graphkit.ingest import make_document
from graphkit.tables import ENTITY_COLUMNS, NEIGHBOR_COLUMNS, TRIPLE_COLUMNS
from graphkit.types import Document

if TYPE_CHECKING:
    import pandas
    from IPython.display import HTML
    from pyvis.network import Network

    from graphkit.extract import Extractor
    from graphkit.nlp import Pipeline
    from graphkit.pipeline import BuildResult

__all__ = ["ENTITY_COLUMNS", "TRIPLE_COLUMNS", "KnowledgeGraph", "build", "from_texts", "load"]

_TOP = 5
"""How many of the most connected entities a KnowledgeGraph's summary names."""


@dataclass(frozen=True)
class KnowledgeGraph:
    """A built graph: its RDF dataset, plus notebook-friendly views of it.

    Tables are pandas DataFrames (the `notebook` extra). The networkx form of the graph is
    computed once and reused, so treat `dataset` as read-only after building.
    """

    dataset: Dataset
    build: BuildResult | None = None

    def query(
        self, sparql: str, *, timeout: float | None = query.TIMEOUT, limit: int | None = query.LIMIT
    ) -> pandas.DataFrame:
        """Run a read-only SPARQL query (SELECT or ASK) and return a DataFrame of strings.

        The prefixes rdf, rdfs, xsd, skos, prov, schema, gk, ent, rel and doc are predeclared.
        The query is stopped (QueryTimeout) after `timeout` seconds or by Ctrl-C; rows past
        `limit` are cut, with a warning. None lifts either bound.
        """
        import warnings  # here: this method is the only one that warns

        rows = query.select(self.dataset, sparql, timeout=timeout, limit=limit)
        if rows.truncated:
            warnings.warn(
                f"query: only the first {limit} rows (raise limit= for more)", stacklevel=2
            )
        return rows.to_frame()

    def triples(self) -> pandas.DataFrame:
        """Every fact with the article and sentence it comes from (one row per sentence).

        Columns: subject, relation, object, negated, support (how many articles state the
        fact), article (its headline, else its file name), sentence, doc (the article IRI).
        Facts stated by the most articles come first.
        """
        rows = tables.triple_rows(self._graph, self._articles)
        return _pandas().DataFrame(rows, columns=list(TRIPLE_COLUMNS))

    def entities(self) -> pandas.DataFrame:
        """Every entity with its type, aliases and how many facts and articles mention it.

        Values (amounts, dates) are left out. The most connected entities come first.
        """
        return _pandas().DataFrame(tables.entity_rows(self._graph), columns=list(ENTITY_COLUMNS))

    def entity(self, name: str) -> pandas.Series:
        """Find an entity by its label, any alias or its IRI, ignoring case and spacing.

        Returns the entity's row of `entities()`. Raises GraphkitError, with near misses,
        when no entity has this name. The rules are those of `analyze.EntityIndex`.
        """
        row = tables.entity_row(self._graph, self._index.find(name))
        return _pandas().Series(row, index=list(ENTITY_COLUMNS), name=row.label)

    def neighbors(self, name: str) -> pandas.DataFrame:
        """The facts linking an entity (found as by `entity`) to others, with their sources.

        Columns: neighbor, neighbor_type, then the columns of `triples()`.
        """
        rows = tables.neighbor_rows(self._graph, self._index.find(name), self._articles)
        return _pandas().DataFrame(rows, columns=list(NEIGHBOR_COLUMNS))

    def conflicts(self) -> pandas.DataFrame:
        """Facts on which sources give different values: what, value, source, sentence."""
        return compare.conflicts(self.dataset).to_frame()

    def near_matches(self) -> pandas.DataFrame:
        """Facts nearly the same, never merged: same arguments, related relations, a score.

        Columns: score, subject, relation, other (the other fact's relation), object.
        """
        frame = compare.near_matches(self.dataset).to_frame().drop(columns=["a", "b"])
        return frame.astype({"score": float})

    def diff(self, source_a: str, source_b: str) -> compare.SourceDiff:
        """What two sources (file name, headline or publisher) state alone, both, or in conflict."""
        return compare.diff(self.dataset, source_a, source_b)

    def stats(self, *, top: int = 10) -> analyze.Stats:
        """Counts of articles, entities (per type), relations, facts and the best connected."""
        return analyze.stats(self.dataset, graph=self._graph, top=top)

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy of the graph as a networkx MultiDiGraph, yours to change.

        Nodes are IRIs with label, type and aliases; edges carry relation, sources (doc,
        title, sentence), support, negated and conflict (see `analyze.to_networkx`).
        """
        return self._graph.copy()

    def to_html(
        self,
        entity: str | None = None,
        *,
        hops: int = 1,
        max_nodes: int = DEFAULT_MAX_NODES,
        relations: Sequence[str] = (),
        types: Sequence[str] = (),
        heading: str | None = None,
        concepts: bool = False,
    ) -> str:
        """The offline HTML page of a map of this graph, or of `entity`'s neighbourhood.

        Concept phrases (schema:Thing) fold into their entities' details unless `concepts`;
        the page has a box that shows them.
        """
        view, title = self._view(entity, hops, max_nodes, relations, types, concepts)
        return visualize.render_html(view, heading=title if heading is None else heading)

    def to_pyvis(
        self,
        entity: str | None = None,
        *,
        hops: int = 1,
        max_nodes: int = DEFAULT_MAX_NODES,
        relations: Sequence[str] = (),
        types: Sequence[str] = (),
        heading: str | None = None,
        height: str = "640px",
        concepts: bool = False,
    ) -> Network:
        """A pyvis Network of the map `to_html` draws, for pyvis' own API (needs pyvis).

        See `visualize.to_pyvis`: same nodes, labels, colours and positions as the map.
        """
        view, title = self._view(entity, hops, max_nodes, relations, types, concepts)
        return visualize.to_pyvis(
            view, heading=title if heading is None else heading, height=height
        )

    def show(
        self,
        entity: str | None = None,
        *,
        hops: int = 1,
        max_nodes: int = DEFAULT_MAX_NODES,
        relations: Sequence[str] = (),
        types: Sequence[str] = (),
        heading: str | None = None,
        height: int = 640,
        concepts: bool = False,
    ) -> HTML:
        """Draw the map inline: the last expression of a cell, or passed to `display()`.

        The offline page goes into a sandboxed `<iframe srcdoc>`, which JupyterLab, classic
        Notebook and VS Code all render with no network; pyvis' own `show()` needs
        notebook=True and draws a blank cell in VS Code and Colab (pyvis #260, #203).
        """
        page = self.to_html(
            entity,
            hops=hops,
            max_nodes=max_nodes,
            relations=relations,
            types=types,
            heading=heading,
            concepts=concepts,
        )
        try:
            from IPython.display import HTML
        except ImportError as error:
            raise GraphkitError(
                "inline maps need IPython: pip install 'graphkit[notebook]'"
            ) from error
        # The <div> stops IPython's "Consider using IPython.display.IFrame" warning for a bare
        # iframe: IFrame loads a URL, and this page has none, it travels inline.
        return HTML(  # type: ignore[no-untyped-call]  # IPython's HTML.__init__ is unannotated
            f'<div><iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'title="graphkit map" style="width: 100%; height: {int(height)}px; '
            'border: 1px solid #ddd"></iframe></div>'
        )

    def save(
        self, out_dir: str | Path, *, formats: Iterable[str] = graph.WRITTEN, store: bool = True
    ) -> list[Path]:
        """Write the graph into `out_dir`: TriG and Turtle, or any of .trig .ttl .nq .jsonld.

        With `store` (the default, as `graphkit build`) also `out_dir/store`, the on-disk store
        the read commands open. The folder's files are replaced all together.
        """
        from graphkit import store as on_disk

        with outputs.staged(Path(out_dir)) as staging:
            written = graph.write(self.dataset, staging, formats=formats)
            if store:
                written.append(on_disk.write(self.dataset, staging))
        return [Path(out_dir) / path.name for path in written]

    def _repr_html_(self) -> str:
        counts = self._stats
        types = ", ".join(f"{n} {html.escape(kind)}" for kind, n in counts.types)
        top = ", ".join(f"{html.escape(label)} ({n})" for label, n in counts.top_entities)
        rows = [
            ("articles", str(counts.articles)),
            ("entities", f"{counts.entities}" + (f": {types}" if types else "")),
            ("facts", f"{counts.facts} ({counts.shared_facts} stated by more than one article)"),
            ("most connected", top or "none"),
        ]
        if self.build is not None:
            rows.append(("built", html.escape(self.build.summary())))
        rows.append(
            (
                "explore",
                "<code>.triples()</code> <code>.entities()</code> "
                "<code>.neighbors(name)</code> <code>.query(sparql)</code> <code>.show()</code>",
            )
        )
        body = "".join(
            f'<tr><th style="text-align: left">{name}</th>'
            f'<td style="text-align: left">{value}</td></tr>'
            for name, value in rows
        )
        return f"<table><caption><b>KnowledgeGraph</b></caption>{body}</table>"

    def __repr__(self) -> str:
        counts = self._stats
        return (
            f"<KnowledgeGraph: {counts.articles} articles, {counts.entities} entities, "
            f"{counts.facts} facts>"
        )

    @functools.cached_property
    def _graph(self) -> nx.MultiDiGraph:
        return analyze.to_networkx(self.dataset)

    @functools.cached_property
    def _index(self) -> analyze.EntityIndex:
        return analyze.EntityIndex(self._graph)

    @functools.cached_property
    def _articles(self) -> tables.Articles:
        return tables.article_names(self.dataset)

    @functools.cached_property
    def _stats(self) -> analyze.Stats:
        return self.stats(top=_TOP)

    def _view(
        self,
        entity: str | None,
        hops: int,
        max_nodes: int,
        relations: Sequence[str],
        types: Sequence[str],
        concepts: bool,
    ) -> tuple[visualize.View, str]:
        """The view `to_html` and `to_pyvis` draw, and its default heading."""
        centre = None if entity is None else self._index.find(entity)
        view = visualize.select_view(
            self._graph,
            entity=centre,  # the IRI: the entity `entity()` finds, whatever its label
            hops=hops,
            max_nodes=max_nodes,
            relations=relations,
            types=types,
            concepts=concepts,
        )
        label = None if centre is None else self._graph.nodes[centre]["label"]
        return view, "graphkit" if label is None else f"graphkit: {label}"


def build(
    sources: str | Path | Iterable[str | Path | Document],
    *,
    config: BuildConfig | None = None,
    extractors: Sequence[Extractor] | None = None,
    pipeline: Pipeline | None = None,
) -> KnowledgeGraph:
    """Build a KnowledgeGraph from article files, folders, globs or Documents.

    Pass `pipeline=` (from `graphkit.nlp.load_pipeline`) to reuse a loaded model across builds.
    """
    from graphkit.pipeline import run  # loads spaCy: only building pays for it

    if isinstance(sources, str | Path):
        paths: list[str | Path | Document] = [sources]
    elif isinstance(sources, Iterable):
        paths = list(sources)
    else:
        paths = [str(sources)] if sources is not None else []
    if not paths:
        raise InputError("nothing to build from: give build() files, folders or globs")
    result = run(paths, config=config, extractors=extractors, pipeline=pipeline)
    return KnowledgeGraph(result.dataset, result)


def from_texts(
    texts: str | Iterable[str] | Mapping[str, str],
    *,
    config: BuildConfig | None = None,
    extractors: Sequence[Extractor] | None = None,
    pipeline: Pipeline | None = None,
) -> KnowledgeGraph:
    """Build a KnowledgeGraph from article texts held in memory.

    `texts` is one string, a list of strings (named "text 1", "text 2", ...) or a mapping
    from a name to a text; the names are what the `article` column of `triples()` shows.
    """
    if isinstance(texts, str):
        texts = [texts]
    named = texts.items() if isinstance(texts, Mapping) else _numbered(texts)
    documents = [
        document
        for name, text in named
        if (document := make_document(_text(name, text), source=name, title=name)) is not None
    ]
    return build(documents, config=config, extractors=extractors, pipeline=pipeline)


def load(path: str | Path, *, store: str = DEFAULT_STORE) -> KnowledgeGraph:
    """Load a KnowledgeGraph from a graph file or a `graphkit build` output folder."""
    return KnowledgeGraph(graph.load(Path(path), store=store))


def _numbered(texts: Iterable[str]) -> Iterator[tuple[str, str]]:
    for number, text in enumerate(texts, start=1):
        yield f"text {number}", text


def _text(name: str, text: object) -> str:
    if not isinstance(text, str):
        raise GraphkitError(f"{name}: expected a string, got {type(text).__name__}")
    return text


def _pandas() -> ModuleType:
    try:
        import pandas
    except ImportError as error:
        raise GraphkitError("DataFrames need pandas: pip install 'graphkit[notebook]'") from error
    module: ModuleType = pandas  # pandas ships no type information here (see mypy overrides)
    return module
