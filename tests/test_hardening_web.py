"""The web app under hostile requests: SQL and FTS5 metacharacters in every parameter of
every route, stored markup, path traversal, oversized requests, a read-only connection.

The app publishes no OpenAPI schema (its routes are pages and their JSON twins), so the
generator here reads the routes from ``app.routes`` and the query parameters from the
``_arg``/``_int`` calls of the app's source, and hypothesis fills them.
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dragoman.web import app as web_app
from dragoman.web.app import create_app
from dragoman.web.queries import connect
from dragoman.web.sample import sample_records, write_store
from tests.test_web_api import hostile_record

with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

PARAMS = sorted(set(re.findall(r"_(?:arg|int)\(request, \"(\w+)\"",
                               Path(web_app.__file__).read_text(encoding="utf-8"))))
NASTY = ["'", '"', ";", "--", "%", "%%", "' OR 1=1 --", '" OR ""="', "x'; DROP TABLE events; --",
         "NEAR(a b)", '"unbalanced', "a OR", "*", "^x", "title:x", "a AND (b", "-x", "NOT",
         "\\", "\x00", "\u202e", "<script>alert(1)</script>", "..", "../../etc/passwd", "|", "||",
         "999999999999999999999999", "\u00b2", "\u0663", "-1", "0", "1e309", "NaN", " ", ""]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hardweb") / "web.db"
    write_store(path, [*sample_records(12, seed=5), hostile_record()])
    return path


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store, warm=False), raise_server_exceptions=False)


def _paths(client: TestClient) -> list[str]:
    """Every route, path parameters as ``{name}`` placeholders, ``:path`` dropped."""
    found = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        path = getattr(route, "path", "")
        if path and path not in ("/static", "/favicon.ico"):
            found.append(re.sub(r"\{(\w+):path\}", r"{\1}", path))
    return found


def _url(path: str, fill: str) -> str:
    return re.sub(r"\{\w+\}", quote(fill, safe="") or "x", path)


def test_hardening_web_every_parameter_of_every_route_takes_metacharacters(
        client: TestClient) -> None:
    paths = _paths(client)
    assert len(paths) >= 15 and len(PARAMS) >= 10
    bad = []
    for path in paths:
        for value in NASTY:  # every parameter at once, and the path parameters too
            url = _url(path, value)
            response = client.get(url, params=dict.fromkeys(PARAMS, value))
            if response.status_code >= 500:
                bad.append((url, "*", value, response.status_code))
        if not path.endswith(".json") or "{" in path:
            continue
        for name in PARAMS:  # each parameter alone, the others left at their defaults
            for value in ("'", "%", '"unbalanced', "NEAR(a b)", "\u00b2", "9" * 24):
                response = client.get(_url(path, "x"), params={name: value})
                if response.status_code >= 500:
                    bad.append((path, name, value, response.status_code))
    assert not bad, bad[:10]


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hardening_web_generated_requests_never_fail(client: TestClient,
                                                     data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_paths(client)))
    text = st.one_of(st.text(max_size=30), st.sampled_from(NASTY),
                     st.integers(-(10**20), 10**20).map(str))
    url = _url(path, data.draw(text))
    params = data.draw(st.dictionaries(st.sampled_from(PARAMS), text, max_size=5))
    response = client.get(url, params=params)
    assert response.status_code < 500, (url, params, response.text[:300])


HOSTILE_PAGES = ["/", "/articles/hostile", "/search?q=Mallory", "/articles", "/actors",
                 "/actors/XSSGOV", "/events", "/events?actor=XSSGOV", "/network",
                 "/search?q=%3Cscript%3E"]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_hardening_web_stored_markup_shows_as_text(client: TestClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 200
    for raw in ('<script>alert("pwned")', "<img src=x onerror", "<b>Evil</b>", "<i>the</i>",
                "<b>we</b>", 'onerror="alert(2)"', 'href="javascript:'):
        assert raw not in page.text, (url, raw)
    assert "<script>" not in page.text.replace('<script src="/static/', "")


@pytest.mark.parametrize("url", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/%2E%2E/app.py",
    "/static/..%2fapp.py", "/static/%2e%2e%2fapp.py", "/static/%252e%252e/app.py",
    "/static/..%5capp.py", "/static/./../app.py", "/static/....//app.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static//etc/passwd",
    "/static/..;/app.py", "/static/%c0%ae%c0%ae/app.py", "/static/style.css/../../app.py"])
def test_hardening_web_static_routes_do_not_traverse(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404), url
    assert "create_app" not in response.text and "root:" not in response.text


def test_hardening_web_oversized_and_unexpected_requests(client: TestClient) -> None:
    big = client.post("/events.json", content=b"x" * 5_000_000)
    assert big.status_code == 405
    long_query = client.get("/search.json", params={"q": "minister " * 6_000})
    assert long_query.status_code < 500
    many = client.get("/events.json?" + "&".join(f"actor={i}" for i in range(2000)))
    assert many.status_code < 500
    assert client.get("/events.json", params={"page": "9" * 400}).status_code < 500


def test_hardening_web_connection_is_read_only(store: Path) -> None:
    conn = connect(store)
    try:
        for sql in ("DELETE FROM articles", "CREATE TABLE x (y)", "PRAGMA user_version = 7",
                    "INSERT INTO meta (key, value) VALUES ('k', 'v')"):
            with pytest.raises(sqlite3.OperationalError):
                conn.execute(sql)
    finally:
        conn.close()


def test_hardening_web_serves_on_loopback_by_default() -> None:
    from dragoman.cli.web import serve_cmd

    host = next(p for p in serve_cmd.params if p.name == "host")
    assert host.default == "127.0.0.1"
