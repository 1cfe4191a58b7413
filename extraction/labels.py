"""candidates_to_roles: which field a candidate fills, read from the label next to it.

The label lexicon is data: for each kind of value, an ordered list of (field, pattern).
A candidate's label context is tried nearest first (same line, then the line or header
above, then the prose before it); the first pattern that matches names the field. The
strength of the evidence (where the label was found) becomes the rule score that the
calibrator later turns into a probability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.candidates import Candidate

NONE = "none"
TOTAL = "total"  # a total whose field depends on the document: judgment amount or amount due
ORDERED = "ordered"  # the date an order is signed: a judgment date only on a judgment

# Patterns are searched in lower-cased label text; order matters (specific before general).
LABEL_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (
        (NONE, r"\b(?:birth|dob|d\.o\.b|born|charged?[- ]?off|opened|last payment|itemization|"
               r"printed|print date|letter date|statement date|hearing|signed|served|"
               r"mailed|service|history|rev|revised)\b"),
        ("judgment_date", r"judgment\s+(?:was\s+)?(?:entered|date|dated|rendered|granted)|"
                          r"date\s+of\s+(?:entry\s+of\s+)?judgment|entered\s+(?:on|this)|"
                          r"judgment\s+on\b|judgment\s+entered"),
        # an order's closing: the judgment's date on a judgment, an order's on any other
        (ORDERED, r"so ordered|it is so|done\s+and\s+ordered|^ordered\b"),
        ("filing_date", r"\bfil(?:ed|ing)\b|date\s+filed|file\s+date\W*$|e-?filed|commenced|"
                        r"\brecord(?:ed|ing)\b|"
                        r"\(fecha\)|issued\s+on"),
        ("due_date", r"\bdue\b|respond\s+by|on\s+or\s+before|dispute\s+by|no\s+later\s+than|"
                     r"\bby\b\s*$|deadline|must\s+(?:answer|respond|pay)|before\b\s*$|within|"
                     r"appear\b|respond(?!ent)|return\s+date"),
    ),
    "amount": (
        (NONE, r"\b(?:payments?|credits?|paid|minimum|limit|monthly|installment|deposit|"
               r"exempt|wages?|income|values?|post-?\s?judgment|since\s+judgment|"
               r"filing\s+fee|service\s+(?:fee|of\s+summons)|issuance|sheriff|answer\s+fee|"
               r"fee\s+schedule|not\s+part\s+of|you\s+owed|last\s+payment)\b"),
        # "Demand of complaint" on a later paper: what the complaint asked, before costs
        ("principal", r"principal|demand(?:ed)?\s+(?:of|in)\s+(?:the\s+)?complaint"),
        ("interest", r"interest"),
        ("fees", r"\bfees?\b|\bcosts?\b|charges"),
        ("amount_due", r"balance|amount\s+(?:now\s+)?(?:due|owed|claimed|demanded)|"
                       r"total\s+(?:due|owed|balance)|now\s+due"),
        ("judgment_amount", r"judgment"),
        (TOTAL, r"recover"),  # a judgment's sum recovered, a complaint's or a sheet's owed
        (TOTAL, r"total|\bdue\b|\bowe|\bsum\s+of|demand|claim"),
    ),
    "case_number": (
        (NONE, r"\b(?:bar|license|lic|ssn|file\s+no|our\s+file|ref|atty|attorney|sbn)\b"),
        ("case_number", r"case|docket|index|civil\s+action|cause|no\b|number|#"),
    ),
    "account_number": (
        (NONE, r"\b(?:bar|license|lic|ssn|social|phone|tel|fax|zip|file|our\s+file|atty|sbn|"
               r"attorney|"
               r"case|docket|index|routing|employer\s+id|ein|parcel|apn|reference|ref)\b"),
        ("account_number", r"account|acct|a/c|ending\s+in|card|loan"),
    ),
}

# Evidence strength per place the label was found (before calibration).
WHERE_SCORES = {"left": 0.95, "above": 0.85, "before": 0.7, "far": 0.65, "shape": 0.5}


@dataclass(slots=True)
class RoleGuess:
    field: str
    score: float
    where: str  # left / above / before / shape / model


def _match(kind: str, text: str) -> str | None:
    lowered = text.lower()
    for field_name, pattern in LABEL_RULES.get(kind, ()):
        if re.search(pattern, lowered):
            return field_name
    return None


def _tail(text: str, words: int) -> str:
    return " ".join(text.split()[-words:])


def resolve_total(field_name: str, doc_type: str) -> str:
    """The field of a value whose label's meaning depends on the document: a total is a
    judgment's amount or the amount due; the date under "IT IS SO ORDERED" is a judgment's
    date on a judgment and no field on a minute order or an order on a motion."""
    if field_name == ORDERED:
        return "judgment_date" if doc_type == "judgment" else NONE
    if field_name != TOTAL:
        return field_name
    return "judgment_amount" if doc_type == "judgment" else "amount_due"


def guess_role(cand: Candidate, doc_type: str = "other") -> RoleGuess:
    """The field a candidate fills by its labels, or ``none``; with the evidence strength."""
    guess = _guess_role(cand)
    guess.field = resolve_total(guess.field, doc_type)
    return guess


VALUE_ONLY_RE = re.compile(r"^[\s$¢€£\d.,()*:;\-–—]*(?:CR)?[\s$¢.]*$")


def row_label(cand: Candidate) -> str:
    """In a table row "Costs  $249.00  $0.00  $249.00", the label that opens the row: the
    line's text before its first amount, when only values stand between it and ``cand``."""
    if cand.kind != "amount" or not cand.left.strip() or not VALUE_ONLY_RE.match(cand.left):
        return ""
    text = cand.line.text[:cand.start]
    first = re.search(r"[$¢]?\s?\d[\d,]*\.\d{2}\b", text)
    if first is None or not VALUE_ONLY_RE.match(text[first.start():]):
        return ""
    return _tail(text[:first.start()], 6)


# What an amount is said to be in its own clause. A bound ("of more than $2,500", "fees of
# up to $40", "not less than $25"), a rate or a price per unit ("$3.50 per day", "(per
# defendant) $55.00", "at the rate of $25") and one end of a range ("$50,001 - $100,000")
# are no sum of the document's account, whatever field word their sentence holds: the
# sentence states a rule or a schedule, not what is owed.
BOUND_BEFORE_RE = re.compile(
    r"(?:\b(?:more|less|greater|fewer|higher|lower)\s+than|\bup\s+to|\bnot\s+to\s+exceed|"
    r"\bexceed(?:s|ed|ing)?|\bin\s+excess\s+of|\bat\s+(?:least|most)|\bmaximum(?:\s+of)?|"
    r"\bminimum(?:\s+of)?|\bas\s+(?:much|little)\s+as|\bbetween|\brate\s+of|"
    r"\blimited\s+to(?:\s+[a-z]+){0,2}?(?:\s+of)?)"
    r"(?:\s+(?:a|an|the))?\s*[$(]?\s*$", re.IGNORECASE)
FIGURE = r"(?:\$\s?\d[\d,]*(?:\.\d{2})?|\d[\d,]*\.\d{2}|\d{1,3}(?:,\d{3})+)"
RANGE_BEFORE_RE = re.compile(rf"{FIGURE}\s*(?:-|–|to|through)\s*[$(]?\s*$", re.IGNORECASE)
UNIT = (r"(?:annum|year|yr|month|mo|week|wk|day|diem|hour|hr|defendant|party|person|page|"
        r"copy|item|mile|filing|document|paper|writ|claim|garnishee|case)")
RANGE_AFTER_RE = re.compile(rf"^\s*(?:-|–|to|through)\s*{FIGURE}", re.IGNORECASE)
BOUND_AFTER_RE = re.compile(r"^\)?\s*or\s+(?:less|more|fewer|greater|under|over|below|above)\b",
                            re.IGNORECASE)
RATE_AFTER_RE = re.compile(rf"^\)?\s*(?:(?:per|each|every|an?|/)\s*{UNIT}\b|each\b)",
                           re.IGNORECASE)
PER_UNIT_RE = re.compile(rf"\b(?:per|each|every)\s+{UNIT}\b", re.IGNORECASE)


ABBREVIATION_RE = re.compile(r"^(?:[A-Z]|no|nos|inc|co|corp|ltd|llc|mr|mrs|ms|dr|st|jr|sr|"
                             r"esq|vs?|al|ave|blvd|dept|ste|proc|civ|stat|sec|u\.s|[a-z]\.[a-z])"
                             r"\.$", re.IGNORECASE)


def own_sentence(text: str) -> str:
    """The words of ``text`` (words before a value) after the last end of a sentence: a
    field word of the sentence before ('... to the balance due. The court may award
    $500.00') says nothing of this value."""
    words = text.split()
    for i in range(len(words) - 2, -1, -1):
        word, following = words[i], words[i + 1]
        if word.endswith(";") or (re.search(r"[.!?][)\"']?$", word)
                                  and not ABBREVIATION_RE.match(word.rstrip(")\"'"))
                                  and following[:1].isupper()):
            return " ".join(words[i + 1:])
    return text


def generic_amount(cand: Candidate) -> str:
    """Why an amount is a bound, a rate or a range endpoint by the words around it in its
    own sentence ('bound', 'rate', 'range'); '' for an amount said to be a sum."""
    if cand.kind != "amount":
        return ""
    line = cand.line.text
    before = line[:cand.start]
    after = line[cand.end:cand.end + 24]
    if RANGE_BEFORE_RE.search(before[-40:]) or RANGE_AFTER_RE.search(after):
        return "range"
    # the words before in reading order too: the sentence may have begun on the line above
    if any(BOUND_BEFORE_RE.search(text[-60:]) for text in (before, cand.before)) or \
            BOUND_AFTER_RE.search(after):
        return "bound"
    if RATE_AFTER_RE.search(after):
        return "rate"
    label = _tail(cand.left, 6)
    if label and PER_UNIT_RE.search(label) and not VALUE_ONLY_RE.match(label):
        return "rate"
    return ""


def _guess_role(cand: Candidate) -> RoleGuess:
    if cand.kind not in LABEL_RULES:
        return RoleGuess(NONE, 0.0, "shape")
    if generic_amount(cand):
        return RoleGuess(NONE, WHERE_SCORES["left"], "generic")
    row = row_label(cand)
    if row and _match(cand.kind, row) not in (None, NONE):
        # a 2-D table: the column header may only veto ("Credits", "Payments"); the row's
        # label names the field ("Balance" over a "Demand of complaint" row is its state)
        if cand.above.strip() and _match(cand.kind, cand.above) == NONE:
            return RoleGuess(NONE, WHERE_SCORES["above"], "above")
        return RoleGuess(_match(cand.kind, row) or NONE, WHERE_SCORES["left"], "left")
    for where, text in (("left", _tail(cand.left, 6)), ("above", cand.above),
                        ("before", own_sentence(_tail(cand.before, 12))),
                        ("far", cand.above_far)):
        if not text.strip():
            continue
        field_name = _match(cand.kind, text)
        if field_name is not None:
            return RoleGuess(field_name, WHERE_SCORES[where], where)
    if cand.kind == "case_number":
        return RoleGuess("case_number", WHERE_SCORES["shape"], "shape")
    if cand.kind == "account_number" and re.search(r"[X*#•]{2,}|ending", cand.value, re.I):
        return RoleGuess("account_number", WHERE_SCORES["shape"], "shape")
    return RoleGuess(NONE, 0.0, "shape")
