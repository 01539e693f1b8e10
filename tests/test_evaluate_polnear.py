"""PolNeAR brat reader and the statement scorer, on a tiny corpus written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluate import polnear
from dragoman.records import Span, Statement

TEXT = '"We will win," Ann Lee said. "They know it."\nThe mayor said the road was closed.\n'
#       0         1         2         3         4          5         6         7
#       0123456789012345678901234567890123456789012345 67890123456789012345678901234567890
ANN = "\n".join([
    "T1\tSource 15 22\tAnn Lee",
    "T2\tCue 23 27\tsaid",
    'T3\tContent 0 14;29 44\t"We will win," "They know it."',
    "T4\tAttribution 23 27\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tSource 45 54\tThe mayor",
    "T6\tCue 55 59\tsaid",
    "T7\tContent 60 79\tthe road was closed",
    "T8\tAttribution 55 59\tsaid",
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    "T9\tDiscuss 0 4\t\"We ",
    "#1\tAnnotatorNotes T3\ta note",
    "E3\tAttribution-no-source:T10 ",
    "",
])

# A second annotator of the same text: only the mayor's statement, its content longer.
SECOND = "\n".join([
    "T1\tSource 45 54\tThe mayor",
    "T2\tCue 55 59\tsaid",
    "T3\tContent 55 79\tsaid the road was closed",
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    "",
])


def _corpus(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc-one.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "doc-one_aaaa.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "doc-one_bbbb.ann").write_text(SECOND, encoding="utf-8")
    return root


def _statement(start: int, end: int, cue: tuple[int, int] | None = None,
               speaker: tuple[int, int] | None = None) -> Statement:
    def span(r: tuple[int, int] | None) -> Span | None:
        return Span(r[0], r[1], TEXT[r[0]:r[1]]) if r else None

    content = span((start, end))
    assert content is not None
    return Statement(id="s1", speaker=None, speaker_text=None, kind="direct", content=content,
                     cue=span(cue), sentence=0, speaker_span=span(speaker))


def test_polnear_reads_brat_events_and_fragments(tmp_path: Path) -> None:
    (doc,) = polnear.read_corpus(_corpus(tmp_path))
    assert doc.name == "doc-one"
    first, second = doc.attributions
    assert first.content == [(0, 14), (29, 44)]
    assert first.source == [(15, 22)] and first.cue == [(23, 27)]
    assert TEXT[60:79] == "the road was closed"
    assert second.content == [(60, 79)]


def test_polnear_read_corpus_needs_the_layout(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        list(polnear.read_corpus(tmp_path))


def test_polnear_overlap_needs_half_of_each_side() -> None:
    assert polnear.overlaps([(0, 10)], [(0, 10)])
    assert polnear.overlaps([(0, 10)], [(0, 20)])
    assert not polnear.overlaps([(0, 10)], [(0, 21)])
    assert not polnear.overlaps([(0, 10)], [(10, 20)])
    assert polnear.shared_chars([(0, 14), (29, 44)], [(0, 44)]) == 29


def test_polnear_exact_ignores_quote_marks_and_final_stop() -> None:
    assert polnear.exact(TEXT, [(0, 44)], [(0, 14), (29, 44)])
    assert polnear.exact(TEXT, [(60, 80)], [(60, 79)])  # "closed." vs "closed"
    assert not polnear.exact(TEXT, [(64, 79)], [(60, 79)])


def test_polnear_match_is_one_to_one_best_first() -> None:
    assert polnear.match([(5, 0, 0), (9, 1, 0), (3, 0, 1)]) == {1: 0, 0: 1}


def test_polnear_score_document_counts(tmp_path: Path) -> None:
    (doc,) = polnear.read_corpus(_corpus(tmp_path))
    tally = polnear.Tally()
    predicted = [
        _statement(0, 44, cue=(23, 27), speaker=(15, 22)),  # split quote: exact and right
        _statement(0, 14),  # a second, smaller match of the same gold: spurious
        _statement(64, 79, cue=(45, 54), speaker=(45, 54)),  # overlaps, not exact, wrong cue
    ]
    polnear.score_document(doc, predicted, tally)
    report = tally.report()
    assert (report["n_gold"], report["n_pred"]) == (2, 3)
    assert report["content_recall_overlap"] == 1.0
    assert report["content_precision_overlap"] == round(2 / 3, 4)
    assert report["content_recall_exact"] == 0.5
    assert report["source_accuracy"] == 1.0
    assert report["cue_accuracy"] == 0.5
    assert [m["miss"] for m in report["misses"]] == ["spurious"]


def test_polnear_second_annotator_scored_against_the_first(tmp_path: Path) -> None:
    (doc,) = polnear.read_corpus(_corpus(tmp_path))
    assert doc.second is not None and len(doc.second) == 1
    tally = polnear.Tally()
    polnear.score_annotation(doc, doc.second, tally)
    report = tally.report()
    assert (report["n_gold"], report["n_pred"], report["content_recall_overlap"]) == (2, 1, 0.5)
    assert report["content_f1_exact"] == 0.0  # "said the road ..." is not "the road ..."
    assert report["source_accuracy"] == 1.0


@pytest.mark.slow
def test_polnear_evaluate_runs_the_pipeline(tmp_path: Path) -> None:
    report = polnear.evaluate(_corpus(tmp_path))
    assert report["n_gold"] == 2 and report["n_documents"] == 1
    assert report["content_recall_overlap"] == 1.0
    agreement = report["agreement"]
    assert agreement["n_documents"] == 1
    assert agreement["annotators"]["content_f1_overlap"] == round(2 * 0.5 * 1 / 1.5, 4)
    assert agreement["dragoman"]["content_f1_overlap"] == report["content_f1_overlap"]


@pytest.mark.shared
def test_polnear_dev_split_reads(shared: Path) -> None:
    docs = list(polnear.read_corpus(shared / "eval" / "polnear" / "dev", limit=3))
    assert len(docs) == 3 and all(doc.attributions for doc in docs)
