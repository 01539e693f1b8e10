"""Datelines at the top of wire stories: place, agency, date."""

from __future__ import annotations

import gzip
import json

import pytest

from dragoman.records import Article
from dragoman.time.dateline import apply_dateline, complete_year, parse_dateline


@pytest.mark.parametrize(("line", "place", "agency", "date"), [
    ("DAMASCUS, Aug 29 (AFP) - Syria said", "Damascus", "AFP", "--08-29"),
    ("MOSCOW, April 1, 1997 (AFP)", "Moscow", "AFP", "1997-04-01"),
    ("WASHINGTON (Reuters) - The Senate voted", "Washington", "Reuters", None),
    ("UNITED NATIONS, Jan 5 (Xinhua) -- The council", "United Nations", "Xinhua", "--01-05"),
    ("NAIROBI, Kenya (AP) _", "Nairobi", "AP", None),
    ("DAR ES SALAAM, Tanzania (AP) _ The bomb", "Dar es Salaam", "AP", None),
    ("LOS ANGELES, California, April 1 , 1997 (AFP)", "Los Angeles", "AFP", "1997-04-01"),
    ("LUSAKA, Nov.3 (Xinhua) -- Total", "Lusaka", "Xinhua", "--11-03"),
    ("BEIJING, Nov. 27 , 2006, (Xinhua)", "Beijing", "Xinhua", "2006-11-27"),
    ("WOLFEBORO, N.H. \u2014 The candidate spent", "Wolfeboro", None, None),
    ("SEOUL/HANOI (Reuters) - South Korea", "Seoul/Hanoi", "Reuters", None),
])
def test_dateline_parses_wire_formats(line, place, agency, date):
    found = parse_dateline(line)
    assert found is not None
    assert (found.place, found.agency, found.date) == (place, agency, date)


@pytest.mark.parametrize("line", [
    "A NATO-led airstrike in the south - killed 30",
    "The minister said on Monday that talks would resume.",
    "UPDATE - markets fall",
    "",
])
def test_dateline_ignores_ordinary_first_lines(line):
    assert parse_dateline(line) is None


def test_dateline_year_comes_from_published():
    assert complete_year("--12-30", "2013-01-02") == "2012-12-30"
    assert complete_year("--08-29", "2012-08-30") == "2012-08-29"
    assert complete_year("--08-29", None) is None
    assert complete_year("1997-04-01", None) == "1997-04-01"


def test_dateline_apply_fills_article():
    article = Article(id="x", text="DAMASCUS, Aug 29 (AFP) - Syria said on Monday ...",
                      published="2012-08-30")
    apply_dateline(article)
    assert article.dateline == "Damascus"
    assert article.metadata["agency"] == "AFP"
    assert article.metadata["dateline_date"] == "2012-08-29"
    assert article.published == "2012-08-30"


def test_dateline_gives_published_when_missing():
    article = Article(id="x", text="MOSCOW, April 1, 1997 (AFP) - Russia ...")
    apply_dateline(article)
    assert article.published == "1997-04-01"
    yearless = Article(id="y", text="MOSCOW, April 1 (AFP) - Russia ...")
    apply_dateline(yearless)
    assert yearless.published is None


@pytest.mark.shared
def test_dateline_on_real_wire_datelines(shared):
    path = shared / "corpora" / "wire-2k.jsonl.gz"
    if not path.is_file():
        pytest.skip("wire-2k corpus absent")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    found = agree = 0
    for row in rows:
        parsed = parse_dateline(row["dateline"])
        if parsed is None:
            continue
        found += 1
        if parsed.date and complete_year(parsed.date, row["published"]) == row["published"][:10]:
            agree += 1
    assert found / len(rows) > 0.98
    assert agree / len(rows) > 0.98
