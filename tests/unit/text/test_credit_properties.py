"""Property tests for the credit parser: any text gives a Credit that points back into its line.

``parse_credit`` promises that parts keep the line's spelling and that each
part's span locates it in ``raw`` (checks underline them there); the usage
kind is the house's canonical word for what the span says. ``canonical_credit``
and ``iim_short_form`` give one clean line, the latter within IIM's byte
limit. None of them may raise, and none may take long: every example has a
deadline, and long hostile lines (runs of spaces, dots, separators) are timed.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor_app.domain import Credit
from editor_app.text.credits import (
    byte_length,
    canonical_credit,
    house_format,
    iim_short_form,
    looks_like_credit,
    parse_credit,
    shipped_agencies,
    stray_end,
)

FAST = settings(
    max_examples=200,
    deadline=timedelta(milliseconds=500),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SHAPES = {"plain", "slash", "ap", "agency-first", "courtesy", "photo-colon"}

AGENCY_NAMES = sorted({n for a in shipped_agencies() for n in a.names})
KIND_WORDS = sorted({w for k, spellings in house_format().kinds.items() for w in (k, *spellings)})
PEOPLE = ["Jane Roe", "Sharon Renee", "José Núñez", "Ólafur Þór", "李 明", "O'Brien", "A.J. Smith", "U.S."]
SEPARATORS = ["/", "\\", "|", " / ", "  /", "/ ", " | ", "//", " via ", " VIA ", ", ", " (", ")", " "]
PREFIXES = [
    "",
    "",
    "AP Photo/",
    "ap photos / ",
    "Photo: ",
    "Photo by ",
    "Courtesy of ",
    "Credit - ",
    "Image: ",
]
ENDINGS = ["", "", ".", "..", ",", " -", ";", ":", "  ", "\t", "\n"]


@st.composite
def credit_lines(draw: st.DrawFn) -> str:
    """Lines built from the pieces credits are made of, in any order: every branch of the parser."""
    pieces = st.one_of(
        st.sampled_from(AGENCY_NAMES),
        st.sampled_from(KIND_WORDS),
        st.sampled_from(PEOPLE),
        st.text(min_size=1, max_size=12),
    )
    words = draw(st.lists(pieces, min_size=1, max_size=6))
    line = draw(st.sampled_from(PREFIXES)) + words[0]
    for word in words[1:]:
        line += draw(st.sampled_from(SEPARATORS)) + word
    return line + draw(st.sampled_from(ENDINGS))


ANY_LINE = st.one_of(st.text(max_size=300), credit_lines())


def _check_credit(line: str, credit: Credit) -> None:
    """The documented promises of ``parse_credit``."""
    assert isinstance(credit, Credit)
    assert credit.raw == line
    assert credit.shape in SHAPES
    starts = [start for _, start, _ in credit.spans]
    assert starts == sorted(starts)
    previous_end = 0
    for part, start, end in credit.spans:
        assert 0 <= start < end <= len(line), (part, start, end)
        assert start >= previous_end, "parts overlap"
        previous_end = end
        value = getattr(credit, part)
        assert value is not None, part
        if part == "kind":
            assert house_format().kind_of(line[start:end]) == value
        elif part == "agency" and credit.shape == "ap":
            assert value == "AP"
            assert line[start:end].upper() == "AP"
        else:
            assert line[start:end] == value  # the line's own spelling, exactly where it stands
    for part in ("creator", "kind", "agency", "distributor"):
        value = getattr(credit, part)
        if value is not None:
            assert value, f"{part} is empty"
            assert value == value.strip(), f"{part} {value!r} is not trimmed"
            assert credit.span(part) is not None, f"{part} has no span"
    if credit.kind is not None:
        assert credit.kind in house_format().kinds
    assert parse_credit(line) == credit  # the same line always parses the same way


@FAST
@given(ANY_LINE)
@example("Roscosmos Press Service/Handout/Anadolu Agency via Getty Images")
@example("AP Photo/Jane Roe, File")
@example("ap photo/jane roe")
@example("Courtesy of NASA")
@example("Photo: U.S. Navy.")
@example("  U.S.")
@example("REUTERS/Jane Roe")
@example("Jane Roe (Handout Photo)")
@example("")
@example(" \t\n")
@example("/ / via  via ")
def test_parse_credit_keeps_spans_in_the_line(line: str) -> None:
    _check_credit(line, parse_credit(line))


@FAST
@given(ANY_LINE)
def test_canonical_credit_is_one_clean_line(line: str) -> None:
    canonical = canonical_credit(line)
    assert isinstance(canonical, str)
    assert canonical == " ".join(canonical.split())  # no line breaks, no doubled or edge spaces


@FAST
@given(ANY_LINE, st.integers(min_value=0, max_value=64))
def test_iim_short_form_fits_the_byte_limit(line: str, limit: int) -> None:
    default = iim_short_form(line)
    assert byte_length(default) <= house_format().iim_limits["Credit"]
    short = iim_short_form(line, limit=limit)
    assert byte_length(short) <= limit
    assert "\n" not in short
    credit = parse_credit(line)
    assert byte_length(iim_short_form(credit, limit=limit)) <= limit


@FAST
@given(ANY_LINE)
def test_looks_like_credit_is_a_bool_and_refuses_prose_lengths(line: str) -> None:
    verdict = looks_like_credit(line)
    assert isinstance(verdict, bool)
    if len(line.strip()) > 160 or len(line.split()) > 16:
        assert verdict is False


@FAST
@given(st.text(max_size=200), st.data())
def test_stray_end_stays_in_range_and_strips_only_punctuation(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    pos = stray_end(text, start, end)
    assert start <= pos <= end
    assert all(c in ",;:.-" for c in text[pos:end])


LONG = 50_000
HOSTILE_LINES = {
    "spaces-between-words": "Jane" + " " * LONG + "Roe",
    "spaces-before-kind": "Jane Roe" + " " * LONG + "(Handout",
    "spaces-before-via": "Jane Roe" + " " * LONG + "via",
    "spaces-after-comma": "Jane Roe," + " " * LONG + "Handout" + " " * LONG + "x",
    "word-then-dots": "a" * (LONG // 2) + "." * (LONG // 2),
    "only-dots": "." * LONG,
    "stray-punctuation": "Reuters" + ".-,;:" * (LONG // 5),
    "dotted-words": "a.b" * (LONG // 3) + ".",
    "separators": "/" * LONG,
    "spaced-separators": " / " * (LONG // 3),
    "via-repeated": " via" * (LONG // 4),
    "agencies-chained": "Reuters/" * (LONG // 8),
    "open-parens": " (" * (LONG // 2),
    "tabs": "a\t" * (LONG // 2),
    "photo-prefix-spaces": "Photo" + " " * LONG + "x",
    "ap-prefix-spaces": "AP" + " " * LONG + "Photo" + " " * LONG + "/x",
}


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_long_hostile_lines_are_parsed_in_linear_time(line: str) -> None:
    """A pasted 50,000-character line must not hang the desk (these took seconds to minutes when the
    patterns could start anywhere in a run of spaces or dots)."""
    start = time.perf_counter()
    credit = parse_credit(line)
    canonical_credit(line)
    iim_short_form(line)
    looks_like_credit(line)
    assert time.perf_counter() - start < 1.0
    _check_credit(line, credit)
