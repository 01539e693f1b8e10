"""The web UI's routes and their JSON twins, over a small store built by hand."""

from __future__ import annotations

import csv
import io
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest

from dragoman.errors import StoreError
from dragoman.records import Actor, Article, Event, Mention, Record, Span, Statement
from dragoman.web.app import create_app
from dragoman.web.queries import connect
from dragoman.web.sample import sample_records, write_store

with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

HOSTILE_TEXT = ('Mallory <script>alert("pwned")</script> said "<b>we</b> & co. will win" '
                'and attacked <img src=x onerror=alert(1)> Bob.')


def hostile_record() -> Record:
    """An article whose text and fields are full of markup that must show as text."""
    text = HOSTILE_TEXT
    m_start = text.index("Mallory")
    b_start = text.index("Bob")
    c_start = text.index("<b>we")
    c_end = text.index('win"') + 3
    t_start = text.index("attacked")
    mallory = Actor(id="a1", name="Mallory <i>the</i>", kind="person", code="XSSGOV",
                    country="XSS", mentions=[Mention(m_start, m_start + 7, "Mallory")])
    bob = Actor(id="a2", name="Bob", kind="person", code="BOB",
                mentions=[Mention(b_start, b_start + 3, "Bob")])
    event = Event(id="e1", source="a1", target="a2", plover="ASSAULT", cameo="190",
                  quad_class=4, goldstein=-10.0, trigger=Span(t_start, t_start + 8, "attacked"),
                  sentence=0, evidence=text, date="2021-05-04")
    statement = Statement(id="s1", speaker="a1", speaker_text="Mallory", kind="direct",
                          content=Span(c_start, c_end, text[c_start:c_end]),
                          cue=Span(text.index("said"), text.index("said") + 4, "said"),
                          sentence=0)
    article = Article(id="hostile", text=text, title='<img src=x onerror="alert(2)">Title',
                      source="<b>Evil</b> Times", url="javascript:alert(3)",
                      published="2021-05-04")
    return Record(article=article, actors=[mallory, bob], events=[event],
                  statements=[statement])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    write_store(path, [*sample_records(40, seed=3), hostile_record()])
    return path


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


def get_json(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


PAGES = ["/", "/search?q=Lavrov", "/articles", "/articles/sample-000001", "/actors",
         "/actors/RUSGOV|Sergei%20Lavrov", "/actors/RUSGOV", "/dyads/RUS|Russia/SYR|Syria",
         "/events", "/events?quad=4&sort=goldstein&order=asc", "/network"]


@pytest.mark.parametrize("url", PAGES)
def test_app_every_page_renders_and_has_a_json_twin(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "/static/style.css" in page.text
    path, _, query = url.partition("?")
    twin = ("/index" if path == "/" else path) + ".json" + ("?" + query if query else "")
    assert isinstance(get_json(client, twin), dict)


def test_app_overview_counts_and_aggregates(client: TestClient, store: Path) -> None:
    data = get_json(client, "/index.json")
    assert data == get_json(client, "/.json")
    with sqlite3.connect(store) as conn:
        n_events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert data["counts"]["articles"] == 41
    assert data["counts"]["events"] == n_events
    assert sum(p["n"] for p in data["timeline"]) == n_events
    assert data["top_actors"][0]["articles"] >= data["top_actors"][-1]["articles"]
    assert {"source_key", "target_key", "events", "goldstein"} <= set(data["top_dyads"][0])
    assert len(data["latest"]) == 10


def test_app_articles_json_lists_ids(client: TestClient) -> None:
    data = get_json(client, "/articles.json")
    assert data["paging"]["total"] == 41
    assert all("id" in a for a in data["articles"])
    second = get_json(client, "/articles.json?page=2")
    assert {a["id"] for a in data["articles"]}.isdisjoint(a["id"] for a in second["articles"])


def test_app_article_highlights_every_record(client: TestClient) -> None:
    data = get_json(client, "/articles/hostile.json")
    assert {a["id"] for a in data["actors"]} == {"a1", "a2"}
    assert data["events"][0]["source_key"] == "XSSGOV|Mallory <i>the</i>"
    page = client.get("/articles/hostile").text
    for ref, kind in (("a1", "actor"), ("a2", "actor"), ("e1", "trigger"), ("s1", "content"),
                      ("s1", "cue")):
        assert f'class="hl hl-{kind}" data-ref="{ref}"' in page


def test_app_article_shows_markup_as_text(client: TestClient) -> None:
    page = client.get("/articles/hostile").text
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>we</b>" not in page
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page or \
        "&lt;script&gt;alert(\"pwned\")&lt;/script&gt;" in page
    assert "Mallory &lt;i&gt;the&lt;/i&gt;" in page
    assert "&lt;b&gt;Evil&lt;/b&gt; Times" in page
    assert 'href="javascript:' not in page
    for url in ("/", "/search?q=pwned", "/actors/XSSGOV", "/events", "/network"):
        assert "<script>alert" not in client.get(url).text


def test_app_search_uses_full_text_and_filters(client: TestClient) -> None:
    data = get_json(client, "/search.json?q=pwned")
    assert [a["id"] for a in data["articles"]] == ["hostile"]
    assert "\x02pwned\x03" in data["articles"][0]["snippet"]
    page = client.get("/search?q=pwned").text
    assert "<mark>pwned</mark>" in page
    lavrov = get_json(client, "/search.json?q=Lavrov")["paging"]["total"]
    assert lavrov > 0
    narrowed = get_json(client, "/search.json?q=Lavrov&event=ASSAULT&from=2019-06&to=2020-06")
    assert narrowed["paging"]["total"] <= lavrov
    assert get_json(client, "/search.json?actor=XSSGOV")["articles"][0]["id"] == "hostile"
    assert get_json(client, "/search.json?source=Mock%20News")["paging"]["total"] > 0


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT (", "*", "a:b", "NEAR(x"])
def test_app_search_odd_queries_do_not_fail(client: TestClient, query: str) -> None:
    assert client.get("/search", params={"q": query}).status_code == 200


def test_app_actor_page_gathers_across_articles(client: TestClient, store: Path) -> None:
    data = get_json(client, "/actors/RUSGOV%7CSergei%20Lavrov.json")
    with sqlite3.connect(store) as conn:
        expected = conn.execute(
            "SELECT COUNT(*) FROM events e JOIN actors a ON a.article_id = e.article_id"
            " AND a.id = e.source WHERE a.code = 'RUSGOV' AND a.name = 'Sergei Lavrov'"
        ).fetchone()[0]
    assert data["articles"] > 1
    assert data["n_as_source"] == expected
    assert data["profile"] == {"kind": "person", "country": "RUS", "sector": "GOV",
                               "n": data["articles"]}
    assert data["roles"][0]["role"] == "foreign minister"
    assert data["partners"] and data["timeline"]
    by_code = get_json(client, "/actors/RUSGOV.json")
    assert by_code["articles"] >= data["articles"]
    assert client.get("/actors/NOBODY%7CNobody").status_code == 404


def test_app_dyad_covers_both_directions(client: TestClient) -> None:
    data = get_json(client, "/dyads/RUS%7CRussia/SYR%7CSyria.json")
    assert data["total"] == sum(d["events"] for d in data["directions"])
    for e in data["events"]:
        assert {e["source_key"], e["target_key"]} == {"RUS|Russia", "SYR|Syria"}


def test_app_events_filter_sort_and_page(client: TestClient) -> None:
    data = get_json(client, "/events.json?quad=4&sort=goldstein&order=asc")
    scores = [e["goldstein"] for e in data["events"]]
    assert scores == sorted(scores)
    assert all(e["quad_class"] == 4 for e in data["events"])
    assert data["paging"]["per_page"] == 50
    page2 = get_json(client, "/events.json?page=2")
    assert page2["paging"]["page"] == 2
    cameo = get_json(client, "/events.json?cameo=04&actor=RUS")
    assert all(e["cameo"].startswith("04") for e in cameo["events"])
    assert all("RUS" in (e["source_code"], e["target_code"]) for e in cameo["events"])
    dated = get_json(client, "/events.json?from=2020-01-01&to=2020-03")
    assert all("2020-01-01" <= e["date"] <= "2020-03-31" for e in dated["events"])


def test_app_filters_are_parameters_not_sql(client: TestClient) -> None:
    for url in ("/events.json?actor=x'%20OR%201=1%20--", "/events.json?sort=num;DROP%20TABLE",
                "/search.json?source=x'%20OR%20'1'='1"):
        data = get_json(client, url)
        assert data["paging"]["total"] == 0 or "sort" in url
    assert get_json(client, "/index.json")["counts"]["articles"] == 41


def test_app_events_csv_matches_the_table(client: TestClient) -> None:
    response = client.get("/events.csv?quad=4")
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == get_json(client, "/events.json?quad=4")["paging"]["total"]
    assert {"num", "source_name", "cameo", "goldstein", "evidence"} <= set(table[0])


def test_app_network_keeps_the_top_actors(client: TestClient) -> None:
    data = get_json(client, "/network.json?top=5")
    keys = {n["key"] for n in data["nodes"]}
    assert len(keys) == 5
    assert all(e["a"] in keys and e["b"] in keys for e in data["edges"])


def test_app_unknown_pages_are_404(client: TestClient) -> None:
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/articles/nope.json").json() == {"error": "no article with this id"}


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/%2e%2e/app.py",
                                 "/static/..%2fapp.py", "/static//etc/passwd"])
def test_app_static_files_stay_inside_the_package(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "create_app" not in response.text


def test_app_opens_the_store_read_only(store: Path) -> None:
    conn = connect(store)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")
    conn.close()


def test_app_missing_store_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "missing.db")


def test_app_sends_a_strict_content_security_policy(client: TestClient) -> None:
    for url in ("/", "/articles/hostile", "/index.json", "/static/app.js"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
