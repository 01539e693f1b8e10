"""TimeML values of English time expressions, relative to an anchor date (no model)."""

from __future__ import annotations

from datetime import date

import pytest

from dragoman.time import calendar as cal
from dragoman.time.normalise import normalise

WED = date(2012, 8, 29)  # a Wednesday
JAN = date(2013, 1, 4)  # a Friday in January

CASES = [
    # relative days
    ("today", WED, None, None, ("DATE", "2012-08-29")),
    ("yesterday", WED, "past", None, ("DATE", "2012-08-28")),
    ("tomorrow", WED, "future", None, ("DATE", "2012-08-30")),
    ("two days ago", WED, "past", None, ("DATE", "2012-08-27")),
    ("three days earlier", WED, "past", "2012-08-20", ("DATE", "2012-08-17")),
    ("last night", WED, "past", None, ("TIME", "2012-08-28TNI")),
    ("this morning", WED, "past", None, ("TIME", "2012-08-29TMO")),
    # weekdays follow the tense of the verb
    ("on Monday", WED, "past", None, ("DATE", "2012-08-27")),
    ("Monday", WED, "future", None, ("DATE", "2012-09-03")),
    ("Wednesday", WED, "past", None, ("DATE", "2012-08-29")),
    ("last Friday", WED, None, None, ("DATE", "2012-08-24")),
    ("next Friday", WED, None, None, ("DATE", "2012-08-31")),
    ("Friday", JAN, "past", None, ("DATE", "2013-01-04")),
    # weeks
    ("last week", WED, "past", None, ("DATE", "2012-W34")),
    ("next week", WED, "future", None, ("DATE", "2012-W36")),
    ("this week", WED, None, None, ("DATE", "2012-W35")),
    ("earlier this week", WED, "past", None, ("DATE", "2012-W35")),
    ("the weekend", WED, "past", None, ("DATE", "2012-W34-WE")),
    ("the past week", WED, None, None, ("DURATION", "P1W")),
    # months
    ("last month", WED, "past", None, ("DATE", "2012-07")),
    ("since mid-March", WED, "past", None, ("DATE", "2012-03")),
    ("in late November", JAN, "past", None, ("DATE", "2012-11")),
    ("next month", WED, "future", None, ("DATE", "2012-09")),
    ("April 1997", WED, None, None, ("DATE", "1997-04")),
    # year-less dates across a new year
    ("Dec. 28", JAN, "past", None, ("DATE", "2012-12-28")),
    ("Dec. 28", JAN, None, None, ("DATE", "2012-12-28")),
    ("Jan. 10", JAN, "future", None, ("DATE", "2013-01-10")),
    ("Aug 29", WED, None, None, ("DATE", "2012-08-29")),
    ("April 1, 1997", WED, None, None, ("DATE", "1997-04-01")),
    ("29 August 2012", WED, None, None, ("DATE", "2012-08-29")),
    # years, quarters, halves, seasons
    ("earlier this year", WED, "past", None, ("DATE", "2012")),
    ("last year", WED, "past", None, ("DATE", "2011")),
    ("next year's first quarter", WED, None, None, ("DATE", "2013-Q1")),
    ("the second quarter", WED, "past", None, ("DATE", "2012-Q2")),
    ("third-quarter", WED, "past", None, ("DATE", "2012-Q3")),
    ("the latest quarter", WED, "past", None, ("DATE", "2012-Q2")),
    ("a year earlier", WED, "past", "2012-Q2", ("DATE", "2011-Q2")),
    ("the first half of 2011", WED, None, None, ("DATE", "2011-H1")),
    ("summer", WED, None, None, ("DATE", "2012-SU")),
    ("last summer", WED, "past", None, ("DATE", "2011-SU")),
    ("this fall", WED, "future", None, ("DATE", "2012-FA")),
    ("the 1990s", WED, None, None, ("DATE", "199")),
    ("fiscal 2011", WED, None, None, ("DATE", "2011")),
    ("five years ago", WED, "past", None, ("DATE", "2007")),
    ("nineteen ninety-six", WED, None, None, ("DATE", "1996")),
    ("1354 B.C.", WED, None, None, ("DATE", "BC1354")),
    # references to the present, past and future
    ("now", WED, None, None, ("DATE", "PRESENT_REF")),
    ("recently", WED, None, None, ("DATE", "PAST_REF")),
    ("the future", WED, None, None, ("DATE", "FUTURE_REF")),
    # durations and sets
    ("three days", WED, None, None, ("DURATION", "P3D")),
    ("the past two years", WED, None, None, ("DURATION", "P2Y")),
    ("the first nine months", WED, None, None, ("DURATION", "P9M")),
    ("16-hour", WED, None, None, ("DURATION", "PT16H")),
    ("two-year", WED, None, None, ("DURATION", "P2Y")),
    ("a decade", WED, None, None, ("DURATION", "P10Y")),
    ("weeks", WED, None, None, ("DURATION", "PXW")),
    ("daily", WED, None, None, ("SET", "P1D")),
    ("every Monday", WED, None, None, ("SET", "XXXX-WXX-1")),
    # clock times and holidays
    ("10:35 a.m.", WED, "past", "2012-08-27", ("TIME", "2012-08-27T10:35")),
    ("3 p.m. Monday", WED, "past", None, ("TIME", "2012-08-27T15:00")),
    ("noon", WED, None, None, ("TIME", "2012-08-29T12:00")),
    ("Christmas", JAN, "past", None, ("DATE", "2012-12-25")),
    ("Thanksgiving", WED, "future", None, ("DATE", "2012-11-22")),
]


@pytest.mark.parametrize(("text", "anchor", "tense", "reference", "expected"), CASES,
                         ids=[c[0] + (f"@{c[2]}" if c[2] else "") for c in CASES])
def test_normalise_values(text, anchor, tense, reference, expected):
    assert normalise(text, anchor, tense, reference) == expected


def test_normalise_rejects_non_time_phrases():
    for text in ("6-year-old", "the president", "45", "$3 billion", ""):
        assert normalise(text, WED) is None


def test_normalise_without_anchor_keeps_absolute_values():
    assert normalise("April 1, 1997", None) == ("DATE", "1997-04-01")
    assert normalise("three days", None) == ("DURATION", "P3D")
    assert normalise("yesterday", None) is None
    assert normalise("Dec. 28", None) == ("DATE", "XXXX-12-28")


def test_calendar_shift_value_keeps_granularity():
    assert cal.shift_value("2012-Q1", -1, "Q") == "2011-Q4"
    assert cal.shift_value("2012-03", 1, "Y") == "2013-03"
    assert cal.shift_value("2012-W01", -1, "W") == "2011-W52"
    assert cal.shift_value("2012-03-31", -1, "M") == "2012-02-29"
    assert cal.shift_value("2012", -1, "Y") == "2011"
    assert cal.shift_value("nonsense", 1, "Y") is None


def test_calendar_year_near_crosses_the_new_year():
    assert cal.year_near(JAN, 12, 28, "past") == 2012
    assert cal.year_near(date(2012, 12, 30), 1, 3, "future") == 2013
    assert cal.year_near(date(2012, 12, 30), 1, 3, None) == 2013
    assert cal.year_near(date(2012, 6, 1), 1, 3, None) == 2012


def test_calendar_holidays():
    assert cal.easter(2000) == date(2000, 4, 23)
    assert cal.nth_weekday(1999, 11, 3, 4) == date(1999, 11, 25)
    assert cal.nth_weekday(2012, 5, 0, -1) == date(2012, 5, 28)
