"""Saving a reviewer's decisions on parties: audited, locked and version-checked as fields.

A save names the party version the reviewer saw; a stale version or someone else's
review lock refuses it and records a conflict row. Every change writes one ``Correction``
per changed attribute (``field_name`` "party.phones", ...; lists one value per line), so
the audit trail reads as the fields' does, and the corrected or added party is linked
into skip-trace identities again (``review.party_links``). Values arrive already read and
checked (``review.party_values``): no full SSN can reach this module's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from core.vocabulary import FieldStatus
from models.row_ids import stored_id
from models.tables import Correction, Party, utcnow
from review.party_links import relink_party
from review.party_values import PARTY_ATTRIBUTES, PartyValues
from review.party_writes import touch_document, write_party
from review.rows import document_or_fail
from review.saves import SaveResult, save_refusal


def document_parties(session: Session, document_id: int) -> list[Party]:
    """The document's parties in reading order (page, then top of their box)."""
    parties = session.exec(select(Party).where(Party.document_id == document_id)
                           .order_by(col(Party.id))).all()
    return sorted(parties, key=lambda p: (p.page, p.bbox[1] if len(p.bbox) == 4 else 0.0,
                                          p.id or 0))


def _changes(before: PartyValues, after: PartyValues) -> list[str]:
    return [a for a in PARTY_ATTRIBUTES if getattr(before, a) != getattr(after, a)]


def _linked(message: str, identity_id: int | None) -> str:
    return message + (f" · skip-trace identity #{identity_id}" if identity_id else
                      " · not traced (not a person)")


def save_party(session: Session, party_id: int, *, user: str, expected_version: int,
               values: PartyValues, page: int | None = None,
               bbox: Sequence[float] | None = None, now: datetime | None = None) -> SaveResult:
    """Store ``values`` on the party if the reviewer saw its latest version.

    Unchanged values are recorded as an accept. The version is checked inside the write
    (``UPDATE ... WHERE version = :seen``), so of two overlapping saves exactly one wins.
    """
    now = now or utcnow()
    party = session.get(Party, party_id)
    if party is None:
        return SaveResult(False, f"party {party_id} no longer exists; reload the document")
    document = document_or_fail(session, party.document_id)
    before, before_status = PartyValues.of(party), party.status
    changed = _changes(before, values)
    old_bbox = list(party.bbox)
    new_bbox = list(bbox) if bbox is not None else old_bbox
    if new_bbox != list(party.bbox) and "bbox" not in changed:
        changed.append("bbox")
    status = FieldStatus.CORRECTED if changed else FieldStatus.ACCEPTED
    if party.status == FieldStatus.ADDED:
        status = FieldStatus.ADDED  # still the reviewer's own party
    refusal = write_party(
        session, party, document, user=user, now=now, expected_version=expected_version,
        values={"role": values.role, "name": values.name, "addresses": list(values.addresses),
                "phones": list(values.phones), "emails": list(values.emails),
                "dob": values.dob, "ssn_last4": values.ssn_last4,
                "page": page or party.page, "bbox": new_bbox, "status": status})
    if refusal:
        session.add(Correction(party_id=party_id, document_id=party.document_id,
                               field_name="party", action="correct" if changed else "accept",
                               old_value=before.name, new_value=values.name, user=user,
                               created_at=now, outcome="conflict"))
        session.flush()
        return SaveResult(False, refusal, conflict=True, party_id=party_id)
    if not changed:
        session.add(Correction(party_id=party_id, document_id=party.document_id,
                               field_name="party", action="accept", old_value=before.name,
                               new_value=before.name, user=user, created_at=now))
    for attribute in changed:
        if attribute == "bbox":
            continue
        session.add(Correction(
            party_id=party_id, document_id=party.document_id, field_name=f"party.{attribute}",
            action="correct", old_value=before.shown(attribute) or None,
            new_value=values.shown(attribute) or None, old_bbox=old_bbox,
            new_bbox=new_bbox, user=user, created_at=now))
    touch_document(session, document, now)
    # a rejected party saved again is back in skip tracing, changed or not
    relink = changed or before_status == FieldStatus.REJECTED
    identity_id = relink_party(session, party, user=user) if relink else party.identity_id
    return SaveResult(True, _linked(f"party {values.name}: {FieldStatus(status).label}",
                                    identity_id), party_id=party_id)


def add_party(session: Session, document_id: int, *, user: str, values: PartyValues,
              page: int, bbox: Sequence[float], expected_document_version: int,
              now: datetime | None = None) -> SaveResult:
    """Record a party the extractor missed, with the box the reviewer pointed at, and link it."""
    now = now or utcnow()
    document = document_or_fail(session, document_id)
    refusal = save_refusal(document, user, now, document.version, expected_document_version,
                           what="the document was changed meanwhile")
    if refusal:
        session.add(Correction(document_id=document_id, field_name="party", action="add",
                               new_value=values.name, new_bbox=list(bbox), user=user,
                               created_at=now, outcome="conflict"))
        session.flush()
        return SaveResult(False, refusal, conflict=True)
    party = Party(document_id=document_id, role=values.role, name=values.name,
                  addresses=list(values.addresses), phones=list(values.phones),
                  emails=list(values.emails), dob=values.dob, ssn_last4=values.ssn_last4,
                  confidence=1.0, page=page, bbox=list(bbox), extractor="reviewer",
                  status=FieldStatus.ADDED, version=1, reviewed_by=user, reviewed_at=now)
    session.add(party)
    session.flush()
    for attribute in PARTY_ATTRIBUTES:
        if values.shown(attribute):
            session.add(Correction(party_id=party.id, document_id=document_id,
                                   field_name=f"party.{attribute}", action="add",
                                   new_value=values.shown(attribute), new_bbox=list(bbox),
                                   user=user, created_at=now))
    touch_document(session, document, now)
    identity_id = relink_party(session, party, user=user)
    return SaveResult(True, _linked(f"party {values.name}: added", identity_id),
                      party_id=stored_id(party))
