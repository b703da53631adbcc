"""HTTP API for institution staff: their follow-up reports, status changes, and thresholded company counts.

The web app mounts the router from :func:`create_router`; authentication is
passed in as a FastAPI dependency that turns the bearer token into the
institution code, so this module does not depend on how tokens are stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from typing import Callable, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from internships import reports
from internships.api import RowId
from internships.reports.settings import reporter_secret

__all__ = ["create_router"]

StatusLiteral = Literal["nieuw", "in behandeling", "doorverwezen", "afgesloten"]


class HistoryItem(BaseModel):
    status: StatusLiteral
    changed_at: str = Field(description="Datum (YYYY-MM-DD) of tijdstip (UTC) van de wijziging")
    changed_by: str
    note: Optional[str] = None


class FollowUpReport(BaseModel):
    id: int = Field(description="Nummer van de melding (de code van de student zie je niet)")
    status: StatusLiteral
    created_on: str
    status_changed_on: str
    what_happened: Optional[str] = None
    incident_date: Optional[str] = Field(None, description="YYYY-MM-DD, of YYYY-MM als alleen de maand bekend is")
    incident_date_precision: Optional[Literal["day", "week", "month"]] = None
    leerbedrijf_id: Optional[int] = None
    company_name: Optional[str] = None
    role: Optional[Literal["self", "witness"]] = None
    ground: Optional[str] = Field(None, description="Alleen ingevuld als de student toestemming gaf")
    ground_label: Optional[str] = None
    ground_consent_on: Optional[str] = Field(None, description="Dag waarop de student toestemming gaf")
    institution_code: str
    conversation_ref: Optional[str] = Field(
        None, description="Kenmerk van het gesprek: gelijk bij meldingen uit hetzelfde gesprek. "
        "Het geeft geen toegang tot het gesprek (het gesprek-id zelf blijft geheim)."
    )
    contact_route: Optional[str] = None
    contact_details: Optional[str] = None
    history: list[HistoryItem]


class StatusUpdate(BaseModel):
    status: StatusLiteral
    note: Optional[str] = Field(None, max_length=2000)
    by: Optional[str] = Field(None, max_length=200, description="Naam of rol van wie de status verandert")


class CompanyCount(BaseModel):
    leerbedrijf_id: Optional[int] = None
    company: Optional[str] = None
    count: int


class CompanyCounts(BaseModel):
    threshold: int = Field(
        description="Bedrijven met minder meldingen dan dit worden niet getoond. Alleen anonieme meldingen tellen, "
        "en één per gesprek"
    )
    scope: Literal["own", "all"]
    companies: list[CompanyCount]


def _for_staff(rows: list[dict]) -> list[dict]:
    # The conversation id opens the student's chat; staff get a keyed hash of it instead (issue 14, item 5).
    for row in rows:
        conversation = row.pop("conversation_id", None)
        row["conversation_ref"] = hmac.new(
            reporter_secret(), f"conversation-ref\0{conversation}".encode("utf-8"), hashlib.sha256
        ).hexdigest()[:16] if conversation else None
    return rows


def create_router(
    connect: Callable[[], object],
    authenticate_institution: Callable,
    *,
    close: bool = True,
    prefix: str = "/reports",
) -> APIRouter:
    """Build the router. ``connect()`` returns a ``sqlite_utils.Database``; with ``close`` it is closed after each request.

    ``authenticate_institution`` is a FastAPI dependency returning the
    caller's institution code (or raising 401 itself).
    """
    router = APIRouter(prefix=prefix, tags=["meldingen stagediscriminatie"])

    # The connection is opened inside the endpoint, not in a dependency:
    # FastAPI may run sync dependencies and endpoints on different threads,
    # and sqlite3 connections refuse to cross threads.
    @contextlib.contextmanager
    def database():
        db = connect()
        try:
            yield db
        finally:
            if close:
                db.close()

    @router.get("/follow-up", response_model=list[FollowUpReport], summary="Meldingen met opvolging van jouw instelling")
    def list_follow_up(
        status: Optional[StatusLiteral] = None,
        institution: str = Depends(authenticate_institution),
    ):
        with database() as db:
            return _for_staff(reports.follow_up_reports(db, institution, status=status))

    @router.patch(
        "/{report_id}/status",
        response_model=FollowUpReport,
        summary="Zet de status van een melding van jouw instelling",
        responses={404: {"description": "Melding bestaat niet of hoort niet bij jouw instelling"}},
    )
    def update_status(
        report_id: RowId,
        update: StatusUpdate,
        institution: str = Depends(authenticate_institution),
    ):
        by = f"{institution}: {update.by.strip()}" if update.by and update.by.strip() else institution
        with database() as db:
            try:
                reports.set_status_by_id(db, report_id, update.status, by, update.note, institution=institution)
            except reports.UnknownReportCode as error:
                raise HTTPException(status_code=404, detail=str(error)) from None
            except reports.ReportNotSaved as error:
                raise HTTPException(status_code=503, detail=str(error)) from None
            return next(r for r in _for_staff(reports.follow_up_reports(db, institution)) if r["id"] == report_id)

    @router.get("/company-counts", response_model=CompanyCounts, summary="Aantal meldingen per bedrijf (vanaf de drempel)")
    def counts(
        scope: Literal["own", "all"] = Query("own", description="own: meldingen van jouw instelling; all: alle meldingen"),
        institution: str = Depends(authenticate_institution),
    ):
        # The threshold comes only from configuration: staff cannot lower it.
        threshold = reports.report_threshold()
        with database() as db:
            if scope == "own":
                rows = reports.company_counts(db, institution=institution, threshold=threshold)
            else:  # every institution's reports, but no company where "all minus own" falls below the threshold
                rows = reports.company_counts(db, threshold=threshold, viewer=institution)
        return {"threshold": threshold, "scope": scope, "companies": rows}

    return router
