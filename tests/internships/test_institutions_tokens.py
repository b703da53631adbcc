import hashlib

import pytest

from internships import (
    DuplicateInstitution,
    InvalidInstitutionCode,
    InvalidToken,
    UnknownInstitution,
    add_institution,
    get_institution,
    issue_token,
)
from internships.register import institution_for_token


def test_add_is_idempotent_for_same_name_and_audited(fresh_db):
    a = add_institution(fresh_db, "ROC-A", "ROC Alfa")
    assert add_institution(fresh_db, "ROC-A", "ROC Alfa") == a
    with pytest.raises(DuplicateInstitution):
        add_institution(fresh_db, "ROC-A", "Ander ROC")
    assert fresh_db.execute("SELECT count(*) FROM audit_log WHERE entity='institution'").fetchone()[0] == 1


@pytest.mark.parametrize("code, name", [("x", "Naam"), ("met spatie", "Naam"), ("OK", "  ")])
def test_bad_codes_and_names(fresh_db, code, name):
    with pytest.raises(InvalidInstitutionCode):
        add_institution(fresh_db, code, name)


def test_unknown_institution_message_says_how_to_fix(fresh_db):
    with pytest.raises(UnknownInstitution, match="institutions add NOPE"):
        get_institution(fresh_db, "NOPE")


def test_token_is_stored_hashed_and_rotates(two_schools, fresh_db):
    first = issue_token(fresh_db, "ROC-A")
    stored = [r[0] for r in fresh_db.execute("SELECT token_hash FROM api_tokens").fetchall()]
    assert first not in stored and hashlib.sha256(first.encode()).hexdigest() in stored
    assert institution_for_token(fresh_db, first)[0].code == "ROC-A"
    second = issue_token(fresh_db, "ROC-A")
    with pytest.raises(InvalidToken):
        institution_for_token(fresh_db, first)
    assert institution_for_token(fresh_db, second)[0].code == "ROC-A"
    other = issue_token(fresh_db, "ROC-B")
    assert institution_for_token(fresh_db, other)[0].code == "ROC-B"
    assert institution_for_token(fresh_db, second)[0].code == "ROC-A"  # B's token leaves A's alone
    assert fresh_db.execute("SELECT count(*) FROM audit_log WHERE action='issue_token'").fetchone()[0] == 3


@pytest.mark.parametrize("token", [None, "", "kr_fout"])
def test_invalid_tokens(two_schools, fresh_db, token):
    with pytest.raises(InvalidToken):
        institution_for_token(fresh_db, token)
