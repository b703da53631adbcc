"""Portal sessions: login and logout, the CSRF check, and the role check that every page depends on.

A page declares who may see it with ``account = Depends(require_role(db, "counsellor"))``
(or several roles: ``require_role(db, "counsellor", "researcher")``); a POST route declares
``dependencies=[Depends(csrf_protected)]``, which FastAPI runs
before the role check, so a forged form is refused before anything else happens.

The signed cookie carries the CSRF token and a random session id; whether that id still
opens a session is decided by ``bot.accounts`` on every request (logout, a new password or
a removed account end it at once). Logins are throttled per client IP: the socket's peer,
or, only when that peer is listed in ``KANSRIJK_TRUSTED_PROXIES``, the last address in
X-Forwarded-For that is not a trusted proxy.
"""
from __future__ import annotations

import ipaddress
import math
import os
import secrets
from datetime import datetime, timezone
from typing import Callable, Iterator, Optional, Sequence

import sqlite_utils
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot import accounts
from bot.web.portal.pages import csrf_token, render

__all__ = [
    "LoginRequired", "Database", "database", "check_csrf", "csrf_protected", "require_role",
    "START_PAGES", "create_router", "trusted_proxies", "client_ip",
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


Networks = Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]


def trusted_proxies(value: Optional[str] = None) -> Networks:
    """The proxies whose X-Forwarded-For counts: ``KANSRIJK_TRUSTED_PROXIES``, addresses or networks (default: none)."""
    if value is None:
        value = os.environ.get("KANSRIJK_TRUSTED_PROXIES", "")
    networks = []
    for part in value.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(
                f"KANSRIJK_TRUSTED_PROXIES: '{part}' is geen IP-adres of netwerk (zoals 10.0.0.0/8)."
            ) from None
    return networks


def _trusted(address: str, proxies: Networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_ip(request: Request, proxies: Networks = ()) -> str:
    """The address that login throttling counts: the socket's peer, unless that is a trusted proxy."""
    peer = request.client.host if request.client else ""
    if not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for header in request.headers.getlist("x-forwarded-for") for hop in header.split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _trusted(hop, proxies):
            return hop  # the nearest address that no trusted proxy vouches for beyond
    return peer


def require_role(db: Database, *roles: str) -> Callable[..., accounts.Account]:
    """A dependency that returns the logged-in Account.

    Raises LoginRequired without a valid session, and 403 when `roles` are given and the
    account has none of them.
    """

    def current_account(request: Request, connection: sqlite_utils.Database = Depends(db)) -> accounts.Account:
        token = request.session.get("sid")
        if not token:
            raise LoginRequired()
        account = accounts.session_account(connection, token)
        if account is None:  # ended, expired or unknown: the cookie is worth nothing now
            request.session.clear()
            raise LoginRequired()
        if roles and account.role not in roles:
            raise HTTPException(status_code=403, detail="Deze pagina is niet voor jouw rol.")
        request.state.account = account
        return account

    return current_account


def create_router(db: Database, proxies: Optional[Networks] = None) -> APIRouter:
    """``/portaal/login``, ``/portaal/logout`` and ``/portaal`` (which sends each role to its start page).

    `proxies` defaults to ``KANSRIJK_TRUSTED_PROXIES``.
    """
    router = APIRouter(prefix="/portaal", include_in_schema=False)
    logged_in = require_role(db)
    proxies = trusted_proxies() if proxies is None else proxies

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request):
        return render(request, "login.html")

    @router.post("/login", dependencies=[Depends(csrf_protected)])
    def login(request: Request, email: str = Form(""), password: str = Form(""),
              connection: sqlite_utils.Database = Depends(db)):
        try:
            account = accounts.authenticate(connection, email, password, ip=client_ip(request, proxies))
        except accounts.LockedOut as error:
            response = render(request, "login.html", 429, error=str(error), email=email)
            seconds = (error.until - datetime.now(timezone.utc)).total_seconds()
            response.headers["Retry-After"] = str(max(1, math.ceil(seconds)))
            return response
        if account is None:
            return render(request, "login.html", 401, email=email,
                          error="E-mailadres of wachtwoord klopt niet.")
        accounts.end_session(connection, request.session.get("sid"))  # a login replaces the old session
        request.session.clear()  # a fresh session id (and CSRF token) after login
        request.session["sid"] = accounts.start_session(connection, account)
        csrf_token(request)
        return RedirectResponse("/portaal", status_code=303)

    @router.post("/logout", dependencies=[Depends(csrf_protected)])
    def logout(request: Request, connection: sqlite_utils.Database = Depends(db)):
        accounts.end_session(connection, request.session.get("sid"))
        request.session.clear()
        return RedirectResponse("/portaal/login", status_code=303)

    @router.get("")
    def home(account: accounts.Account = Depends(logged_in)):
        return RedirectResponse(START_PAGES.get(account.role, "/portaal/instelling"), status_code=303)

    return router
