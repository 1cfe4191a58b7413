"""Court papers that are none of the eight contract types: ``other`` for the classifier.

Declarations (venue, non-military status, in support of default, costs), requests for
entry of default and appearances; the rest are in ``other_court``. Many speak of
judgments, summonses, complaints or garnishment without being one, which is what makes
them worth learning from.
"""

from __future__ import annotations

from samples.paperwork.compose import (
    Composer,
    Facts,
    Paper,
    Printer,
    cased,
    court_lines,
    numbered,
    perjury,
    pick,
    signature,
    some,
)


def _declaration(facts: Facts, printer: Printer, titles: tuple[str, ...],
                 pool: list[str], kind: str) -> Paper:
    rng = facts.rng
    who = pick(rng, (facts.attorney, f"{facts.attorney}, Esq.", "the undersigned"))
    opening = pick(rng, (f"I, {who}, declare:", f"I, {who}, declare as follows:",
                         f"{who}, being duly sworn, deposes and says:",
                         f"I, {who}, hereby state:"))
    body = [opening] + numbered(rng, some(rng, pool, 3, len(pool))) + perjury(facts, printer)
    return Paper(kind, "other", top=list(facts.attorney_lines), court=court_lines(facts),
                 titles=[cased(rng, pick(rng, titles))], body=body,
                 closing=signature(facts, printer, role="Declarant"),
                 case_label=pick(rng, ("Case No.", "CASE NUMBER:", "No.")))


def declaration_venue(facts: Facts, printer: Printer) -> Paper:
    pool = [
        f"I am an attorney at law licensed in the State of {facts.state} and the attorney "
        "of record for Plaintiff in this action.",
        "This action is commenced in the proper court and judicial district for the trial "
        "of this action.",
        f"Defendant {facts.defendant} resides in this judicial district, as shown by the "
        "address on Plaintiff's records.",
        "The contract sued upon was entered into in this judicial district, and the "
        "obligation was to be performed here.",
        "I make this declaration pursuant to the venue statute of this State and the Fair "
        "Debt Collection Practices Act, 15 U.S.C. section 1692i.",
        "No other action on this obligation is pending in any other court.",
    ]
    titles = ("Declaration of Venue", "Declaration re Venue", "Declaration Regarding Proper "
              "Venue", "Venue Declaration (Code Civ. Proc. 396a)", "Affidavit of Venue",
              "Declaration of Proper Court for Trial")
    return _declaration(facts, printer, titles, pool, "declaration_venue")


def declaration_military(facts: Facts, printer: Printer) -> Paper:
    pool = [
        "I caused a search of the Department of Defense Manpower Data Center to be made "
        f"for Defendant {facts.defendant}.",
        "The search results show that Defendant is not on active duty in the military "
        "service of the United States.",
        "Defendant is not in the military service so as to be entitled to the benefits of "
        "the Servicemembers Civil Relief Act, 50 U.S.C. section 3901 et seq.",
        "A copy of the status report is attached as Exhibit 1.",
        "To the best of my knowledge Defendant is not a dependent of a servicemember.",
    ]
    titles = ("Declaration of Non-Military Status", "Declaration of Nonmilitary Service",
              "Affidavit of Non-Military Service", "SCRA Declaration",
              "Declaration re Servicemembers Civil Relief Act")
    return _declaration(facts, printer, titles, pool, "declaration_military")


def declaration_default(facts: Facts, printer: Printer) -> Paper:
    account = facts.account
    pool = [
        f"I am employed by {facts.creditor} as a custodian of records and am authorized to "
        "make this declaration on its behalf.",
        "I have access to and am familiar with the business records kept in the regular "
        "course of business concerning the account of Defendant.",
        f"The account was originated by {facts.original} and bears account number "
        f"{facts.masked}.",
        f"The account was charged off on {printer.date(None, account.charged_off)} with a "
        f"balance of {printer.money(None, account.balance)}.",
        "No payments have been received since the charge-off, and no credits are due.",
        "Plaintiff requests that the Court enter judgment by default against Defendant in "
        "the amount stated in the Request for Court Judgment.",
        "The statements attached hereto are true copies of the records of the account.",
    ]
    titles = ("Declaration in Support of Default Judgment", "Declaration of Custodian of "
              "Records in Support of Request for Court Judgment", "Declaration in Support of "
              "Entry of Judgment by Default", "Affidavit of Indebtedness", "Declaration "
              "of Plaintiff re Amount Due (CCP 585)", "Affidavit in Support of Default")
    return _declaration(facts, printer, titles, pool, "declaration_default")


def declaration_costs(facts: Facts, printer: Printer) -> Paper:
    suit = facts.suit
    pool = [
        "Before filing this action Plaintiff sent Defendant a written notice of the debt "
        "and of the intent to file suit, a true copy of which is attached.",
        "The notice was mailed by first-class mail to Defendant's last known address at "
        "least thirty days before the complaint was filed.",
        f"Plaintiff has incurred costs of {printer.money(None, suit.costs)} consisting of "
        "filing fees and fees for service of process.",
        "Plaintiff seeks recovery of costs under Code of Civil Procedure section 1033 and "
        "the memorandum of costs filed herewith.",
        "The costs claimed were necessarily incurred in this case.",
    ]
    titles = ("Declaration re Compliance with Code of Civil Procedure Section 1033",
              "Declaration re Costs", "Memorandum of Costs (Summary)", "Declaration in "
              "Support of Memorandum of Costs", "Declaration Regarding Pre-Suit Notice")
    return _declaration(facts, printer, titles, pool, "declaration_costs")


def request_for_default(facts: Facts, printer: Printer) -> Paper:
    """A request for entry of default on a form: numbered items, boxes, the totals."""
    rng, suit, account = facts.rng, facts.suit, facts.account
    box = pick(rng, ("[X]", "X", "☒", "(X)"))
    empty = pick(rng, ("[ ]", "☐", "( )", ""))
    demand = account.balance
    costs = suit.costs
    total = demand + costs + suit.attorney_fees
    title = pick(rng, ("Request for Entry of Default", "Application for Entry of Default",
                       "Request to Enter Default", "Praecipe for Entry of Default",
                       "Request for Entry of Default and Court Judgment",
                       "Motion for Clerk's Entry of Default"))
    top = [pick(rng, ("ATTORNEY OR PARTY WITHOUT ATTORNEY (Name, State Bar number, and "
                      "address):", "Attorney or Party without Attorney:", "Name and "
                      "address of filer:")), *facts.attorney_lines[:5],
           pick(rng, ("FOR COURT USE ONLY", "For Clerk's Use Only", ""))]
    optional = some(rng, [
        f"{empty} I request a court judgment under Code of Civil Procedure sections 585(b), "
        "585(c), 989, etc., against defendant (names):",
        "b. Statement of damages (special, general)",
        "c. Interest $0.00",
        f"e. Attorney fees {printer.money(None, suit.attorney_fees)}",
        "Daily damages were demanded in complaint at the rate of: $ per day",
        f"{box} Declaration of mailing: a copy of this application was mailed first-class "
        "to each defendant's attorney of record or, if none, to each defendant's last "
        "known address.",
        "Memorandum of costs (required if money judgment requested). Costs and "
        "disbursements are as follows: Clerk's filing fees; Process server's fees.",
        f"{box} Declaration of nondisclosure: defendant is not in the military service.",
    ], 3, 8)
    # Every value recorded as truth is printed: these items are always on the form.
    kept = [
        f"TO THE CLERK: On the complaint or cross-complaint filed on (date): "
        f"{printer.date('filing_date', suit.filing_date)} by (name): {facts.plaintiff}",
        f"{box} Enter default of defendant (names): {facts.defendant}",
        "JUDGMENT REQUESTED. Amount / Credits acknowledged / Balance",
        f"a. Demand of complaint {printer.money('principal', demand)}",
        f"d. Costs (see reverse) {printer.money('fees', costs)}",
        f"f. TOTALS {printer.money('amount_due', total)}",
    ]
    kept[4:4] = [line for line in optional if line.startswith(("b.", "c."))]
    kept += [line for line in optional if not line.startswith(("b.", "c."))]
    footer = pick(rng, ("Page 1 of 2", f"Form Adopted for Mandatory Use  {title.upper()}",
                        "REQUEST FOR ENTRY OF DEFAULT (Application to Enter Default)", ""))
    closing = [f"Date: {printer.date(None, facts.day)}", facts.attorney,
               "(TYPE OR PRINT NAME) (SIGNATURE OF DECLARANT)",
               pick(rng, ("FOR COURT USE ONLY  Default entered as requested on (date):",
                          "Default NOT entered as requested (state reason):", ""))]
    return Paper("request_for_default", "other", top=top, court=court_lines(facts),
                 titles=[cased(rng, title), pick(rng, ("(Application to Enter Default)",
                                                      "CLERK'S JUDGMENT  COURT JUDGMENT", ""))],
                 body=kept, closing=closing, footer=footer,
                 case_label="CASE NUMBER:")


def appearance(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    firm = facts.account.attorney.firm
    side = pick(rng, ("Plaintiff", "Defendant", "Appellant", "Appellee", "Petitioner"))
    title = pick(rng, ("Notice of Appearance", "Entry of Appearance", "Appearance of Counsel",
                       f"Notice of Appearance of Counsel for {side}", "Form 8. Entry of "
                       "Appearance", "Praecipe for Appearance"))
    body = [
        pick(rng, (f"Please enter my appearance as counsel for {side} in this case.",
                   f"PLEASE TAKE NOTICE that {facts.attorney} hereby appears as counsel of "
                   f"record for {side}.", f"The Clerk will enter my appearance as counsel "
                   f"for the following party: {side}.")),
        f"Name: {facts.attorney}", f"Law Firm: {firm.name}",
        f"Address: {firm.address.street}, {firm.address.city}, {firm.address.state} "
        f"{firm.address.zip}", f"Telephone: {firm.phone}",
        f"E-mail: {facts.account.attorney.email}",
        pick(rng, ("I certify that I am admitted to practice before this Court.",
                   "Principal counsel: Yes. Bar status: member in good standing.",
                   "All future notices should be directed to the undersigned.")),
    ]
    return Paper("appearance", "other", court=court_lines(facts), caption=rng.random() < 0.7,
                 titles=[cased(rng, title)], body=body,
                 closing=signature(facts, printer, role=f"Counsel for {side}"))


DECLARATION_KINDS: dict[str, Composer] = {
    "declaration_venue": declaration_venue, "declaration_military": declaration_military,
    "declaration_default": declaration_default, "declaration_costs": declaration_costs,
    "request_for_default": request_for_default, "appearance": appearance,
}
