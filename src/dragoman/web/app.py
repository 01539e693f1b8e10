"""The web UI: FastAPI routes over a read-only store; every page has a ``.json`` twin.

>>> app = create_app("news.db")  # doctest: +SKIP
>>> uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from dragoman import __version__
from dragoman.store import Store
from dragoman.web import detail
from dragoman.web import queries as q

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent
PER_PAGE = {"events": 50, "articles": 20}
CSV_COLUMNS = ("num", "article_id", "id", "date", "source_name", "source_code", "target_name",
               "target_code", "plover", "cameo", "quad_class", "goldstein", "negated",
               "modality", "trigger_text", "location_name", "evidence", "article_title",
               "article_source")
Builder = Callable[[sqlite3.Connection, Request], dict[str, Any]]
# The expensive aggregates, cached per state of the store and computed once at start.
AGGREGATES: dict[str, Callable[[sqlite3.Connection], Any]] = {
    "counts": q.counts,
    "timeline": q.timeline,
    "actors": q.top_actors,
    "dyads": q.dyads,
    "sources": q.sources,
    "types": q.event_types,
}
logger = logging.getLogger("dragoman.web")
# Nothing but the app's own files runs or loads, even if some text escaped escaping.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self';"
                               " img-src 'self' data:; object-src 'none'; base-uri 'none';"
                               " form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db: str | Path, *, warm: bool = True) -> FastAPI:
    """The web app over the store at ``db``, which is opened read-only per request.

    With ``warm``, the overview's aggregates are computed at once in the background.
    """
    Store(db, readonly=True).close()  # fail now, clearly, if missing or of another version
    app = FastAPI(title="dragoman", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.db = str(db)
    app.state.cache = q.Cache(db)
    templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    site = _Site(app, templates)
    site.page(["/", "/index.json", "/.json"], "index.html", overview)
    site.page(["/search", "/search.json"], "search.html", search)
    site.page(["/articles", "/articles.json"], "search.html", search)
    site.page(["/articles/{article_id:path}.json", "/articles/{article_id:path}"],
              "article.html", article_page)
    site.page(["/actors", "/actors.json"], "actors.html", actors_page)
    site.page(["/actors/{key:path}.json", "/actors/{key:path}"], "actor.html", actor_page)
    site.page(["/dyads/{a}/{b}.json", "/dyads/{a}/{b}"], "dyad.html", dyad_page)
    site.page(["/events", "/events.json"], "events.html", events_page)
    site.page(["/network", "/network.json"], "network.html", network_page)
    app.add_api_route("/events.csv", events_csv, methods=["GET"], include_in_schema=False)
    app.add_api_route("/favicon.ico", lambda: FileResponse(HERE / "static" / "favicon.svg",
                                                           media_type="image/svg+xml"),
                      methods=["GET"], include_in_schema=False)
    app.add_exception_handler(HTTPException, site.error)  # type: ignore[arg-type]

    @app.middleware("http")
    async def secure(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    if warm:
        threading.Thread(target=_warm, args=(app.state.db, app.state.cache), daemon=True,
                         name="dragoman-web-warm").start()
    return app


def _warm(db: str, cache: q.Cache) -> None:
    """Fill the cache of aggregates, so the first visit of the overview is quick."""
    try:
        conn = q.connect(db)
        try:
            for name, compute in AGGREGATES.items():
                cache.get(name, lambda compute=compute: compute(conn))  # type: ignore[misc]
        finally:
            conn.close()
    except Exception as exc:  # a background nicety: never take the server down
        logger.debug("warming the cache failed: %s", exc)


class _Site:
    """Registers each page under its HTML path and its JSON twin."""

    def __init__(self, app: FastAPI, templates: Jinja2Templates) -> None:
        self.app = app
        self.templates = templates

    def page(self, paths: list[str], template: str, build: Builder) -> None:
        for path in paths:
            as_json = path.endswith(".json")
            endpoint = self._endpoint(template, build, as_json)
            self.app.add_api_route(path, endpoint, methods=["GET"], include_in_schema=False,
                                   response_class=JSONResponse if as_json else HTMLResponse)

    def _endpoint(self, template: str, build: Builder, as_json: bool
                  ) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            conn = q.connect(request.app.state.db)
            try:
                context = build(conn, request)
            finally:
                conn.close()
            if as_json:
                return JSONResponse({k: v for k, v in context.items() if not k.startswith("_")})
            return self.templates.TemplateResponse(request, template, dict(context))
        return endpoint

    def error(self, request: Request, exc: HTTPException) -> Response:
        if request.url.path.endswith((".json", ".csv")):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return self.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code)


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.autoescape = True
    env.filters["actor_url"] = actor_url
    env.filters["snippet"] = snippet_html
    env.globals["dyad_url"] = dyad_url
    env.globals["QUADS"] = q.QUADS
    env.globals["version"] = __version__
    env.globals["url_with"] = url_with
    return templates


# -- helpers used by templates ------------------------------------------------------------

def actor_url(key: str | None) -> str:
    return "/actors/" + quote(key or "", safe="|")


def dyad_url(a: str, b: str) -> str:
    return f"/dyads/{quote(a, safe='|')}/{quote(b, safe='|')}"


def snippet_html(text: str | None) -> Markup:
    """An FTS snippet (matches between \\x02 and \\x03) as escaped HTML with ``<mark>``."""
    safe = str(escape((text or "").replace("\x02", "\ue000").replace("\x03", "\ue001")))
    return Markup(safe.replace("\ue000", "<mark>").replace("\ue001", "</mark>"))


def url_with(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def _arg(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value or None


def _int(request: Request, name: str, default: int, low: int = 1, high: int = 10**6) -> int:
    try:
        return max(low, min(high, int(request.query_params.get(name, default))))
    except ValueError:
        return default


def _paging(request: Request, total: int, per_page: int) -> dict[str, Any]:
    page = _int(request, "page", 1)
    pages = max(1, -(-total // per_page))
    return {"page": page, "pages": pages, "per_page": per_page, "total": total,
            "offset": (page - 1) * per_page}


def _cached(request: Request, conn: sqlite3.Connection, name: str) -> Any:
    return request.app.state.cache.get(name, lambda: AGGREGATES[name](conn))


# -- pages --------------------------------------------------------------------------------

def overview(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    dyads = _cached(request, conn, "dyads")
    return {
        "counts": _cached(request, conn, "counts"),
        "timeline": _cached(request, conn, "timeline"),
        "top_actors": _cached(request, conn, "actors")[:12],
        "top_dyads": dyads[:12],
        "latest": q.latest_articles(conn, 10),
    }


def search(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    flt = q.ArticleFilter(q=_arg(request, "q"), date_from=_arg(request, "from"),
                          date_to=_arg(request, "to"), source=_arg(request, "source"),
                          actor=_arg(request, "actor"), event=_arg(request, "event"))
    per_page = PER_PAGE["articles"]
    page = _int(request, "page", 1)
    error = None
    try:
        found, total = q.articles(conn, flt, limit=per_page, offset=(page - 1) * per_page)
    except sqlite3.OperationalError as exc:  # an FTS query it cannot parse
        found, total, error = [], 0, f"cannot search for that: {exc}"
    return {"query": flt.__dict__, "articles": found, "paging": _paging(request, total, per_page),
            "error": error, "_sources": _cached(request, conn, "sources"),
            "_event_types": _cached(request, conn, "types")}


def article_page(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    found = detail.article(conn, request.path_params["article_id"])
    if found is None:
        raise HTTPException(404, "no article with this id")
    return found


def actors_page(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    name = _arg(request, "q")
    found = _cached(request, conn, "actors")
    if name:
        needle = name.casefold()
        found = [a for a in found
                 if needle in (a["name"] or "").casefold() or a["code"] == name.upper()]
    return {"q": name, "actors": found[:200]}


def actor_page(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    key = request.path_params["key"]
    cache = request.app.state.cache

    def compute() -> dict[str, Any] | None:
        found = detail.actor(conn, key)
        for part, nums in (found or {}).get("_nums", {}).items():  # for the events pages
            cache.get(("nums", key, *part), lambda nums=nums: nums)
        return found

    found = cache.get(("actor", key), compute)
    if found is None:
        raise HTTPException(404, "no actor with this key")
    return found


def dyad_page(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    a, b = request.path_params["a"], request.path_params["b"]
    known = _known(conn, request, q.EventFilter(dyad=(a, b)).dyad_parts())
    return request.app.state.cache.get(("dyad", a, b),
                                       lambda: detail.dyad(conn, a, b, known=known))


def _event_filter(conn: sqlite3.Connection, request: Request) -> q.EventFilter:
    quad = _arg(request, "quad")
    flt = q.EventFilter(actor=_arg(request, "actor"), source=_arg(request, "source"),
                        target=_arg(request, "target"), plover=_arg(request, "plover"),
                        cameo=_arg(request, "cameo"),
                        quad=int(quad) if quad and quad.isascii() and quad.isdigit()
                        and len(quad) < 4 else None,  # not 10**30 (SQLite) nor '²' (int)
                        date_from=_arg(request, "from"), date_to=_arg(request, "to"))
    flt.known = _known(conn, request, flt.actor_parts())
    return flt


def _known(conn: sqlite3.Connection, request: Request, parts: list[tuple[str, ...]]
           ) -> dict[tuple[str, ...], list[int]]:
    """An actor's events (by key and columns), found once, then paged and sorted."""
    return {part: request.app.state.cache.get(("nums", *part),
                                              lambda part=part: q.event_nums(conn, *part))
            for part in parts}


def events_page(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    flt = _event_filter(conn, request)
    sort = _arg(request, "sort") or "date"
    desc = _arg(request, "order") != "asc"
    per_page = PER_PAGE["events"]
    page = _int(request, "page", 1)
    found, total = q.events(conn, flt, sort=sort, desc=desc, limit=per_page,
                            offset=(page - 1) * per_page)
    return {"filters": {k: v for k, v in flt.__dict__.items() if k not in ("dyad", "known")},
            "sort": sort,
            "order": "desc" if desc else "asc", "events": found,
            "paging": _paging(request, total, per_page),
            "_event_types": _cached(request, conn, "types")}


def network_page(conn: sqlite3.Connection, request: Request) -> dict[str, Any]:
    top = _int(request, "top", 40, 2, 200)
    graph = request.app.state.cache.get(
        ("network", top), lambda: q.network(_cached(request, conn, "dyads"), top))
    return {"top": top, **graph}


def events_csv(request: Request) -> Response:
    conn = q.connect(request.app.state.db)
    try:
        flt = _event_filter(conn, request)
    except BaseException:
        conn.close()
        raise
    sort = _arg(request, "sort") or "date"
    desc = _arg(request, "order") != "asc"

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        try:
            writer.writerow(CSV_COLUMNS)
            for event in q.iter_events(conn, flt, sort, desc):
                writer.writerow([_csv_cell(event[c]) for c in CSV_COLUMNS])
                if buffer.tell() > 65536:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()
        finally:
            conn.close()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


def _csv_cell(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
