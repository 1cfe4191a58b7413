from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import SearchLog
from review.purpose_log import (
    PERMISSIBLE_PURPOSES,
    SearchRefused,
    check_search,
    log_search,
    redact_query,
)


def test_redact_query_cuts_a_full_ssn_to_its_last_four():
    assert redact_query("Sample 123-45-6789") == "Sample 6789"
    assert redact_query("123456789") == "6789"
    assert redact_query("(217) 555-0143") == "(217) 555-0143"


def test_check_search_requires_a_permissible_purpose():
    with pytest.raises(SearchRefused, match="permissible purpose"):
        check_search("John Sample", None)
    with pytest.raises(SearchRefused, match="permissible purpose"):
        check_search("John Sample", "curiosity")
    assert check_search(" John  Sample ", PERMISSIBLE_PURPOSES[0]) == "John Sample"


def test_log_search_never_stores_a_full_ssn(session):
    entry = log_search(session, user="ines", query="123-45-6789", purpose=PERMISSIBLE_PURPOSES[1],
                       result_count=2)
    stored = session.get(SearchLog, entry.id)
    assert (stored.user, stored.query, stored.result_count) == ("ines", "6789", 2)


def test_an_identity_view_needs_a_purpose_and_is_one_row(session):
    from models.tables import AccessLog
    from review.purpose_log import AccessRefused, log_identity_view

    with pytest.raises(AccessRefused, match="permissible purpose"):
        log_identity_view(session, user="ines", identity_id=7, purpose=None)
    with pytest.raises(AccessRefused):
        log_identity_view(session, user="ines", identity_id=7, purpose="curiosity")
    entry = log_identity_view(session, user="ines", identity_id=7,
                              purpose=PERMISSIBLE_PURPOSES[2], os_user="ines-os")
    rows = session.exec(select(AccessLog)).all()
    assert [(r.user, r.os_user, r.action, r.identity_id, r.purpose) for r in rows] == [
        ("ines", "ines-os", "identity_view", 7, PERMISSIBLE_PURPOSES[2])]
    assert entry.created_at is not None


@pytest.mark.parametrize(("role", "kind", "purpose", "allowed"), [
    ("reviewer", "debtors", PERMISSIBLE_PURPOSES[0], False),
    ("intake", "cases", PERMISSIBLE_PURPOSES[0], False),
    ("investigator", "debtors", None, False),
    ("investigator", "debtors", PERMISSIBLE_PURPOSES[0], True),
    ("compliance", "debtors_and_cases", PERMISSIBLE_PURPOSES[0], True),
    ("admin", "cases", PERMISSIBLE_PURPOSES[0], True),
    ("reviewer", "training", None, True),
    ("reviewer", "audit", None, False),
    ("compliance", "audit", None, True),
])
def test_exports_of_debtor_data_need_a_role_and_a_purpose(role, kind, purpose, allowed):
    from review.purpose_log import AccessRefused, check_export

    if allowed:
        assert check_export(role, kind, purpose) == purpose
    else:
        with pytest.raises(AccessRefused):
            check_export(role, kind, purpose)


def test_log_export_keeps_filters_and_row_count_and_redacts_a_full_ssn(session):
    from review.purpose_log import log_export

    entry = log_export(session, user="ines", role="investigator", kind="debtors",
                       purpose=PERMISSIBLE_PURPOSES[0],
                       filters={"name_contains": "123-45-6789", "doc_types": ("judgment",)},
                       row_count=12)
    assert entry.filters == {"kind": "debtors", "name_contains": "6789",
                             "doc_types": ["judgment"]}
    assert (entry.action, entry.row_count, entry.purpose) == ("export", 12,
                                                              PERMISSIBLE_PURPOSES[0])
