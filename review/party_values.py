"""Reading what a reviewer types about a party into the forms parties are stored in.

A party row keeps E.164 phones, one-line addresses, lower-case e-mails, an ISO date of
birth and at most the last four digits of an SSN (a contact may carry its printed note in
trailing parentheses, "+12175550143 (mobile)", which is kept). Everything is checked
before anything is stored; a full SSN typed into any box is refused without being echoed,
so it never reaches the database, the audit trail or a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import phonenumbers

from core.vocabulary import PARTY_ROLES
from intake.redaction import find_full_ssns
from models.tables import Party
from review.typed_values import FULL_SSN_REFUSED, InvalidValue, normalize_date
from skiptrace.party_records import split_annotation

PARTY_ATTRIBUTES = ("role", "name", "addresses", "phones", "emails", "dob", "ssn_last4")
ATTRIBUTE_LABELS = {"role": "role", "name": "name", "addresses": "address",
                    "phones": "phone", "emails": "e-mail", "dob": "date of birth",
                    "ssn_last4": "SSN last 4"}
# Nine digits standing alone are a full SSN in a party's boxes (no phone, ZIP or date has
# that shape); the labelled and 3-2-4 shapes are intake's own (``find_full_ssns``).
_BARE_NINE = re.compile(r"(?<!\d)\d{9}(?!\d)")
_LIST_SPLIT = re.compile(r"[\n;]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True)
class PartyValues:
    """A party's reviewable values, in their stored forms."""

    role: str
    name: str
    addresses: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    dob: str | None = None
    ssn_last4: str | None = None

    @classmethod
    def of(cls, party: Party) -> PartyValues:
        return cls(party.role, party.name, tuple(party.addresses), tuple(party.phones),
                   tuple(party.emails), party.dob, party.ssn_last4)

    def shown(self, attribute: str) -> str:
        """One attribute as the audit trail and the boxes show it (lists one per line)."""
        value = getattr(self, attribute)
        if isinstance(value, tuple):
            return "\n".join(value)
        return value or ""


def has_full_ssn(text: str) -> bool:
    return bool(find_full_ssns(text or "") or _BARE_NINE.search(text or ""))


def refuse_full_ssns(boxes: dict[str, str]) -> None:
    """InvalidValue naming the first box that holds a full SSN (never the number)."""
    for attribute, text in boxes.items():
        if has_full_ssn(text):
            raise InvalidValue(f"Not saved: {ATTRIBUTE_LABELS.get(attribute, attribute)}: "
                               f"{FULL_SSN_REFUSED}.")


def read_phone(text: str) -> str:
    """A typed phone as E.164 (US numbers without a country code), its note kept."""
    value, note = split_annotation(" ".join(text.split()))
    try:
        parsed = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise InvalidValue(f"phone: {value!r} is not a valid phone number (e.g. (217) 555-0143)")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164} ({note})" if note else e164


def read_email(text: str) -> str:
    value, note = split_annotation(" ".join(text.split()))
    if not _EMAIL.match(value):
        raise InvalidValue(f"e-mail: {value!r} is not an e-mail address (e.g. name@example.com)")
    return f"{value.lower()} ({note})" if note else value.lower()


def read_address(text: str) -> str:
    value = " ".join(text.split()).strip(" ,")
    if len(value) < 5 or not any(c.isalpha() for c in value):
        raise InvalidValue(f"address: {value!r} is not an address (one address per line)")
    return value


def read_dob(text: str, today: date | None = None) -> str | None:
    """A typed date of birth as ISO, or None when the box is empty."""
    text = " ".join(text.split())
    if not text:
        return None
    iso = normalize_date("date of birth", text)
    born = date.fromisoformat(iso)
    if born.year < EARLIEST_BIRTH_YEAR or born > (today or date.today()):
        raise InvalidValue(f"date of birth: {iso} is not a possible date of birth")
    return iso


def read_ssn_last4(text: str) -> str | None:
    digits = re.sub(r"[\s*xX#-]", "", text or "")
    if not digits:
        return None
    if not (len(digits) == 4 and digits.isdigit()):
        raise InvalidValue("SSN last 4: enter exactly the last four digits (e.g. 4821)")
    return digits


def read_list(text: str, reader) -> tuple[str, ...]:
    """One value per line (or separated by ';'), each read by ``reader``, duplicates once."""
    values: list[str] = []
    for part in _LIST_SPLIT.split(text or ""):
        if part.strip():
            value = reader(part)
            if value not in values:
                values.append(value)
    return tuple(values)


def read_party_values(*, role: str, name: str, addresses: str = "", phones: str = "",
                      emails: str = "", dob: str = "", ssn_last4: str = "",
                      today: date | None = None) -> PartyValues:
    """The values typed into a party's boxes, checked; InvalidValue says what is wrong."""
    refuse_full_ssns({"name": name, "addresses": addresses, "phones": phones,
                      "emails": emails, "dob": dob, "ssn_last4": ssn_last4})
    if role not in PARTY_ROLES:
        raise InvalidValue(f"role: {role!r} is not a party role ({', '.join(PARTY_ROLES)})")
    name = " ".join((name or "").split()).strip(" ,;:")  # words picked off "ROE, Defendant"
    if not name:
        raise InvalidValue("name: a party needs a name")
    return PartyValues(role=role, name=name, addresses=read_list(addresses, read_address),
                       phones=read_list(phones, read_phone), emails=read_list(emails, read_email),
                       dob=read_dob(dob, today), ssn_last4=read_ssn_last4(ssn_last4))


def guess_attribute(text: str) -> str:
    """Which box words picked on the page most likely belong in: a phone, an e-mail, a
    date of birth, an address (it starts with a house number), else a name."""
    if has_full_ssn(text):
        return "ssn_last4"  # refused there too, with the reason, never stored
    for attribute, reader in (("phones", read_phone), ("emails", read_email),
                              ("dob", read_dob)):
        try:
            reader(text)
        except InvalidValue:
            continue
        return attribute
    words = text.split()
    if words and words[0].rstrip(",").isdigit() and len(words) >= 3:
        return "addresses"
    if re.fullmatch(r"[*xX#-]*\d{4}", text.strip()):
        return "ssn_last4"
    return "name"


CONTACT_READERS = {"addresses": read_address, "phones": read_phone, "emails": read_email}


def with_contact(values: PartyValues, kind: str, text: str) -> PartyValues:
    """``values`` with one more address, phone or e-mail (read and checked first)."""
    if kind not in CONTACT_READERS:
        raise ValueError(f"unknown contact kind {kind!r}: use one of {', '.join(CONTACT_READERS)}")
    refuse_full_ssns({kind: text})
    value = CONTACT_READERS[kind](text)
    present: tuple[str, ...] = getattr(values, kind)
    if value in present:
        return values
    fields = {a: getattr(values, a) for a in PARTY_ATTRIBUTES}
    fields[kind] = (*present, value)
    return PartyValues(**fields)
