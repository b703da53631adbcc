"""HTTP API for institutions: create, update, list and expire their own listings.

Mount with ``app.include_router(create_router(connect))``. Every request calls
``connect()`` once, uses the Database in one thread, and closes it afterwards, so
``connect`` must return a new Database each time (``internships.db.connect`` does).
The rate limit is kept in this process's memory: with several web replicas each
replica counts on its own.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Annotated, Any, Callable, Literal

import sqlite_utils
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from .catalogue import load_catalogue
from .errors import (
    ExternalIdTaken,
    InternshipsError,
    InvalidListing,
    InvalidToken,
    ListingNotFound,
    RateLimited,
    RowError,
)
from .register import (
    Institution,
    apply_listings,
    expire_listing,
    external_id_taken,
    get_listing,
    institution_for_token,
    listing_count,
    listings_page,
)
from .validate import REQUIRED_FIELDS, validate_listing

# SQLite integers are 64-bit: a larger id or offset would raise OverflowError (a 500)
# instead of being refused as invalid input.
MAX_ROW_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]

__all__ = ["create_router", "RateLimiter"]

DEFAULT_RATE_LIMIT_PER_MINUTE = 120


class RateLimiter:
    """Token bucket per API token: ``per_minute`` requests, refilled continuously."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = max(1, int(per_minute))
        self.clock = clock
        self._buckets: dict[Any, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: Any) -> None:
        rate = self.per_minute / 60.0
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                retry = max(1, int((1 - tokens) / rate + 0.999))
                raise RateLimited(
                    f"Te veel verzoeken met deze sleutel. Wacht {retry} seconden en probeer het opnieuw.",
                    retry_after=retry,
                )
            self._buckets[key] = (tokens - 1, now)


_FIELD_DOCS = {
    "external_id": "Your own id for this listing; unique within your institution.",
    "title": "Short title, e.g. 'Stage pedagogisch medewerker'.",
    "company": "Name of the leerbedrijf.",
    "crebo": "5-digit crebo code of the programme.",
    "leerweg": "bol or bbl.",
    "postcode": "Dutch postcode of the workplace, '1234 AB'.",
    "start_date": "YYYY-MM-DD.",
    "erkend": "The company's recognition for this crebo as you know it: ja/nee (true/false).",
    "leerbedrijf_id": "SBB leerbedrijf id, if known.",
    "kvk": "8-digit KvK number, if known.",
    "place": "Place name; derived from the postcode when empty.",
    "niveau": "1-4; taken from the catalogue when empty.",
    "description": "Longer description.",
    "days_per_week": "0.5 to 5.",
    "allowance": "Stagevergoeding in euro per month.",
    "features": "List (or ';'-separated) such as 'begeleiding op maat', 'fysiek toegankelijk'.",
    "inclusive": "Inclusive-recruitment signals: name_blind, structured_interview, diversity_policy, trained_selectors.",
    "status": "open or filled (use the expire endpoint to expire).",
    "apply_url": "https:// link to apply.",
    "contact_email": "Where students apply or ask questions.",
}


def _f(name: str):
    return Field(default=None, description=_FIELD_DOCS[name])


class ListingPatch(BaseModel):
    """Fields to change; fields you leave out keep their value."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = _f("title")
    company: str | None = _f("company")
    crebo: str | int | None = _f("crebo")
    leerweg: str | None = _f("leerweg")
    postcode: str | None = _f("postcode")
    start_date: str | None = _f("start_date")
    erkend: bool | str | None = _f("erkend")
    leerbedrijf_id: str | int | None = _f("leerbedrijf_id")
    kvk: str | int | None = _f("kvk")
    place: str | None = _f("place")
    niveau: int | str | None = _f("niveau")
    description: str | None = _f("description")
    days_per_week: float | str | None = _f("days_per_week")
    allowance: float | str | None = _f("allowance")
    features: list[str] | str | None = _f("features")
    inclusive: list[str] | str | None = _f("inclusive")
    status: str | None = _f("status")
    apply_url: str | None = _f("apply_url")
    contact_email: str | None = _f("contact_email")


class ListingIn(ListingPatch):
    """A new listing. Required: external_id, title, company, crebo, leerweg, postcode, start_date."""

    # Required fields are checked by our own validator so the errors come back in Dutch
    # with the field name; the schema still marks them required.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"required": list(REQUIRED_FIELDS)})
    external_id: str | int | None = _f("external_id")


class ListingOut(BaseModel):
    id: int
    external_id: str
    title: str
    description: str | None
    company: str
    leerbedrijf_id: str | None
    kvk: str | None
    crebo: str
    niveau: int | None
    leerweg: Literal["bol", "bbl"]
    postcode: str
    place: str
    start_date: str
    days_per_week: float | None
    allowance: float | None
    features: list[str]
    inclusive: list[str]
    apply_url: str | None
    contact_email: str | None
    status: Literal["open", "filled", "expired"]
    created_at: str
    updated_at: str


class ListingPage(BaseModel):
    items: list[ListingOut]
    total: int
    limit: int
    offset: int


class ErrorOut(BaseModel):
    detail: str = Field(description="What went wrong and how to fix it, in Dutch.")


class FieldError(BaseModel):
    field: str | None
    message: str


class ValidationErrorOut(BaseModel):
    detail: str
    errors: list[FieldError]


_AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing, unknown or revoked token."},
    429: {"model": ErrorOut, "description": "Rate limit reached; see Retry-After."},
}
_NOT_FOUND = {404: {"model": ErrorOut, "description": "No listing with this id at your institution."}}
_INVALID = {422: {"model": ValidationErrorOut, "description": "Fields with wrong values, in Dutch."}}


def _to_out(row: dict) -> ListingOut:
    return ListingOut(
        id=row["id"], external_id=row["external_id"], title=row["title"],
        description=row["description"], company=row["company"],
        leerbedrijf_id=row.get("sbb_id"), kvk=row.get("kvk"), crebo=row["crebo"],
        niveau=row["niveau"], leerweg=row["leerweg"], postcode=row["postcode"],
        place=row["place"], start_date=row["start_date"], days_per_week=row["days_per_week"],
        allowance=row["allowance"], features=json.loads(row["features"] or "[]"),
        inclusive=json.loads(row["inclusive_signals"] or "[]"), apply_url=row["apply_url"],
        contact_email=row["contact_email"], status=row["status"],
        created_at=row["created_at"], updated_at=row["updated_at"],
    )


def _as_input(row: dict) -> dict:
    """A stored listing in the shape of an API body, to overlay a patch on."""
    return {
        "external_id": row["external_id"], "title": row["title"], "company": row["company"],
        "crebo": row["crebo"], "leerweg": row["leerweg"], "postcode": row["postcode"],
        "start_date": row["start_date"], "leerbedrijf_id": row.get("sbb_id"),
        "kvk": row.get("kvk"), "place": row["place"], "niveau": row["niveau"],
        "description": row["description"], "days_per_week": row["days_per_week"],
        "allowance": row["allowance"], "features": json.loads(row["features"] or "[]"),
        "inclusive": json.loads(row["inclusive_signals"] or "[]"),
        "status": None if row["status"] == "expired" else row["status"],
        "apply_url": row["apply_url"], "contact_email": row["contact_email"],
    }


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": message}, headers=headers)


def _invalid(errors: list[RowError]) -> JSONResponse:
    return JSONResponse(
        status_code=422,
        content={
            "detail": "Niet alle velden zijn goed. Verbeter ze en probeer het opnieuw.",
            "errors": [{"field": e.field, "message": e.message} for e in errors],
        },
    )


def create_router(
    connect: Callable[[], sqlite_utils.Database],
    *,
    rate_limit_per_minute: int | None = None,
    clock: Callable[[], float] = time.monotonic,
    catalogue: Any = None,
) -> APIRouter:
    """Routes under /api/v1/listings. Rate limit: argument, else $KANSRIJK_API_RATE_LIMIT, else 120/min."""
    if rate_limit_per_minute is None:
        rate_limit_per_minute = int(os.environ.get("KANSRIJK_API_RATE_LIMIT", DEFAULT_RATE_LIMIT_PER_MINUTE))
    limiter = RateLimiter(rate_limit_per_minute, clock)
    bearer = HTTPBearer(auto_error=False, description="API-sleutel van je instelling")
    router = APIRouter(prefix="/api/v1/listings", tags=["listings"], responses=_AUTH_RESPONSES)

    def run(credentials: HTTPAuthorizationCredentials | None, work: Callable[[sqlite_utils.Database, Institution, str], Any]):
        db = connect()
        try:
            token = credentials.credentials if credentials else None
            institution, token_id = institution_for_token(db, token)
            limiter.check(token_id)
            return work(db, institution, f"api:{institution.code}:token{token_id}")
        except InvalidToken as exc:
            return _error(401, exc.message, {"WWW-Authenticate": "Bearer"})
        except RateLimited as exc:
            return _error(429, exc.message, {"Retry-After": str(exc.retry_after)})
        except ListingNotFound as exc:
            return _error(404, exc.message)
        except ExternalIdTaken as exc:
            return _error(409, exc.message)
        except InvalidListing as exc:
            return _invalid(exc.errors)
        except InternshipsError as exc:
            return _error(400, exc.message)
        finally:
            db.close()

    def validate(body: dict) -> dict:
        clean, errors = validate_listing(body, catalogue=load_catalogue(catalogue))
        if errors:
            raise InvalidListing(errors)
        return clean

    @router.get("", response_model=ListingPage, summary="List your institution's listings")
    def list_listings(
        status: Literal["open", "filled", "expired"] | None = Query(None, description="Only this status."),
        external_id: str | None = Query(None, description="Only the listing with this external id."),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=MAX_ROW_ID),
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    ):
        def work(db, institution, actor):
            total = listing_count(db, institution, status=status, external_id=external_id)
            rows = listings_page(db, institution, offset=offset, limit=limit, status=status,
                                 external_id=external_id)
            return ListingPage(items=[_to_out(r) for r in rows], total=total, limit=limit, offset=offset)

        return run(credentials, work)

    @router.post("", response_model=ListingOut, status_code=201, summary="Create a listing",
                 responses={**_INVALID, 409: {"model": ErrorOut, "description": "external_id already used."}})
    def create_listing(body: ListingIn, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)):
        def work(db, institution, actor):
            clean = validate(body.model_dump())
            taken = external_id_taken(db, institution, clean["external_id"])
            if taken is not None:
                raise ExternalIdTaken(
                    f"Er is al een vacature met external_id {clean['external_id']} (id {taken}). "
                    f"Wijzig die met PATCH /api/v1/listings/{taken}."
                )
            result = apply_listings(db, institution, [clean], actor=actor)
            return JSONResponse(
                status_code=201,
                content=_to_out(get_listing(db, institution, result.listing_ids[0])).model_dump(),
            )

        return run(credentials, work)

    @router.get("/{listing_id}", response_model=ListingOut, responses=_NOT_FOUND, summary="Get one listing")
    def read_listing(listing_id: RowId, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)):
        return run(credentials, lambda db, institution, actor: _to_out(get_listing(db, institution, listing_id)))

    @router.patch("/{listing_id}", response_model=ListingOut, responses={**_NOT_FOUND, **_INVALID},
                  summary="Change fields of a listing")
    def update_listing(listing_id: RowId, body: ListingPatch,
                       credentials: HTTPAuthorizationCredentials | None = Depends(bearer)):
        def work(db, institution, actor):
            row = get_listing(db, institution, listing_id)
            merged = {**_as_input(row), **body.model_dump(exclude_unset=True)}
            clean = validate(merged)
            if row["status"] == "expired" and clean["status"] is None:
                clean["status"] = "expired"  # a patch alone does not reopen an expired listing
            apply_listings(db, institution, [clean], actor=actor)
            return _to_out(get_listing(db, institution, listing_id))

        return run(credentials, work)

    @router.post("/{listing_id}/expire", response_model=ListingOut, responses=_NOT_FOUND,
                 summary="Expire a listing (students no longer see it)")
    def expire(listing_id: RowId, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)):
        return run(credentials, lambda db, institution, actor: _to_out(
            expire_listing(db, institution, listing_id, actor=actor)))

    return router
