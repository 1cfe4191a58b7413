"""Court orders after a suit: the default judgment and the writ of garnishment (wages or
bank), each in two layouts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from reportlab.lib.units import inch

from samples.documents.common import (
    DocContext,
    Lawsuit,
    address_lines,
    attorney_block,
    debtor_party,
    org_block,
    printed_name,
    signature_block,
)
from samples.documents.court import court_caption, plaintiff_text, suit_of
from samples.formats import cents, print_date
from samples.layout import PageSetup, Sheet, esc
from samples.population import Account


def judgment_total(account: Account, suit: Lawsuit) -> Decimal:
    return cents(account.balance + suit.prejudgment_interest + suit.costs + suit.attorney_fees)


def _judgment_table(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    pleading = rng.random() < 0.5
    sheet = Sheet(rng, rng.choice(("times", "helvetica")), size=11, leading=24 if pleading
                  else None)
    sheet.styles["tight"].leading = 12
    block = attorney_block(sheet, account.attorney)
    sheet.p("<br/>".join(block), "tight")
    sheet.space(14)
    name = printed_name(account.debtor, rng, upper=True)
    debtor_party(sheet, account.debtor, name)
    plaintiff = plaintiff_text(sheet, account, upper=True)
    court_caption(sheet, ctx, "JUDGMENT AFTER DEFAULT", plaintiff=plaintiff,
                  defendant=esc(name), pleading=pleading)
    sheet.p(f"In this action the Defendant, {esc(name)}, having been regularly served with "
            "process and having failed to appear and answer the Complaint within the time "
            "allowed by law, and the default of said Defendant having been duly entered, upon "
            "application of Plaintiff and after having considered the evidence,", "indent")
    sheet.p(f"IT IS ADJUDGED that Plaintiff {esc(account.owner.name.upper())} recover from "
            f"Defendant {esc(name)} as follows:", "indent")
    rows = [["", "Amount"],
            ["a. Principal (demand of complaint)", sheet.money("principal", account.balance)],
            ["b. Prejudgment interest", sheet.money("interest", suit.prejudgment_interest)],
            ["c. Costs", sheet.money("fees", suit.costs)]]
    if suit.attorney_fees:
        rows.append(["d. Attorney fees", sheet.money("fees", suit.attorney_fees)])
    else:
        rows.append(["d. Attorney fees", sheet.money(None, Decimal(0))])
    rows.append(["TOTAL JUDGMENT", sheet.money("judgment_amount", judgment_total(account, suit))])
    sheet.table(rows, [3.6 * inch, 1.5 * inch], header=True,
                extra=[("ALIGN", (1, 0), (1, -1), "RIGHT"),
                       ("FONTNAME", (0, -1), (-1, -1), sheet.fonts.bold)])
    sheet.space(12)
    entered = sheet.date("judgment_date", suit.judgment_date)
    sheet.p(f"Judgment entered on: {entered}", "body")
    sheet.space(20)
    sheet.table([[sheet.para(" "), sheet.para("______________________________<br/>"
                                              "JUDGE / COMMISSIONER")]],
                [3.2 * inch, 3.2 * inch], grid=False)
    sheet.space(24)
    sheet.p("<b>CLERK'S CERTIFICATE OF MAILING</b>", "center", spaceAfter=6)
    mailed = suit.judgment_date + timedelta(days=rng.randint(1, 5))
    sheet.p("I certify that I am not a party to this cause and that a copy of the foregoing "
            "Judgment was mailed first class, postage prepaid, to each party or counsel of "
            f"record on {sheet.date(None, mailed)}.", "indent")
    setup = PageSetup(left=1.45 * inch if pleading else inch, right=0.6 * inch if pleading
                      else inch, pleading=pleading, footer="JUDGMENT AFTER DEFAULT",
                      page_label="{page}")
    return sheet, setup


def _judgment_prose(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("times", "vera", "courier")), size=11)
    name = printed_name(account.debtor, rng, upper=rng.random() < 0.5)
    home = account.debtor.address_on(suit.judgment_date)
    lines, one = address_lines(home, rng, one_line=True, upper=name.isupper())
    debtor_party(sheet, account.debtor, name, addresses=[one])
    plaintiff = plaintiff_text(sheet, account, upper=True)
    court_caption(sheet, ctx, "FINAL JUDGMENT BY DEFAULT", plaintiff=plaintiff,
                  defendant=esc(name), pleading=False)
    sheet.p("THIS CAUSE came before the Court on Plaintiff's Motion for Final Default Judgment. "
            "The Court, having reviewed the file and the affidavits of indebtedness, costs and "
            "attorney's fees, and being otherwise fully advised, finds that the Defendant was "
            "duly served and has failed to respond. Accordingly, it is", "indent")
    total = sheet.money("judgment_amount", judgment_total(account, suit), "prose")
    fees_text = ""
    if suit.attorney_fees:
        fees_text = f", attorney's fees of {sheet.money('fees', suit.attorney_fees)}"
    sheet.p(f"ORDERED AND ADJUDGED that Plaintiff, {plaintiff}, shall recover from Defendant, "
            f"{esc(name)}, whose last known address is {esc(lines[0])}, the sum of {total}, "
            f"consisting of principal of {sheet.money('principal', account.balance)}, "
            f"prejudgment interest of {sheet.money('interest', suit.prejudgment_interest)}, "
            f"court costs of {sheet.money('fees', suit.costs)}{fees_text}, for which let "
            f"execution issue. This judgment shall bear interest at the rate of "
            f"{rng.choice(('9', '5.25', '6.5', '10'))}% per annum.", "indent")
    if suit.state == "FL" and not suit.federal:
        sheet.p("The Court retains jurisdiction to enter further orders that are proper to "
                "compel the judgment debtor to complete form 1.977 (Fact Information Sheet), "
                "including all required attachments, and serve it on the judgment creditor's "
                "attorney.", "indent")
    else:
        sheet.p("The Court retains jurisdiction to enforce this judgment and to enter such "
                "further orders as are proper, including orders in aid of execution.", "indent")
    city = account.debtor.address_on(suit.judgment_date).city
    done = sheet.date("judgment_date", suit.judgment_date, "ordinal")
    sheet.p(f"DONE AND ORDERED in Chambers at {esc(city)}, on {done}.", "indent")
    sheet.space(24)
    judge = "UNITED STATES DISTRICT JUDGE" if suit.federal else rng.choice(
        ("JUDGE", "PRESIDING JUDGE", "CIRCUIT JUDGE" if suit.state in ("WI", "IL") else "JUDGE"))
    sheet.table([[sheet.para(" "), sheet.para(f"______________________________<br/>{judge}")]],
                [3.2 * inch, 3.2 * inch], grid=False)
    sheet.space(12)
    copies = f"Copies furnished to: {esc(account.attorney.name)}, Esq. (Bar No. " \
             f"{account.attorney.bar_number}); {esc(name)}"
    sheet.p(copies, "small")
    sheet.party("attorney", account.attorney.name, account.attorney.person_id)
    return sheet, PageSetup(page_label="Page {page} of {pages}",
                            footer_right=f"Case {suit.case_number}")


def _writ_amounts(account: Account, suit: Lawsuit) -> tuple[Decimal, Decimal]:
    total = judgment_total(account, suit)
    balance = cents(total + suit.post_judgment_interest - suit.paid_since_judgment)
    return total, balance


def _writ_wages(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("helvetica", "times", "vera")), size=10)
    name = printed_name(account.debtor, rng, upper=True)
    plaintiff = plaintiff_text(sheet, account, upper=True)
    court_caption(sheet, ctx, "WRIT OF GARNISHMENT<br/>(WAGES)", plaintiff=plaintiff,
                  defendant=esc(name), pleading=False)
    employer = account.debtor.employer
    assert employer is not None
    garnishee = org_block(sheet, employer, "garnishee", upper=rng.random() < 0.5)
    sheet.p("<b>TO THE GARNISHEE (EMPLOYER):</b>", "body", spaceAfter=2)
    sheet.p("<br/>".join(garnishee), "tight", leftIndent=0.4 * inch, spaceAfter=8)
    home = account.debtor.address_on(suit.writ_date)
    lines, one = address_lines(home, rng, upper=True)
    ssn4 = account.debtor.ssn[-4:]
    debtor_party(sheet, account.debtor, name, addresses=[one], ssn_last4=ssn4)
    sheet.table([[sheet.para("<b>Judgment debtor</b>"), sheet.para(esc(name))],
                 [sheet.para("<b>Last known address</b>"),
                  sheet.para("<br/>".join(esc(line) for line in lines))],
                 [sheet.para("<b>SSN (last four)</b>"), sheet.para(f"XXX-XX-{ssn4}")]],
                [1.8 * inch, 4.2 * inch])
    sheet.space(8)
    sheet.p("You are commanded to withhold from the judgment debtor's nonexempt earnings the "
            "amounts required by law for each pay period after service of this writ, until the "
            "balance due stated below is paid or this writ expires, and to pay the withheld "
            "amounts to the judgment creditor's attorney.", "justify")
    total, balance = _writ_amounts(account, suit)
    rows = [["Date judgment entered", sheet.date("judgment_date", suit.judgment_date)],
            ["Amount of judgment", sheet.money("judgment_amount", total)],
            ["Post-judgment interest", sheet.money(None, suit.post_judgment_interest)],
            ["Less payments and credits", sheet.money(None, suit.paid_since_judgment)],
            ["BALANCE DUE", sheet.money("amount_due", balance)]]
    sheet.table(rows, [3.2 * inch, 1.6 * inch], extra=[("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                                       ("FONTNAME", (0, -1), (-1, -1),
                                                        sheet.fonts.bold)])
    sheet.space(8)
    sheet.p("<b>Fee schedule</b> (not part of the balance due):", "small")
    sheet.table([["Writ issuance fee", "$15.00"], ["Sheriff service fee", "$40.00"],
                 ["Garnishee answer fee (paid to garnishee)", "$10.00"]],
                [3.2 * inch, 1 * inch], grid=False, pad=1)
    sheet.space(10)
    issued = sheet.date(None, suit.writ_date)
    sheet.p(f"Issued: {issued}", "body")
    sheet.p("CLERK OF THE COURT, By ______________________ Deputy", "body")
    sheet.space(10)
    block = attorney_block(sheet, account.attorney, upper=False, client="Judgment Creditor")
    sheet.p("<br/>".join(block[:-1]), "small")
    return sheet, PageSetup(header=f"Printed {print_date(suit.writ_date, 'slash')} "
                                   f"{rng.randint(8, 16)}:{rng.randint(0, 59):02d}")


def _writ_bank(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("courier", "times", "helvetica")), size=10)
    sheet.value("court_name", suit.court_name)
    sheet.p("<b>" + "<br/>".join(esc(line) for line in suit.court_lines) + "</b>", "center",
            spaceAfter=10)
    sheet.p("<b>WRIT OF NON-WAGE GARNISHMENT (FINANCIAL INSTITUTION)</b>", "title")
    name = printed_name(account.debtor, rng, upper=False)
    home = account.debtor.address_on(suit.writ_date)
    lines, one = address_lines(home, rng, one_line=True)
    debtor_party(sheet, account.debtor, name, addresses=[one])
    owner = account.owner.name
    sheet.party("creditor", owner, account.owner.org_id)
    bank = account.debtor.bank
    assert bank is not None
    bank_lines = org_block(sheet, bank, "garnishee", with_phone=False)
    total, balance = _writ_amounts(account, suit)
    items = [
        ("Case number", sheet.value("case_number", suit.case_number)),
        ("Judgment creditor", esc(sheet.value("creditor_name", owner))),
        ("Judgment debtor", esc(name)),
        ("Debtor's last known address", esc(lines[0])),
        ("Garnishee", ", ".join(bank_lines)),
        ("Judgment entered", sheet.date("judgment_date", suit.judgment_date)),
        ("Original judgment amount", sheet.money("judgment_amount", total)),
        ("Costs since judgment", sheet.money(None, Decimal("15.00"))),
        ("Payments received", sheet.money(None, suit.paid_since_judgment)),
        ("Balance due on judgment", sheet.money("amount_due", balance)),
    ]
    for label, text in items:
        sheet.p(f"<b>{label}:</b> {text}", "tight", spaceAfter=3)
    sheet.space(8)
    sheet.p("THE PEOPLE OF THE STATE, TO THE GARNISHEE NAMED ABOVE: You are ordered to hold "
            "any money or property of the judgment debtor in your possession, up to the "
            "balance due stated above, and to answer this writ within 7 days after service. "
            "Do not pay the judgment debtor any of the money held. Exempt funds (Social "
            "Security, SSI, veterans' and certain other benefits directly deposited within the "
            "last two months) must not be withheld.", "justify")
    sheet.p("<b>NOTICE TO JUDGMENT DEBTOR:</b> You may be able to claim an exemption for some "
            "of the money taken. You must request a hearing within 14 days.", "justify")
    sheet.space(6)
    sheet.p(f"Date issued: {sheet.date(None, suit.writ_date, 'slash')}", "body")
    signature_block(sheet, account.attorney, suit.writ_date - timedelta(days=2),
                    place="Judgment Creditor")
    return sheet, PageSetup(page_label="Page {page} of {pages}")



JUDGMENT_LAYOUTS = (("judgment-table", _judgment_table, 1), ("judgment-prose", _judgment_prose, 1))
GARNISHMENT_LAYOUTS = (("garnishment-wages", _writ_wages, 1), ("garnishment-bank", _writ_bank, 1))
