"""The vocabulary: graphkit's ontology terms and the one place IRIs are minted."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from graphkit.config import DEFAULT_BASE
from graphkit.errors import GraphkitError

SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


class GK(DefinedNamespace):
    """graphkit's own ontology terms (documented in the README's data-model section)."""

    _NS = Namespace("https://w3id.org/graphkit/ns#")
    _fail = True

    Relation: URIRef  # class of relation predicates
    Conflict: URIRef  # two sources giving different values for one subject, relation and time
    extractor: URIRef  # name of the extractor that read a statement
    rule: URIRef  # the extractor's rule that read it: "clause", "title", "nesting", ...
    confidence: URIRef  # the extractor's score, 0..1
    sentence: URIRef  # the sentence a statement was read from
    sentenceIndex: URIRef  # its 0-based position in the article
    start: URIRef  # character offset of the sentence in the article text
    end: URIRef  # character offset just past the sentence
    relationText: URIRef  # the relation as written
    subjectText: URIRef  # the subject as written
    objectText: URIRef  # the object as written
    negated: URIRef  # the sentence denies the fact
    modality: URIRef  # a modal verb qualifying the fact ("could", "may")
    attributedTo: URIRef  # who the article says made the claim (an entity)
    attribution: URIRef  # who made the claim, as written
    qualifier: URIRef  # a time, place or other adjunct, as written
    time: URIRef  # when, as a typed literal resolved against the publication date
    timeText: URIRef  # when, as written
    unit: URIRef  # unit of a quantity object: ISO 4217 code, "percent", ...
    Fact: URIRef  # a canonical fact: every statement of it, whatever the wording
    NearMatch: URIRef  # two facts on the same arguments whose relations differ, with a score
    support: URIRef  # how many articles state a fact
    publishers: URIRef  # how many distinct publishers state a fact
    sources: URIRef  # how many independent sources state it (wire copies count once)
    copyOf: URIRef  # an article that is a near-identical copy of another (a wire story)
    relatedFact: URIRef  # a near match of a fact (see gk:NearMatch for the score)
    fact: URIRef  # the facts of a near match
    score: URIRef  # how close a near match is, 0.5..1
    mentionCount: URIRef  # how many times an entity is named
    contentHash: URIRef  # SHA-256 of the article text
    sourceFile: URIRef  # where the article was read from
    statement: URIRef  # a fact's or a conflict's statements
    value: URIRef  # the value a statement gives in a conflict


def namespaces(base: str = DEFAULT_BASE) -> dict[str, Namespace]:
    """Return the prefixes a graph built under `base` binds (and SPARQL queries may use)."""
    _check_base(base)
    return {
        "gk": Namespace(str(GK._NS)),
        "ent": Namespace(base + "entity/"),
        "rel": Namespace(base + "rel/"),
        "doc": Namespace(base + "doc/"),
        "fact": Namespace(base + "fact/"),
        "schema": SCHEMA,
        "prov": PROV,
    }


_SAFE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


def slug(name: str) -> str:
    """Return an IRI-safe local name for `name`; a short hash is added where the slug loses detail.

    Two different names never share a slug, and every slug is valid in any IRI.

    >>> slug("Vladimir Putin")
    'vladimir_putin'
    >>> slug("trade with")
    'trade_with'
    >>> slug("U.S.")[:4], len(slug("U.S.")), slug("U.S.") != slug("US")
    ('u_s_', 10, True)
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = "_".join(re.findall(r"[a-z0-9]+", folded))[:80].rstrip("_") or "x"
    if " ".join(base.split("_")) == name.lower() and name == name.strip():
        return base
    digest = hashlib.sha1(name.lower().encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{base}_{digest}"


def entity_iri(entity_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return the IRI of the entity with slug `entity_id`."""
    return URIRef(iri_text("entity", entity_id, base))


def relation_iri(lemma: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return the IRI of the relation predicate for `lemma` ("trade with" → rel:trade_with)."""
    return URIRef(iri_text("rel", lemma, base))


def document_iri(doc_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return the IRI of an article, which also names the graph of what it claims."""
    return URIRef(iri_text("doc", doc_id, base))


def graph_iri(name: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return the IRI of one of the shared graphs ("entities", "meta", "reconciled")."""
    return URIRef(iri_text("graph", name, base))


def fact_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return a stable IRI for the canonical fact with merge key `key`."""
    return URIRef(iri_text("fact", key, base))


def statement_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return a stable IRI for the statement identified by `key`."""
    return URIRef(iri_text("statement", key, base))


_HASHED = frozenset({"fact", "statement"})


def iri_text(kind: str, name: str, base: str = DEFAULT_BASE) -> str:
    """The IRI `kind`'s function gives for `name`, as text (`entity_iri` for "entity", ...).

    `kind` is "entity", "rel", "doc", "graph", "fact" or "statement". A build's quads are made
    of text (graphkit.rows): it mints a million IRIs, and a URIRef made and turned back into
    text took three times as long.
    """
    _check_base(base)
    if kind in _HASHED:  # a merge key or a statement's: its digest is the local name
        return f"{base}{kind}/{hashlib.sha1(name.encode('utf-8')).hexdigest()[:20]}"
    local = slug(name) if kind == "rel" else name
    if not _SAFE.fullmatch(local):
        raise GraphkitError(f"{local!r}: not a valid local name for an IRI")
    return f"{base}{kind}/{local}"


@functools.cache  # called for every IRI minted; a build has one or two bases
def _check_base(base: str) -> None:
    if not re.fullmatch(r"https?://[A-Za-z0-9.\-]+(:[0-9]+)?(/[A-Za-z0-9._~\-/]*)?/", base):
        raise GraphkitError(f"{base!r}: base IRI must be http(s)://host/path/ ending in /")
