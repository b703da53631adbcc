"""Render the portal's templates: autoescaped, with the session's CSRF token in every page."""
from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.web import summaries

__all__ = ["REPORT_STATUSES", "templates", "render", "csrf_token"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
REPORT_STATUSES = ("nieuw", "in behandeling", "doorverwezen", "afgesloten")

templates = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(enabled_extensions=("html",), default=True),
)
templates.globals.update(
    KIND_LABELS=summaries.KIND_LABELS, TOPIC_LABELS=summaries.TOPIC_LABELS,
    HANDOFF_STATUSES=summaries.HANDOFF_STATUSES, REPORT_STATUSES=REPORT_STATUSES,
)


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use); every form posts it back."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Template `name` with the logged-in account (if any), the CSRF token and `context`."""
    context.setdefault("account", getattr(request.state, "account", None))
    context["csrf"] = csrf_token(request)
    context["request"] = request
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status_code)
