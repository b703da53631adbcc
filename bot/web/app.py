"""FastAPI application factory for the web app (`uvicorn bot.web.app:create_app --factory`)."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from bot import appdb

HERE = Path(__file__).resolve().parent


def create_app() -> FastAPI:
    app = FastAPI(
        title="Kansrijk",
        description="Demo-schoolpagina, portaal voor decanen en API voor mbo-instellingen.",
    )

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse)
    def demo_page() -> str:
        return (HERE / "templates" / "demo.html").read_text(encoding="utf-8")

    @app.get("/privacy", response_class=HTMLResponse)
    def privacy_page() -> str:
        return (HERE / "templates" / "privacy.html").read_text(encoding="utf-8")

    return app
