"""Document parties as person records and as dated contact observations.

A party row holds what extraction read: a printed name, one-line addresses,
E.164 phones, e-mails. Linking wants a ``PersonRecord``; history wants one
``Observation`` per address, phone and e-mail, dated by the document.
``party_to_record`` is the one place a ``models.tables.Party`` becomes a
``PersonRecord`` (the extracted party became a ``Party`` in ``pipeline.persist``).

A contact value may carry its status in trailing parentheses, as placement
sheets print it: "1420 W Elm St, Springfield, IL 62704 (bad address)",
"+12175550143 (mobile)". The status goes to ``Observation.detail``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.vocabulary import FieldStatus
from models.tables import Document, Party
from skiptrace.normalize import (
    account_last_four,
    normalize_email,
    normalize_phone,
    parse_dob,
    parse_person_name,
)
from skiptrace.records import PersonRecord
from skiptrace.text import fold
from skiptrace.usps import parse_one_line_address

PERSON_ROLES = frozenset({"debtor", "other"})
ORGANIZATION_WORDS = frozenset({
    "llc", "inc", "corp", "corporation", "company", "co", "bank", "na", "funding", "capital",
    "credit", "services", "service", "financial", "finance", "management", "group", "trust",
    "association", "assn", "partners", "lp", "llp", "pllc", "pc", "ltd", "university",
    "hospital", "medical", "center", "clinic", "county", "city", "state", "department",
    "dept", "court", "spv", "holdings", "investments", "recovery", "collections", "assignee",
    "insurance", "utilities", "electric", "energy", "telecom", "wireless", "mobile",
})
_ANNOTATION = re.compile(r"^(?P<value>.*?)\s*\((?P<note>[^()]{2,40})\)\s*$")


def is_organization_name(name: str) -> bool:
    return any(word in ORGANIZATION_WORDS for word in fold(name).split())


def is_person_party(party: Party) -> bool:
    """Debtors and other people; creditors, attorneys, garnishees and companies are not
    traced, and neither is a party a reviewer rejected (not a party of the document), so
    re-extraction or a relink never brings its evidence back."""
    if party.status == FieldStatus.REJECTED:
        return False
    return party.role in PERSON_ROLES and bool(party.name.strip()) and not is_organization_name(
        party.name)


def split_annotation(text: str) -> tuple[str, str]:
    """'12 Elm St (bad address)' -> ('12 Elm St', 'bad address')."""
    match = _ANNOTATION.match(text or "")
    if not match:
        return (text or "").strip(), ""
    return match.group("value").strip(), match.group("note").strip().lower()


def observed_on(document: Document | None) -> date | None:
    """The date a document speaks for; None (undated) when it names none.

    Not its intake day: an old placement sheet taken in today would otherwise
    become the most recent sighting (the same rule as ``observations``).
    """
    return document.document_date if document is not None else None


def party_to_record(party: Party, document: Document | None, case_number: str = "",
                    account_number: str = "") -> PersonRecord:
    """The party as a person record; its first address, phone and e-mail represent it.

    ``case_number`` / ``account_number`` are the document's own fields: a
    court filing that names only the debtor is tied to earlier paperwork by them.
    """
    name = parse_person_name(party.name)
    address = parse_one_line_address(split_annotation(party.addresses[0])[0]
                                     if party.addresses else "")
    try:
        dob = parse_dob(party.dob or "")
    except (ValueError, OverflowError):
        dob = None
    return PersonRecord(
        record_id=str(party.id), given_name=name.given, middle_name=name.middle,
        surname=name.surname, suffix=name.suffix, dob=dob, ssn_last4=party.ssn_last4 or "",
        street=address.street, city=address.city, state=address.state,
        postcode=address.postcode,
        phone=split_annotation(party.phones[0])[0] if party.phones else "",
        email=party.emails[0] if party.emails else "",
        document_id=party.document_id, party_id=party.id, observed_on=observed_on(document),
        source_type=document.doc_type if document else "", role=party.role,
        case_number=case_number, account_last4=account_last_four(account_number),
    )


@dataclass(slots=True, frozen=True)
class ContactSighting:
    """One contact value read from one party, before it becomes an Observation row."""

    kind: str  # address | phone | email | employer
    value: str
    normalized: str
    detail: str


def party_contacts(party: Party) -> list[ContactSighting]:
    """Every address, phone and e-mail of a party, normalized for merging."""
    sightings: list[ContactSighting] = []
    for raw in party.addresses:
        value, note = split_annotation(raw)
        normalized = parse_one_line_address(value).one_line()
        if normalized:
            sightings.append(ContactSighting("address", value, normalized, note))
    for raw in party.phones:
        value, note = split_annotation(raw)
        normalized = normalize_phone(value)
        if normalized:
            sightings.append(ContactSighting("phone", value, normalized, note))
    for raw in party.emails:
        value, note = split_annotation(raw)
        normalized = normalize_email(value)
        if normalized:
            sightings.append(ContactSighting("email", normalized, normalized, note))
    return sightings


def employer_contacts(garnishee: Party) -> list[ContactSighting]:
    """A garnishee (the debtor's employer or bank) as workplace sightings, never as a home."""
    addresses = [split_annotation(raw)[0] for raw in garnishee.addresses] or [""]
    sightings = []
    for address in addresses:
        normalized = parse_one_line_address(address).one_line() if address else ""
        value = f"{garnishee.name}, {address}" if address else garnishee.name
        sightings.append(ContactSighting("employer", value,
                                         normalized or fold(garnishee.name), garnishee.name))
    return sightings
