"""Portal sessions: login and logout, the CSRF check, and the role check that every page depends on.

A page declares who may see it with ``account = Depends(require_role(db, "counsellor"))``
(or several roles: ``require_role(db, "counsellor", "researcher")``); a POST route declares
``dependencies=[Depends(csrf_protected)]``, which FastAPI runs
before the role check, so a forged form is refused before anything else happens.
"""
from __future__ import annotations

import secrets
from typing import Callable, Iterator

import sqlite_utils
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot import accounts
from bot.web.portal.pages import csrf_token, render

__all__ = [
    "LoginRequired", "Database", "database", "check_csrf", "csrf_protected", "require_role",
    "START_PAGES", "create_router",
]

# Where `/portaal` sends each role.
START_PAGES = {
    "counsellor": "/portaal/gesprekken",
    "institution": "/portaal/instelling",
    "researcher": "/portaal/onderzoek",
}

# A FastAPI dependency that yields one database connection per request.
Database = Callable[[], Iterator[sqlite_utils.Database]]


class LoginRequired(Exception):
    """No valid portal session: the app redirects to the login page."""


def database(connect: Callable[[], sqlite_utils.Database]) -> Database:
    """A dependency around `connect`: a new connection per request, closed when the request is done.

    FastAPI caches it per request, so the role check and the page share one connection.
    """

    def db() -> Iterator[sqlite_utils.Database]:
        connection = connect()
        try:
            yield connection
        finally:
            connection.close()

    return db


def check_csrf(request: Request, token: str) -> None:
    """403 unless `token` is the session's CSRF token."""
    expected = request.session.get("csrf")
    if not expected or not secrets.compare_digest(expected, token or ""):
        raise HTTPException(status_code=403, detail="Het formulier is verlopen. Laad de pagina opnieuw.")


def csrf_protected(request: Request, csrf: str = Form("")) -> None:
    """A dependency for POST forms: the ``csrf`` field must carry the session's token."""
    check_csrf(request, csrf)


def require_role(db: Database, *roles: str) -> Callable[..., accounts.Account]:
    """A dependency that returns the logged-in Account.

    Raises LoginRequired without a valid session, and 403 when `roles` are given and the
    account has none of them.
    """

    def current_account(request: Request, connection: sqlite_utils.Database = Depends(db)) -> accounts.Account:
        account_id = request.session.get("account")
        if not account_id:
            raise LoginRequired()
        account = accounts.account_by_id(connection, account_id)
        if account is None:
            request.session.clear()
            raise LoginRequired()
        if roles and account.role not in roles:
            raise HTTPException(status_code=403, detail="Deze pagina is niet voor jouw rol.")
        request.state.account = account
        return account

    return current_account


def create_router(db: Database) -> APIRouter:
    """``/portaal/login``, ``/portaal/logout`` and ``/portaal`` (which sends each role to its start page)."""
    router = APIRouter(prefix="/portaal", include_in_schema=False)
    logged_in = require_role(db)

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request):
        return render(request, "login.html")

    @router.post("/login", dependencies=[Depends(csrf_protected)])
    def login(request: Request, email: str = Form(""), password: str = Form(""),
              connection: sqlite_utils.Database = Depends(db)):
        try:
            account = accounts.authenticate(connection, email, password)
        except accounts.LockedOut as error:
            return render(request, "login.html", 429, error=str(error), email=email)
        if account is None:
            return render(request, "login.html", 401, email=email,
                          error="E-mailadres of wachtwoord klopt niet.")
        request.session.clear()  # a fresh session (and CSRF token) after login
        request.session["account"] = account.id
        csrf_token(request)
        return RedirectResponse("/portaal", status_code=303)

    @router.post("/logout", dependencies=[Depends(csrf_protected)])
    def logout(request: Request):
        request.session.clear()
        return RedirectResponse("/portaal/login", status_code=303)

    @router.get("")
    def home(account: accounts.Account = Depends(logged_in)):
        return RedirectResponse(START_PAGES.get(account.role, "/portaal/instelling"), status_code=303)

    return router
