"""Datelines: "DAMASCUS, Aug 29 (AFP) -", "MOSCOW, April 1, 1997 (AFP)",
"WASHINGTON (Reuters) -", "UNITED NATIONS, Jan 5 (Xinhua) --", "NAIROBI, Kenya (AP) _"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dragoman.records import Article

__all__ = ["Dateline", "apply_dateline", "complete_year", "parse_dateline"]

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

_CAPS_PLACE = r"[A-Z][A-Z.'\-/]*(?: [A-Z][A-Z.'\-/]*| (?:de|es|al|el|la|du|da)){0,4}"
_TITLE_PLACE = r"[A-Z][a-z.'\-]+(?: (?:[A-Z][a-z.'\-]+|de|es|al|el|la|du|da)){0,3}"
_REGION = r"[A-Z][A-Za-z.'\-/]*(?: [A-Za-z.'\-/]+){0,3}"
_DATE = (r"(?P<month>(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}))\.? ?"
         r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?: ?, ?(?P<year>(?:19|20)\d\d))?"
         r"(?: ?, ?(?:19|20)\d\d)?")
_AGENCY = r",?\s*\((?P<agency>[A-Za-z][A-Za-z .&\-]{0,30})\)"
_END = r"(?:\s*(?<=[\s)])(?P<dash>[-\u2013\u2014_]+)(?=\s|$)|\s*:|\s*$|\s*\n)\s*"

_DATELINE = re.compile(
    rf"^\s*(?P<place>{_CAPS_PLACE})(?:\s*,\s*(?P<region>{_REGION}))??"
    rf"(?:\s*[,.]?\s+{_DATE})?\s*(?:{_AGENCY})?{_END}"
)
_TITLE_DATELINE = re.compile(
    rf"^\s*(?P<place>{_TITLE_PLACE})(?:\s*,\s*(?P<region>{_REGION}))??"
    rf"(?:\s*,\s*{_DATE})?\s*{_AGENCY}\s*[-\u2013\u2014_]+\s*"
)


@dataclass
class Dateline:
    place: str
    agency: str | None
    date: str | None  # ISO date, or --MM-DD when the year is not given
    end: int  # where the story text after the dateline begins
    region: str | None = None


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, if there is one."""
    match = _DATELINE.match(text) or _TITLE_DATELINE.match(text)
    if not match or not (match.group("month") or match.group("agency")
                         or match.groupdict().get("dash")):
        return None
    place = match.group("place").strip()
    if len(place) < 3 or place.upper() in _NOT_PLACES:
        return None
    return Dateline(place=_title(place), agency=match.group("agency"), date=_iso(match),
                    end=match.end(), region=match.group("region"))


_NOT_PLACES = {"UPDATE", "URGENT", "CORRECTED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "FACTBOX",
               "NEWS", "PHOTO", "VIDEO", "EDITORS", "NOTE", "WRAPUP", "REFILE"}
_SMALL = {"es", "de", "al", "el", "la", "du", "da", "of"}


def _title(place: str) -> str:
    """"DAR ES SALAAM" -> "Dar es Salaam", "UNITED NATIONS" -> "United Nations"."""
    words = place.split()
    out = [w.lower() if i and w.lower() in _SMALL else _cap(w) for i, w in enumerate(words)]
    return " ".join(out)


def _cap(word: str) -> str:
    """"AL-ARISH" -> "Al-Arish", "SEOUL/HANOI" -> "Seoul/Hanoi"."""
    return re.sub(r"[A-Za-z']+", lambda m: m[0].capitalize(), word)


def _iso(match: re.Match[str]) -> str | None:
    if not match.group("month"):
        return None
    month = _MONTHS.get(match.group("month")[:3].lower())
    day = int(match.group("day"))
    if not month or not 1 <= day <= 31:
        return None
    year = match.group("year")
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def complete_year(value: str, published: str | None) -> str | None:
    """A year-less "--MM-DD" given the year nearest to ``published`` (else None)."""
    if not value.startswith("--"):
        return value
    if not published:
        return None
    try:
        anchor = date.fromisoformat(published[:10])
    except ValueError:
        return None
    month, day = int(value[2:4]), int(value[5:7])
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best.isoformat() if best else None


def apply_dateline(article: Article) -> None:
    """Fill ``article.dateline`` (and ``published`` when missing) from the text's
    dateline; the dateline's own date goes to ``metadata["dateline_date"]``."""
    first = article.text.lstrip().split("\n", 1)[0]
    found = parse_dateline(first)
    if found is None:
        return
    article.dateline = found.place
    if found.agency:
        article.metadata.setdefault("agency", found.agency)
    if found.region:
        article.metadata.setdefault("dateline_region", found.region)
    if found.date:
        full = complete_year(found.date, article.published)
        article.metadata.setdefault("dateline_date", full or found.date)
        if not article.published and full:
            article.published = full
