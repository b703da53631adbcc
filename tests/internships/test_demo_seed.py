from internships import connect, match, seed_demo
from tests.internships.conftest import TODAY


def _snapshot(db):
    return (
        db.execute("SELECT external_id, title, crebo, leerweg, postcode, start_date, status, features,"
                   " inclusive_signals FROM listings ORDER BY external_id").fetchall(),
        db.execute("SELECT name, sbb_id, postcode, recognised FROM leerbedrijven ORDER BY sbb_id").fetchall(),
    )


def test_seed_is_idempotent_and_reproducible(fresh_db, catalogue):
    first = seed_demo(fresh_db, today=TODAY, catalogue=catalogue)
    assert first["created"] == 1000
    snapshot = _snapshot(fresh_db)
    audits = fresh_db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    again = seed_demo(fresh_db, today=TODAY, catalogue=catalogue)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1000)
    assert _snapshot(fresh_db) == snapshot
    assert fresh_db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audits
    other = connect(":memory:")
    seed_demo(other, today=TODAY, catalogue=catalogue)
    assert _snapshot(other) == snapshot


def test_seed_is_marked_demo_and_realistic(fresh_db, catalogue):
    seed_demo(fresh_db, today=TODAY, catalogue=catalogue)
    institutions = fresh_db.execute("SELECT name, demo FROM institutions").fetchall()
    assert len(institutions) >= 5 and all("(demo)" in n and d == 1 for n, d in institutions)
    assert fresh_db.execute("SELECT count(*) FROM leerbedrijven WHERE demo = 1").fetchone()[0] == 300
    assert fresh_db.execute("SELECT count(*) FROM listings WHERE demo = 0").fetchone()[0] == 0
    statuses = dict(fresh_db.execute("SELECT status, count(*) FROM listings GROUP BY status").fetchall())
    assert statuses["open"] > 700 and statuses["filled"] > 0 and statuses["expired"] > 0
    inclusive = fresh_db.execute("SELECT count(*) FROM listings WHERE inclusive > 0").fetchone()[0]
    assert 150 < inclusive < 450
    crebos = {r[0] for r in fresh_db.execute("SELECT DISTINCT crebo FROM listings")}
    assert crebos <= set(catalogue.by_crebo)
    # Spread over the country: from Groningen to Maastricht.
    lat_min, lat_max = fresh_db.execute("SELECT min(lat), max(lat) FROM listings").fetchone()
    assert lat_min < 51.0 and lat_max > 53.0
    assert match(fresh_db, postcode="3511", include_unconfirmed=True, catalogue=catalogue, today=TODAY)
    unconfirmed = [m for m in match(fresh_db, place="Utrecht", radius_km=40, include_unconfirmed=True,
                                    limit=1000, catalogue=catalogue, today=TODAY) if not m.recognised]
    assert unconfirmed


def test_seed_leaves_other_institutions_alone(fresh_db, catalogue, load, make_row, two_schools):
    load([make_row()])
    seed_demo(fresh_db, today=TODAY, catalogue=catalogue)
    assert fresh_db.execute("SELECT status FROM listings WHERE external_id = 'V-1'").fetchone()[0] == "open"
