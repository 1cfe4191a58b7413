from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlmodel import select

from models.tables import Correction, Document, ExtractedFieldRow, utcnow
from review import locks, policy, saves, work_queue
from review.policy import ReviewSettings
from tests.workbench.conftest import add_document

SETTINGS = ReviewSettings(auto_accept_threshold=0.95, audit_share=0.0, lock_minutes=15)


def _field(session, document, name) -> ExtractedFieldRow:
    return session.exec(select(ExtractedFieldRow).where(
        ExtractedFieldRow.document_id == document.id, ExtractedFieldRow.name == name)).one()


def test_review_queue_orders_lowest_confidence_first(session):
    confident = add_document(session, name="a.pdf", fields=[("case_number", "1", 0.85)])
    shaky = add_document(session, name="b.pdf", fields=[("case_number", "2", 0.30)])
    queue = work_queue.review_queue(session)
    assert [item.document_id for item in queue] == [shaky.id, confident.id]
    assert queue[0].min_confidence == pytest.approx(0.30)


def test_review_queue_filters_by_doc_type_and_field(session):
    complaint = add_document(session, name="c.pdf", doc_type="complaint")
    add_document(session, name="j.pdf", doc_type="judgment",
                 fields=[("judgment_amount", "10.00", 0.5)])
    assert [i.document_id for i in work_queue.review_queue(session, doc_type="complaint")] == [
        complaint.id]
    only_field = work_queue.review_queue(session, field_name="judgment_amount")
    assert [i.doc_type for i in only_field] == ["judgment"]


def test_triage_auto_accepts_confident_fields_and_marks_them_as_system(session):
    document = add_document(session)
    policy.triage_document(session, document, SETTINGS, random.Random(1))
    assert _field(session, document, "case_number").status == "auto_accepted"
    assert _field(session, document, "amount_due").status == "extracted"
    assert document.review_status == "pending"
    auto = _field(session, document, "case_number")
    assert (auto.reviewed_by, auto.version) == ("system", 1) and auto.reviewed_at is not None
    # a machine decision is not a person's correction: nothing for re-extraction to trip on
    assert session.exec(select(Correction)).all() == []


def test_triage_sends_a_share_of_fully_auto_accepted_documents_to_audit(session):
    settings = ReviewSettings(auto_accept_threshold=0.9, audit_share=0.25)
    documents = [add_document(session, name=f"d{i}.pdf", fields=[("case_number", "1", 0.99)])
                 for i in range(200)]
    policy.triage_pending(session, settings, random.Random(7))
    statuses = [d.review_status for d in documents]
    audited = statuses.count("audit")
    assert statuses.count("auto_accepted") + audited == 200
    assert 30 <= audited <= 70  # 25 % of 200, give or take chance
    queue_ids = {i.document_id for i in work_queue.review_queue(session, limit=500)}
    assert queue_ids == {d.id for d in documents if d.review_status == "audit"}


def test_triage_is_idempotent(session):
    document = add_document(session, fields=[("case_number", "1", 0.99)])
    settings = ReviewSettings(audit_share=0.5)
    first = policy.triage_document(session, document, settings, random.Random(3))
    changed = policy.triage_pending(session, settings, random.Random(4))
    assert document.review_status == first and changed == 0
    assert _field(session, document, "case_number").version == 1


def test_save_field_correct_normalizes_and_records_who_when_old_new_box(session):
    document = add_document(session)
    field = _field(session, document, "amount_due")
    result = saves.save_field(session, field.id, user="rita", action="correct",
                               expected_version=field.version, new_value="$1,300.5",
                               new_bbox=[100, 170, 160, 180])
    assert result.saved, result.message
    assert (field.value, field.status, field.version, field.reviewed_by) == (
        "1300.50", "corrected", 1, "rita")
    correction = session.exec(select(Correction).where(Correction.field_id == field.id)).one()
    assert (correction.user, correction.old_value, correction.new_value, correction.outcome) == (
        "rita", "1234.56", "1300.50", "saved")
    assert correction.new_bbox == [100, 170, 160, 180]
    assert correction.created_at is not None


def test_save_field_refuses_stale_version_and_records_conflict(session):
    document = add_document(session)
    field = _field(session, document, "amount_due")
    seen = field.version
    assert saves.save_field(session, field.id, user="rita", action="accept",
                             expected_version=seen).saved
    stale = saves.save_field(session, field.id, user="sam", action="correct",
                              expected_version=seen, new_value="99.00")
    assert not stale.saved and stale.conflict
    assert "Reload" in stale.message
    assert field.value == "1234.56" and field.status == "accepted"
    conflict = session.exec(select(Correction).where(Correction.outcome == "conflict")).one()
    assert (conflict.user, conflict.new_value) == ("sam", "99.00")


def test_lock_blocks_another_reviewer_until_it_expires(session):
    document = add_document(session)
    now = utcnow()
    locks.acquire_lock(session, document.id, "rita", SETTINGS, now=now)
    with pytest.raises(locks.DocumentLocked, match="rita"):
        locks.acquire_lock(session, document.id, "sam", SETTINGS, now=now)
    field = _field(session, document, "case_number")
    blocked = saves.save_field(session, field.id, user="sam", action="accept",
                                expected_version=field.version, now=now)
    assert blocked.conflict and "rita is reviewing" in blocked.message
    later = now + timedelta(minutes=SETTINGS.lock_minutes + 1)
    assert locks.acquire_lock(session, document.id, "sam", SETTINGS, now=later).lock_user == "sam"


def test_save_field_rejects_unreadable_value_without_change(session):
    document = add_document(session)
    field = _field(session, document, "filing_date")
    result = saves.save_field(session, field.id, user="rita", action="correct",
                               expected_version=field.version, new_value="not a date")
    assert not result.saved and "filing_date" in result.message
    assert field.value == "2024-03-03"
    assert session.exec(select(Correction)).all() == []


def test_reviewing_every_field_marks_document_reviewed(session):
    document = add_document(session)
    for field in saves.document_fields(session, document.id):
        action = "not_in_document" if field.name == "filing_date" else "accept"
        assert saves.save_field(session, field.id, user="rita", action=action,
                                 expected_version=field.version).saved
    assert session.get(Document, document.id).review_status == "reviewed"
    assert work_queue.review_queue(session) == []


def test_add_field_stores_value_box_and_audit(session):
    document = add_document(session, fields=[])
    result = saves.add_field(session, document.id, user="rita", name="principal",
                              value="1,000", page=1, bbox=[72, 72, 100, 82],
                              expected_document_version=document.version)
    assert result.saved
    added = session.get(ExtractedFieldRow, result.field_id)
    assert (added.value, added.status, added.extractor) == ("1000.00", "added", "reviewer")
    stale = saves.add_field(session, document.id, user="sam", name="fees", value="5",
                             page=1, bbox=[1, 1, 2, 2], expected_document_version=0)
    assert stale.conflict


def test_finish_review_refuses_while_fields_are_open(session):
    document = add_document(session)
    result = saves.finish_review(session, document.id, "rita")
    assert not result.saved and "3 field(s) still open" in result.message
    empty = add_document(session, name="empty.pdf", fields=[])
    assert saves.finish_review(session, empty.id, "rita").saved
    assert empty.review_status == "reviewed"


def test_review_settings_reject_bad_values():
    with pytest.raises(ValueError, match="audit_share"):
        ReviewSettings(audit_share=1.5)


def test_apply_review_policy_reopens_a_reviewed_document_with_new_fields(session):
    document = add_document(session, fields=[("case_number", "1", 0.5)])
    field = _field(session, document, "case_number")
    saves.save_field(session, field.id, user="rita", action="accept", expected_version=0)
    assert document.review_status == "reviewed"
    session.add(ExtractedFieldRow(document_id=document.id, name="fees", value="5.00",
                                  confidence=0.4, bbox=[1, 1, 2, 2]))
    session.flush()
    assert policy.apply_review_policy(session, document, SETTINGS) == "pending"
    assert [i.document_id for i in work_queue.review_queue(session)] == [document.id]


def test_release_user_locks_frees_documents_on_sign_out(session):
    first, second = add_document(session, name="a.pdf"), add_document(session, name="b.pdf")
    for document in (first, second):
        locks.acquire_lock(session, document.id, "rita", SETTINGS)
    assert locks.active_locks(session) == 2
    assert locks.release_user_locks(session, "rita") == 2
    assert locks.active_locks(session) == 0
    assert locks.acquire_lock(session, first.id, "sam", SETTINGS).lock_user == "sam"


def test_save_field_checks_the_version_inside_the_write(database_url):
    """A save whose session still holds the old row is refused by the write itself."""
    from sqlmodel import Session

    from workbench.db import ensure_schema

    engine = ensure_schema(database_url)
    with Session(engine) as setup:
        field_id = _field(setup, add_document(setup), "amount_due").id
        setup.commit()
    with Session(engine) as alice, Session(engine) as bob:
        assert bob.get(ExtractedFieldRow, field_id).version == 0  # bob opened it at version 0
        assert saves.save_field(alice, field_id, user="alice", action="correct",
                                 expected_version=0, new_value="1500").saved
        alice.commit()
        late = saves.save_field(bob, field_id, user="bob", action="correct",
                                 expected_version=0, new_value="1600")
        bob.commit()
    assert late.conflict and "changed by alice" in late.message
    with Session(engine) as check:
        field = check.get(ExtractedFieldRow, field_id)
        outcomes = sorted((c.user, c.outcome, c.new_value) for c in check.exec(
            select(Correction).where(Correction.field_id == field_id)).all())
    assert (field.value, field.version, field.reviewed_by) == ("1500.00", 1, "alice")
    assert outcomes == [("alice", "saved", "1500.00"), ("bob", "conflict", "1600.00")]
