"""Dates as scraped pages print them: "10/10/2021", "March 4, 2022", "Tue 4 Mar 2022 10:32 EDT".

Small on purpose: the importer only needs to read the publication and update
lines of an article's header, which come in a handful of shapes. Numeric
dates are read the American way (month/day) unless the first number cannot
be a month. Datetimes are kept naive, as the wall-clock time the page printed,
so that "published on the 10th" stays on the 10th whatever the time zone.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?"
_TIME = (
    r"(?:(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::\d{2})?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?:[A-Z]{2,5}|UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)"
)
_DATE_FORMS = (
    # Tuesday, March 4, 2022 / Mar. 4th 2022
    _WEEKDAY + _MONTH.format(g="mname") + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})",
    # 4 March 2022 / Tue 4 Mar 2022
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.format(g="mname") + r",?\s+(?P<year>\d{4})",
    # 2022-03-04 (ISO, optionally with a time after T or a space)
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
    # 3/4/2022, 03-04-22
    _WEEKDAY + r"(?P<month>\d{1,2})[/-](?P<day>\d{1,2})[/-](?P<year>\d{4}|\d{2})",
)
_DATE_RES = tuple(re.compile(form, re.I) for form in _DATE_FORMS)
_TIME_RE = re.compile(r"^[\s,|@-]*" + _TIME + r"[\s,|]*$", re.I)
_ISO_TIME = re.compile(r"^[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def parse_date(text: str) -> datetime | None:
    """A date (with an optional time before or after it) making up the whole of ``text``."""
    text = text.strip(" \t,.|")
    if not text or len(text) > 80:
        return None
    for pattern in _DATE_RES:
        match = pattern.search(text)
        if match is None:
            continue
        date = _build(match)
        if date is None:
            continue
        before, after = text[: match.start()], text[match.end() :]
        if match.group(0)[:4].isdigit() and (iso := _ISO_TIME.match(after)):
            return date.replace(hour=int(iso["hour"]), minute=int(iso["minute"]))
        clock = _clock(before, after)
        if clock is None:
            continue
        return date.replace(hour=clock[0], minute=clock[1]) if clock != (-1, -1) else date
    return None


def parse_iso(value: str) -> datetime | None:
    """A machine date from markup (``<time datetime>``, ``article:published_time``), naive wall time."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return parse_date(value)
    return parsed.replace(tzinfo=None)


def _build(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    day = int(groups["day"])
    if groups.get("mname"):
        month = _MONTHS[groups["mname"].lower().rstrip(".")]
    else:
        month = int(groups["month"])
        if month > 12 and day <= 12 and not match.group(0)[:4].isdigit():
            month, day = day, month  # 25/12/2021: day first
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def _clock(before: str, after: str) -> tuple[int, int] | None:
    """The time of day around a date; (-1, -1) when there is none; None when the rest is not a time."""
    before, after = before.strip(" ,|"), after.strip(" ,|")
    if before and after:
        return None
    rest = before or after
    if not rest:
        return (-1, -1)
    match = _TIME_RE.match(rest)
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if not match["minute"] and not ampm:
        return None  # a bare number next to a date is not a time
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return (hour, minute)
