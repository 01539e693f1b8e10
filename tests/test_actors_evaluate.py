"""The actor scorer on a tiny gold file written here, and on PETRARCH-2's gold set when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.evaluate.actors import evaluate, gold_actors, matches

TINY = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Sentences>
<Sentence date="20120829" id="T1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="RUSGOV" targetcode="SYR" />
<Text>
Russian deputy foreign minister Mikhail Bogdanov visited Syria on Tuesday.
</Text>
</Sentence>
<Sentence date="20120829" id="T2" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="---REB" targetcode="IGOUNOMIL" />
<Text>
Rebels fired on UN troops near the border.
</Text>
</Sentence>
<Sentence date="20120829" id="T3" evaluate="true"/>
<EventCoding eventcode="010" sourcecode="FRAGOV" targetcode="---" />
<Text>
The weather was mild in the capital.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_evaluate_gold_actors_skip_empty_codes() -> None:
    codings = [("042", "RUSGOV", "SYR"), ("043", "SYR", "---")]
    assert gold_actors(codings) == ["RUSGOV", "SYR"]


def test_evaluate_matches_levels() -> None:
    assert matches("RUSGOV", ["RUSGOV"]) == {"code": True, "country": True, "root": True}
    assert matches("IRQGOVMIL", ["IRQGOV"]) == {"code": False, "country": True, "root": True}
    assert matches("---REB", ["SYRREB"])["code"]
    assert not matches("---REB", ["SYRREB"])["country"]  # unknown countries are not scored


@pytest.mark.slow
def test_evaluate_tiny_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xml"
    path.write_text(TINY, encoding="utf-8")
    report = evaluate(path)
    assert report["n"] == 5 and report["n_country"] == 4
    # RUSGOV, SYR, ---REB (any country) and IGOUNOMIL resolve; FRAGOV does not
    assert report["code_accuracy"] == pytest.approx(4 / 5)
    assert report["country_accuracy"] == pytest.approx(3 / 4)
    assert [m["gold"] for m in report["misses"]] == ["FRAGOV"]


@pytest.mark.slow
@pytest.mark.shared
def test_evaluate_petrarch_gold_floors(shared: Path) -> None:
    path = shared / "eval" / "petrarch" / "PETR2_GSR_validation.xml"
    if not path.exists():
        pytest.skip("PETR2_GSR_validation.xml is not present")
    report = evaluate(path)
    assert report["n"] >= 130
    assert report["country_accuracy"] >= 0.97
    assert report["code_accuracy"] >= 0.90
