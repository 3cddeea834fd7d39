"""State: what a kept graph needs to go on — its articles, what was read from them, and ids.

`OUT/state/` holds, beside the graph files and the store, everything `graphkit add` and
`graphkit remove` need so that they never parse an article twice: each article with its
extraction (sentences, mentions, triples) as JSON Lines, gzipped; the entity ids minted so far
(name key → id), so an IRI once minted stays; and the build's settings. A descriptor with a
format number comes first: a state written by another format is refused in one line.
"""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit.config import STATE_DIR, BuildConfig
from graphkit.errors import InputError
from graphkit.types import Document, Extraction, Mention, Qualifier, Relation, Sentence, Triple

FORMAT = 1
DESCRIPTOR = "state.json"
ARTICLES = "articles.jsonl.gz"
MINTED = "minted.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class State:
    """A kept graph's articles, what was read from them, its ids and how it was built."""

    config: BuildConfig
    formats: tuple[str, ...]
    max_nodes: int
    read: tuple[tuple[Document, Extraction], ...]
    minted: Mapping[str, str]
    entered: Mapping[str, str]
    """Document id → when it entered the graph (ISO 8601, UTC)."""


def write(out_dir: Path, state: State) -> Path:
    """Write `state` into `out_dir/state` (a staging folder: outputs.staged swaps it in)."""
    folder = out_dir / STATE_DIR
    folder.mkdir(parents=True, exist_ok=False)
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
    with gzip.open(folder / ARTICLES, "wt", encoding="utf-8", compresslevel=3) as out:
        for document, extraction in state.read:
            out.write(json.dumps(_article(document, extraction), ensure_ascii=False) + "\n")
    return folder


def read(out_dir: Path) -> State:
    """Read `out_dir/state`; InputError (one line) when it is missing or of another format."""
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
        with gzip.open(folder / ARTICLES, "rt", encoding="utf-8") as lines:
            articles = tuple(_from_article(json.loads(line)) for line in lines)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{folder}: damaged ({error}); rebuild with graphkit build") from error
    return State(
        config=_config(descriptor["config"]),
        formats=tuple(descriptor["formats"]),
        max_nodes=int(descriptor["max_nodes"]),
        read=articles,
        minted=minted,
        entered=descriptor["entered"],
    )


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


def _article(document: Document, extraction: Extraction) -> dict[str, Any]:
    record = dataclasses.asdict(document)
    record["published"] = document.published.isoformat() if document.published else None
    index = {(s.start, s.end): i for i, s in enumerate(extraction.sentences)}
    triples = extraction.triples
    return {
        "document": record,
        "sentences": [[s.index, s.start, s.end, s.text] for s in extraction.sentences],
        "mentions": [_mention(m) for m in extraction.mentions],
        "triples": [_triple(t, index[t.sentence.start, t.sentence.end]) for t in triples],
    }


def _from_article(record: dict[str, Any]) -> tuple[Document, Extraction]:
    fields = dict(record["document"])
    published = fields.pop("published")
    document = Document(
        **fields, published=datetime.date.fromisoformat(published) if published else None
    )
    sentences = tuple(
        Sentence(doc_id=document.id, index=index, start=start, end=end, text=text)
        for index, start, end, text in record["sentences"]
    )
    extraction = Extraction(
        doc_id=document.id,
        sentences=sentences,
        mentions=tuple(_from_mention(m) for m in record["mentions"]),
        triples=tuple(_from_triple(t, sentences) for t in record["triples"]),
    )
    return document, extraction


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
    )
