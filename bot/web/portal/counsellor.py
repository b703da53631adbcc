"""The counsellor's pages: shared conversations (list, CSV, one conversation) and the hand-off queue.

A counsellor only ever reads rows whose school is their own account's school.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable, Dict, Optional

import httpx
import sqlite_utils
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot import accounts, facts
from bot.web import summaries
from bot.web.portal.auth import Database, csrf_protected, require_role
from bot.web.portal.pages import render

__all__ = ["create_router"]


def _valid_day(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _filters(request: Request) -> Dict[str, Any]:
    q = request.query_params
    topic = q.get("onderwerp") or None
    return {
        "since": _valid_day(q.get("van")),
        "until": _valid_day(q.get("tot")),
        "topic": topic if topic in summaries.TOPIC_LABELS else None,
        "open_handoffs": q.get("open") == "1",
    }


def create_router(db: Database, rasa_url: Callable[[], str], rasa_token: Callable[[str], str]) -> APIRouter:
    """Routes under /portaal for the counsellor role; transcripts come from Rasa's HTTP API."""
    router = APIRouter(prefix="/portaal", include_in_schema=False)
    counsellor = require_role(db, "counsellor")

    @router.get("/gesprekken", response_class=HTMLResponse)
    def conversations(request: Request, account: accounts.Account = Depends(counsellor),
                      connection: sqlite_utils.Database = Depends(db)):
        filters = _filters(request)
        rows = summaries.shared_summaries(connection, account.school, **filters)
        query = request.url.query
        return render(request, "conversations.html", rows=rows, filters=filters,
                      csv_url="/portaal/gesprekken.csv" + (f"?{query}" if query else ""))

    @router.get("/gesprekken.csv")
    def conversations_csv(request: Request, account: accounts.Account = Depends(counsellor),
                          connection: sqlite_utils.Database = Depends(db)):
        rows = summaries.shared_summaries(connection, account.school, **_filters(request))
        return Response(
            summaries.summaries_csv(rows), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="kansrijk-samenvattingen.csv"'},
        )

    @router.get("/gesprekken/{conversation_id}", response_class=HTMLResponse)
    def conversation(request: Request, conversation_id: str, account: accounts.Account = Depends(counsellor),
                     connection: sqlite_utils.Database = Depends(db)):
        summary = summaries.summary_for(connection, account.school, conversation_id)
        if summary is None:
            # Same answer for "not shared" and "another school's": nothing to probe.
            return render(request, "error.html", 404, message="Dit gesprek is niet met jouw school gedeeld.")
        transcript, transcript_error = [], None
        try:
            response = httpx.get(
                f"{rasa_url().rstrip('/')}/conversations/{conversation_id}/tracker",
                headers={"Authorization": f"Bearer {rasa_token(conversation_id)}"}, timeout=10,
            )
            response.raise_for_status()
            transcript = summaries.transcript_from_tracker(response.json())
        except (httpx.HTTPError, ValueError):
            transcript_error = "Het volledige gesprek is nu niet te laden. Probeer het later opnieuw."
        return render(request, "conversation.html", summary=summary, transcript=transcript,
                      transcript_error=transcript_error)

    @router.get("/overdrachten", response_class=HTMLResponse)
    def handoffs(request: Request, account: accounts.Account = Depends(counsellor),
                 connection: sqlite_utils.Database = Depends(db)):
        status = request.query_params.get("status") or None
        rows = facts.school_handoffs(connection, account.school,
                                     status if status in summaries.HANDOFF_STATUSES else None)
        shared = facts.shared_ids(connection, account.school)
        return render(request, "handoffs.html", rows=rows, status=status, shared=shared)

    @router.post("/overdrachten/{handoff_id}", dependencies=[Depends(csrf_protected)])
    def set_handoff_status(handoff_id: int, status: str = Form(...),
                           account: accounts.Account = Depends(counsellor),
                           connection: sqlite_utils.Database = Depends(db)):
        if status not in summaries.HANDOFF_STATUSES:
            raise HTTPException(status_code=400, detail="Kies open, opgepakt of klaar.")
        if not facts.set_handoff_status(connection, handoff_id, account.school, status):
            raise HTTPException(status_code=404, detail="Deze aanvraag hoort niet bij jouw school.")
        return RedirectResponse("/portaal/overdrachten", status_code=303)

    return router
