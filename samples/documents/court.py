"""Court paperwork: complaint, summons, default judgment and writ of garnishment.

Each document type has two or three layouts that differ the way real courts differ:
California-style pleading paper with line numbers, state forms with boxes, and plain
orders in prose. Values are printed through the sheet so the truth follows the text.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph

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
from samples.formats import cents, mask_account, print_date
from samples.layout import PageSetup, Sheet, esc
from samples.population import Account

WIDTH = 6.5 * inch


def plaintiff_text(sheet: Sheet, account: Account, *, upper: bool, record: bool = True) -> str:
    """'OWNER, as assignee of ORIGINAL' when the debt was sold; registers the creditor."""
    owner = account.owner.name.upper() if upper else account.owner.name
    printed = sheet.value("creditor_name", owner) if record else owner
    sheet.party("creditor", owner, account.owner.org_id)
    if account.owner is not account.original_creditor:
        original = account.original_creditor.name
        original = original.upper() if upper else original
        return f"{esc(printed)}, as assignee of {esc(original)}"
    return esc(printed)


def court_caption(sheet: Sheet, ctx: DocContext, title: str, *, plaintiff: str,
                  defendant: str, pleading: bool, extra_right: str = "") -> None:
    suit = _suit(ctx)
    court_lines = list(suit.court_lines)
    sheet.value("court_name", suit.court_name)
    for index, line in enumerate(court_lines):
        sheet.p(f"<b>{esc(line)}</b>", "center", spaceAfter=2 if index < len(court_lines) - 1
                else 10)
    case = sheet.value("case_number", suit.case_number)
    label = sheet.rng.choice(("Case No.", "CASE NO.", "Case Number:", "No.", "Index No."
                              if "KI" in case else "Civil Action No."))
    role_style = ParagraphStyle("role", parent=sheet.styles["cell"], leftIndent=1.4 * inch)
    versus_style = ParagraphStyle("versus", parent=sheet.styles["cell"], leftIndent=0.7 * inch,
                                  spaceBefore=4, spaceAfter=4)
    does = " "
    if pleading and sheet.rng.random() < 0.6:
        does = "and DOES 1 through 10, inclusive,"
    left = [sheet.para(f"{plaintiff},"), Paragraph("Plaintiff,", role_style),
            Paragraph("v.", versus_style), sheet.para(f"{defendant},"), sheet.para(does),
            Paragraph("Defendant(s).", role_style)]
    right = [sheet.para(f"{label} {esc(case)}", "cellb"), sheet.para(" "),
             sheet.para(f"<b>{title}</b>")]
    if extra_right:
        right.append(sheet.para(extra_right))
    parens = sheet.para("<br/>".join([")"] * 9))
    sheet.table([[left, parens, right]], [3.1 * inch, 0.25 * inch, 3.1 * inch], grid=False,
                extra=[("LINEBELOW", (0, 0), (0, 0), 0.6, "black")])
    sheet.space(10)


def _suit(ctx: DocContext) -> Lawsuit:
    if ctx.lawsuit is None:
        raise ValueError(f"{ctx.doc_id}: a court document needs a lawsuit")
    return ctx.lawsuit


def _filing_stamp(sheet: Sheet, suit: Lawsuit, *, record: bool) -> str:
    when = suit.filing_date
    printed = (sheet.date("filing_date", when, "slash") if record
               else print_date(when, "slash"))
    minute = sheet.rng.randint(0, 59)
    return (f"<b>ELECTRONICALLY FILED</b><br/>{esc(suit.court_short)}<br/>"
            f"{printed} {sheet.rng.randint(8, 11)}:{minute:02d} AM<br/>"
            f"Clerk of the Court, By {sheet.rng.choice(('J. Ortiz', 'M. Bell', 'K. Tran'))}, "
            f"Deputy Clerk")


def _complaint_pleading(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
    sheet = Sheet(rng, rng.choice(("times", "times", "courier")), size=11.5, leading=24)
    sheet.styles["tight"].leading = 12
    sheet.styles["indent"].spaceAfter = 0
    block = attorney_block(sheet, account.attorney)
    stamp = _filing_stamp(sheet, suit, record=True)
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
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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


def judgment_total(account: Account, suit: Lawsuit) -> Decimal:
    return cents(account.balance + suit.prejudgment_interest + suit.costs + suit.attorney_fees)


def _judgment_table(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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
    rng, account, suit = ctx.rng, ctx.account, _suit(ctx)
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


COMPLAINT_LAYOUTS = (("complaint-pleading", _complaint_pleading, 2),
                     ("complaint-state", _complaint_state, 1))
SUMMONS_LAYOUTS = (("summons-form", _summons_form, 1), ("summons-caption", _summons_caption, 1))
JUDGMENT_LAYOUTS = (("judgment-table", _judgment_table, 1), ("judgment-prose", _judgment_prose, 1))
GARNISHMENT_LAYOUTS = (("garnishment-wages", _writ_wages, 1), ("garnishment-bank", _writ_bank, 1))
