"""Property records: a recorded grant deed and an assessor's parcel record.

The recording date is the field that matters (``filing_date``: the deed was filed for
record); the owners and the property address place the debtor at a home.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from reportlab.lib.units import inch

from samples.documents.common import DocContext, _county_of, address_lines, printed_name
from samples.formats import cents, print_date
from samples.layout import PageSetup, Sheet, esc
from samples.population import Address, Person

TITLE_COMPANIES = ("Pacific Coast Title Company", "First Heritage Title Insurance Co.",
                   "Landmark Escrow & Title, Inc.", "Old Republic Settlement Services")


def _owners(sheet: Sheet, ctx: DocContext, *, upper: bool) -> list[str]:
    account = ctx.account
    names = [printed_name(account.debtor, ctx.rng, upper=upper)]
    home = _home(ctx)
    _, one = address_lines(home, ctx.rng, upper=upper, one_line=True)
    sheet.party("debtor", names[0], account.debtor.person_id, addresses=[one])
    if account.co_owner is not None:
        co = printed_name(account.co_owner, ctx.rng, upper=upper, allow_variants=False)
        names.append(co)
        sheet.party("other", co, account.co_owner.person_id, addresses=[one])
    return names


def _home(ctx: DocContext) -> Address:
    home = ctx.account.debtor.address_on(ctx.doc_date)
    if home.street.upper().startswith("PO BOX"):
        # mail goes to a box; the house itself has a street number (same every call)
        number = 100 + sum(ord(ch) for ch in ctx.account.debtor.person_id) * 37 % 8900
        home = Address(f"{number} Oak St", None, home.city, home.state, home.zip)
    return home


def _grant_deed(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account = ctx.rng, ctx.account
    sheet = Sheet(rng, rng.choice(("times", "courier", "helvetica")), size=10)
    home = _home(ctx)
    county = _county_of(home)
    upper = rng.random() < 0.6
    owners = _owners(sheet, ctx, upper=upper)
    owner_text = " and ".join(owners)
    lines, _ = address_lines(home, rng, upper=upper, one_line=False)
    doc_no = f"{ctx.doc_date.year}-{rng.randint(1, 9999999):07d}"
    recorded = sheet.date("filing_date", ctx.doc_date, "slash")
    fees = rng.choice(("$21.00", "$75.00", "$101.00"))
    stamp = (f"DOC # {doc_no}<br/>Recorded {recorded} at {rng.randint(8, 16)}:"
             f"{rng.randint(0, 59):02d}<br/>Official Records<br/>County of {esc(county)}<br/>"
             f"Recorder<br/>Fees: {fees}<br/>Pages: {rng.randint(2, 4)}")
    left = (f"RECORDING REQUESTED BY:<br/>{esc(rng.choice(TITLE_COMPANIES))}<br/><br/>"
            f"AND WHEN RECORDED MAIL TO:<br/>{esc(owner_text)}<br/>"
            + "<br/>".join(esc(line) for line in lines))
    sheet.table([[sheet.para(left), sheet.para(stamp, "small")]], [3.6 * inch, 2.6 * inch],
                grid=False, extra=[("BOX", (1, 0), (1, 0), 0.6, "black")])
    sheet.p("SPACE ABOVE THIS LINE FOR RECORDER'S USE", "right", fontSize=7)
    apn = f"{rng.randint(1000, 8999)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}"
    escrow = f"{rng.randint(10000, 99999)}-{rng.choice('ABCKL')}"
    sheet.p(f"APN: {apn} &nbsp;&nbsp; Escrow No.: {escrow}", "tight")
    sheet.p(rng.choice(("GRANT DEED", "WARRANTY DEED", "INDIVIDUAL GRANT DEED")), "title")
    price = cents(rng.uniform(160000, 720000))
    tax = cents(price * Decimal("0.0011"))
    sheet.p(f"The undersigned grantor(s) declare(s): Documentary transfer tax is "
            f"{sheet.money(None, tax)}, computed on full value of property conveyed.", "justify")
    grantor = printed_name(_seller(ctx), rng, upper=upper, allow_variants=False)
    sheet.party("other", grantor, f"{account.debtor.person_id}-S")
    vesting = rng.choice(("husband and wife as joint tenants", "a single person",
                          "as community property with right of survivorship",
                          "an unmarried person"))
    if len(owners) == 1 and "husband" in vesting:
        vesting = "a single person"
    sheet.p(f"FOR A VALUABLE CONSIDERATION, receipt of which is hereby acknowledged, "
            f"{esc(grantor)} hereby GRANT(S) to {esc(owner_text)}, {vesting}, the following "
            f"described real property in the City of {esc(home.city.title())}, County of "
            f"{esc(county)}, State of {home.state}:", "justify")
    sheet.p(f"LOT {rng.randint(1, 80)} OF TRACT NO. {rng.randint(1000, 39999)}, IN THE CITY OF "
            f"{esc(home.city.upper())}, AS PER MAP RECORDED IN BOOK {rng.randint(10, 900)} "
            f"PAGE(S) {rng.randint(1, 99)} OF MAPS, IN THE OFFICE OF THE COUNTY RECORDER OF SAID "
            "COUNTY.", "justify", leftIndent=24)
    sheet.p("Commonly known as: " + esc(", ".join(lines)), "body")
    signed = ctx.doc_date - timedelta(days=rng.randint(3, 20))
    sheet.p(f"Dated: {sheet.date(None, signed)}", "body", spaceBefore=8)
    sheet.p(f"______________________________<br/>{esc(grantor)}", "body", spaceBefore=14)
    sheet.space(14)
    sheet.p("<b>ACKNOWLEDGMENT</b>", "center", spaceAfter=4)
    sheet.p("A notary public or other officer completing this certificate verifies only the "
            "identity of the individual who signed the document to which this certificate is "
            "attached, and not the truthfulness, accuracy, or validity of that document.",
            "small")
    sheet.p(f"State of {home.state} County of {esc(county)}. On "
            f"{sheet.date(None, signed, 'long')} before me, a Notary Public, personally "
            f"appeared {esc(grantor)}, who proved to me on the basis of satisfactory evidence to "
            "be the person whose name is subscribed to the within instrument. WITNESS my hand "
            "and official seal.", "small")
    sheet.p("MAIL TAX STATEMENTS AS DIRECTED ABOVE", "center", fontSize=8, spaceBefore=10)
    return sheet, PageSetup(page_label=None, footer_right=f"Doc # {doc_no}")


def _seller(ctx: DocContext) -> Person:
    rng = ctx.rng
    given = rng.choice(("Harold", "Evelyn", "Gregory", "Sandra", "Luis", "Mei", "Dorothy"))
    surname = rng.choice(("Whitfield", "Okafor", "Brennan", "Castellanos", "Lindqvist", "Yu"))
    return Person(f"{ctx.account.debtor.person_id}-S", given, None, surname, None,
                  ctx.doc_date, "900-00-0000")


def _assessor_record(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng = ctx.rng
    sheet = Sheet(rng, rng.choice(("helvetica", "vera")), size=9.5)
    home = _home(ctx)
    county = _county_of(home)
    owners = _owners(sheet, ctx, upper=True)
    lines, _ = address_lines(home, rng, upper=True, one_line=True)
    sheet.p(f"<b>{esc(county.upper())} COUNTY ASSESSOR - PROPERTY RECORD</b>", "title")
    sheet.p(f"Printed {print_date(ctx.doc_date + timedelta(days=rng.randint(200, 600)), 'slash')}"
            " from the public inquiry system. Information deemed reliable but not guaranteed.",
            "small", alignment=1)
    parcel = f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}-" \
             f"{rng.randint(1000, 9999)}"
    recorded = sheet.date("filing_date", ctx.doc_date, "slash")
    land = cents(rng.uniform(40000, 250000))
    improvements = cents(rng.uniform(90000, 420000))
    rows = [
        ["Parcel number", parcel],
        ["Owner(s)", sheet.para("<br/>".join(esc(name) for name in owners))],
        ["Situs address", sheet.para(esc(lines[0]))],
        ["Mailing address", sheet.para("SAME AS SITUS")],
        ["Use code", "0100 - SINGLE FAMILY RESIDENCE"],
        ["Deed type", "GRANT DEED"],
        ["Recording date", recorded],
        ["Document number", f"{ctx.doc_date.year}{rng.randint(100000, 999999)}"],
        ["Sale price", sheet.money(None, cents(land + improvements) * Decimal("0.93"))],
    ]
    sheet.table(rows, [1.7 * inch, 4.6 * inch], extra=[("FONTNAME", (0, 0), (0, -1),
                                                       sheet.fonts.bold)])
    sheet.space(10)
    sheet.p("ASSESSED VALUES", "heading")
    year = ctx.doc_date.year + 1
    values = [["Roll year", "Land", "Improvements", "Total", "Exemption"],
              [str(year), f"{land:,.2f}", f"{improvements:,.2f}", f"{land + improvements:,.2f}",
               rng.choice(("7,000.00", "0.00"))],
              [str(year - 1), f"{land * Decimal('0.98'):,.2f}",
               f"{improvements * Decimal('0.98'):,.2f}",
               f"{(land + improvements) * Decimal('0.98'):,.2f}", "0.00"]]
    sheet.table(values, [0.9 * inch, 1.3 * inch, 1.3 * inch, 1.4 * inch, 1.1 * inch],
                header=True)
    sheet.space(8)
    sheet.p("TAX INSTALLMENTS", "heading")
    tax = cents((land + improvements) * Decimal("0.0118") / 2)
    sheet.table([["Installment", "Due", "Amount", "Status"],
                 ["1st", f"11/01/{year}", f"{tax:,.2f}", "PAID"],
                 ["2nd", f"02/01/{year + 1}", f"{tax:,.2f}", "UNPAID"]],
                [1.2 * inch, 1.2 * inch, 1.2 * inch, 1.2 * inch], header=True)
    return sheet, PageSetup(header=f"{county} County Assessor", page_label="Page {page} of {pages}")


LAYOUTS = (("property-deed", _grant_deed, 3), ("property-assessor", _assessor_record, 2))
