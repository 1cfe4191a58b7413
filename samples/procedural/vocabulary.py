"""Wordings a procedural sheet draws its labels, headings and titles from.

Why so many: the extraction's label rules were written against the fixed templates, so a
generator that prints only those wordings measures the rules against their own answer key.
Each contract field here has many wordings, a good share of which no rule names
("Please Remit", "Sum Owing", "Owner of Debt"); distractors (dates, amounts and numbers that
are no contract field) get as wide a choice, so a learned decision must read the label's
meaning, not its spelling.
"""

from __future__ import annotations

# Labels of the values that are contract fields (truth is recorded for these).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "amount_due": (
        "Balance Due", "Amount Owed", "Please Remit", "Total Now Due", "Current Balance",
        "Total Balance", "Amount Due", "Outstanding Balance", "Total Owing", "Sum Owing",
        "Total Outstanding", "Payoff Amount", "Amount to Collect", "Placed Balance",
        "Net Amount Due", "Total Claim", "Remaining Balance", "Grand Total", "Total Debt",
        "Unpaid Balance", "Balance Outstanding", "Collectible Balance", "Pay This Amount",
        "Amount Payable", "Account Balance", "Total Amount Owing", "Current Amount Owed",
        "What You Owe", "Total to Recover", "Liquidated Balance", "Amount in Arrears",
    ),
    "principal": (
        "Principal", "Principal Balance", "Principal Amount", "Principal Owed",
        "Unpaid Principal", "Base Balance", "Charged-Off Principal", "Capital Amount",
        "Prin. Bal.", "Principal Due", "Balance at Charge-Off", "Core Debt",
        "Debt Principal", "Original Principal Sum", "Amount Financed Outstanding",
        "Charge-Off Amount", "Principal Sum",
    ),
    "interest": (
        "Interest", "Accrued Interest", "Interest Accrued", "Interest Owed",
        "Finance Charges", "Interest to Date", "Accumulated Interest", "Int. Accrued",
        "Interest Charges", "Interest Due", "Unpaid Interest", "Finance Charge Balance",
        "Accrual", "Interest Since Charge-Off", "Contract Interest", "Earned Interest",
    ),
    "fees": (
        "Fees", "Late Fees", "Fees & Costs", "Other Charges", "Collection Costs",
        "Penalties", "Service Charges", "Late Charges", "Misc. Fees", "Assessed Fees",
        "Add-on Charges", "Fees and Penalties", "Ancillary Charges", "Costs",
        "Returned Item Charges", "Penalty Amount", "Surcharges", "Assessments",
    ),
    "creditor_name": (
        "Client", "Creditor", "Current Creditor", "Owner of Debt", "Account Owner",
        "Debt Owner", "Creditor Name", "Client Name", "Placed By", "Referred By", "Owed To",
        "Creditor of Record", "Portfolio Owner", "Assignee", "On Behalf Of", "Holder",
        "Debt Buyer", "Present Owner", "Forwarding Client", "Principal Client",
    ),
    "account_number": (
        "Account Number", "Account #", "Acct #", "Acct. No.", "Client Account",
        "Creditor Account No.", "Original Account", "Card Number", "Loan No.",
        "Customer Number", "Member Number", "Contract No.", "Credit Card Account",
        "Account ID", "Debtor Acct", "Portfolio Account", "Obligation No.", "Agreement #",
    ),
}

# Labels of printed values that are no contract field (no truth is recorded).
DISTRACTOR_LABELS: dict[str, tuple[str, ...]] = {
    "placed_date": ("Date Placed", "Placement Date", "Referral Date", "Assigned On",
                    "Listed", "Received", "Date Referred", "Intake Date"),
    "opened": ("Open Date", "Date Opened", "Account Opened", "Origination Date",
               "Opened On", "Inception", "Since"),
    "charged_off": ("Charge-Off Date", "C/O Date", "Date Charged Off", "Written Off",
                    "Default Date", "Date of Default", "Delinquency Date"),
    "last_paid": ("Last Payment Date", "Date Last Paid", "Last Pay Date", "LPD",
                  "Most Recent Payment", "Last Activity"),
    "printed": ("Printed", "Run Date", "Report Date", "Generated", "As Of", "Print Date",
                "Prepared"),
    "last_amount": ("Last Payment", "Last Payment Amount", "Last Amt Paid", "LPA",
                    "Recent Payment"),
    "limit": ("Credit Limit", "Credit Line", "High Credit", "Limit", "Max Line"),
    "settlement": ("Settlement Offer", "Authorized Settlement", "Settle For",
                   "Minimum Settlement", "Discount Offer"),
    "minimum": ("Minimum Payment", "Min. Payment", "Monthly Payment", "Installment Offer"),
    "rate": ("Interest Rate", "APR", "Rate", "Contract Rate", "Annual Rate"),
    "file": ("Agency File #", "Our File", "File No.", "Reference #", "Ref. No.", "Batch",
             "Internal ID", "Case Ref", "Work Item", "Control #"),
    "original": ("Original Creditor", "Originator", "Original Lender", "Issuer",
                 "Originating Bank", "Prior Creditor"),
}

PERSON_LABELS: dict[str, tuple[str, ...]] = {
    "debtor": ("Debtor", "Consumer", "Customer", "Account Holder", "Responsible Party",
               "Borrower", "Cardholder", "Primary Obligor", "Debtor Name", "Subject",
               "Name", "Guarantor", "Obligor"),
    "codebtor": ("Co-Debtor", "Joint Account Holder", "Co-Signer", "Secondary Obligor",
                 "Co-Borrower", "Joint Debtor", "Co-Applicant"),
    "dob": ("DOB", "Date of Birth", "Birth Date", "Born", "D.O.B.", "Birthdate"),
    "ssn": ("SSN", "Social Security No.", "SS#", "Soc. Sec.", "Tax ID", "SSN/TIN"),
    "employer": ("Employer", "Place of Employment", "Works At", "Employment",
                 "Employer Name", "Job"),
    "email": ("Email", "E-mail", "Email Address", "E-Mail on File", "Electronic Mail"),
}

# Column headers of the contact tables.
ADDRESS_HEADERS = (("Address", "Since", "Status"), ("Street / City", "First Reported", "Note"),
                   ("Location", "From", "Verified"), ("Residence", "Reported", "Condition"),
                   ("Mailing Address", "Date", "Result"))
PHONE_HEADERS = (("Phone", "Type", "Status"), ("Telephone", "Line", "Result"),
                 ("Number", "Kind", "Verified"), ("Contact No.", "Type", "Note"))
HISTORY_HEADERS = (("Date", "Type", "Amount"), ("Posted", "Transaction", "Sum"),
                   ("When", "Activity", "Amt"), ("Txn Date", "Code", "Value"))

HEADINGS: dict[str, tuple[str, ...]] = {
    "debtor": ("Debtor", "Consumer Information", "Responsible Party", "Customer Details",
               "Subject", "Account Holder", "Obligor Profile", "Who Owes"),
    "account": ("Account", "Account Detail", "Debt Information", "Claim", "Obligation",
                "Portfolio Data", "Referral Detail", "File Summary"),
    "balances": ("Balances", "Amounts", "Balance Breakdown", "Money Owed", "Itemization",
                 "Figures", "Financial Summary", "Claim Amounts"),
    "addresses": ("Addresses", "Address History", "Known Addresses", "Locations",
                  "Residence History", "Where Found"),
    "phones": ("Phones", "Telephone Numbers", "Contact Numbers", "Phone History",
               "Numbers on File"),
    "history": ("Payment History", "Transactions", "Activity", "Recent Payments",
                "Account Activity"),
}

TITLES = ("New Business Placement", "Account Placement", "Account Statement",
          "Locate Request", "Skip Trace Referral", "Account Transfer Sheet",
          "Case File Summary", "Debt Referral", "Portfolio Placement Record",
          "Collection Referral Form", "Placement Record", "Assignment Schedule Detail",
          "Consumer Account Profile", "Locate / Placement Worksheet")

FOOTERS = ("Confidential - for collection purposes only",
           "This communication is from a debt collector.",
           "Contains nonpublic personal information. Handle per GLBA policy.",
           "Internal use only - do not mail",
           "Questions? Contact your client services representative.",
           "Data provided by client; accuracy not warranted.")
