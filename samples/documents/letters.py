"""Collection letters: Regulation F validation notices and older-style demand letters."""

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
from samples.formats import mask_account, print_date
from samples.geography import STATE_NAMES
from samples.layout import PageSetup, Sheet, esc

STATE_NOTICES = {
    "CA": "The state Rosenthal Fair Debt Collection Practices Act and the federal Fair Debt "
          "Collection Practices Act require that, except under unusual circumstances, "
          "collectors may not contact you before 8 a.m. or after 9 p.m. They may not harass "
          "you by using threats of violence or arrest or by using obscene language.",
    "NY": "Debt collectors, in accordance with the Fair Debt Collection Practices Act, are "
          "prohibited from engaging in abusive, deceptive, and unfair debt collection efforts. "
          "You have the right to request a copy of any judgment against you.",
    "CO": "FOR INFORMATION ABOUT THE COLORADO FAIR DEBT COLLECTION PRACTICES ACT, SEE THE "
          "ATTORNEY GENERAL'S WEB SITE. A consumer has the right to request in writing that a "
          "debt collector or collection agency cease further communication with the consumer.",
    "WI": "This collection agency is licensed by the Division of Banking in the Wisconsin "
          "Department of Financial Institutions.",
}


def _recipient(sheet: Sheet, ctx: DocContext, *, upper: bool) -> list[str]:
    debtor = ctx.account.debtor
    name = printed_name(debtor, ctx.rng, upper=upper)
    lines, one = address_lines(debtor.address_on(ctx.doc_date), ctx.rng, upper=upper,
                               one_line=False)
    debtor_party(sheet, debtor, name, addresses=[one])
    return [esc(name)] + [esc(line) for line in lines]


def _phone_check(sheet: Sheet, ctx: DocContext) -> None:
    """Letters that ask the consumer to confirm the number on file print the debtor's phone."""
    debtor = ctx.account.debtor
    phone = debtor.phones_on(ctx.doc_date)[-1]
    printed = phone_text(phone.national, ctx.rng)
    sheet.party("debtor", "", debtor.person_id, phones=[("+1" + phone.national, printed)])
    sheet.p(f"The telephone number we have on file for you is {printed}. If this number is not "
            "correct, or if you would prefer that we not call you at this number, please let us "
            "know.", "body")


def _letterhead(sheet: Sheet, ctx: DocContext, *, align: str = "center") -> None:
    agency = ctx.account.agency
    lines, one = address_lines(agency.address, ctx.rng, one_line=True)
    phone = phone_text(agency.phone, ctx.rng)
    sheet.party("other", agency.name, agency.org_id, addresses=[one],
                phones=[("+1" + agency.phone, phone)])
    hours = ctx.rng.choice(("Mon-Fri 8:00 a.m. - 8:00 p.m. CT", "M-Th 8-9, F 8-5, Sat 8-12 ET"))
    sheet.p(f"<b>{esc(agency.name)}</b>", align, fontSize=sheet.size + 4,
            leading=sheet.size + 7)
    sheet.p(f"{esc(lines[0])}<br/>Toll free: {phone} &nbsp; {hours}", align,
            fontSize=sheet.size - 1.5, leading=sheet.size + 1)
    sheet.space(14)


def _itemization(sheet: Sheet, ctx: DocContext) -> None:
    account = ctx.account
    item_date = sheet.date(None, account.charged_off)
    rows = [
        [f"As of {item_date}, you owed:", sheet.money(None, account.principal)],
        [f"Between {item_date} and today:", ""],
        ["You were charged this amount in interest:", "+ " + sheet.money("interest",
                                                                        account.interest)],
        ["You were charged this amount in fees:", "+ " + sheet.money("fees", account.fees)],
        ["You paid or were credited this amount toward the debt:",
         "- " + sheet.money(None, Decimal(0))],
        ["Total amount of the debt now:", sheet.money("amount_due", account.balance)],
    ]
    sheet.table(rows, [4.2 * inch, 1.4 * inch], grid=False, pad=2,
                 extra=[("ALIGN", (1, 0), (1, -1), "RIGHT"),
                        ("LINEABOVE", (0, -1), (-1, -1), 0.8, "black"),
                        ("FONTNAME", (0, -1), (-1, -1), sheet.fonts.bold)])
    sheet.space(8)


def _regf_notice(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account = ctx.rng, ctx.account
    sheet = Sheet(rng, rng.choice(("helvetica", "vera", "times")), size=10)
    _letterhead(sheet, ctx, align="left")
    reference = f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
    recipient = _recipient(sheet, ctx, upper=rng.random() < 0.6)
    notice = [sheet.para(f"<b>{esc(account.agency.name)}</b> is a debt collector. We are trying "
                         "to collect a debt that you owe to <b>"
                         f"{esc(sheet.value('creditor_name', account.owner.name))}</b>. We will "
                         "use any information you give us to help collect the debt.")]
    sheet.party("creditor", account.owner.name, account.owner.org_id)
    side = [sheet.para(f"Reference: {reference}"),
            sheet.para(f"Date: {sheet.date(None, ctx.doc_date)}"), sheet.para(" ")] + notice
    sheet.table([[sheet.para("<br/>".join(recipient)), side]], [3.1 * inch, 3.4 * inch],
                grid=False)
    sheet.space(12)
    masked = sheet.value("account_number", mask_account(account.number, rng))
    sheet.p("<b>Our information shows:</b>", "heading")
    sheet.p(f"You had a credit account from {esc(account.original_creditor.name)} with account "
            f"number {masked}.", "body")
    _itemization(sheet, ctx)
    if rng.random() < 0.5:
        _phone_check(sheet, ctx)
    due = ctx.doc_date + timedelta(days=rng.choice((35, 38, 40, 45)))
    sheet.p("<b>How can you dispute the debt?</b>", "heading")
    sheet.p(f"- <b>Call or write to us by {sheet.date('due_date', due)}, to dispute all or part "
            "of the debt.</b> If you do not, we will assume that our information is correct.",
            "body", leftIndent=12)
    sheet.p("- <b>If you write to us by the date above</b>, we must stop collection on any "
            "amount you dispute until we send you information that shows you owe the debt. You "
            "may use the form below or write to us without the form.", "body", leftIndent=12)
    sheet.p("<b>What else can you do?</b>", "heading")
    sheet.p("- Write to ask for the name and address of the original creditor, if different "
            "from the current creditor. If you write by the date above, we must stop "
            "collection until we send you that information.<br/>- Go to "
            "www.cfpb.gov/debt-collection to learn more about your rights under federal law.",
            "body", leftIndent=12)
    state = account.debtor.address_on(ctx.doc_date).state
    if state in STATE_NOTICES:
        sheet.p(STATE_NOTICES[state], "small")
    sheet.space(10)
    sheet.p("- - - - - - - - - - - - - - - - - - - - - - Detach and return - - - - - - - - - - - "
            "- - - - - - - - - -", "center", fontSize=7)
    sheet.table([[sheet.para("<b>How do you want to respond?</b><br/>[ ] I want to dispute the "
                             "debt because I think:<br/>[ ] This is not my debt.<br/>[ ] The "
                             "amount is wrong.<br/>[ ] I enclosed this amount: $__________"),
                  sheet.para(f"Mail this form to:<br/>{esc(account.agency.name)}<br/>"
                             f"{esc(account.agency.address.street)}<br/>"
                             f"{esc(account.agency.address.city)}, {account.agency.address.state} "
                             f"{account.agency.address.zip}<br/><br/>Reference: {reference}")]],
                [3.4 * inch, 3.1 * inch], box=True, grid=False)
    return sheet, PageSetup(page_label=None,
                            footer_right=f"{rng.choice(('LTR-G1', 'VN01', 'RF-07'))} "
                                         f"{print_date(ctx.doc_date, 'slash')}")


def _demand_letter(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account = ctx.rng, ctx.account
    sheet = Sheet(rng, rng.choice(("times", "courier", "vera")), size=11)
    _letterhead(sheet, ctx)
    sheet.p(sheet.date(None, ctx.doc_date, rng.choice(("long", "abbrev"))), "body")
    sheet.space(6)
    sheet.p("<br/>".join(_recipient(sheet, ctx, upper=rng.random() < 0.4)), "tight")
    sheet.space(12)
    our_file = f"{rng.choice(('CL', 'NRB', 'F'))}-{rng.randint(100000, 999999)}"
    owner = sheet.value("creditor_name", account.owner.name)
    sheet.party("creditor", owner, account.owner.org_id)
    masked = mask_account(account.number, rng)
    rows = [["Original Creditor:", esc(account.original_creditor.name)],
            ["Current Creditor:", esc(owner)],
            ["Account No.:", sheet.value("account_number", masked)],
            ["Our File No.:", our_file],
            ["Balance Due:", sheet.money(None, account.balance)]]
    sheet.table([[sheet.para("<b>RE:</b>"), [sheet.para(f"{a} {b}", "tight") for a, b in rows]]],
                [0.5 * inch, 5.5 * inch], grid=False)
    sheet.space(8)
    name = printed_name(account.debtor, rng, allow_variants=False)
    sheet.p(f"Dear {esc(name.split()[0])} {esc(account.debtor.surname)}:", "body")
    balance = sheet.money("amount_due", account.balance,
                          rng.choice(("dollar", "prose", "dollar")))
    sheet.p(f"The above-referenced account has been placed with this office for collection. "
            f"As of the date of this letter, our records show that you owe {balance}. This "
            f"amount includes principal of {sheet.money('principal', account.principal)}, "
            f"interest of {sheet.money('interest', account.interest)} and fees of "
            f"{sheet.money('fees', account.fees)}. Because interest may continue to accrue, the "
            "amount due on the day you pay may be greater.", "justify")
    if rng.random() < 0.5:
        _phone_check(sheet, ctx)
    sheet.p("We would like to work with you to resolve this balance. Please call our office to "
            "discuss a payment arrangement that fits your budget, or send your payment in the "
            "enclosed envelope. If you have already paid this account, please disregard this "
            "notice and contact us so that we may update our records.", "justify")
    sheet.p("Sincerely,<br/><br/>Account Representative<br/>"
            f"{esc(account.agency.name)}", "body")
    sheet.space(6)
    sheet.p("PAYMENT HISTORY ON FILE", "heading")
    history = [["Date", "Description", "Amount"]]
    for paid_on, amount in account.payments or [(account.charged_off, Decimal("0.00"))]:
        history.append([print_date(paid_on, "slash"), "Payment - thank you",
                        sheet.money(None, amount)])
    sheet.table(history, [1.2 * inch, 2.6 * inch, 1.2 * inch], header=True)
    sheet.p("<b>IMPORTANT NOTICE OF YOUR RIGHTS</b>", "title", pageBreakBefore=1)
    due = ctx.doc_date + timedelta(days=rng.choice((30, 35, 40)))
    sheet.p(f"Unless you notify this office by {sheet.date('due_date', due, 'long')} that you "
            "dispute the validity of this debt or any portion of it, this office will assume "
            "the debt is valid. If you notify this office in writing by that date that you "
            "dispute the validity of this debt or any portion of it, this office will obtain "
            "verification of the debt or a copy of a judgment and mail you a copy of such "
            "verification or judgment. If you request of this office in writing by that date, "
            "this office will provide you with the name and address of the original creditor, "
            "if different from the current creditor.", "justify")
    sheet.p("This communication is from a debt collector. This is an attempt to collect a debt "
            "and any information obtained will be used for that purpose.", "justify")
    for state, text in STATE_NOTICES.items():
        if rng.random() < 0.5:
            sheet.p(f"<b>{STATE_NAMES[state].upper()} RESIDENTS:</b> {text}", "small")
    sheet.space(12)
    sheet.table([[sheet.para("<b>PAYMENT COUPON</b><br/>Please return this portion with your "
                             f"payment.<br/>File No.: {our_file}"),
                  sheet.para(f"Amount due: {sheet.money(None, account.balance)}<br/>"
                             "Amount enclosed: $____________")]],
                [3.2 * inch, 3.0 * inch], box=True, grid=False)
    return sheet, PageSetup(footer=f"{esc(account.agency.name)} - {our_file}")


def _sidebar_letter(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """Two columns: a narrow grey sidebar with contact options beside the letter body."""
    rng, account = ctx.rng, ctx.account
    sheet = Sheet(rng, rng.choice(("helvetica", "vera")), size=9.5)
    agency = account.agency
    lines, one = address_lines(agency.address, rng, one_line=False)
    phone = phone_text(agency.phone, rng)
    sheet.party("other", agency.name, agency.org_id, addresses=[one],
                phones=[("+1" + agency.phone, phone)])
    sheet.table([[sheet.para(f"<font size=15><b>{esc(agency.name)}</b></font>", "cell"),
                  sheet.para(f"Printed: {print_date(ctx.doc_date - timedelta(days=2), 'slash')}"
                             f"<br/>Notice date: {sheet.date(None, ctx.doc_date)}", "small")]],
                [4.6 * inch, 1.9 * inch], grid=False,
                extra=[("LINEBELOW", (0, 0), (-1, 0), 1.5, "black")])
    sheet.space(10)
    recipient = _recipient(sheet, ctx, upper=True)
    owner = sheet.value("creditor_name", account.owner.name)
    sheet.party("creditor", owner, account.owner.org_id)
    masked = sheet.value("account_number", mask_account(account.number, rng))
    due = ctx.doc_date + timedelta(days=rng.choice((35, 40, 45)))
    amount = sheet.money("amount_due", account.balance)
    due_text = sheet.date("due_date", due)
    body = [
        sheet.para("<br/>".join(recipient), "body"),
        sheet.para(" "),
        sheet.para(f"<b>Creditor:</b> {esc(owner)}<br/><b>Account:</b> {masked}<br/>"
                   f"<b>Amount due:</b> {amount}", "body"),
        sheet.para(f"{esc(agency.name)} is a debt collector. We are trying to collect a debt that "
                   f"you owe to {esc(owner)}. Our records show a balance of {amount} on the "
                   f"account above. If you want to dispute all or part of this debt, contact us "
                   f"by {due_text}. If you do not, we will assume that our information is "
                   "correct.", "justify"),
        sheet.para("We are not obligated to renew any offer we may make. Interest and fees are "
                   "not being added to this account at this time.", "justify"),
    ]
    payments = sum((amount for _, amount in account.payments), Decimal(0))
    side = [
        sheet.para("<b>Ways to pay</b>", "cellb"),
        sheet.para(f"Online: www.{agency.name.split()[0].lower()}pay.com", "small"),
        sheet.para(f"Phone: {phone}", "small"),
        sheet.para("Mail:<br/>" + "<br/>".join(esc(line) for line in lines), "small"),
        sheet.para(" "),
        sheet.para("<b>Office hours</b>", "cellb"),
        sheet.para("Mon-Thu 8am-8pm<br/>Fri 8am-5pm<br/>Sat 8am-12pm", "small"),
        sheet.para(" "),
        sheet.para("<b>Payments received by your creditor before placement</b>", "cellb"),
        sheet.para(sheet.money(None, payments), "small"),
    ]
    sheet.table([[side, body]], [1.8 * inch, 4.7 * inch], grid=False,
                extra=[("BACKGROUND", (0, 0), (0, 0), "#EEEEEE"),
                       ("LEFTPADDING", (1, 0), (1, 0), 14)])
    sheet.space(10)
    sheet.p("This communication is from a debt collector. Calls to or from this company may be "
            "monitored or recorded.", "small")
    return sheet, PageSetup(page_label="Page {page} of {pages}")


LAYOUTS = (("letter-regf", _regf_notice, 2), ("letter-demand", _demand_letter, 1),
           ("letter-sidebar", _sidebar_letter, 1))
