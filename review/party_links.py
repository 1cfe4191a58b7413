"""Re-linking a party a reviewer corrected or added into skip-trace identities.

The linking itself is skip tracing's (``skiptrace.incremental_link.link_new_parties``);
this module only decides what a reviewed party must go through first:

- a party an investigator merged or split keeps its identity (the decision stands) and
  only its observations and blocking keys are rewritten from the corrected values;
- any other linked party is detached (observations and keys dropped) and linked again,
  so a corrected name, date of birth or address can move it to the person it really is;
- a party that is no longer a person (its role is now creditor, say) stays unlinked.

A party that was its identity's only member and matches nobody else keeps its identity
id; an identity left without parties is retired; every move leaves an ``IdentityEvent``.

A party a reviewer rejected (not a party, not in the document) is withdrawn: its
observations and keys dropped, unlinked, and kept unlinked when its document is linked
again (skip tracing links every unlinked person party it is given, whatever its status).
"""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from core.vocabulary import FieldStatus
from models.row_ids import stored_id
from models.tables import Identity, IdentityEvent, LinkDecision, Observation, Party, utcnow
from skiptrace.identity_rows import move_parties, touch_identities
from skiptrace.incremental_link import link_new_parties
from skiptrace.observations import refresh_observations
from skiptrace.party_keys import forget_keys
from skiptrace.party_records import is_person_party


def _decided(session: Session, party_id: int) -> bool:
    return session.exec(select(LinkDecision.id).where(or_(
        col(LinkDecision.party_a) == party_id, col(LinkDecision.party_b) == party_id))
    ).first() is not None


def _detach(session: Session, party: Party) -> None:
    for row in session.exec(select(Observation).where(Observation.party_id == party.id)).all():
        session.delete(row)
    forget_keys(session, [stored_id(party)])
    touch_identities(session, [party.identity_id])
    party.identity_id, party.link_score = None, None
    session.add(party)
    session.flush()


def _members(session: Session, identity_id: int) -> int:
    return session.exec(select(func.count()).select_from(Party)
                        .where(Party.identity_id == identity_id)).one()


def _keep_old_id(session: Session, party: Party, before: int, after: int, user: str) -> int:
    """A party that was its identity's only member and founded a new one alone is the same
    person: it goes back to its old identity (ids stay stable, as in a full relink)."""
    if _members(session, after) != 1 or _members(session, before) != 0:
        return after
    move_parties(session, [party], before)
    founded = session.get(Identity, after)
    if founded is not None:
        founded.status, founded.merged_into, founded.updated_at = "merged", before, utcnow()
        session.add(founded)
    session.add(IdentityEvent(identity_id=after, kind="merged", other_identity_id=before,
                              user=user, detail=f"party {party.id} re-linked after review: "
                              f"back in identity {before}"))
    session.flush()
    return before


def _record_move(session: Session, party: Party, before: int, after: int | None,
                 user: str, why: str = "changed in review") -> None:
    """Events on both identities; the one left empty is retired."""
    what = f"party {party.id} of document {party.document_id} {why} by {user}"
    left = _members(session, before)
    old = session.get(Identity, before)
    if old is not None and not left:
        old.status, old.updated_at = "retired", utcnow()
        session.add(old)
    session.add(IdentityEvent(
        identity_id=before, kind="relinked", other_identity_id=after, user=user,
        detail=f"{what}: moved to identity {after}" if after else f"{what}: no longer traced"))
    if after is not None:
        session.add(IdentityEvent(identity_id=after, kind="relinked", other_identity_id=before,
                                  user=user, detail=f"{what}: joined from identity {before}"))
    session.flush()


def relink_party(session: Session, party: Party, *, user: str) -> int | None:
    """Link ``party`` again after a review change; returns its identity id now (None when
    it is not a person skip tracing follows)."""
    party_id = stored_id(party)
    before = party.identity_id
    person = is_person_party(party)
    if before is not None and person and _decided(session, party_id):
        refresh_observations(session, [party_id])
        session.flush()
        return before
    if before is not None:
        _detach(session, party)
    if person:
        link_new_parties(session, [party.document_id])
        withdraw_rejected(session, party.document_id, user=user)
        session.refresh(party)
    after = party.identity_id
    if before is not None and after is not None and after != before:
        after = _keep_old_id(session, party, before, after, user)
    if before is not None and after != before:
        _record_move(session, party, before, after, user)
    return after


def withdraw_party(session: Session, party: Party, *, user: str, why: str) -> int | None:
    """Take a party's evidence out of skip tracing: observations and keys dropped, unlinked;
    an identity left without parties is retired. Returns the identity it left, if any."""
    before = party.identity_id
    _detach(session, party)
    if before is not None:
        _record_move(session, party, before, None, user, why=why)
    return before


def withdraw_rejected(session: Session, document_id: int, *, user: str) -> list[int]:
    """Unlink again the rejected parties of a document that linking picked up; returns
    their ids (none, unless skip tracing linked one since it was rejected)."""
    linked = session.exec(select(Party).where(
        Party.document_id == document_id, Party.status == FieldStatus.REJECTED,
        col(Party.identity_id).is_not(None))).all()
    for party in linked:
        withdraw_party(session, party, user=user, why="rejected in review")
    return [stored_id(p) for p in linked]
