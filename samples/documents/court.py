"""What every court paper shares: the caption, the plaintiff line, the filing stamp.

The papers themselves are in ``court_filings`` (complaint, summons) and ``court_orders``
(default judgment, writ of garnishment). Each document type has two or three layouts that
differ the way real courts differ: California-style pleading paper with line numbers,
state forms with boxes, and plain orders in prose. Values are printed through the sheet
so the truth follows the text.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph

from samples.documents.common import DocContext, Lawsuit
from samples.formats import print_date
from samples.layout import Sheet, esc
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
    suit = suit_of(ctx)
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


def suit_of(ctx: DocContext) -> Lawsuit:
    if ctx.lawsuit is None:
        raise ValueError(f"{ctx.doc_id}: a court document needs a lawsuit")
    return ctx.lawsuit


def filing_stamp(sheet: Sheet, suit: Lawsuit, *, record: bool) -> str:
    when = suit.filing_date
    printed = (sheet.date("filing_date", when, "slash") if record
               else print_date(when, "slash"))
    minute = sheet.rng.randint(0, 59)
    return (f"<b>ELECTRONICALLY FILED</b><br/>{esc(suit.court_short)}<br/>"
            f"{printed} {sheet.rng.randint(8, 11)}:{minute:02d} AM<br/>"
            f"Clerk of the Court, By {sheet.rng.choice(('J. Ortiz', 'M. Bell', 'K. Tran'))}, "
            f"Deputy Clerk")

