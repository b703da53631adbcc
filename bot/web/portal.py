"""Server-rendered portal: login, counsellor summaries and hand-off queue, institution pages.

Security rules kept in one place: every page needs a session from `/portaal/login`;
every POST form carries the session's CSRF token; a counsellor only ever reads rows
whose school is their own; institution staff only their own institution's listings and
reports. Templates autoescape everything (student and institution text included).
"""
from __future__ import annotations

import contextlib
import secrets
from datetime import date
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional

import httpx
import sqlite_utils
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot import appdb
from bot.web import accounts, summaries

__all__ = ["create_router", "templates"]

HERE = Path(__file__).resolve().parent
REPORT_STATUSES = ("nieuw", "in behandeling", "doorverwezen", "afgesloten")

templates = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(enabled_extensions=("html",), default=True),
)
templates.globals.update(
    KIND_LABELS=summaries.KIND_LABELS, TOPIC_LABELS=summaries.TOPIC_LABELS,
    HANDOFF_STATUSES=summaries.HANDOFF_STATUSES, REPORT_STATUSES=REPORT_STATUSES,
)


class LoginRequired(Exception):
    """No valid portal session: the handler redirects to the login page."""


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("account", getattr(request.state, "account", None))
    context["csrf"] = csrf_token(request)
    context["request"] = request
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status_code)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, token: str) -> None:
    expected = request.session.get("csrf")
    if not expected or not secrets.compare_digest(expected, token or ""):
        raise HTTPException(status_code=403, detail="Het formulier is verlopen. Laad de pagina opnieuw.")


def _valid_day(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def create_router(
    connect: Callable[[], sqlite_utils.Database],
    rasa_url: Callable[[], str],
    rasa_token: Callable[[], str],
) -> APIRouter:
    """Routes under /portaal. `connect` returns a new Database per request."""
    router = APIRouter(prefix="/portaal", include_in_schema=False)

    @contextlib.contextmanager
    def database() -> Iterator[sqlite_utils.Database]:
        db = connect()
        try:
            appdb.ensure_schema(db)
            accounts.ensure_schema(db)
            yield db
        finally:
            db.close()

    def current(request: Request, role: Optional[str] = None) -> accounts.Account:
        account_id = request.session.get("account")
        if not account_id:
            raise LoginRequired()
        with database() as db:
            account = accounts.account_by_id(db, account_id)
        if account is None:
            request.session.clear()
            raise LoginRequired()
        if role and account.role != role:
            raise HTTPException(status_code=403, detail="Deze pagina is niet voor jouw rol.")
        request.state.account = account
        return account

    # ---- login ---------------------------------------------------------------------------
    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request):
        return render(request, "login.html")

    @router.post("/login")
    def login(request: Request, email: str = Form(""), password: str = Form(""),
              csrf: str = Form("")):
        check_csrf(request, csrf)
        with database() as db:
            try:
                account = accounts.authenticate(db, email, password)
            except accounts.LockedOut as error:
                return render(request, "login.html", 429, error=str(error), email=email)
        if account is None:
            return render(request, "login.html", 401, email=email,
                          error="E-mailadres of wachtwoord klopt niet.")
        request.session.clear()  # a fresh session (and CSRF token) after login
        request.session["account"] = account.id
        csrf_token(request)
        return RedirectResponse("/portaal", status_code=303)

    @router.post("/logout")
    def logout(request: Request, csrf: str = Form("")):
        check_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse("/portaal/login", status_code=303)

    @router.get("")
    def home(request: Request):
        account = current(request)
        target = "/portaal/gesprekken" if account.role == "counsellor" else "/portaal/instelling"
        return RedirectResponse(target, status_code=303)

    # ---- counsellor ----------------------------------------------------------------------
    def _filters(request: Request) -> Dict[str, Any]:
        q = request.query_params
        topic = q.get("onderwerp") or None
        return {
            "since": _valid_day(q.get("van")),
            "until": _valid_day(q.get("tot")),
            "topic": topic if topic in summaries.TOPIC_LABELS else None,
            "open_handoffs": q.get("open") == "1",
        }

    @router.get("/gesprekken", response_class=HTMLResponse)
    def conversations(request: Request):
        account = current(request, "counsellor")
        filters = _filters(request)
        with database() as db:
            rows = summaries.shared_summaries(db, account.school, **filters)
        query = request.url.query
        return render(request, "conversations.html", rows=rows, filters=filters,
                      csv_url="/portaal/gesprekken.csv" + (f"?{query}" if query else ""))

    @router.get("/gesprekken.csv")
    def conversations_csv(request: Request):
        account = current(request, "counsellor")
        with database() as db:
            rows = summaries.shared_summaries(db, account.school, **_filters(request))
        return Response(
            summaries.summaries_csv(rows), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="kansrijk-samenvattingen.csv"'},
        )

    @router.get("/gesprekken/{conversation_id}", response_class=HTMLResponse)
    def conversation(request: Request, conversation_id: str):
        account = current(request, "counsellor")
        with database() as db:
            summary = summaries.summary_for(db, account.school, conversation_id)
        if summary is None:
            # Same answer for "not shared" and "another school's": nothing to probe.
            return render(request, "error.html", 404, message="Dit gesprek is niet met jouw school gedeeld.")
        transcript, transcript_error = [], None
        try:
            response = httpx.get(
                f"{rasa_url().rstrip('/')}/conversations/{conversation_id}/tracker",
                params={"token": rasa_token()}, timeout=10,
            )
            response.raise_for_status()
            transcript = summaries.transcript_from_tracker(response.json())
        except (httpx.HTTPError, ValueError):
            transcript_error = "Het volledige gesprek is nu niet te laden. Probeer het later opnieuw."
        return render(request, "conversation.html", summary=summary, transcript=transcript,
                      transcript_error=transcript_error)

    @router.get("/overdrachten", response_class=HTMLResponse)
    def handoffs(request: Request):
        account = current(request, "counsellor")
        status = request.query_params.get("status") or None
        with database() as db:
            where, params = "school = ?", [account.school]
            if status in summaries.HANDOFF_STATUSES:
                where += " and status = ?"
                params.append(status)
            rows = list(db["handoffs"].rows_where(where, params, order_by="created_at desc"))
            shared = {r["conversation_id"] for r in db.query(
                "select conversation_id from shares where school = ?", [account.school])}
        return render(request, "handoffs.html", rows=rows, status=status, shared=shared)

    @router.post("/overdrachten/{handoff_id}")
    def set_handoff_status(request: Request, handoff_id: int, status: str = Form(...),
                           csrf: str = Form("")):
        check_csrf(request, csrf)
        account = current(request, "counsellor")
        if status not in summaries.HANDOFF_STATUSES:
            raise HTTPException(status_code=400, detail="Kies open, opgepakt of klaar.")
        with database() as db:
            cursor = db.execute(
                "update handoffs set status = ?, updated_at = ? where id = ? and school = ?",
                [status, summaries.now_iso(), handoff_id, account.school],
            )
            db.conn.commit()
        if cursor.rowcount == 0:
            raise HTTPException(status_code=404, detail="Deze aanvraag hoort niet bij jouw school.")
        return RedirectResponse("/portaal/overdrachten", status_code=303)

    # ---- institution staff -----------------------------------------------------------------
    def institution_context(db, account: accounts.Account) -> Dict[str, Any]:
        from internships import UnknownInstitution, get_institution, reports

        try:
            institution = get_institution(db, account.school)
        except UnknownInstitution:
            return {"institution": None}
        listings = list(db.query(
            "SELECT l.id, l.external_id, l.title, l.crebo, l.leerweg, l.place, l.start_date,"
            " l.status, b.name AS company FROM listings l"
            " JOIN leerbedrijven b ON b.id = l.leerbedrijf_id"
            " WHERE l.institution_id = ? ORDER BY l.updated_at DESC, l.id DESC LIMIT 200",
            [institution.id],
        ))
        total = db.execute("SELECT count(*) FROM listings WHERE institution_id = ?",
                           [institution.id]).fetchone()[0]
        threshold = reports.report_threshold()
        return {
            "institution": institution,
            "listings": listings,
            "total": total,
            "follow_up": reports.follow_up_reports(db, institution.code),
            "counts": reports.company_counts(db, institution=institution.code, threshold=threshold),
            "threshold": threshold,
        }

    @router.get("/instelling", response_class=HTMLResponse)
    def institution_home(request: Request):
        account = current(request, "institution")
        with database() as db:
            context = institution_context(db, account)
        return render(request, "institution.html", form={}, errors=[], **context)

    LISTING_FIELDS = ("external_id", "title", "company", "crebo", "leerweg", "postcode",
                      "start_date", "erkend", "description", "apply_url", "contact_email")

    @router.post("/instelling/vacatures")
    async def add_listing(request: Request):
        form_data = await request.form()
        check_csrf(request, str(form_data.get("csrf", "")))
        account = current(request, "institution")
        raw = {name: str(form_data.get(name, "")).strip() for name in LISTING_FIELDS}
        if not raw["external_id"]:
            raw["external_id"] = "portaal-" + secrets.token_hex(4)
        from internships import get_institution
        from internships.catalogue import load_catalogue
        from internships.register import apply_listings
        from internships.validate import validate_listing

        with database() as db:
            institution = get_institution(db, account.school)
            clean, errors = validate_listing(raw, catalogue=load_catalogue())
            messages = [f"{e.field}: {e.message}" if e.field else e.message for e in errors]
            if clean is not None and db.execute(
                "SELECT 1 FROM listings WHERE institution_id = ? AND external_id = ?",
                [institution.id, clean["external_id"]],
            ).fetchone():
                messages.append(f"external_id: {clean['external_id']} bestaat al bij jouw instelling")
            if messages:
                context = institution_context(db, account)
                return render(request, "institution.html", 422, form=raw, errors=messages, **context)
            apply_listings(db, institution, [clean], actor=f"portaal:{account.email}")
        return RedirectResponse("/portaal/instelling?toegevoegd=1", status_code=303)

    @router.post("/instelling/vacatures/{listing_id}/verlopen")
    def expire(request: Request, listing_id: int, csrf: str = Form("")):
        check_csrf(request, csrf)
        account = current(request, "institution")
        from internships import ListingNotFound, expire_listing, get_institution

        with database() as db:
            try:
                expire_listing(db, get_institution(db, account.school), listing_id,
                               actor=f"portaal:{account.email}")
            except ListingNotFound as error:
                raise HTTPException(status_code=404, detail=error.message) from None
        return RedirectResponse("/portaal/instelling", status_code=303)

    @router.post("/instelling/meldingen/{report_id}")
    def report_status(request: Request, report_id: int, status: str = Form(...),
                      note: str = Form(""), csrf: str = Form("")):
        check_csrf(request, csrf)
        account = current(request, "institution")
        from internships import reports

        if status not in REPORT_STATUSES:
            raise HTTPException(status_code=400, detail="Onbekende status.")
        with database() as db:
            try:
                reports.set_status_by_id(db, report_id, status, f"{account.school}: {account.email}",
                                         note.strip()[:2000] or None, institution=account.school)
            except reports.UnknownReportCode as error:
                raise HTTPException(status_code=404, detail=str(error)) from None
        return RedirectResponse("/portaal/instelling#meldingen", status_code=303)

    return router
