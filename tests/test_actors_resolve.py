"""Resolving mentions to coded actors on sentences written for these tests (loads the model)."""

from __future__ import annotations

import pytest

from dragoman.actors import MentionIndex, resolve
from dragoman.actors.dictionary import load_dictionaries, with_dictionaries
from dragoman.records import Actor, Article

pytestmark = pytest.mark.slow


def _actors(nlp, text: str, published: str | None = "2012-08-29", **kw) -> list[Actor]:  # type: ignore[no-untyped-def]
    article = Article(id="t", text=text, published=published)
    return resolve(nlp(text), article, **kw)


def _by_mention(actors: list[Actor], text: str) -> Actor:
    for actor in actors:
        if any(m.text == text for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor mentioned as {text!r}: {[a.name for a in actors]}")


def test_resolve_offsets_match_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia's envoy met Syrian rebels in Damascus. He said the Kremlin agreed."
    actors = _actors(nlp, text)
    assert [a.id for a in actors] == [f"a{n}" for n in range(1, len(actors) + 1)]
    for actor in actors:
        for m in actor.mentions:
            assert text[m.start:m.end] == m.text


def test_resolve_metonyms(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Kremlin rejected the plan, the Pentagon said, while the White House and the "
            "State Department stayed silent and Downing Street welcomed it.")
    actors = _actors(nlp, text)
    assert _by_mention(actors, "The Kremlin").code == "RUSGOV"
    assert _by_mention(actors, "the Pentagon").code == "USAMIL"
    assert _by_mention(actors, "the White House").code == "USAGOV"
    assert _by_mention(actors, "State Department").code == "USAGOV"
    assert _by_mention(actors, "Downing Street").code == "GBRGOV"


def test_resolve_capitals_and_demonyms_are_states(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "Moscow warned Tehran, and the Emiratis sided with Beijing.")
    assert _by_mention(actors, "Moscow").code == "RUS"
    assert _by_mention(actors, "Tehran").kind == "state"
    assert _by_mention(actors, "Beijing").country == "CHN"


def test_resolve_title_becomes_role_and_sector(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russian deputy foreign minister Mikhail Bogdanov arrived in Damascus on Monday."
    bogdanov = _by_mention(_actors(nlp, text), "Mikhail Bogdanov")
    assert bogdanov.kind == "person" and bogdanov.name == "Mikhail Bogdanov"
    assert bogdanov.role == "deputy foreign minister"
    assert bogdanov.code == "RUSGOV" and bogdanov.country == "RUS" and bogdanov.sector == "GOV"


def test_resolve_possessive_owner_and_qualifier(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia's U.N. ambassador Vitaly Churkin blocked the draft."
    churkin = _by_mention(_actors(nlp, text), "Vitaly Churkin")
    assert churkin.code == "RUSGOV" and churkin.role == "U.N. ambassador"


def test_resolve_whole_phrase_maps_to_one_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Talks were led by deputy foreign minister Mikhail Bogdanov of Russia."
    actors = _actors(nlp, text)
    index = MentionIndex(actors)
    start = text.index("deputy")
    title = index.at(start, start + len("deputy"))
    name = index.at(text.index("Bogdanov"), text.index("Bogdanov") + 8)
    assert title is not None and title is name and name.name == "Mikhail Bogdanov"


def test_resolve_groups_with_a_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Syrian rebels attacked an army post, the Syrian opposition said. Egyptian police "
            "arrested protesters, and Syrian state media and the official SANA news agency "
            "reported the clashes.")
    actors = _actors(nlp, text)
    assert _by_mention(actors, "Syrian rebels").code == "SYRREB"
    assert _by_mention(actors, "Syrian rebels").kind == "group"
    assert _by_mention(actors, "the Syrian opposition").code == "SYROPP"
    assert _by_mention(actors, "Egyptian police").code == "EGYCOP"
    media = _by_mention(actors, "Syrian state media")
    assert media.code == "SYRMED" and media.kind == "media"
    sana = _by_mention(actors, "the official SANA news agency")
    assert sana.code == "SYRMED" and sana.kind == "media" and sana.name == "Syrian Arab News Agency"


def test_resolve_generic_agents_take_the_article_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Cairo braced for more unrest. Police fired tear gas at protesters near the square."
    actors = _actors(nlp, text)
    assert _by_mention(actors, "Police").code == "EGYCOP"
    assert _by_mention(actors, "protesters").code == "EGYOPP"


def test_resolve_conjoined_countries_share_the_title(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "French and German diplomats left the talks.")
    codes = {a.code for a in actors}
    assert {"FRAGOV", "DEUGOV"} <= codes


def test_resolve_igos(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The UN Security Council met as UN troops pulled back; the European Union and NATO "
            "urged calm and the African Union sent observers.")
    actors = _actors(nlp, text)
    assert _by_mention(actors, "UN Security Council").code == "IGOUNO"
    assert _by_mention(actors, "troops").code == "IGOUNOMIL"
    eu = _by_mention(actors, "European Union")
    assert eu.code == "IGOEUREEC" and eu.sector == "IGO" and eu.kind == "organisation"
    assert _by_mention(actors, "NATO").code == "IGOWSTNAT"
    assert _by_mention(actors, "African Union").code.startswith("IGO")  # type: ignore[union-attr]


def test_resolve_owner_organisation_is_an_actor_too(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Arab League Secretary-General Nabil Elaraby condemned the bloodshed."
    actors = _actors(nlp, text)
    league = _by_mention(actors, "Arab League")
    person = _by_mention(actors, "Nabil Elaraby")
    assert league is not person and league.sector == "IGO"
    assert person.role == "secretary-general" and person.code == "IGOMEAARL"


def test_resolve_dated_codes_follow_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Vladimir Putin met the delegation."
    assert _by_mention(_actors(nlp, text, "2012-06-01"), "Vladimir Putin").code == "RUSGOV"
    assert _by_mention(_actors(nlp, text, "1995-06-01"), "Vladimir Putin").code == "RUSELI"


def test_resolve_former_title_drops_gov(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "Former president Dmitry Medvedev spoke in Moscow.", "2010-01-01")
    medvedev = _by_mention(actors, "Dmitry Medvedev")
    assert medvedev.code == "RUSELI" and medvedev.role == "former president"


def test_resolve_title_in_text_beats_an_old_dictionary(nlp) -> None:  # type: ignore[no-untyped-def]
    # the dictionary knows Tammam Salam only as a minister in 2008-09
    actors = _actors(nlp, "Lebanese Prime Minister Tammam Salam ordered an inquiry.", "2015-10-14")
    salam = _by_mention(actors, "Tammam Salam")
    assert salam.code == "LBNGOV" and salam.role == "prime minister"


def test_resolve_unknown_person_with_a_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Zorvanian foreign minister Ilka Maronen met Kenyan army spokesman Otieno Wafula."
    actors = _actors(nlp, text)
    wafula = _by_mention(actors, "Otieno Wafula")
    assert wafula.kind == "person" and wafula.role == "army spokesman"
    assert wafula.code == "KENMIL" and wafula.source == "title"


def test_resolve_unknown_person_without_title_is_still_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "Margaret Oduya, a farmer, said the rains came late.")
    oduya = _by_mention(actors, "Margaret Oduya")
    assert oduya.kind == "person"


def test_resolve_user_dictionary(nlp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.actors.txt"
    path.write_text("GLORBO_PAX_\n\t[NGOHRI]\n", encoding="utf-8")
    merged = with_dictionaries(str(path))
    assert load_dictionaries([path]).phrases[("glorbo", "pax")].kind == "organisation"
    actors = _actors(nlp, "Glorbo Pax criticised the verdict.", dictionary=merged)
    assert _by_mention(actors, "Glorbo Pax").code == "NGOHRI"


def test_resolve_mentions_are_never_empty(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Former Christie aides met the Hill staff. The Hill reported that former "
            "governor Jeb Bush would run for president.")
    for actor in _actors(nlp, text, None):
        assert all(m.end > m.start and m.text.strip() for m in actor.mentions), actor


def test_resolve_bare_title_is_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "He said he would run for president next year.")
    assert all(a.name != "president" for a in actors)


def test_resolve_regions_take_cameo_region_codes(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "Bogdanov warned Western governments, and European diplomats agreed.")
    west = _by_mention(actors, "Western governments")
    assert west.code == "WSTGOV" and west.country is None and west.sector == "GOV"
    assert _by_mention(actors, "European diplomats").code == "EURGOV"


def test_resolve_comma_is_no_conjunction(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He warned against intervention in Syria, Syrian state media said."
    actors = _actors(nlp, text)
    assert _by_mention(actors, "Syria").code == "SYR"
    assert _by_mention(actors, "Syrian state media").code == "SYRMED"


def test_resolve_group_from_hyphen_modified_country(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "The mayor met exiled dissidents from military-ruled Myanmar.")
    dissidents = _by_mention(actors, "exiled dissidents")
    assert dissidents.country == "MMR"
    assert not any(m.text == "military" for a in actors for m in a.mentions)


def test_resolve_title_of_an_ended_term_is_former(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sudan's long-time ruler Omar al-Bashir was removed by the army."
    assert _by_mention(_actors(nlp, text, published="2019-06-06"),
                       "Omar al-Bashir").code == "SDNELI"
    assert _by_mention(_actors(nlp, text, published="2015-06-06"),
                       "Omar al-Bashir").code == "SDNGOV"


def test_resolve_named_agency_after_its_country(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "Iran's official IRNA news agency said the talks would resume.")
    agency = _by_mention(actors, "Iran's official IRNA news agency")
    assert agency.name == "IRNA" and agency.code == "IRNMED"
