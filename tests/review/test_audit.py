"""The audit trail: searches, views, exports, door events, corrections, merges and splits."""

from __future__ import annotations

from datetime import UTC, date, datetime

from models.tables import AccessLog, Correction, IdentityEvent, SearchLog
from review.audit import AuditFilters, audit_csv, audit_rows, audit_users
from review.purpose_log import (
    PERMISSIBLE_PURPOSES,
    log_document_removed,
    log_export,
    log_identity_view,
    log_search,
)
from tests.workbench.conftest import add_document

COLLECT, COURT = PERMISSIBLE_PURPOSES[0], PERMISSIBLE_PURPOSES[5]


def _trail(session):
    document = add_document(session)
    log_search(session, user="ines", query="Sample 123-45-6789", purpose=COLLECT,
               result_count=2, os_user="ines-os")
    log_identity_view(session, user="ines", identity_id=3, purpose=COLLECT)
    log_identity_view(session, user="otto", identity_id=4, purpose=COURT)
    log_export(session, user="otto", role="investigator", kind="debtors", purpose=COURT,
               filters={"name_contains": "sam"}, row_count=5)
    session.add(Correction(document_id=document.id, field_name="amount_due", action="correct",
                           old_value="10", new_value="100", user="rita"))
    session.add(IdentityEvent(identity_id=3, kind="merged", other_identity_id=4,
                              detail="same SSN-4", user="ines"))
    session.add(IdentityEvent(identity_id=3, kind="created", user="system"))
    old = AccessLog(user="ines", action="identity_view", purpose=COLLECT, identity_id=9,
                    created_at=datetime(2020, 1, 2, tzinfo=UTC))
    session.add(old)
    session.flush()


def test_the_audit_lists_every_kind_of_act_newest_first(session):
    _trail(session)
    rows = audit_rows(session)
    assert sorted(row.action for row in rows) == sorted([
        "search", "identity_view", "identity_view", "identity_view", "export", "correction",
        "merge"])
    assert [row.when for row in rows] == sorted((row.when for row in rows), reverse=True)
    search = next(row for row in rows if row.action == "search")
    assert "6789" in search.what and "123-45" not in search.what
    assert (search.os_user, search.rows) == ("ines-os", 2)
    export = next(row for row in rows if row.action == "export")
    assert export.rows == 5 and "sam" in export.what
    assert "system" not in audit_users(session) and "rita" in audit_users(session)


def test_the_audit_filters_by_user_purpose_and_dates(session):
    _trail(session)
    assert {row.user for row in audit_rows(session, AuditFilters(user="OTTO"))} == {"otto"}
    by_os = audit_rows(session, AuditFilters(user="ines-os"))
    assert [row.action for row in by_os] == ["search"]
    court = audit_rows(session, AuditFilters(purpose=COURT))
    assert sorted(row.action for row in court) == ["export", "identity_view"]
    old = audit_rows(session, AuditFilters(start=date(2020, 1, 1), end=date(2020, 1, 2)))
    assert [(row.identity_id, row.action) for row in old] == [(9, "identity_view")]
    merges = audit_rows(session, AuditFilters(actions=("merge", "split")))
    assert [(row.identity_id, row.user) for row in merges] == [(3, "ines")]


def test_the_audit_csv_has_a_header_and_one_line_per_row(session):
    _trail(session)
    rows = audit_rows(session)
    text = audit_csv(rows).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "when,user,os_user,action,purpose,identity_id,what,rows"
    assert len(lines) == len(rows) + 1
    assert "123-45-6789" not in text
    assert SearchLog.__tablename__  # searches come from the old table, kept readable


def test_a_removed_document_shows_in_the_audit(session):
    log_document_removed(session, user="ida", document_id=7, file_name="bad.pdf",
                         reason="truncated")
    rows = audit_rows(session, AuditFilters(actions=("document_removed",)))
    assert [(row.action, row.user) for row in rows] == [("document_removed", "ida")]
    assert "bad.pdf" in rows[0].what
