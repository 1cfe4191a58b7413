"""Contacts given to the right parties on layouts the generator never makes: counsel blocks
whose lawyers run together on one line, in-house counsel, a text layer that glued two lines,
letters addressed to several lawyers, letterheads under a garbled logo, addresses written in
a pleading's sentences. All pages are built here; names and places are made up."""

from __future__ import annotations

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page, stacked


def _parties(*pages, doc_type: str = "other"):
    result = extract_document(document(*pages, doc_type=doc_type), use_transformer=False,
                              use_ner=False)
    return {(p.role, p.name): p for p in result.parties}


def _caption(plaintiff: str, defendant: str, top: float) -> list[tuple[float, float, str]]:
    return [(60, top, f"PLAINTIFF/PETITIONER: {plaintiff}"),
            (60, top + 12, f"DEFENDANT/RESPONDENT: {defendant}")]


def test_lawyers_run_together_share_the_block_and_in_house_creditor_takes_address() -> None:
    block = stacked(["ATTORNEY OR PARTY WITHOUT ATTORNEY (Name, State Bar number, and address):",
                     "ANNA B. KOVACS, State Bar No.: 301122 / TOMAS RIVERA, State Bar No.: 299001 "
                     "/ LEE",
                     "ANN MARSH, State Bar No.: 287766 / OMAR FAZLI, State",
                     "Bar No.: 310045",
                     "NORTHGATE RECEIVABLES CORP",
                     "4100 HARBOR VIEW DR, SUITE 210",
                     "OAKLAND, CA 94607",
                     "TELEPHONE NO.: (510) 555-0142 FAX NO. : (510) 555-0199",
                     "E-MAIL ADDRESS: legal@northgate-rc.example",
                     "ATTORNEY FOR (Name) NORTHGATE RECEIVABLES CORP."], x=40, top=40, step=12)
    parties = _parties(page(*block, *_caption("NORTHGATE RECEIVABLES CORP.", "PAT DOE", 200)))
    lawyers = {name for role, name in parties if role == "attorney"}
    assert lawyers == {"ANNA B. KOVACS", "TOMAS RIVERA", "LEE ANN MARSH", "OMAR FAZLI"}
    for name in lawyers:
        lawyer = parties[("attorney", name)]
        assert lawyer.addresses == ["4100 HARBOR VIEW DR, SUITE 210, OAKLAND, CA 94607"], name
        assert lawyer.phones == ["+15105550142"], name  # the fax stays out
        assert lawyer.emails == ["legal@northgate-rc.example"], name
    creditor = parties[("creditor", "NORTHGATE RECEIVABLES CORP.")]
    assert creditor.addresses == ["4100 HARBOR VIEW DR, SUITE 210, OAKLAND, CA 94607"]
    assert creditor.phones == ["+15105550142"]
    assert parties[("debtor", "PAT DOE")].addresses == []


def test_firm_name_box_in_house_counsel_gives_creditor_the_address_not_the_mailbox() -> None:
    form = [(40, 40, "NAME:"), (130, 40, "Dana Whitfield"),
            (40, 52, "FIRM NAME:"), (130, 52, "In-House Counsel for Blue Mesa Credit, LLC"),
            (40, 64, "STREET ADDRESS:"), (130, 64, "P.O. Box 8821"),
            (40, 76, "CITY:"), (130, 76, "Boulder"), (250, 76, "STATE: CO"),
            (330, 76, "ZIP CODE: 80306"),
            (40, 88, "TELEPHONE NO.:"), (130, 88, "720-555-0110"),
            (250, 88, "FAX No. (Optional): 720-555-0111"),
            (40, 100, "E-MAIL ADDRESS:"), (130, 100, "filings@bluemesa.example"),
            (40, 112, "ATTORNEY FOR (Name):"), (130, 124, "Blue Mesa Credit, LLC"),
            *_caption("BLUE MESA CREDIT, LLC", "RAY QUILL", 160)]
    parties = _parties(page(*form))
    creditor = parties[("creditor", "BLUE MESA CREDIT, LLC")]
    assert creditor.addresses == ["P.O. Box 8821, Boulder, CO 80306"]
    assert creditor.phones == ["+17205550110"]
    assert creditor.emails == []
    lawyer = parties[("attorney", "Dana Whitfield")]
    assert lawyer.phones == ["+17205550110"]
    assert lawyer.emails == ["filings@bluemesa.example"]


def test_outside_firm_client_line_does_not_make_the_creditor_in_house() -> None:
    block = stacked(["Iris Okafor SB 312200", "Paul Brandt SB 298811", "OKAFOR BRANDT LLP",
                     "P.O. Box 4410Dallas, TX 75201", "Phone: 214.555.0187",
                     "Attorneys for Plaintiff: SILVERLINE ASSETS, LLC"], x=60, top=50, step=12)
    caption = [(60, 200, "SILVERLINE ASSETS, LLC,"), (90, 212, "Plaintiff,"), (60, 224, "vs."),
               (60, 236, "GRETA NUNN, an individual,"), (90, 248, "Defendant.")]
    parties = _parties(page(*block, *caption), doc_type="complaint")
    for name in ("Iris Okafor", "Paul Brandt"):
        # the text layer glued the street to the city ("4410Dallas")
        assert parties[("attorney", name)].addresses == ["P.O. Box 4410, Dallas, TX 75201"]
        assert parties[("attorney", name)].phones == ["+12145550187"]
    creditor = next(p for (role, _), p in parties.items() if role == "creditor")
    assert creditor.addresses == [] and creditor.phones == []


def test_lawyer_with_state_code_bar_number_takes_the_block_under_it() -> None:
    block = stacked(["Leah Stroud CO Bar #40412", "P.O. Box 310", "Golden, CO 80402",
                     "PH: 303-555-0175", "Fax: 303-555-0176", "", "Attorney for",
                     "WESTRIDGE FUNDING, LLC"], x=60, top=50, step=12)
    parties = _parties(page(*[b for b in block if b[2]]))
    lawyer = parties[("attorney", "Leah Stroud")]
    assert lawyer.addresses == ["P.O. Box 310, Golden, CO 80402"]
    assert lawyer.phones == ["+13035550175"]


def test_letter_addressed_to_several_lawyers_at_a_firm() -> None:
    head = [(200, 40, "OFFICE OF THE CLERK"), (230, 52, "March 2, 2022"),
            *stacked(["Nora K. Quist", "Henry T. Abele", "Quist Abele & Marr",
                      "One Liberty Place, Suite 700", "Tacoma, WA 98402"], x=60, top=80, step=12),
            (60, 160, "RE: Ivan Petrov v. Lakeside Mills Inc"),
            (60, 184, "Dear Counsel:"),
            (60, 196, "Enclosed is the case opening information for this appeal.")]
    parties = _parties(page(*head))
    for name in ("Nora K. Quist", "Henry T. Abele"):
        assert parties[("attorney", name)].addresses == [
            "One Liberty Pl, Suite 700, Tacoma, WA 98402"], name


def test_letterhead_address_under_a_garbled_logo_goes_to_the_signer() -> None:
    letter = [(60, 40, "SUMMIT"), (60, 52, "RE COVE RY"),
              (60, 64, "P.O. Box 7701"), (400, 64, "(602) 555-0133"),
              (60, 76, "Phoenix, AZ 85001"), (400, 76, "(800) 555-0144"),
              (60, 100, "LENA MORROW"), (300, 100, "Current Creditor: Summit Recovery LLC"),
              (60, 112, "55 CEDAR LN"), (60, 124, "MESA, AZ 85201"),
              (60, 148, "Dear LENA MORROW:"),
              (60, 160, "Your account was placed with our legal department for review."),
              (60, 184, "Sincerely,"), (60, 196, "Summit Recovery LLC")]
    parties = _parties(page(*letter), doc_type="collection_letter")
    creditor = parties[("creditor", "Summit Recovery LLC")]
    assert creditor.addresses == ["P.O. Box 7701, Phoenix, AZ 85001"]
    assert sorted(creditor.phones) == ["+16025550133", "+18005550144"]
    assert parties[("debtor", "LENA MORROW")].addresses == ["55 CEDAR LN, MESA, AZ 85201"]


def test_addresses_in_a_pleadings_sentences_go_to_the_party_they_name() -> None:
    gutter = [(30, 200 + 24 * i, str(i + 1)) for i in range(10)]
    body = [(60, 200, "2.Plaintiff is the only entity that purchased the debt and its name and"),
            (60, 224, "address is as follows: RIVERTON ASSETS, LLC, AS ASSIGNEE OF HALCYON"),
            (60, 248, "BANK, N.A. 12 Quarry Road Suite 5 Dover, DE 19901."),
            (60, 272, "3.The charge-off creditor at the time of charge-off is HALCYON BANK, N.A.,"),
            (60, 296, "PO BOX 4400 WILMINGTON, DE 19850-4400, and the account number is on file."),
            (60, 320, "4.The name of the debtor as it appeared in the records of HALCYON BANK is"),
            (60, 344, "MARCO V ADEYEMI and the last known address as it appeared in the"),
            (60, 368, "records of HALCYON BANK is 908 N 3RD AVE YUMA AZ"),
            (60, 392, "85364."),
            (60, 416, "5.I am over the age of eighteen years and not a party to the within"),
            (60, 428, "action; my business address is 5011 Elm Blvd., Bldg. 2, Fresno, CA 93701.")]
    caption = [(60, 100, "RIVERTON ASSETS, LLC, AS ASSIGNEE OF"), (60, 112, "HALCYON BANK, N.A.,"),
               (90, 124, "Plaintiff,"), (60, 136, "vs."), (60, 148, "MARCO V ADEYEMI,"),
               (90, 160, "Defendant.")]
    parties = _parties(page(*caption, *gutter, *body), doc_type="complaint")
    assert parties[("creditor", "RIVERTON ASSETS, LLC")].addresses == [
        "12 Quarry Rd, Suite 5, Dover, DE 19901"]
    assert parties[("creditor", "HALCYON BANK, N.A.")].addresses == [
        "PO BOX 4400, WILMINGTON, DE 19850-4400"]
    # the creditor whose records are cited is named nearer, but the address is the debtor's
    assert parties[("debtor", "MARCO V ADEYEMI")].addresses == ["908 N 3RD AVE, YUMA, AZ 85364"]
    # a declarant's own address names no party of the case
    assert not any("Fresno" in a for p in parties.values() for a in p.addresses)


def test_an_address_whose_sentence_speaks_of_the_plaintiff_is_not_the_defendants() -> None:
    """'... sues JOHN DOE ("Defendant") ... and states: / 1. Plaintiff is authorized ... with its
    principal place of business at ADDRESS': a numbered paragraph starts a sentence, and the
    role word before the address names its party, not the last name printed."""
    gutter = [(30, 200 + 24 * i, str(i + 1)) for i in range(6)]
    body = [(60, 200, "BRIGHTWATER RECOVERY, INC., (\"Plaintiff\"), by counsel, sues ROSA"),
            (60, 224, "ELENA QUIROGA, (\"Defendant\") on an account stated and states:"),
            (60, 248, "1."), (90, 248, "Plaintiff is authorized to do business in CALIFORNIA,"),
            (60, 272, "with its principal place of business at 77 HARBOR POINT DR SUITE 4"),
            (60, 296, "OAKLAND CA 94607. Plaintiff buys consumer receivables."),
            (60, 320, "2."), (90, 320, "Defendant resides at 15 ALDER CT, FRESNO, CA 93721.")]
    caption = [(60, 100, "BRIGHTWATER RECOVERY, INC.,"), (90, 112, "Plaintiff,"),
               (60, 124, "vs."), (60, 136, "ROSA ELENA QUIROGA,"), (90, 148, "Defendant.")]
    parties = _parties(page(*caption, *gutter, *body), doc_type="complaint")
    assert parties[("creditor", "BRIGHTWATER RECOVERY, INC.")].addresses == [
        "77 HARBOR POINT DR, SUITE 4, OAKLAND, CA 94607"]
    assert parties[("debtor", "ROSA ELENA QUIROGA")].addresses == [
        "15 ALDER CT, FRESNO, CA 93721"]


def test_form_rows_are_not_prose_and_a_signature_name_is_not_doubled() -> None:
    """Guards for the two rules above (they pass on the code before them too): a labelled
    row "Garnishee: X, 1 Main St ..." keeps its address with its party, and "/s/ Jane Roe"
    over "Jane Roe, Esq." stays one lawyer named once."""
    rows = stacked(["Judgment creditor: Pinecrest Funding LLC", "Judgment debtor: Alma Ruiz",
                    "Debtor's last known address: 41 Elm St, Tulsa, OK 74103",
                    "Garnishee: Prairie State Bank, 900 Main St Ste 2, Wichita, KS 67202",
                    "You are ordered to hold any money of the judgment debtor in your hands.",
                    "/s/ Ruth Vega", "Ruth Vega, Esq."], x=60, top=60, step=12)
    parties = _parties(page(*rows), doc_type="garnishment")
    assert parties[("garnishee", "Prairie State Bank")].addresses == [
        "900 Main St, Ste 2, Wichita, KS 67202"]
    assert parties[("debtor", "Alma Ruiz")].addresses == ["41 Elm St, Tulsa, OK 74103"]
    assert [name for role, name in parties if role == "attorney"] == ["Ruth Vega"]
