"""Checks that extractor plug-in authors (and graphkit's own tests) run on their triples."""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.types import Document, Mention, Triple


def check_triples(document: Document, triples: Iterable[Triple]) -> None:
    """Raise AssertionError unless every offset slices `document` to the text it claims.

    Each triple's sentence must be the document text between its offsets, and each mention
    (subject, object, attribution, pronoun antecedents) and qualifier must lie inside the
    document and read exactly its text there.
    """
    for triple in triples:
        sentence = triple.sentence
        where = f"{document.source}: sentence {sentence.index}"
        assert sentence.doc_id == document.id, f"{where}: belongs to {sentence.doc_id}"
        actual = document.text[sentence.start : sentence.end]
        assert actual == sentence.text, f"{where}: offsets read {actual!r}"
        for mention in _mentions(triple):
            actual = document.text[mention.start : mention.end]
            assert actual == mention.text, f"{where}: {mention.text!r} offsets read {actual!r}"
        for qualifier in triple.qualifiers:
            actual = document.text[qualifier.start : qualifier.end]
            assert actual == qualifier.text, f"{where}: {qualifier.text!r} offsets read {actual!r}"
        assert 0.0 <= triple.confidence <= 1.0, f"{where}: confidence {triple.confidence}"


def _mentions(triple: Triple) -> list[Mention]:
    found = [triple.subject]
    if triple.object is not None:
        found.append(triple.object)
    if triple.attribution is not None:
        found.append(triple.attribution)
    found += [a for m in list(found) for a in m.antecedents]
    return found
