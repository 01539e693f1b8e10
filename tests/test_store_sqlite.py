"""The SQLite store: exact round trip, idempotence, duplicates, queries, read-only, schema."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.errors import StoreError
from dragoman.ingest import dedupe
from dragoman.records import (
    Actor,
    Article,
    Casualty,
    Event,
    Location,
    Mention,
    Record,
    Span,
    Statement,
    Timex,
)
from dragoman.store import Store, migrations, rows
from dragoman.store.rows import to_dict

WIRE = ("Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Moscow "
        "on Tuesday to discuss the crisis in the region, officials said, adding that a second "
        "round of talks was planned for next month. Both ministers are expected to attend "
        "along with delegations from the United Nations, a spokesman said. \"We will "
        "continue,\" Lavrov said. Diplomats described the first meeting as frank.")
FLOOD = ("Heavy rain flooded parts of the capital on Sunday, killing at least 12 people and "
         "cutting power to thousands of homes, the city council said on Monday.")


def _span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(i, i + len(part), part)


def wire_record(article_id: str, text: str, source: str, url: str | None = None) -> Record:
    """A story about Russia meeting China, with one event and one statement."""
    lavrov = _span(text, "Lavrov")
    quote = _span(text, "We will continue,")
    actors = [
        Actor("a1", "Sergei Lavrov", "person", "RUS", "GOV", "RUSGOV", "foreign minister",
              [Mention(lavrov.start, lavrov.end, lavrov.text)], "dictionary"),
        Actor("a2", "Wang Yi", "person", "CHN", "GOV", "CHNGOV", None,
              [Mention(*_span(text, "Wang Yi").__dict__.values())]),
    ]
    events = [Event("e1", "a1", "a2", "CONSULT", "040", 1, 1.0, _span(text, "met"), 0,
                    text.split(".")[0] + ".", date="2019-06-04", date_text="Tuesday",
                    location=Location("Moscow", "RUS", 55.75, 37.62), confidence=0.9)]
    statements = [Statement("s1", "a1", "Lavrov", "direct", quote,
                            _span(text, "said", quote.end), 2)]
    return Record(Article(article_id, text, source, url, "Ministers meet", "2019-06-05"),
                  actors, events, statements)


def flood_record() -> Record:
    record = Record(Article("flood1", FLOOD, "City Times", None, "Floods", "2019-06-10"))
    record.actors = [Actor("a1", "city council", "organisation", None, "GOV", None)]
    record.casualties = [Casualty(12, "at least", "killed", "people", _span(FLOOD, "12 people"))]
    record.timexes = [Timex(*_span(FLOOD, "Sunday").__dict__.values(), "DATE", "2019-06-09")]
    return record


def sample_records() -> list[Record]:
    copy = WIRE.replace("a spokesman said", "a spokeswoman said") + " Copyright Planet."
    return [wire_record("wire1", WIRE, "AFP", "https://afp.example/1"),
            wire_record("copy1", copy, "Daily Planet", "https://planet.example/2"),
            flood_record()]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = Store(tmp_path / "news.db")
    db.add(sample_records())
    yield db
    db.close()


def test_sqlite_round_trip_of_samples(store: Store) -> None:
    for record in sample_records():
        assert store.record(record.article.id) == record


def test_sqlite_add_twice_changes_nothing(store: Store) -> None:
    before = store.stats()
    result = store.add(sample_records())
    assert (result.stored, result.skipped) == (0, 3)
    assert store.stats() == before
    assert store.integrity() == "ok"


def test_sqlite_exact_duplicate_stored_once(store: Store) -> None:
    again = wire_record("other-id", WIRE, "Elsewhere")
    result = store.add([again])
    assert (result.stored, result.duplicates) == (0, 1)
    assert len(store) == 3
    assert store.has_text(WIRE) == "wire1"


def test_sqlite_near_duplicate_linked_and_events_counted(store: Store) -> None:
    row = store.conn.execute("SELECT duplicate_of, similarity FROM articles WHERE id = 'copy1'"
                             ).fetchone()
    assert row["duplicate_of"] == "wire1" and row["similarity"] >= 0.7
    first = store.events(article_id="wire1")[0]
    copy = store.events(article_id="copy1")[0]
    assert copy["copy_of"] == first["num"]
    assert (first["num_articles"], first["num_sources"]) == (2, 2)
    assert store.stats()["near_duplicates"] == 1
    assert len(store.events(include_copies=False)) == 1


def test_sqlite_queries(store: Store) -> None:
    assert {e["article_id"] for e in store.events(actor="RUS")} == {"wire1", "copy1"}
    assert store.events(actor="wang yi")[0]["target_code"] == "CHNGOV"
    assert store.events(source="CHN") == []
    assert len(store.events(plover="consult", cameo="04", since="2019-06-01",
                            until="2019-06")) == 2
    assert store.events(until="2019-05-31") == []
    assert store.events(text="tsunami") == []
    assert len(store.events(text="spokeswoman")) == 1
    assert store.statements(speaker="lavrov")[0]["content_text"] == "We will continue,"
    assert store.actors(code="RUS")[0]["articles"] == 2


def test_sqlite_stats(store: Store) -> None:
    stats = store.stats()
    assert stats["articles"] == 3 and stats["events"] == 2 and stats["statements"] == 2
    assert stats["casualties"] == 1
    assert stats["top_actors"][0]["code"] == "RUSGOV"
    assert stats["events_by_plover"] == [{"plover": "CONSULT", "events": 2}]
    assert stats["quad_classes"][0]["name"] == "verbal cooperation"
    assert stats["top_speakers"][0]["speaker"] == "Sergei Lavrov"


def test_sqlite_timexes_table(store: Store) -> None:
    row = store.conn.execute("SELECT * FROM timexes WHERE article_id = 'flood1'").fetchone()
    assert (row["text"], row["value"], row["type"]) == ("Sunday", "2019-06-09", "DATE")


def test_sqlite_readonly(store: Store, tmp_path: Path) -> None:
    store.close()
    with Store(tmp_path / "news.db", readonly=True) as ro:
        assert ro.has("wire1") and len(ro) == 3
        with pytest.raises(StoreError, match="read-only"):
            ro.add([flood_record()])
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("DELETE FROM articles")
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_sqlite_wal_and_schema_version(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrations.user_version(store.conn) == migrations.SCHEMA_VERSION
    meta = dict(store.conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema_version"] == str(migrations.SCHEMA_VERSION)


def test_sqlite_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_sqlite_migration_runs_the_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    Store(path).close()
    target = migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", target)
    monkeypatch.setitem(migrations.MIGRATIONS, target,
                        "ALTER TABLE articles ADD COLUMN tone REAL;")
    with Store(path) as db:
        assert migrations.user_version(db.conn) == target
        columns = {r[1] for r in db.conn.execute("PRAGMA table_info(articles)")}
        assert "tone" in columns


def test_sqlite_record_missing_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no article"):
        store.record("nope")


def test_sqlite_failed_batch_is_rolled_back(store: Store) -> None:
    bad = flood_record()
    bad.article.id = "flood2"
    bad.article.text = FLOOD + " More rain is expected."
    bad.events = [None]  # type: ignore[list-item]
    with pytest.raises(Exception):  # noqa: B017 (any error: the point is the rollback)
        store.add([wire_record("w9", WIRE + " Extra line.", "X"), bad])
    assert not store.has("w9") and not store.has("flood2")
    assert store.integrity() == "ok"


# -- near duplicates: LSH bands kept in the store -------------------------------------------

def _copy_of_wire(article_id: str) -> Record:
    return wire_record(article_id, WIRE.replace("on Tuesday", "on Wednesday")
                       + f" (Reuters {article_id})", "Reuters")


def _links(db: Store) -> list[tuple[str, str | None, float | None]]:
    return [tuple(r) for r in db.conn.execute(
        "SELECT id, duplicate_of, similarity FROM articles ORDER BY num")]


def _band_rows(db: Store) -> list[tuple[int, int]]:
    return [tuple(r) for r in db.conn.execute("SELECT * FROM minhash_bands ORDER BY 1, 2")]


def test_sqlite_near_copy_found_across_adds_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "near.db"
    with Store(path) as db:
        db.add([wire_record("wire1", WIRE, "AFP"), flood_record()])
        assert len(_band_rows(db)) == 2 * 14  # one row per band of each first copy
        assert db.add([_copy_of_wire("copy1")]).near_duplicates == 1
    with Store(path) as db:
        assert db.add([_copy_of_wire("copy2")]).near_duplicates == 1
        links = dict((a, b) for a, b, _ in _links(db))
        assert links == {"wire1": None, "flood1": None, "copy1": "wire1", "copy2": "wire1"}
        assert len(_band_rows(db)) == 2 * 14  # copies are not banded


def test_sqlite_near_copy_found_within_one_batch_earliest_first(tmp_path: Path) -> None:
    with Store(tmp_path / "batch.db") as db:
        result = db.add([wire_record("wire1", WIRE, "AFP"), _copy_of_wire("copy1"),
                         Record(Article("copy2", WIRE + " More.", "X"))])
        assert result.near_duplicates == 2
        assert [b for _, b, _ in _links(db)] == [None, "wire1", "wire1"]


def test_sqlite_failed_batch_leaves_no_band_rows(store: Store) -> None:
    before = _band_rows(store)
    bad = flood_record()
    bad.article.id = "flood2"
    bad.article.text = "Snow closed the airport on Friday, officials said."
    bad.events = [None]  # type: ignore[list-item]
    with pytest.raises(Exception):  # noqa: B017 (any error: the point is the rollback)
        store.add([bad])
    assert _band_rows(store) == before
    assert store.add([_copy_of_wire("copy2")]).near_duplicates == 1


def _as_version_3(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE minhash_bands; DELETE FROM meta WHERE key = 'near_bands';"
                       "PRAGMA user_version = 3;")
    conn.close()


def test_sqlite_version_3_store_is_banded_with_the_same_links(tmp_path: Path) -> None:
    later = [_copy_of_wire("copy2"), Record(Article("other", FLOOD + " Again.", "Y"))]
    paths = tmp_path / "new.db", tmp_path / "old.db"
    for path in paths:
        with Store(path) as db:
            db.add(sample_records())
    _as_version_3(paths[1])
    results = []
    for path in paths:
        with Store(path) as db:
            assert migrations.user_version(db.conn) == migrations.SCHEMA_VERSION
            banded = _band_rows(db)
            db.add(later)
            results.append((banded, _links(db), _band_rows(db)))
    assert results[0] == results[1]
    assert [b for _, b, _ in results[0][1]] == [None, "wire1", None, "wire1", "flood1"]


def test_sqlite_version_3_signatures_made_another_way_stay_unbanded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.db"
    with Store(path) as db:
        db.add(sample_records())
        db.conn.execute("UPDATE meta SET value = 'minhash legacy' WHERE key = 'near_duplicates'")
    _as_version_3(path)
    with Store(path) as db:
        assert _band_rows(db) == []
        assert db.add([_copy_of_wire("copy2")]).near_duplicates == 0


def test_sqlite_other_threshold_rebands_the_store(tmp_path: Path) -> None:
    path = tmp_path / "threshold.db"
    with Store(path) as db:
        db.add(sample_records())
        default = _band_rows(db)
    with Store(path, threshold=0.5) as db:
        assert db.add([_copy_of_wire("copy2")]).near_duplicates == 1
        bands, _rows = dedupe.lsh_params(0.5)
        assert len(_band_rows(db)) == 2 * bands
        assert db.conn.execute("SELECT value FROM meta WHERE key = 'near_bands'").fetchone()[0] \
            == " ".join(map(str, dedupe.lsh_params(0.5)))
    with Store(path) as db:
        db.add([])
        assert _band_rows(db) == default


# -- property: any record comes back exactly ---------------------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
opt = st.none() | text
small = st.integers(0, 10**6)
real = st.floats(allow_nan=False, allow_infinity=False)
span = st.builds(Span, small, small, text)


def _unique(strategy: st.SearchStrategy, prefix: str) -> st.SearchStrategy:
    return st.lists(strategy, max_size=3).map(
        lambda items: [_renamed(x, f"{prefix}{i + 1}") for i, x in enumerate(items)])


def _renamed(item: object, new_id: str) -> object:
    item.id = new_id  # type: ignore[attr-defined]
    return item


actor = st.builds(Actor, id=st.just("a"), name=text,
                  kind=st.sampled_from(["person", "state", "organisation", "other"]),
                  country=opt, sector=opt, code=opt, role=opt, source=opt,
                  mentions=st.lists(st.builds(Mention, small, small, text), max_size=3))
event = st.builds(Event, id=st.just("e"), source=opt, target=opt, plover=opt, cameo=opt,
                  quad_class=st.none() | st.integers(1, 4), goldstein=st.none() | real,
                  trigger=span, sentence=small, evidence=text, negated=st.booleans(),
                  modality=st.sampled_from(["asserted", "reported"]), date=opt, date_text=opt,
                  location=st.none() | st.builds(Location, text, opt, st.none() | real,
                                                 st.none() | real),
                  confidence=real, plover_mode=opt, reporter=opt)
statement = st.builds(Statement, id=st.just("s"), speaker=opt, speaker_text=opt,
                      kind=st.sampled_from(["direct", "indirect", "mixed"]), content=span,
                      cue=st.none() | span, sentence=small, via=opt,
                      parts=st.lists(span, max_size=2))
casualty = st.builds(Casualty, count=st.none() | small, qualifier=opt,
                     kind=st.sampled_from(["killed", "wounded"]), who=opt, span=span,
                     perpetrator=opt, date=opt)
json_value = st.none() | text | small | st.booleans() | st.lists(text, max_size=2)
article = st.builds(Article, id=st.text("abc123", min_size=1, max_size=8), text=text,
                    source=opt, url=opt, title=opt, published=opt, dateline=opt, language=text,
                    metadata=st.dictionaries(text, json_value, max_size=3))
record = st.builds(Record, article=article, actors=_unique(actor, "a"),
                   events=_unique(event, "e"), statements=_unique(statement, "s"),
                   casualties=st.lists(casualty, max_size=2),
                   timexes=st.lists(st.builds(Timex, small, small, text, text, opt), max_size=2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record)
def test_sqlite_any_record_round_trips_exactly(rec: Record) -> None:
    with Store(":memory:", dedupe_near=False) as db:
        assert db.add([rec]).stored == 1
        assert db.record(rec.article.id) == rec


def test_sqlite_upgrades_a_version_1_store(tmp_path: Path) -> None:
    added = ("plover_mode", "plover_context", "reporter", "speaker_start", "speaker_end",
             "speaker_span_text")
    v1 = "\n".join(line for line in migrations.schema_sql().splitlines()
                   if not line.strip().startswith(added))
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(v1 + "\nPRAGMA user_version = 1;")
    conn.close()
    with Store(path) as db:
        assert migrations.user_version(db.conn) == migrations.SCHEMA_VERSION
        record = sample_records()[0]
        record.events[0].reporter = "a2"
        db.add([record])
        assert db.record("wire1") == record


def test_sqlite_locked_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    with Store(path) as first, Store(path) as second:
        second.conn.execute("PRAGMA busy_timeout = 50")
        first.conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="another ingest"):
            second.add([flood_record()])
        first.conn.execute("ROLLBACK")
        assert second.add([flood_record()]).stored == 1


def test_sqlite_version_4_store_loses_the_index_on_actor_code(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with Store(path) as db:
        db.add(sample_records())
    conn = sqlite3.connect(path)
    conn.executescript("CREATE INDEX actors_code ON actors (code); PRAGMA user_version = 4;")
    conn.close()
    with Store(path) as db:
        assert migrations.user_version(db.conn) == migrations.SCHEMA_VERSION
        indexes = {r[0] for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actors'")}
        assert "actors_code" not in indexes and "actors_code_name" in indexes
        plan = " ".join(r[3] for r in db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM actors WHERE code = ?", ("USA",)))
        assert "actors_code_name" in plan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record)
def test_sqlite_row_json_is_json_dumps_of_the_fields(rec: Record) -> None:
    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    parts = rows.record_rows(rec)
    article = parts["article"]
    assert article["metadata"] == dumps(to_dict(rec.article.metadata))
    assert article["record_extra"] == dumps({"timexes": to_dict(rec.timexes)})
    assert [r["data"] for r in parts["timexes"]] == [dumps(to_dict(t)) for t in rec.timexes]
    assert [r["extra"] for r in parts["statements"]] == [
        dumps({"parts": to_dict(s.parts)}) for s in rec.statements]
    assert [r["extra"] for r in parts["mentions"]] == [
        None for a in rec.actors for _ in a.mentions]
