"""Rejecting a party the extractor read wrongly ("not a party", "not in the document").

A rejection is a reviewer's decision like a save: it names the party version the
reviewer saw, is refused (and recorded as a conflict) under someone else's lock or on a
stale version, and writes one ``Correction`` (action "reject"). The party row stays, as
the audit trail's subject and so re-extraction recognises the reading and drops it
(``pipeline.persist`` keeps every reviewed party), but its skip-trace evidence is
withdrawn (``review.party_links.withdraw_party``) and exports and the page leave it out.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from core.vocabulary import FieldStatus
from models.tables import Correction, Party, utcnow
from review.party_links import withdraw_party
from review.party_writes import touch_document, write_party
from review.rows import document_or_fail
from review.saves import SaveResult

REJECT_ACTION = "reject"


def reject_party(session: Session, party_id: int, *, user: str, expected_version: int,
                 now: datetime | None = None) -> SaveResult:
    """Mark the party rejected if the reviewer saw its latest version, and withdraw it from
    skip tracing. The version is checked inside the write, as ``save_party`` does."""
    now = now or utcnow()
    party = session.get(Party, party_id)
    if party is None:
        return SaveResult(False, f"party {party_id} no longer exists; reload the document")
    document = document_or_fail(session, party.document_id)
    name, bbox = party.name, list(party.bbox)
    refusal = write_party(session, party, document, user=user, now=now,
                          expected_version=expected_version,
                          values={"status": FieldStatus.REJECTED}, shown_name=name)
    session.add(Correction(party_id=party_id, document_id=party.document_id,
                           field_name="party", action=REJECT_ACTION, old_value=name,
                           new_value=None, old_bbox=bbox, new_bbox=bbox, user=user,
                           created_at=now, outcome="conflict" if refusal else "saved"))
    if refusal:
        session.flush()
        return SaveResult(False, refusal, conflict=True, party_id=party_id)
    touch_document(session, document, now)
    left = withdraw_party(session, party, user=user, why="rejected in review")
    traced = f" · withdrawn from skip-trace identity #{left}" if left else ""
    return SaveResult(True, f"party {name}: {FieldStatus.REJECTED.label}{traced}",
                      party_id=party_id)
