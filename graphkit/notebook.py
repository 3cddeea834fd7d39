"""The KnowledgeGraph façade: one object a notebook user builds, queries, analyses and draws."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import Dataset

from graphkit import analyze, graph, query, visualize
from graphkit.config import BuildConfig
from graphkit.pipeline import BuildResult, run

if TYPE_CHECKING:
    import pandas

    from graphkit.extract import Extractor
    from graphkit.nlp import Pipeline


@dataclass(frozen=True)
class KnowledgeGraph:
    """A built graph: its RDF dataset plus methods that delegate to query, analyze, visualize."""

    dataset: Dataset
    build: BuildResult | None = None

    def query(self, sparql: str) -> pandas.DataFrame:
        """Run a read-only SPARQL query and return the rows as a DataFrame."""
        return query.select(self.dataset, sparql).to_frame()

    def triples(self) -> pandas.DataFrame:
        """Every fact with its labels and source article (the README's contract query)."""
        return query.facts(self.dataset).to_frame()

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph with labels, types and sources as attributes."""
        return analyze.to_networkx(self.dataset)

    def save(self, out_dir: str | Path) -> list[Path]:
        """Write TriG, N-Quads, Turtle and JSON-LD files into `out_dir`."""
        return graph.write(self.dataset, Path(out_dir))

    def to_html(self, **options: Any) -> str:
        """The offline HTML map of this graph (options as for `visualize.select_view`)."""
        return visualize.render_html(visualize.select_view(self.to_networkx(), **options))

    def _repr_html_(self) -> str:
        counts = analyze.stats(self.dataset, top=5)
        top = ", ".join(f"{html.escape(name)} ({degree})" for name, degree in counts.top_entities)
        return (
            f"<b>KnowledgeGraph</b>: {counts.articles} articles, {counts.entities} entities, "
            f"{counts.facts} facts from {counts.statements} statements<br>Most connected: {top}"
        )

    def __repr__(self) -> str:
        counts = analyze.stats(self.dataset, top=0)
        return (
            f"<KnowledgeGraph: {counts.articles} articles, {counts.entities} entities, "
            f"{counts.facts} facts>"
        )


def build(
    sources: str | Path | Iterable[str | Path],
    *,
    config: BuildConfig | None = None,
    extractors: Sequence[Extractor] | None = None,
    pipeline: Pipeline | None = None,
) -> KnowledgeGraph:
    """Build a KnowledgeGraph from article files, folders or globs."""
    paths = [sources] if isinstance(sources, str | Path) else list(sources)
    result = run(paths, config=config, extractors=extractors, pipeline=pipeline)
    return KnowledgeGraph(result.dataset, result)


def load(path: str | Path) -> KnowledgeGraph:
    """Load a KnowledgeGraph from a graph file or a `graphkit build` output folder."""
    return KnowledgeGraph(graph.load(Path(path)))
