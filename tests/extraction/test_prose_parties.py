"""Parties named in sentences (extraction/prose_parties.py), on lines built in code."""

from __future__ import annotations

from extraction.pipeline import document_lines
from extraction.prose_parties import deed_parties
from tests.extraction.builders import document, page, stacked


def test_a_grantor_whose_name_wraps_is_read_whole_once() -> None:
    lines = document_lines(document(page(*stacked([
        "FOR VALUE RECEIVED, the receipt of which is hereby acknowledged, Marguerite",
        "Oyelaran-Brandt hereby GRANTS to Tomás Ñúñez Lindqvist, a single man, the land",
        "in the County of Dane, State of Wisconsin:"]))))[0]
    found = {(a.role, a.name) for a in deed_parties(lines)}
    assert found == {("other", "Marguerite Oyelaran-Brandt"), ("debtor", "Tomás Ñúñez Lindqvist")}


def test_a_grant_on_one_line() -> None:
    lines = document_lines(document(page(*stacked([
        "Ana Ruiz hereby GRANTS to Li Wei, a married man, the land described below"]))))[0]
    found = {(a.role, a.name) for a in deed_parties(lines)}
    assert found == {("other", "Ana Ruiz"), ("debtor", "Li Wei")}


def test_a_lawyer_and_a_city_with_accents() -> None:
    from extraction.pipeline import extract_document

    result = extract_document(document(page(*stacked([
        "JOSÉ A. MUÑOZ, Esq. (SBN 123456)", "MUÑOZ & ASOCIADOS", "12 Calle Real",
        "San José, CA 95112", "Attorney for Plaintiff"])), doc_type="complaint"),
        use_transformer=False, use_ner=False)
    lawyer = next(p for p in result.parties if p.role == "attorney")
    assert lawyer.name == "JOSÉ A. MUÑOZ"
    assert lawyer.addresses == ["12 Calle Real, San José, CA 95112"]


def test_a_counsel_block_without_a_bar_number() -> None:
    from extraction.prose_parties import counsel_line_attorneys

    block = ["Dana Okafor", "OKAFOR LAW, P.C.", "310 K Street, Suite 200",
             "Anchorage, AK 99501", "(907) 555-0100"]
    lines = document_lines(document(page(*stacked([*block, "Attorney for Debtor"]))))[0]
    assert [(a.role, a.name) for a in counsel_line_attorneys(lines)] == \
        [("attorney", "Dana Okafor")]
    # the same block without "Attorney for": a person and a company, no lawyer
    lines = document_lines(document(page(*stacked([*block, "Account Services"]))))[0]
    assert counsel_line_attorneys(lines) == []
