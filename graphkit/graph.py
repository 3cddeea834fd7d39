"""Graph: documents, entities and facts → an rdflib Dataset; reading and writing it on disk.

The Dataset is Oxigraph-backed by default (oxrdflib's store): it holds a million quads in a few
hundred megabytes, answers SPARQL natively and writes every format in Rust. Any other rdflib
store (the pure-Python "Memory" store, for one) works through the same functions.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import SKOS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from graphkit import outputs
from graphkit import store as on_disk
from graphkit._fork import forked
from graphkit._io import atomic_write_bytes, copy_runs, write_text
from graphkit.config import BLOCKS, DEFAULT_BASE, DEFAULT_FORMATS, DEFAULT_STORE, STATE_DIR
from graphkit.errors import InputError
from graphkit.ledger import Ledger
from graphkit.merge import Related
from graphkit.quads import Quads
from graphkit.reconcile import Conflict
from graphkit.rows import Row, Turtle
from graphkit.sources import Sources
from graphkit.store import Chunk, Earlier
from graphkit.types import Document, Entity, Evidence, Fact, KeptStatement
from graphkit.vocab import (
    namespaces,
)

FORMATS = {".trig": "ox-trig", ".nq": "ox-nquads", ".ttl": "ox-turtle", ".jsonld": "ox-json-ld"}
"""File suffix → rdflib format (oxrdflib's plug-ins), for every file `write` and `load` handle."""


def to_dataset(
    documents: Sequence[Document],
    entities: Iterable[Entity],
    facts: Iterable[Fact],
    *,
    statements: Iterable[tuple[Fact, Evidence | KeptStatement]] = (),
    conflicts: Sequence[Conflict] = (),
    related: Iterable[Related] = (),
    sources: Sources | None = None,
    datelines: Iterable[tuple[str, Entity]] = (),
    entered: Mapping[str, str] | None = None,
    base: str = DEFAULT_BASE,
    store: str = DEFAULT_STORE,
    into: Path | None = None,
    formats: Iterable[str] = (),
    also: Callable[[Chunk], None] | None = None,
    earlier: Earlier | None = None,
    beside: Beside | None = None,
    ledger: Ledger | None = None,
) -> Dataset:
    """Build the dataset: a named graph per article, plus metadata, entities and facts.

    The article graphs hold only what each article says (`statements`: each sighting's evidence
    and its fact); the shared graphs hold what depends on several: entities, facts with their
    support, near matches, conflicts and copies.
    With `into` (an output folder) the quads stream into its on-disk store (graphkit.store) as
    they are made, and the dataset returned reads that store, read-only: the whole dataset is
    never in memory. The graph files of `formats` that can be (STREAMED) are written into
    `into` as the quads stream; the caller writes any other from the store. `also` is given
    each chunk of quads as it is written into `into` (analyze.Columns.take gathers a map's).
    `earlier` is the kept graph whose articles `statements` did not read again: `into`'s store
    and files are then its own changed (store.patch, StreamedFiles), those articles' graphs
    kept as they are. With a `ledger` (graphkit.ledger; `into` only), the facts graph is
    written by fact and each fact's place noted there: the facts its kept ledger finds
    unchanged are not made but copied from `earlier`'s files, and the caller keeps it once
    the quads are written (state.Keeping.facts). With `beside`, a forked child process reads
    the quads too: `statements` (or `beside.statements`) and `related` are then iterated once
    in each process, and the child's quads are what a map reads.
    """

    def rows(
        *,
        every_fact: bool = True,
        ledger: Ledger | None = None,
        read: Iterable[tuple[Fact, Evidence | KeptStatement]] | None = None,
    ) -> Iterator[Row]:
        return Quads(base, entered or {}).build(
            documents, entities, facts, statements if read is None else read, conflicts,
            related, sources or Sources(), datelines, every_fact=every_fact, ledger=ledger,
        )  # fmt: skip

    if into is not None:
        with (
            _apart(rows, beside),
            StreamedFiles(into, streamed(formats), prefixes(base), earlier, ledger) as files,
        ):
            chunked = both(files.write, also)
            if earlier is None:
                on_disk.build(into, rows(ledger=ledger), base=base, also=chunked)
            else:
                on_disk.patch(into, rows(ledger=ledger), earlier, base=base, also=chunked)
        write_text(into / STATE_DIR / BLOCKS, json.dumps(files.blocks))
        opened = _open_store(into)
        assert opened is not None, "the store was just written"
        return opened
    texts = (chunk.text() for chunk in on_disk.chunks(rows()))
    if store == DEFAULT_STORE:
        inner = ox.Store()
        for text in texts:
            inner.load(input=text, format=ox.RdfFormat.N_QUADS)
        return _dataset(OxigraphStore(store=inner), base)
    dataset = _dataset(store, base)
    named = functools.cache(dataset.graph)  # one Graph per name, not one per quad
    for text in texts:
        dataset.addN(
            (
                _rdflib(q.subject),
                _rdflib(q.predicate),
                _rdflib(q.object),
                named(cast(URIRef, _rdflib(q.graph_name))),
            )
            for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)
        )
    return dataset


class Beside:
    """What reads a kept graph's quads beside its store, in a forked child process (`to_dataset`).

    The child makes its own stream of the quads a map reads (those of the facts graph near
    another or in conflict only: Quads.build's `every_fact`), from `statements` if given (all a
    map reads of them: quads.apart), and gives it to `take`, then runs `then`, whose answer is
    `value` once `to_dataset` returns. On two cores an add's map is drawn while its store and
    graph files are written, not after them (graphkit._fork). `meanwhile` runs in this
    process once they are written, while the child may still draw.
    """

    def __init__(
        self,
        take: Callable[[Iterable[Row]], None],
        then: Callable[[], Any],
        meanwhile: Callable[[], None] | None = None,
        statements: Iterable[tuple[Fact, Evidence | KeptStatement]] | None = None,
    ) -> None:
        self.take = take
        self.then = then
        self.meanwhile = meanwhile
        self.statements = statements
        self.value: Any = None


@contextlib.contextmanager
def _apart(rows: Callable[..., Iterable[Row]], beside: Beside | None) -> Iterator[None]:
    """`beside` in a forked child while the block runs; its `value` set once both are done."""
    if beside is None:
        yield
        return

    def apart() -> Any:
        beside.take(rows(every_fact=False, read=beside.statements))
        return beside.then()

    with forked(apart, what="the drawing of the map") as drawn:
        yield
        if beside.meanwhile is not None:
            beside.meanwhile()
        beside.value = drawn()


def both(
    first: Callable[[Chunk], None], then: Callable[[Chunk], None] | None
) -> Callable[[Chunk], None]:
    """One callback for a chunk of quads that calls `first`, then `then` (if any)."""
    if then is None:
        return first

    def call_both(chunk: Chunk) -> None:
        first(chunk)
        then(chunk)

    return call_both


def fill(memory: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Every quad into the in-memory store `memory`, one at a time, as the iterable yields them.

    Oxigraph's in-memory store takes quads one by one in half the time its bulk loader or a
    transaction (extend) takes (ABC's first 1,600 articles: 2.0 s, against 4.3 s in chunks of
    store.CHUNK and 3.4 s for extend), and holds nothing but the store.
    """
    add = memory.add
    for quad in quads:
        add(quad)


WRITTEN = tuple(f".{name}" for name in DEFAULT_FORMATS)
"""What `write` produces unless told otherwise; N-Quads and JSON-LD are on request."""


def write(
    dataset: Dataset,
    out_dir: Path,
    *,
    stem: str = "graph",
    formats: Iterable[str] = WRITTEN,
) -> list[Path]:
    """Write the dataset in `formats` (suffixes of FORMATS) into `out_dir`, each atomically.

    .trig and .nq keep the named graphs; .ttl is their union, flattened; .jsonld is JSON-LD.
    """
    suffixes = list(formats)
    for suffix in suffixes:  # all checked before any file is written
        if suffix not in FORMATS:
            raise InputError(f"{suffix}: not a graph format (expected {', '.join(FORMATS)})")
    written = []
    for suffix in suffixes:
        path = out_dir / f"{stem}{suffix}"
        with atomic_write_bytes(path) as out:
            if suffix == ".ttl":
                _write_union(dataset, out)
            else:
                dataset.serialize(destination=out, format=FORMATS[suffix])
        written.append(path)
    return written


STREAMED = (".trig", ".nq", ".ttl")
"""The formats StreamedFiles writes as a build's quads stream into its store (.ttl: the union)."""


def streamed(formats: Iterable[str]) -> list[str]:
    """The suffixes of `formats` that a build into a store writes as its quads stream."""
    return [suffix for suffix in formats if suffix in STREAMED]


def prefixes(base: str) -> dict[str, str]:
    """The prefixes the files of a graph built under `base` declare (those `_dataset` binds)."""
    bound = _dataset(OxigraphStore(store=ox.Store()), base).namespaces()
    return {prefix: str(namespace) for prefix, namespace in bound}


class StreamedFiles:
    """Graph files written a chunk of quads at a time, as a build streams them into its store.

    Reading ABC's 1.4 million quads back from the on-disk store took 25 s a file (a RocksDB
    lookup a term). Each chunk is parted by graph and each graph's part written as text
    (graphkit.rows: N-Quads, and Turtle under the files' prefixes, a subject's triples
    together, made once for .trig and .ttl). A chunk
    writes one block a graph it holds, so a graph may stand in several blocks
    (TriG merges their triples), and graph.ttl may write a triple several graphs hold once
    for each (the same RDF graph). `blocks` says where each block stands: with an `earlier`
    kept graph, the blocks of the graphs it keeps are copied from its files first. A context
    manager: each file is renamed into place only if the block succeeds (_io.atomic_write_bytes).
    """

    def __init__(
        self,
        out_dir: Path,
        formats: Sequence[str],
        prefixes: Mapping[str, str],
        earlier: Earlier | None = None,
        ledger: Ledger | None = None,
    ) -> None:
        self.paths = [out_dir / f"graph{suffix}" for suffix in formats]
        self.blocks: dict[str, list[tuple[str, int, int]]] = {suffix: [] for suffix in formats}
        """Suffix → (graph IRI, start, end) of each block of each file, in bytes."""
        self._prefixes = dict(prefixes)
        self._turtle = Turtle(prefixes)
        self._earlier = earlier
        self._ledger = ledger
        self._stack = contextlib.ExitStack()
        self._files: dict[str, BinaryIO] = {}

    def __enter__(self) -> StreamedFiles:
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self._prefixes.items()).encode()
        for path in self.paths:
            out = self._stack.enter_context(atomic_write_bytes(path))
            if path.suffix != ".nq":
                out.write(header)
            self._files[path.suffix] = out
            if self._earlier is not None:
                self._copy(path.name, out, self._earlier)
        return self

    def __exit__(self, *exc: Any) -> None:
        with self._stack:
            if exc[0] is None and self._ledger is not None:  # the facts it carries over, last
                graph = self._ledger.graph
                for suffix, out in self._files.items():
                    wrap = self._turtle.block(graph) if suffix == ".trig" else (b"", b"")
                    self.blocks[suffix].extend(
                        (graph, start, end) for start, end in self._ledger.copy(suffix, out, wrap)
                    )

    def write(self, chunk: Chunk) -> None:
        """Write one chunk of quads to every file, a block a graph it holds.

        The quads of a graph keep the order they came in, each subject's together as a build
        makes them: sorting a chunk by subject took half the time of writing it (ABC's shared
        graphs: 1.7 s against 0.8 s) for files 0.3% smaller. The facts graph's text is written
        by fact, and where each stands noted in the ledger.
        """
        ledger = self._ledger
        for graph, rows in chunk.parts().items():
            by_fact = ledger is not None and graph == ledger.graph
            turtle = None  # the part's Turtle by subject, for both .trig and .ttl
            for suffix, out in self._files.items():
                start = out.tell()
                if suffix == ".nq":
                    runs = chunk.runs(graph) if by_fact else []
                    at = start
                    out.write(chunk.nquads(graph))
                else:
                    runs = turtle = self._turtle.subjects(rows) if turtle is None else turtle
                    head, tail = self._turtle.block(graph) if suffix == ".trig" else (b"", b"")
                    at = start + len(head)
                    out.write(head + b"".join(text for _, text in turtle) + tail)
                if ledger is not None and by_fact:
                    ledger.record(suffix, at, runs)
                self.blocks[suffix].append((graph, start, out.tell()))

    def _copy(self, name: str, out: BinaryIO, earlier: Earlier) -> None:
        """Copy the blocks of the graphs `earlier` keeps from its file `name` into `out`."""
        suffix = Path(name).suffix
        kept = [block for block in earlier.blocks.get(suffix, ()) if block[0] in earlier.kept]
        for _, _, blocks in copy_runs(earlier.out / name, kept, out):
            self.blocks[suffix].extend(blocks)


def _write_union(dataset: Dataset, out: BinaryIO) -> None:
    """Turtle of the union: each graph's triples in turn, under one set of prefixes.

    A triple several graphs hold (a fact several articles state) is written once per graph:
    the same RDF graph, for a third of the time it takes Oxigraph to merge the union first.
    """
    inner = _oxigraph(dataset)
    if inner is None:
        flatten(dataset).serialize(destination=out, format=FORMATS[".ttl"])
        return
    prefixes = {prefix: str(namespace) for prefix, namespace in dataset.namespaces()}
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode())
    for name in [ox.DefaultGraph(), *inner.named_graphs()]:
        body = _AfterPrefixes(out)  # streamed: one article's graph can be most of a build
        writer = cast(IO[bytes], body)  # all Oxigraph calls: write and flush
        inner.dump(writer, format=ox.RdfFormat.TURTLE, from_graph=name, prefixes=prefixes)
        body.end()


class _AfterPrefixes:
    """A writer that passes on all Oxigraph writes but the @prefix lines it starts with."""

    _PREFIX = b"@prefix "

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._head = b""  # what came before the first line that is not a prefix
        self._passing = False

    def write(self, data: bytes) -> int:
        if self._passing:
            return self._out.write(data)
        self._head += data
        while self._head.startswith(self._PREFIX) and b"\n" in self._head:
            self._head = self._head.split(b"\n", 1)[1]
        undecided = self._PREFIX.startswith(self._head) or (
            self._head.startswith(self._PREFIX) and b"\n" not in self._head
        )
        if not undecided:
            self.end()
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def end(self) -> None:
        """Pass on what is held: the graph's end, or the first line that is not a prefix."""
        self._passing = True
        self._out.write(self._head)
        self._head = b""


def flatten(dataset: Dataset) -> Graph:
    """Return every triple of every graph in one plain Graph (for Turtle and simple tools)."""
    inner = _oxigraph(dataset)
    if inner is not None:  # the union merged by Oxigraph, never made into rdflib terms
        union = inner.query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        assert isinstance(union, ox.QueryTriples)
        merged = ox.Store()
        fill(merged, (ox.Quad(t.subject, t.predicate, t.object) for t in union))
        flat = Graph(store=OxigraphStore(store=merged), identifier=DATASET_DEFAULT_GRAPH_ID)
    else:
        flat = Graph()
        flat += ((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))
    for prefix, namespace in dataset.namespaces():
        flat.bind(prefix, namespace)
    return flat


def subject_objects(dataset: Dataset, predicate: URIRef) -> Iterator[tuple[str, str]]:
    """Yield (subject, object) of every `predicate` triple in every graph, as plain strings.

    What rdflib's `subject_objects` gives, without making rdflib terms: a map of a big graph
    reads a million of them.
    """
    inner = _oxigraph(dataset)
    if inner is None:
        yield from ((str(s), str(o)) for s, o in dataset.subject_objects(predicate))
        return
    for quad in inner.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        subject, obj = quad.subject, quad.object
        if not isinstance(subject, ox.Triple) and not isinstance(obj, ox.Triple):  # RDF 1.2
            yield subject.value, obj.value


def subjects(dataset: Dataset, predicate: URIRef, obj: URIRef) -> Iterator[str]:
    """Yield the subject of every (subject, `predicate`, `obj`) triple, as a plain string."""
    inner = _oxigraph(dataset)
    if inner is None:
        yield from (str(s) for s in dataset.subjects(predicate, obj))
        return
    for quad in inner.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj), None):
        if not isinstance(quad.subject, ox.Triple):
            yield quad.subject.value


def _oxigraph(dataset: Dataset) -> ox.Store | None:
    """The pyoxigraph Store behind `dataset`, if Oxigraph holds it."""
    if not isinstance(dataset.store, OxigraphStore):
        return None
    # oxrdflib has no public handle on its pyoxigraph Store (its own serialisers use this one).
    return dataset.store._inner


def load(path: Path, *, store: str = DEFAULT_STORE) -> Dataset:
    """Read a graph written by `write` (.trig, .nq, .ttl, .jsonld) or a build output folder.

    A folder's on-disk store (OUT/store, see graphkit.store) is opened read-only when it is
    there and `store` is Oxigraph: nothing is parsed, and the dataset refuses changes. Else the
    folder's graph.trig is parsed into a new `store`.
    """
    if path.is_dir():
        opened = _open_store(path) if store == DEFAULT_STORE else None
        if opened is not None:
            return opened
        path = path / "graph.trig"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: not a graph file (expected {', '.join(FORMATS)})")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    outputs.verify(path)
    dataset = _dataset(OxigraphStore() if store == DEFAULT_STORE else store, DEFAULT_BASE)
    try:
        target = dataset.default_graph if fmt == "ox-turtle" else dataset
        target.parse(path, format=fmt)
    except Exception as error:  # pyoxigraph and rdflib raise many parser-specific types
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{path}: not valid {fmt.removeprefix('ox-')} ({message})") from error
    return dataset


def _open_store(out_dir: Path) -> Dataset | None:
    """The dataset of `out_dir`'s on-disk store, read-only, with its base IRI's prefixes.

    None when `out_dir` has no store (a build by an older graphkit, or files alone).
    """
    from graphkit import store as on_disk  # here: graphkit.store imports this module
    from graphkit.config import STORE_DIR

    folder = out_dir / STORE_DIR
    if not folder.exists():
        return None
    database, descriptor = on_disk.open_read_only(folder)
    return _dataset(OxigraphStore(store=database), descriptor.base)


def _dataset(store: str | OxigraphStore, base: str) -> Dataset:
    dataset = Dataset(store=store, default_union=True)
    # Only the prefixes graphkit uses: rdflib binds ~30 by default and writers print them all.
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="core")
    for prefix, namespace in {"skos": SKOS, **namespaces(base)}.items():
        dataset.bind(prefix, namespace)
    return dataset


def _rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise TypeError(f"not an RDF term: {term!r}")


_STRING = str(XSD.string)
