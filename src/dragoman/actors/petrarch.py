"""Reading actor and agent dictionaries in PETRARCH/TABARI format.

Actor files hold entries like::

    VLADIMIR_PUTIN_  # a comment
    +PUTIN_
    +VLADIMIR_V._PUTIN
        [RUSGOV 991231-080507]
        [RUSELI]

(a name, ``+`` synonyms, codes with optional date ranges ``>YYMMDD``, ``<YYMMDD`` or
``YYMMDD-YYMMDD``; an undated code is the fallback). Agent files hold lines like
``AMBASSADOR [~GOV]`` or ``POLICE {} [~COP]`` (``{PLURAL}`` gives an irregular plural,
``{}`` none) and substitution sets ``!MINIST! = MINISTER, MINISTRY``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_CODE = re.compile(r"\[([^\]]*)\]")
_PARENS = re.compile(r"\([^)]*\)")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


@dataclass
class CodeSpan:
    """A CAMEO code, valid from ``start`` to ``end`` (ISO dates, inclusive; None: open)."""

    code: str
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    def dump(self) -> str:
        """``RUSGOV@20060501-`` (compact dates, open ends empty)."""
        if not self.dated:
            return self.code
        start = (self.start or "").replace("-", "")
        end = (self.end or "").replace("-", "")
        return f"{self.code}@{start}-{end}"

    @classmethod
    def parse(cls, text: str) -> CodeSpan:
        """The inverse of :meth:`dump`."""
        code, _, dates = text.partition("@")
        if not dates:
            return cls(code)
        start, _, end = dates.partition("-")
        return cls(code, iso_date(start) if start else None, iso_date(end) if end else None)


@dataclass
class RawEntry:
    """One actor of a dictionary file, before tokenisation."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)
    comment: str = ""


@dataclass
class RawAgent:
    phrase: str
    sector: str
    plurals: list[str] | None = None  # None: regular plural; []: none


def iso_date(text: str) -> str | None:
    """A PETRARCH date (YYMMDD or YYYYMMDD) as ISO ``YYYY-MM-DD``; None if malformed."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy < 30 else 1900 + yy}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}"


def parse_code(text: str) -> CodeSpan | None:
    """``RUSGOV >060501`` -> CodeSpan('RUSGOV', '2006-05-01', None)."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0].strip()
    if len(parts) == 1:
        return CodeSpan(code)
    when = parts[1]
    if when.startswith(">"):
        start = iso_date(when[1:])
        return CodeSpan(code, start, None) if start else None
    if when.startswith("<"):
        end = iso_date(when[1:])
        return CodeSpan(code, None, end) if end else None
    first, _, last = when.partition("-")
    start, end = iso_date(first), iso_date(last)
    return CodeSpan(code, start, end) if start and end else None


def phrase_text(raw: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN`` (parenthesised acronyms dropped)."""
    text = _PARENS.sub(" ", raw).replace("_", " ")
    return " ".join(text.split())


def parse_actors(lines: Iterable[str]) -> list[RawEntry]:
    """Entries of a PETRARCH actor file, in file order; entries without a code are kept."""
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    waiting: list[RawEntry] = []  # entries without codes, sharing the next entry's codes
    for line in lines:
        body, _, comment = line.partition("#")
        if not body.strip():
            if not line.strip():
                waiting = []
            continue
        codes = [c for c in (parse_code(m) for m in _CODE.findall(body)) if c]
        head = _CODE.sub(" ", body).strip()
        if line[:1].isspace() and not head:
            if current is not None:
                current.codes.extend(codes)
                for entry in waiting:
                    entry.codes.extend(codes)
            continue
        if head.startswith("+"):
            if current is not None:
                current.synonyms.append(phrase_text(head[1:]))
                current.codes.extend(codes)
            continue
        if current is not None and not current.codes:
            waiting.append(current)
        else:
            waiting = []
        current = RawEntry(phrase_text(head), codes=codes, comment=comment.strip())
        for entry in waiting:
            entry.codes.extend(codes)
        entries.append(current)
    return [e for e in entries if e.name]


def parse_agents(lines: Iterable[str]) -> list[RawAgent]:
    """Agents of a PETRARCH agents file, substitution sets expanded."""
    subst: dict[str, list[str]] = {}
    agents: list[RawAgent] = []
    for line in lines:
        body = line.partition("#")[0].strip()
        if not body:
            continue
        match = _SUBST.match(body)
        if match:
            subst[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(body)
        if not codes or not codes[0].startswith("~"):
            continue
        sector = codes[0][1:].strip()
        head = _CODE.sub(" ", body)
        plurals: list[str] | None = None
        if "{" in head:
            head, _, rest = head.partition("{")
            inner = rest.partition("}")[0]
            plurals = [phrase_text(p) for p in inner.split(",") if p.strip()]
        for phrase in _expand(head.strip(), subst):
            agents.append(RawAgent(phrase_text(phrase), sector, plurals))
    return agents


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!(\w+)!", phrase)
    if not match or match.group(1) not in subst:
        return [phrase.replace("!", "")]
    out: list[str] = []
    for word in subst[match.group(1)]:
        out.extend(_expand(phrase[:match.start()] + word + phrase[match.end():], subst))
    return out
