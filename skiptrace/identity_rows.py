"""Shared writes on ``Identity`` rows: founding one, naming it, marking it changed,
moving parties (with their observations) into it, and the lock that serializes linking."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import text
from sqlmodel import Session, col, select

from models.row_ids import stored_id
from models.tables import Identity, IdentityEvent, Observation, Party, utcnow

# Key space of the PostgreSQL advisory lock that lets one transaction at a time link
# ("link"): two workers linking the same person at once would each found an identity.
LINKING_LOCK_SPACE = 0x6C696E6B


def display_name(parties: Sequence[Party]) -> str:
    """The name printed most often (ties: the longest, it tends to be the fullest)."""
    names = Counter(" ".join(p.name.split()) for p in parties)
    return max(names, key=lambda name: (names[name], len(name))) if names else ""


def new_identity(session: Session, parties: Sequence[Party], detail: str,
                 user: str = "system", other: int | None = None,
                 kind: str = "created") -> Identity:
    identity = Identity(display_name=display_name(parties))
    session.add(identity)
    session.flush()
    session.add(IdentityEvent(identity_id=stored_id(identity), kind=kind, other_identity_id=other,
                              detail=detail, user=user))
    return identity


def touch_identities(session: Session, identity_ids: Iterable[int | None]) -> None:
    """Mark identities changed (search refreshes exactly these; ``None`` is skipped)."""
    ids = sorted({i for i in identity_ids if i is not None})
    if not ids:
        return
    now = utcnow()
    for identity in session.exec(select(Identity).where(col(Identity.id).in_(ids))):
        identity.updated_at = now
        session.add(identity)


def hold_linking_lock(session: Session) -> None:
    """On PostgreSQL, wait for any other transaction that is linking (held to commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:space, 0)"),
                        {"space": LINKING_LOCK_SPACE})


def move_parties(session: Session, parties: Iterable[Party], identity_id: int) -> None:
    parties = list(parties)
    touch_identities(session, {identity_id} | {p.identity_id for p in parties})
    for party in parties:
        party.identity_id = identity_id
        session.add(party)
        for row in session.exec(select(Observation).where(Observation.party_id == party.id)):
            row.identity_id = identity_id
            session.add(row)

