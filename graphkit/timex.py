"""Time expressions in news text, resolved to calendar intervals against the publication date.

"last year" in an article published on 2025-01-22 means 2024, and "on Tuesday" means the most
recent Tuesday on or before that day (the news convention), so facts from different articles
can be placed on one timeline. Explicit dates resolve without an anchor; relative ones are kept
as text with no interval when the publication date is unknown. Pure standard library.
"""

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeValue:
    """A time expression as written, and the inclusive interval of days it stands for.

    `start` and `end` are None when the expression can't be placed on the calendar: a relative
    one with no publication date, or a vague one ("in recent years"). `granularity` is the
    calendar unit the expression names ("day", "week", "month", "quarter", "year", "decade"),
    None for a vague one.
    """

    text: str
    start: datetime.date | None
    end: datetime.date | None
    granularity: str | None

    def iso(self) -> str | None:
        """Return the interval in ISO 8601 at the coarsest exact precision, None if unresolved.

        >>> TimeValue(text="2024", start=datetime.date(2024, 1, 1),
        ...           end=datetime.date(2024, 12, 31), granularity="year").iso()
        '2024'
        >>> TimeValue(text="Q1 2024", start=datetime.date(2024, 1, 1),
        ...           end=datetime.date(2024, 3, 31), granularity="quarter").iso()
        '2024-01/2024-03'
        """
        start, end = self.start, self.end
        if start is None or end is None:
            return None
        if start == end:
            return start.isoformat()
        if start.weekday() == 0 and end - start == datetime.timedelta(days=6):
            year, week, _ = start.isocalendar()
            return f"{year}-W{week:02d}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return f"{start:%Y}" if start.year == end.year else f"{start:%Y}/{end:%Y}"
        if start.day == 1 and end == _month_end(end.year, end.month):
            if (start.year, start.month) == (end.year, end.month):
                return f"{start:%Y-%m}"
            return f"{start:%Y-%m}/{end:%Y-%m}"
        return f"{start.isoformat()}/{end.isoformat()}"


# An interval and its granularity; (None, None, granularity) when it can't be resolved.
_Resolved = tuple[datetime.date | None, datetime.date | None, str | None]
_Resolver = Callable[[re.Match[str], datetime.date | None], _Resolved | None]

_MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
     "sep": 9, "oct": 10, "nov": 11, "dec": 12}
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL_NUMBERS: Mapping[str, int] = MappingProxyType(
    {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
     "seven": 7, "eight": 8, "nine": 9, "ten": 10}
)  # fmt: skip
_QUARTERS: Mapping[str, int] = MappingProxyType(
    {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
)
# Where in a decade "early", "mid" and "late" fall, as first and last year digits.
_DECADE_PARTS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"": (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}
)

# "May" only capitalised, so that the modal verb ("may 5 people die") is no month.
_MONTH_FULL = (
    "january|february|march|april|(?-i:May)|june|july|august|september|october|november|december"
)
_MONTH = (
    rf"(?P<month>(?:{_MONTH_FULL}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z]))\.?"
)
_WEEKDAY = "|".join(_WEEKDAYS)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2}|2100)"
_NOT_A_NUMBER_AFTER = r"(?![\w%]|[.,/-]?\d|\s*(?:per\s*cent|percent))"


def _month_end(year: int, month: int) -> datetime.date:
    """Return the last day of a month.

    >>> _month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _month(year: int, month: int) -> _Resolved:
    """Return the whole of a month; months outside 1-12 count into the years around."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime.date(year, month, 1), _month_end(year, month), "month"


def _year(year: int) -> _Resolved:
    """Return the whole of a year."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"


def _week(day: datetime.date) -> _Resolved:
    """Return the ISO week (Monday to Sunday) that holds `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6), "week"


def _day(day: datetime.date) -> _Resolved:
    """Return a single day."""
    return day, day, "day"


def _month_number(match: re.Match[str]) -> int:
    """Return the number of the month named in a match."""
    return _MONTH_NUMBERS[match["month"][:3].lower()]


def _date(match: re.Match[str], _published: datetime.date | None) -> _Resolved | None:
    """Resolve a full date; None for an impossible one such as 31 February."""
    number = match.groupdict().get("num_month")
    month = int(number) if number else _month_number(match)
    try:
        return _day(datetime.date(int(match["year"]), month, int(match["day"])))
    except ValueError:
        return None


def _day_of_month(match: re.Match[str], published: datetime.date | None) -> _Resolved | None:
    """Resolve a date written without its year to the occurrence nearest publication."""
    month, day = _month_number(match), int(match["day"])
    if published is None:
        try:
            datetime.date(2000, month, day)  # a leap year, so that 29 February passes
        except ValueError:
            return None
        return None, None, "day"
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return _day(min(candidates, key=lambda candidate: abs(candidate - published)))


def _month_of_year(match: re.Match[str], _published: datetime.date | None) -> _Resolved:
    """Resolve a month with its year ("February 2022")."""
    return _month(int(match["year"]), _month_number(match))


def _named_month(match: re.Match[str], published: datetime.date | None) -> _Resolved:
    """Resolve "in March" to the nearest March, "last March" to the latest before this month."""
    month = _month_number(match)
    if published is None:
        return None, None, "month"
    which = (match["which"] or "").lower()
    if which == "last":
        return _month(published.year - (month >= published.month), month)
    if which == "next":
        return _month(published.year + (month <= published.month), month)
    if which == "this":
        return _month(published.year, month)
    distance = (month - published.month + 6) % 12 - 6  # in -6..5: the nearest such month
    return _month(published.year, published.month + distance)


def _quarter(match: re.Match[str], _published: datetime.date | None) -> _Resolved:
    """Resolve "Q1 2024" or "the first quarter of 2024"."""
    quarter = int(match["q"]) if match["q"] else _QUARTERS[match["ordinal"].lower()]
    start, _, _ = _month(int(match["year"]), 3 * quarter - 2)
    _, end, _ = _month(int(match["year"]), 3 * quarter)
    return start, end, "quarter"


def _decade(match: re.Match[str], _published: datetime.date | None) -> _Resolved:
    """Resolve "the 1990s", "the early 1990s" or "the mid-2000s"."""
    first, last = _DECADE_PARTS[(match["part"] or "").lower()]
    decade = int(match["decade"])
    return datetime.date(decade + first, 1, 1), datetime.date(decade + last, 12, 31), "decade"


def _year_range(match: re.Match[str], _published: datetime.date | None) -> _Resolved | None:
    """Resolve "2020-2024", "2024-25" or "between 2020 and 2024"; None unless it goes forward."""
    first, last = int(match["year"]), match["last"]
    until = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if until <= first:
        return None
    return datetime.date(first, 1, 1), datetime.date(until, 12, 31), "year"


def _plain_year(match: re.Match[str], _published: datetime.date | None) -> _Resolved:
    """Resolve a year written out ("2024")."""
    return _year(int(match["year"]))


def _relative_day(match: re.Match[str], published: datetime.date | None) -> _Resolved:
    """Resolve "today", "tonight", "yesterday" or "tomorrow"."""
    if published is None:
        return None, None, "day"
    offset = {"yesterday": -1, "tomorrow": 1}.get(match[0].lower(), 0)
    return _day(published + datetime.timedelta(days=offset))


def _relative_unit(match: re.Match[str], published: datetime.date | None) -> _Resolved:
    """Resolve "this/last/next week, month or year" as calendar units."""
    unit = match["unit"].lower()
    if published is None:
        return None, None, unit
    offset = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
    if unit == "year":
        return _year(published.year + offset)
    if unit == "month":
        return _month(published.year, published.month + offset)
    return _week(published + datetime.timedelta(weeks=offset))


def _weekday(match: re.Match[str], published: datetime.date | None) -> _Resolved:
    """Resolve a weekday to the latest such day on or before publication (news convention).

    "last Tuesday" is strictly before publication and "next Tuesday" strictly after it.
    """
    if published is None:
        return None, None, "day"
    weekday = _WEEKDAYS.index(match["weekday"].lower())
    back = (published.weekday() - weekday) % 7
    which = (match["which"] or "").lower()
    if which == "next":
        return _day(published + datetime.timedelta(days=(weekday - published.weekday()) % 7 or 7))
    if which == "last":
        back = back or 7
    return _day(published - datetime.timedelta(days=back))


def _ago(match: re.Match[str], published: datetime.date | None) -> _Resolved:
    """Resolve "three days ago", "a week ago", "two months ago" or "five years ago"."""
    unit = match["unit"].lower()
    if published is None:
        return None, None, unit
    count = match["count"].lower()
    number = int(count) if count.isdigit() else _SMALL_NUMBERS[count]
    if unit == "year":
        return _year(published.year - number)
    if unit == "month":
        return _month(published.year, published.month - number)
    days = number * (7 if unit == "week" else 1)
    day = published - datetime.timedelta(days=days)
    return _week(day) if unit == "week" else _day(day)


def _vague(_match: re.Match[str], _published: datetime.date | None) -> _Resolved:
    """Keep a vague expression ("in recent years") as text with no interval."""
    return None, None, None


_COUNT = rf"(?:\d+|{'|'.join(_SMALL_NUMBERS)})"
_PATTERNS: tuple[tuple[re.Pattern[str], _Resolver], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), resolver)
    for pattern, resolver in (
        (rf"(?<![\d-]){_YEAR}-(?P<num_month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])", _date),
        (rf"(?:\b(?:{_WEEKDAY}),?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", _date),
        (rf"(?:\b(?:{_WEEKDAY}),?\s+)?\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", _date),
        (rf"(?:\b(?:{_WEEKDAY}),?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH}", _day_of_month),
        (rf"(?:\b(?:{_WEEKDAY}),?\s+)?\b{_MONTH}\s+{_DAY}(?!\w|:\d)", _day_of_month),
        (rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}(?!\d)", _month_of_year),
        (
            rf"(?:\b(?P<which>last|this|next)\s+|(?<=\bin\s)|(?<=\bsince\s)|(?<=\bby\s)"
            rf"|(?<=\buntil\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid-))"
            rf"(?P<month>{_MONTH_FULL})\b",
            _named_month,
        ),
        (
            rf"(?:\bQ(?P<q>[1-4])|\b(?P<ordinal>{'|'.join(_QUARTERS)})\s+quarter"
            rf"(?:\s+of)?),?\s+{_YEAR}(?!\d)",
            _quarter,
        ),
        (
            r"(?:\b(?P<part>early|mid|late)[-\s]+)?(?<!\d)(?P<decade>1\d\d0|20\d0)'?s\b",
            _decade,
        ),
        (rf"\bbetween\s+{_YEAR}\s+and\s+(?P<last>\d{{4}})(?!\d)", _year_range),
        (
            rf"(?:\bfrom\s+)?(?<![\w$€£¥.,/-]){_YEAR}"
            rf"\s*(?:[-\u2013\u2014/]|\s(?:to|through|until)\s)\s*(?P<last>\d{{4}}|\d{{2}})"
            rf"{_NOT_A_NUMBER_AFTER}",
            _year_range,
        ),
        (rf"(?<![\w$€£¥.,/-]){_YEAR}{_NOT_A_NUMBER_AFTER}", _plain_year),
        (r"\b(?:today|tonight|yesterday|tomorrow)\b", _relative_day),
        (r"\b(?P<which>last|this|next)\s+(?P<unit>year|month|week)\b", _relative_unit),
        (rf"\b(?:(?P<which>last|next)\s+)?(?P<weekday>{_WEEKDAY})\b", _weekday),
        (rf"\b(?P<count>{_COUNT})\s+(?P<unit>day|week|month|year)s?\s+ago\b", _ago),
        (
            r"\brecently\b|\b(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)\b"
            r"|\bthe\s+(?:past|last|coming|next)\s+(?:(?:few|several|couple\s+of"
            rf"|{_COUNT})\s+)?(?:days?|weeks?|months?|years?|decades?)\b"
            r"|\bin\s+the\s+(?:past|future)\b",
            _vague,
        ),
    )
)


_CANDIDATE = re.compile(
    rf"\d|\b(?:{'|'.join(_MONTH_NUMBERS)}|{'|'.join(w[:3] for w in _WEEKDAYS)}|today|tonight"
    r"|yesterday|tomorrow|recent|past|last|this|next|coming|future|ago)",
    re.IGNORECASE,
)
"""What every one of _PATTERNS needs somewhere: a digit, a month's or a weekday's first letters,
or a relative word. Most texts asked about (qualifiers, arguments) have none: done at once."""


def resolve_time(text: str, *, published: datetime.date | None) -> TimeValue | None:
    """Return the first time expression in `text` resolved against the publication date.

    The earliest expression wins, the longest one among those starting at the same place.
    Returns None when the text holds no time expression; expressions relative to some other
    event ("days before the vote", "a year earlier") are not time expressions here.

    >>> wednesday = datetime.date(2025, 1, 22)
    >>> last_year = resolve_time("a record $240 billion last year", published=wednesday)
    >>> last_year.text, last_year.start, last_year.end, last_year.granularity
    ('last year', datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), 'year')
    >>> resolve_time("on Tuesday", published=wednesday).iso()
    '2025-01-21'
    >>> resolve_time("last year", published=None)
    TimeValue(text='last year', start=None, end=None, granularity='year')
    >>> resolve_time("more than 90 minutes", published=wednesday) is None
    True
    """
    if not _CANDIDATE.search(text):
        return None
    found = sorted(
        (match.start(), -len(match[0]), index, match)
        for index, (pattern, _) in enumerate(_PATTERNS)
        for match in pattern.finditer(text)
    )
    for _, _, index, match in found:
        resolved = _PATTERNS[index][1](match, published)
        if resolved is not None:
            start, end, granularity = resolved
            return TimeValue(text=match[0], start=start, end=end, granularity=granularity)
    return None
