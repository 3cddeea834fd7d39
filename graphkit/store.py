"""The store: a built graph's home on disk, an Oxigraph database in `OUT/store`.

Why: reading `graph.trig` back means parsing every quad again, which takes seconds for a few
thousand articles and far longer than the query that follows. Oxigraph's on-disk store (RocksDB)
opens in milliseconds and answers SPARQL from its own indexes. So `graphkit build` and
`kg.save()` write it beside the files, from the same dataset, and every command that only
reads a graph (`query`, `stats`, `view`, `conflicts`, `diff`, `serve`, `graphkit.load`) opens it
read-only when it is there, and reads the files when it is not.

Layout (format 1), inside the output set that `graphkit.outputs` stages, swaps in and lists in
`manifest.json`:

    OUT/store/graphkit-store.json   the descriptor: format, versions, base IRI, quad count
    OUT/store/oxigraph/             the Oxigraph database: every quad of the dataset

The descriptor is written after the database is closed, and read before it is opened: a store
without one, or of another format, is refused with one line, never misread.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from graphkit import outputs
from graphkit._io import write_text
from graphkit.config import DEFAULT_BASE, STORE_DIR
from graphkit.errors import InputError
from graphkit.rows import Row, nquads, nquads_subjects

if TYPE_CHECKING:
    from rdflib import Dataset

    from graphkit.ledger import Ledger

FORMAT = 1
"""The layout this graphkit writes and reads; raise it whenever the store's contents change."""
DESCRIPTOR = "graphkit-store.json"
DATABASE = "oxigraph"
KIND = "graphkit-store"


@dataclass(frozen=True, slots=True, kw_only=True)
class Descriptor:
    """What `OUT/store/graphkit-store.json` says about the database beside it."""

    format: int
    graphkit: str
    pyoxigraph: str
    base: str
    quads: int


def write(dataset: Dataset, out_dir: Path, *, base: str | None = None) -> Path:
    """Write `dataset` as an on-disk Oxigraph store in `out_dir/store`; return that folder.

    `base` is the base IRI the graph was minted under, recorded so a reader binds the same
    prefixes; by default the one the dataset's `ent:` prefix names.
    """
    from graphkit import graph  # here: opening a store for a query needs no rdflib

    inner = graph._oxigraph(dataset)
    if inner is not None:
        quads: Iterator[ox.Quad] = iter(inner)
    else:  # another rdflib store: through N-Quads, which both sides write and read losslessly
        data = dataset.serialize(format="nquads", encoding="utf-8")
        quads = ox.parse(data, format=ox.RdfFormat.N_QUADS)

    def load(database: ox.Store) -> None:  # CHUNK quads at a time, as `build` loads rows
        for batch in _batches(quads):
            database.bulk_extend(batch)

    return _new(out_dir, load, base=base or _base_of(dataset))


def build(
    out_dir: Path,
    rows: Iterable[Row],
    *,
    base: str,
    also: Callable[[Chunk], None] | None = None,
) -> Path:
    """Load the quads of `rows` as they come into a new store in `out_dir/store`; return it.

    Bulk-loaded (Oxigraph writes its indexes directly, without transactions), a chunk at a
    time: the quads are never all in memory. Oxigraph's bulk loader sorts what it is given in
    memory (about 1.3 KB a quad): one load of ABC's million quads peaked 860 MB above the
    dataset; in chunks of 100,000 quads, 236 MB (250,000: 439 MB; 50,000: 180 MB), in the same
    time and for a store of the same size. `base` is the base IRI the graph was minted under,
    recorded so a reader binds the same prefixes. `also` is given each chunk once loaded.
    """

    def load(database: ox.Store) -> None:
        for chunk in chunks(rows):
            if also is not None:  # first: it may make a part's N-Quads by subject (Chunk.runs)
                also(chunk)
            database.bulk_load(input=chunk.text(), format=ox.RdfFormat.N_QUADS)

    return _new(out_dir, load, base=base)


def _new(out_dir: Path, load: Callable[[ox.Store], None], *, base: str) -> Path:
    """A new store in `out_dir/store` that `load` fills, described once it is closed."""
    folder = out_dir / STORE_DIR
    folder.mkdir(parents=True, exist_ok=False)
    database = ox.Store(str(folder / DATABASE))
    load(database)
    database.flush()
    count = len(database)
    del database  # closes the database (pyoxigraph has no close()): nothing is written later
    _describe(folder, base=base, quads=count)
    return folder


@dataclass(frozen=True, slots=True, kw_only=True)
class Earlier:
    """A kept graph, whose store and files an add or remove changes rather than rewrites.

    (`patch`, graph.StreamedFiles.)
    """

    out: Path
    """The kept graph's output folder (OUT): its store, graph files and state."""
    kept: frozenset[str]
    """The IRIs of the graphs it holds as they stay: articles not read again."""
    was: set[bytes]
    """Every other quad it holds, as N-Quads lines (state.Keeping.carry), but those of the facts
    its ledger lists (`ledger`): `patch` uses it up."""
    blocks: Mapping[str, Sequence[tuple[str, int, int]]]
    """Where each graph stands in each graph file: suffix → (graph IRI, start, end) blocks."""
    ledger: Ledger | None = None
    """The facts the change carries over from it (graphkit.ledger), if it keeps any."""


def patch(
    out_dir: Path,
    rows: Iterable[Row],
    earlier: Earlier,
    *,
    base: str,
    also: Callable[[Chunk], None] | None = None,
) -> Path:
    """Write the store of `rows` in `out_dir/store` by changing a copy of `earlier`'s.

    The copy is a checkpoint of the earlier database (hard links: no quad is copied). The
    graphs `earlier` keeps are in it already, and `rows` holds none of their quads; of the
    others, it loses those `rows` lacks and gains those it lacks; of the facts `earlier`'s ledger
    lists, it keeps those the ledger carries over and compares the others. So an add writes what
    changed, not the whole graph: on ABC, rewriting the facts graph alone took 11 s. The quads
    it gains are bulk-loaded, CHUNK at a time, as `build` loads: not atomically, but the copy
    is staged, and a failed add never uses it. An add to ABC gained 10,479 in 0.18 s so,
    against 0.36 s for one transaction (`Store.extend`) and the flush after it. `also` as for
    `build`.
    """
    folder = out_dir / STORE_DIR
    folder.mkdir(parents=True, exist_ok=False)
    before = earlier.out / STORE_DIR
    had = read_descriptor(before).quads  # a store of another format is refused, not changed
    ox.Store.read_only(str(before / DATABASE)).backup(str(folder / DATABASE))
    gone, new = earlier.was, set()  # what was and is not, what is and was not
    stayed: set[bytes] = set()  # what was and is; a quad may come twice (one statement)
    for chunk in chunks(rows):
        if also is not None:  # first, as in `build`
            also(chunk)
        for line in chunk.text().splitlines():
            if line in gone:
                gone.remove(line)
                stayed.add(line)
            elif line not in stayed:
                new.add(line)
    if earlier.ledger is not None:  # the facts it listed: `was` left them out
        for line in earlier.ledger.remade():  # made again: here as they were, or gone
            if line in new:
                new.remove(line)
            else:
                gone.add(line)
    database = ox.Store(str(folder / DATABASE))
    for quad in ox.parse(b"\n".join(gone), format=ox.RdfFormat.N_QUADS):
        database.remove(quad)
    for batch in _batches(new):
        database.bulk_load(input=b"\n".join(batch), format=ox.RdfFormat.N_QUADS)
    database.flush()
    del database
    # `gone` it held and `new` it did not: counting the store's quads again took ABC 0.3 s
    _describe(folder, base=base, quads=had - len(gone) + len(new))
    return folder


CHUNK = 100_000
"""Quads a store takes at a time (`build`, `patch`): bounds the memory each step takes."""


class Chunk:
    """CHUNK quads of a build as they stream: their rows, parted by graph, and as N-Quads.

    Every step a chunk passes through (the store, the graph files, the state, a map) reads it;
    each part and its N-Quads are made once for them all.
    """

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self._parts: dict[str, list[Row]] | None = None
        self._nquads: dict[str, bytes] = {}
        self._runs: dict[str, list[tuple[str, bytes]]] = {}

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def parts(self) -> dict[str, list[Row]]:
        """Graph IRI → its rows, in the order they came."""
        if self._parts is None:
            self._parts = {}
            for row in self.rows:
                self._parts.setdefault(row[4], []).append(row)
        return self._parts

    def nquads(self, graph: str) -> bytes:
        """The N-Quads lines of `graph`'s part."""
        if graph not in self._nquads:
            self._nquads[graph] = nquads(self.parts()[graph])
        return self._nquads[graph]

    def runs(self, graph: str) -> list[tuple[str, bytes]]:
        """The N-Quads lines of `graph`'s part by run of one subject: (subject, lines).

        Made before `nquads` is asked for that part (graphkit.ledger's facts), which then
        joins them.
        """
        if graph not in self._runs:
            self._runs[graph] = nquads_subjects(self.parts()[graph])
            self._nquads[graph] = b"".join(text for _, text in self._runs[graph])
        return self._runs[graph]

    def text(self) -> bytes:
        """The N-Quads lines of every part."""
        return b"".join(map(self.nquads, self.parts()))


def chunks(rows: Iterable[Row]) -> Iterator[Chunk]:
    """`rows` in Chunks of CHUNK, as the iterable yields them."""
    return map(Chunk, _batches(rows))


T = TypeVar("T")


def _batches(items: Iterable[T]) -> Iterator[list[T]]:
    """`items` in lists of CHUNK, as the iterable yields them."""
    stream = iter(items)
    while batch := list(itertools.islice(stream, CHUNK)):
        yield batch


def _describe(folder: Path, *, base: str, quads: int) -> None:
    """Write the descriptor of the store in `folder`, once its database is closed."""
    descriptor = Descriptor(
        format=FORMAT,
        graphkit=_version("graphkit"),
        pyoxigraph=_version("pyoxigraph"),
        base=base,
        quads=quads,
    )
    record = {"kind": KIND, **asdict(descriptor)}
    write_text(folder / DESCRIPTOR, json.dumps(record, indent=2) + "\n")


def open_read_only(folder: Path) -> tuple[ox.Store, Descriptor]:
    """Open the store in `folder` read-only, after checking its descriptor and manifest entry.

    Raises InputError, in one line naming the folder, for a store graphkit did not write, one
    of another format, one that no longer matches its manifest, or one Oxigraph cannot open.
    Opening read-only writes nothing, so the manifest still matches afterwards.
    """
    descriptor = read_descriptor(folder)
    outputs.verify_folder(folder)
    try:
        database = ox.Store.read_only(str(folder / DATABASE))
    except OSError as error:
        raise InputError(
            f"{folder}: cannot open the store ({_first_line(error)}); rebuild with graphkit build"
        ) from error
    return database, descriptor


def read_descriptor(folder: Path) -> Descriptor:
    """Read and check `folder`'s descriptor: InputError (one line) unless it is format FORMAT."""
    path = folder / DESCRIPTOR
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{folder}: not a graphkit store (no {DESCRIPTOR}); rebuild with graphkit build"
        ) from None
    except (OSError, ValueError) as error:
        raise InputError(
            f"{path}: unreadable ({_first_line(error)}); rebuild with graphkit build"
        ) from error
    if not isinstance(record, dict) or record.get("kind") != KIND:
        raise InputError(f"{folder}: not a graphkit store; rebuild with graphkit build")
    found = record.get("format")
    if not isinstance(found, int) or isinstance(found, bool):
        raise InputError(f"{path}: no format number; rebuild with graphkit build")
    if found < FORMAT:
        raise InputError(
            f"{folder}: written by an older graphkit (format {found}); rebuild with graphkit build"
        )
    if found > FORMAT:
        raise InputError(
            f"{folder}: written by a newer graphkit (format {found}, this one reads {FORMAT}); "
            "upgrade graphkit or rebuild with graphkit build"
        )
    try:
        fields = {name: record[name] for name in ("graphkit", "pyoxigraph", "base", "quads")}
        return Descriptor(format=found, **fields)
    except KeyError as error:
        raise InputError(f"{path}: no {error.args[0]!r}; rebuild with graphkit build") from None


def _base_of(dataset: Dataset) -> str:
    """The base IRI whose `entity/` the dataset's `ent:` prefix names (graphkit's, else)."""
    entity = dict(dataset.namespaces()).get("ent")
    text = "" if entity is None else str(entity)
    return text.removesuffix("entity/") if text.endswith("entity/") else DEFAULT_BASE


def _version(package: str) -> str:
    from importlib import metadata  # here: 20-40 ms that opening a store does not need

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
