"""Pipeline: the one place where the stages are chained, in one process or several."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import sys
import time
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset

from graphkit import authority, graph, ingest, merge, quads, reconcile, resolve, state
from graphkit import store as on_disk
from graphkit._collector import fewer_collections
from graphkit.config import STATE_DIR, BuildConfig
from graphkit.ledger import NQUADS, Ledger
from graphkit.sources import Sketches, Sources
from graphkit.sources import find as find_sources
from graphkit.types import Document, Evidence, Extraction, Fact, KeptStatement
from graphkit.vocab import document_iri, graph_iri

if TYPE_CHECKING:
    from graphkit import extract, nlp
    from graphkit._names import NameTable
    from graphkit.analyze import Columns
    from graphkit.visualize import View


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
    read: Iterable[tuple[Document, Extraction]] = ()
    """Every article and what was read from it: what a kept graph re-resolves (keep.py)."""
    minted: Mapping[str, str] = field(default_factory=dict)
    """Name keys and their entity ids (resolve.Resolution.minted)."""
    entered: Mapping[str, str] = field(default_factory=dict)
    """Document id → when it entered the graph (prov:generatedAtTime, ISO 8601 UTC)."""
    names: Mapping[str, Any] = field(default_factory=dict)
    """What resolution read of the names (resolve.Resolver.saved_names): an add goes on from it."""
    replayed: int = 0
    """Articles a kept graph did not read again: what resolution made of them still held."""
    view: View | None = None
    """The map `assemble`'s `draw` drew."""

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
    formats: Sequence[str] = (),
    columns: Columns | None = None,
    draw: Callable[[Dataset | Columns], View] | None = None,
) -> BuildResult:
    """Read, parse, extract, resolve and reconcile `sources` into an RDF dataset.

    `sources` are paths, folders, globs, "-" (stdin) or Documents already in memory. With
    `into` (an output folder) the dataset is an on-disk store there, and the graph files of
    `formats` (suffixes) that can be are written there as the quads stream, and `columns`
    gathers what a map reads of them (analyze.Columns; graph.to_dataset's `also`), from which
    `draw` draws the map (`assemble`).
    """
    config = config or BuildConfig()
    started = time.perf_counter()
    known = authority.load(config.authorities)  # a bad authority file fails before parsing
    documents = list(ingest.read_documents(sources, published=config.published))
    with fewer_collections():
        articles = read(documents, config=config, extractors=extractors, pipeline=pipeline)
        spilled: Iterable[tuple[Document, Extraction]] = articles  # resolved as it is parsed
        if into is not None:  # what was read goes to disk as it comes: the state's articles file
            spilled = state.write_articles(into / STATE_DIR / state.ARTICLES, articles)
        return assemble(
            spilled, documents, config=config, started=started, known=known, into=into,
            formats=formats, columns=columns, draw=draw,
        )  # fmt: skip


def read(
    documents: Sequence[Document],
    *,
    config: BuildConfig,
    extractors: Sequence[extract.Extractor] | None = None,
    pipeline: nlp.Pipeline | None = None,
) -> Iterator[tuple[Document, Extraction]]:
    """Parse and extract `documents`, each with what was read from it, as they are parsed.

    A long document comes several times, with a run of its text each (extract.RUN_CHARS).
    A progress bar shows when the config asks for one.
    """
    from graphkit import extract  # here: spaCy's 0.8 s import, which an add's process never needs

    chosen = list(extractors) if extractors else [extract.get(name) for name in config.extractors]
    by_id = {document.id: document for document in documents}
    extractions = extract_documents(documents, chosen, config=config, pipeline=pipeline)
    for extraction in _progress(extractions, total=len(documents), enabled=config.progress):
        yield by_id[extraction.doc_id], extraction


def assemble(
    read: Iterable[tuple[Document, Extraction]],
    documents: Sequence[Document],
    *,
    config: BuildConfig,
    minted: Mapping[str, str] | None = None,
    started: float | None = None,
    entered: Mapping[str, str] | None = None,
    known: authority.Authority | None = None,
    into: Path | None = None,
    formats: Sequence[str] = (),
    names: Mapping[str, Any] | NameTable | None = None,
    columns: Columns | None = None,
    readings: state.Readings | None = None,
    sources: Sources | None = None,
    draw: Callable[[Dataset | Columns], View] | None = None,
) -> BuildResult:
    """Resolve, reconcile and build the dataset of articles already read.

    `read` is iterated several times, one article at a time: a tuple, state.Articles read
    from disk (so that a build's memory grows with its entities and facts, not its text), or
    articles as they are parsed (kept in memory as the first pass reads them: `_Kept`).
    `documents` are its articles, which the caller has already (reading them off `read` would
    be one more pass over the file).

    The whole graph from its articles' extractions: a build, or a kept graph after articles
    were added or removed (`minted` keeps the entity ids it had). `known` is the authority
    `config.authorities` names, when the caller has read it already; `into`, `formats` and
    `columns` as for `run` (what the map reads of a kept graph's articles not read again comes
    from its state, state.Statements.carry, unless `columns` restored it already). `names` is
    what an earlier build of some of these articles read of their names (`BuildResult.names`,
    or the table made of it: resolve.names_table, with `known`): their names are then not
    read again. `sources` are the articles' publishers and copies (sources.find), if the
    caller found them already (keep.add, while its new articles parse). `draw` draws the map
    of the graph (`BuildResult.view`) from `columns`, else from the dataset: for a kept graph,
    in a forked child process beside its store (graph.Beside), else once the graph is built
    and its resolution let go.
    """
    with fewer_collections():  # a build's millions of objects: see graphkit._collector
        started = time.perf_counter() if started is None else started
        if iter(read) is read:  # a one-pass iterator: kept as the first pass reads it
            read = _Kept(read)
        extractions = _Confident(read, config.min_confidence)
        known = authority.load(config.authorities) if known is None else known
        now = entered_now()
        entered = {d.id: (entered or {}).get(d.id, now) for d in documents}
        held = isinstance(read, Sequence | _Kept)  # in memory: what resolution makes of it, too
        articles = frozenset(str(document_iri(d.id, config.base)) for d in documents)
        ledger = None  # the facts graph's quads by fact: an add carries over those unchanged
        if into is not None:
            facts = str(graph_iri("facts", config.base))
            files = [NQUADS, *graph.streamed(formats)]
            ledger = Ledger(facts, files, None if readings is None else readings.ledger)
        keeping = (
            state.Keeping(into / STATE_DIR, config, articles, earlier=readings, ledger=ledger)
            if into is not None
            else None
        )
        with keeping or contextlib.nullcontext():
            resolver = resolve.Resolver(
                extractions, documents, authority=known, minted=minted, hold=held, names=names,
                readings=readings, keep=keeping.reading if keeping else None,
            )  # fmt: skip
            resolution = resolver.resolution
            reconciled = reconcile.reconcile(resolution.facts)
            replayed = frozenset(str(document_iri(doc, config.base)) for doc in resolver.replayed)
            earlier = None
            if sources is None:
                kept = readings.sketches() if readings is not None else None
                sources = find_sources(documents, threshold=config.copy_threshold, kept=kept)
            if columns is not None:  # the articles restored ahead (keep.add) but read again
                columns.forget(replayed)
            if readings is not None and keeping is not None:  # the kept graph is changed
                was = keeping.carry(readings, replayed, whole=resolver.replayed_all)
                out, blocks = readings.folder.parent, readings.blocks()
                earlier = on_disk.Earlier(
                    out=out, kept=replayed, was=was, blocks=blocks, ledger=ledger
                )

            def mapped() -> View | None:  # the statement columns kept, and the map drawn
                if columns is not None and into is not None:
                    with state.Statements(into / STATE_DIR) as out:
                        if readings is not None:  # those of the articles not read again
                            columns.restore(out.carry(readings, replayed))
                        out.write(columns.statements(skip=replayed))
                if draw is None:
                    return None
                return draw(columns if columns is not None and into is not None else dataset)

            keep = None  # what the state keeps besides the quads: for a kept graph, while it draws
            if keeping is not None:
                keep = functools.partial(_keep, keeping, resolver, sources.sketches)
            related = list(merge.related(reconciled.facts, threshold=config.related_threshold))
            saved: dict[str, Any] = {}
            beside = None  # a kept graph's map is drawn in a child beside the store's change
            if keep is not None and earlier is not None and columns is not None and draw:
                only = quads.apart(reconciled.conflicts, related)  # all the map reads of them
                drawn = _statements(resolver, reconciled.index, only=only)
                beside = graph.Beside(columns.take, mapped, lambda: saved.update(keep()), drawn)
            taken = columns.take if columns is not None and beside is None else None
            dataset = graph.to_dataset(
                documents,
                resolution.entities,
                reconciled.facts,
                statements=_Again(functools.partial(_statements, resolver, reconciled.index)),
                conflicts=reconciled.conflicts,
                related=related,
                sources=sources,
                datelines=resolution.datelines,
                entered=entered,
                base=config.base,
                store=config.store,
                into=into,
                formats=formats,
                also=graph.both(keeping.quads, taken) if keeping else taken,
                earlier=earlier,
                beside=beside,
                ledger=ledger,
            )
            if beside is None:  # else kept while the map is drawn
                saved.update(resolver.saved_names() if keep is None else keep())
        sentences, triples = resolver.replayed_counts
        built = BuildResult(
            dataset=dataset,
            documents=len(documents),
            sentences=extractions.sentences + sentences,
            entities=len(resolution.entities),
            triples=extractions.triples + triples,
            facts=len(reconciled.facts),
            seconds=time.perf_counter() - started,
            read=read.kept if isinstance(read, _Kept) else read,
            minted=resolution.minted,
            entered=entered,
            names=saved,
            replayed=len(resolver.replayed),
            view=None if beside is None else beside.value,
        )
        if beside is not None:
            return built
        del resolver, resolution, reconciled  # a build's map is drawn without them
        return dataclasses.replace(built, view=mapped())


def _keep(
    keeping: state.Keeping, resolver: resolve.Resolver, sketches: Sketches
) -> Mapping[str, Any]:
    """Keep what resolution read of the names, the articles' sketches and the facts' ledger.

    Once the quads are written. A kept graph's add does it while its map's child draws
    (graph.Beside's `meanwhile`): on ABC the names took 0.3 s, the ledger 0.2-0.25 s and the
    sketches 0.05-0.07 s, and the map's child ends last.
    """
    names = resolver.saved_names()
    keeping.names(names)
    keeping.sketches(sketches)
    keeping.facts()
    return names


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
    from graphkit import extract, nlp  # here: as in `read`

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
    from graphkit import nlp

    _worker = (nlp.load_pipeline(config.model), extractors, config.batch_size)


def _extract_chunk(documents: list[Document]) -> list[Extraction]:
    assert _worker is not None, "worker not initialised"
    from graphkit import extract, nlp

    pipeline, extractors, batch_size = _worker
    with fewer_collections():
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


class _Kept:
    """Articles as a one-pass iterator yields them, kept as they pass for the passes after.

    The first pass of resolution so reads each article as soon as it is parsed: beside a Dask
    build's workers, the driver collects the names instead of waiting for the last article.
    """

    def __init__(self, read: Iterator[tuple[Document, Extraction]]) -> None:
        self._read: Iterator[tuple[Document, Extraction]] | None = read
        self.kept: list[tuple[Document, Extraction]] = []

    def __iter__(self) -> Iterator[tuple[Document, Extraction]]:
        if self._read is None:
            yield from self.kept
            return
        for article in self._read:
            self.kept.append(article)
            yield article
        self._read = None


def _statements(
    resolver: resolve.Resolver, facts: Mapping[str, Fact], only: Container[str] | None = None
) -> Iterator[tuple[Fact, Evidence | KeptStatement]]:
    """Each sighting's evidence again, with the fact it is part of (graph.to_dataset's).

    `only` as for resolve.Resolver.statements.
    """
    return ((facts[key], evidence) for key, evidence in resolver.statements(only))


class _Again:
    """An iterable made anew by `make` each time it is iterated."""

    def __init__(self, make: Callable[[], Iterator[Any]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return self._make()


class _Confident:
    """The extractions of articles read, triples under a confidence threshold left out.

    Iterable again and again (resolve.Resolver reads it in passes), counting as it goes.
    """

    def __init__(self, read: Iterable[tuple[Document, Extraction]], threshold: float) -> None:
        self._read = read
        self._threshold = threshold
        self.sentences = self.triples = 0

    def __iter__(self) -> Iterator[Extraction]:
        return self.skipping(frozenset())

    def skipping(self, ids: frozenset[str]) -> Iterator[Extraction]:
        """The extractions of the articles not in `ids` (resolve.Skipping), counted."""
        read = self._read
        if ids and isinstance(read, state.Articles):  # their lines are not even decoded
            read = read.skipping(ids)
        self.sentences = self.triples = 0
        for document, extraction in read:
            if document.id in ids:
                continue
            if self._threshold > 0:
                kept = tuple(t for t in extraction.triples if t.confidence >= self._threshold)
                extraction = dataclasses.replace(extraction, triples=kept)
            self.sentences += len(extraction.sentences)
            self.triples += len(extraction.triples)
            yield extraction


def _progress(items: Iterator[Extraction], *, total: int, enabled: bool) -> Iterator[Extraction]:
    if not enabled or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return iter(tqdm(items, total=total, unit="doc", file=sys.stderr))
