"""Datelines: "DAMASCUS, Aug 29 (AFP) -", "MOSCOW, April 1, 1997 (AFP)"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dragoman.records import Article

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{1,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z .]{1,30}?))?\s*,\s*"
    r"(?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?)?\s*"
    r"(?:\((?P<agency>[A-Za-z .]{2,30})\))?\s*[-–—]+\s*",
)


@dataclass
class Dateline:
    place: str
    agency: str | None
    date: str | None  # ISO date, or --MM-DD when the year is not given
    end: int  # where the story text after the dateline begins


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, if there is one."""
    match = _DATELINE.match(text)
    if not match or not (match.group("month") or match.group("agency")):
        return None
    place = match.group("place").strip().title()
    date = None
    if match.group("month"):
        month = _MONTHS.get(match.group("month")[:3].lower())
        if month:
            day = int(match.group("day"))
            year = match.group("year")
            date = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return Dateline(place=place, agency=match.group("agency"), date=date, end=match.end())


def apply_dateline(article: Article) -> None:
    """Fill ``article.dateline`` (and ``published`` when missing) from the text."""
    first = article.text.lstrip().split("\n", 1)[0]
    found = parse_dateline(first)
    if found is None:
        return
    article.dateline = found.place
    if found.agency:
        article.metadata.setdefault("agency", found.agency)
    if not article.published and found.date and not found.date.startswith("--"):
        article.published = found.date
