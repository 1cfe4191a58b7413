"""The seven named contract types in many titles and wordings (the layouts in
``samples.documents`` print each in two or three fixed ones).

A complaint may be a "Petition", "Plaintiff's Original Petition", a "Statement of Claim"
or a "Verified Complaint"; a summons a "Citation" or a "Notice of Suit"; and so on. Each
kind picks a title, sentences from a pool and their number, so the classifier learns
what the paper does, not one template's words.
"""

from __future__ import annotations

from samples.formats import cents
from samples.paperwork.compose import (
    Composer,
    Facts,
    Paper,
    Printer,
    cased,
    court_lines,
    numbered,
    pick,
    signature,
    some,
)


def complaint(facts: Facts, printer: Printer) -> Paper:
    rng, account = facts.rng, facts.account
    title = pick(rng, (
        "Complaint", "Complaint for Money", "Civil Complaint", "Verified Complaint",
        "Plaintiff's Original Petition", "Petition", "Petition on Account",
        "Complaint for Breach of Contract", "Statement of Claim", "Complaint - Account Stated",
        "Complaint for Damages", "Plaintiff's Claim and Order to Go to Small Claims Court",
        "Petition for Forcible Entry and Detainer", "Complaint for Collection of Debt",
        "Small Claims Complaint", "Complaint to Collect Delinquent Contributions"))
    pool = [
        f"Plaintiff {facts.creditor} is a limited liability company doing business in this "
        "State.",
        f"Defendant {facts.defendant} is an individual residing in this county.",
        "Jurisdiction and venue are proper in this Court because the obligation was "
        "incurred here.",
        f"Defendant opened an account with {facts.original}, account number {facts.masked}, "
        f"on or about {printer.date(None, account.opened)}.",
        "Defendant used the account and agreed to pay for all charges made on it.",
        f"Defendant defaulted and the account was charged off on "
        f"{printer.date(None, account.charged_off)}.",
        f"{facts.original} sold and assigned the account to Plaintiff for value.",
        "FIRST CAUSE OF ACTION (Breach of Contract)",
        "COUNT I - ACCOUNT STATED",
        "Plaintiff rendered a statement of the account and Defendant did not object.",
        "Plaintiff has performed all conditions required of it.",
        f"There is now due and owing the sum of {printer.money('amount_due', account.balance)}.",
        "Plaintiff has made demand for payment and Defendant has failed to pay.",
    ]
    pool += some(rng, [
        "Plaintiff is informed and believes, and thereon alleges, that each Defendant named "
        "herein was the agent of each of the remaining Defendants.",
        "The true names and capacities of Defendants sued as DOES 1 through 10 are unknown "
        "to Plaintiff, who therefore sues them by such fictitious names.",
        "This action arises under the contract between the parties and the laws of this "
        "State; the amount in controversy does not exceed the limit of this Court.",
        "Defendant failed to make the payments required by the agreement, and the entire "
        "balance became due.",
        "Plaintiff is the successor-in-interest and sole owner of the account and all "
        "rights to collect it.",
        "Defendant breached the agreement by failing to pay the sums due under it.",
        "SECOND CAUSE OF ACTION (Open Book Account)",
        "COUNT II - UNJUST ENRICHMENT",
        "Defendant has been unjustly enriched by retaining the benefit of the credit "
        "extended without paying for it.",
        "Within four years last past, Defendant became indebted to Plaintiff on an open "
        "book account for money lent.",
        "Defendant failed to pay rent due under the lease and remains in possession of "
        "the premises after notice to quit.",
        "Defendant employer failed to make the contributions required by the collective "
        "bargaining agreement for the months audited.",
        "Plaintiff is entitled to interest at the contract rate from the date of "
        "charge-off.",
    ], 3, 8)
    headings = some(rng, ["PARTIES", "JURISDICTION AND VENUE", "GENERAL ALLEGATIONS",
                          "FACTUAL ALLEGATIONS", "FACTS COMMON TO ALL COUNTS",
                          "CLAIM FOR RELIEF"], 1, 3)
    prayer = pick(rng, ("WHEREFORE, Plaintiff prays for judgment against Defendant for the "
                        "principal sum, interest, costs of suit and such other relief as "
                        "the Court deems just.", "PRAYER FOR RELIEF: Plaintiff demands "
                        "judgment against Defendant for the amount due, with costs.",
                        "Plaintiff asks the Court to enter judgment for Plaintiff and award "
                        "court costs."))
    return Paper("complaint", "complaint", top=list(facts.attorney_lines),
                 court=court_lines(facts), titles=[cased(rng, title)],
                 body=headings[:1] + numbered(rng, some(rng, pool, 7, len(pool)))
                 + headings[1:] + [prayer],
                 closing=signature(facts, printer))


def summons(facts: Facts, printer: Printer) -> Paper:
    rng, suit = facts.rng, facts.suit
    title = pick(rng, ("Summons", "Summons (Citacion Judicial)", "Civil Summons",
                       "Summons in a Civil Action", "Citation", "Alias Summons",
                       "Notice of Suit", "Small Claims Summons", "Summons - Eviction",
                       "The State of Texas Citation", "Summons and Notice to Appear"))
    pool = [
        pick(rng, ("NOTICE TO DEFENDANT: YOU ARE BEING SUED BY PLAINTIFF.",
                   f"To: {facts.defendant} - You have been sued.",
                   f"TO THE ABOVE-NAMED DEFENDANT: {facts.defendant}",
                   "THE PEOPLE OF THE STATE TO THE DEFENDANT:")),
        "You are hereby summoned and required to file a written answer with the clerk of "
        "this court.",
        f"You must respond on or before {printer.date('due_date', suit.response_due)}.",
        "You have 30 calendar days after this summons and legal papers are served on you to "
        "file a written response at this court.",
        "If you do not file your response on time, you may lose the case by default, and "
        "your wages, money and property may be taken without further warning.",
        "You may employ an attorney. If you or your attorney do not file a written answer, "
        "a default judgment may be taken against you.",
        "AVISO! Lo han demandado. Si no responde dentro de 30 dias, la corte puede decidir "
        "en su contra.",
        f"The name and address of the court is: {facts.suit.court_short}, "
        f"{facts.suit.court_address}.",
        "There are other legal requirements. You may want to call an attorney right away.",
    ]
    if rng.random() < 0.3:  # a summons in an eviction: give up the premises or appear
        pool += [
            pick(rng, ("You are hereby directed to relinquish to the plaintiff possession of "
                       "the real property described in the petition, or to appear and show "
                       "cause why you should be permitted to retain possession.",
                       "You are commanded to appear and answer the complaint for possession "
                       "of the premises you occupy.")),
            "This matter shall be heard at the courthouse on the date and at the time shown "
            "below, or three days after service, whichever is later.",
            "If you do not appear, judgment will be given against you for the rent claimed "
            "and for possession, and a writ of restitution shall issue directing the sheriff "
            "to remove you from the premises.",
        ]
    return Paper("summons", "summons", court=court_lines(facts), titles=[cased(rng, title)],
                 body=some(rng, pool, 4, len(pool)),
                 closing=[f"Date: {printer.date(None, suit.filing_date)}",
                          pick(rng, ("Clerk, by Deputy", "CLERK OF THE COURT", "(Seal)"))])


def judgment(facts: Facts, printer: Printer) -> Paper:
    rng, suit, account = facts.rng, facts.suit, facts.account
    total = account.balance + suit.prejudgment_interest + suit.costs + suit.attorney_fees
    title = pick(rng, ("Default Judgment", "Judgment", "Final Judgment", "Judgment by Default",
                       "Clerk's Judgment", "Judgment After Default", "Agreed Judgment",
                       "Consent Judgment", "Final Judgment After Default", "Judgment on "
                       "Default by Court", "Amended Judgment"))
    pool = [
        "This matter came before the Court on Plaintiff's request for entry of judgment.",
        "Defendant, having been regularly served with process and having failed to appear "
        "and answer, and the default having been entered,",
        f"IT IS ORDERED, ADJUDGED AND DECREED that Plaintiff {facts.creditor} recover from "
        f"Defendant {facts.defendant} the sum of "
        f"{printer.money('judgment_amount', total)}.",
        f"Principal {printer.money('principal', account.balance)}; costs "
        f"{printer.money('fees', suit.costs)}.",
        "Judgment is entered in favor of Plaintiff and against Defendant.",
        "Post-judgment interest shall accrue at the legal rate until paid.",
        "Let execution issue.",
        f"Judgment entered on {printer.date('judgment_date', suit.judgment_date)}.",
    ]
    return Paper("judgment", "judgment", court=court_lines(facts), titles=[cased(rng, title)],
                 body=some(rng, pool, 4, len(pool)),
                 closing=[pick(rng, ("JUDGE OF THE SUPERIOR COURT", "Clerk of Court, by Deputy",
                                     "District Judge"))])


def garnishment(facts: Facts, printer: Printer) -> Paper:
    rng, suit, account = facts.rng, facts.suit, facts.account
    title = pick(rng, ("Writ of Garnishment", "Earnings Withholding Order", "Continuing Writ "
                       "of Garnishment", "Notice of Garnishment", "Wage Garnishment Order",
                       "Order of Garnishment", "Notice of Levy on Bank Account",
                       "Writ of Continuing Garnishment (Wages)", "Garnishment Order"))
    pool = [
        pick(rng, ("TO THE GARNISHEE (EMPLOYER):", "TO THE EMPLOYER:", "TO THE FINANCIAL "
                   "INSTITUTION:", "To the garnishee named above:")),
        f"Judgment debtor: {facts.defendant}",
        f"Judgment creditor: {facts.creditor}",
        "You are commanded to withhold from the judgment debtor's non-exempt earnings the "
        "amount stated below and pay it to the levying officer.",
        f"Amount of judgment: {printer.money('judgment_amount', account.balance + suit.costs)}",
        "The garnishee shall file an answer within the time stated and shall hold all "
        "property of the debtor in its possession.",
        "The debtor may claim an exemption by filing a claim of exemption.",
        "Withholding shall continue until the judgment is paid in full.",
    ]
    return Paper("garnishment", "garnishment", court=court_lines(facts),
                 titles=[cased(rng, title)], body=some(rng, pool, 4, len(pool)),
                 closing=[pick(rng, ("Clerk, by Deputy", "Levying Officer", "(Seal)"))])


def collection_letter(facts: Facts, printer: Printer) -> Paper:
    rng, account = facts.rng, facts.account
    agency = account.agency
    title = pick(rng, ("", "Notice of Debt", "Validation Notice", "Final Notice",
                       "Past Due Notice", "Settlement Offer", "Pre-Legal Notice",
                       "Important Notice About Your Account"))
    pool = [
        f"Dear {facts.defendant.title()}:",
        f"{agency.name} is a debt collector. We are trying to collect a debt that you owe to "
        f"{facts.creditor}. We will use any information you give us to help collect the debt.",
        f"Account number: {facts.masked}",
        f"Balance due: {printer.money('amount_due', account.balance)}",
        "Call or write to us to dispute all or part of the debt. If you do not, we will "
        "assume that our information is correct.",
        "We are willing to accept a reduced amount in full settlement if paid by the date "
        "below.",
        "How can you dispute the debt? Write to us at the address above.",
        "You may pay online, by phone or by mail.",
        "This communication is an attempt to collect a debt.",
        "Sincerely,", f"Collections Department, {agency.name}",
    ]
    return Paper("collection_letter", "collection_letter",
                 top=[agency.name, agency.address.street, f"{agency.address.city}, "
                      f"{agency.address.state} {agency.address.zip}",
                      printer.date(None, facts.day)], caption=False,
                 titles=[cased(rng, title)] if title else [],
                 body=some(rng, pool, 5, len(pool)))


def placement(facts: Facts, printer: Printer) -> Paper:
    rng, account = facts.rng, facts.account
    debtor = account.debtor
    home = debtor.residences[-1].address
    title = pick(rng, ("New Placement", "Account Placement Form", "Assignment for Collection",
                       "Client Referral Sheet", "Debtor Profile", "Placement File",
                       "New Business Listing", "Account Transfer Record"))
    rows = [
        f"Client: {facts.creditor}", f"Client reference: {account.number[-6:]}",
        f"Debtor name: {facts.defendant}", f"Date of birth: {debtor.dob.strftime('%m/%d/%Y')}",
        f"SSN: XXX-XX-{debtor.ssn[-4:]}", f"Address: {home.one_line()}",
        f"Previous address: {debtor.residences[0].address.one_line()}",
        f"Phone: {debtor.phones[0].national if debtor.phones else ''} mobile verified",
        f"Placed balance: {printer.money('amount_due', account.balance)}",
        f"Charge-off date: {printer.date(None, account.charged_off)}",
        f"Date placed: {printer.date(None, account.placed)}",
        f"Original creditor: {facts.original}", "Skip trace requested: yes",
    ]
    return Paper("placement", "placement", caption=False,
                 top=[account.agency.name, pick(rng, ("CONFIDENTIAL", "Internal use only", ""))],
                 titles=[cased(rng, title)], body=some(rng, rows, 6, len(rows)))


def property_record(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    home = facts.account.debtor.residences[-1].address
    apn = f"{rng.randint(1000, 9999)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}"
    title = pick(rng, ("Grant Deed", "Quitclaim Deed", "Warranty Deed", "Deed of Trust",
                       "Assessor's Parcel Information", "Property Detail Report",
                       "Special Warranty Deed", "Interspousal Transfer Deed"))
    pool = [
        pick(rng, ("RECORDING REQUESTED BY:", "When recorded mail to:", "Prepared by:")),
        f"APN: {apn}", "Documentary transfer tax: $0.00",
        f"FOR A VALUABLE CONSIDERATION, receipt of which is hereby acknowledged, the grantor "
        f"hereby grants to {facts.defendant} the real property described below.",
        f"Situs address: {home.one_line()}",
        "Legal description: Lot 14 of Tract 5521, as per map recorded in Book 61, Page 22.",
        f"Recorded on {printer.date(None, facts.day)} in the Office of the County Recorder.",
        "Assessed value: land $112,000; improvements $201,500.",
        f"Owner of record: {facts.defendant}",
    ]
    return Paper("property_record", "property_record", caption=False,
                 titles=[cased(rng, title)], body=some(rng, pool, 4, len(pool)),
                 court=[pick(rng, ("COUNTY RECORDER", "Office of the Assessor", ""))])


def small_claim(facts: Facts, printer: Printer) -> Paper:
    """A plaintiff's claim on a small-claims form: numbered questions, instructions to both
    sides, the amount claimed. Most states print the claim as one form with the court's
    order to appear: its first page is a notice to the person sued (often in two
    languages), the order with the trial date the clerk fills in and the instructions for
    the person suing; the claim itself follows. It is the claim all the same."""
    rng, account = facts.rng, facts.account
    title = pick(rng, ("Plaintiff's Claim and Order to Go to Small Claims Court",
                       "Small Claims Complaint", "Statement of Claim (Small Claims)",
                       "Notice of Small Claim", "Claim of Plaintiff",
                       "Notice of Claim and Trial", "Small Claim and Notice of Hearing",
                       "Plaintiff's Statement of Claim"))
    items = [
        "Notice to the person being sued: You are the defendant if your name is listed "
        "below. You and the plaintiff must go to court on the trial date listed.",
        "Instructions for the person suing: You are the plaintiff. Before you fill out "
        "this form, read the instructions.",
        f"The plaintiff (the person, business, or public entity that is suing) is: "
        f"{facts.plaintiff}",
        f"The defendant (the person, business, or public entity being sued) is: "
        f"{facts.defendant}",
        f"The plaintiff claims the defendant owes "
        f"{printer.money('amount_due', account.balance)}.",
        "Why does the defendant owe the plaintiff money? Unpaid balance on the account.",
        "When did this happen? Date started: / Through:",
        "How did you calculate the money owed to you?",
        "You must ask the defendant to pay you before you sue. Have you done this? Yes",
        "Why are you filing your claim at this courthouse? Where the defendant lives.",
        "I have not filed more than 12 other small claims within the last 12 months.",
        "I understand that by filing a claim in small claims court, I have no right to "
        "appeal this claim.",
    ]
    closing = [f"Date: {printer.date(None, facts.day)}",
               "Plaintiff types or prints name here  Plaintiff signs here"]
    footer = pick(rng, (f"{title} (Small Claims) Page 1 of {rng.randint(2, 6)}", ""))
    if rng.random() < 0.5:
        return Paper("complaint.small_claim", "complaint", court=court_lines(facts),
                     titles=[cased(rng, title)],
                     body=numbered(rng, some(rng, items, 6, len(items))),
                     closing=closing, footer=footer)
    # the one-form claim and order: notice and order first, the claim after them
    notice = some(rng, [
        "You are the defendant if your name is listed in this claim. The person suing you "
        "is the plaintiff.",
        "You and the plaintiff must go to court on the trial date listed below. If you do "
        "not go to court, you may lose the case.",
        "If you lose, the court can order that your wages, money or property be taken to "
        "pay this claim.",
        "Bring witnesses, receipts and any evidence you need to prove your case.",
        "Read this form and all pages attached to understand the claim against you.",
        "You do not need a lawyer, but you may have one. You may settle the claim before "
        "the trial date.",
    ], 3, 6)
    spanish = some(rng, [
        "Aviso al demandado: usted es el demandado si su nombre aparece en este reclamo.",
        "Usted y el demandante tienen que ir a la corte en la fecha del juicio.",
        "Si pierde el caso, la corte puede ordenar que se tome su sueldo o sus bienes "
        "para pagar este reclamo.",
        "Traiga testigos, recibos y cualquier prueba que necesite.",
    ], 0, 4)
    order = [pick(rng, ("Order to Go to Court", "ORDER TO APPEAR", "Notice of Trial",
                        "Hearing Notice")),
             pick(rng, ("The people named in this claim must attend court: (Clerk fills "
                        "out section below)", "You are ordered to appear for trial at "
                        "the date, time and place below.", "The court has set this claim "
                        "for hearing as follows:")),
             "Trial Date   Time   Department   Room",
             pick(rng, ("Date:   Clerk, by   , Deputy", "Clerk of Court, by Deputy Clerk",
                        "(Clerk fills in)"))]
    instructions = some(rng, [
        "Instructions for the person suing: You are the plaintiff. The person you are "
        "suing is the defendant.",
        "Fill out the pages of this form. Make copies for each party named in this case "
        "and an extra copy for yourself.",
        "Take or mail the original and the copies to the court clerk's office and pay "
        "the filing fee. The clerk will write the date of your trial above.",
        "Have someone at least 18, not you, give each defendant a court-stamped copy of "
        "all pages of this form.",
        "Go to court on your trial date. Bring witnesses, receipts and any evidence you "
        "need to prove your case.",
    ], 2, 5)
    header = [cased(rng, title), pick(rng, ("Clerk stamps date here when form is filed.",
                                            "For court use only", "")),
              pick(rng, ("Fill in court name and street address:", "Court:", "")),
              *court_lines(facts),
              pick(rng, ("Court fills in case number when form is filed.", "")),
              f"Case Number: {pick(rng, (facts.suit.case_number, ''))}",
              f"Case Name: {facts.plaintiff} v. {facts.defendant}"]
    return Paper("complaint.small_claim", "complaint", top=[line for line in header if line],
                 caption=False,
                 body=[pick(rng, ("Notice to the person being sued:", "NOTICE TO DEFENDANT:",
                                  "To the defendant:")), *notice, *spanish, *order,
                       *instructions, *numbered(rng, some(rng, items[2:], 6, len(items) - 2))],
                 closing=closing, footer=footer)


def eviction_petition(facts: Facts, printer: Printer) -> Paper:
    """A landlord's petition or affidavit for possession and rent owed."""
    rng = facts.rng
    rent = facts.account.balance / 10
    title = pick(rng, ("Petition for Forcible Entry and Detainer", "Complaint for Unlawful "
                       "Detainer", "Affidavit and Petition for Possession", "Eviction "
                       "Complaint", "Forcible Detainer Petition", "Landlord's Complaint "
                       "for Possession"))
    pool = [
        f"Plaintiff is the owner and landlord of the premises occupied by Defendant "
        f"{facts.defendant}.",
        "Defendant is in possession of the premises under a rental agreement and has failed "
        "to pay rent when due.",
        f"Rent in the amount of {printer.money('amount_due', cents(rent))} is due and "
        "unpaid.",
        "A written notice to pay rent or quit was served on Defendant, and the time to "
        "comply has expired.",
        "Plaintiff is entitled to possession of the premises and to a money judgment for "
        "the rent owed, costs and attorney fees.",
        "Defendant unlawfully holds over after termination of the tenancy.",
        "WHEREFORE, Plaintiff prays for restitution of the premises and judgment for the "
        "rent due.",
    ]
    return Paper("complaint.eviction", "complaint", court=court_lines(facts),
                 titles=[cased(rng, title)], body=numbered(rng, some(rng, pool, 4, len(pool))),
                 closing=signature(facts, printer, role="Attorney for Plaintiff/Landlord"))


def federal_complaint(facts: Facts, printer: Printer) -> Paper:
    """A federal collection suit: jurisdiction under a statute, counts, prayer."""
    rng = facts.rng
    statute = pick(rng, ("the Employee Retirement Income Security Act of 1974 (ERISA), 29 "
                         "U.S.C. 1132 and 1145", "28 U.S.C. 1331 and 1345", "diversity of "
                         "citizenship, 28 U.S.C. 1332", "the Federal Debt Collection "
                         "Procedures Act, 28 U.S.C. 3001 et seq."))
    pool = [
        "JURISDICTION AND VENUE",
        f"This action arises under {statute}; this Court has jurisdiction over it.",
        "Venue is proper in this District because the Defendant resides or does business "
        "here.",
        "PARTIES",
        f"Plaintiffs are the trustees and fiduciaries of the funds; Defendant {facts.defendant} "
        "is an employer bound by the agreement.",
        "FACTS",
        "Defendant failed to pay the amounts owed for the period audited, and the amounts "
        "remain unpaid despite demand.",
        "Plaintiffs are entitled to the unpaid amounts, interest, liquidated damages, audit "
        "costs and reasonable attorney fees.",
        "COUNT I - BREACH OF CONTRACT",
        "The exact amount owed is to be determined by an audit of Defendant's records.",
        "WHEREFORE, Plaintiffs request that the Court enter judgment against Defendant for "
        "all amounts found due, with interest, costs and attorney fees.",
    ]
    return Paper("complaint.federal", "complaint", court=court_lines(facts),
                 titles=[cased(rng, pick(rng, ("Complaint", "Complaint for Damages",
                                               "Complaint for Collection of Unpaid "
                                               "Contributions", "Civil Action Complaint")))],
                 body=some(rng, pool, 7, len(pool)), closing=signature(facts, printer))


# A kind "type.variant" is a variant of the type (its paper says what it is).
NAMED_KINDS: dict[str, Composer] = {
    "complaint": complaint, "summons": summons, "judgment": judgment,
    "garnishment": garnishment, "collection_letter": collection_letter,
    "placement": placement, "property_record": property_record,
    "complaint.small_claim": small_claim, "complaint.eviction": eviction_petition,
    "complaint.federal": federal_complaint,
}
