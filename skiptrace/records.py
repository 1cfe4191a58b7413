"""The plain person record that every linking stage reads.

A record is one sighting of a person: a CRM row, or a party on a document.
Only the last four digits of an SSN are ever held (``ssn_last4``); whoever
builds a record from raw input reduces a full number with ``last_four``
before the value goes anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NON_DIGITS = re.compile(r"\D")


def last_four(ssn: str | None) -> str:
    """The last four digits of an SSN as written anywhere ('123-45-6789', 'XXX-XX-6789').

    Returns '' when fewer than four digits are present, so a full number
    never survives this call.
    """
    digits = _NON_DIGITS.sub("", ssn or "")
    return digits[-4:] if len(digits) >= 4 else ""


@dataclass(slots=True)
class PersonRecord:
    """One sighting of a person, with where it came from when it came from a document."""

    record_id: str
    given_name: str = ""
    middle_name: str = ""
    surname: str = ""
    suffix: str = ""
    dob: date | None = None
    ssn_last4: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    document_id: int | None = None
    party_id: int | None = None
    observed_on: date | None = None
    source_type: str = ""
    role: str = ""
    # The paperwork the sighting came from: a shared case number (or account number) ties
    # a name-only court filing to the placement that carries the details.
    case_number: str = ""
    account_last4: str = ""
    # A date of birth as written when it is not a real date ('1955-11-92', '1957-26-06'),
    # as 'YYYYMMDD' parts (``normalize.dob_parts``): still compared, by its parts.
    dob_text: str = ""

    def __post_init__(self) -> None:
        # Whatever the caller passed, only four digits are kept.
        if self.ssn_last4 and (len(self.ssn_last4) != 4 or not self.ssn_last4.isdigit()):
            self.ssn_last4 = last_four(self.ssn_last4)
