"""The FastAPI application: REST API under /api, the dashboard at /, OpenAPI at /openapi.json."""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

import tacitus
from tacitus.api import routes_aggregates, routes_articles, routes_events
from tacitus.api.db import StoreAccess
from tacitus.api.security import BodySizeLimit, SecurityHeaders, WriteGuard
from tacitus.store import StoreLockedError

WEB_DIR = Path(tacitus.__file__).resolve().parent / "web"
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    cors_origins: list[str] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    read_timeout: float = 2.0,
) -> FastAPI:
    """The Tacitus web app over the DuckDB store at ``db_path`` (created empty if missing).

    ``token``: the bearer token that writes (``POST /api/articles``) need; None disables
    writes. ``cors_origins``: origins allowed to call the API from other sites (none by
    default: CORS off). ``max_body_bytes``: larger request bodies get 413.
    ``read_timeout``: seconds a read waits for another process's write lock before 503.
    """
    access = StoreAccess(db_path, read_timeout=read_timeout)
    access.ensure_exists()
    app = FastAPI(
        title="Tacitus",
        version=tacitus.__version__,
        description="CAMEO/PLOVER events coded from news stories: query, aggregate, add articles.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.access = access
    app.state.writes_enabled = bool(token)
    app.state.coder = routes_articles.Coder()
    for module in (routes_events, routes_aggregates, routes_articles):
        app.include_router(module.router)

    @app.exception_handler(StoreLockedError)
    async def store_busy(request: Request, err: StoreLockedError) -> JSONResponse:
        return JSONResponse(status_code=503, headers={"Retry-After": "1"},
                            content={"detail": f"the database is busy (another process is writing to it): {err}"})

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, err: ValueError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(err)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> JSONResponse:
        problems = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in err.errors()]
        summary = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in problems)
        return JSONResponse(status_code=422, content={"detail": problems, "message": summary})

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url, title="Tacitus API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(WriteGuard, token=token)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory tacitus.api:app_from_env``: TACITUS_DB (default tacitus.duckdb), TACITUS_API_TOKEN."""
    return create_app(os.environ.get("TACITUS_DB", "tacitus.duckdb"), os.environ.get("TACITUS_API_TOKEN") or None)


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    cors_origins: list[str] | None = None,
    log_level: str = "info",
) -> None:
    """Run the API and dashboard with uvicorn until interrupted (``tacitus serve``).

    Binds 127.0.0.1 unless ``host`` says otherwise. ``token`` defaults to the
    environment variable TACITUS_API_TOKEN; without one, writes are disabled.
    """
    import uvicorn

    if token is None:
        token = os.environ.get("TACITUS_API_TOKEN") or None
    app = create_app(db_path, token, cors_origins=cors_origins)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
