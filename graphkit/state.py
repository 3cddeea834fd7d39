"""State: what a kept graph needs to go on — its articles, what was read from them, and ids.

`OUT/state/` holds, beside the graph files and the store, everything `graphkit add` and
`graphkit remove` need so that they never parse an article twice: each article with its
extraction (sentences, mentions, triples) as JSON Lines, gzipped (a long article in several
lines, one a run of its text: extract.RUN_CHARS); the entity ids minted so far
(name key → id), so an IRI once minted stays; and the build's settings. A descriptor with a
format number comes first: a state written by another format is refused in one line.

Beside them, what resolution read of the articles' names (`names.json.gz`: spellings, type
votes, surnames; resolve.Resolver.saved_names), so that an add reads the names of its new
articles only, and what it decided of each name alone (its type, its authority link, a
person's matches), which an add decides again only for the names it changed. It holds
what the rules of one graphkit made of the names, so it carries a digest of graphkit's code
and the authority files (`rules`): under other rules it is not used, and the add reads every
article's names again, as a build would.

And, under the same digest, what resolution made of each article (`readings.jsonl.gz`,
resolve.Reading), the quads of the articles' own graphs and of the shared graphs
(`quads.nq.gz`, `derived.nq`), where each graph stands in the graph files (`blocks.json`) and
each fact's fingerprint and place in them (`facts.json`, graphkit.ledger): an add replays the
articles whose names still find the same entities, carries over the facts that did not change
and changes the store and files by what did (`Readings`, `Keeping`). The two quads files hold
the store's quads exactly. What a map reads of the articles' own graphs is kept apart too
(`statements.jsonl`, a line an article: analyze.Columns.statements): an add, `graphkit view`
and `graphkit stats` draw their maps from it and the shared graphs' quads (`kept_map`), not
from the store, and an add copies the lines of the articles it keeps.

The articles file is read lazily (`Articles`), as often as the build needs, never held whole:
`graphkit build` writes it as the articles are parsed and resolves from it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gzip
import hashlib
import io
import json
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from graphkit import outputs
from graphkit.config import BLOCKS, STATE_DIR, BuildConfig
from graphkit.errors import InputError
from graphkit.ledger import FILE as LEDGER
from graphkit.ledger import NQUADS, KeptLedger, Ledger
from graphkit.sources import Sketches
from graphkit.store import Chunk
from graphkit.types import Document, Extraction, Mention, Qualifier, Relation, Sentence, Triple

FORMAT = 3
"""Raised whenever what an article record holds changes (3: each triple's rule, "k")."""
DESCRIPTOR = "state.json"
ARTICLES = "articles.jsonl.gz"
MINTED = "minted.json"
NAMES = "names.json.gz"
READINGS = "readings.jsonl.gz"
QUADS = "quads.nq.gz"
DERIVED = "derived.nq"
"""Not compressed: every add reads and writes it whole (ABC: 100 MB, 0.55 s of gzip an add)."""
SKETCHES = "sketches.jsonl"
"""Each article's MinHash (sources.Sketches), a line an article after a header: an add hashes
only its new articles. A state without it (an older graphkit's) has them all hashed again."""
SKETCHES_KIND = "graphkit-sketches"
STATEMENTS = "statements.jsonl"
STATEMENTS_KIND = "graphkit-map-statements-2"
"""Names the layout of STATEMENTS' lines (analyze.Columns.statements): raise its number whenever
what a map reads of an article's statements changes (analyze._STATEMENT_COLUMNS)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class State:
    """A kept graph's articles, what was read from them, its ids and how it was built."""

    config: BuildConfig
    formats: tuple[str, ...]
    max_nodes: int
    read: Iterable[tuple[Document, Extraction]]
    """Each article with what was read from it, in runs for a long one: a tuple or `Articles`."""
    minted: Mapping[str, str]
    entered: Mapping[str, str]
    """Document id → when it entered the graph (ISO 8601, UTC)."""
    names: Mapping[str, Any] | None = None
    """What resolution read of the names (pipeline.BuildResult.names); `read_names` reads it.

    None when there is none to write: none read, or kept as the quads streamed (`Keeping.names`).
    """


class Articles:
    """The articles of a state's articles file, read again each time they are iterated.

    `appended`: where the articles `write_articles` appended to a copy of another articles file
    begin (the gzip member of their own), and the ids of the articles before them. A pass that
    skips all those reads the new ones alone: an add's resolution, which replays what it held.
    """

    def __init__(self, path: Path, *, appended: tuple[int, frozenset[str]] | None = None) -> None:
        self.path = path
        self.appended = appended

    def __iter__(self) -> Iterator[tuple[Document, Extraction]]:
        return self.skipping(frozenset())

    def skipping(self, ids: frozenset[str]) -> Iterator[tuple[Document, Extraction]]:
        """The articles not in `ids`: the lines of those in it are not decoded."""
        decoder = json.JSONDecoder()
        document: Document | None = None
        start = 0
        if self.appended is not None and self.appended[1] <= ids:  # ABC: 0.2 s a pass
            start = self.appended[0]
        with _damaged(self.path), open(self.path, "rb") as raw:
            raw.seek(start)
            with io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8") as lines:
                for line in lines:
                    head = _DOCUMENT_ID if line.startswith(_DOCUMENT_ID) else _RUN_ID
                    if ids and decoder.raw_decode(line, len(head))[0] in ids:
                        continue
                    record = json.loads(line)
                    if "document" in record:
                        document = _document(record["document"])
                    elif document is None or record["doc"] != document.id:
                        raise ValueError("a run of an article before the article")
                    yield document, _extraction(document, record)

    def documents(self) -> Iterator[Document]:
        """The articles alone: what was read from them is not decoded (an add's first look)."""
        head = '{"document": '  # how _article's records begin (json.dumps' separators)
        decoder = json.JSONDecoder()
        with _damaged(self.path), gzip.open(self.path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(head):
                    yield _document(decoder.raw_decode(line, len(head))[0])


class Readings:
    """A kept graph's readings (resolve.Reading) and its quads, read lazily.

    READINGS holds a line a reading, after a header naming the rules they were read under;
    QUADS the quads of every article's own graph, DERIVED all the others, as N-Quads. An add
    replays the readings that still hold and keeps those articles' graphs as they are,
    instead of reading the articles again; and changes the store by what the others became.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._held: list[_Line] | None = None
        self._derived: set[bytes] | None = None
        self._statements: list[_Record] | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._held is not None:
            return iter(self._held)
        return self._read()

    def held_exactly(self, readings: Sequence[_Line]) -> bool:
        """Whether `readings` are every reading `hold` read, in its order."""
        held = self._held
        return (
            held is not None
            and len(readings) == len(held)
            and all(given is kept for given, kept in zip(readings, held, strict=True))
        )

    def hold(self) -> None:
        """Read the readings, the shared graphs' quads and the statement columns now.

        An add does, while its new articles are parsed in a child (keep.py): on ABC, 0.75 s,
        0.5 s and (with the columns' restore, analyze.Columns) 0.35 s that its resolution, its
        store's change and its map no longer wait for.
        """
        self._held = list(self._read())
        self._derived = self._read_derived()
        self._statements = list(self._read_statements())

    def statements(self) -> Iterable[_Record]:
        """What a map reads of each article's statements (`STATEMENTS`), held or read now."""
        return self._read_statements() if self._statements is None else self._statements

    def derived(self) -> set[bytes]:
        """The lines of the shared graphs' quads the state kept (`DERIVED`), to use up.

        But those of the facts its ledger lists: an add compares only the facts it makes again
        (graphkit.ledger.Ledger.remade). On ABC, 140,000 of 554,000.
        """
        found, self._derived = self._derived, None
        return self._read_derived() if found is None else found

    def _read(self) -> Iterator[_Line]:
        path = self.folder / READINGS
        with _damaged(path), gzip.open(path, "rt", encoding="utf-8") as lines:
            next(lines)  # the header: read_readings checked it
            for line in lines:
                reading = _Line(json.loads(line))
                reading.line = line
                yield reading

    def _read_statements(self) -> Iterator[_Record]:
        path = self.folder / STATEMENTS
        with _damaged(path):
            _as_built(path, self)
        yield from read_statements(path)

    def _read_derived(self) -> set[bytes]:
        path = self.folder / DERIVED
        with _damaged(path):
            _as_built(path, self)
            data = path.read_bytes()  # in one piece: a line at a time, 2×
            ledger = self.ledger
            return set((data if ledger is None else ledger.outside(NQUADS, data)).splitlines())

    def sketches(self) -> Sketches | None:
        """The articles' MinHash sketches, if the state holds them (`Keeping.sketches`)."""
        path = self.folder / SKETCHES
        if not path.is_file():
            return None
        with _damaged(path), open(path, encoding="utf-8") as lines:
            _as_built(path, self)
            header = _header(lines, SKETCHES_KIND)
            values = dict(json.loads(line) for line in lines)
            return Sketches(scheme=header["scheme"], seed=header["seed"], values=values)

    @functools.cached_property
    def ledger(self) -> KeptLedger | None:
        """The facts the kept graph's files hold by fact (graphkit.ledger), if it kept them."""
        path = self.folder / LEDGER
        if not path.is_file():  # an older graphkit's state: every fact is made again
            return None

        def where(file: str) -> Path:  # the state's N-Quads, or a graph file by its suffix
            return self.folder / DERIVED if file == NQUADS else self.folder.parent / f"graph{file}"

        with _damaged(path):
            _as_built(path, self)
            return KeptLedger(path, where)

    def blocks(self) -> dict[str, list[tuple[str, int, int]]]:
        """Where each graph stands in each graph file (graph.StreamedFiles.blocks)."""
        path = self.folder / BLOCKS
        with _damaged(path):
            found = json.loads(path.read_text(encoding="utf-8"))
            return {
                suffix: [(g, start, end) for g, start, end in rows]
                for suffix, rows in found.items()
            }


class _Line(dict[str, Any]):
    """A reading as `Readings` read it, with its line: Keeping.reading writes it as it was."""

    __slots__ = ("line",)
    line: str


class _Record(list[Any]):
    """An article's statement columns, `[article IRI, rows]`, with their line as read.

    Statements.carry writes the line as it was.
    """

    __slots__ = ("line",)
    line: str


_BLOCK = 1 << 24
"""Bytes of N-Quads `read_blocks` gives at a time (about 100,000 quads): bounds the memory of
what reads a kept quads file (Keeping.carry, analyze.read_graph)."""


def _whole_lines(data: bytes) -> tuple[bytes, bytes]:
    """`data` cut after its last line end: the whole lines, and what follows them."""
    cut = data.rfind(b"\n") + 1
    return data[:cut], data[cut:]


def kept_map(out_dir: Path) -> tuple[Path, Path] | None:
    """The state's files of all a map reads of `out_dir`'s graph; None without such files.

    The shared graphs' quads, as N-Quads, and the articles' statement columns
    (analyze.Columns.statements), checked against the manifest: a map (`analyze.read_graph`)
    reads them far faster than the store, and than the articles' quads.
    """
    folder = out_dir / STATE_DIR
    files = (folder / DERIVED, folder / STATEMENTS)
    if not all(path.is_file() for path in files):
        return None
    outputs.verify_folder(folder)
    return files


def read_statements(path: Path) -> Iterator[_Record]:
    """A state's statement columns, an article at a time (analyze.Columns.statements)."""
    with _damaged(path), open(path, encoding="utf-8") as lines:
        _header(lines, STATEMENTS_KIND)
        for line in lines:
            record = _Record(json.loads(line))
            record.line = line
            yield record


def _header(lines: Iterator[str], kind: str) -> dict[str, Any]:
    """The header line of a state file of JSON Lines, read off `lines`; it must name `kind`."""
    header: dict[str, Any] = json.loads(next(lines, "{}"))
    if header.get("kind") != kind:
        raise ValueError(f"not {kind}")
    return header


def _as_built(path: Path, readings: Readings, *, hashed: bool = False) -> None:
    """ValueError unless a state file is as its manifest lists it: its size, or its hash."""
    if not outputs.as_listed(path, readings.folder.parent, hashed=hashed):
        raise ValueError(f"not the {'file' if hashed else 'size'} the build wrote")


def read_blocks(path: Path) -> Iterator[bytes]:
    """A kept quads file's N-Quads, gzipped or not, whole lines about _BLOCK bytes at a time."""
    opened = gzip.open if path.suffix == ".gz" else open
    with _damaged(path), opened(path, "rb") as data:
        rest = b""
        while block := data.read(_BLOCK):  # whole lines at a time, not a line at a time
            block, rest = _whole_lines(rest + block)
            yield block
        if rest:
            raise ValueError("cut short")


def read_readings(out_dir: Path, config: BuildConfig) -> Readings | None:
    """A kept graph's readings, if these rules read them (else None: an add reads every article)."""
    folder = out_dir / STATE_DIR
    kept = (READINGS, QUADS, DERIVED, STATEMENTS, BLOCKS)
    if not all((folder / name).is_file() for name in kept):
        return None
    with _damaged(folder / READINGS), gzip.open(folder / READINGS, "rt", encoding="utf-8") as lines:
        header = json.loads(next(lines))
    if header.get("kind") != "graphkit-readings" or header.get("rules") != _rules(config):
        return None
    return Readings(folder)


class Keeping:
    """Writes a graph's readings, quads, sketches and names into a state folder as they come.

    (`Readings` reads them back.) A context manager: the files are written whole or not at all
    (a staged folder's).
    """

    def __init__(
        self,
        folder: Path,
        config: BuildConfig,
        articles: frozenset[str],
        earlier: Readings | None = None,
        ledger: Ledger | None = None,
    ) -> None:
        self._folder = folder
        self._config = config
        self._articles = articles  # the IRIs of the articles' graphs
        self._ledger = ledger  # the facts graph's quads by fact (graphkit.ledger), if kept so
        self._earlier = earlier  # the kept graph's readings, which `reading` may give again
        self._carried: list[_Line] = []  # readings `earlier` held, given again, not yet written
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Keeping:
        self._folder.mkdir(parents=True, exist_ok=True)
        self._raw_readings = self._stack.enter_context(open(self._folder / READINGS, "wb"))
        self._readings: IO[str] | None = None  # a gzip member after what is copied whole
        self._raw = self._stack.enter_context(open(self._folder / QUADS, "wb"))
        self._quads: IO[bytes] | None = None  # a gzip member after what carry copies whole
        self._derived = self._stack.enter_context(open(self._folder / DERIVED, "wb"))
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._new_readings()
        finally:
            self._stack.close()

    def reading(self, reading: Mapping[str, Any]) -> None:
        """Keep one article's reading.

        One the kept graph held is its line again, not encoded again; and if every one it held
        comes again, in its order, before any other (an add that replays all), its file is
        copied, not compressed again (ABC: 0.11 s).
        """
        if not isinstance(reading, _Line):
            self._new_readings().write(json.dumps(reading, ensure_ascii=False) + "\n")
        elif self._readings is None:
            self._carried.append(reading)
        else:
            self._readings.write(reading.line)

    def _new_readings(self) -> IO[str]:
        """The readings file from here on, once what came before is written (`reading`)."""
        if self._readings is not None:
            return self._readings
        carried, self._carried = self._carried, []
        earlier, copied = self._earlier, False
        if earlier is not None and earlier.held_exactly(carried):  # its header and lines
            _copy_whole(earlier, READINGS, self._raw_readings)
            copied = True
        member = self._member(self._raw_readings)
        self._readings = self._stack.enter_context(io.TextIOWrapper(member, encoding="utf-8"))
        if not copied:
            header = {"kind": "graphkit-readings", "rules": _rules(self._config)}
            self._readings.write(json.dumps(header) + "\n")
            self._readings.writelines(line.line for line in carried)
        return self._readings

    def names(self, names: Mapping[str, Any]) -> None:
        """Keep what resolution read of the names (`write_names`)."""
        write_names(self._folder, self._config, names)

    def facts(self) -> None:
        """Keep the facts the ledger carries over, last, and the ledger (graphkit.ledger).

        Once every quad is written: the ledger has noted where each fact stands in each file.
        """
        if self._ledger is not None:
            self._ledger.copy(NQUADS, self._derived)
            self._ledger.write(self._folder / LEDGER)

    def sketches(self, sketches: Sketches) -> None:
        """Keep the articles' MinHash sketches (`Readings.sketches`)."""
        with open(self._folder / SKETCHES, "w", encoding="utf-8") as out:
            header = {"kind": SKETCHES_KIND, "scheme": sketches.scheme, "seed": sketches.seed}
            out.write(json.dumps(header) + "\n")
            for doc_id, values in sketches.values.items():
                out.write(json.dumps([doc_id, [int(value) for value in values]]) + "\n")

    def carry(self, readings: Readings, kept: frozenset[str], *, whole: bool = False) -> set[bytes]:
        """Carry over the quads of the article graphs in `kept` (IRIs) from `readings`' state.

        Returns every other quad it held, as N-Quads lines (store.Earlier.was). `whole`: every
        article graph it held is kept, so its file is copied as it is.
        """
        others: set[bytes] = set()
        path = readings.folder / QUADS
        if whole:  # copied unread: checked against the manifest instead
            _copy_whole(readings, QUADS, self._raw)
            return self._derived_of(readings, others)
        for block in read_blocks(path):
            carried = []
            for line in block.splitlines(keepends=True):  # "<s> <p> o <g> .": the graph
                if line[line.rindex(b"<") + 1 : line.rindex(b">")].decode() in kept:
                    carried.append(line)
                else:
                    others.add(line.rstrip(b"\n"))
            self._own().write(b"".join(carried))
        return self._derived_of(readings, others)

    @staticmethod
    def _derived_of(readings: Readings, others: set[bytes]) -> set[bytes]:
        """`others` and the lines of the shared graphs' quads `readings`' state kept."""
        derived = readings.derived()
        derived.update(others)
        return derived

    def _own(self) -> IO[bytes]:
        """The articles' graphs' quads file, written from here on (a gzip member of its own)."""
        if self._quads is None:
            self._quads = self._member(self._raw)
        return self._quads

    def _member(self, raw: IO[bytes]) -> IO[bytes]:
        """A gzip member written to `raw` after what it holds, closed with the rest."""
        member = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=3)
        return cast(IO[bytes], self._stack.enter_context(member))

    def quads(self, chunk: Chunk) -> None:
        """Keep a chunk of quads: those of articles' own graphs apart from the others.

        The facts graph's by fact, where each stands noted in the ledger.
        """
        kept = self._ledger
        for graph in chunk.parts():
            if graph in self._articles:
                self._own().write(chunk.nquads(graph))
            elif kept is not None and graph == kept.graph:
                at, runs = self._derived.tell(), chunk.runs(graph)
                self._derived.write(chunk.nquads(graph))
                kept.record(NQUADS, at, runs)
            else:
                self._derived.write(chunk.nquads(graph))


class Statements:
    """Writes what a map reads of the articles' statements into a state folder (`read_statements`).

    A line an article (analyze.Columns.statements), after a header. Apart from `Keeping`: an add
    writes them in the process that draws its map (keep.py). A context manager, as `Keeping`.
    """

    def __init__(self, folder: Path) -> None:
        self._path = folder / STATEMENTS

    def __enter__(self) -> Statements:
        self._out = self._path.open("w", encoding="utf-8")
        self._out.write(json.dumps({"kind": STATEMENTS_KIND}) + "\n")
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()

    def write(self, records: Iterable[Any]) -> None:
        """Keep the statement columns of articles, a line an article."""
        for record in records:
            self._out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def carry(self, readings: Readings, kept: frozenset[str]) -> Iterator[Any]:
        """Carry over the statement columns of the articles in `kept` (IRIs), and give them."""
        for record in readings.statements():
            if record[0] in kept:
                self._out.write(record.line)
                yield record


def _copy_whole(readings: Readings, name: str, out: IO[bytes]) -> None:
    """Copy the state file `name` of `readings`' graph into `out` unread.

    Checked against the manifest first: its bytes are not decoded on the way.
    """
    path = readings.folder / name
    with _damaged(path), open(path, "rb") as old:
        _as_built(path, readings, hashed=True)
        shutil.copyfileobj(old, out)


@contextlib.contextmanager
def _damaged(path: Path) -> Iterator[None]:
    """Any error reading a state file as one line naming it."""
    try:
        yield
    except (OSError, EOFError, ValueError, KeyError, TypeError, SyntaxError) as error:
        raise InputError(f"{path}: damaged ({error}); rebuild with graphkit build") from error


_DOCUMENT_ID = '{"document": {"id": '  # how _article's lines begin (json.dumps' separators)
_RUN_ID = '{"doc": '


def write_articles(
    path: Path,
    read: Iterable[tuple[Document, Extraction]],
    *,
    after: Articles | None = None,
    held: frozenset[str] = frozenset(),
) -> Articles:
    """Write each article and what was read from it into `path`, as they come.

    With `after`, `path` starts as a copy of that articles file and the new articles follow in
    a gzip member of their own: an add never decodes and encodes again what it held. `held`
    names `after`'s articles (`Articles.appended`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    appended = None
    if after is not None:
        shutil.copyfile(after.path, path)
        appended = (path.stat().st_size, held)
    last = None
    with gzip.open(path, "at" if after else "wt", encoding="utf-8", compresslevel=3) as out:
        for document, extraction in read:
            record = _article(document if document.id != last else None, extraction)
            last = document.id
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Articles(path, appended=appended)


def write(out_dir: Path, state: State) -> Path:
    """Write `state` into `out_dir/state` (a staging folder: outputs.staged swaps it in).

    Its articles are written unless they are that folder's articles file already.
    """
    folder = out_dir / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    settings = _settings(state.config)
    descriptor = {
        "kind": "graphkit-state",
        "format": FORMAT,
        "config": settings,
        "formats": list(state.formats),
        "max_nodes": state.max_nodes,
        "entered": dict(state.entered),
    }
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, indent=1), encoding="utf-8")
    (folder / MINTED).write_text(json.dumps(dict(state.minted)), encoding="utf-8")
    if state.names is not None:
        write_names(folder, state.config, state.names)
    articles = folder / ARTICLES
    if not (isinstance(state.read, Articles) and state.read.path == articles):
        write_articles(articles, state.read)
    return folder


def read(out_dir: Path) -> State:
    """Read `out_dir/state`; InputError (one line) when it is missing or of another format.

    Its articles are read when the State's `read` is iterated (`Articles`).
    """
    folder = out_dir / STATE_DIR
    descriptor_path = folder / DESCRIPTOR
    if not descriptor_path.is_file():
        raise InputError(
            f"{out_dir}: no graph to add to or remove from here (no {STATE_DIR}/{DESCRIPTOR}; "
            "build one with graphkit build, or rebuild one an older graphkit wrote)"
        )
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        if descriptor.get("kind") != "graphkit-state" or descriptor.get("format") != FORMAT:
            raise InputError(
                f"{folder}: written in another format ({descriptor.get('format')!r}, this "
                f"graphkit reads {FORMAT}); rebuild with graphkit build"
            )
        minted = json.loads((folder / MINTED).read_text(encoding="utf-8"))
        if not (folder / ARTICLES).is_file():
            raise ValueError(f"no {ARTICLES}")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{folder}: damaged ({error}); rebuild with graphkit build") from error
    return State(
        config=_config(descriptor["config"]),
        formats=tuple(descriptor["formats"]),
        max_nodes=int(descriptor["max_nodes"]),
        read=Articles(folder / ARTICLES),
        minted=minted,
        entered=descriptor["entered"],
    )


def write_names(folder: Path, config: BuildConfig, names: Mapping[str, Any]) -> None:
    """Write what resolution read of the names into the state folder `folder` (`read_names`)."""
    record = {"kind": "graphkit-names", "rules": _rules(config), **names}
    with gzip.open(folder / NAMES, "wt", encoding="utf-8", compresslevel=3) as out:
        out.write(json.dumps(record, ensure_ascii=False))  # json.dump encodes in Python: 3×


def read_names(out_dir: Path, config: BuildConfig) -> Mapping[str, Any] | None:
    """What a kept graph's resolution read of its names, if these rules made it (else None).

    None too when there is no such file: an add then reads every article's names again.
    """
    path = out_dir / STATE_DIR / NAMES
    if not path.is_file():
        return None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            names: dict[str, Any] = json.load(lines)
    except (OSError, EOFError, ValueError) as error:
        raise InputError(f"{path}: damaged ({error}); rebuild with graphkit build") from error
    if names.pop("kind", None) != "graphkit-names" or names.pop("rules", None) != _rules(config):
        return None
    return names


def _rules(config: BuildConfig) -> str:
    """A digest of what decides how names are read: graphkit's code and data, the authorities."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(f"{path.relative_to(package)}\n".encode())
        digest.update(path.read_bytes())
    for name in config.authorities:
        digest.update(f"{Path(name).resolve()}\n".encode())
        with contextlib.suppress(OSError):  # gone: the add's own reading of it says so
            digest.update(Path(name).read_bytes())
    return digest.hexdigest()


_KEPT: tuple[str, ...] = ("model", "extractors", "batch_size", "base", "published")
_KEPT += ("min_confidence", "authorities", "copy_threshold", "related_threshold")


def _settings(config: BuildConfig) -> dict[str, Any]:
    values = {name: getattr(config, name) for name in _KEPT}
    values["published"] = config.published.isoformat() if config.published else None
    values["authorities"] = [str(Path(path).resolve()) for path in config.authorities]
    values["extractors"] = list(config.extractors)
    return values


def _config(values: dict[str, Any]) -> BuildConfig:
    published = values.get("published")
    return BuildConfig(
        **{name: values[name] for name in _KEPT if name not in ("published", "extractors")},
        extractors=tuple(values["extractors"]),
        published=datetime.date.fromisoformat(published) if published else None,
    )


def _article(document: Document | None, extraction: Extraction) -> dict[str, Any]:
    """An article's line (with its `document`), or a later run of it (`doc`: its id)."""
    record: dict[str, Any] = {"doc": extraction.doc_id}
    if document is not None:
        record = {"document": dataclasses.asdict(document)}
        record["document"]["published"] = (
            document.published.isoformat() if document.published else None
        )
    index = {(s.start, s.end): i for i, s in enumerate(extraction.sentences)}
    record["sentences"] = [[s.index, s.start, s.end, s.text] for s in extraction.sentences]
    record["mentions"] = [_mention(m) for m in extraction.mentions]
    record["triples"] = [
        _triple(t, index[t.sentence.start, t.sentence.end]) for t in extraction.triples
    ]
    return record


def _document(fields: dict[str, Any]) -> Document:
    fields = dict(fields)
    published = fields.pop("published")
    return Document(
        **fields, published=datetime.date.fromisoformat(published) if published else None
    )


def _extraction(document: Document, record: dict[str, Any]) -> Extraction:
    sentences = tuple(
        Sentence(doc_id=document.id, index=index, start=start, end=end, text=text)
        for index, start, end, text in record["sentences"]
    )
    return Extraction(
        doc_id=document.id,
        sentences=sentences,
        mentions=tuple(_from_mention(m) for m in record["mentions"]),
        triples=tuple(_from_triple(t, sentences) for t in record["triples"]),
    )


def _mention(mention: Mention) -> list[Any]:
    return [
        mention.text,
        mention.start,
        mention.end,
        mention.label,
        [_mention(a) for a in mention.antecedents],
    ]


def _from_mention(record: list[Any]) -> Mention:
    text, start, end, label, antecedents = record
    return Mention(
        text=text,
        start=start,
        end=end,
        label=label,
        antecedents=tuple(_from_mention(a) for a in antecedents),
    )


def _triple(triple: Triple, sentence: int) -> dict[str, Any]:
    return {
        "s": _mention(triple.subject),
        "r": dataclasses.asdict(triple.relation),
        "o": _mention(triple.object) if triple.object is not None else None,
        "i": sentence,
        "x": triple.extractor,
        "c": triple.confidence,
        "q": [[q.role, q.text, q.start, q.end] for q in triple.qualifiers],
        "a": _mention(triple.attribution) if triple.attribution is not None else None,
        "k": triple.rule,
    }


def _from_triple(record: dict[str, Any], sentences: tuple[Sentence, ...]) -> Triple:
    return Triple(
        subject=_from_mention(record["s"]),
        relation=Relation(**record["r"]),
        object=_from_mention(record["o"]) if record["o"] is not None else None,
        sentence=sentences[record["i"]],
        extractor=record["x"],
        confidence=record["c"],
        qualifiers=tuple(
            Qualifier(role=role, text=text, start=start, end=end)
            for role, text, start, end in record["q"]
        ),
        attribution=_from_mention(record["a"]) if record["a"] is not None else None,
        rule=record["k"],
    )
