"""Hand-checked tables for graphkit.quantities."""

from decimal import Decimal

import pytest

from graphkit.quantities import Quantity, parse_quantity, same_quantity

BILLION = 10**9


@pytest.mark.parametrize(
    ("text", "value", "unit", "span"),
    [
        # seed-article objects
        ("$245 billion in 2024", 245 * BILLION, "USD", "$245 billion"),
        ("a record $240 billion last year", 240 * BILLION, "USD", "$240 billion"),
        ("more than 90 minutes", 90, "minute", "90 minutes"),
        ("around a third", Decimal("0.3333"), None, "a third"),
        # money: signs, codes, words, abbreviated scales
        ("$245 billion", 245 * BILLION, "USD", "$245 billion"),
        ("240 bn dollars", 240 * BILLION, "USD", "240 bn dollars"),
        ("USD 240bn", 240 * BILLION, "USD", "USD 240bn"),
        ("240bn USD", 240 * BILLION, "USD", "240bn USD"),
        ("US$1.5 million", 1_500_000, "USD", "US$1.5 million"),
        ("$ 4.25", Decimal("4.25"), "USD", "$ 4.25"),
        ("¥5 trillion", 5 * 10**12, "JPY", "¥5 trillion"),
        ("€3bn", 3 * BILLION, "EUR", "€3bn"),
        ("€3.5 billion", 3_500_000_000, "EUR", "€3.5 billion"),
        ("2.5bn euros", 2_500_000_000, "EUR", "2.5bn euros"),
        ("£2.5m", 2_500_000, "GBP", "£2.5m"),
        ("40 million yuan", 40_000_000, "CNY", "40 million yuan"),
        ("30 billion rubles", 30 * BILLION, "RUB", "30 billion rubles"),
        ("A$5bn", 5 * BILLION, "AUD", "A$5bn"),
        ("5 Australian dollars", 5, "AUD", "5 Australian dollars"),
        ("HK$ 3 billion", 3 * BILLION, "HKD", "HK$ 3 billion"),
        ("a million dollars", 1_000_000, "USD", "a million dollars"),
        ("half a million dollars", 500_000, "USD", "half a million dollars"),
        ("$240-245 billion", 240 * BILLION, "USD", "$240-245 billion"),
        ("$2024", 2024, "USD", "$2024"),
        # percentages
        ("15%", 15, "percent", "15%"),
        ("15 %", 15, "percent", "15 %"),
        ("15 percent", 15, "percent", "15 percent"),
        ("3.5 per cent", Decimal("3.5"), "percent", "3.5 per cent"),
        ("from 3 to 5 percent", 3, "percent", "3 to 5 percent"),
        ("3 percentage points", 3, "percentage point", "3 percentage points"),
        # counts, number words and fractions
        ("1,200 troops", 1200, None, "1,200"),
        ("three times", 3, None, "three"),
        ("twice as many", 2, None, "twice"),
        ("two hundred and forty-five people", 245, None, "two hundred and forty-five"),
        ("a dozen", 12, None, "a dozen"),
        ("5m people", 5_000_000, None, "5m"),
        ("1999 to 2,000 troops", 2000, None, "2,000"),
        ("almost two-thirds", Decimal("0.6667"), None, "two-thirds"),
        ("a third", Decimal("0.3333"), None, "a third"),
        ("three quarters", Decimal("0.75"), None, "three quarters"),
        # durations
        ("about 90 minutes", 90, "minute", "90 minutes"),
        ("a 90-minute speech", 90, "minute", "90-minute"),
        ("five years", 5, "year", "five years"),
    ],
)
def test_parse_quantity(text: str, value: int | Decimal, unit: str | None, span: str) -> None:
    assert parse_quantity(text) == Quantity(value=Decimal(value), unit=unit, text=span)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no quantity here",
        "2024",
        "in 2024",
        "2020-2024",
        "February 2022",
        "21 January 2025",
        "Jan. 21, 2025",
        "the 1990s",
        "the 21st",
        "at 10:30",
        "10 a.m.",
        "COVID-19",
        "hundreds of troops",
        "1200 soldiers",  # without a comma or unit, 1000-2100 reads as a year
        "the first half",
        "a record",
    ],
)
def test_parse_quantity_finds_none(text: str) -> None:
    assert parse_quantity(text) is None


def test_values_are_exact_decimals() -> None:
    quantity = parse_quantity("$1.1 billion")
    assert quantity is not None
    assert isinstance(quantity.value, Decimal)
    assert str(quantity.value) == "1100000000"


def _parsed(text: str) -> Quantity:
    quantity = parse_quantity(text)
    assert quantity is not None, text
    return quantity


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("$240 billion", "240 bn dollars"),
        ("$240 billion", "USD 240bn"),
        ("240 bn dollars", "USD 240bn"),
        ("$240 billion", "US$240bn"),
        ("$240 billion", "$240.9 billion"),
        ("15%", "15 per cent"),
        ("a third", "one-third"),
        ("about 90 minutes", "more than ninety minutes"),
        ("1,200 troops", "twelve hundred soldiers"),
    ],
)
def test_same_quantity_agrees(left: str, right: str) -> None:
    assert same_quantity(_parsed(left), _parsed(right))
    assert same_quantity(_parsed(right), _parsed(left))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("$240 billion", "$245 billion"),
        ("$240 billion", "240 billion rubles"),
        ("$240 billion", "€240 billion"),
        ("$240 billion", "$240 million"),
        ("15%", "15"),
        ("3 percent", "3 percentage points"),
        ("90 minutes", "90 days"),
    ],
)
def test_same_quantity_disagrees(left: str, right: str) -> None:
    assert not same_quantity(_parsed(left), _parsed(right))
    assert not same_quantity(_parsed(right), _parsed(left))


def test_same_quantity_tolerance_is_adjustable() -> None:
    low, high = _parsed("$240 billion"), _parsed("$245 billion")
    assert same_quantity(low, high, rel_tol=Decimal("0.03"))
    assert not same_quantity(low, high, rel_tol=Decimal("0.01"))


def test_same_quantity_of_zero() -> None:
    zero = Quantity(value=Decimal(0), unit=None, text="0")
    assert same_quantity(zero, zero)
    assert not same_quantity(zero, Quantity(value=Decimal(1), unit=None, text="1"))
