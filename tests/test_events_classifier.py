"""The learned PLOVER event classifier: shipped weights, API shape, obvious cases."""

from __future__ import annotations

import pytest

from dragoman.events import classifier


def test_classifier_available() -> None:
    assert classifier.available()


def test_classifier_predict_shape() -> None:
    sentences = ["The two leaders held talks in Oslo.", "Nothing much happened."]
    got = classifier.predict(sentences)
    assert len(got) == 2
    for label, prob in got:
        assert label in classifier.LABELS
        assert 0.0 < prob <= 1.0
    assert classifier.predict([]) == []


def test_classifier_predict_with_partial_actors() -> None:
    got = classifier.predict(["Rebels shelled the airport at dawn."], ["Rebels"], [None])
    assert got[0][0] in classifier.LABELS


@pytest.mark.parametrize(("sentence", "source", "target", "expected"), [
    ("Fighter jets from the coalition carried out an airstrike on a militia base near the "
     "river, killing nine fighters.", "Fighter jets from the coalition", "a militia base",
     "ASSAULT"),
    ("The Chilean foreign minister met his Peruvian counterpart in Lima on Thursday to "
     "discuss the border.", "The Chilean foreign minister", "his Peruvian counterpart",
     "CONSULT"),
    ("Thousands of protesters marched through the capital on Saturday against the "
     "government's fuel price rise.", "Thousands of protesters", "the government", "PROTEST"),
    ("Police arrested forty demonstrators outside the parliament building.", "Police",
     "forty demonstrators", "COERCE"),
    ("The president accused the opposition of plotting a coup.", "The president",
     "the opposition", "ACCUSE"),
])
def test_classifier_predict_obvious_cases(sentence: str, source: str, target: str,
                                          expected: str) -> None:
    label, prob = classifier.predict([sentence], [source], [target])[0]
    assert label == expected
    assert prob > 0.3


def test_classifier_use_overrides_the_shipped_model() -> None:
    texts = ["Army tanks shelled the village.", "The envoy met the rebels for talks.",
             "Troops bombed the town.", "The ministers met in Rome for talks."] * 2
    labels = ["ASSAULT", "CONSULT", "ASSAULT", "CONSULT"] * 2
    model = classifier.train(texts, labels, [None] * 8, [None] * 8, c=1.0, min_df=1,
                             svm=True, scale=4.0)
    with classifier.use(model):
        assert classifier.load() is model
        assert classifier.predict(["Jets bombed the depot."])[0][0] in {"ASSAULT", "CONSULT"}
    assert classifier.load() is not model


def test_classifier_model_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = ["Rebels attacked the convoy.", "The envoy met the rebels."] * 2
    model = classifier.train(texts, ["ASSAULT", "CONSULT"] * 2, [None] * 4, [None] * 4,
                             c=1.0, min_df=1, svm=True)
    path = tmp_path / "m.npz"
    model.save(path)
    again = classifier.Model.read(path)
    assert again.labels == model.labels
    assert again.vocab == model.vocab
    with classifier.use(again):
        assert classifier.predict(texts)[0][0] == "ASSAULT"


def test_classifier_features_mark_the_actors() -> None:
    names = classifier.features("Kenya accused Uganda of lying.", "Kenya", "Uganda")
    assert "w:b_accused" in names  # the words between source and target
    assert "w:v_accus" in names  # the (stemmed) words just after the source
    assert "w:src" in names and "w:tgt" in names


def test_classifier_embedder_tokenises_wordpieces() -> None:
    embedder = classifier._embedder()
    assert embedder is not None
    assert embedder.tokens("Hello") and embedder.tokens("Héllo") == embedder.tokens("Hello")
    vectors = embedder.encode(["The army attacked.", ""])
    assert vectors.shape == (2, embedder.matrix.shape[1])
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-3
    assert not vectors[1].any()


def test_classifier_ngram_columns_of_many_words_as_one_by_one() -> None:
    model = classifier.load()
    if model is None:
        pytest.skip("no shipped classifier")
    index = classifier._Index(model.vocab)
    assert index.packed is not None
    words = ["attacked", "b_army", "v_attack", "naïve", "日本", "x\x00y", "“quote”", "", "a",
             "ab", "tanks,", "a" * 40, "€5", "😀ab"]
    for word, cols in zip(words, index.fresh(words), strict=True):
        assert sorted(cols.tolist()) == sorted(classifier._char_columns(index.grams, word))
    assert index.packed.columns(["a\ud800b"]) is None  # not code points: one by one
    assert [c.tolist() for c in index.fresh(["a\ud800b"])] == [
        classifier._char_columns(index.grams, "a\ud800b").tolist()]


def test_classifier_groups_answer_as_separate_calls() -> None:
    first = (["Jets bombed the town.", "The envoy met the rebels."], ["Jets", "The envoy"],
             ["the town", "the rebels"])
    second = (["Kenya accused Uganda of lying."], ["Kenya"], ["Uganda"])
    empty: tuple[list[str], list[str | None], list[str | None]] = ([], [], [])
    got = classifier.predict_groups([first, empty, second])
    assert got == [classifier.predict(*first), [], classifier.predict(*second)]
