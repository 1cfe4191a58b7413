"""Creditor placement sheets / case files: the tables a new account arrives with."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from reportlab.lib.units import inch

from samples.documents.common import (
    DocContext,
    address_lines,
    debtor_party,
    phone_text,
    printed_name,
)
from samples.formats import PHONE_STYLES, print_date
from samples.layout import PageSetup, Sheet, esc
from samples.population import Person, Phone, Residence


def _known(person: Person, ctx: DocContext) -> tuple[list[Residence], list[Phone]]:
    residences = [r for r in person.residences if r.since <= ctx.doc_date]
    phones = [p for p in person.phones if p.since <= ctx.doc_date]
    return residences or person.residences[:1], phones or person.phones[:1]


def _ssn_text(person: Person, rng_value: float) -> str:
    """Masked most of the time; a full (never-issued 9xx) number now and then, as files do."""
    if rng_value < 0.2:
        return person.ssn
    if rng_value < 0.6:
        return f"XXX-XX-{person.ssn[-4:]}"
    return f"***-**-{person.ssn[-4:]}"


def _status_on(residence: Residence, ctx: DocContext) -> str:
    if residence.status == "bad address":
        return "Bad address"
    if residence.until is None or residence.until > ctx.doc_date:
        return "Current"
    return "Previous"


def _placement_tables(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account = ctx.rng, ctx.account
    debtor = account.debtor
    sheet = Sheet(rng, rng.choice(("helvetica", "vera")), size=9.5)
    client = account.owner.name
    sheet.table([[sheet.para(f"<font size=14><b>{esc(account.agency.name)}</b></font><br/>"
                             "NEW BUSINESS PLACEMENT - CASE FILE"),
                  sheet.para(f"Placement date: {sheet.date(None, ctx.doc_date)}<br/>"
                             f"Agency file #: {rng.randint(1000000, 9999999)}<br/>"
                             f"Batch: {rng.randint(100, 999)}-{rng.randint(10, 99)}", "small")]],
                [4.4 * inch, 2.1 * inch], grid=False,
                extra=[("LINEBELOW", (0, 0), (-1, 0), 1.2, "black")])
    sheet.space(8)
    sheet.party("creditor", client, account.owner.org_id)
    name = printed_name(debtor, rng, upper=rng.random() < 0.5)
    ssn = _ssn_text(debtor, rng.random())
    residences, phones = _known(debtor, ctx)
    dob_text = sheet.date(None, debtor.dob, rng.choice(("slash", "iso", "slash")))
    employer = debtor.employer
    rows = [
        [sheet.para("<b>Client</b>"), sheet.para(esc(sheet.value("creditor_name", client))),
         "", ""],
        [sheet.para("<b>Debtor</b>"), sheet.para(esc(name)), "", ""],
        [sheet.para("<b>Account #</b>"), sheet.para(sheet.value("account_number",
                                                                 account.number)),
         sheet.para("<b>DOB</b>"), sheet.para(dob_text)],
        [sheet.para("<b>SSN</b>"), sheet.para(ssn), sheet.para("<b>Employer</b>"),
         sheet.para(esc(employer.name) if employer else "Unknown")],
        [sheet.para("<b>Open date</b>"), sheet.para(print_date(account.opened, "slash")),
         sheet.para("<b>Charge-off</b>"), sheet.para(print_date(account.charged_off, "slash"))],
    ]
    sheet.p("DEBTOR", "heading")
    sheet.table(rows, [1.0 * inch, 2.4 * inch, 1.0 * inch, 2.1 * inch],
                extra=[("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 1), (3, 1))])
    if employer:
        sheet.party("other", employer.name, employer.org_id)
    addresses = []
    addr_rows = [["Address", "From", "To", "Status"]]
    for residence in residences:
        lines, one = address_lines(residence.address, rng, one_line=True)
        addresses.append(one)
        until = "" if residence.until is None or residence.until > ctx.doc_date else \
            print_date(residence.until, "slash")
        addr_rows.append([sheet.para(esc(lines[0])), print_date(residence.since, "slash"), until,
                          _status_on(residence, ctx)])
    phone_rows = [["Phone", "Type", "Status"]]
    printed_phones = []
    for phone in phones:
        printed = phone_text(phone.national, rng)
        printed_phones.append(("+1" + phone.national, printed))
        phone_rows.append([printed, phone.kind.title(), phone.status.title()])
    debtor_party(sheet, debtor, name, addresses=addresses, phones=printed_phones,
                 emails=debtor.emails, dob=debtor.dob, ssn_last4=debtor.ssn[-4:])
    sheet.p("ADDRESS HISTORY", "heading")
    sheet.table(addr_rows, [3.7 * inch, 0.9 * inch, 0.9 * inch, 1.0 * inch], header=True)
    sheet.p("PHONES", "heading")
    sheet.table(phone_rows, [2.0 * inch, 1.2 * inch, 1.4 * inch], header=True)
    sheet.p("EMAIL", "heading")
    sheet.p("<br/>".join(debtor.emails), "tight")
    sheet.p("BALANCES", "heading")
    balance_rows = [["Principal", sheet.money("principal", account.principal, "plain")],
                    ["Interest", sheet.money("interest", account.interest, "plain")],
                    ["Fees", sheet.money("fees", account.fees, "plain")],
                    ["Total balance", sheet.money("amount_due", account.balance, "plain")]]
    sheet.table(balance_rows, [2.0 * inch, 1.2 * inch],
                extra=[("ALIGN", (1, 0), (1, -1), "RIGHT"),
                       ("FONTNAME", (0, -1), (-1, -1), sheet.fonts.bold)])
    sheet.p("PAYMENT HISTORY", "heading")
    history = [["Date", "Type", "Amount"]] + [
        [print_date(day, "slash"), "PMT", f"{amount:,.2f}"] for day, amount in account.payments]
    if len(history) == 1:
        history.append(["-", "No payments on file", "0.00"])
    sheet.table(history, [1.2 * inch, 2.0 * inch, 1.0 * inch], header=True)
    sheet.p("NOTES", "heading")
    sheet.p(f"Last statement mailed {print_date(account.charged_off - timedelta(days=30), 'slash')}"
            ". Consumer disputed late fee in prior year; resolved. Do not call before 8 a.m. "
            "local time.", "small")
    return sheet, PageSetup(header=f"CONFIDENTIAL - {esc(account.agency.name)}",
                            footer_right=f"Printed {print_date(ctx.doc_date, 'slash')} "
                                         f"{rng.randint(7, 18)}:{rng.randint(0, 59):02d}")


def _dotted(label: str, value: str, width: int = 26) -> str:
    return f"{label} ".ljust(width, ".") + f" {value}"


def _placement_printout(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """A monospaced system printout ('DEBTOR PROFILE REPORT'), label:value with leaders."""
    rng, account = ctx.rng, ctx.account
    debtor = account.debtor
    sheet = Sheet(rng, "courier", size=9)
    run = ctx.doc_date + timedelta(days=rng.randint(0, 3))
    sheet.p(f"RUN DATE: {print_date(run, 'slash')}   RUN TIME: {rng.randint(1, 23):02d}:"
            f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}   REPORT CLP-204", "tight")
    sheet.p("ACCOUNT PLACEMENT / DEBTOR PROFILE REPORT", "title")
    name = printed_name(debtor, rng, upper=True)
    residences, phones = _known(debtor, ctx)
    owner = account.owner.name.upper()
    sheet.party("creditor", owner, account.owner.org_id)
    lines = [
        _dotted("CLIENT", esc(sheet.value("creditor_name", owner))),
        _dotted("ORIGINAL CREDITOR", esc(account.original_creditor.name.upper())),
        _dotted("CLIENT ACCT NO", sheet.value("account_number", account.number)),
        _dotted("PLACED", sheet.date(None, ctx.doc_date, "slash")),
        _dotted("DEBTOR NAME", esc(name)),
        _dotted("DATE OF BIRTH", sheet.date(None, debtor.dob, "slash")),
        _dotted("SSN", _ssn_text(debtor, rng.random())),
    ]
    sheet.p("<br/>".join(line.replace(" ", "&nbsp;") for line in lines), "tight")
    sheet.space(8)
    addresses = []
    sheet.p("ADDRESSES", "heading")
    for index, residence in enumerate(reversed(residences), start=1):
        shown, one = address_lines(residence.address, rng, upper=True, one_line=False)
        addresses.append(one)
        status = _status_on(residence, ctx).upper()
        sheet.p(f"{index}. {esc(shown[0])}<br/>&nbsp;&nbsp;&nbsp;{esc(shown[1])}<br/>"
                f"&nbsp;&nbsp;&nbsp;FIRST SEEN {print_date(residence.since, 'slash')}  "
                f"STATUS {status}", "tight", spaceAfter=4)
    sheet.p("TELEPHONE", "heading")
    printed_phones = []
    style = rng.choice(PHONE_STYLES[:3])
    for phone in phones:
        printed = phone_text(phone.national, rng, style)
        printed_phones.append(("+1" + phone.national, printed))
        sheet.p(f"{printed}&nbsp;&nbsp;{phone.kind.upper():<6}&nbsp;&nbsp;{phone.status.upper()}",
                "tight")
    emails = [email.upper() if rng.random() < 0.3 else email for email in debtor.emails]
    sheet.p("EMAIL", "heading")
    sheet.p("<br/>".join(emails), "tight")
    debtor_party(sheet, debtor, name, addresses=addresses, phones=printed_phones, emails=emails,
                 dob=debtor.dob, ssn_last4=debtor.ssn[-4:])
    sheet.p("BALANCE DETAIL", "heading")
    detail = [
        _dotted("PRINCIPAL", sheet.money("principal", account.principal, "plain").rjust(12)),
        _dotted("INTEREST", sheet.money("interest", account.interest, "plain").rjust(12)),
        _dotted("FEES/COSTS", sheet.money("fees", account.fees, "plain").rjust(12)),
        _dotted("TOTAL DUE", sheet.money("amount_due", account.balance, "plain").rjust(12)),
        _dotted("LAST PAYMENT", f"{account.payments[-1][1]:,.2f}".rjust(12)
                if account.payments else "NONE"),
    ]
    sheet.p("<br/>".join(line.replace(" ", "&nbsp;") for line in detail), "tight")
    sheet.space(8)
    sheet.p("*** CONTAINS NONPUBLIC PERSONAL INFORMATION - HANDLE PER GLBA POLICY ***", "center")
    return sheet, PageSetup(page_label="PAGE {page} OF {pages}", left=0.8 * inch,
                            right=0.8 * inch)


def _placement_form(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """Two-column form: debtor on the left, account on the right, contact tables below."""
    rng, account = ctx.rng, ctx.account
    debtor = account.debtor
    sheet = Sheet(rng, rng.choice(("times", "helvetica")), size=9.5)
    sheet.money_style = rng.choice(("dollar", "usd"))
    original = account.original_creditor
    sheet.p(f"<b>{esc(original.name)}</b> - Account Transfer / Placement Sheet", "title")
    sheet.p(f"Transmittal date: {sheet.date(None, ctx.doc_date)} &nbsp;&nbsp; Agency: "
            f"{esc(account.agency.name)}", "center", spaceAfter=8)
    name = printed_name(debtor, rng)
    residences, phones = _known(debtor, ctx)
    current = residences[-1]
    cur_lines, cur_one = address_lines(current.address, rng, one_line=False)
    sheet.party("creditor", original.name, original.org_id)
    left = [sheet.para("<b>DEBTOR INFORMATION</b>", "cellb"),
            sheet.para(f"Name: {esc(name)}"),
            sheet.para(f"Date of birth: {sheet.date(None, debtor.dob)}"),
            sheet.para(f"SSN: {_ssn_text(debtor, rng.random())}"),
            sheet.para("Mailing address:<br/>" + "<br/>".join(esc(x) for x in cur_lines))]
    right = [sheet.para("<b>ACCOUNT INFORMATION</b>", "cellb"),
             sheet.para(f"Creditor: {esc(sheet.value('creditor_name', original.name))}"),
             sheet.para(f"Account number: {sheet.value('account_number', account.number)}"),
             sheet.para(f"Principal: {sheet.money('principal', account.principal)}"),
             sheet.para(f"Interest: {sheet.money('interest', account.interest)}"),
             sheet.para(f"Fees: {sheet.money('fees', account.fees)}"),
             sheet.para(f"<b>Balance: {sheet.money('amount_due', account.balance)}</b>"),
             sheet.para(f"Charged off: {sheet.date(None, account.charged_off)}")]
    sheet.table([[left, right]], [3.25 * inch, 3.25 * inch], box=True, grid=True)
    sheet.space(8)
    addresses = [cur_one]
    rows = [["Other addresses on file", "Reported", "Status"]]
    for residence in residences[:-1]:
        lines, one = address_lines(residence.address, rng, one_line=True)
        addresses.append(one)
        rows.append([sheet.para(esc(lines[0])), print_date(residence.since, "slash"),
                     _status_on(residence, ctx)])
    if len(rows) > 1:
        sheet.table(rows, [4.0 * inch, 1.1 * inch, 1.4 * inch], header=True)
        sheet.space(6)
    phone_rows = [["Telephone", "Type", "Status", "Email"]]
    printed_phones = []
    for index, phone in enumerate(phones):
        printed = phone_text(phone.national, rng)
        printed_phones.append(("+1" + phone.national, printed))
        email = debtor.emails[index] if index < len(debtor.emails) else ""
        phone_rows.append([printed, phone.kind, phone.status, email])
    shown_emails = debtor.emails[:len(phones)]
    debtor_party(sheet, debtor, name, addresses=addresses, phones=printed_phones,
                 emails=shown_emails, dob=debtor.dob, ssn_last4=debtor.ssn[-4:])
    sheet.table(phone_rows, [1.5 * inch, 0.9 * inch, 1.1 * inch, 3.0 * inch], header=True)
    sheet.space(10)
    fee_rows = [["Contingency fee schedule", "Rate"], ["Primary placement", "25%"],
                ["Secondary placement", "33%"], ["Legal forwarding", "40%"]]
    sheet.table(fee_rows, [2.5 * inch, 0.8 * inch], header=True)
    sheet.space(8)
    last = account.payments[-1][1] if account.payments else Decimal(0)
    sheet.p(f"Last payment received: {sheet.money(None, last)}"
            " &nbsp; Authorized by: Recovery Department", "small")
    return sheet, PageSetup(footer="Confidential - for collection purposes only")


LAYOUTS = (("placement-tables", _placement_tables, 1),
           ("placement-printout", _placement_printout, 1),
           ("placement-form", _placement_form, 1))
