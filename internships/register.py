"""Write to the register: institutions, API tokens, leerbedrijven, listings, audit log."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any, Iterable

import sqlite_utils

from appdb import now_iso, transaction

from .errors import (
    DuplicateInstitution,
    InvalidInstitutionCode,
    InvalidToken,
    ListingNotFound,
    UnknownInstitution,
)
from .geo import place_key

__all__ = [
    "Institution",
    "WriteResult",
    "add_institution",
    "get_institution",
    "list_institutions",
    "issue_token",
    "institution_for_token",
    "apply_listings",
    "expire_listing",
    "get_listing",
    "company_names",
    "company_rows",
    "companies_by_kvk",
    "institution_names",
    "institution_name",
    "listings_page",
    "listing_count",
    "external_id_taken",
    "open_listings_in_box",
    "listing_details",
    "audit",
    "LISTING_COLUMNS",
]

_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,20}$")

# Listing columns an institution controls; a change to any of them is audited.
LISTING_COLUMNS = (
    "leerbedrijf_id", "title", "description", "crebo", "niveau", "leerweg", "postcode",
    "pc4", "place", "lat", "lon", "start_date", "days_per_week", "allowance", "features",
    "inclusive_signals", "inclusive", "apply_url", "contact_email", "status", "demo",
)


@dataclass(frozen=True)
class Institution:
    id: int
    code: str
    name: str
    demo: bool = False


@dataclass
class WriteResult:
    """What a batch of listing writes changed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    expired: int = 0
    listing_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "expired": self.expired,
            "warnings": list(self.warnings),
        }


def audit(
    db: sqlite_utils.Database,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: Any,
    institution_id: int | None = None,
    details: dict | None = None,
    at: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO audit_log (at, actor, institution_id, action, entity, entity_id, details)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [at or now_iso(), actor, institution_id, action, entity,
         None if entity_id is None else str(entity_id),
         json.dumps(details or {}, ensure_ascii=False, sort_keys=True)],
    )


def _institution(row) -> Institution:
    return Institution(row[0], row[1], row[2], bool(row[3]))


def get_institution(db: sqlite_utils.Database, code: str) -> Institution:
    row = db.execute(
        "SELECT id, code, name, demo FROM institutions WHERE code = ?", [code]
    ).fetchone()
    if row is None:
        raise UnknownInstitution(
            f"Er is geen instelling met code {code}. Voeg haar eerst toe met: "
            f'python -m internships institutions add {code} "NAAM"'
        )
    return _institution(row)


def list_institutions(db: sqlite_utils.Database) -> list[Institution]:
    rows = db.execute("SELECT id, code, name, demo FROM institutions ORDER BY code").fetchall()
    return [_institution(r) for r in rows]


def add_institution(
    db: sqlite_utils.Database, code: str, name: str, *, demo: bool = False, actor: str = "cli"
) -> Institution:
    """Register an institution; a repeat with the same name is a no-op."""
    if not _CODE_RE.match(code or ""):
        raise InvalidInstitutionCode(
            f"'{code}' kan geen instellingscode zijn: gebruik 2 tot 20 letters, cijfers, - of _."
        )
    name = (name or "").strip()
    if not name:
        raise InvalidInstitutionCode("Geef de instelling een naam, bijvoorbeeld \"ROC Midden\".")
    with transaction(db):
        row = db.execute(
            "SELECT id, code, name, demo FROM institutions WHERE code = ?", [code]
        ).fetchone()
        if row is not None:
            if row[2] != name:
                raise DuplicateInstitution(
                    f"Instelling {code} bestaat al met de naam '{row[2]}'. Kies een andere code."
                )
            return _institution(row)
        cur = db.execute(
            "INSERT INTO institutions (code, name, demo, created_at) VALUES (?, ?, ?, ?)",
            [code, name, int(demo), now_iso()],
        )
        audit(db, actor=actor, action="create", entity="institution", entity_id=code,
              institution_id=cur.lastrowid, details={"name": name})
        return Institution(cur.lastrowid, code, name, demo)


def _hash_token(token: str) -> str:
    # The token carries 256 random bits, so a fast hash is enough: no dictionary attack
    # is possible, and each API request stays cheap (argon2 would add ~50 ms).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(db: sqlite_utils.Database, code: str, *, actor: str = "cli") -> str:
    """Create the institution's API token, revoking any earlier one; shown only now."""
    institution = get_institution(db, code)
    token = "kr_" + secrets.token_urlsafe(32)
    now = now_iso()
    with transaction(db):
        db.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE institution_id = ? AND revoked_at IS NULL",
            [now, institution.id],
        )
        cur = db.execute(
            "INSERT INTO api_tokens (institution_id, token_hash, created_at) VALUES (?, ?, ?)",
            [institution.id, _hash_token(token), now],
        )
        audit(db, actor=actor, action="issue_token", entity="api_token", entity_id=cur.lastrowid,
              institution_id=institution.id, at=now)
    return token


def institution_for_token(db: sqlite_utils.Database, token: str | None) -> tuple[Institution, int]:
    """(institution, token id) for a valid token; InvalidToken otherwise."""
    if not token:
        raise InvalidToken("Geef je API-sleutel mee in de kop: Authorization: Bearer <sleutel>.")
    row = db.execute(
        "SELECT i.id, i.code, i.name, i.demo, t.id FROM api_tokens t"
        " JOIN institutions i ON i.id = t.institution_id"
        " WHERE t.token_hash = ? AND t.revoked_at IS NULL",
        [_hash_token(token)],
    ).fetchone()
    if row is None:
        raise InvalidToken(
            "Deze API-sleutel is onbekend of ingetrokken. Vraag een nieuwe aan met: "
            "python -m internships institutions token CODE"
        )
    return _institution(row[:4]), row[4]


class _Companies:
    """Find or create leerbedrijven during one write batch, with a small cache."""

    def __init__(self, db, actor: str, institution_id: int, now: str):
        self.db, self.actor, self.institution_id, self.now = db, actor, institution_id, now
        self.cache: dict[tuple, int] = {}

    def resolve(self, row: dict) -> int:
        name_key = place_key(row["company"])
        keys = []
        if row.get("leerbedrijf_id"):
            keys.append(("sbb", row["leerbedrijf_id"]))
        if row.get("kvk"):
            keys.append(("kvk", row["kvk"]))
        keys.append(("name", name_key, row["pc4"]))
        # Cache only under the most specific key: a name alone must not merge two
        # companies that carry different SBB ids.
        if keys[0] in self.cache:
            return self.cache[keys[0]]
        found = None
        # A company with another SBB id is another company, whatever its name.
        sbb = row.get("leerbedrijf_id")
        same_sbb = " AND (sbb_id IS NULL OR ? IS NULL OR sbb_id = ?)"
        for key in keys:
            if key[0] == "sbb":
                found = self.db.execute("SELECT id FROM leerbedrijven WHERE sbb_id = ?", [key[1]]).fetchone()
            elif key[0] == "kvk":
                found = self.db.execute(
                    "SELECT id FROM leerbedrijven WHERE kvk = ?" + same_sbb + " ORDER BY id LIMIT 1",
                    [key[1], sbb, sbb],
                ).fetchone()
            else:
                found = self.db.execute(
                    "SELECT id FROM leerbedrijven WHERE name_key = ? AND pc4 = ?" + same_sbb
                    + " ORDER BY id LIMIT 1",
                    [key[1], key[2], sbb, sbb],
                ).fetchone()
            if found:
                break
        if found:
            company_id = found[0]
            # Fill in identifiers we learn later; never overwrite another school's data.
            if row.get("leerbedrijf_id") or row.get("kvk"):
                self.db.execute(
                    "UPDATE leerbedrijven SET sbb_id = COALESCE(sbb_id, ?), kvk = COALESCE(kvk, ?)"
                    " WHERE id = ? AND ((sbb_id IS NULL AND ? IS NOT NULL) OR (kvk IS NULL AND ? IS NOT NULL))",
                    [row.get("leerbedrijf_id"), row.get("kvk"), company_id,
                     row.get("leerbedrijf_id"), row.get("kvk")],
                )
        else:
            cur = self.db.execute(
                "INSERT INTO leerbedrijven (name, name_key, kvk, sbb_id, address, postcode, pc4,"
                " place, lat, lon, recognised, demo, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row["company"], name_key, row.get("kvk"), row.get("leerbedrijf_id"),
                 row.get("address"), row["postcode"], row["pc4"], row["place"], row["lat"],
                 row["lon"], row.get("company_recognised"), int(bool(row.get("demo"))),
                 self.now, self.now],
            )
            company_id = cur.lastrowid
            audit(self.db, actor=self.actor, action="create", entity="leerbedrijf",
                  entity_id=company_id, institution_id=self.institution_id,
                  details={"name": row["company"], "postcode": row["postcode"]}, at=self.now)
        self.cache[keys[0]] = company_id
        return company_id


def _set_recognition(db, company_id: int, row: dict, source: str, actor: str,
                     institution_id: int, now: str) -> None:
    value = int(row["erkend"])
    start, end = row.get("recognition_start"), row.get("recognition_end")
    old = db.execute(
        "SELECT recognised, start_date, end_date FROM recognitions"
        " WHERE leerbedrijf_id = ? AND crebo = ? AND source = ?",
        [company_id, row["crebo"], source],
    ).fetchone()
    if old is not None and tuple(old) == (value, start, end):
        return
    db.execute(
        "INSERT INTO recognitions (leerbedrijf_id, crebo, recognised, start_date, end_date, source, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (leerbedrijf_id, crebo, source) DO UPDATE SET"
        " recognised = excluded.recognised, start_date = excluded.start_date,"
        " end_date = excluded.end_date, updated_at = excluded.updated_at",
        [company_id, row["crebo"], value, start, end, source, now],
    )
    audit(db, actor=actor, action="update" if old else "create", entity="recognition",
          entity_id=f"{company_id}:{row['crebo']}", institution_id=institution_id,
          details={"recognised": [old[0] if old else None, value], "source": source}, at=now)


def _listing_values(row: dict, company_id: int) -> dict:
    signals = list(row.get("inclusive_signals") or [])
    return {
        "leerbedrijf_id": company_id,
        "title": row["title"],
        "description": row.get("description"),
        "crebo": row["crebo"],
        "niveau": row.get("niveau"),
        "leerweg": row["leerweg"],
        "postcode": row["postcode"],
        "pc4": row["pc4"],
        "place": row["place"],
        "lat": row["lat"],
        "lon": row["lon"],
        "start_date": row["start_date"],
        "days_per_week": row.get("days_per_week"),
        "allowance": row.get("allowance"),
        "features": json.dumps(list(row.get("features") or []), ensure_ascii=False),
        "inclusive_signals": json.dumps(signals),
        "inclusive": len(signals),
        "apply_url": row.get("apply_url"),
        "contact_email": row.get("contact_email"),
        "status": row.get("status"),
        "demo": int(bool(row.get("demo"))),
    }


def apply_listings(
    db: sqlite_utils.Database,
    institution: Institution,
    rows: Iterable[dict],
    *,
    actor: str,
    expire_missing: bool = False,
    keep_external_ids: Iterable[str] = (),
) -> WriteResult:
    """Upsert validated rows on (institution, external_id) in one transaction.

    Unchanged rows are not touched, so a repeated import changes nothing. With
    ``expire_missing`` every open or filled listing of the institution that is not in
    ``rows`` (nor in ``keep_external_ids``) is set to expired.
    """
    result = WriteResult()
    now = now_iso()
    source = f"institution:{institution.code}"
    cols = ("id", "external_id") + LISTING_COLUMNS
    with transaction(db):
        existing = {
            r[1]: dict(zip(cols, r))
            for r in db.execute(
                f"SELECT {', '.join(cols)} FROM listings WHERE institution_id = ?", [institution.id]
            ).fetchall()
        }
        companies = _Companies(db, actor, institution.id, now)
        seen = set(keep_external_ids)
        for row in rows:
            seen.add(row["external_id"])
            company_id = companies.resolve(row)
            if row.get("erkend") is not None:
                _set_recognition(db, company_id, row, row.get("recognition_source") or source,
                                 actor, institution.id, now)
            values = _listing_values(row, company_id)
            old = existing.get(row["external_id"])
            if old is None:
                values["status"] = values["status"] or "open"
                names = list(values)
                cur = db.execute(
                    f"INSERT INTO listings (institution_id, external_id, {', '.join(names)},"
                    " created_at, updated_at)"
                    f" VALUES (?, ?, {', '.join('?' for _ in names)}, ?, ?)",
                    [institution.id, row["external_id"], *values.values(), now, now],
                )
                listing_id = cur.lastrowid
                existing[row["external_id"]] = {"id": listing_id, **values}
                audit(db, actor=actor, action="create", entity="listing", entity_id=listing_id,
                      institution_id=institution.id,
                      details={"external_id": row["external_id"], "title": row["title"]}, at=now)
                result.created += 1
            else:
                listing_id = old["id"]
                if values["status"] is None:
                    # A listing that reappears in a file is open again; "filled" stays.
                    values["status"] = "open" if old["status"] == "expired" else old["status"]
                changes = {k: [old[k], v] for k, v in values.items() if old[k] != v}
                if changes:
                    sets = ", ".join(f"{k} = ?" for k in changes)
                    db.execute(
                        f"UPDATE listings SET {sets}, updated_at = ? WHERE id = ?",
                        [*(v[1] for v in changes.values()), now, listing_id],
                    )
                    old.update({k: v[1] for k, v in changes.items()})
                    audit(db, actor=actor, action="update", entity="listing", entity_id=listing_id,
                          institution_id=institution.id, details=changes, at=now)
                    result.updated += 1
                else:
                    result.unchanged += 1
            result.listing_ids.append(listing_id)
        if expire_missing:
            for external_id, old in existing.items():
                if external_id in seen or old["status"] == "expired":
                    continue
                _expire(db, institution, old["id"], old["status"], actor, now)
                result.expired += 1
    return result


def _expire(db, institution: Institution, listing_id: int, old_status: str, actor: str, now: str) -> None:
    db.execute("UPDATE listings SET status = 'expired', updated_at = ? WHERE id = ?", [now, listing_id])
    audit(db, actor=actor, action="expire", entity="listing", entity_id=listing_id,
          institution_id=institution.id, details={"status": [old_status, "expired"]}, at=now)


def get_listing(db: sqlite_utils.Database, institution: Institution, listing_id: int) -> dict:
    """One listing of this institution; ListingNotFound also for another school's listing."""
    row = next(
        db.query(
            "SELECT l.*, b.name AS company, b.kvk AS kvk, b.sbb_id AS sbb_id FROM listings l"
            " JOIN leerbedrijven b ON b.id = l.leerbedrijf_id"
            " WHERE l.id = ? AND l.institution_id = ?",
            [listing_id, institution.id],
        ),
        None,
    )
    if row is None:
        raise ListingNotFound(f"Vacature {listing_id} bestaat niet bij jouw instelling.")
    return row


def expire_listing(db: sqlite_utils.Database, institution: Institution, listing_id: int, *, actor: str) -> dict:
    with transaction(db):
        row = get_listing(db, institution, listing_id)
        if row["status"] != "expired":
            _expire(db, institution, listing_id, row["status"], actor, now_iso())
    return get_listing(db, institution, listing_id)


# --------------------------------------------------------------------------- reading leerbedrijven
# For other modules (the reports): they read leerbedrijven through these, never by SQL.


def company_names(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, str]:
    """``{id: name}`` for the leerbedrijven with these ids; ids not in the register are left out."""
    ids = list(dict.fromkeys(ids))
    names: dict[int, str] = {}
    for start in range(0, len(ids), 500):  # SQLite limits the number of parameters
        chunk = ids[start:start + 500]
        names.update(db.execute(
            f"SELECT id, name FROM leerbedrijven WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
        ).fetchall())
    return names


def company_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every leerbedrijf as ``{"id", "name", "place"}`` (in id order), e.g. to match a typed name."""
    rows = db.execute("SELECT id, name, place FROM leerbedrijven ORDER BY id").fetchall()
    return [{"id": i, "name": name, "place": place} for i, name, place in rows]


def companies_by_kvk(db: sqlite_utils.Database, kvk: str) -> list[dict]:
    """The leerbedrijven registered under this KvK number, as ``{"id", "name", "place"}`` (in id order)."""
    rows = db.execute("SELECT id, name, place FROM leerbedrijven WHERE kvk = ? ORDER BY id", [kvk]).fetchall()
    return [{"id": i, "name": name, "place": place} for i, name, place in rows]


# --------------------------------------------------------------------------- reading institutions and listings
# For the actions, the portal, the API and the matcher: they read these tables only here.


def institution_names(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """``(code, name)`` of every institution, by name (e.g. for a student to pick their school)."""
    return [tuple(row) for row in db.execute("SELECT code, name FROM institutions ORDER BY name, code").fetchall()]


def institution_name(db: sqlite_utils.Database, code: str | None) -> str | None:
    """The name of the institution with this code, or None if there is none."""
    if not code:
        return None
    row = db.execute("SELECT name FROM institutions WHERE code = ?", [code]).fetchone()
    return row[0] if row else None


def _listing_filter(institution: Institution, status: str | None, external_id: str | None) -> tuple[str, list]:
    where, params = ["l.institution_id = ?"], [institution.id]
    if status:
        where.append("l.status = ?")
        params.append(status)
    if external_id:
        where.append("l.external_id = ?")
        params.append(external_id)
    return " AND ".join(where), params


def listings_page(
    db: sqlite_utils.Database,
    institution: Institution,
    *,
    offset: int = 0,
    limit: int = 50,
    status: str | None = None,
    external_id: str | None = None,
    newest_first: bool = False,
) -> list[dict]:
    """One page of the institution's listings with ``company``, ``kvk`` and ``sbb_id`` of the leerbedrijf.

    In id order, or with ``newest_first`` the last changed first.
    """
    clause, params = _listing_filter(institution, status, external_id)
    order = "l.updated_at DESC, l.id DESC" if newest_first else "l.id"
    return list(db.query(
        "SELECT l.*, b.name AS company, b.kvk AS kvk, b.sbb_id AS sbb_id FROM listings l"
        f" JOIN leerbedrijven b ON b.id = l.leerbedrijf_id WHERE {clause}"
        f" ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ))


def listing_count(
    db: sqlite_utils.Database, institution: Institution, *, status: str | None = None, external_id: str | None = None
) -> int:
    """How many listings :func:`listings_page` pages through with these filters."""
    clause, params = _listing_filter(institution, status, external_id)
    return db.execute(f"SELECT count(*) FROM listings l WHERE {clause}", params).fetchone()[0]


def external_id_taken(db: sqlite_utils.Database, institution: Institution, external_id: str) -> int | None:
    """The id of the institution's listing with this external id, or None if it is free."""
    row = db.execute(
        "SELECT id FROM listings WHERE institution_id = ? AND external_id = ?", [institution.id, external_id]
    ).fetchone()
    return row[0] if row else None


# Pass 1 of the matcher reads only indexed columns (idx_listings_crebo_geo, idx_listings_geo),
# so even a wide search stays cheap; pass 2 fetches full rows for the page that is shown.
_CANDIDATES = """
SELECT l.id, l.lat, l.lon, l.start_date, l.inclusive,
       (SELECT r.recognised FROM recognitions r
         WHERE r.leerbedrijf_id = l.leerbedrijf_id AND r.crebo = l.crebo
           AND (r.start_date IS NULL OR r.start_date <= :today)
           AND (r.end_date IS NULL OR r.end_date >= :today)
         ORDER BY r.source = 'sbb' DESC, r.updated_at DESC LIMIT 1) AS rec
FROM listings l
JOIN leerbedrijven b ON b.id = l.leerbedrijf_id
WHERE l.status = 'open'
  AND l.lat BETWEEN :min_lat AND :max_lat
  AND l.lon BETWEEN :min_lon AND :max_lon
  AND (b.recognised IS NULL OR b.recognised = 1)
"""

_DETAILS = """
SELECT l.id, l.external_id, i.name, i.code, l.title, l.description, b.name, l.crebo,
       l.niveau, l.leerweg, l.place, l.postcode, l.start_date, l.days_per_week, l.allowance,
       l.features, l.inclusive_signals, l.apply_url, l.contact_email, l.demo
FROM listings l
JOIN leerbedrijven b ON b.id = l.leerbedrijf_id
JOIN institutions i ON i.id = l.institution_id
WHERE l.id IN ({ids})
"""


def open_listings_in_box(
    db: sqlite_utils.Database,
    box: tuple[float, float, float, float],
    *,
    today: str,
    crebos: Iterable[str] = (),
    leerweg: str | None = None,
) -> Iterable[tuple]:
    """``(id, lat, lon, start_date, inclusive, recognised)`` of open listings inside ``box``.

    ``box`` is ``(min_lat, max_lat, min_lon, max_lon)``; listings of companies whose
    recognition was withdrawn are left out. ``recognised`` is the recognition for the
    listing's crebo valid on ``today`` (1, 0, or None when nothing is known), SBB's first.
    """
    min_lat, max_lat, min_lon, max_lon = box
    params: dict[str, Any] = {"today": today, "min_lat": min_lat, "max_lat": max_lat,
                              "min_lon": min_lon, "max_lon": max_lon}
    sql = _CANDIDATES
    names = []
    for n, code in enumerate(sorted(crebos)):
        params[f"c{n}"] = code
        names.append(f":c{n}")
    if names:
        sql += f" AND l.crebo IN ({', '.join(names)})"
    if leerweg:
        sql += " AND l.leerweg = :leerweg"
        params["leerweg"] = leerweg
    return db.conn.execute(sql, params)


def listing_details(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, tuple]:
    """``{id: row}`` for these listings, each row as the matcher shows it (with institution and company)."""
    ids = list(ids)
    if not ids:
        return {}
    sql = _DETAILS.format(ids=", ".join("?" for _ in ids))
    return {row[0]: row for row in db.conn.execute(sql, ids)}
