"""FastAPI application factory for the web app (`uvicorn bot.web.app:create_app --factory`).

Serves the demo school page with the chat widget (`/`, `/static/...`), the privacy page,
the portal for counsellors and institution staff (`/portaal`), and the institutions'
API (`/api/v1/listings`, `/api/v1/reports`). Request bodies are capped at 64 KB, and an
API body is read only after its token was checked (bot/web/request_limits.py). There is
no proxy to Rasa here: the widget talks to Rasa's channels itself.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

import sqlite_utils
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from appdb import settings as settings_module
from bot import tokens
from bot.web import portal
from bot.web.request_limits import BodyLimit

HERE = Path(__file__).resolve().parent
DEMO_SCHOOL = "DEMO01"
SESSION_HOURS = 8


def _csp(connect_src: str = "") -> str:
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {connect_src}".rstrip() + "; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def _socket_origins(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def create_app(
    connect: Optional[Callable[[], sqlite_utils.Database]] = None,
    rasa_url: Optional[str] = None,
    session_secret: Optional[str] = None,
    secure_cookies: Optional[bool] = None,
) -> FastAPI:
    """Build the app; every argument defaults to the environment (see appdb.settings)."""
    config = settings_module.load()
    if connect is None:
        def connect() -> sqlite_utils.Database:
            import appdb

            return appdb.connect(config.db_url)
    public_rasa_url = rasa_url or os.environ.get("KANSRIJK_PUBLIC_RASA_URL") or config.rasa_url
    if session_secret is None:
        session_secret = os.environ.get("KANSRIJK_WEB_SECRET") or tokens.ensure_token(
            config.secrets_dir / "web_session_key"
        )
    if secure_cookies is None:
        secure_cookies = os.environ.get("KANSRIJK_COOKIE_SECURE", "1") != "0"

    app = FastAPI(
        title="Kansrijk",
        description="Demo-schoolpagina, portaal voor decanen en API voor mbo-instellingen.",
        # Swagger UI would load from a CDN; the spec itself is at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(
        SessionMiddleware, secret_key=session_secret, session_cookie="kansrijk_portaal",
        max_age=SESSION_HOURS * 3600, same_site="strict", https_only=secure_cookies,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        path = request.url.path
        if path.startswith(("/static/", "/api/", "/openapi.json")):
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            return response
        connect_src = _socket_origins(public_rasa_url) if path == "/" else ""
        response.headers.setdefault("Content-Security-Policy", _csp(connect_src))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if path.startswith("/portaal"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(portal.LoginRequired)
    async def login_required(request: Request, exc: portal.LoginRequired):
        return RedirectResponse("/portaal/login", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/portaal"):
            return portal.render(request, "error.html", exc.status_code, message=str(exc.detail))
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse)
    def demo_page(school: str = DEMO_SCHOOL) -> str:
        return portal.templates.get_template("demo.html").render(
            school=school[:32], rasa_url=public_rasa_url
        )

    @app.get("/privacy", response_class=HTMLResponse)
    def privacy_page() -> str:
        return (HERE / "templates" / "privacy.html").read_text(encoding="utf-8")

    @app.get("/widget/research", include_in_schema=False)
    def widget_research(school: str = ""):
        """Whether an experiment runs at this school today: the widget's privacy note then says so."""
        from fastapi.responses import JSONResponse

        from bot.experiments import store as experiments
        from bot.experiments.errors import ExperimentError

        research = False
        if school.strip():
            db = connect()
            try:
                research = experiments.active_for(db, school[:32]) is not None
            except ExperimentError:  # a damaged experiment assigns nobody (actions/study_advice.py)
                research = False
            finally:
                db.close()
        # The widget runs on the school's own website, another origin; nothing here is personal.
        return JSONResponse({"research": research}, headers={"Access-Control-Allow-Origin": "*"})

    app.include_router(portal.create_router(
        connect, rasa_url=lambda: config.rasa_url, rasa_token=tokens.rasa_api_jwt
    ))

    from internships import api as listings_api
    from internships.errors import InvalidToken
    from internships.register import institution_for_token
    from internships.reports import api as reports_api

    bearer = HTTPBearer(auto_error=False, description="API-sleutel van je instelling")

    def authenticate_institution(
        credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer),
    ) -> str:
        db = connect()
        try:
            institution, _ = institution_for_token(db, credentials.credentials if credentials else None)
            return institution.code
        except InvalidToken as error:
            raise HTTPException(401, error.message, headers={"WWW-Authenticate": "Bearer"}) from None
        finally:
            db.close()

    app.include_router(listings_api.create_router(connect))
    app.include_router(reports_api.create_router(
        connect, authenticate_institution, prefix="/api/v1/reports"
    ))

    async def api_token_problem(token: Optional[str]) -> Optional[str]:
        """None for a valid institution token, else the 401 message; before any body is read."""
        from starlette.concurrency import run_in_threadpool

        def check() -> Optional[str]:
            db = connect()
            try:
                institution_for_token(db, token)
                return None
            except InvalidToken as error:
                return error.message
            finally:
                db.close()

        return await run_in_threadpool(check)

    # Added last, so it runs first: no body is read before this (bot/web/request_limits.py).
    app.add_middleware(BodyLimit, authenticate=api_token_problem)
    return app
