"""In-document coreference on sentences written for these tests (loads the model)."""

from __future__ import annotations

import pytest

from dragoman.actors import MentionIndex, resolve
from dragoman.records import Actor, Article

pytestmark = pytest.mark.slow


def _actors(nlp, text: str) -> list[Actor]:  # type: ignore[no-untyped-def]
    return resolve(nlp(text), Article(id="t", text=text, published="2012-08-29"))


def _mentions(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def _named(actors: list[Actor], name: str) -> Actor:
    for actor in actors:
        if actor.name == name:
            return actor
    raise AssertionError(f"no actor named {name!r}: {[a.name for a in actors]}")


def test_coref_surname_joins_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("President Bashar al-Assad received the delegation in Damascus. "
            "Assad thanked his guests, and later Assad's office issued a statement.")
    assad = _named(_actors(nlp, text), "Bashar al-Assad")
    assert _mentions(assad).count("Assad") == 2
    assert assad.code == "SYRGOV"


def test_coref_unknown_person_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Opposition spokesman Tarek Haddadin criticised the plan. "
            "Haddadin said the talks had failed.")
    haddadin = _named(_actors(nlp, text), "Tarek Haddadin")
    assert "Haddadin" in _mentions(haddadin)


def test_coref_description_joins_titled_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian envoy Mikhail Bogdanov met opposition figures on Monday. "
            "The envoy told reporters that Moscow wanted a ceasefire.")
    bogdanov = _named(_actors(nlp, text), "Mikhail Bogdanov")
    assert "The envoy" in _mentions(bogdanov)


def test_coref_same_office_other_word(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Kenya's ambassador Joseph Kamau arrived in Geneva. "
            "The envoy said Nairobi would sign the accord.")
    kamau = _named(_actors(nlp, text), "Joseph Kamau")
    assert "The envoy" in _mentions(kamau)
    assert kamau.code == "KENGOV"


def test_coref_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mikhail Bogdanov, Russia's deputy foreign minister, arrived on Monday."
    actors = _actors(nlp, text)
    bogdanov = _named(actors, "Mikhail Bogdanov")
    assert bogdanov.role == "deputy foreign minister" and bogdanov.code == "RUSGOV"
    assert "Russia's deputy foreign minister" in _mentions(bogdanov)
    assert len([a for a in actors if a.kind == "person"]) == 1


def test_coref_pronouns_he_and_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Foreign Minister Walid Muallem met the delegation. He said the talks went well. "
            "The Kremlin welcomed the meeting. It said more talks would follow.")
    actors = _actors(nlp, text)
    muallem = _named(actors, "Walid Muallem")
    assert "He" in _mentions(muallem)
    kremlin = _named(actors, "Russian government")
    assert "It" in _mentions(kremlin)


def test_coref_expletive_it_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Kremlin met on Monday. It is likely that talks will resume."
    actors = _actors(nlp, text)
    assert all("It" not in _mentions(a) for a in actors)


def test_coref_they_joins_group(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian rebels seized the town. They said the army had fled."
    rebels = next(a for a in _actors(nlp, text) if a.code == "SYRREB")
    assert "They" in _mentions(rebels)


def test_coref_the_agency(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The official SANA news agency reported the visit. "
            "The agency said the two sides agreed.")
    sana = next(a for a in _actors(nlp, text) if a.kind == "media")
    assert "The agency" in _mentions(sana)


def test_coref_generic_group_mentions_join(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian rebels shelled the airport. Later the rebels withdrew from Aleppo."
    rebels = [a for a in _actors(nlp, text) if a.code == "SYRREB"]
    assert len(rebels) == 1 and len(rebels[0].mentions) >= 2


def test_coref_pronoun_maps_through_mention_index(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Prime Minister Abiy Ahmed arrived in Khartoum. He met the generals."
    actors = _actors(nlp, text)
    start = text.index("He ")
    actor = MentionIndex(actors).at(start, start + 2)
    assert actor is not None and actor.name == "Abiy Ahmed"


def test_coref_mentions_of_different_actors_never_overlap(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The council's chairman, Sierra Leone's ambassador to the AU, told reporters that "
            "Arab League Secretary-General Nabil Elaraby and US and British activists met "
            "Ahmed Karimi, a spokesman for the opposition Syrian National Council, while the "
            "official SANA news agency and Russia's U.N. ambassador Vitaly Churkin looked on.")
    spans = sorted((m.start, m.end, a.id) for a in _actors(nlp, text) for m in a.mentions)
    for i, (_, end, actor) in enumerate(spans):
        for start2, _, actor2 in spans[i + 1:]:
            if start2 >= end:
                break
            assert actor2 == actor, (spans[i], start2, actor2)


def test_coref_the_north_after_north_korea(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "North Korea fired two missiles on Monday. Last year the North "
                          "threatened Guam, and the North's army held drills.")
    assert _mentions(_named(actors, "North Korea")).count("North") == 2


def test_coref_officials_of_the_organisation_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "NATO met in Brussels on Monday to discuss Syria. Alliance officials "
                          "said the alliance would send an envoy to Damascus.")
    officials = next(a for a in actors if any(m.text == "Alliance officials" for m in a.mentions))
    assert officials.code == "IGOWSTNAT"
    assert "the alliance" in _mentions(_named(actors, "NATO"))


def test_coref_no_group_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "Gunmen attacked a clinic near Tyre. No group has claimed the attack.")
    assert not any(m.text == "group" for a in actors for m in a.mentions)


def test_coref_force_known_by_its_name(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "A convoy of the U.N. peacekeeping force was attacked near Tyre, "
                          "the force said. Its soldiers, from the force known as UNIFIL, "
                          "were unhurt.")
    unifil = _named(actors, "UNIFIL")
    assert {"the U.N. peacekeeping force", "the force", "UNIFIL"} <= set(_mentions(unifil))
    assert not any(m.text == "soldiers" for m in unifil.mentions)  # members, not the force


def test_coref_bare_description_needs_a_definite_article(nlp) -> None:  # type: ignore[no-untyped-def]
    actors = _actors(nlp, "The U.N. peacekeeping force patrolled the border. Police used "
                          "force to disperse the crowd.")
    assert all(m.text != "force" for a in actors for m in a.mentions)
