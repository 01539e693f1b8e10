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
    assert dedupe.similarity(back, sig) == 1.0 and back.tolist() == sig.tolist()


def test_dedupe_minhash_values_are_datasketchs() -> None:
    from datasketch import MinHash

    for text in (WIRE, REPUBLISHED, OTHER, "", "one", "two words", "a b c a b c " * 50):
        ref = MinHash(num_perm=dedupe.NUM_PERM, scheme=dedupe.SCHEME, hashfunc=int)
        ref.update_batch(dedupe.shingle_hashes(text).tolist())
        assert dedupe.minhash(text).tolist() == ref.hashvalues.tolist()
        assert dedupe.to_bytes(dedupe.minhash(text)) == ref.hashvalues.astype("<u8").tobytes()


def test_dedupe_lsh_layout_is_datasketchs() -> None:
    from datasketch import MinHashLSH

    for threshold in (dedupe.THRESHOLD, 0.5, 0.9):
        lsh = MinHashLSH(threshold=threshold, num_perm=dedupe.NUM_PERM)
        assert dedupe.lsh_params(threshold) == (lsh.b, lsh.r)


def test_dedupe_band_keys_are_per_band_and_signed_64_bit() -> None:
    sig = dedupe.minhash(WIRE)
    keys = dedupe.band_keys(sig, 14, 9)
    assert len(set(keys)) == 14 and all(-2**63 <= k < 2**63 for k in keys)
    same = sig.copy()
    same[126:] = 0  # values past the last band take no part
    assert dedupe.band_keys(same, 14, 9) == keys
    other = sig.copy()
    other[0] ^= 1
    assert [a == b for a, b in zip(dedupe.band_keys(other, 14, 9), keys, strict=True)] == [
        False] + [True] * 13


def test_dedupe_finds_what_datasketch_finds() -> None:
    from datasketch import MinHash, MinHashLSH

    words = WIRE.split()
    texts = [" ".join([*words[:i], "changed", *words[i + 1:]]) for i in range(0, 40, 3)]
    texts += [" ".join(words[i:]) for i in range(0, 30, 4)] + [OTHER]
    index = dedupe.NearDuplicates()
    lsh = MinHashLSH(threshold=dedupe.THRESHOLD, num_perm=dedupe.NUM_PERM)
    refs: dict[str, MinHash] = {}
    for i, text in enumerate(texts):
        sig = dedupe.minhash(text)
        ref = MinHash(num_perm=dedupe.NUM_PERM, hashvalues=sig, scheme=dedupe.SCHEME)
        expected = next(((k, ref.jaccard(refs[k])) for k in sorted(lsh.query(ref), key=int)
                         if ref.jaccard(refs[k]) >= dedupe.THRESHOLD), None)
        assert index.find(sig) == expected
        if expected is None:
            index.add(str(i), sig)
            lsh.insert(str(i), ref)
            refs[str(i)] = ref
    assert 1 < len(index) < len(texts)


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
