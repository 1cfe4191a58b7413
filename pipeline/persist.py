"""Writing one document's read and extraction into the database, reconciling with what is there.

Re-extraction never overwrites a reviewer's decision: fields a person decided stay as they
are, and parties are updated in place (role and name matching) so identity links and an
investigator's merge/split decisions survive. ``fill_party`` is the one place an extracted
party (``core.results.ExtractedParty``) becomes a ``models.tables.Party`` row.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, col, select

from core.document import ReadDocument
from core.results import ExtractedParty
from core.vocabulary import REVIEWED_FIELD_STATUSES, FieldStatus
from models.row_ids import stored_id
from models.tables import (
    Correction,
    Document,
    ExtractedFieldRow,
    LinkDecision,
    Observation,
    Page,
    Party,
    PartyKey,
)

# Which extracted date stands for "when this document speaks", best first.
DOCUMENT_DATE_FIELDS = ("judgment_date", "filing_date", "due_date")


def replace_pages(session: Session, document: Document, read: ReadDocument) -> None:
    document_id = stored_id(document)
    for old in session.exec(select(Page).where(Page.document_id == document_id)).all():
        session.delete(old)
    session.flush()
    for page in read.pages:
        session.add(Page(document_id=document_id, number=page.number, source=page.source,
                         width=page.width, height=page.height,
                         words=[w.to_dict() for w in page.words], text=page.text,
                         status=page.status, error=page.error))


def _is_referenced(session: Session, column, value: int) -> bool:
    return session.exec(select(column).where(column == value).limit(1)).first() is not None


def _reconcile_fields(session: Session, document: Document, extraction) -> None:
    """Update machine-extracted fields in place, name by name.

    Fields a reviewer decided are left as they are (and new values for those
    names are dropped); an old field that audit rows point at is kept as
    ``superseded`` rather than deleted, so the audit trail never dangles."""
    rows = session.exec(select(ExtractedFieldRow)
                        .where(ExtractedFieldRow.document_id == document.id)
                        .order_by(col(ExtractedFieldRow.id))).all()
    reviewed_names = {row.name for row in rows if row.status in REVIEWED_FIELD_STATUSES}
    open_rows: dict[str, list[ExtractedFieldRow]] = {}
    for row in rows:
        if row.status not in REVIEWED_FIELD_STATUSES:
            open_rows.setdefault(row.name, []).append(row)
    new_by_name: dict[str, list] = {}
    for field in sorted(extraction.fields, key=lambda f: -f.confidence):
        if field.name not in reviewed_names:
            new_by_name.setdefault(field.name, []).append(field)
    for name in set(open_rows) | set(new_by_name):
        old, new = open_rows.get(name, []), new_by_name.get(name, [])
        for row, field in zip(old, new, strict=False):
            row.value, row.raw, row.confidence = field.value, field.raw, field.confidence
            row.page, row.bbox, row.extractor = field.page, list(field.bbox), field.extractor
            row.evidence = field.evidence
            row.status = FieldStatus.EXTRACTED
            row.version += 1
            session.add(row)
        for row in old[len(new):]:
            if _is_referenced(session, Correction.field_id, stored_id(row)):
                row.status = FieldStatus.SUPERSEDED
                row.version += 1
                session.add(row)
            else:
                session.delete(row)
        for field in new[len(old):]:
            session.add(ExtractedFieldRow(document_id=stored_id(document), name=field.name,
                                          value=field.value, raw=field.raw,
                                          confidence=field.confidence, page=field.page,
                                          bbox=list(field.bbox), extractor=field.extractor,
                                          evidence=field.evidence))


def _party_key(role: str, name: str) -> tuple[str, str]:
    return role, " ".join(name.casefold().split())


def fill_party(party: Party, found: ExtractedParty) -> Party:
    """Copy an extracted party's contacts and provenance onto its row (role and name are
    the row's identity, set when it is created). A printed address status or phone
    type/status rides on its value as a trailing note ("... (bad address)"), the form
    skip tracing reads into observations (``ExtractedParty.stored_contacts``)."""
    party.dob, party.ssn_last4 = found.dob, found.ssn_last4
    party.addresses, party.phones = found.stored_contacts()
    party.emails, party.confidence = list(found.emails), found.confidence
    party.page, party.bbox, party.extractor = found.page, list(found.bbox), found.extractor
    return party


def _reviewed_keys(session: Session, reviewed: list[Party]) -> set[tuple[str, str]]:
    """Every (role, name) a reviewed party has carried: its present one, and the ones a
    reviewer corrected away from (the audit rows), so re-reading the same page does not
    bring back the name or role a reviewer fixed as a second party."""
    keys = {_party_key(party.role, party.name) for party in reviewed}
    ids = [stored_id(party) for party in reviewed]
    if not ids:
        return keys
    by_id = {stored_id(party): party for party in reviewed}
    for row in session.exec(select(Correction).where(col(Correction.party_id).in_(ids))
                            .where(col(Correction.field_name).in_(("party.name",
                                                                   "party.role")))).all():
        party = by_id[int(row.party_id or 0)]
        if row.old_value and row.field_name == "party.name":
            keys.add(_party_key(party.role, row.old_value))
        elif row.old_value:
            keys.add(_party_key(row.old_value, party.name))
    return keys


def _reconcile_parties(session: Session, document: Document, extraction) -> list[int]:
    """Update parties in place where role and name match, so identity links and an
    investigator's merge/split decisions (which point at party rows) survive
    re-extraction. A party a reviewer accepted, corrected or added is left exactly as
    the reviewer left it, and the new extraction's reading of it is dropped, as for
    fields. Returns the ids of updated parties that are already linked."""
    old: dict[tuple[str, str], list[Party]] = {}
    reviewed: list[Party] = []
    for party in session.exec(select(Party).where(Party.document_id == document.id)
                              .order_by(col(Party.id))).all():
        if party.status in REVIEWED_FIELD_STATUSES:  # accepted, corrected or added
            reviewed.append(party)
        else:
            old.setdefault(_party_key(party.role, party.name), []).append(party)
    kept = _reviewed_keys(session, reviewed)
    refreshed: list[int] = []
    for found in extraction.parties:
        key = _party_key(found.role, found.name)
        if key in kept:
            continue
        matches = old.get(key)
        if matches:
            party = matches.pop(0)
            if party.identity_id is not None:
                refreshed.append(stored_id(party))
        else:
            party = Party(document_id=stored_id(document), role=found.role, name=found.name)
        session.add(fill_party(party, found))
    for leftovers in old.values():
        for party in leftovers:
            for observation in session.exec(select(Observation)
                                            .where(Observation.party_id == party.id)).all():
                session.delete(observation)
            decided = (_is_referenced(session, LinkDecision.party_a, stored_id(party))
                       or _is_referenced(session, LinkDecision.party_b, stored_id(party)))
            if not decided:  # a party an investigator decided on stays as evidence
                session.execute(delete(PartyKey).where(col(PartyKey.party_id) == party.id))
                session.delete(party)
    return refreshed


def replace_extraction(session: Session, document: Document, extraction) -> list[int]:
    """Bring stored fields and parties in line with a new extraction (see above)."""
    _reconcile_fields(session, document, extraction)
    refreshed = _reconcile_parties(session, document, extraction)
    session.flush()
    return refreshed


def document_date(extraction) -> date | None:
    by_name = {f.name: f.value for f in sorted(extraction.fields, key=lambda f: -f.confidence)}
    for name in DOCUMENT_DATE_FIELDS:
        value = by_name.get(name)
        if value:
            try:
                return date.fromisoformat(value)
            except ValueError:
                continue
    return None


def store_read(session: Session, document: Document, read: ReadDocument) -> None:
    document.media_type = read.media_type
    document.page_count = len(read.pages)
    document.doc_type = read.doc_type
    replace_pages(session, document, read)
