"""Authorities: lists of known things with stable IRIs that resolved entities are linked to.

An authority answers one question: which known things carry this exact name? Resolve asks it
for every entity and links the entity (``schema:sameAs``) only when the answer is one thing of a
compatible type. graphkit ships a default authority (countries and territories with their
Wikidata IRIs, from the `rigour` library, plus some world cities); users add their own from
JSON Lines or TSV files (`read`, `load`). Nothing is downloaded.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from graphkit.errors import InputError

ENTITY_TYPES = (
    "Person",
    "Organization",
    "Place",
    "Event",
    "Product",
    "CreativeWork",
    "Legislation",
    "Thing",
)
"""The schema.org classes an entity (and an authority entry) may have."""

_COMPATIBLE = frozenset({("Place", "Organization"), ("Organization", "Place")})
"""Types that name one thing in news: a country acts ("Russia said"), a body has a seat."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorityEntry:
    """One known thing: its IRI, its names and its schema.org type.

    `context` lists names that, seen in the same article, tell this entry from a homonym
    ("Tbilisi" for Georgia the country, "Atlanta" for the US state).
    """

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    context: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The label, then the aliases."""
        return (self.label, *self.aliases)


class Authority(Protocol):
    """Finds the known things that carry a name: the plug-in point for entity linking."""

    @property
    def name(self) -> str:
        """A short name for messages ("default", a file name)."""
        ...

    def lookup(self, label: str, type: str | None = None) -> list[AuthorityEntry]:
        """Every entry named `label` (`fold`ed), one per IRI, in the authority's order.

        With `type`, only entries of a type `compatible` with it.
        """
        ...


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return the form in which two spellings of a name meet: case, accents, dots, "the" ignored.

    >>> fold("the U.S.") == fold("US") == "us", fold("São Tomé"), fold("Côte d’Ivoire")
    (True, 'sao tome', 'cote divoire')
    """
    text = unaccented(text.replace("\u2019", "'")).casefold()
    words = re.findall(r"[^\W_]+", re.sub(r"[.'`]", "", text))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def unaccented(text: str) -> str:
    """`text` without its accents ("São Tomé" → "Sao Tome"), in compatibility form (NFKD)."""
    if text.isascii():  # most names: nothing to decompose
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


def compatible(entry_type: str, entity_type: str | None) -> bool:
    """Tell whether an entity of `entity_type` may be the entry's thing (Thing: unknown).

    >>> compatible("Place", "Organization"), compatible("Place", "Person")
    (True, False)
    """
    if entity_type in (None, "Thing") or entity_type == entry_type:
        return True
    return (entry_type, entity_type) in _COMPATIBLE


class Table:
    """An authority held in memory: entries indexed by every `fold`ed name."""

    def __init__(self, name: str, entries: Iterable[AuthorityEntry]) -> None:
        self._name = name
        self.entries = tuple(entries)
        self._index: dict[str, list[AuthorityEntry]] = {}
        for entry in self.entries:
            for key in {fold(n) for n in entry.names} - {""}:
                self._index.setdefault(key, []).append(entry)

    @property
    def name(self) -> str:
        """The table's name (a file name, or "default")."""
        return self._name

    def lookup(self, label: str, type: str | None = None) -> list[AuthorityEntry]:
        """Entries named `label`; a short name in lower case ("us") is a word, never a name."""
        key = fold(label)
        if not key or (len(key) <= 3 and label == label.lower()):
            return []
        found: dict[str, AuthorityEntry] = {}
        for entry in self._index.get(key, ()):
            if type is None or compatible(entry.type, type):
                found.setdefault(entry.iri, entry)
        return list(found.values())

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Authorities:
    """Several authorities asked in turn: the first that knows a name answers for it.

    A user's file given before the default therefore decides what its names mean.
    """

    members: tuple[Authority, ...]

    @property
    def name(self) -> str:
        """The members' names joined with "+"."""
        return "+".join(member.name for member in self.members)

    def lookup(self, label: str, type: str | None = None) -> list[AuthorityEntry]:
        """The first non-empty answer of the members, in order."""
        for member in self.members:
            found = member.lookup(label, type)
            if found:
                return found
        return []


def load(paths: Iterable[str | Path] = (), *, default: bool = True) -> Authority:
    """Read authority files (`read`), asked in the order given, then the default authority."""
    members: list[Authority] = [read(Path(path)) for path in paths]
    if default:
        from graphkit.authority._default import default_authority

        members.append(default_authority())
    return members[0] if len(members) == 1 else Authorities(tuple(members))


def read(path: Path) -> Table:
    """Read one authority file: JSON Lines (.jsonl) or TSV (.tsv); see the README for both.

    Raises:
        InputError: the file is missing, not UTF-8, or a line is not a valid entry
            (the message names the file and line).
    """
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".tsv"):
        raise InputError(f"{path}: not an authority file (expected .jsonl or .tsv)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not valid UTF-8 at byte {error.start}") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    parse = _jsonl_entry if suffix == ".jsonl" else _tsv_entry
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            entry = parse(line)
        except ValueError as error:
            raise InputError(f"{path}:{number}: {error}") from None
        if entry is not None:
            entries.append(entry)
    return Table(path.name, entries)


_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def entry(
    *,
    iri: str,
    label: str,
    type: str,
    aliases: Sequence[str] = (),
    description: str | None = None,
    context: Sequence[str] = (),
) -> AuthorityEntry:
    """Build an entry, checking its fields.

    Raises:
        ValueError: the IRI is not an http(s) IRI, the label is empty, or the type unknown.
    """
    if not _IRI.match(iri):
        raise ValueError(f"not an http(s) IRI: {iri!r}")
    if not fold(label):
        raise ValueError("the label is empty")
    if type not in ENTITY_TYPES:
        raise ValueError(f"unknown type {type!r} (expected one of {', '.join(ENTITY_TYPES)})")
    return AuthorityEntry(
        iri=iri,
        label=label.strip(),
        type=type,
        aliases=tuple(a.strip() for a in aliases if fold(a)),
        description=description.strip() if description and description.strip() else None,
        context=tuple(c.strip() for c in context if fold(c)),
    )


def _jsonl_entry(line: str) -> AuthorityEntry:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    missing = [key for key in ("iri", "label", "type") if not isinstance(record.get(key), str)]
    if missing:
        raise ValueError(f"missing or not text: {', '.join(missing)}")
    lists = {key: record.get(key, []) for key in ("aliases", "context")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key} must be a list of strings")
    description = record.get("description")
    if description is not None and not isinstance(description, str):
        raise ValueError("description must be text")
    return entry(
        iri=record["iri"],
        label=record["label"],
        type=record["type"],
        aliases=lists["aliases"],
        description=description,
        context=lists["context"],
    )


def _tsv_entry(line: str) -> AuthorityEntry | None:
    cells = line.rstrip("\r\n").split("\t")
    if cells[0].strip().lower() == "iri":
        return None  # a header line
    if len(cells) not in (4, 5):
        raise ValueError(
            f"expected 4 or 5 tab-separated columns (iri, label, aliases, type, "
            f"description), got {len(cells)}"
        )
    iri, label, aliases, kind, *description = (cell.strip() for cell in cells)
    return entry(
        iri=iri,
        label=label,
        type=kind,
        aliases=aliases.split("|") if aliases else (),
        description=description[0] if description else None,
    )
