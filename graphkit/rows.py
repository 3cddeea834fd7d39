"""Rows: a build's quads as plain strings, and their N-Quads and Turtle text.

Why: a pyoxigraph term costs 1-3 µs to make, and a build made a million quads of them only to
have Oxigraph write them out as text again (the store's comparison, the state, the graph
files) and to read their strings back (a map's columns). A row is the quad's strings; its text
is written here, once per chunk (store.Chunk), and the store parses that text in Rust. On the
shared graphs of ABC (543,000 quads) their N-Quads took 0.5 s and their Turtle 0.6-1.1 s,
against 2.6 s to make the terms and 1.0 s for Oxigraph to write N-Quads, TriG and Turtle.

The text is the one Oxigraph writes: N-Quads with its escapes (a state kept by an earlier
graphkit compares equal), and Turtle with the prefixes a file declares wherever a name's local
part is plain, a subject's triples together.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Mapping

Row = tuple[str, str, str, "str | None", str]
"""Subject IRI, predicate IRI, object, the object's datatype IRI and the graph IRI.

The datatype is None when the object is an IRI, "" for a plain string (xsd:string).
"""

_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}
_ESCAPE = str.maketrans(
    {code: _ESCAPES.get(code, f"\\u{code:04X}") for code in (*range(0x20), 0x7F, *map(ord, '"\\'))}
)
_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\]')


def literal(value: str, datatype: str) -> str:
    r"""A literal as N-Quads writes it: `"…"`, with `^^<datatype>` unless it is a plain string.

    >>> print(literal('say "hi"\n', ""), literal("5", "http://www.w3.org/2001/XMLSchema#integer"))
    "say \"hi\"\n" "5"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    text = value.translate(_ESCAPE) if _ESCAPED.search(value) else value
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def nquads(rows: Iterable[Row]) -> bytes:
    """The N-Quads lines of `rows`, each ending in a newline."""
    lines = [
        f"<{s}> <{p}> {f'<{o}>' if kind is None else literal(o, kind)} <{g}> .\n"
        for s, p, o, kind, g in rows
    ]
    return "".join(lines).encode()


def nquads_subjects(rows: Iterable[Row]) -> list[tuple[str, bytes]]:
    """`nquads` of each run of `rows` with one subject, in turn, with that subject."""
    return [
        (subject, nquads(run))
        for subject, run in itertools.groupby(rows, key=operator.itemgetter(0))
    ]


class Turtle:
    """Turtle triples under a file's prefixes: an IRI whose local part is plain is shortened.

    A subject's triples in a row share it, as Oxigraph writes them ("s p o ; p2 o2 .").
    """

    NAMES = 1 << 18
    """IRIs whose names are kept: types, predicates and entities recur; the rest are let go."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._prefix = {namespace: prefix for prefix, namespace in prefixes.items()}
        self._names: dict[str, str] = {}

    def name(self, iri: str) -> str:
        """An IRI as Turtle writes it: `prefix:local` where it can, else `<iri>`.

        Local parts of letters, digits and "_" only: Turtle's allow more, with escapes.
        """
        named = self._names.get(iri)
        if named is None:
            if len(self._names) >= self.NAMES:
                self._names.clear()
            cut = max(iri.rfind("#"), iri.rfind("/")) + 1
            prefix, local = self._prefix.get(iri[:cut]), iri[cut:]
            plain = prefix is not None and local.isascii() and local.replace("_", "a").isalnum()
            named = self._names[iri] = f"{prefix}:{local}" if plain else f"<{iri}>"
        return named

    def triples(self, rows: Iterable[Row]) -> bytes:
        """The triples of `rows` (their graphs left out), a subject's in a row together."""
        return b"".join(text for _, text in self.subjects(rows))

    def subjects(self, rows: Iterable[Row]) -> list[tuple[str, bytes]]:
        """`triples` of each run of `rows` with one subject, in turn, with that subject.

        Each ends its statement (" ."): a run's text stands on its own, to be copied
        (graphkit.ledger). A name is looked up before `name` is called: the call cost as much
        again (ABC's shared graphs: 0.62 s, then 0.56 s).
        """
        name, named = self.name, self._names.get  # `name` empties that dict, never replaces it
        runs: list[tuple[str, bytes]] = []
        out: list[str] = []
        subject = ""
        for s, p, o, kind, _ in rows:
            if kind is None:
                obj = named(o) or name(o)
            elif kind:
                obj = f"{literal(o, '')}^^{named(kind) or name(kind)}"
            else:
                obj = literal(o, "")
            if s == subject:
                out.append(f" ;\n\t{named(p) or name(p)} {obj}")
                continue
            if out:
                out.append(" .\n")
                runs.append((subject, "".join(out).encode()))
            out = [f"{named(s) or name(s)} {named(p) or name(p)} {obj}"]
            subject = s
        if out:
            out.append(" .\n")
            runs.append((subject, "".join(out).encode()))
        return runs

    def block(self, graph: str) -> tuple[bytes, bytes]:
        """What a TriG block of the named graph `graph` writes before its triples, and after."""
        return b"%s {\n" % self.name(graph).encode(), b"}\n"
