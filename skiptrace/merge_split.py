"""Investigators' manual edits: merge two identities or split parties out of one.

Each records a ``LinkDecision`` (so it survives every later relink), moves the
parties and their observations, and logs an ``IdentityEvent`` on both sides.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from core.errors import CasetraceError
from models.row_ids import stored_id
from models.tables import Identity, IdentityEvent, LinkDecision, Party, utcnow
from skiptrace.identity_rows import display_name, move_parties, new_identity


class IdentityError(CasetraceError, ValueError):
    """A merge or split that cannot be done as asked (unknown id, parties not in it...).

    A ``ValueError`` still, so callers that caught one (the workbench) keep working.
    """

    code = "L002"


def _active_identity(session: Session, identity_id: int) -> Identity:
    identity = session.get(Identity, identity_id)
    if identity is None:
        raise IdentityError(f"identity {identity_id} does not exist")
    if identity.status != "active":
        raise IdentityError(f"identity {identity_id} is {identity.status}, not active")
    return identity


def _parties_of(session: Session, identity_id: int) -> list[Party]:
    return list(session.exec(select(Party).where(Party.identity_id == identity_id)
                             .order_by(col(Party.id))).all())


def merge_identities(session: Session, keep_id: int, other_id: int, user: str,
                     reason: str) -> int:
    """Fold ``other_id`` into ``keep_id``; the decision survives every later relink."""
    if keep_id == other_id:
        raise IdentityError("an identity cannot be merged with itself")
    keep = _active_identity(session, keep_id)
    other = _active_identity(session, other_id)
    kept_parties, other_parties = _parties_of(session, keep_id), _parties_of(session, other_id)
    if not kept_parties or not other_parties:
        raise IdentityError("both identities need at least one party to merge")
    anchor = kept_parties[0]
    for party in other_parties:
        session.add(LinkDecision(kind="merge", party_a=stored_id(anchor), party_b=stored_id(party),
                                 identity_kept=keep_id, user=user, reason=reason))
    move_parties(session, other_parties, keep_id)
    other.status, other.merged_into, other.updated_at = "merged", keep_id, utcnow()
    keep.updated_at = utcnow()
    session.add_all([keep, other])
    session.add(IdentityEvent(identity_id=keep_id, kind="merged", other_identity_id=other_id,
                              detail=f"absorbed identity {other_id}: {reason}", user=user))
    session.add(IdentityEvent(identity_id=other_id, kind="merged", other_identity_id=keep_id,
                              detail=f"merged into identity {keep_id}: {reason}", user=user))
    session.flush()
    return keep_id


def split_identity(session: Session, identity_id: int, party_ids: list[int], user: str,
                   reason: str) -> int:
    """Move ``party_ids`` out of an identity into a new one; returns the new identity's id."""
    identity = _active_identity(session, identity_id)
    parties = _parties_of(session, identity_id)
    chosen = {pid for pid in party_ids}
    moving = [p for p in parties if p.id in chosen]
    staying = [p for p in parties if p.id not in chosen]
    if len(moving) != len(chosen):
        missing = sorted(chosen - {p.id for p in moving})
        raise IdentityError(f"parties {missing} are not in identity {identity_id}")
    if not moving or not staying:
        raise IdentityError("a split needs parties on both sides")
    new = new_identity(session, moving, detail=f"split from identity {identity_id}: {reason}",
                       user=user, other=identity_id, kind="split")
    new_id = stored_id(new)
    for mover in moving:
        for stayer in staying:
            session.add(LinkDecision(kind="split", party_a=stored_id(stayer),
                                     party_b=stored_id(mover), identity_kept=identity_id,
                                     identity_created=new_id, user=user, reason=reason))
    move_parties(session, moving, new_id)
    identity.updated_at = utcnow()
    identity.display_name = display_name(staying)
    session.add(identity)
    session.add(IdentityEvent(identity_id=identity_id, kind="split", other_identity_id=new_id,
                              detail=f"parties {sorted(chosen)} moved to identity {new_id}: "
                              f"{reason}", user=user))
    session.flush()
    return new_id

