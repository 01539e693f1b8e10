"""Exact duplicates by content hash; near duplicates by MinHash."""

from __future__ import annotations

import zlib

from dragoman.ingest import dedupe

WIRE = ("Envoys from Russia and China met in Geneva on Tuesday to discuss the crisis in the "
        "region, officials said, adding that a second round of talks was planned for next "
        "month. The foreign ministers of both countries are expected to attend, along with "
        "delegations from the United Nations and the European Union, a spokesman said. "
        "Diplomats described the first meeting as frank and constructive.")
REPUBLISHED = ("GENEVA (Daily Planet) - " + WIRE.replace("a spokesman said", "a spokesperson said")
               + " Copyright Daily Planet.")
OTHER = ("Heavy rain flooded parts of the capital on Sunday, cutting power to thousands of "
         "homes and closing schools, the city council said in a statement on its website.")


def test_dedupe_content_hash_is_stable_and_exact() -> None:
    assert dedupe.content_hash(WIRE) == dedupe.content_hash(str(WIRE))
    assert dedupe.content_hash(WIRE) != dedupe.content_hash(WIRE + " ")
    assert len(dedupe.content_hash(WIRE)) == 16


def test_dedupe_near_copy_found_other_story_not() -> None:
    index = dedupe.NearDuplicates()
    index.add("first", dedupe.minhash(WIRE))
    found = index.find(dedupe.minhash(REPUBLISHED))
    assert found is not None and found[0] == "first" and found[1] >= dedupe.THRESHOLD
    assert index.find(dedupe.minhash(OTHER)) is None


def test_dedupe_earliest_copy_wins() -> None:
    index = dedupe.NearDuplicates()
    index.add("a", dedupe.minhash(WIRE))
    index.add("b", dedupe.minhash(REPUBLISHED))
    assert index.find(dedupe.minhash(WIRE))[0] == "a"  # type: ignore[index]


def test_dedupe_signature_bytes_round_trip() -> None:
    sig = dedupe.minhash(WIRE)
    back = dedupe.from_bytes(dedupe.to_bytes(sig))
    assert back.jaccard(sig) == 1.0


def test_dedupe_shingle_hashes_stable_and_unique() -> None:
    h = dedupe.shingle_hashes("a b c a b c")
    assert len(h) == 3  # "a b c", "b c a", "c a b"
    assert dedupe.shingle_hashes("Russia condemned").tolist() == [
        zlib.crc32(b"russia condemned")]
    three = dedupe.shingle_hashes("Russia condemned it")
    assert len(three) == 1
    assert three.tolist() == dedupe.shingle_hashes("RUSSIA condemned it").tolist()
    assert len(dedupe.shingle_hashes("")) == 0


def test_dedupe_short_texts_have_shingles() -> None:
    assert dedupe.shingles("Russia condemned it") == {b"russia condemned it"}
    assert dedupe.shingles("") == set()
