"""spaCy's rule lemmatizer, each lemma worked out once per form, part of speech and morphology.

The English pipelines' rule lemmatizer takes about a tenth of the whole parse: for every token
it runs Python code, and for every new word it tests each candidate form against its list of
known lemmas (`lemma_index`, up to 57,000 entries a part of speech) by a scan of that list. Two
changes give the same lemmas for about a seventh of that time: the lists become sets (only ever
tested for membership), and a rule lemma, which depends on nothing but the token's form, part of
speech and morphology (the stock lemmatizer's own cache key), is kept under that key for every
outcome, the stock lemmatizer asked only on a miss, and set in one array write a document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

if TYPE_CHECKING:
    from thinc.types import Ints2d

FACTORY = "graphkit_lemmatizer"


class CachedLemmatizer:
    """A pipe component giving the lemmas of `stock`, a rule Lemmatizer, from a lookup."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stock: Lemmatizer | None = None
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if stock is None:
            raise ValueError(f"{self.name}: no stock lemmatizer to take lemmas from")
        if not len(doc):
            return doc
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not stock.overwrite:
                continue  # set before (the attribute ruler's exceptions): kept, as stock does
            key = (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                found = strings.add(stock.lemmatize(doc[i])[0])
                if pos:  # the stock lemmatizer warns on a token without one: ask again
                    self._lemmas[key] = found
            array[i, 3] = found
        doc.from_array([LEMMA], cast("Ints2d", array[:, 3:]))  # spaCy types to_array as floats
        return doc


@Language.factory(FACTORY)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Build a CachedLemmatizer: the factory spaCy's replace_pipe needs."""
    return CachedLemmatizer(name)


def cache_lemmatizer(pipeline: Language) -> None:
    """Put a CachedLemmatizer in place of the pipeline's rule lemmatizer, if it has one.

    The stock lemmatizer's `lemma_index` lists become sets: the pipeline can then no longer be
    saved with `to_disk`, which graphkit never does.
    """
    for name, component in pipeline.pipeline:
        if isinstance(component, Lemmatizer) and component.mode == "rule":
            index = component.lookups.get_table("lemma_index", {})
            for pos in list(index):
                index[pos] = frozenset(index[pos])
            replacement = pipeline.replace_pipe(name, FACTORY)
            assert isinstance(replacement, CachedLemmatizer)
            replacement.stock = component
