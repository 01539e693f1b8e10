"""Exports: JSONL records, CSV and Parquet tables, GDELT 1.0/2.0 and Phoenix layouts."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dragoman.errors import StoreError
from dragoman.records import Record
from dragoman.store import Store
from dragoman.store.codes import columns, split_code
from dragoman.store.export import TABLES, export
from tests.test_store_sqlite import sample_records


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "news.db") as db:
        db.add(sample_records())
        yield db


def read_tsv(path: Path, names: list[str]) -> list[dict[str, str]]:
    """A reader of the published layout: tab-separated, no header, named columns."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(row) == len(names) for row in rows)
    return [dict(zip(names, row, strict=True)) for row in rows]


def published_names(shared: Path, name: str) -> list[str]:
    with (shared / "eval" / "cameo" / name).open(encoding="utf-8") as stream:
        return [row["name"] for row in csv.DictReader(stream)]


def test_export_jsonl_is_one_full_record_per_article(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    assert export(store, "jsonl", out) == {"records": 3}
    back = [Record.from_json(line) for line in out.read_text().splitlines()]
    assert back == sample_records()


def test_export_gdelt1_round_trips_through_the_published_layout(
        store: Store, tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt1", out) == {"events": 1}  # the copy is counted, not repeated
    names = published_names(shared, "gdelt-events-1.0-columns.csv")
    assert len(names) == 58 and list(columns("gdelt1-events")) == names
    (row,) = read_tsv(out, names)
    assert row["SQLDATE"] == "20190604" and row["MonthYear"] == "201906"
    assert row["Year"] == "2019" and row["FractionDate"] == "2019.4219"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"],
            row["Actor1Type1Code"]) == ("RUSGOV", "SERGEI LAVROV", "RUS", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("CHNGOV", "CHN")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("040", "040", "04")
    assert (row["QuadClass"], row["GoldsteinScale"], row["IsRootEvent"]) == ("1", "1", "1")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert (row["ActionGeo_FullName"], row["ActionGeo_Lat"]) == ("Moscow", "55.75")
    assert len(row["DATEADDED"]) == 8 and row["SOURCEURL"] == "https://afp.example/1"


def test_export_gdelt2_events_and_mentions(store: Store, tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "gdelt2"
    assert export(store, "gdelt2", out) == {"events": 1, "mentions": 2}
    names = published_names(shared, "gdelt-events-2.0-columns.csv")
    assert len(names) == 61
    (event,) = read_tsv(out / "dragoman.export.CSV", names)
    assert event["Actor1Code"] == "RUSGOV" and len(event["DATEADDED"]) == 14
    mentions = read_tsv(out / "dragoman.mentions.CSV", list(columns("gdelt2-mentions")))
    assert {m["GLOBALEVENTID"] for m in mentions} == {event["GLOBALEVENTID"]}
    assert [m["MentionSourceName"] for m in mentions] == ["AFP", "Daily Planet"]
    first = mentions[0]
    text = sample_records()[0].article.text
    assert text[int(first["ActionCharOffset"]):].startswith("met")
    assert text[int(first["Actor1CharOffset"]):].startswith("Lavrov")
    assert first["Confidence"] == "90" and first["SentenceID"] == "1"


def test_export_phoenix_layout(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "phoenix.tsv"
    export(store, "phoenix", out)
    names = list(columns("phoenix"))
    assert len(names) == 26
    (row,) = read_tsv(out, names)
    assert row["Date"] == "20190605" and (row["Year"], row["Month"], row["Day"]) == (
        "2019", "6", "5")
    assert (row["SourceActorFull"], row["SourceActorEntity"], row["SourceActorRole"]) == (
        "RUSGOV", "RUS", "GOV")
    assert row["EventCode"] == "040" and row["EventRootCode"] == "04"
    assert row["QuadClass"] == "1"
    assert row["URLs"] == "https://afp.example/1;https://planet.example/2"
    assert row["NewsSources"] == "AFP;Daily Planet"
    assert row["SentenceID"] == "wire1_0"


def test_export_phoenix_neutral_roots() -> None:
    from dragoman.store.gdelt import _phoenix

    row = {"num": 1, "cameo": "010", "quad_class": 1, "article_id": "x"}
    assert _phoenix(row, [], "0")["QuadClass"] == 0


def test_export_parquet_one_table_per_kind(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    counts = export(store, "parquet", out)
    assert set(counts) == set(TABLES)
    events = pq.read_table(out / "events.parquet").to_pylist()
    assert len(events) == 2 and events[0]["source_code"] == "RUSGOV"
    articles = pq.read_table(out / "articles.parquet")
    assert articles.num_rows == 3 and str(articles.schema.field("num").type) == "int64"
    assert pq.read_table(out / "casualties.parquet").to_pylist()[0]["count"] == 12
    assert pq.read_table(out / "timexes.parquet").num_rows == 1


def test_export_csv_tables(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(store, "csv", out)
    with (out / "statements.csv").open() as stream:
        rows = list(csv.DictReader(stream))
    assert rows[0]["speaker_name"] == "Sergei Lavrov"
    with (out / "articles.csv").open() as stream:
        assert json.loads(next(csv.DictReader(stream))["metadata"]) == {}


def test_export_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "xml", tmp_path / "x")


def test_export_split_code() -> None:
    code = split_code("IGOUNO")
    assert (code.root, code.types, code.known_group, code.country) == ("IGO", ["IGO"], "UNO", "")
    code = split_code("USAGOVMIL")
    assert (code.country, code.types) == ("USA", ["GOV", "MIL"])
    assert split_code(None, "FRA").country == "FRA"
