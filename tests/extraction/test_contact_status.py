"""Address status and phone type / status printed beside a value reach the party."""

from __future__ import annotations

from pathlib import Path

from core.results import ExtractedParty
from extraction.pipeline import extract_document
from intake.read import read_bytes


def _debtor(name: str) -> ExtractedParty:
    path = Path("samples/corpus") / name
    extraction = extract_document(read_bytes(path.read_bytes(), path.name))
    return next(p for p in extraction.parties if p.role == "debtor")


def test_status_under_an_address_and_type_beside_a_phone_are_read():
    debtor = _debtor("d0009-placement.pdf")  # "FIRST SEEN ... STATUS BAD ADDRESS" under it
    assert debtor.address_status == {"51 VINE TER, TAMPA, FL 33614": "current",
                                     "3101 W LINCOLN PL, TAMPA, FL 33604": "bad address",
                                     "1986 ROOSEVELT RD, TAMPA, FL 33610": "previous"}
    assert debtor.phone_types == {"+18136561372": "home"}
    assert debtor.phone_status == {"+18136561372": "verified"}
    contract = debtor.to_contract()
    assert contract["addresses"] == list(debtor.addresses)  # existing keys keep their shape
    assert contract["address_status"]["3101 W LINCOLN PL, TAMPA, FL 33604"] == "bad address"


def test_table_columns_after_a_value_are_read():
    debtor = _debtor("d0013-placement.pdf")  # "Address From To Status" / "Phone Type Status"
    assert debtor.address_status["3502 Harrison Pl, Phoenix, AZ 85006"] == "current"
    assert debtor.phone_types == {"+16024687607": "mobile"}
    assert debtor.phone_status == {"+16024687607": "unverified"}


def test_stored_contacts_carry_the_notes_and_contract_omits_empty_keys():
    party = ExtractedParty(role="debtor", name="Ann Lee",
                           addresses=["1 Elm St, Tampa, FL 33614", "2 Oak St, Tampa, FL 33614"],
                           phones=["+18135550100"],
                           address_status={"2 Oak St, Tampa, FL 33614": "bad address"},
                           phone_types={"+18135550100": "mobile"},
                           phone_status={"+18135550100": "disconnected"})
    assert party.stored_contacts() == (
        ["1 Elm St, Tampa, FL 33614", "2 Oak St, Tampa, FL 33614 (bad address)"],
        ["+18135550100 (mobile, disconnected)"])
    plain = ExtractedParty(role="debtor", name="Ann Lee").to_contract()
    assert not {"address_status", "phone_types", "phone_status"} & set(plain)
