"""Word lists of the actors stage and the guesses made from them (kinds, plurals)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from dragoman.actors import petrarch


@functools.lru_cache(maxsize=1)
def word_data() -> dict[str, Any]:
    """``data/words.json`` as read."""
    path = resources.files("dragoman.actors").joinpath("data", "words.json")
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The flat word lists of ``data/words.json`` as sets of lower-case words."""
    return {k: frozenset(v) for k, v in word_data().items()
            if isinstance(v, list) and all(isinstance(x, str) for x in v)}


@functools.lru_cache(maxsize=1)
def title_groups() -> dict[str, frozenset[str]]:
    """Each title word -> the words that name the same office ("envoy" ~ "ambassador")."""
    out: dict[str, frozenset[str]] = {}
    for group in word_data()["same_title"]:
        for word in group:
            out[word] = out.get(word, frozenset([word])) | frozenset(group)
    return out


def anaphors() -> dict[str, list[str]]:
    """Heads of definite descriptions ("the agency") -> the kinds they may refer to."""
    return word_data()["anaphoric_heads"]


def is_sector(code: str) -> bool:
    return code.upper() in words()["sectors"]


COUNTRY_ROOTS = {"SUN", "MUS"}  # the Soviet Union and Mauritius, not Sunni and Muslim
REGIONS = {"AFR", "ASA", "BLK", "CAU", "CRB", "CAS", "CEU", "CFR", "EAF", "EEU", "EIN", "EUR",
           "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF",
           "WST"}  # CAMEO's regional codes
_ROOTS_NOT_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "UIS", "INT", "---"}


def countryless(code: str) -> bool:
    """A Phoenix code that starts with a sector ("MED", "HINREB"): no country."""
    root = code[:3]
    return is_sector(root) and root not in COUNTRY_ROOTS and root not in _ROOTS_NOT_COUNTRIES


def sectors_of(code: str | None) -> list[str]:
    """The sector chunks of a code: RUSGOVMIL -> [GOV, MIL]; IGOUNOMIL -> [MIL]."""
    if not code:
        return []
    return [code[i:i + 3] for i in range(3, len(code) - 2, 3) if is_sector(code[i:i + 3])]


def code_sectors(code: str) -> str:
    """The sector part of a code as one string: RUSGOVMIL -> GOVMIL; IGOUNO -> ''."""
    return "".join(sectors_of(code))


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a code: RUSGOV -> (RUS, GOV); IGOUNO -> (None, IGO)."""
    if not code or len(code) < 3:
        return None, None
    root = code[:3]
    sectors = sectors_of(code)
    if root in REGIONS:
        return None, sectors[0] if sectors else None
    if root in _ROOTS_NOT_COUNTRIES:
        return None, root if root != "---" else (sectors[0] if sectors else None)
    return root, sectors[0] if sectors else None


def combine(root: str | None, sector: str | None) -> str | None:
    """A root code and an agent's sector: (RUS, GOV) -> RUSGOV; (USAGOV, GOV) -> USAGOV."""
    if not root:
        return None
    if not sector or sector[:3] in sectors_of(root):
        return root if root != "---" else None
    if root[:3] in _ROOTS_NOT_COUNTRIES and sector.startswith("GOV"):
        return root  # a UN envoy is the UN
    return root + sector


def entry_kind(item: petrarch.RawEntry) -> str:
    """person, state, organisation, group or media, guessed from codes and comment."""
    code = item.codes[0].code
    lowered = item.name.lower()
    institution = any(w in lowered.split() for w in words()["institution_heads"])
    if countryless(code):
        code = "---" + code
    sectors = code_sectors(code)
    personal = (any(c.dated for c in item.codes) or "ELI" in code[3:]
                or "CountryInfo" in item.comment or "IGOrulers" in item.comment)
    personal = personal and bool(sectors or code.startswith("IGO"))
    if personal and not institution:
        return "person"
    if len(code) == 3 or (not sectors and not code.startswith(("IGO", "NGO", "MNC", "IMG", "---"))):
        return "state"
    if "MED" in sectors and not personal:
        return "media"
    if code.startswith("IMG") or sectors[:3] in ("REB", "UAF", "OPP", "INS"):
        return "group"
    return "organisation"


def plural(word: str) -> str:
    """The regular English plural of ``word`` (upper or lower case kept)."""
    low = word.lower()
    if low.endswith("man"):
        return word[:-2] + ("EN" if word.isupper() else "en")
    if low.endswith("person"):
        return word[:-6] + ("PEOPLE" if word.isupper() else "people")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + ("ES" if word.isupper() else "es")
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + ("IES" if word.isupper() else "ies")
    return word + ("S" if word.isupper() else "s")


def agent_kind(phrase: str, sector: str, is_plural: bool) -> str:
    """media, organisation, group or person for an agent phrase."""
    low = phrase.lower()
    head = low.split()
    for k, word in enumerate(head):  # "spokesman for the opposition": a spokesman
        if word in ("for", "of", "to", "in", "at", "on") and k > 0:
            head = head[:k]
            break
    last = head[-1] if head else low
    w = words()
    if ("MED" in sector and (last in w["media_heads"] or low in w["media_heads"])):
        return "media"
    if last in w["institution_heads"] or low in w["institution_heads"]:
        return "organisation"
    return "group" if is_plural else "person"


def agent_forms(item: petrarch.RawAgent) -> list[tuple[str, str]]:
    """(phrase, kind) for an agent and its plural(s); ``MINIST`` stems expanded."""
    heads = [item.phrase]
    if item.phrase.upper().endswith("MINIST"):
        heads = [item.phrase + "ER", item.phrase + "RY"]
    out: list[tuple[str, str]] = []
    for phrase in heads:
        out.append((phrase, agent_kind(phrase, item.sector, False)))
        plurals = item.plurals
        if plurals is None:
            *rest, last = phrase.split(" ")
            plurals = [" ".join([*rest, plural(last)])]
        out.extend((p, agent_kind(p, item.sector, True)) for p in plurals)
    return out
