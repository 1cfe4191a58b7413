"""attach_prose_addresses: an address written inside a sentence goes to the party it names.

Pleadings state addresses in running text, wrapped over numbered lines: "The name and last
known address of the debtor ... is JANE DOE, 16 ELM PL, / ENCINO, CA 91436.", "The
charge-off creditor was ACME BANK, 60 MAIN AVE, ST / PAUL MN 55107". The block rules never
see these (the street and city are not stacked in a column). Here each body page's lines are
joined into sentences; a street-number-to-ZIP span that usaddress accepts is an address, and
it belongs to:
- the debtor, when the sentence speaks of a last known address or of where a defendant
  resides (the creditor whose records are cited is named there too);
- otherwise the party whose name is printed closest before it in the same sentence, passing
  over a name that only follows "assignee of" / "successor in interest to"; where the
  sentence's subject is a role word nearer the address than any name ("Plaintiff is ...
  with its principal place of business at ..."), the party of that role when it is the only
  one.
A sentence must read as a statement (a verb such as "is", "was", "resides") about an
address or a party, so the stacked blocks of a caption page are left to the block rules; a
line of several cells (a form row, two columns) ends a sentence, and so does a numbered
paragraph ("... and states: / 1. Plaintiff is ...").
"""

from __future__ import annotations

import re

from core.lines import Line
from extraction.contacts import PartyDraft, address_key
from extraction.parsers import normalize_address

GUTTER_RE = re.compile(r"^\d{1,2}$")
PARAGRAPH_NUMBER_RE = re.compile(r"^\(?\d{1,2}[.)]$")
# a form row "Garnishee: ACME BANK, 1 Main St ...": a label, not a sentence
LABEL_ROW_RE = re.compile(r"^[A-Z][\w'’/ ().,-]{0,40}:\s")
BREAK = "\u2029"  # stands for a line that is not prose (a form row, two columns)
SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9)\]])\.(?:\s+|$)(?=[A-Z0-9(\"“]|$)")
STATE_ZIP_RE = re.compile(r"(?<![A-Za-z])[A-Z]{2}\.?,?\s+\d{5}(?:-\d{4})?\b")
START_RE = re.compile(r"(?<![\w-])(?:\d{1,6}[A-Za-z]?\s|P\.?\s?O\.?\s+BOX\b)", re.IGNORECASE)
STATEMENT_RE = re.compile(r"\b(?:is|was|are|were|resides?|residing|lives?|located)\b",
                          re.IGNORECASE)
TOPIC_RE = re.compile(r"address|resid|creditor|debtor|defendant|plaintiff|purchaser|owner|"
                      r"assignee|buyer", re.IGNORECASE)
DEBTOR_TOPIC_RE = re.compile(r"last\s+known\s+address|\b(?:defendant|debtor|consumer)s?\b"
                             r"[^.]{0,60}?\b(?:resides?|residing|lives?)\b", re.IGNORECASE)
PROSE_WORD_RE = re.compile(r"\b(?:is|was|and|the|of|at|to|are|for)\b")
PASS_OVER_RE = re.compile(r"(?:assignee\s+of|successor\s+in\s+interest\s+to|assignor)\W*$",
                          re.IGNORECASE)
WINDOW = 90  # how far before its ZIP an address may start, in characters
# a role word as a clause's subject ("Plaintiff is ...", "; Defendant resides ..."), not the
# object of a preposition ("counsel for Plaintiff") nor a possessive ("Plaintiff's counsel")
SUBJECT_ROLE_RE = re.compile(r"(?<![\w'’])(?<!for )(?<!of )(?<!to )(?<!by )(?<!against )"
                             r"(?<!from )(?<!with )(?<!sues )(?P<role>plaintiff|defendant)"
                             r"(?![\w'’])", re.IGNORECASE)
SUBJECT_ROLES = {"plaintiff": "creditor", "defendant": "debtor"}


def page_text(lines: list[Line]) -> str:
    """A page's prose lines joined into one text, without the pleading paper's line numbers
    or a paragraph's number cell. A line of several cells (a form's label and value, two
    columns side by side) or one opening with a label ("Garnishee: ...") is not prose: it
    ends the sentence before it."""
    parts = []
    for line in lines:
        cells = line.cells()
        if cells and GUTTER_RE.match(line.text[cells[0][0]:cells[0][1]]):
            cells = cells[1:]
        if len(cells) > 1 and PARAGRAPH_NUMBER_RE.match(line.text[cells[0][0]:cells[0][1]]):
            cells = cells[1:]
            parts.append(BREAK)  # a numbered paragraph starts a sentence
        if len(cells) == 1 and not LABEL_ROW_RE.match(line.text[cells[0][0]:cells[0][1]]):
            parts.append(line.text[cells[0][0]:cells[0][1]])
        elif cells:
            parts.append(BREAK)
    return " ".join(parts)


def sentences(text: str) -> list[str]:
    """The text's sentences; a non-prose line ends one too."""
    out: list[str] = []
    for chunk in text.split(BREAK):
        start = 0
        for match in SENTENCE_END_RE.finditer(chunk):
            out.append(chunk[start:match.end()])
            start = match.end()
        out.append(chunk[start:])
    return [s for s in out if s.strip()]


def addresses_in(sentence: str) -> list[tuple[int, str]]:
    """(start, normalized address) for each address in a sentence: the longest span from a
    street number or box to a state and ZIP that usaddress reads as a full address."""
    found: list[tuple[int, str]] = []
    previous_end = 0
    for zip_match in STATE_ZIP_RE.finditer(sentence):
        end = zip_match.end()
        floor = max(previous_end, end - WINDOW)
        previous_end = end
        for start_match in START_RE.finditer(sentence, floor, zip_match.start()):
            span = sentence[start_match.start():end]
            if PROSE_WORD_RE.search(span) or ":" in span:  # a label: a form, not prose
                continue
            value = normalize_address(span)
            # usaddress may skip or swallow a date or figure in front ("0 3 2024 JANE DOE 16
            # ELM PL"): the span is an address when it opens the street and the street
            # holds one number
            if value is not None and _words(value)[:1] == _words(span)[:1] and \
                    sum(w.isdigit() for w in value.split(",")[0].split()) <= 1:
                found.append((start_match.start(), value))
                break
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _number_zip(address: str) -> str:
    """House number and ZIP: one address however OCR spaced or punctuated its street."""
    words = _words(address)
    zip_code = re.findall(r"\b\d{5}\b", address)
    return f"{words[0] if words else ''}|{zip_code[-1] if zip_code else ''}"


def _name_end(sentence: str, name: str, before: int) -> int | None:
    """Where (a character offset) the last printing of ``name`` before ``before`` ends,
    passing over one that only follows 'assignee of'."""
    key = _words(name)[:3]
    if not key:
        return None
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in key) + r"\b"
    best = None
    for match in re.finditer(pattern, sentence[:before], re.IGNORECASE):
        if PASS_OVER_RE.search(sentence[:match.start()]):
            continue
        best = match.end()
    return best


def _owner(sentence: str, start: int, drafts: list[PartyDraft], since: int = 0
           ) -> PartyDraft | None:
    head = sentence[since:start]  # the clause since the address before it
    if DEBTOR_TOPIC_RE.search(head):
        debtors = [d for d in drafts if d.role == "debtor"]
        named = [d for d in debtors if _name_end(sentence, d.name, start) is not None]
        chosen = named or debtors
        return chosen[0] if chosen else None
    best: tuple[int, PartyDraft] | None = None
    for draft in drafts:
        end = _name_end(sentence, draft.name, start)
        if end is not None and (best is None or end > best[0]):
            best = (end, draft)
    subject = _subject_role(sentence[since:start])
    if subject is not None and (best is None or since + subject[0] > best[0]):
        holders = [d for d in drafts if d.role == subject[1]]
        if len(holders) == 1:
            return holders[0]
    return best[1] if best else None


def _subject_role(clause: str) -> tuple[int, str] | None:
    """(end, role) of the last role word the clause has as a subject, if any."""
    found = None
    for match in SUBJECT_ROLE_RE.finditer(clause):
        found = (match.end(), SUBJECT_ROLES[match.group("role").lower()])
    return found


def _same_address(a: str, b: str) -> bool:
    return address_key(a) == address_key(b) or _number_zip(a) == _number_zip(b)


def attach_prose_addresses(drafts: list[PartyDraft], pages: list[list[Line]]) -> None:
    """Addresses in the body pages' sentences, each to the party the sentence names (in
    place). The sentence outranks the line rules, which give an address under a role word
    to the first party of that role: an address another party holds moves to the one the
    sentence names."""
    for lines in pages:
        if not lines:
            continue
        for sentence in sentences(page_text(lines)):
            if not STATEMENT_RE.search(sentence) or not TOPIC_RE.search(sentence):
                continue
            since = 0
            for start, value in addresses_in(sentence):
                owner = _owner(sentence, start, drafts, since)
                since = start + 1
                if owner is None:
                    continue
                if any(_same_address(a, value) for a in owner.addresses):
                    continue
                for other in drafts:
                    other.addresses[:] = [a for a in other.addresses
                                          if not _same_address(a, value)]
                owner.addresses.append(value)
