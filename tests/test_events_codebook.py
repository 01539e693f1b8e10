"""The CAMEO codebook and the pattern tables, loaded from data (no model)."""

from __future__ import annotations

from dragoman.events import codebook
from dragoman.events.patterns import Clause, load


def test_codebook_lookup_fields() -> None:
    entry = codebook.lookup("042")
    assert entry is not None
    assert (entry.name, entry.goldstein, entry.quad_class) == ("Make a visit", 1.9, 1)
    assert (entry.plover, entry.mode) == ("CONSULT", "visit")


def test_codebook_quad_classes_follow_roots() -> None:
    quads = {e.root: e.quad_class for e in codebook.entries().values()}
    assert [quads[r] for r in ("01", "05", "06", "08", "09", "13", "14", "20")] == [
        1, 1, 2, 2, 3, 3, 4, 4]


def test_codebook_parent_fallback_and_unknown() -> None:
    assert codebook.lookup("0429").code == "042"  # type: ignore[union-attr]
    assert codebook.lookup("99") is None


def test_codebook_plover_mapping() -> None:
    assert codebook.lookup("163").plover == "COERCE"  # type: ignore[union-attr]
    assert codebook.lookup("0233").plover == "REQUEST"  # type: ignore[union-attr]
    assert codebook.lookup("010").plover is None  # type: ignore[union-attr]
    assert codebook.default_cameo("consult") == "040"
    assert codebook.default_cameo("FIGHT") == "190"


def test_patterns_verb_default_and_specific() -> None:
    patterns = load()
    assert patterns.verb("meet", Clause()).code == "040"  # type: ignore[union-attr]
    specific = patterns.verb("call", Clause(preps={"for": {"ceasefire"}}))
    assert specific is not None and specific.code == "0256" and specific.specific


def test_patterns_noun_modifiers() -> None:
    patterns = load()
    assert patterns.noun("strike", Clause(subject={"air"})).code == "195"  # type: ignore[union-attr]
    assert patterns.noun("strike", Clause()) is None


def test_patterns_transforms() -> None:
    patterns = load()
    assert patterns.transform("reject", "040") == "125"
    assert patterns.transform("threaten", "195") == "1384"
    assert patterns.transform("intent", "0841") == "0353"
    assert patterns.transform("intent", "031") == "031"
