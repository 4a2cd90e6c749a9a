"""Header furniture read by shape: date lines, bylines, ad lines and subheadings."""

from __future__ import annotations

from datetime import datetime

import pytest

from editor_app.importers import cues
from editor_app.importers.dates import parse_date, parse_iso


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/10/2021", datetime(2021, 10, 10)),
        ("3/4/2022", datetime(2022, 3, 4)),
        ("25/12/2021", datetime(2021, 12, 25)),
        ("March 4, 2022", datetime(2022, 3, 4)),
        ("Mar. 4, 2022", datetime(2022, 3, 4)),
        ("Sept. 9, 2023", datetime(2023, 9, 9)),
        ("October 10, 2021", datetime(2021, 10, 10)),
        ("Tuesday, October 5, 2021", datetime(2021, 10, 5)),
        ("4 March 2022", datetime(2022, 3, 4)),
        ("2022-03-04", datetime(2022, 3, 4)),
        ("2022-03-04T10:32:00Z", datetime(2022, 3, 4, 10, 32)),
        ("March 4, 2022 at 5:07 p.m. ET", datetime(2022, 3, 4, 17, 7)),
        ("5:07 PM EDT, Tue March 4, 2022", datetime(2022, 3, 4, 17, 7)),
        ("Oct 10th 2021 12:15 am", datetime(2021, 10, 10, 0, 15)),
    ],
)
def test_parse_date_shapes(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here",
        "February 30, 2022",
        "13/13/2021",
        "March 4, 2022 was a good day",
        "in 2021",
        "10 of 12",
    ],
)
def test_parse_date_refuses_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_parse_iso_keeps_wall_time() -> None:
    assert parse_iso("2023-11-04T23:30:00-03:00") == datetime(2023, 11, 4, 23, 30)
    assert parse_iso("November 4, 2023") == datetime(2023, 11, 4)
    assert parse_iso("") is None
    assert parse_iso("soon") is None


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("| LAST UPDATE 10/10/2021", None, datetime(2021, 10, 10)),
        ("Published 3/4/2022", datetime(2022, 3, 4), None),
        ("Updated: March 4, 2022", None, datetime(2022, 3, 4)),
        ("October 10, 2021", datetime(2021, 10, 10), None),
        ("Published 3/4/2022 | Updated 3/5/2022", datetime(2022, 3, 4), datetime(2022, 3, 5)),
        ("Posted on: Jan 2, 2020", datetime(2020, 1, 2), None),
        ("First published Tuesday, October 5, 2021", datetime(2021, 10, 5), None),
    ],
)
def test_date_lines(line: str, published: datetime | None, updated: datetime | None) -> None:
    cue = cues.date_cue(line)
    assert cue is not None
    assert (cue.published, cue.updated) == (published, updated)


@pytest.mark.parametrize(
    "line",
    ["On Tuesday, October 5, the rocket launched.", "Updated rules apply from 2022", "Call 555-0100", "2021"],
)
def test_sentences_are_not_date_lines(line: str) -> None:
    assert cues.date_cue(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Sharon Renee", ["Sharon Renee"]),
        ("By A. J. Smith and Maria de la Cruz", ["A. J. Smith", "Maria de la Cruz"]),
        ("By Jane Roe, John Doe", ["Jane Roe", "John Doe"]),
        ("By Jane Roe, John Doe and Ann Lee", ["Jane Roe", "John Doe", "Ann Lee"]),
        ("By Jane Roe, John Doe, and Ann Lee", ["Jane Roe", "John Doe", "Ann Lee"]),
        ("BY JANE ROE & JOHN DOE", ["JANE ROE", "JOHN DOE"]),
        ("By Jane Roe, Staff Writer", ["Jane Roe"]),
        ("By The Associated Press", ["The Associated Press"]),
        ("Written by Seán O'Brien-Murphy", ["Seán O'Brien-Murphy"]),
        ("By Jane Roe | March 4, 2022", ["Jane Roe"]),
    ],
)
def test_bylines(line: str, names: list[str]) -> None:
    assert cues.byline_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day, the crew had landed.",
        "By Tuesday, officials said the launch would slip.",
        "By 2030 the station will be retired",
        "Bypass the main road",
        "Sharon Renee",
    ],
)
def test_not_bylines(line: str) -> None:
    assert cues.byline_names(line) is None


def test_byline_date_after_separator() -> None:
    cue = cues.byline_date("By Jane Roe | Updated March 4, 2022")
    assert cue is not None
    assert cue.updated == datetime(2022, 3, 4)


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Advertisement - Continue Reading Below",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sign up for our newsletter",
        "Share this article",
        "Read more: How rockets land",
        "Subscribe",
        "Subscribe to our daily briefing",
        "Related stories",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert cues.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribers were angry when the price rose.",
        "The agency said advertisements for the flight had been misleading and would be withdrawn "
        "after a complaint from several consumer groups who had studied the campaign for months.",
        "Read the full report on the agency's website.",
        "She shared the article with colleagues.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert not cues.is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Who Was on Board", True),
        ("What Comes Next?", True),
        ("THE ROAD AHEAD", True),
        ("Background", True),
        ("A Survey of the Southern Sky", True),
        ("Their destination?", False),
        ("Stay tuned for further details of the ISS flight.", False),
        ("russian film crew space", False),
        ("The Crew Said It Was Ready.", False),
        ("Yes", False),
    ],
)
def test_heading_lines(line: str, heading: bool) -> None:
    assert cues.is_heading_line(line) is heading


def test_caption_like() -> None:
    assert cues.is_caption_like("The crew waves before boarding the capsule.")
    assert not cues.is_caption_like("russian movie filming space")
    assert not cues.is_caption_like("Peresild movie the challenge")
