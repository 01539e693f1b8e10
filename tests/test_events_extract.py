"""Event extraction over the dependency parse, on sentences written for these tests.

Actors are given by hand (surface string -> code) so that these tests exercise the
events stage alone, whatever the actors stage finds.
"""

from __future__ import annotations

import re

import pytest

from dragoman import events
from dragoman.records import Actor, Article, Event, Mention

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _patterns_only(monkeypatch):  # type: ignore[no-untyped-def]
    """These tests exercise the rules; the learned classifier is tested on its own."""
    from dragoman.events import learned

    monkeypatch.setattr(learned, "classifier", lambda: None)


def run(nlp, text: str, codes: dict[str, str]) -> tuple[list[Event], dict[str, str]]:  # type: ignore[no-untyped-def]
    """Events of ``text`` with one actor per surface string in ``codes``."""
    actors = []
    for n, (surface, code) in enumerate(codes.items(), 1):
        mentions = [Mention(m.start(), m.end(), surface)
                    for m in re.finditer(re.escape(surface), text)]
        actors.append(Actor(id=f"a{n}", name=surface, code=code, country=code[:3],
                            mentions=mentions))
    doc = nlp(text)
    found, _ = events.extract(doc, Article(id="t", text=text), actors)
    names = {a.id: a.code or "" for a in actors}
    return found, names


def coded(found: list[Event], names: dict[str, str]) -> set[tuple[str, str, str]]:
    return {(names.get(e.source or "", "-"), names.get(e.target or "", "-"), e.cameo or "")
            for e in found}


def test_extract_subject_verb_object(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Germany sharply criticized Turkey on Monday.",
                       {"Germany": "DEU", "Turkey": "TUR"})
    assert ("DEU", "TUR", "111") in coded(found, names)
    event = found[0]
    assert event.plover == "ACCUSE" and event.quad_class == 3
    assert event.trigger.text == "criticized" and event.goldstein == -2.0
    assert event.evidence.startswith("Germany") and event.sentence == 0


def test_extract_preposition_target(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Shinzo Abe met with Moon Jae-in in Tokyo on Friday.",
                       {"Shinzo Abe": "JPNGOV", "Moon Jae-in": "KORGOV", "Tokyo": "JPN"})
    assert ("JPNGOV", "KORGOV", "040") in coded(found, names)


def test_extract_called_on_to(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Canada called on Venezuela to release the detained journalists.",
                       {"Canada": "CAN", "Venezuela": "VEN"})
    got = coded(found, names)
    assert any(s == "CAN" and t == "VEN" and c.startswith("02") for s, t, c in got)
    assert not any(s == "VEN" for s, _, _ in got)  # the release has not happened


def test_extract_conjoined_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile, Peru and Ecuador condemned Bolivia's interim government.",
                       {"Chile": "CHL", "Peru": "PER", "Ecuador": "ECU", "Bolivia": "BOL"})
    got = coded(found, names)
    assert {("CHL", "BOL", "111"), ("PER", "BOL", "111"), ("ECU", "BOL", "111")} <= got


def test_extract_passive_agent_is_source(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "A Kenyan convoy was attacked by Somali militants near the border.",
                       {"Kenyan": "KEN", "Somali militants": "SOMREB"})
    got = coded(found, names)
    assert any(s == "SOMREB" and t == "KEN" and c.startswith("19") for s, t, c in got)


def test_extract_nominal_crackdown_and_talks(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The regime's crackdown on protesters continued. Talks between Sudan and Chad resumed."
    found, names = run(nlp, text, {"regime": "SYRGOV", "protesters": "SYROPP",
                                   "Sudan": "SDN", "Chad": "TCD"})
    got = coded(found, names)
    assert ("SYRGOV", "SYROPP", "175") in got
    assert ("SDN", "TCD", "046") in got


def test_extract_light_verb_takes_noun_event(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "The European Union imposed new sanctions on Belarus.",
                       {"European Union": "IGOEU", "Belarus": "BLR"})
    assert ("IGOEU", "BLR", "163") in coded(found, names)
    assert len(found) == 1


def test_extract_negation(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _names = run(nlp, "Iraq did not attend the summit in Doha.", {"Iraq": "IRQ"})
    assert found and all(e.negated for e in found)
    assert found[0].plover == "CONSULT"


def test_extract_refusal_is_reject(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _names = run(nlp, "Serbia refused to meet the Kosovo delegation.",
                       {"Serbia": "SRB", "Kosovo": "XKX"})
    assert [e.plover for e in found] == ["REJECT"]
    assert found[0].cameo.startswith("12") and "refused" in found[0].trigger.text
    assert not found[0].negated


def test_extract_could_veto_is_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _ = run(nlp, "Russia could veto the resolution.", {"Russia": "RUS"})
    assert found[0].plover == "THREATEN" and found[0].cameo.startswith("13")
    assert found[0].modality == "threatened"


def test_extract_would_send_is_intended(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Norway would send an envoy to Sri Lanka.",
                       {"Norway": "NOR", "Sri Lanka": "LKA"})
    assert found and found[0].modality == "intended"
    assert (names[found[0].source], names[found[0].target]) == ("NOR", "LKA")


def test_extract_threatened_to_strike(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Israel threatened to strike Iranian nuclear sites.",
                       {"Israel": "ISR", "Iranian": "IRN"})
    assert [(names[e.source], names[e.target], e.plover, e.modality) for e in found] == [
        ("ISR", "IRN", "THREATEN", "threatened")]


def test_extract_agreed_to_is_intent(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _ = run(nlp, "Ethiopia agreed to release the prisoners.", {"Ethiopia": "ETH"})
    assert found[0].plover == "AGREE" and found[0].cameo.startswith("03")
    assert found[0].modality == "intended"


def test_extract_reported_speech_keeps_reporter(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Syrian state media said Turkish jets bombed Kurdish positions.",
                       {"Syrian state media": "SYRMED", "Turkish jets": "TURMIL",
                        "Kurdish": "KUR"})
    assert len(found) == 1
    event = found[0]
    assert names[event.source] == "TURMIL" and names[event.reporter] == "SYRMED"
    assert event.modality == "reported" and event.plover == "ASSAULT"


def test_extract_said_is_not_an_event(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _ = run(nlp, "Kenya said on Tuesday that the weather was fine.", {"Kenya": "KEN"})
    assert found == []


def test_extract_offsets_slice_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ghana praised Togo. Mali accused Niger of aggression."
    found, _ = run(nlp, text, {"Ghana": "GHA", "Togo": "TGO", "Mali": "MLI", "Niger": "NER"})
    assert len(found) == 2 and [e.id for e in found] == ["e1", "e2"]
    for e in found:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
    assert found[1].sentence == 1


def test_extract_classifier_fills_silent_clauses(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dragoman.events import learned
    from dragoman.events.patterns import load

    assert load().is_verb(["outmaneuver", "outmaneuvered"]) is None
    seen: list[tuple[str, str | None, str | None]] = []

    class Fake:
        @staticmethod
        def predict(sentences, sources=None, targets=None):  # type: ignore[no-untyped-def]
            seen.extend(zip(sentences, sources, targets, strict=True))
            return [("COERCE", 0.9) for _ in sentences]

    monkeypatch.setattr(learned, "classifier", lambda: Fake)
    found, names = run(nlp, "Canada outmaneuvered Peru at the summit.",
                       {"Canada": "CAN", "Peru": "PER"})
    assert seen == [("Canada outmaneuvered Peru at the summit.", "Canada", "Peru")]
    assert [(names[e.source], names[e.target], e.cameo, e.plover) for e in found] == [
        ("CAN", "PER", "170", "COERCE")]
    assert found[0].confidence < 0.9


def test_extract_reported_judgement_is_accusation(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Poland said Belarus's actions were a clear provocation.",
                       {"Poland": "POL", "Belarus": "BLR"})
    assert [(names[e.source], names[e.target], e.cameo, e.trigger.text) for e in found] == [
        ("POL", "BLR", "111", "provocation")]


def test_extract_send_targets_destination(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Turkey sent an envoy to Iraq on Monday.",
                       {"Turkey": "TUR", "envoy": "TURGOV", "Iraq": "IRQ"})
    assert [(names[e.source], names[e.target]) for e in found] == [("TUR", "IRQ")]


def test_extract_will_not_cooperate_is_reject(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Japan said it would not provide support to Peru.",
                       {"Japan": "JPN", "Peru": "PER"})
    assert [(names[e.source], names[e.target], e.cameo[:2]) for e in found] == [
        ("JPN", "PER", "12")]
    assert not found[0].negated


def test_extract_wants_other_to_act_is_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile wants Bolivia to attack Peru.",
                       {"Chile": "CHL", "Bolivia": "BOL", "Peru": "PER"})
    assert [(names[e.source], names[e.target], e.cameo[:2]) for e in found] == [
        ("CHL", "BOL", "02")]


def test_extract_wants_to_help_is_intent(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Norway wants to help Kenya.", {"Norway": "NOR", "Kenya": "KEN"})
    assert [(names[e.source], names[e.target], e.cameo[:2]) for e in found] == [
        ("NOR", "KEN", "03")]


def test_extract_will_not_without_target_stays_negated(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _ = run(nlp, "Chile said it will not negotiate with those people.", {"Chile": "CHL"})
    assert all(e.negated and not e.cameo.startswith("12") for e in found)


def test_extract_passive_attack_from_place(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "A rocket was fired at Sderot from Lebanon.",
                       {"Sderot": "ISR", "Lebanon": "LBN"})
    assert [(names[e.source], e.cameo[:2]) for e in found] == [("LBN", "19")]


def test_extract_reflexive_target_still_accused(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Peru said that Chile had attacked itself.",
                       {"Peru": "PER", "Chile": "CHL"})
    assert ("PER", "CHL", "112") in coded(found, names)


def test_extract_hard_line_is_no_seizure(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _ = run(nlp, "Brazil took a harder line on Chile.", {"Brazil": "BRA", "Chile": "CHL"})
    assert not any(e.cameo.startswith("17") for e in found)


def test_extract_legal_action_is_accusation(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "A Dutch court convicted Shell of negligence.",
                       {"Dutch court": "NLDJUD", "Shell": "NLDBUS"})
    assert [(names[e.source], names[e.target], e.plover) for e in found] == [
        ("NLDJUD", "NLDBUS", "ACCUSE")]


def _sure_classifier(monkeypatch, plover: str, prob: float) -> None:  # type: ignore[no-untyped-def]
    from dragoman.events import learned

    class Fake:
        @staticmethod
        def predict(sentences, sources=None, targets=None):  # type: ignore[no-untyped-def]
            return [(plover, prob) for _ in sentences]

    monkeypatch.setattr(learned, "classifier", lambda: Fake)


def test_extract_classifier_recodes_generic_pattern(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _sure_classifier(monkeypatch, "ACCUSE", 0.95)
    found, names = run(nlp, "Canada praised Peru.", {"Canada": "CAN", "Peru": "PER"})
    assert [(names[e.source], names[e.target], e.cameo) for e in found] == [
        ("CAN", "PER", "112")]


def test_extract_classifier_keeps_agreeing_or_unsure(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _sure_classifier(monkeypatch, "SUPPORT", 0.95)
    found, _ = run(nlp, "Canada praised Peru.", {"Canada": "CAN", "Peru": "PER"})
    assert [e.cameo[:2] for e in found] == ["05"]
    _sure_classifier(monkeypatch, "ACCUSE", 0.5)
    found, _ = run(nlp, "Canada praised Peru.", {"Canada": "CAN", "Peru": "PER"})
    assert [e.cameo[:2] for e in found] == ["05"]


def test_extract_classifier_leaves_constructions_alone(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _sure_classifier(monkeypatch, "ASSAULT", 0.95)
    found, names = run(nlp, "Peru said that Chile had attacked Bolivia.",
                       {"Peru": "PER", "Chile": "CHL", "Bolivia": "BOL"})
    assert ("PER", "CHL", "112") in coded(found, names)


def test_extract_weapon_subject_takes_its_user(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "The missiles fired by the Chilean navy struck an arms depot "
                       "of the Peruvian army.", {"Chilean navy": "CHLNAV", "Peruvian": "PER"})
    assert ("CHLNAV", "PER") in {(names[e.source], names.get(e.target or "", "-"))
                                 for e in found if e.plover == "ASSAULT"}


def test_extract_legal_action_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "The European Commission launched legal action against Hungary.",
                       {"European Commission": "IGOEUREEC", "Hungary": "HUN"})
    assert [(names[e.source], names[e.target], e.plover) for e in found] == [
        ("IGOEUREEC", "HUN", "ACCUSE")]


def test_extract_announced_event_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Ghana announced the deployment of troops to Mali.",
                       {"Ghana": "GHA", "Mali": "MLI"})
    assert [(names[e.source], names[e.target]) for e in found] == [("GHA", "MLI")]


def test_extract_will_not_yield_is_refusal(nlp) -> None:  # type: ignore[no-untyped-def]
    found, _ = run(nlp, "Chile said it will not lift the embargo.", {"Chile": "CHL"})
    assert [(e.plover, e.negated) for e in found] == [("REJECT", False)]


def test_extract_attack_targets_place_below(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The rebels have launched many attacks during their long campaign in northern Mali."
    actors = [Actor(id="a1", name="rebels", code="MLIREB", country="MLI",
                    mentions=[Mention(4, 10, "rebels")]),
              Actor(id="a2", name="Mali", kind="state", code="MLI", country="MLI",
                    mentions=[Mention(text.index("Mali"), text.index("Mali") + 4, "Mali")])]
    found, _ = events.extract(nlp(text), Article(id="t", text=text), actors)
    assert [(e.source, e.target, e.plover) for e in found] == [("a1", "a2", "ASSAULT")]


def test_extract_classifier_keeps_recoded_threat(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _sure_classifier(monkeypatch, "ASSAULT", 0.95)
    found, names = run(nlp, "Chile could bomb Peru.", {"Chile": "CHL", "Peru": "PER"})
    assert [(names[e.source], names[e.target], e.plover) for e in found] == [
        ("CHL", "PER", "THREATEN")]


def test_extract_claimed_own_attack_is_claim_of_responsibility(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile claimed that it had attacked Peru.",
                       {"Chile": "CHL", "Peru": "PER"})
    got = coded(found, names)
    assert ("CHL", "PER", "015") in got
    claim = next(e for e in found if e.cameo == "015")
    assert claim.trigger.text == "claimed" and claim.reporter is None


def test_extract_held_talks_with_is_mutual(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "The Chilean envoy held talks with the Peruvian minister in Lima.",
                       {"Chilean envoy": "CHLGOV", "Peruvian minister": "PERGOV"})
    got = {(s, t, c[:2]) for s, t, c in coded(found, names)}
    assert {("CHLGOV", "PERGOV", "04"), ("PERGOV", "CHLGOV", "04")} <= got


def test_extract_met_with_stays_one_way(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "The Chilean envoy met with the Peruvian minister in Lima.",
                       {"Chilean envoy": "CHLGOV", "Peruvian minister": "PERGOV"})
    assert not any(s == "PERGOV" for s, _, _ in coded(found, names))


def test_extract_condolences_to_someone_is_an_event(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile expressed condolences to Peru after the earthquake.",
                       {"Chile": "CHL", "Peru": "PER"})
    assert ("CHL", "PER", "018") in coded(found, names)
    alone, _ = run(nlp, "Chile expressed condolences.", {"Chile": "CHL"})
    assert not alone  # a bare statement is the statements stage's record


def test_extract_claimed_attack_aimed_where_it_happened(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "The rebel group claimed responsibility for a bombing in Peru's "
                       "capital.", {"rebel group": "CHLREB", "Peru": "PER"})
    assert ("CHLREB", "PER", "015") in coded(found, names)


def test_extract_nested_phrase_does_not_trigger_pattern(nlp) -> None:  # type: ignore[no-untyped-def]
    # PETRARCH's "MAKE * trip" (036) must not fire on a trip two phrases away
    found, names = run(nlp, "The Chilean envoy made his remarks in Lima at the start of a "
                       "regional trip.", {"Chilean envoy": "CHLGOV", "Lima": "PER"})
    assert not any(c.startswith("03") for _, _, c in coded(found, names))


def test_extract_talks_on_a_topic_stay_one_way(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chilean diplomats held emergency talks on Peru on Monday.",
                       {"Chilean diplomats": "CHLGOV", "Peru": "PER"})
    assert not any(s == "PER" for s, _, _ in coded(found, names))


def test_extract_raised_alert_is_military_posture(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile's army said it had raised its state of alert along the "
                       "border.", {"Chile's army": "CHLMIL"})
    got = coded(found, names)
    assert ("CHLMIL", "-", "152") in got
    assert not any(c == "015" for _, _, c in got)  # posture is no attack to claim


def test_extract_pledged_support_is_endorsement(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile pledged its full support for Peru's candidate.",
                       {"Chile": "CHL", "Peru": "PER"})
    assert any(s == "CHL" and c == "051" for s, _, c in coded(found, names))


def test_extract_troops_sent_to_keep_peace_are_aid(nlp) -> None:  # type: ignore[no-untyped-def]
    found, names = run(nlp, "Chile is sending troops to Haiti on a peacekeeping mission.",
                       {"Chile": "CHL", "Haiti": "HTI"})
    assert ("CHL", "HTI", "074") in coded(found, names)
