"""Pipeline: the one place where the stages are chained, in one process or several."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from graphkit import authority, extract, graph, ingest, merge, nlp, reconcile, resolve
from graphkit.config import BuildConfig
from graphkit.sources import find as find_sources
from graphkit.types import Document, Extraction


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildResult:
    """A built graph and what it took to build it."""

    dataset: Dataset
    documents: int
    sentences: int
    entities: int
    triples: int
    facts: int
    seconds: float

    def summary(self) -> str:
        """One line for a terminal: documents, sentences, entities, triples, seconds."""
        return (
            f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
            f"{self.triples} triples ({self.facts} facts) in {self.seconds:.1f} s"
        )


def run(
    sources: Iterable[str | Path | Document],
    *,
    config: BuildConfig | None = None,
    extractors: Sequence[extract.Extractor] | None = None,
    pipeline: nlp.Pipeline | None = None,
) -> BuildResult:
    """Read, parse, extract, resolve and reconcile `sources` into an RDF dataset.

    `sources` are paths, folders, globs, "-" (stdin) or Documents already in memory.
    """
    config = config or BuildConfig()
    started = time.perf_counter()
    chosen = list(extractors) if extractors else [extract.get(name) for name in config.extractors]
    known = authority.load(config.authorities)  # a bad authority file fails before parsing
    documents = list(ingest.read_documents(sources, published=config.published))
    extractions = list(
        _progress(
            extract_documents(documents, chosen, config=config, pipeline=pipeline),
            total=len(documents),
            enabled=config.progress,
        )
    )
    kept = [_confident(e, config.min_confidence) for e in extractions]
    resolution = resolve.resolve(kept, documents, authority=known)
    reconciled = reconcile.reconcile(resolution.facts)
    dataset = graph.to_dataset(
        documents,
        resolution.entities,
        reconciled.facts,
        conflicts=reconciled.conflicts,
        related=merge.related(reconciled.facts, threshold=config.related_threshold),
        sources=find_sources(documents, threshold=config.copy_threshold),
        datelines=resolution.datelines,
        base=config.base,
        store=config.store,
    )
    return BuildResult(
        dataset=dataset,
        documents=len(documents),
        sentences=sum(len(e.sentences) for e in extractions),
        entities=len(resolution.entities),
        triples=sum(len(e.triples) for e in kept),
        facts=len(reconciled.facts),
        seconds=time.perf_counter() - started,
    )


def extract_documents(
    documents: Sequence[Document],
    extractors: Sequence[extract.Extractor],
    *,
    config: BuildConfig,
    pipeline: nlp.Pipeline | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each document, in order, in this process or `config.jobs` workers.

    Workers each load their own model and take runs of whole documents: spaCy's n_process
    loses a whole batch to one bad document and is slower than one process on small batches.
    """
    if config.jobs <= 1 or len(documents) < 2:
        pipeline = pipeline or nlp.load_pipeline(config.model)
        yield from extract.run(
            nlp.parse(documents, pipeline, batch_size=config.batch_size), extractors
        )
        return
    # Many runs, so that no worker idles long at the end, but each a batch or more: spaCy parses
    # a run of a few documents much slower per word.
    runs = min(config.jobs * 16, len(documents) // config.batch_size)
    chunks = _chunks(documents, parts=max(runs, config.jobs))
    with ProcessPoolExecutor(
        max_workers=config.jobs, initializer=_start_worker, initargs=(config, tuple(extractors))
    ) as pool:
        for extractions in pool.map(_extract_chunk, chunks):
            yield from extractions


_worker: tuple[nlp.Pipeline, tuple[extract.Extractor, ...], int] | None = None


def _start_worker(config: BuildConfig, extractors: tuple[extract.Extractor, ...]) -> None:
    global _worker  # one model per worker process, loaded once by its initializer
    _worker = (nlp.load_pipeline(config.model), extractors, config.batch_size)


def _extract_chunk(documents: list[Document]) -> list[Extraction]:
    assert _worker is not None, "worker not initialised"
    pipeline, extractors, batch_size = _worker
    return list(extract.run(nlp.parse(documents, pipeline, batch_size=batch_size), extractors))


def _chunks(documents: Sequence[Document], *, parts: int) -> list[list[Document]]:
    """Cut documents into about `parts` runs of similar total length, keeping their order."""
    total = sum(len(d.text) for d in documents)
    target = max(total // parts, 1)
    chunks: list[list[Document]] = [[]]
    size = 0
    for document in documents:
        if size >= target:
            chunks.append([])
            size = 0
        chunks[-1].append(document)
        size += len(document.text)
    return chunks


def _confident(extraction: Extraction, threshold: float) -> Extraction:
    if threshold <= 0:
        return extraction
    triples = tuple(t for t in extraction.triples if t.confidence >= threshold)
    return Extraction(
        doc_id=extraction.doc_id,
        sentences=extraction.sentences,
        mentions=extraction.mentions,
        triples=triples,
    )


def _progress(items: Iterator[Extraction], *, total: int, enabled: bool) -> Iterator[Extraction]:
    if not enabled or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return iter(tqdm(items, total=total, unit="doc", file=sys.stderr))
