"""More papers that are none of the eight types: minutes and orders, clerk letters,
stipulations, proofs of service, fee waivers, answers, dismissals, bankruptcy schedules and
opinions (the declarations and requests for default are in ``other_kinds``)."""

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
from samples.paperwork.other_kinds import DECLARATION_KINDS


def minutes(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    subject = pick(rng, ("Order to Show Cause re Dismissal for Lack of Prosecution",
                         "Application for Writ of Continuing Garnishment",
                         "Case Management Conference", "Motion to Vacate Default",
                         "Status Conference re Entry of Default Judgment",
                         "Hearing on Motion to Compel"))
    title = pick(rng, ("Civil Minutes - General", "Minute Order", "Minutes of Proceedings",
                       "Minute Entry", "Minutes"))
    body = [
        f"Proceedings: {pick(rng, ('(IN CHAMBERS)', 'HEARING', 'NON-APPEARANCE'))} {subject}",
        f"Present: The Honorable {pick(rng, ('Maria L. Ortega', 'John P. Whitfield', 'A. Chen'))}"
        ", Judge", "Deputy Clerk: K. Lee   Court Reporter: Not Present",
        "Attorneys Present for Plaintiffs: None Present   Attorneys Present for Defendants: "
        "None Present",
        *some(rng, [
            f"The matter is continued to {printer.date(None, facts.day)} at 8:30 a.m.",
            "The Court has read and considered the papers filed and rules as follows.",
            "The order to show cause is discharged.",
            "The Court grants the application and directs the Clerk to issue the writ.",
            "Counsel is ordered to give notice.",
            "No appearance by either party. The matter is taken off calendar.",
            "The judgment debtor's social security number shall be redacted to the last "
            "four digits in every filing.",
        ], 2, 5)]
    return Paper("minutes", "other", court=court_lines(facts), titles=[cased(rng, title)],
                 body=body, closing=[f"Initials of Deputy Clerk: {pick(rng, ('kl', 'mb', 'jt'))}"],
                 case_label=pick(rng, ("Case No.", "CV", "Docket No.")),
                 footer=pick(rng, ("CIVIL MINUTES - GENERAL Page 1 of 1", "")))


def court_order(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    title = pick(rng, ("Order Granting Motion to Dismiss", "Order to Show Cause re Dismissal",
                       "Scheduling Order", "Order Setting Case Management Conference",
                       "Order Granting Motion to Compel Arbitration", "Order re Sealing",
                       "Order Denying Motion for Default Judgment Without Prejudice",
                       "Order Continuing Trial"))
    pool = [
        "The Court, having considered the motion, the papers in support and in opposition, "
        "and the arguments of counsel, finds good cause.",
        "IT IS ORDERED that the motion is granted in part and denied in part.",
        "IT IS FURTHER ORDERED that the parties shall file a joint status report within "
        "thirty days.",
        f"A case management conference is set for {printer.date(None, facts.day)}.",
        "Plaintiff's request is denied without prejudice to renewal upon a proper showing.",
        "The Clerk shall serve a copy of this order on all parties.",
        "IT IS SO ORDERED.",
    ]
    return Paper("court_order", "other", court=court_lines(facts), titles=[cased(rng, title)],
                 body=some(rng, pool, 3, 7),
                 closing=[f"Dated: {printer.date(None, facts.day)}", "United States District "
                          "Judge" if facts.suit.federal else "Judge of the Superior Court"])


def clerk_letter(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    court = " ".join(facts.suit.court_lines).title()
    body = [
        f"Re: {facts.plaintiff} v. {facts.defendant}, No. {facts.suit.case_number}",
        pick(rng, ("Dear Counsel:", "Dear Sir or Madam:", "Dear Mr. Clerk:")),
        *some(rng, [
            "The Court has received the notice of appeal filed in the above matter.",
            "The record on appeal has been docketed; the briefing schedule is enclosed.",
            "Your filing is deficient because it lacks a certificate of service. Please "
            "correct the deficiency within fourteen days.",
            "Please note that all filings must be made through the electronic filing system.",
            "The fee for docketing the appeal has not been paid.",
            "If you have questions, contact the case manager at the number above.",
        ], 2, 5),
        "Very truly yours,", pick(rng, ("Clerk of Court", "Clerk")),
        f"By: {pick(rng, ('Case Manager', 'Deputy Clerk'))}",
    ]
    return Paper("clerk_letter", "other", top=[pick(rng, ("OFFICE OF THE CLERK", "Clerk's Office")),
                                               court, facts.suit.court_address,
                                               printer.date(None, facts.day)],
                 caption=False, titles=[], body=body)


def stipulation(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    what = pick(rng, ("to Continue Hearing", "to Extend Time to Respond to Complaint",
                      "of Dismissal", "to Set Aside Default", "for Protective Order",
                      "re Payment Plan"))
    title = pick(rng, (f"Stipulation {what}", f"Stipulation and [Proposed] Order {what}",
                       f"Joint Stipulation {what}", f"Stipulated Order {what}"))
    body = [
        "IT IS HEREBY STIPULATED by and between the parties, through their respective "
        "counsel of record, as follows:",
        *numbered(rng, some(rng, [
            "The parties are engaged in settlement discussions.",
            f"The hearing presently set shall be continued to {printer.date(None, facts.day)}.",
            "Defendant shall have an additional thirty days to respond to the complaint.",
            "Each party shall bear its own costs and attorney fees.",
            "This stipulation may be signed in counterparts.",
        ], 2, 5)),
        pick(rng, ("IT IS SO STIPULATED.", "PURSUANT TO STIPULATION, IT IS SO ORDERED.")),
    ]
    return Paper("stipulation", "other", top=list(facts.attorney_lines),
                 court=court_lines(facts), titles=[cased(rng, title)], body=body,
                 closing=signature(facts, printer) + ["Attorney for Defendant"])


def proof_of_service(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    served = pick(rng, ("Summons; Complaint; Civil Case Cover Sheet; Notice of Case "
                        "Assignment", "Request for Entry of Default", "Notice of Motion and "
                        "Motion", "Declaration of Venue", "Writ of Garnishment and Notice"))
    title = pick(rng, ("Proof of Service", "Proof of Service of Summons", "Declaration of "
                       "Service", "Affidavit of Service", "Certificate of Service",
                       "Return of Service", "Proof of Service by Mail"))
    how = pick(rng, ("by personal delivery to the party", "by substituted service on a "
                     "competent member of the household", "by first-class mail, postage "
                     "prepaid", "by electronic service"))
    body = [
        "I am over 18 years of age and not a party to this action.",
        f"On {printer.date(None, facts.day)} I served the following documents: {served}",
        f"on {facts.defendant} {how}.",
        *some(rng, ["Fee for service: $75.00", "Registered California process server, "
                    "Registration No. 2019-00412", "Description of person served: adult, "
                    "brown hair, approx. 40 years", "I am employed in the county where the "
                    "mailing occurred."], 1, 3),
    ] + perjury(facts, printer)
    return Paper("proof_of_service", "other", court=court_lines(facts),
                 caption=rng.random() < 0.6, titles=[cased(rng, title)], body=body,
                 closing=[pick(rng, ("(SIGNATURE OF PERSON WHO SERVED)", "Process Server",
                                     "Declarant"))])


def fee_waiver(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    title = pick(rng, ("Waiver of Attorney Fees", "Request to Waive Court Fees",
                       "Order on Court Fee Waiver", "Application to Proceed in Forma Pauperis",
                       "Waiver of Attorney Fees in Support of Entry of Default Judgment"))
    pool = [
        "Plaintiff hereby waives any claim to attorney fees in connection with the entry of "
        "judgment in this action.",
        "The applicant receives public benefits and cannot pay the filing fees.",
        "The request is granted. The applicant need not pay the fees listed below.",
        "Monthly household income and expenses are stated in the attached financial "
        "statement.",
        "This waiver is made knowingly and voluntarily.",
    ]
    return Paper("fee_waiver", "other", top=list(facts.attorney_lines), court=court_lines(facts),
                 titles=[cased(rng, title)], body=some(rng, pool, 2, 4),
                 closing=signature(facts, printer))


def answer(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    title = pick(rng, ("Answer", "Answer to Complaint", "Defendant's Answer and Affirmative "
                       "Defenses", "General Denial", "Answer - Contract",
                       "Defendant's Original Answer"))
    pool = [
        "Defendant answers the complaint and generally denies each and every allegation "
        "therein.",
        "Defendant denies that any sum is owed to Plaintiff.",
        "FIRST AFFIRMATIVE DEFENSE: the complaint fails to state facts sufficient to "
        "constitute a cause of action.",
        "SECOND AFFIRMATIVE DEFENSE: the claim is barred by the statute of limitations.",
        "Plaintiff lacks standing because it cannot prove the assignment of the account.",
        "WHEREFORE, Defendant prays that Plaintiff take nothing by its complaint.",
    ]
    return Paper("answer", "other", top=[facts.defendant, "Defendant in pro per"],
                 court=court_lines(facts), titles=[cased(rng, title)],
                 body=some(rng, pool, 3, 6),
                 closing=[f"Dated: {printer.date(None, facts.day)}", facts.defendant])


def dismissal(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    title = pick(rng, ("Request for Dismissal", "Notice of Voluntary Dismissal",
                       "Acknowledgment of Satisfaction of Judgment", "Notice of Settlement",
                       "Dismissal Without Prejudice", "Satisfaction of Judgment"))
    pool = [
        "Plaintiff requests that the Clerk dismiss this action without prejudice as to all "
        "defendants.",
        "The judgment has been satisfied in full and the Clerk is directed to enter the "
        "satisfaction in the register of actions.",
        "The parties have reached a settlement of this matter.",
        "Each party shall bear its own fees and costs.",
        "Pursuant to Rule 41(a)(1)(A)(i), Plaintiff voluntarily dismisses this action.",
    ]
    return Paper("dismissal", "other", top=list(facts.attorney_lines), court=court_lines(facts),
                 titles=[cased(rng, title)], body=some(rng, pool, 2, 4),
                 closing=signature(facts, printer))


def bankruptcy(facts: Facts, printer: Printer) -> Paper:
    rng, account = facts.rng, facts.account
    district = pick(rng, ("Northern District of Georgia", "District of Oregon",
                          "Central District of California", "Northern District of Illinois"))
    title = pick(rng, ("Schedule E/F: Creditors Who Have Unsecured Claims",
                       "Schedule D: Creditors Who Have Claims Secured by Property",
                       "Voluntary Petition for Individuals Filing for Bankruptcy",
                       "Summary of Your Assets and Liabilities", "Statement of Financial "
                       "Affairs for Individuals Filing for Bankruptcy",
                       "Findings of Fact and Conclusions of Law re Confirmation of Plan"))
    body = [
        f"Debtor 1 {facts.defendant}", "Debtor 2 (Spouse, if filing)",
        f"United States Bankruptcy Court for the {district}",
        "Case number (if known)", pick(rng, ("Official Form 106E/F", "Official Form 101",
                                              "Official Form 106D", "Chapter 7", "Chapter 13")),
        *some(rng, [
            f"4.1 {facts.original} Last 4 digits of account number {account.number[-4:]} "
            f"Total claim {printer.money(None, account.balance)}",
            "When was the debt incurred? Nonpriority unsecured claim. Credit card debt.",
            "Is the claim subject to offset? No. Who incurred the debt? Debtor 1 only.",
            f"4.2 {facts.creditor} Collection agency. Notify for the claim listed above.",
            "Part 2: List All of Your NONPRIORITY Unsecured Claims",
            "Do any creditors have priority unsecured claims against you?",
        ], 3, 6)]
    return Paper("bankruptcy", "other", caption=False,
                 top=[pick(rng, ("Fill in this information to identify your case:",
                                 "UNITED STATES BANKRUPTCY COURT", ""))],
                 titles=[title if rng.random() < 0.6 else title.upper()], body=body,
                 footer=pick(rng, ("Official Form 106E/F Schedule E/F page 1 of 4", "")))


def opinion(facts: Facts, printer: Printer) -> Paper:
    rng = facts.rng
    court = pick(rng, ("COURT OF APPEALS", "SUPREME COURT OF THE UNITED STATES",
                       "APPELLATE DIVISION", "Workers' Compensation Appeals Board"))
    title = pick(rng, ("Opinion", "Memorandum Opinion", "Slip Opinion", "Opinion and Order",
                       "Memorandum Decision", "Per Curiam Opinion"))
    pool = [
        f"Appeal from the Circuit Court of {facts.city} County.",
        "Before: Judges Reyes, Thompson and Caldwell.",
        "The appellant challenges the trial court's ruling on the motion to compel "
        "arbitration.",
        "We review questions of law de novo and findings of fact for clear error.",
        "The trial court did not abuse its discretion.",
        "For the reasons stated above, we affirm.",
        "REVERSED AND REMANDED for further proceedings consistent with this opinion.",
        "Justice Alvarez delivered the opinion of the Court.",
    ]
    return Paper("opinion", "other", court=[court], caption=rng.random() < 0.5,
                 titles=[cased(rng, title)], body=some(rng, pool, 3, 7),
                 closing=[pick(rng, ("AFFIRMED.", "SO ORDERED.", "Filed: "
                                     + printer.date(None, facts.day)))])


OTHER_KINDS: dict[str, Composer] = {
    **DECLARATION_KINDS,
    "minutes": minutes, "court_order": court_order, "clerk_letter": clerk_letter,
    "stipulation": stipulation, "proof_of_service": proof_of_service,
    "fee_waiver": fee_waiver, "answer": answer, "dismissal": dismissal,
    "bankruptcy": bankruptcy, "opinion": opinion,
}
