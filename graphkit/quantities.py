"""Money, percentages, counts and durations read from short phrases as exact Decimals.

Objects of facts such as "a record $240 billion" or "240 bn dollars" must compare equal across
articles, so amounts are kept as exact Decimals with a normalised unit (an ISO 4217 code for
money, "percent", a singular time unit for durations, None for a plain count or fraction) and
compared with a relative tolerance. Pure standard library: no spaCy, no rdflib, no floats.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """An exact amount with its unit, and the span of text it was read from.

    `unit` is an ISO 4217 code for money ("USD"), "percent", "percentage point", a singular
    time unit for a duration ("minute", "year"), or None for a plain count or a fraction.
    `text` is the matched span ("$245 billion"), without hedges such as "about" or "a record".
    """

    value: Decimal
    unit: str | None
    text: str


def _alternation(words: Iterable[str]) -> str:
    r"""Return a regex alternation of `words`, longest first, any run of spaces matching.

    >>> _alternation(["per cent", "pct"])
    'per\\s+cent|pct'
    """
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in ordered)


_CARDINALS: Mapping[str, int] = MappingProxyType(
    {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "twice": 2,
    }
)  # fmt: skip

_DENOMINATORS: Mapping[str, int] = MappingProxyType(
    {
        "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
        "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
        "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    }
)  # fmt: skip

_SCALES: Mapping[str, int] = MappingProxyType(
    {
        "dozen": 12, "hundred": 100, "thousand": 10**3, "k": 10**3,
        "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
        "billion": 10**9, "bn": 10**9, "b": 10**9,
        "trillion": 10**12, "tn": 10**12, "trn": 10**12,
    }
)  # fmt: skip

# Currency signs, as written before (or, for €/£, right after) the amount.
_SIGNS: Mapping[str, str] = MappingProxyType(
    {
        "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "€": "EUR", "£": "GBP",
        "¥": "JPY", "CN¥": "CNY", "RMB": "CNY", "₹": "INR", "₽": "RUB", "₩": "KRW",
        "₴": "UAH", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "HK$": "HKD",
        "NZ$": "NZD", "S$": "SGD", "R$": "BRL",
    }
)  # fmt: skip

# ISO codes are matched case-sensitively, so that "try 5 times" is not five Turkish lira.
_CODES = frozenset(
    {"USD", "EUR", "GBP", "JPY", "CNY", "RUB", "INR", "KRW", "UAH", "AUD", "CAD", "HKD",
     "NZD", "SGD", "BRL", "CHF", "TRY", "MXN", "ZAR", "SEK", "NOK", "PLN", "SAR", "ILS"}
)  # fmt: skip

# Unit words written after the amount (matched ignoring case), mapped to their unit.
_UNIT_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD",
        "american dollars": "USD", "australian dollars": "AUD", "canadian dollars": "CAD",
        "hong kong dollars": "HKD", "new zealand dollars": "NZD", "singapore dollars": "SGD",
        "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP",
        "pound": "GBP", "sterling": "GBP", "yuan": "CNY", "renminbi": "CNY",
        "rubles": "RUB", "ruble": "RUB", "roubles": "RUB", "rouble": "RUB", "yen": "JPY",
        "rupees": "INR", "rupee": "INR", "won": "KRW", "hryvnias": "UAH", "hryvnia": "UAH",
        "swiss francs": "CHF", "lira": "TRY", "reais": "BRL",
        "percent": "percent", "per cent": "percent", "pct": "percent",
        "percentage points": "percentage point", "percentage point": "percentage point",
        "seconds": "second", "second": "second", "secs": "second", "sec": "second",
        "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
        "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour",
        "days": "day", "day": "day", "weeks": "week", "week": "week",
        "months": "month", "month": "month", "years": "year", "year": "year",
        "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
    }
)  # fmt: skip

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BELOW_100 = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_TEENS}|{_ONES})"
_WORD_NUMBER = rf"(?:{_BELOW_100}(?:\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)?|twice)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE_WORDS = _alternation(word for word in _SCALES if len(word) > 1)
_CODE_WORDS = rf"(?-i:{_alternation(_CODES)})"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

_AMOUNT = re.compile(
    rf"""
    (?<![\w.:/\-])
    (?:(?P<sign>{_alternation(_SIGNS)}|{_CODE_WORDS})\s*)?
    (?:
        (?P<fraction>
            (?P<numerator>an?|{_ONES})[-\s](?P<denominator>{_alternation(_DENOMINATORS)})
          | (?<!first\s)(?<!second\s)half
        )
        (?:\s+(?:of\s+)?an?(?=\s+(?:{_SCALE_WORDS})\b))?
      | (?P<number>{_DIGITS}|{_WORD_NUMBER}|an?)
        (?:\s*(?:[-\u2013]|\bto\b)\s*{_DIGITS})?
    )
    (?:\s*(?P<scale>{_SCALE_WORDS})(?!\w)|(?P<letter>[kmb])(?!\w))?
    (?:
        (?P<symbol>\s*%|[€£])
      | (?:\s+|-)(?P<word>{_alternation(_UNIT_WORDS)}|{_CODE_WORDS})
    )?
    (?!\w|[:/.,]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s*$", re.IGNORECASE)
_DATE_OR_CLOCK_AFTER = re.compile(rf"\s*(?:of\s+)?{_MONTHS}\b|\s*[ap]\.?m\b", re.IGNORECASE)


def _tidy(value: Decimal) -> Decimal:
    """Return `value` without a spurious exponent or trailing zeros, so reprs stay readable.

    >>> _tidy(Decimal("1.5") * 10**6), _tidy(Decimal("4.250"))
    (Decimal('1500000'), Decimal('4.25'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _words_value(words: str) -> int:
    """Return the value of a spelled-out number below a thousand.

    >>> _words_value("two hundred and forty-five")
    245
    """
    total = 0
    for word in re.split(r"[-\s]+", words.lower()):
        if word == "hundred":
            total *= 100
        elif word != "and":
            total += _CARDINALS[word]
    return total


def _unit(match: re.Match[str]) -> str | None:
    """Return the unit named after the amount, else the currency sign before it, else None."""
    if match["symbol"]:
        symbol = match["symbol"].strip()
        return "percent" if symbol == "%" else _SIGNS[symbol]
    if word := match["word"]:
        if word in _CODES:
            return word
        return _UNIT_WORDS[" ".join(word.split()).lower()]
    if sign := match["sign"]:
        return sign if sign in _CODES else _SIGNS[" ".join(sign.upper().split())]
    return None


def _quantity(match: re.Match[str]) -> Quantity | None:
    """Return the Quantity a match of `_AMOUNT` stands for, or None when it is no amount."""
    unit = _unit(match)
    scale = (match["scale"] or match["letter"] or "").lower()
    number = match["number"] or ""
    if match["fraction"]:
        numerator = match["numerator"] or "one"
        ratio = Decimal(_words_value("one" if numerator.lower() in ("a", "an") else numerator))
        denominator = _DENOMINATORS[(match["denominator"] or "half").lower()]
        value = (ratio / denominator).quantize(Decimal("0.0001"))
    elif number.lower() in ("a", "an"):
        if not scale:
            return None  # "a record", "an estimated": an article, not an amount
        value = Decimal(1)
    elif number[0].isdigit():
        value = Decimal(number.replace(",", ""))
        if unit is None and not scale and re.fullmatch(r"\d{4}", number) and 1000 <= value <= 2100:
            return None  # a bare year is a date, not a count
    else:
        value = Decimal(_words_value(number))
    if unit is None and not scale and not match["fraction"]:
        text = match.string
        if _MONTH_BEFORE.search(text, 0, match.start()) or _DATE_OR_CLOCK_AFTER.match(
            text, match.end()
        ):
            return None  # the day of a date ("21 January", "Jan. 21") or a clock time
    return Quantity(value=_tidy(value * _SCALES.get(scale, 1)), unit=unit, text=match[0])


def parse_quantity(text: str) -> Quantity | None:
    """Return the first amount in a short phrase, or None when it holds none.

    Hedges ("about", "a record", "more than") are skipped and ranges keep their lower bound.
    Fractions are unit-less ratios rounded to four decimal places ("a third" is 0.3333), which
    is within `same_quantity`'s default tolerance of the exact ratio. A bare year such as 2024
    is a date, not a count, and the day of a date ("21 January") is skipped too.

    >>> parse_quantity("a record $240 billion")
    Quantity(value=Decimal('240000000000'), unit='USD', text='$240 billion')
    >>> parse_quantity("3.5 per cent").value, parse_quantity("almost two-thirds").value
    (Decimal('3.5'), Decimal('0.6667'))
    >>> parse_quantity("in 2024") is None
    True
    """
    position = 0
    while match := _AMOUNT.search(text, position):
        if quantity := _quantity(match):
            return quantity
        position = match.start() + 1
    return None


def same_quantity(a: Quantity, b: Quantity, *, rel_tol: Decimal = Decimal("0.005")) -> bool:
    """Tell whether two quantities share a unit and agree within a relative tolerance.

    Units are never converted: "90 minutes" and "1.5 hours" differ, as do USD and RUB.

    >>> usd = parse_quantity("$240 billion")
    >>> same_quantity(usd, parse_quantity("240 bn dollars"))
    True
    >>> same_quantity(usd, parse_quantity("$245 billion"))
    False
    """
    if a.unit != b.unit:
        return False
    return abs(a.value - b.value) <= rel_tol * max(abs(a.value), abs(b.value))
