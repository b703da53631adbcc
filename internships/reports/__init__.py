"""Store internship-discrimination reports safely and let the institution follow them up.

Privacy rules enforced here (see ``DESIGN.md``, privacy model):

- ``route`` is ``anonymous`` (default, "alleen registreren") or ``follow_up``.
- The conversation id is stored only for ``follow_up``; for ``anonymous`` it is
  dropped, so nothing links an anonymous report to a conversation. An anonymous
  report about a company keeps only a ``reporter_key``: an HMAC of the conversation
  id and the company under a secret key (``settings.reporter_secret``), so a
  conversation counts once per company but the database alone cannot tell which.
- Contact route and details only for ``follow_up`` and only when given.
- The ground of discrimination (special-category data) only when
  ``ground_consent is True``; a ground without consent raises ``ConsentRequired``.
- The day a report was made is stored without a time of day, so an anonymous
  report cannot be matched to a conversation by its timestamp.
- Institution staff see follow-up reports of their own institution in full,
  and per-company counts only from ``threshold`` upwards. The counts hold only
  anonymous reports (staff can read follow-up reports one by one, so counting them
  would let staff subtract them), one per conversation and company (so padding a
  count takes as many conversations as reports), see :func:`company_counts`.
- Students look up a report by its code only through ``lookups`` (status, and a
  one-time withdrawal ticket so the conversation never has to keep the code):
  failed look-ups are throttled per conversation and in total.
- Retention per status is enforced by :func:`purge`; :func:`withdraw` and
  :func:`delete_for_conversation` really delete.

Writes go through ``appdb.transaction`` (``BEGIN IMMEDIATE`` on a connection with
``synchronous=FULL``), one transaction for the report and its first history row;
:func:`submit_report` returns the reference code only after ``COMMIT``.

Modules, one job each: ``vocabulary`` (routes, grounds, statuses, codes, defaults),
``errors``, ``settings`` (threshold, retention, look-up limits, reporter key), ``model``
(the draft and its validation), ``summary`` (what the student approves), ``store``
(all SQL on ``reports`` and ``report_status_history``), ``lookups`` (the student's
look-ups by code: throttle and withdrawal tickets, all SQL on ``report_lookup_misses``
and ``report_withdraw_tickets``), ``retention`` (purge),
``companies`` (look-ups in the register: a typed company, a report's school and
company), ``cli``, and ``api`` (the HTTP router; imported only by the web app, so
this package does not import FastAPI).

Exceptions (all messages are Dutch, for the student or staff member)::

    ReportError
     ├── InvalidReport (ValueError)        the draft breaks a rule; nothing stored
     │    ├── ConsentRequired              a ground without explicit consent
     │    ├── ContactRequiresFollowUp      contact details on the anonymous route
     │    ├── InstitutionRequired          follow-up without a school
     │    ├── UnknownInstitution           school code not in the register
     │    │                                (internships.errors.UnknownInstitution, also an InternshipsError)
     │    └── UnknownCompany               leerbedrijf id not in the register
     ├── UnknownReportCode (LookupError)   no report with that code (or id), or the withdrawal
     │                                     ticket expired
     ├── LookupThrottled                   too many unknown codes tried lately: look-ups
     │                                     pause (``.scope``, ``.retry_after`` seconds)
     ├── InvalidStatus (ValueError)        status is not one of STATUSES
     ├── InvalidSetting (ValueError)       bad threshold or retention setting
     ├── TransactionOpen (appdb.TransactionOpen, RuntimeError)
     │                                     caller left a transaction open
     └── ReportNotSaved                    the database failed; nothing stored, try again

Importing this package does nothing: each name is loaded from its module on first use.

CLI: ``python -m internships.reports --help``.
"""

from __future__ import annotations

import importlib

__all__ = [
    # data
    "ReportDraft",
    "ReportStatus",
    "StatusChange",
    "IncidentDate",
    "parse_incident_date",
    "ROUTES",
    "ROLES",
    "GROUNDS",
    "GROUND_LABELS",
    "CONTACT_ROUTES",
    "STATUSES",
    "STATUS_TEXT",
    "ground_label",
    "contact_label",
    "status_name",
    "status_text",
    "CODE_ALPHABET",
    "CODE_LENGTHS",
    "DEFAULT_RETENTION_DAYS",
    # functions
    "ensure_schema",
    "submit_report",
    "get_status",
    "withdraw",
    "set_status",
    "set_status_by_id",
    "follow_up_reports",
    "company_counts",
    "purge",
    "delete_for_conversation",
    "summary_lines",
    "PHRASES",
    "match_company",
    "report_threshold",
    "retention_days",
    "normalise_code",
    "lookup_status",
    "withdrawal_ticket",
    "withdraw_by_ticket",
    "lookup_limits",
    "guessing_figure",
    # errors
    "ReportError",
    "InvalidReport",
    "ConsentRequired",
    "ContactRequiresFollowUp",
    "InstitutionRequired",
    "UnknownInstitution",
    "UnknownCompany",
    "UnknownReportCode",
    "LookupThrottled",
    "InvalidStatus",
    "InvalidSetting",
    "TransactionOpen",
    "ReportNotSaved",
]

# Where each public name lives. Loaded on first use (PEP 562), which also lets
# internships.errors import .errors without an import cycle through .store.
_HOMES = {
    "internships.dates": ("IncidentDate", "parse_incident_date"),
    ".vocabulary": (
        "ROUTES", "ROLES", "GROUNDS", "GROUND_LABELS", "CONTACT_ROUTES", "STATUSES", "STATUS_TEXT",
        "ground_label", "contact_label", "status_name", "status_text",
        "CODE_ALPHABET", "CODE_LENGTH", "CODE_LENGTHS", "DEFAULT_RETENTION_DAYS",
    ),
    ".model": ("ReportDraft", "ReportStatus", "StatusChange", "normalise_code"),
    ".settings": ("report_threshold", "retention_days", "lookup_limits"),
    ".lookups": ("lookup_status", "withdrawal_ticket", "withdraw_by_ticket", "guessing_figure"),
    ".summary": ("summary_lines", "PHRASES"),
    ".store": (
        "ensure_schema", "submit_report", "get_status", "withdraw", "set_status", "set_status_by_id",
        "follow_up_reports", "company_counts", "delete_for_conversation",
    ),
    ".retention": ("purge",),
    ".companies": ("match_company",),
    ".cli": ("main",),
    "internships.errors": ("UnknownInstitution",),
    ".errors": (
        "ReportError", "InvalidReport", "ConsentRequired", "ContactRequiresFollowUp", "InstitutionRequired",
        "UnknownCompany", "UnknownReportCode", "LookupThrottled", "InvalidStatus", "InvalidSetting", "TransactionOpen",
        "ReportNotSaved",
    ),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
