"""Court papers that are none of the eight types (truth ``doc_type`` "other"), as PDFs.

The wording is composed by ``samples.paperwork`` (declarations, requests for entry of
default, appearances, minutes, orders, stipulations, proofs of service, fee waivers,
answers, dismissals); this module draws it under a court caption and records the truth
the way ``../shared/realdocs/LABELING.md`` labels such papers: court, case number, the
parties of the caption, the attorney, and on a request for default the demand
(principal), the costs (fees), the totals (amount_due) and the complaint's filing date.
"""

from __future__ import annotations

import html

from reportlab.lib.units import inch

from samples.documents.common import DocContext, attorney_block, debtor_party, printed_name
from samples.documents.court import court_caption, plaintiff_text, suit_of
from samples.layout import PageSetup, Sheet, esc
from samples.paperwork.compose import Composer, Facts
from samples.paperwork.other_court import OTHER_KINDS

# Papers drawn under a caption (clerk letters, schedules and opinions have none here).
DECLARATIONS = ("declaration_venue", "declaration_military", "declaration_default",
                "declaration_costs")
FORMS = ("request_for_default", "appearance", "fee_waiver", "proof_of_service")
PAPERS = ("minutes", "court_order", "stipulation", "answer", "dismissal")


def _build(kinds: tuple[str, ...]):  # -> Callable[[DocContext], tuple[Sheet, PageSetup]]
    def build(ctx: DocContext) -> tuple[Sheet, PageSetup]:
        kind = ctx.rng.choice(kinds)
        return draw_paper(ctx, kind, OTHER_KINDS[kind])

    return build


def draw_paper(ctx: DocContext, kind: str, composer: Composer) -> tuple[Sheet, PageSetup]:
    """One composed paper under a caption, its values recorded through the sheet."""
    rng, account, suit = ctx.rng, ctx.account, suit_of(ctx)
    sheet = Sheet(rng, rng.choice(("times", "helvetica", "courier", "vera")),
                  size=rng.choice((10.0, 10.5, 11.0)))
    attorney = account.attorney
    lines = [attorney.name, attorney.firm.name, attorney.firm.address.street,
             f"{attorney.firm.address.city}, {attorney.firm.address.state} "
             f"{attorney.firm.address.zip}"]
    name = printed_name(account.debtor, rng, upper=True)
    debtor_party(sheet, account.debtor, name)
    printed = plaintiff_text(sheet, account, upper=True, record=False)
    facts = Facts(account, suit, ctx.doc_date, html.unescape(printed), name, lines, rng)
    paper = composer(facts, sheet)  # values it prints with a field name are recorded
    if paper.top == lines:  # the attorney block registers the attorney with contacts
        for line in attorney_block(sheet, attorney):
            sheet.p(line, "tight")
        sheet.space(12)
    elif paper.top:
        for line in paper.top:
            sheet.p(esc(line), "tight")
        sheet.space(8)
    court_caption(sheet, ctx, esc(paper.titles[0].upper()),
                  plaintiff=plaintiff_text(sheet, account, upper=True), defendant=esc(name),
                  pleading=rng.random() < 0.5)
    for title in paper.titles[1:]:
        if title:
            sheet.p(f"<b>{esc(title)}</b>", "center")
    for paragraph in paper.body:
        sheet.p(esc(paragraph), rng.choice(("body", "justify", "indent")))
    sheet.space(10)
    for line in paper.closing:
        if line:
            sheet.p(esc(line), "tight")
    if attorney.name in " ".join(paper.body + paper.closing):
        sheet.party("attorney", attorney.name, attorney.person_id)
    if rng.random() < 0.4:  # pleading paper: the text sits right of the line numbers
        return sheet, PageSetup(left=1.45 * inch, right=0.6 * inch, pleading=True,
                                footer=paper.footer or None)
    return sheet, PageSetup(footer=paper.footer or None)


LAYOUTS = (
    ("other_declaration", _build(DECLARATIONS), 2),
    ("other_form", _build(FORMS), 2),
    ("other_court_paper", _build(PAPERS), 2),
)
