"""Server-rendered portal: login, counsellor summaries and hand-off queue, institution pages, research.

Security rules kept in one place: every page needs a session from `/portaal/login`
(``auth.require_role``); every POST form carries the session's CSRF token
(``auth.csrf_protected``); a counsellor only ever reads rows whose school is their own
(``counsellor``); institution staff only their own institution's listings and reports
(``institution``); researchers and counsellors read only their school's experiments and
its overview, in aggregates with small numbers hidden (``research``, ``overview``). Templates autoescape everything, student and institution text included
(``pages``). The pages read and write the app database only through the tables' owners
(``bot.facts``, ``bot.accounts``, ``bot.experiments``, ``internships.register``,
``internships.reports``).
"""
from __future__ import annotations

from typing import Callable

import sqlite_utils
from fastapi import APIRouter

from bot.web.portal import auth, counsellor, institution, overview, research
from bot.web.portal.auth import LoginRequired
from bot.web.portal.pages import render, templates

__all__ = ["create_router", "templates", "render", "LoginRequired"]


def create_router(
    connect: Callable[[], sqlite_utils.Database],
    rasa_url: Callable[[], str],
    rasa_token: Callable[[str], str],
) -> APIRouter:
    """Routes under /portaal. `connect` returns a new Database; each request gets its own."""
    db = auth.database(connect)
    router = APIRouter(include_in_schema=False)
    router.include_router(auth.create_router(db))
    router.include_router(counsellor.create_router(db, rasa_url, rasa_token))
    router.include_router(institution.create_router(db))
    router.include_router(research.create_router(db))
    router.include_router(overview.create_router(db))
    return router
