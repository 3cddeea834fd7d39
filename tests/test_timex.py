"""Hand-checked tables for graphkit.timex, anchored on a Wednesday publication date."""

import datetime

import pytest

from graphkit.timex import TimeValue, resolve_time

WEDNESDAY = datetime.date(2025, 1, 22)
D = datetime.date


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "granularity", "iso"),
    [
        # seed-article expressions
        ("$245 billion in 2024", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        ("a record $240 billion last year", "last year", D(2024, 1, 1), D(2024, 12, 31), "year",
         "2024"),
        ("February 2022", "February 2022", D(2022, 2, 1), D(2022, 2, 28), "month", "2022-02"),
        # explicit dates
        ("21 January 2025", "21 January 2025", D(2025, 1, 21), D(2025, 1, 21), "day",
         "2025-01-21"),
        ("Jan. 21, 2025", "Jan. 21, 2025", D(2025, 1, 21), D(2025, 1, 21), "day", "2025-01-21"),
        ("on Tuesday, January 21, 2025", "Tuesday, January 21, 2025", D(2025, 1, 21),
         D(2025, 1, 21), "day", "2025-01-21"),
        ("the 21st of January 2025", "21st of January 2025", D(2025, 1, 21), D(2025, 1, 21),
         "day", "2025-01-21"),
        ("2024-02-29", "2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "day", "2024-02-29"),
        ("January 2025", "January 2025", D(2025, 1, 1), D(2025, 1, 31), "month", "2025-01"),
        ("in 2024", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        ("2024", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        ("2014's election", "2014", D(2014, 1, 1), D(2014, 12, 31), "year", "2014"),
        ("Q1 2024", "Q1 2024", D(2024, 1, 1), D(2024, 3, 31), "quarter", "2024-01/2024-03"),
        ("the third quarter of 2024", "third quarter of 2024", D(2024, 7, 1), D(2024, 9, 30),
         "quarter", "2024-07/2024-09"),
        ("the 1990s", "1990s", D(1990, 1, 1), D(1999, 12, 31), "decade", "1990/1999"),
        ("the early 1990s", "early 1990s", D(1990, 1, 1), D(1993, 12, 31), "decade",
         "1990/1993"),
        ("the mid-2000s", "mid-2000s", D(2004, 1, 1), D(2006, 12, 31), "decade", "2004/2006"),
        ("late 1980s", "late 1980s", D(1987, 1, 1), D(1989, 12, 31), "decade", "1987/1989"),
        ("2020-2024", "2020-2024", D(2020, 1, 1), D(2024, 12, 31), "year", "2020/2024"),
        ("the 2024-25 season", "2024-25", D(2024, 1, 1), D(2025, 12, 31), "year", "2024/2025"),
        ("between 2020 and 2024", "between 2020 and 2024", D(2020, 1, 1), D(2024, 12, 31),
         "year", "2020/2024"),
        # relative to publication (Wednesday 2025-01-22)
        ("last year", "last year", D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        ("earlier this year", "this year", D(2025, 1, 1), D(2025, 12, 31), "year", "2025"),
        ("next year", "next year", D(2026, 1, 1), D(2026, 12, 31), "year", "2026"),
        ("last month", "last month", D(2024, 12, 1), D(2024, 12, 31), "month", "2024-12"),
        ("next month", "next month", D(2025, 2, 1), D(2025, 2, 28), "month", "2025-02"),
        ("last week", "last week", D(2025, 1, 13), D(2025, 1, 19), "week", "2025-W03"),
        ("this week", "this week", D(2025, 1, 20), D(2025, 1, 26), "week", "2025-W04"),
        ("yesterday", "yesterday", D(2025, 1, 21), D(2025, 1, 21), "day", "2025-01-21"),
        ("today", "today", D(2025, 1, 22), D(2025, 1, 22), "day", "2025-01-22"),
        ("tomorrow", "tomorrow", D(2025, 1, 23), D(2025, 1, 23), "day", "2025-01-23"),
        ("on Tuesday", "Tuesday", D(2025, 1, 21), D(2025, 1, 21), "day", "2025-01-21"),
        ("Tuesday", "Tuesday", D(2025, 1, 21), D(2025, 1, 21), "day", "2025-01-21"),
        ("on Monday", "Monday", D(2025, 1, 20), D(2025, 1, 20), "day", "2025-01-20"),
        ("on Wednesday", "Wednesday", D(2025, 1, 22), D(2025, 1, 22), "day", "2025-01-22"),
        ("on Thursday", "Thursday", D(2025, 1, 16), D(2025, 1, 16), "day", "2025-01-16"),
        ("last Wednesday", "last Wednesday", D(2025, 1, 15), D(2025, 1, 15), "day",
         "2025-01-15"),
        ("next Tuesday", "next Tuesday", D(2025, 1, 28), D(2025, 1, 28), "day", "2025-01-28"),
        ("three days ago", "three days ago", D(2025, 1, 19), D(2025, 1, 19), "day",
         "2025-01-19"),
        ("two years ago", "two years ago", D(2023, 1, 1), D(2023, 12, 31), "year", "2023"),
        ("on 21 January", "21 January", D(2025, 1, 21), D(2025, 1, 21), "day", "2025-01-21"),
        ("on December 28", "December 28", D(2024, 12, 28), D(2024, 12, 28), "day",
         "2024-12-28"),
        ("in March", "March", D(2025, 3, 1), D(2025, 3, 31), "month", "2025-03"),
        ("in August", "August", D(2024, 8, 1), D(2024, 8, 31), "month", "2024-08"),
        ("last March", "last March", D(2024, 3, 1), D(2024, 3, 31), "month", "2024-03"),
        ("last January", "last January", D(2024, 1, 1), D(2024, 1, 31), "month", "2024-01"),
        ("next January", "next January", D(2026, 1, 1), D(2026, 1, 31), "month", "2026-01"),
    ],
)  # fmt: skip
def test_resolve_time(
    text: str,
    span: str,
    start: datetime.date,
    end: datetime.date,
    granularity: str,
    iso: str,
) -> None:
    value = resolve_time(text, published=WEDNESDAY)
    assert value == TimeValue(text=span, start=start, end=end, granularity=granularity)
    assert value.iso() == iso


@pytest.mark.parametrize(
    ("text", "span", "granularity"),
    [
        ("in recent years", "in recent years", None),
        ("recently", "recently", None),
        ("over the past few years", "the past few years", None),
        ("in the coming months", "the coming months", None),
    ],
)
def test_vague_expressions_are_kept_unresolved(
    text: str, span: str, granularity: str | None
) -> None:
    expected = TimeValue(text=span, start=None, end=None, granularity=granularity)
    assert resolve_time(text, published=WEDNESDAY) == expected
    assert expected.iso() is None


@pytest.mark.parametrize(
    ("text", "span", "granularity"),
    [
        ("last year", "last year", "year"),
        ("on Tuesday", "Tuesday", "day"),
        ("yesterday", "yesterday", "day"),
        ("last week", "last week", "week"),
        ("January 21", "January 21", "day"),
        ("in March", "March", "month"),
        ("two years ago", "two years ago", "year"),
    ],
)
def test_relative_expressions_without_publication_date(
    text: str, span: str, granularity: str
) -> None:
    assert resolve_time(text, published=None) == TimeValue(
        text=span, start=None, end=None, granularity=granularity
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("in 2024", "2024"),
        ("February 2022", "2022-02"),
        ("21 January 2025", "2025-01-21"),
        ("the 1990s", "1990/1999"),
    ],
)
def test_explicit_expressions_resolve_without_anchor(text: str, iso: str) -> None:
    value = resolve_time(text, published=None)
    assert value is not None
    assert value.iso() == iso


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no time here",
        "days before the vote",
        "a year earlier",
        "the previous year",
        "more than 90 minutes",
        "around a third",
        "1,200 troops",
        "$2024",
        "15%",
        "2024 percent",
        "at 10:30",
        "they may 5 times",  # the modal verb, not the month
        "Tuesdays",
    ],
)
def test_resolve_time_finds_none(text: str) -> None:
    assert resolve_time(text, published=WEDNESDAY) is None


def test_weekday_on_publication_day_is_that_day() -> None:
    tuesday = datetime.date(2025, 1, 21)
    value = resolve_time("on Tuesday", published=tuesday)
    assert value is not None
    assert value.start == value.end == tuesday


def test_impossible_date_falls_back_to_its_month() -> None:
    value = resolve_time("31 February 2025", published=None)
    assert value is not None
    assert value.iso() == "2025-02"


@pytest.mark.parametrize(
    ("published", "iso"),
    [
        (datetime.date(2024, 12, 31), "2024-W52"),
        (datetime.date(2025, 3, 31), "2025-W13"),
    ],
)
def test_last_week_crosses_year_and_month(published: datetime.date, iso: str) -> None:
    value = resolve_time("last week", published=published)
    assert value is not None
    assert value.iso() == iso


def test_last_month_crosses_year() -> None:
    value = resolve_time("last month", published=datetime.date(2025, 1, 1))
    assert value is not None
    assert (value.start, value.end) == (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))


def test_the_quick_check_passes_every_expression_the_patterns_find() -> None:
    """`_CANDIDATE` only skips texts none of the patterns can match (checked on real news)."""
    from pathlib import Path

    from graphkit.timex import _CANDIDATE, _PATTERNS

    root = Path(__file__).parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / "seeds").iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "data").rglob("*.*"))]
    found = [m[0] for text in texts for pattern, _ in _PATTERNS for m in pattern.finditer(text)]
    assert len(found) > 100
    assert all(_CANDIDATE.search(expression) for expression in found)
