"""Observation rows: each linked party's addresses, phones and e-mails, dated by its document
(and, on a garnishment, the debtor's employer), which identity histories are built from."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from models.row_ids import stored_id
from models.tables import Document, Observation, Party
from skiptrace.identity_rows import touch_identities
from skiptrace.party_keys import record_keys, store_keys
from skiptrace.party_records import employer_contacts, is_person_party, party_contacts
from skiptrace.population import documents_by_id, load_population

BANK_WORDS = ("bank", "credit union", "savings", "federal credit")


def _is_bank(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in BANK_WORDS)


def write_observations(session: Session, party: Party, document: Document | None) -> None:
    """Observation rows for one party (and its document's employer, on a garnishment)."""
    existing = session.exec(select(Observation).where(Observation.party_id == party.id)).all()
    for row in existing:
        session.delete(row)
    # The document's own date only: a document that names none is undated, not dated by
    # the day it was taken in (history shows it as "undated" and ranks it last).
    day = document.document_date if document is not None else None
    source_type = document.doc_type if document else ""
    sightings = party_contacts(party)
    if document is not None and document.doc_type == "garnishment" and party.role == "debtor":
        garnishees = session.exec(select(Party).where(Party.document_id == document.id,
                                                      Party.role == "garnishee")).all()
        for garnishee in garnishees:
            if not _is_bank(garnishee.name):
                sightings.extend(employer_contacts(garnishee))
    for sighting in sightings:
        session.add(Observation(identity_id=party.identity_id, party_id=party.id,
                                document_id=party.document_id, kind=sighting.kind,
                                value=sighting.value, normalized=sighting.normalized,
                                observed_on=day, source_type=source_type,
                                detail=sighting.detail))


def refresh_observations(session: Session, party_ids: Iterable[int]) -> int:
    """Rewrite the observations of already-linked parties (after a re-extraction
    changed their addresses or phones); returns how many parties were refreshed."""
    ids = sorted(set(party_ids))
    if not ids:
        return 0
    parties = list(session.exec(select(Party).where(col(Party.id).in_(ids))).all())
    documents = documents_by_id(session, {p.document_id for p in parties})
    for party in parties:
        write_observations(session, party, documents.get(party.document_id))
    touch_identities(session, {p.identity_id for p in parties})
    people = [p for p in parties if p.identity_id is not None and is_person_party(p)]
    if people:
        store_keys(session, [stored_id(p) for p in people],
                   record_keys(load_population(session, people).table))
    return len(parties)

