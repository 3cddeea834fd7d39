"""Sources: who published each article, and which articles are copies of one wire story.

Support that means independent sources: a fact stated by ten reprints of one AP story has one
independent source. Near-identical texts are found with MinHash over word shingles
(datasketch's LSH index, so a corpus is not compared pair by pair); each copy points to its
cluster's original, the earliest published (then the smallest id), whatever the input order.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graphkit import canonical
from graphkit.types import Document, Fact

SHINGLE = 5
"""Words per shingle: long enough that two different stories share few of them."""
PERMUTATIONS = 64
"""MinHash permutations: enough to tell a Jaccard index of 0.8 from 0.5 (error ~0.06)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sketches:
    """Each article's MinHash as its hash values, and the datasketch scheme and seed they need.

    What a kept graph keeps (state.Keeping.sketches), so that an add hashes only its new
    articles: ABC's 3,189 took 0.5 s.
    """

    scheme: str = ""
    seed: int = 0
    values: Mapping[str, Iterable[int]] = field(default_factory=dict)
    """Document id → its MinHash's hash values (a numpy array, or a list read back)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sources:
    """Each article's publisher and, for a wire copy, the article it copies."""

    publishers: Mapping[str, str] = field(default_factory=dict)
    copies: Mapping[str, str] = field(default_factory=dict)
    """Copy's document id → its original's (gk:copyOf)."""
    sketches: Sketches = field(default_factory=Sketches)
    """Every article's MinHash (none when copies were not looked for)."""

    def count(self, fact: Fact) -> tuple[int, int, int]:
        """(articles, publishers, independent sources) stating `fact`.

        An article whose publisher is unknown counts as a publisher of its own.
        """
        docs = fact.documents
        if len(docs) == 1:  # most facts: no sets to make (ABC: 50,795 of 51,368)
            return 1, 1, 1
        publishers = {self.publishers.get(doc, "doc:" + doc) for doc in docs}
        independent = {self.copies.get(doc, doc) for doc in docs}
        return len(docs), len(publishers), len(independent)


def find(
    documents: Sequence[Document], *, threshold: float, kept: Sketches | None = None
) -> Sources:
    """The sources of `documents`: publishers as given, copies at MinHash Jaccard ≥ `threshold`.

    A `threshold` above 1 turns copy detection off. `kept`: the sketches of some of the
    articles, as an earlier `find` made them (`Sources.sketches`); theirs are not made again.
    """
    publishers = {d.id: canonical.text(d.publisher) for d in documents if d.publisher}
    if threshold > 1 or len(documents) < 2:
        return Sources(publishers=publishers)
    from datasketch import (  # numpy and scipy: only when there are copies to find
        LeanMinHash,
        MinHash,
        MinHashLSH,
    )

    like = MinHash(num_perm=PERMUTATIONS)  # the scheme and seed this datasketch hashes with
    if kept is None or (kept.scheme, kept.seed) != (like.scheme, like.seed):
        kept = Sketches()
    new = [document for document in documents if document.id not in kept.values]
    made = MinHash.generator(  # one article's shingles in memory at a time
        (_shingles(document.text) for document in new),
        num_perm=PERMUTATIONS,
        hashfunc=zlib.crc32,  # C speed, and the same in every run (unlike hash())
    )
    sketches_by_id: dict[str, MinHash | LeanMinHash] = dict(
        zip((document.id for document in new), made, strict=True)
    )
    for document in documents:
        if document.id not in sketches_by_id:
            held = kept.values[document.id]
            sketches_by_id[document.id] = LeanMinHash(
                seed=kept.seed, hashvalues=held, scheme=kept.scheme
            )
    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    parent = {document.id: document.id for document in documents}
    for document in documents:
        sketch = sketches_by_id[document.id]
        for other in index.query(sketch):
            if sketch.jaccard(sketches_by_id[other]) >= threshold:
                parent[_root(parent, document.id)] = _root(parent, other)
        index.insert(document.id, sketch)
    order = {d.id: (d.published is None, str(d.published or ""), d.id) for d in documents}
    clusters: dict[str, list[str]] = {}
    for doc_id in parent:
        clusters.setdefault(_root(parent, doc_id), []).append(doc_id)
    copies = {}
    for members in clusters.values():
        original = min(members, key=lambda doc_id: order[doc_id])
        copies.update({doc_id: original for doc_id in members if doc_id != original})
    values = {doc_id: sketch.hashvalues for doc_id, sketch in sketches_by_id.items()}
    sketches = Sketches(scheme=like.scheme, seed=like.seed, values=values)
    return Sources(publishers=publishers, copies=copies, sketches=sketches)


def _shingles(text: str) -> list[bytes]:
    words = canonical.text(text).casefold().split()
    if len(words) <= SHINGLE:
        return [" ".join(words).encode()]
    return [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)]


def _root(parent: dict[str, str], doc_id: str) -> str:
    while parent[doc_id] != doc_id:
        parent[doc_id] = parent[parent[doc_id]]
        doc_id = parent[doc_id]
    return doc_id
