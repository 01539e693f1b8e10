"""The actor dictionaries: shipped data, the PETRARCH reader, user dictionaries (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from dragoman.actors import dictionary as dictionary_module
from dragoman.actors.dictionary import (
    Dictionary,
    Entry,
    default_dictionary,
    load_dictionaries,
    simple_tokens,
    tokenize_phrase,
)
from dragoman.actors.kinds import combine, plural, split_code
from dragoman.actors.match import find_atoms
from dragoman.actors.petrarch import CodeSpan, iso_date, parse_actors, parse_agents
from dragoman.errors import InputError

PETRARCH_ACTORS = """\
# a comment
FREEDONIA_  [FRE]
+FREEDONIAN_
+FREEDONIA_CITY_

RUFUS_T._FIREFLY_  # a leader
+FIREFLY_
+PRESIDENT_FIREFLY_
\t[FREELI 300101-330101]
\t[FREGOV >330101]
\t[FREELI]
TRENTINO_
+AMBASSADOR_TRENTINO
TRENTINO_OF_SYLVANIA
\t[SYLGOV]
"""

PETRARCH_AGENTS = """\
!PERSON! = MAN, WOMAN
CHANCELLOR [~GOV]
SPOKES!PERSON! [~GOV]
DOORMAN {DOORMEN} [~CVL]
BRIGAND {} [~CRM]
"""


def _words(text: str) -> list[str]:
    return text.lower().split()


def test_dictionary_has_countries_demonyms_and_capitals() -> None:
    d = default_dictionary()
    for phrase, code in [("russia", "RUS"), ("syrian", "SYR"), ("emirati", "ARE"),
                         ("moscow", "RUS"), ("damascus", "SYR"), ("beijing", "CHN"),
                         ("tehran", "IRN"), ("washington", "USA"), ("filipino", "PHL")]:
        entry = d.phrases[(phrase,)]
        assert entry.kind == "state" and entry.country == code, phrase


def test_dictionary_has_seats_of_power_and_igos() -> None:
    d = default_dictionary()
    expected = {"the kremlin": "RUSGOV", "the white house": "USAGOV", "pentagon": "USAMIL",
                "state department": "USAGOV", "downing street": "GBRGOV", "whitehall": "GBRGOV",
                "elysee": "FRAGOV", "united nations": "IGOUNO", "security council": "IGOUNO",
                "european union": "IGOEUREEC", "nato": "IGOWSTNAT", "unhcr": "IGOUNOREFHCR",
                "arab league": "IGOMEAARL", "world bank": "IGOUNODEVWBK", "osce": "IGOEURSCE"}
    for phrase, code in expected.items():
        assert d.phrases[tuple(phrase.split())].code_at("2015-01-01") == code, phrase


def test_dictionary_has_agents_with_plurals() -> None:
    d = default_dictionary()
    assert d.agents[("foreign", "minister")].sector == "GOV"
    assert d.agents[("rebels",)].sector == "REB"
    assert d.agents[("rebels",)].kind == "group"
    assert d.agents[("police",)].sector == "COP"
    assert d.agents[("state", "media")].kind == "media"
    assert ("deputy",) not in d.agents  # a modifier of titles, not a title


def test_dictionary_dated_codes_follow_the_date() -> None:
    putin = default_dictionary().phrases[("vladimir", "putin")]
    assert putin.code_at("1995-06-01") == "RUSELI"
    assert putin.code_at("2012-06-01") == "RUSGOV"
    assert putin.code_at(None) == "RUSGOV"  # no date: the open-ended office


def test_dictionary_people_sharing_a_name_chosen_by_date() -> None:
    d = default_dictionary()
    assert d.entry_at(("bush",), "1991-01-01").name == "George Bush"
    assert d.entry_at(("bush",), "2005-01-01").name == "George W. Bush"


def test_dictionary_own_entries_win_over_stale_ones() -> None:
    d = default_dictionary()
    mugabe = d.entry_at(("robert", "mugabe"), "2019-06-01")
    assert mugabe.code_at("2019-06-01") == "ZWEELI"  # the Phoenix entry's office never ends
    assert mugabe.code_at("2010-06-01") == "ZWEGOV"
    mine = Dictionary()
    mine.add_entry(Entry("person", "A B", "XXXGOV@20000101-20100101 XXXELI", ["a b"]), pin=True)
    mine.add_entry(Entry("person", "A. B.", "XXXGOV@20000101-", ["a b"]))
    assert mine.entry_at(("a", "b"), "2020-01-01").name == "A B"


def test_dictionary_simple_tokens_agree_with_spacy_on_shipped_extras() -> None:
    tokenizer = spacy.blank("en").tokenizer
    data = Path(dictionary_module.__file__).parent / "data"
    phrases = []
    for line in (data / "extra_actors.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            phrases += line.split("\t")[3].split("|")
    for line in (data / "extra_agents.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            phrases.append(line.split("\t")[0])
    for phrase in phrases:
        expected = " ".join(t.lower_ for t in tokenizer(phrase))
        assert simple_tokens(phrase) == expected, phrase


def test_dictionary_default_loads_once() -> None:
    assert default_dictionary() is default_dictionary()


def test_petrarch_dates_and_codes() -> None:
    assert iso_date("060501") == "2006-05-01"
    assert iso_date("991231") == "1999-12-31"
    assert iso_date("19270101") == "1927-01-01"
    assert iso_date("2004017") is None
    span = CodeSpan.parse(CodeSpan("RUSGOV", "2006-05-01", None).dump())
    assert span == CodeSpan("RUSGOV", "2006-05-01", None)


def test_petrarch_actor_entries() -> None:
    entries = {e.name: e for e in parse_actors(PETRARCH_ACTORS.splitlines())}
    assert entries["FREEDONIA"].synonyms == ["FREEDONIAN", "FREEDONIA CITY"]
    firefly = entries["RUFUS T. FIREFLY"]
    assert [c.code for c in firefly.codes] == ["FREELI", "FREGOV", "FREELI"]
    assert firefly.codes[1].start == "2033-01-01" or firefly.codes[1].start == "1933-01-01"
    # an entry without codes shares the codes of the entry right after it
    assert [c.code for c in entries["TRENTINO"].codes] == ["SYLGOV"]


def test_petrarch_agents_with_substitutions_and_plurals() -> None:
    agents = {a.phrase: a for a in parse_agents(PETRARCH_AGENTS.splitlines())}
    assert set(agents) == {"CHANCELLOR", "SPOKESMAN", "SPOKESWOMAN", "DOORMAN", "BRIGAND"}
    assert agents["DOORMAN"].plurals == ["DOORMEN"]
    assert agents["BRIGAND"].plurals == []
    assert plural("spokesman") == "spokesmen" and plural("authority") == "authorities"


def test_load_dictionaries_reads_petrarch_files(tmp_path: Path) -> None:
    actors = tmp_path / "fictional.actors.txt"
    actors.write_text(PETRARCH_ACTORS, encoding="utf-8")
    agents = tmp_path / "fictional.agents.txt"
    agents.write_text(PETRARCH_AGENTS, encoding="utf-8")
    d = load_dictionaries([actors, agents])
    firefly = d.phrases[("rufus", "t.", "firefly")]
    assert firefly.kind == "person" and firefly.code_at("1940-01-01") == "FREGOV"
    assert d.phrases[("freedonian",)].kind == "state"
    assert d.agents[("doormen",)].kind == "group"
    assert d.agents[("chancellor",)].sector == "GOV"


def test_load_dictionaries_reads_tsv(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# mine\norganisation\tAcme Watch\tNGOHRI\tAcme Watch|Acme-Watch\n",
                    encoding="utf-8")
    d = load_dictionaries([path])
    assert d.phrases[("acme", "-", "watch")].code_at(None) == "NGOHRI"


def test_load_dictionaries_missing_file_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_dictionaries([tmp_path / "absent.txt"])


def test_dictionary_user_entries_take_precedence() -> None:
    base, mine = Dictionary(), Dictionary()
    base.add_entry(Entry("state", "Freedonia", [CodeSpan("FRE")], ["freedonia"]))
    mine.add_entry(Entry("state", "Freedonia", [CodeSpan("FRX")], ["freedonia"]))
    base.extend(mine)
    assert base.phrases[("freedonia",)].code_at(None) == "FRX"


def test_tokenize_phrase_matches_spacy() -> None:
    assert tokenize_phrase("Ban Ki-moon") == "ban ki - moon"
    assert tokenize_phrase("Russia's") == "russia 's"


def test_kinds_split_and_combine_codes() -> None:
    assert split_code("RUSGOVMIL") == ("RUS", "GOV")
    assert split_code("IGOUNOMIL") == (None, "IGO")
    assert combine("RUS", "GOV") == "RUSGOV"
    assert combine("USAGOV", "GOV") == "USAGOV"
    assert combine("IGOUNO", "MIL") == "IGOUNOMIL"
    assert combine("IGOUNO", "GOV") == "IGOUNO"  # a UN envoy is the UN


def test_match_finds_names_and_titles_without_a_model() -> None:
    nlp = spacy.blank("en")
    doc = nlp("The Kremlin said Syrian rebels met the Pentagon .")
    atoms = find_atoms(doc, default_dictionary(), "2012-01-01")
    found = [(doc[a.start:a.end].text, a.entry.name if a.entry else a.agent.sector)
             for a in atoms]  # type: ignore[union-attr]
    assert found == [("The Kremlin", "Russian government"), ("Syrian", "Syria"),
                     ("rebels", "REB"), ("the Pentagon", "US military")]


def test_match_common_words_are_not_names() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Who told us about china and it ?")
    assert find_atoms(doc, default_dictionary()) == []


def test_dictionary_env_var_adds_user_files(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fictional.actors.txt"
    path.write_text(PETRARCH_ACTORS, encoding="utf-8")
    monkeypatch.setenv(dictionary_module.ENV_VAR, str(path))
    default_dictionary.cache_clear()
    try:
        d = default_dictionary()
        assert d.phrases[("freedonia",)].country == "FRE"
        assert d.phrases[("russia",)].country == "RUS"  # the shipped data is still there
    finally:
        monkeypatch.delenv(dictionary_module.ENV_VAR)
        default_dictionary.cache_clear()
