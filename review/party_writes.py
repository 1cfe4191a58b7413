"""The one versioned write of a party decision, shared by saving, rejecting and finishing.

A decision names the party version the reviewer saw. Someone else's review lock or a
stale version refuses it before the write (``review.saves.save_refusal``), and the
version is checked again inside the ``UPDATE ... WHERE version = :seen`` so of two
overlapping decisions exactly one wins. Every decision also bumps the document's version,
so a tab still showing the document before it is refused as for fields.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from models.tables import Document, Party
from review.saves import save_refusal


def touch_document(session: Session, document: Document, now: datetime) -> None:
    """A decision on the document changed it: bump its version."""
    document.version += 1
    document.updated_at = now
    session.add(document)
    session.flush()


def write_party(session: Session, party: Party, document: Document, *, user: str,
                now: datetime, expected_version: int, values: dict[str, Any],
                shown_name: str | None = None) -> str | None:
    """Write ``values`` (plus the new version and reviewer) if the reviewer saw the
    party's latest version; returns why not, or None once written. ``party`` is
    refreshed either way, so a refused tab can show the winning values. The refusal
    names ``shown_name``, or the party's name as the winner left it."""
    who = party.reviewed_by or "someone"
    refusal = save_refusal(document, user, now, party.version, expected_version,
                           what=f"party {party.name} was changed by {who}")
    if refusal is not None:
        return refusal
    written = session.exec(
        update(Party)
        .where(col(Party.id) == party.id, col(Party.version) == expected_version)
        .values(**values, version=Party.version + 1, reviewed_by=user, reviewed_at=now)
        .execution_options(synchronize_session=False))
    session.refresh(party)
    if written.rowcount == 1:
        return None
    # someone saved first while this decision was on its way
    name = shown_name if shown_name is not None else party.name
    return (f"Not saved: party {name} was changed by {party.reviewed_by or 'someone'} "
            "after you opened it. Reload to see the latest values.")
