"""The default authority: countries and territories (rigour's data) and world cities (places.tsv).

rigour (OpenSanctions, MIT) keeps ~600 territories with their Wikidata QIDs and the names
each goes by, shipped here as a snapshot (see SNAPSHOT); nothing is downloaded.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from importlib import resources
from pathlib import Path

from graphkit.authority import AuthorityEntry, Table, entry, fold, read

WIKIDATA = "http://www.wikidata.org/entity/"

_SUBDIVISIONS_KEPT = ("gb-", "be-", "cy-", "az-", "ba-", "iq-", "md-", "so-", "pk-", "su-")
_CODES_KEPT = frozenset({"ua-30", "ua-cri", "ge-ab", "x-so", "pt-20", "pt-30"})
_CODES_LEFT_OUT = frozenset({"ip", "zz"})  # "Cyberspace" and "Global" are not places
"""Which of rigour's territories the default links to: every country, dependency, historical
country and union; of the subdivisions, only the nations and breakaway regions above. States,
provinces, cantons and oblasts are left out because news names their cities far more often
(New York, Washington, Geneva, São Paulo, Donetsk): a subdivision is kept only as the homonym
of a country (the US state Georgia), so that the country's name needs context to link."""

EXTRA_NAMES = {
    "Q30": ("US", "USA", "United States of America"),
    "Q145": ("Britain", "U.K.", "Great Britain"),
    "Q458": ("EU", "E.U."),
    "Q1065": ("UN", "U.N."),
    "Q15180": ("U.S.S.R.",),
}
"""English names news uses that rigour's lists lack, by Wikidata QID."""

DEMONYMS = {
    "afghan": "af", "american": "us", "argentine": "ar", "argentinian": "ar",
    "armenian": "am", "australian": "au", "austrian": "at", "azerbaijani": "az",
    "belarusian": "by", "belgian": "be", "brazilian": "br", "british": "gb",
    "bulgarian": "bg", "canadian": "ca", "chilean": "cl", "chinese": "cn",
    "colombian": "co", "croatian": "hr", "cuban": "cu", "czech": "cz", "danish": "dk",
    "dutch": "nl", "egyptian": "eg", "emirati": "ae", "estonian": "ee", "ethiopian": "et",
    "filipino": "ph", "finnish": "fi", "french": "fr", "georgian": "ge", "german": "de",
    "greek": "gr", "hungarian": "hu", "indian": "in", "indonesian": "id", "iranian": "ir",
    "iraqi": "iq", "irish": "ie", "israeli": "il", "italian": "it", "japanese": "jp",
    "jordanian": "jo", "kazakh": "kz", "kenyan": "ke", "kuwaiti": "kw", "latvian": "lv",
    "lebanese": "lb", "libyan": "ly", "lithuanian": "lt", "malaysian": "my",
    "mexican": "mx", "moldovan": "md", "nigerian": "ng", "north korean": "kp",
    "norwegian": "no", "pakistani": "pk", "palestinian": "ps", "peruvian": "pe",
    "philippine": "ph", "polish": "pl", "portuguese": "pt", "qatari": "qa",
    "romanian": "ro", "russian": "ru", "saudi": "sa", "serbian": "rs",
    "singaporean": "sg", "south african": "za", "south korean": "kr", "soviet": "su",
    "spanish": "es", "swedish": "se", "swiss": "ch", "syrian": "sy", "taiwanese": "tw",
    "thai": "th", "turkish": "tr", "ukrainian": "ua", "venezuelan": "ve",
    "vietnamese": "vn", "yemeni": "ye",
}  # fmt: skip
"""Adjectives naming a country, by ISO code: "Russian" in "Russian President" names Russia.

Resolve uses them only where the adjective modifies an office ("Russian President Vladimir
Putin" → Putin, be president of, Russia). A demonym alone ("Russian", "Russians") is a people
or a language, never the country, so it is never one of a country's names here (rigour lists
some, e.g. "russian" for Russia; they are dropped)."""

_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


@functools.cache
def default_authority() -> Table:
    """Countries and territories (rigour) and world cities (places.tsv), built once."""
    cities = read(Path(__file__).with_name("places.tsv")).entries
    return Table("default", [*_territories(), *cities])


@functools.cache
def country_of(demonym: str) -> AuthorityEntry | None:
    """The country a demonym names ("Russian" → Russia, Q159), or None.

    >>> country_of("Russian").iri, country_of("the Russians")
    ('http://www.wikidata.org/entity/Q159', None)
    """
    code = DEMONYMS.get(fold(demonym))
    if code is None:
        return None
    qid = _qids().get(code)
    found = [e for e in default_authority().entries if e.iri == WIKIDATA + (qid or "")]
    return found[0] if found else None


@functools.cache
def place_names() -> frozenset[str]:
    """Every name the default knows as a place, `fold`ed, linked or not: type evidence.

    States, provinces, counties and rigour's cities too: "Queensland" is a place, whichever.
    """
    names = {
        fold(_base(name).split(",")[0])
        for row in _rows()
        for name in (
            str(row["name"]),
            str(row.get("full_name") or ""),
            *_strings(row.get("names_strong")),
            *_strings(row.get("places")),
        )
    }
    names.update(fold(n) for e in default_authority().entries if e.type == "Place" for n in e.names)
    return frozenset(n for n in names if len(n) > 3 and n not in DEMONYMS)


@functools.cache
def country_names() -> frozenset[str]:
    """Every name of a country or territory the default links (not its cities), `fold`ed.

    >>> sorted(n for n in country_names() if n.startswith("new z"))
    ['new zealand']
    """
    return frozenset(fold(name) for e in _territories() if e.type == "Place" for name in e.names)


SNAPSHOT = "territories.jsonl.gz"
"""rigour 2.6.1's territories (MIT, see RIGOUR-LICENSE), the fields read here, one per line.

A snapshot, not a dependency: rigour needs PyICU, which compiles from source (about two
minutes, and ICU's headers) on every machine without a wheel. `python -m
graphkit.authority._default` rewrites it from an installed rigour (`pip install rigour`).
"""
_FIELDS = ("code", "name", "full_name", "in_sentence", "names_strong", "places", "qid", "region")


def _rows() -> list[dict[str, object]]:
    data = resources.files(__package__).joinpath(SNAPSHOT).read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def refresh() -> None:
    """Rewrite the snapshot from the installed rigour's territories (a maintainer's task)."""
    from rigour._core import territories_jsonl  # the data rigour.territories is built from

    rows = [json.loads(line) for line in territories_jsonl().splitlines() if line.strip()]
    lines = [
        json.dumps({k: row[k] for k in _FIELDS if k in row}, ensure_ascii=False, sort_keys=True)
        for row in rows
    ]
    target = Path(__file__).with_name(SNAPSHOT)
    with gzip.GzipFile(target, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {len(rows)} territories to {target}")


@functools.cache
def _qids() -> dict[str, str]:
    return {str(row["code"]): str(row["qid"]) for row in _rows()}


def _territories() -> list[AuthorityEntry]:
    rows = _rows()
    countries = {fold(_base(str(row["name"]))) for row in rows if "-" not in str(row["code"])}
    entries = []
    for row in rows:
        code, name = str(row["code"]), _base(str(row["name"]))
        kept = (
            "-" not in code
            or code.startswith(_SUBDIVISIONS_KEPT)
            or code in _CODES_KEPT
            or fold(name) in countries  # a homonym: makes the country's name need context
        )
        if not kept or code in _CODES_LEFT_OUT or not str(row.get("qid", "")).startswith("Q"):
            continue
        qid = str(row["qid"])
        names = [
            str(row["full_name"]),
            str(row.get("in_sentence") or ""),
            *_strings(row.get("names_strong")),
            *EXTRA_NAMES.get(qid, ()),
        ]
        aliases = [_base(n) for n in names if fold(n) not in DEMONYMS and fold(_base(n))]
        places = _strings(row.get("places"))
        entries.append(
            entry(
                iri=WIKIDATA + qid,
                label=name,
                type="Organization" if row.get("region") == "Supranational" else "Place",
                aliases=[a for a in dict.fromkeys(aliases) if a != name],
                description=str(row["full_name"]),
                context=[p.split(",")[0] for p in places],
            )
        )
    return entries


def _base(name: str) -> str:
    """A name without its parenthesis: "Georgia (USA)" → "Georgia"."""
    return _PARENTHESIS.sub("", name).strip()


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


if __name__ == "__main__":
    refresh()
