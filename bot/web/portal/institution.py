"""The institution staff's pages: their listings (add, expire), follow-up reports and company counts.

Staff only ever see and change their own institution's listings and reports.
"""
from __future__ import annotations

import secrets
from typing import Any, Dict

import sqlite_utils
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot import accounts
from bot.web.portal.auth import Database, csrf_protected, require_role
from bot.web.portal.pages import REPORT_STATUSES, render

__all__ = ["create_router", "LISTINGS_SHOWN"]

LISTINGS_SHOWN = 200  # the most recently changed; the page says how many there are in all
LISTING_FIELDS = ("external_id", "title", "company", "crebo", "leerweg", "postcode",
                  "start_date", "erkend", "description", "apply_url", "contact_email")


def _institution_context(db: sqlite_utils.Database, account: accounts.Account) -> Dict[str, Any]:
    """What institution.html shows: the institution, its listings, follow-up reports and counts."""
    from internships import UnknownInstitution, register, reports

    try:
        institution = register.get_institution(db, account.school)
    except UnknownInstitution:
        return {"institution": None}
    threshold = reports.report_threshold()
    return {
        "institution": institution,
        "listings": register.listings_page(db, institution, limit=LISTINGS_SHOWN, newest_first=True),
        "total": register.listing_count(db, institution),
        "follow_up": reports.follow_up_reports(db, institution.code),
        "counts": reports.company_counts(db, institution=institution.code, threshold=threshold),
        "threshold": threshold,
    }


def create_router(db: Database) -> APIRouter:
    """Routes under /portaal/instelling for the institution role."""
    router = APIRouter(prefix="/portaal", include_in_schema=False)
    staff = require_role(db, "institution")

    @router.get("/instelling", response_class=HTMLResponse)
    def institution_home(request: Request, account: accounts.Account = Depends(staff),
                         connection: sqlite_utils.Database = Depends(db)):
        return render(request, "institution.html", form={}, errors=[], **_institution_context(connection, account))

    @router.post("/instelling/vacatures", dependencies=[Depends(csrf_protected)])
    async def add_listing(request: Request, account: accounts.Account = Depends(staff),
                          connection: sqlite_utils.Database = Depends(db)):
        from internships import register
        from internships.catalogue import load_catalogue
        from internships.validate import validate_listing

        form_data = await request.form()
        raw = {name: str(form_data.get(name, "")).strip() for name in LISTING_FIELDS}
        if not raw["external_id"]:
            raw["external_id"] = "portaal-" + secrets.token_hex(4)
        institution = register.get_institution(connection, account.school)
        clean, errors = validate_listing(raw, catalogue=load_catalogue())
        messages = [f"{e.field}: {e.message}" if e.field else e.message for e in errors]
        if clean is not None and register.external_id_taken(connection, institution, clean["external_id"]) is not None:
            messages.append(f"external_id: {clean['external_id']} bestaat al bij jouw instelling")
        if messages:
            context = _institution_context(connection, account)
            return render(request, "institution.html", 422, form=raw, errors=messages, **context)
        register.apply_listings(connection, institution, [clean], actor=f"portaal:{account.email}")
        return RedirectResponse("/portaal/instelling?toegevoegd=1", status_code=303)

    @router.post("/instelling/vacatures/{listing_id}/verlopen", dependencies=[Depends(csrf_protected)])
    def expire(listing_id: int, account: accounts.Account = Depends(staff),
               connection: sqlite_utils.Database = Depends(db)):
        from internships import ListingNotFound, expire_listing, get_institution

        try:
            expire_listing(connection, get_institution(connection, account.school), listing_id,
                           actor=f"portaal:{account.email}")
        except ListingNotFound as error:
            raise HTTPException(status_code=404, detail=error.message) from None
        return RedirectResponse("/portaal/instelling", status_code=303)

    @router.post("/instelling/meldingen/{report_id}", dependencies=[Depends(csrf_protected)])
    def report_status(report_id: int, status: str = Form(...), note: str = Form(""),
                      account: accounts.Account = Depends(staff),
                      connection: sqlite_utils.Database = Depends(db)):
        from internships import reports

        if status not in REPORT_STATUSES:
            raise HTTPException(status_code=400, detail="Onbekende status.")
        try:
            reports.set_status_by_id(connection, report_id, status, f"{account.school}: {account.email}",
                                     note.strip()[:2000] or None, institution=account.school)
        except reports.UnknownReportCode as error:
            raise HTTPException(status_code=404, detail=str(error)) from None
        return RedirectResponse("/portaal/instelling#meldingen", status_code=303)

    return router
