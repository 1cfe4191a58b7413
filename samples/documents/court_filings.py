"""Court filings that start a suit: the complaint (with its statement exhibit) and the
summons, each in two layouts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from reportlab.lib.units import inch

from samples.documents.common import (
    DocContext,
    address_lines,
    attorney_block,
    debtor_party,
    printed_name,
    signature_block,
)
from samples.documents.court import WIDTH, court_caption, filing_stamp, plaintiff_text, suit_of
from samples.formats import cents, mask_account, print_date
from samples.layout import PageSetup, Sheet, esc
from samples.population import Account


def _complaint_pleading(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("times", "times", "courier")), size=11.5, leading=24)
    sheet.styles["tight"].leading = 12
    sheet.styles["indent"].spaceAfter = 0
    block = attorney_block(sheet, account.attorney)
    stamp = filing_stamp(sheet, suit, record=True)
    file_no = f"{rng.choice(('TP', 'RLG', 'F'))}{rng.randint(100000, 999999)}"
    block_paras = [sheet.para(line, "cell") for line in block]
    block_paras.append(sheet.para(f"Refer to File Number: {file_no}", "cell"))
    sheet.table([[block_paras, sheet.para(stamp, "small")]], [3.9 * inch, 2.5 * inch],
                grid=False)
    sheet.space(18)
    debtor = account.debtor
    name = printed_name(debtor, rng, upper=True)
    debtor_party(sheet, debtor, name)
    plaintiff = plaintiff_text(sheet, account, upper=True)
    court_caption(sheet, ctx, "COMPLAINT FOR MONEY", plaintiff=plaintiff, defendant=esc(name),
                  pleading=True, extra_right="1. Account Stated<br/>2. Open Book Account<br/>"
                  "3. Common Count<br/><br/>"
                  + ("Limited Civil Case<br/>" if suit.state == "CA" and not suit.federal else "")
                  + f"[Demand Amount: {sheet.money(None, account.balance)}]")
    sheet.p("<b><u>GENERAL ALLEGATIONS</u></b>", "center", spaceAfter=8)
    original = esc(account.original_creditor.name.upper())
    masked = sheet.value("account_number", mask_account(account.number, rng))
    paragraphs = [
        f"At all times mentioned herein, Plaintiff {esc(account.owner.name.upper())} was, and "
        "is, a limited liability company duly organized and existing under the laws of the "
        "State of its formation, and is qualified to conduct business in this State.",
        "The true names and capacities of Defendants sued herein as DOES 1 through 10, "
        "inclusive, are unknown to Plaintiff, who therefore sues said Defendants by such "
        "fictitious names. Plaintiff will amend this Complaint when their true names are "
        "ascertained.",
        f"Defendant opened a credit account with {original}, account number {masked} (the "
        f"\"Account\"), on or about {sheet.date(None, account.opened, 'long')}, and agreed to "
        "repay all sums charged to the Account together with interest and fees.",
        f"The Account was charged off on {sheet.date(None, account.charged_off, 'long')}. "
        "Defendant made no payment after the last payment date shown in the statements "
        "attached hereto as Exhibit A.",
        "Venue is proper in this judicial district because Defendant resides herein and the "
        "obligation was entered into herein.",
    ]
    if account.owner is not account.original_creditor:
        paragraphs.insert(3, f"Thereafter, for value received, {original} sold and assigned "
                          f"all of its right, title and interest in the Account to Plaintiff, "
                          "which is the sole owner of the debt.")
    demand = sheet.money("amount_due", account.balance, "prose")
    paragraphs.append(
        f"Within the last four years, Defendant became indebted to Plaintiff in the sum of "
        f"{demand}, which sum is now due, owing and unpaid, and no part of which has been "
        "paid although demanded.")
    for number, text in enumerate(paragraphs, start=1):
        sheet.p(f"{number}.&nbsp;&nbsp;&nbsp;{text}", "indent")
    sheet.p("<b>WHEREFORE</b>, Plaintiff prays for judgment against Defendant(s) as follows:",
            "indent")
    prayer = [f"For damages in the sum of {sheet.money(None, account.balance)};",
              "For costs of suit incurred herein;",
              "For such other and further relief as the Court deems just and proper."]
    for number, text in enumerate(prayer, start=1):
        sheet.p(f"{number}. {text}", "indent")
    signature_block(sheet, account.attorney, suit.filing_date - timedelta(days=rng.randint(1, 9)),
                    place="Plaintiff")
    if rng.random() < 0.6:
        _statement_exhibit(sheet, account)
    setup = PageSetup(left=1.45 * inch, right=0.6 * inch, top=0.75 * inch, bottom=0.85 * inch,
                      pleading=True, footer="COMPLAINT FOR MONEY",
                      page_label="- {page} -")
    return sheet, setup


def _statement_exhibit(sheet: Sheet, account: Account) -> None:
    """'EXHIBIT A': the charge-off statement, full of numbers that are not the demand."""
    rng = sheet.rng
    sheet.p("<b>EXHIBIT A</b>", "title", pageBreakBefore=1, spaceBefore=200)
    sheet.p(f"{esc(account.original_creditor.name)}", "title", pageBreakBefore=1)
    closing = account.charged_off - timedelta(days=rng.randint(20, 40))
    last4 = account.number[-4:]
    sheet.table([[sheet.para(f"Account ending in {last4}"),
                  sheet.para(f"Statement closing date {print_date(closing, 'slash')}")],
                 [sheet.para("Previous balance"),
                  sheet.para(sheet.money(None, cents(account.principal * Decimal('0.97'))))],
                 [sheet.para("Payments, credits"),
                  sheet.para("-" + sheet.money(None, Decimal(rng.choice((0, 25, 40, 75)))))],
                 [sheet.para("Interest charged"),
                  sheet.para(sheet.money(None, cents(account.principal * Decimal('0.02'))))],
                 [sheet.para("Late fee"), sheet.money(None, Decimal(rng.choice((29, 39, 40))))],
                 [sheet.para("<b>Charge-off balance</b>"),
                  sheet.para(f"<b>{sheet.money(None, account.principal)}</b>")],
                 [sheet.para("Minimum payment due"),
                  sheet.para(sheet.money(None, cents(account.principal * Decimal('0.05'))))]],
                [3.2 * inch, 2.6 * inch])
    sheet.p("Your account has been charged off. This is not a bill; the balance remains due "
            "and owing. Payments should be sent to the address on the front of this "
            "statement.", "small", spaceBefore=8)


def _complaint_state(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("times", "helvetica", "vera")), size=10.5)
    filed = sheet.date("filing_date", suit.filing_date)
    sheet.p(f"FILED {filed}<br/>CLERK OF COURT", "right", fontSize=8, leading=10)
    sheet.space(6)
    debtor = account.debtor
    name = printed_name(debtor, rng, upper=rng.random() < 0.7)
    home = debtor.address_on(suit.filing_date)
    lines, one = address_lines(home, rng, upper=name.isupper(), one_line=False)
    debtor_party(sheet, debtor, name, addresses=[one])
    plaintiff = plaintiff_text(sheet, account, upper=True)
    defendant = f"{esc(name)}<br/>" + "<br/>".join(esc(line) for line in lines)
    court_caption(sheet, ctx, "COMPLAINT", plaintiff=plaintiff, defendant=defendant,
                  pleading=False, extra_right=f"Amount claimed: "
                  f"{sheet.money('amount_due', account.balance)}<br/>"
                  f"Return date: {sheet.date('due_date', suit.response_due)}")
    sheet.p(f"Plaintiff, {plaintiff}, by its attorneys, "
            f"{esc(account.attorney.firm.name)}, complains of Defendant as follows:", "justify")
    masked = sheet.value("account_number", mask_account(account.number, rng))
    allegations = [
        "Plaintiff is the owner of the account described below and brings this action to "
        "recover the balance due on it.",
        f"Defendant is an individual who resides in {esc(home.city)}, {home.state}, within "
        "the jurisdiction of this Court.",
        f"Defendant obtained credit from {esc(account.original_creditor.name)} under account "
        f"number {masked}, and used the account for purchases, cash advances or services.",
        f"Defendant defaulted by failing to make the payments required, and the account was "
        f"charged off on {sheet.date(None, account.charged_off)}. Any payments received "
        "have been credited.",
        "Plaintiff has demanded payment and Defendant has refused or failed to pay. The "
        "balance on the account is itemized as follows:",
    ]
    for number, text in enumerate(allegations, start=1):
        sheet.p(f"{number}. {text}", "justify")
    rows = [["Item", "Amount"],
            ["Principal balance at charge-off", sheet.money("principal", account.principal)],
            ["Accrued interest", sheet.money("interest", account.interest)],
            ["Fees and charges", sheet.money("fees", account.fees)],
            ["Total due", sheet.money(None, account.balance)]]
    sheet.table(rows, [3.5 * inch, 1.5 * inch], header=True,
                extra=[("ALIGN", (1, 0), (1, -1), "RIGHT")])
    sheet.space(8)
    sheet.p("WHEREFORE, Plaintiff requests judgment against Defendant for the amount due "
            "stated above, together with the costs of this action and post-judgment interest "
            "at the statutory rate.", "justify")
    signature_block(sheet, account.attorney, suit.filing_date - timedelta(days=rng.randint(0, 6)),
                    place="Plaintiff")
    sheet.space(16)
    sheet.p("<b>AFFIDAVIT OF ACCOUNT</b>", "center", spaceAfter=6)
    custodian = rng.choice(("Records Custodian", "Authorized Agent", "Legal Specialist"))
    sheet.p(f"I, the undersigned {custodian} of Plaintiff, being duly sworn, state that I have "
            "access to and have reviewed the business records of the account, that the records "
            "were made at or near the time of the events recorded, and that the balance stated "
            "above is just and true, after allowing all credits. Subscribed and sworn before me "
            f"on {sheet.date(None, suit.filing_date - timedelta(days=rng.randint(10, 40)))}.",
            "justify")
    setup = PageSetup(header=f"Case No. {suit.case_number}" if rng.random() < 0.5 else None,
                      footer_right=f"Printed {print_date(suit.filing_date, 'slash')}")
    return sheet, setup


def _summons_form(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("helvetica", "times")), size=9.5)
    name = printed_name(account.debtor, rng, upper=True)
    debtor_party(sheet, account.debtor, name)
    owner = account.owner.name.upper()
    sheet.party("creditor", owner, account.owner.org_id)
    header = [[sheet.para("<b>SUMMONS</b><br/>(CITACION JUDICIAL)", "title"),
               sheet.para("FOR COURT USE ONLY<br/>(SOLO PARA USO DE LA CORTE)", "small")]]
    sheet.table(header, [4.6 * inch, 1.9 * inch], grid=True)
    sheet.table([[sheet.para(f"<b>NOTICE TO DEFENDANT:</b> (AVISO AL DEMANDADO):<br/>{esc(name)}"
                             ", and DOES 1 to 10")],
                 [sheet.para("<b>YOU ARE BEING SUED BY PLAINTIFF:</b> (LO ESTÁ DEMANDANDO EL "
                             f"DEMANDANTE):<br/>{esc(sheet.value('creditor_name', owner))}")]],
                [WIDTH], grid=True)
    sheet.p("<b>NOTICE!</b> You have been sued. The court may decide against you without your "
            "being heard unless you respond within 30 days. Read the information below. You "
            "have 30 CALENDAR DAYS after this summons and legal papers are served on you to "
            "file a written response at this court and have a copy served on the plaintiff. A "
            "letter or phone call will not protect you. If you do not file your response on "
            "time, you may lose the case by default, and your wages, money, and property may "
            "be taken without further warning from the court. There are other legal "
            "requirements. You may want to call an attorney right away.", "small",
            spaceBefore=6)
    sheet.p("<b>¡AVISO!</b> Lo han demandado. Si no responde dentro de 30 días, la corte puede "
            "decidir en su contra sin escuchar su versión. Lea la información a continuación.",
            "small")
    court = sheet.value("court_name", suit.court_short)
    case = sheet.value("case_number", suit.case_number)
    sheet.table([[sheet.para(f"The name and address of the court is: (El nombre y dirección de "
                             f"la corte es):<br/>{esc(court)}<br/>{esc(suit.court_address)}"),
                  sheet.para(f"CASE NUMBER: (Número del Caso):<br/><b>{esc(case)}</b>")]],
                [4.6 * inch, 1.9 * inch])
    atty = account.attorney
    lines, one = address_lines(atty.firm.address, rng, one_line=True)
    phone = rng.choice(("({}) {}-{}", "{}-{}-{}")).format(atty.phone[:3], atty.phone[3:6],
                                                          atty.phone[6:])
    sheet.party("attorney", atty.name, atty.person_id, addresses=[one],
                phones=[("+1" + atty.phone, phone)])
    sheet.table([[sheet.para("The name, address, and telephone number of plaintiff's attorney, "
                             "or plaintiff without an attorney, is:<br/>"
                             f"{esc(atty.name)}, {esc(atty.firm.name)}, {esc(lines[0])}, "
                             f"{phone}")]],
                [WIDTH])
    issued = sheet.date("filing_date", suit.filing_date, "slash")
    sheet.table([[sheet.para(f"DATE: (Fecha) {issued}"),
                  sheet.para("Clerk, by (Secretario) ____________________, Deputy (Adjunto)")]],
                [2.4 * inch, 4.1 * inch])
    sheet.p("NOTICE TO THE PERSON SERVED: You are served as an individual defendant.", "small",
            spaceBefore=6)
    form = {"CA": "SUM-100 [Rev. July 1, 2009]", "IL": "CCG N001-200M-11/15/24"}.get(
        suit.state, "Summons - Civil (Rev. 01/2023)")
    return sheet, PageSetup(page_label="Page {page} of {pages}",
                            footer_right="AO 440 (Rev. 06/12)" if suit.federal else form)


def _summons_caption(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("times", "vera", "courier")), size=10.5)
    block = attorney_block(sheet, account.attorney, upper=False)
    sheet.p("<br/>".join(block), "tight")
    sheet.space(12)
    name = printed_name(account.debtor, rng, upper=True)
    home = account.debtor.address_on(suit.filing_date)
    lines, one = address_lines(home, rng, upper=True)
    debtor_party(sheet, account.debtor, name, addresses=[one])
    plaintiff = plaintiff_text(sheet, account, upper=True)
    court_caption(sheet, ctx, "SUMMONS", plaintiff=plaintiff, defendant=esc(name),
                  pleading=False)
    sheet.p(f"<b>TO THE ABOVE-NAMED DEFENDANT:</b> {esc(name)}, "
            f"{esc(', '.join(lines))}", "justify")
    appear = rng.random() < 0.5
    due = sheet.date("due_date", suit.response_due, rng.choice(("long", "slash", "ordinal")))
    if appear:
        sheet.p(f"YOU ARE HEREBY SUMMONED to appear before this Court at "
                f"{esc(suit.court_address)}, on {due}, at 9:00 a.m., to answer the complaint "
                "of the Plaintiff, a copy of which is served upon you with this summons.",
                "justify")
    else:
        sheet.p("YOU ARE HEREBY SUMMONED and required to file with the Clerk of this Court a "
                f"written answer or other response to the attached complaint on or before {due}. "
                "You must also serve a copy of your answer upon the Plaintiff's attorney named "
                "above.", "justify")
    claimed = sheet.money("amount_due", account.balance)
    sheet.p(f"The Plaintiff claims the sum of {claimed}, plus costs of this action. IF YOU FAIL "
            "TO DO SO, JUDGMENT BY DEFAULT MAY BE ENTERED AGAINST YOU FOR THE RELIEF DEMANDED "
            "IN THE COMPLAINT.", "justify")
    sheet.space(8)
    filed = sheet.date("filing_date", suit.filing_date)
    sheet.table([[sheet.para(f"Complaint filed: {filed}"),
                  sheet.para("CLERK OF THE COURT<br/><br/>By: ______________________<br/>"
                             "Deputy Clerk")]], [3.2 * inch, 3.2 * inch], grid=False)
    sheet.space(12)
    sheet.p("<b>FEES</b>", "small")
    sheet.table([["Filing fee", "$" + rng.choice(("75.00", "95.00", "225.00"))],
                 ["Service of summons (per defendant)", "$" + rng.choice(("40.00", "55.00"))]],
                [3 * inch, 1 * inch], grid=False)
    sheet.p("If you need an interpreter or an accommodation for a disability, contact the clerk "
            "at least five days before the date above.", "small", spaceBefore=8)
    return sheet, PageSetup(header=f"Case No. {suit.case_number}" if rng.random() < 0.4 else None)


COMPLAINT_LAYOUTS = (("complaint-pleading", _complaint_pleading, 2),
                     ("complaint-state", _complaint_state, 1))
SUMMONS_LAYOUTS = (("summons-form", _summons_form, 1), ("summons-caption", _summons_caption, 1))
