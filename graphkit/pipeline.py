"""Pipeline: the one place where the stages are chained, in one process or several."""

from __future__ import annotations

import datetime
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
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
    read: tuple[tuple[Document, Extraction], ...] = ()
    """Every article and what was read from it: what a kept graph re-resolves (keep.py)."""
    minted: Mapping[str, str] = field(default_factory=dict)
    """Name keys and their entity ids (resolve.Resolution.minted)."""
    entered: Mapping[str, str] = field(default_factory=dict)
    """Document id → when it entered the graph (prov:generatedAtTime, ISO 8601 UTC)."""

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
    into: Path | None = None,
) -> BuildResult:
    """Read, parse, extract, resolve and reconcile `sources` into an RDF dataset.

    `sources` are paths, folders, globs, "-" (stdin) or Documents already in memory. With
    `into` (an output folder) the dataset is an on-disk store there (graph.to_dataset).
    """
    config = config or BuildConfig()
    started = time.perf_counter()
    known = authority.load(config.authorities)  # a bad authority file fails before parsing
    documents = list(ingest.read_documents(sources, published=config.published))
    extractions = read(documents, config=config, extractors=extractors, pipeline=pipeline)
    articles = list(zip(documents, extractions, strict=True))
    return assemble(articles, config=config, started=started, known=known, into=into)


def read(
    documents: Sequence[Document],
    *,
    config: BuildConfig,
    extractors: Sequence[extract.Extractor] | None = None,
    pipeline: nlp.Pipeline | None = None,
) -> list[Extraction]:
    """Parse and extract `documents` (with a progress bar when the config asks for one)."""
    chosen = list(extractors) if extractors else [extract.get(name) for name in config.extractors]
    return list(
        _progress(
            extract_documents(documents, chosen, config=config, pipeline=pipeline),
            total=len(documents),
            enabled=config.progress,
        )
    )


def assemble(
    read: Sequence[tuple[Document, Extraction]],
    *,
    config: BuildConfig,
    minted: Mapping[str, str] | None = None,
    started: float | None = None,
    entered: Mapping[str, str] | None = None,
    known: authority.Authority | None = None,
    into: Path | None = None,
) -> BuildResult:
    """Resolve, reconcile and build the dataset of articles already read.

    The whole graph from its articles' extractions: a build, or a kept graph after articles
    were added or removed (`minted` keeps the entity ids it had). `known` is the authority
    `config.authorities` names, when the caller has read it already; `into` as for `run`.
    """
    started = time.perf_counter() if started is None else started
    documents = [document for document, _ in read]
    extractions = [extraction for _, extraction in read]
    known = authority.load(config.authorities) if known is None else known
    now = entered_now()
    entered = {d.id: (entered or {}).get(d.id, now) for d in documents}
    kept = [_confident(e, config.min_confidence) for e in extractions]
    resolution = resolve.resolve(kept, documents, authority=known, minted=minted)
    reconciled = reconcile.reconcile(resolution.facts)
    dataset = graph.to_dataset(
        documents,
        resolution.entities,
        reconciled.facts,
        conflicts=reconciled.conflicts,
        related=merge.related(reconciled.facts, threshold=config.related_threshold),
        sources=find_sources(documents, threshold=config.copy_threshold),
        datelines=resolution.datelines,
        entered=entered,
        base=config.base,
        store=config.store,
        into=into,
    )
    return BuildResult(
        dataset=dataset,
        documents=len(documents),
        sentences=sum(len(e.sentences) for e in extractions),
        entities=len(resolution.entities),
        triples=sum(len(e.triples) for e in kept),
        facts=len(reconciled.facts),
        seconds=time.perf_counter() - started,
        read=tuple(read),
        minted=resolution.minted,
        entered=entered,
    )


def entered_now() -> str:
    """This moment as an xsd:dateTime in UTC, to the second: when articles enter a graph."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    return now.isoformat().replace("+00:00", "Z")


def extract_documents(
    documents: Sequence[Document],
    extractors: Sequence[extract.Extractor],
    *,
    config: BuildConfig,
    pipeline: nlp.Pipeline | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each document, in order, here, in `config.jobs` workers or on Dask.

    Workers each load their own model and take runs of whole documents: spaCy's n_process
    loses a whole batch to one bad document and is slower than one process on small batches.
    With `config.scheduler` the runs are Dask tasks (graphkit.distributed; `pipeline` unused).
    """
    if config.scheduler is not None:
        from graphkit import distributed

        def split(workers: int) -> list[list[Document]]:
            return _runs(documents, workers=workers, batch_size=config.batch_size)

        if documents:
            yield from distributed.extract_documents(
                documents, extractors, config=config, split=split
            )
        return
    if config.jobs <= 1 or len(documents) < 2:
        pipeline = pipeline or nlp.load_pipeline(config.model)
        yield from extract.run(
            nlp.parse(documents, pipeline, batch_size=config.batch_size), extractors
        )
        return
    chunks = _runs(documents, workers=config.jobs, batch_size=config.batch_size)
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


def _runs(documents: Sequence[Document], *, workers: int, batch_size: int) -> list[list[Document]]:
    """Runs of documents for `workers` to parse, one task each.

    Many runs, so that no worker idles long at the end, but each a batch or more: spaCy parses
    a run of a few documents much slower per word.
    """
    runs = min(workers * 16, len(documents) // batch_size)
    return _chunks(documents, parts=max(runs, workers))


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
