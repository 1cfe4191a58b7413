""""Document done" for parties: the parties still open are accepted as they stand.

Fields decide whether a document needs a person (``review.policy``: confident fields are
auto-accepted, a document whose fields are all decided is reviewed). Parties have no
auto-accept, so counting an open party as open there would send every auto-accepted
document back to a person and keep a document whose fields are decided out of
"reviewed". Instead, the reviewer who says a document is done vouches for the parties
left open: each is accepted with its own audit row (action "accept", by that reviewer),
its version bumped so a tab that still shows it open is refused as for any save.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from core.vocabulary import FieldStatus
from models.tables import Correction, Document, Party, utcnow
from review.party_writes import touch_document
from review.saves import SaveResult, finish_review

OPEN_PARTY_STATUSES = (FieldStatus.EXTRACTED,)


def open_parties(session: Session, document_id: int) -> list[Party]:
    """The document's parties no person has decided yet."""
    return list(session.exec(select(Party).where(
        Party.document_id == document_id, col(Party.status).in_(OPEN_PARTY_STATUSES))
        .order_by(col(Party.id))).all())


def accept_open_parties(session: Session, document: Document, *, user: str,
                        now: datetime | None = None) -> int:
    """Accept every open party of ``document`` as it stands; returns how many."""
    now = now or utcnow()
    parties = open_parties(session, int(document.id or 0))
    for party in parties:
        party.status, party.version = FieldStatus.ACCEPTED, party.version + 1
        party.reviewed_by, party.reviewed_at = user, now
        session.add(party)
        session.add(Correction(party_id=party.id, document_id=party.document_id,
                               field_name="party", action="accept", old_value=party.name,
                               new_value=party.name, user=user, created_at=now))
    if parties:
        touch_document(session, document, now)
    session.flush()
    return len(parties)


def finish_document(session: Session, document_id: int, user: str,
                    now: datetime | None = None) -> SaveResult:
    """Document done: refused while a field is open (``finish_review``); otherwise the
    open parties are accepted too, in the same transaction."""
    result = finish_review(session, document_id, user)
    if not result.saved:
        return result
    document = session.get(Document, document_id)
    accepted = accept_open_parties(session, document, user=user, now=now) if document else 0
    if not accepted:
        return result
    plural = "party" if accepted == 1 else "parties"
    return SaveResult(True, f"{result.message}; {accepted} open {plural} accepted as they stand")
