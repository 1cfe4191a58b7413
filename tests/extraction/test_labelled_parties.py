"""Role of a bare 'Name:' field (extraction/labelled_parties.py) on forms built in code."""

from __future__ import annotations

from extraction.labelled_parties import labelled_parties
from extraction.pipeline import document_lines
from tests.extraction.builders import document, page


def _roles(*placed: tuple[float, float, str]) -> dict[str, str]:
    lines = document_lines(document(page(*placed)))[0]
    return {a.name: a.role for a in labelled_parties(lines, "complaint")}


def test_the_agent_for_service_named_for_a_defendant_company_is_no_debtor() -> None:
    roles = _roles((40, 100, "(2) The defendant (the person, business, or entity being sued) is:"),
                   (40, 114, "Name: Harbor Tire Works Inc"),
                   (40, 128, "If the defendant is a corporation, list the person or agent "
                             "authorized for service of process here:"),
                   (40, 142, "Name: Dana Whitfield"), (300, 142, "Job title: Manager"))
    assert roles.get("Dana Whitfield") == "other"


def test_a_registered_agent_beside_the_name_is_other_and_the_defendant_stays_debtor() -> None:
    roles = _roles((40, 100, "DEFENDANT"), (40, 114, "Name: Ruben Castellanos"),
                   (40, 142, "Name: Priya Raman"), (300, 142, "Title: Registered Agent"))
    assert roles.get("Ruben Castellanos") == "debtor"
    assert roles.get("Priya Raman") == "other"


def test_a_company_name_cut_into_two_cells_after_its_label_is_read_whole() -> None:
    # the gap after 'NORTHWIND' is as wide as a cell break (a column of the line under it)
    roles = _roles((40, 100, "PLAINTIFF/PETITIONER: NORTHWIND"),
                   (250, 100, "CREDIT SERVICES, INC."),
                   (40, 114, "DEFENDANT/RESPONDENT: ALBA J MORENO"),
                   (40, 142, "Plaintiff: Harbor Tire Works"), (300, 142, "Case No. 24-1"))
    assert roles.get("NORTHWIND CREDIT SERVICES, INC.") == "creditor"
    assert "NORTHWIND" not in roles
    assert roles.get("ALBA J MORENO") == "debtor"
    assert roles.get("Harbor Tire Works") == "creditor"
    # the label alone in its cell, the name cut over the next two
    roles = _roles((40, 100, "PLAINTIFF:"), (130, 100, "NORTHWIND"),
                   (208, 100, "CREDIT SERVICES, INC."), (40, 114, "DEFENDANT: ALBA J MORENO"))
    assert roles.get("NORTHWIND CREDIT SERVICES, INC.") == "creditor"
    # a second column's field is no part of the name, however it ends
    roles = _roles((40, 100, "Consumer - Dana K. Ortiz"),
                   (330, 100, "Prior Creditor - Harbor Point Financial Corp."),
                   (40, 114, "Debtor: Ruth Vale"), (330, 114, "Bluewater Lending LLC"))
    assert roles.get("Dana K. Ortiz") == "debtor"
    assert roles.get("Ruth Vale") == "debtor"


def test_a_field_above_a_bare_name_is_no_heading() -> None:
    lines = document_lines(document(page((40, 100, "DEBTOR INFORMATION"),
                                         (40, 114, "Prior creditor - Cascade Savings Bank"),
                                         (40, 128, "Name: Ines Okafor"))))[0]
    roles = {a.name: a.role for a in labelled_parties(lines, "placement")}
    assert roles.get("Ines Okafor") == "debtor"
