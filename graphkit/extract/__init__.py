"""Extract: the Extractor plug-in point, its registry, and the run over parsed documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any, Protocol

from spacy.tokens import Span

from graphkit.errors import UnknownExtractor
from graphkit.extract._coref import attach_antecedents, find_antecedents
from graphkit.extract._spans import entity_mentions
from graphkit.nlp import ParsedPiece
from graphkit.types import Extraction, Mention, Sentence, Triple

ENTRY_POINT_GROUP = "graphkit.extractors"
RUN_CHARS = 1_000_000
"""The most text of one document whose records are yielded as one Extraction (`run`)."""

_BUILTIN = {  # the same "module:attr" form a third-party entry point uses; imported on demand
    "dependency": "graphkit.extract.dependency:DependencyExtractor",
}


class Extractor(Protocol):
    """Reads one parsed sentence and yields the triples it states."""

    @property
    def name(self) -> str:
        """The name recorded as each triple's extractor (and used by get())."""
        ...

    def extract(self, sentence: Sentence, parsed: Span) -> Iterable[Triple]:
        """Yield the triples stated in `sentence`; `parsed` is its spaCy span."""
        ...


@dataclass(frozen=True)
class FunctionExtractor:
    """Wrap a plain function as an Extractor (for notebooks and tests)."""

    name: str
    function: Callable[[Sentence, Span], Iterable[Triple]]

    def extract(self, sentence: Sentence, parsed: Span) -> Iterable[Triple]:
        """Call the wrapped function."""
        return self.function(sentence, parsed)


def available() -> list[str]:
    """Names accepted by get(): built-ins first, then installed plug-ins."""
    plugins = sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))
    return [*_BUILTIN, *(name for name in plugins if name not in _BUILTIN)]


def get(name: str, **options: Any) -> Extractor:
    """Build the extractor registered under `name`, passing it `options`."""
    if name in _BUILTIN:
        module, _, attr = _BUILTIN[name].partition(":")
        factory = getattr(import_module(module), attr)
    else:
        found = entry_points(group=ENTRY_POINT_GROUP, name=name)
        if not found:
            raise UnknownExtractor(f"no extractor named {name!r} (known: {', '.join(available())})")
        factory = next(iter(found)).load()
    extractor: Extractor = factory(**options)
    return extractor


def run(
    pieces: Iterable[ParsedPiece],
    extractors: Sequence[Extractor],
    *,
    run_chars: int = RUN_CHARS,
) -> Iterator[Extraction]:
    """Run every extractor over every sentence: one Extraction a document; spaCy stops here.

    A long document's pieces come one after another (as nlp.parse yields them): its records are
    gathered piece by piece, and each piece's spaCy Doc is let go before the next is read.
    Past `run_chars` characters of it, what was gathered is yielded as an Extraction of its
    own (the same doc_id, sentence indexes running on), so that no record holds a whole long
    document. Pronouns are linked within a piece.
    """
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    triples: list[Triple] = []
    gathered = 0
    for piece in pieces:
        antecedents = find_antecedents(piece.spacy_doc, piece.offset)
        for sentence, spacy_sent in piece.sentences:
            sentences.append(sentence)
            for extractor in extractors:
                for triple in extractor.extract(sentence, spacy_sent):
                    resolved = attach_antecedents(triple, antecedents)
                    if not _restates(resolved):
                        triples.append(resolved)
        mentions.extend(entity_mentions(piece.spacy_doc, piece.offset))
        gathered += len(piece.spacy_doc.text)
        if piece.last or gathered >= run_chars:
            yield Extraction(
                doc_id=piece.document.id,
                sentences=tuple(sentences),
                mentions=tuple(mentions),
                triples=tuple(triples),
            )
            sentences, mentions, triples = [], [], []
            gathered = 0


def _restates(triple: Triple) -> bool:
    """A fact whose object is written inside its subject, a phrase that stands for no name.

    "the Seoul-based company | based in | Seoul" says nothing its subject does not, unless the
    phrase stands for a firm named nearby (then it is that firm's seat).
    """
    subject, obj = triple.subject, triple.object
    return (
        obj is not None
        and subject.label is None
        and not subject.antecedents
        and subject.start <= obj.start
        and obj.end <= subject.end
    )
