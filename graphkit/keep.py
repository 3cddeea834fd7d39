"""Keeping a graph: OUT's whole set — graph files, store, map and state — by build, add, remove.

`build` writes a graph from scratch; `add` parses only articles OUT does not hold yet (by content
hash) and `remove` drops articles, both from OUT's state (state.py) without parsing anything
twice. After either, the graph is the one a fresh build of the articles that remain gives, but
for entity IRIs, which stay as they were once minted (their labels may change). What depends
on several articles (support, entities, near matches, conflicts, copies) is recomputed from all
of them; an article's own graph holds only what it says, so an article whose names still find
the same entities is replayed from what the state kept of it, its graph kept as it is, and the
store and files are changed rather than written again (pipeline.assemble's `readings`). Every
write is staged and swapped in whole (outputs.staged), so a failed add or remove leaves OUT as
it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset

from graphkit import analyze, authority, graph, ingest, outputs, pipeline, resolve, state, visualize
from graphkit import store as on_disk
from graphkit._collector import fewer_collections, no_collections
from graphkit._fork import forked
from graphkit._io import write_text
from graphkit.config import DEFAULT_STORE, STATE_DIR, STORE_DIR, BuildConfig
from graphkit.errors import GraphkitError, InputError
from graphkit.sources import Sources
from graphkit.sources import find as find_sources
from graphkit.types import Document
from graphkit.visualize import View
from graphkit.vocab import document_iri

if TYPE_CHECKING:
    from graphkit._names import NameTable
    from graphkit.authority import Authority
    from graphkit.nlp import Pipeline

MAP = "graph.html"


@dataclass(frozen=True, slots=True, kw_only=True)
class Kept:
    """What a build, add or remove did, and the files it wrote."""

    result: pipeline.BuildResult | None
    """None when nothing was done: an add of articles the graph held already."""
    written: tuple[Path, ...]
    added: int = 0
    already: int = 0
    """Articles given to add that the graph held already (same text)."""
    removed: int = 0

    @property
    def view(self) -> View | None:
        """The map drawn (`BuildResult.view`); None when nothing was done."""
        return None if self.result is None else self.result.view


def build(
    sources: Iterable[str | Path | Document],
    out_dir: Path,
    *,
    config: BuildConfig,
    formats: Sequence[str],
    max_nodes: int,
    heading: str,
    allow_empty: bool = False,
    nlp: Pipeline | None = None,
) -> Kept:
    """Build the graph of `sources` into `out_dir`, replacing what it held (all or nothing)."""
    # fails at once if another build holds OUT; fewer collections: see graphkit._collector
    with outputs.staged(out_dir) as staging, fewer_collections():
        result = pipeline.run(
            sources, config=config, pipeline=nlp, into=_into(staging, config),
            formats=_suffixes(formats), columns=analyze.Columns(),
            draw=functools.partial(_draw, staging, max_nodes, heading),
        )  # fmt: skip
        if result.documents == 0 and not allow_empty:
            named = ", ".join(str(s) for s in sources if not isinstance(s, Document))
            raise GraphkitError(
                f"nothing to build: no article text in {named or 'the input'} "
                f"({out_dir} kept as it was; --allow-empty writes an empty graph)"
            )
        kept = state.State(
            config=config,
            formats=tuple(formats),
            max_nodes=max_nodes,
            read=result.read,
            minted=result.minted,
            entered=result.entered,
            names=result.names,
        )
        written = _write(staging, result, kept)
    return _kept(result, written, out_dir, config)


def add(
    sources: Iterable[str | Path | Document],
    out_dir: Path,
    *,
    nlp: Pipeline | None = None,
    progress: bool = False,
) -> Kept:
    """Add the articles of `sources` that `out_dir` does not hold yet; parse only those.

    When it holds them all, nothing is rebuilt or written (`Kept.result` is None).
    """
    with outputs.staged(out_dir) as staging, no_collections():
        before = state.read(out_dir)
        config = before.config
        earlier = _held(before)
        given = {d.id: d for d in ingest.read_documents(sources, published=config.published)}
        new = [d for d in given.values() if d.id not in before.entered]  # the ids it holds
        if not new:
            raise outputs.Unchanged
        reading = dataclasses.replace(config, progress=progress)
        ids = frozenset(before.entered)
        with _parsing(_staged(staging), new, reading, earlier, ids, nlp) as parsed:
            held = {document.id: document for document in earlier.documents()}  # ABC: 0.13 s
            if held.keys() != ids:  # written together: only a hand's edit parts them
                raise InputError(
                    f"{out_dir / STATE_DIR / state.DESCRIPTOR}: damaged (its "
                    f"articles are not those of {state.ARTICLES}); rebuild with graphkit build"
                )
            saved = state.read_names(out_dir, config)  # the names of those it held, read already
            readings = state.read_readings(out_dir, config)
            columns = analyze.Columns()  # what the map reads, of the articles held restored now
            if readings is not None:
                readings.hold()
                columns.restore(readings.statements())
            resolve.read_name_data()
            known = authority.load(config.authorities)
            names = None if saved is None else resolve.names_table(saved, known)
            documents = [*held.values(), *new]
            sketches = None if readings is None else readings.sketches()  # of those it held
            copies = find_sources(documents, threshold=config.copy_threshold, kept=sketches)
            kept = parsed()
        result, written = _rebuild(
            staging, before, kept, documents, out_dir,
            readings=readings, names=names, known=known, columns=columns, sources=copies,
        )  # fmt: skip
    already = len(given) - len(new)
    if not new:
        return Kept(result=None, written=(), already=already)
    return _kept(result, written, out_dir, config, added=len(new), already=already)


def _parsing(
    path: Path,
    new: list[Document],
    config: BuildConfig,
    after: state.Articles,
    held: frozenset[str],
    nlp: Pipeline | None,
) -> contextlib.AbstractContextManager[Callable[[], state.Articles]]:
    """`new` parsed into the staged articles file `path`, after those of `after` (`held`).

    Unless a loaded pipeline is given, in a forked child process, while this one reads what
    resolution, the store's change and the map need and finds the articles' copies (`add`):
    on ABC, spaCy's import, the model's load and the parse of 10 articles took 1.6-1.8 s, and
    that 1.4-1.6 s.
    """
    if nlp is not None:
        done = _parse(path, new, config, after, held, nlp)
        return contextlib.nullcontext(lambda: done)
    parse = functools.partial(_parse, path, new, config, after, held, None)
    return forked(parse, what="the parse of the new articles")


def _parse(
    path: Path,
    new: list[Document],
    config: BuildConfig,
    after: state.Articles,
    held: frozenset[str],
    nlp: Pipeline | None,
) -> state.Articles:
    """Parse `new` into `path`, a copy of `after` (`held`) with them (state.write_articles)."""
    parsed = pipeline.read(new, config=config, pipeline=nlp)
    return state.write_articles(path, parsed, after=after, held=held)


def remove(out_dir: Path, articles: Sequence[str]) -> Kept:
    """Remove articles, named by IRI, id, file name or headline, and all that only they said.

    InputError names what matches no article; nothing is removed then.
    """
    with outputs.staged(out_dir) as staging, no_collections():
        before = state.read(out_dir)
        base = before.config.base
        held = {document.id: document for document in _held(before).documents()}
        matched: set[str] = set()
        for name in articles:
            found = {d.id for d in held.values() if name in _names(d, base)}
            if not found:
                raise InputError(f"{name}: no article of {out_dir} has this IRI, file or headline")
            matched |= found
        read = (pair for pair in before.read if pair[0].id not in matched)
        kept = state.write_articles(_staged(staging), read)
        documents = [d for d in held.values() if d.id not in matched]
        readings = state.read_readings(out_dir, before.config)
        result, written = _rebuild(staging, before, kept, documents, out_dir, readings=readings)
    return _kept(result, written, out_dir, before.config, removed=len(matched))


def _suffixes(formats: Iterable[str]) -> list[str]:
    """File suffixes of graph formats named as the CLI names them ("trig" → ".trig")."""
    return [f".{name}" for name in formats]


def _staged(staging: Path) -> Path:
    """Where the staged set's articles file goes."""
    return staging / STATE_DIR / state.ARTICLES


def _held(before: state.State) -> state.Articles:
    """A kept graph's articles file (what state.read gives)."""
    assert isinstance(before.read, state.Articles), "state.read reads the articles file"
    return before.read


def _rebuild(
    staging: Path,
    before: state.State,
    articles: state.Articles,
    documents: Sequence[Document],
    out_dir: Path,
    *,
    readings: state.Readings | None,
    names: NameTable | None = None,
    known: Authority | None = None,
    columns: analyze.Columns | None = None,
    sources: Sources | None = None,
) -> tuple[pipeline.BuildResult, list[Path]]:
    """The graph of `articles` (staged already), `documents`, with the ids `before` minted.

    `readings`: what the kept graph's resolution made of its articles (state.read_readings).
    `names`: the table of what the kept graph read of the names of the articles it held, if
    they all remain (resolve.names_table, with the authority `known`). `columns`: what the
    map reads, if some of it was restored already (analyze.Columns.restore). `sources`: the
    articles' publishers and copies, if found already (sources.find).
    """
    result = pipeline.assemble(
        articles,
        documents,
        config=before.config,
        minted=before.minted,
        entered=before.entered,
        into=_into(staging, before.config),
        formats=_suffixes(before.formats),
        names=names,
        known=known,
        columns=analyze.Columns() if columns is None else columns,
        readings=readings,
        sources=sources,
        draw=functools.partial(_draw, staging, before.max_nodes, f"graphkit: {out_dir.name}"),
    )
    minted = {**before.minted, **result.minted}  # ids of removed names stay reserved
    kept = state.State(
        config=before.config,
        formats=before.formats,
        max_nodes=before.max_nodes,
        read=articles,
        minted=minted,
        entered=result.entered,
        names=result.names,
    )
    return result, _write(staging, result, kept)


def _draw(staging: Path, max_nodes: int, heading: str, source: Dataset | analyze.Columns) -> View:
    """Draw the map of `source` (a graph, or what a map reads of it) into the staged graph.html.

    (pipeline.assemble's `draw`: for an add or remove, in a child process beside the store.)
    """
    view = visualize.select_view(analyze.network(source), max_nodes=max_nodes)
    write_text(staging / MAP, visualize.render_html(view, heading=heading))
    return view


def _write(staging: Path, result: pipeline.BuildResult, kept: state.State) -> list[Path]:
    """Write what the build did not write as its quads streamed, and the state, into `staging`.

    The graph files that do not stream and, without a store to stream into, the store.
    """
    formats = _suffixes(kept.formats)
    if _into(staging, kept.config) is not None:  # the quads streamed into the store and files
        streamed = graph.streamed(formats)
        rest = [suffix for suffix in formats if suffix not in streamed]
        written = [staging / f"graph{suffix}" for suffix in streamed]
        written += graph.write(result.dataset, staging, formats=rest)
        written.append(staging / STORE_DIR)
        kept = dataclasses.replace(kept, names=None)  # kept as they streamed (state.Keeping)
    else:
        written = graph.write(result.dataset, staging, formats=formats)
        written.append(on_disk.write(result.dataset, staging, base=kept.config.base))
    written.append(staging / MAP)
    state.write(staging, kept)
    return written


def _into(staging: Path, config: BuildConfig) -> Path | None:
    """Where the build streams its quads: the staged store.

    None when another rdflib store is asked for (`--store`): that dataset is built in memory
    and written to the on-disk store after.
    """
    return staging if config.store == DEFAULT_STORE else None


def _names(document: Document, base: str) -> set[str]:
    """What an article may be named by on the command line."""
    names = {document.id, str(document_iri(document.id, base)), document.source}
    names.add(Path(document.source).name)
    if document.title:
        names.add(document.title)
    return names


def _kept(
    result: pipeline.BuildResult,
    written: list[Path],
    out_dir: Path,
    config: BuildConfig,
    **counts: int,
) -> Kept:
    """What was done, named where it now is: OUT's files, and OUT's store as the dataset.

    A build streams into the staged store (`_into`), whose folder has moved since.
    """
    if _into(out_dir, config) is not None:
        result = dataclasses.replace(result, dataset=graph.load(out_dir))
    moved = tuple(out_dir / path.name for path in written)
    return Kept(result=result, written=moved, **counts)
