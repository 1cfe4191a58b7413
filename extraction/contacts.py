"""attach_contacts: give each address, phone, email, birth date and SSN to its party.

A contact belongs to a party when its label says so ("Debtor Phone:", "Employer
Address:") or, failing that, when it sits in the block under the party's name (same
column, a few lines down, before the next party). Contacts in a placement sheet's history
tables belong to the debtor.

Where a document prints an address's status or a phone's type and status beside it
(placement sheets, locate reports: "... 62704  07/05/2021  Bad address",
"602-468-7607 Mobile Disconnected", or "STATUS BAD ADDRESS" on the line under an
address), the party keeps them (``address_status``, ``phone_types``, ``phone_status``,
keyed by the value): skip-trace ranking reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.document import BBox
from core.lines import Line
from core.vocabulary import PartyRole
from extraction.candidates import Candidate
from extraction.party_names import ORG_SUFFIX_RE, PartyAnchor

CONTACT_KINDS = ("address", "phone", "email", "ssn_last4", "date")
CO_DEBTOR = "kv-co"  # how kv_parties marks a co-debtor (see attach_contacts)
BLOCK_MAX_LINES = 9  # how far under a name its contact block may reach
ATTORNEY_BLOCK_LINES = 14  # an attorney block lists names, bar numbers, firm, 2 addresses...
ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("garnishee", r"garnishee|employer|\bbank\b|payroll"),
    ("attorney", r"attorney|counsel|law\s+(?:firm|office)|\bfirm\b|\besq"),
    ("debtor", r"debtor|defendant|consumer|borrower|\bhome\b|mobile|cell|residence|"
               r"\bdob\b|birth|ssn|social|last\s+known|skip|for\s+you\b|\byour\s+"
               r"(?:phone|number|telephone|address)|whose"),
    ("creditor", r"creditor|plaintiff|client|remit|payments?\s+to|our\s+office|call\s+us|"
                 r"contact\s+us"),
)
# "Fax:", "(F)", "Facsimile", and a form's "FAX NO. :" / "FAX No. (Optional):"
FAX_RE = re.compile(r"(?:\(f\)|\bfax|facsimile)(?:\s*(?:no|number|#)\.?)?(?:\s*\(optional\))?\W*$",
                    re.IGNORECASE)
DOB_RE = re.compile(r"\b(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*(?:date|day)|born)\b",
                    re.IGNORECASE)


@dataclass(slots=True)
class PartyDraft:
    """A party being assembled from its anchors and contacts."""

    role: str
    name: str
    page: int
    bbox: BBox
    score: float
    how: str
    line_index: int
    anchors: int = 1
    dob: str | None = None
    ssn_last4: str | None = None
    addresses: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    places: list[PartyAnchor] = field(default_factory=list)
    address_status: dict[str, str] = field(default_factory=dict)
    phone_types: dict[str, str] = field(default_factory=dict)
    phone_status: dict[str, str] = field(default_factory=dict)


ADDRESS_STATUS_WORDS = ("bad address", "returned mail", "mail returned", "undeliverable",
                        "unverified", "verified", "confirmed", "current", "previous",
                        "former", "prior", "moved", "vacant", "deceased")
PHONE_STATUS_WORDS = ("disconnected", "not in service", "wrong number", "unverified",
                      "verified", "confirmed", "inactive", "active", "bad number")
PHONE_TYPE_WORDS = {"mobile": "mobile", "cell": "mobile", "cellular": "mobile",
                    "wireless": "mobile", "home": "home", "residence": "home",
                    "landline": "landline", "land line": "landline", "work": "work",
                    "office": "work", "business": "work", "employer": "work"}
NOTE_WINDOW = 48  # how far after a value its status may be printed, in characters
NEXT_LINE_NOTE_RE = re.compile(r"^\s*(?:first\s+seen|reported|from|since|status)\b",
                               re.IGNORECASE)
_NEXT_VALUE_RE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|\d+\s+\w+\s+(?:st|ave|rd|dr)\b",
                            re.IGNORECASE)


def _first_word(text: str, words) -> str | None:
    """The listed word or phrase that appears first in ``text`` (whole words)."""
    best: tuple[int, str] | None = None
    for word in words:
        match = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), word)
    return best[1] if best else None


def _note_text(cand: Candidate, next_lines: dict[tuple[int, int], Line]) -> str:
    """The text printed right after a value on its line (up to the next phone or street),
    and the line under it when that line is the value's detail ('FIRST SEEN ... STATUS')."""
    after = cand.line.text[cand.end:cand.end + NOTE_WINDOW]
    stop = _NEXT_VALUE_RE.search(after)
    text = after[:stop.start()] if stop else after
    below = next_lines.get((cand.page, cand.line.index + 1))
    if below is not None and NEXT_LINE_NOTE_RE.search(below.text):
        text += " " + below.text[:NOTE_WINDOW + 20]
    return text.lower()


def _record_note(owner: PartyDraft, cand: Candidate, next_lines: dict[tuple[int, int], Line]
                 ) -> None:
    text = _note_text(cand, next_lines)
    if not text.strip():
        return
    if cand.kind == "address":
        status = _first_word(text, ADDRESS_STATUS_WORDS)
        if status and cand.value not in owner.address_status:
            owner.address_status[cand.value] = status
    elif cand.kind == "phone":
        kind = _first_word(text, PHONE_TYPE_WORDS)
        if kind and cand.value not in owner.phone_types:
            owner.phone_types[cand.value] = PHONE_TYPE_WORDS[kind]
        status = _first_word(text, PHONE_STATUS_WORDS)
        if status and cand.value not in owner.phone_status:
            owner.phone_status[cand.value] = status


TRAILING_LABEL_RE = re.compile(r"[^\W\d_][^:\d]{0,40}?\s*(?::|\s[-–]|-)")


BARE_LABEL_RE = re.compile(r"[^\W\d_][^\W\d_.'/-]*\.?(?:\s[^\W\d_][^\W\d_.'/-]*\.?){0,3}")


def label_after(cand: Candidate) -> str:
    """The label a sheet that sets each value before its label prints after the value
    ('12/07/1968    Born -'): the rest of the value's line where it is a few words ending
    with a separator, or, where the value opens its line, a few words without one
    ('December 7, 1967    DOB'); else ''."""
    rest = cand.line.text[cand.end:].strip()
    if TRAILING_LABEL_RE.fullmatch(rest):
        return rest
    opens = not cand.line.text[:cand.start].strip()
    return rest if opens and BARE_LABEL_RE.fullmatch(rest) else ""


def _label_role(cand: Candidate) -> str | None:
    text = f"{cand.left} {cand.above} {label_after(cand)}".lower()
    for role, pattern in ROLE_WORDS:
        if re.search(pattern, text):
            return role
    return None


def _line_index(cand: Candidate) -> int:
    return cand.line.index


COURT_HEADING_RE = re.compile(r"\bCOURT\b", re.IGNORECASE)


def is_court_heading(line: Line) -> bool:
    """A line in capitals naming a court ("SUPERIOR COURT OF CALIFORNIA")."""
    return bool(COURT_HEADING_RE.search(line.text)) and line.text.isupper()


SHEET_HEADING_WORDS = 4


def sheet_headings(lines: list[Line], names: set[str]) -> frozenset[tuple[int, int]]:
    """(page, line) of the lines that head a key/value sheet's section: one short cell with
    no digits, no separator and no party's name ('Residence History', 'Phones')."""
    out = set()
    for line in lines:
        text = line.text.strip()
        if len(line.cells()) == 1 and 0 < len(text.split()) <= SHEET_HEADING_WORDS and \
                not re.search(r"[\d@:]", text) and text.lower() not in names:
            out.add((line.page, line.index))
    return frozenset(out)


def _block_owner(cand: Candidate, drafts: list[PartyDraft],
                 headings: frozenset[tuple[int, int]] = frozenset(),
                 sections: frozenset[tuple[int, int]] = frozenset()) -> PartyDraft | None:
    """The party whose name sits closest above the contact, in its column. An attorney's
    block reaches further, but ends at a court heading (``headings``: (page, line)): the
    court's own address follows it. On a key/value sheet every block ends at a section's
    heading (``sections``): the history table under 'Residence History' is no block of
    the company named last in the section above."""
    best: tuple[int, PartyDraft] | None = None
    for draft in drafts:
        for place in draft.places:
            if place.page != cand.page:
                continue
            distance = _line_index(cand) - place.line_index
            if any((cand.page, k) in sections
                   for k in range(place.line_index + 1, _line_index(cand) + 1)):
                continue
            reach = BLOCK_MAX_LINES
            if draft.role == "attorney":
                crossed = any((cand.page, k) in headings
                              for k in range(place.line_index + 1, _line_index(cand) + 1))
                reach = -1 if crossed else ATTORNEY_BLOCK_LINES
            if not 0 <= distance <= reach:
                continue
            if place.how == "caption" and (distance > 3 or abs(cand.bbox[0] - place.bbox[0]) > 10):
                continue
            same_line_after = distance == 0 and cand.bbox[0] >= place.bbox[0]
            if not same_line_after and (cand.bbox[0] > place.bbox[2] + 40
                                        or cand.bbox[2] < place.bbox[0] - 40):
                continue
            if best is None or distance < best[0]:
                best = (distance, draft)
    return best[1] if best else None


def _by_role(drafts: list[PartyDraft], role: str) -> PartyDraft | None:
    for draft in drafts:
        if draft.role == role:
            return draft
    return None


def _primary_debtor(drafts: list[PartyDraft]) -> PartyDraft | None:
    """The debtor printed first: a sheet names the account's debtor before a co-debtor."""
    debtors = [d for d in drafts if d.role == PartyRole.DEBTOR]
    return min(debtors, key=lambda d: (d.how == CO_DEBTOR,
                                       min((p.page, p.line_index) for p in d.places)),
               default=None)


def attach_contacts(drafts: list[PartyDraft], candidates: list[Candidate],
                    doc_type: str = "other", lines: list[Line] | None = None, *,
                    sheet: bool = False) -> None:
    """Fill each draft's contacts in place from the page candidates. On a placement sheet
    (or another key/value ``sheet`` about one debtor), contacts that no other party claims
    are the debtor's (its history tables). ``lines`` (every page's lines) lets a status
    printed on the line under an address be read."""
    by_place = {(line.page, line.index): line for line in lines or []}
    headings = frozenset(key for key, line in by_place.items() if is_court_heading(line))
    sections = sheet_headings(lines or [], {d.name.lower() for d in drafts}) if sheet \
        else frozenset()
    for cand in candidates:
        if cand.kind not in CONTACT_KINDS:
            continue
        if cand.kind == "phone" and FAX_RE.search(cand.left):
            continue
        if cand.kind == "date" and not DOB_RE.search(f"{cand.left} {cand.above} "
                                                     f"{cand.before[-30:]} {label_after(cand)}"):
            continue
        owner = None
        role = _label_role(cand)
        if cand.kind in ("ssn_last4", "date"):
            role = "debtor"
        if role is not None:
            owner = _block_owner(cand, [d for d in drafts if d.role == role], headings,
                                 sections) or _by_role(drafts, role)
        if owner is None:
            # a birth date or SSN is a person's: never a creditor's, counsel's or a company's;
            # on a sheet about a debtor, a party named among the debtor's facts that is no
            # debtor (where they work: 'GRAY LTD', 'Moore-Wright') does not own the
            # unlabelled facts printed under it either
            allowed = [d for d in drafts if not (
                cand.kind in ("ssn_last4", "date") and (
                    d.role not in (PartyRole.DEBTOR, PartyRole.OTHER)
                    or ORG_SUFFIX_RE.search(d.name)))
                and not (sheet and d.role == PartyRole.OTHER)]
            owner = _block_owner(cand, allowed, headings, sections)
        if owner is not None and owner.how == CO_DEBTOR and not any(
                p.page == cand.page and p.line_index == cand.line.index for p in owner.places):
            # a co-debtor listed between the debtor and the section's facts: they are the
            # debtor's (a co-debtor's own contact is printed on its line)
            owner = _primary_debtor(drafts) or owner
        if owner is None and (doc_type == "placement" or sheet) and role is None:
            owner = _primary_debtor(drafts)
        elif owner is None and doc_type == "placement":
            owner = _by_role(drafts, "debtor")
        if owner is None:
            continue
        if cand.kind == "address" and address_key(cand.value) not in {
                address_key(a) for a in owner.addresses}:
            owner.addresses.append(cand.value)
            _record_note(owner, cand, by_place)
        elif cand.kind == "phone" and cand.value not in owner.phones:
            owner.phones.append(cand.value)
            _record_note(owner, cand, by_place)
        elif cand.kind == "email" and cand.value not in owner.emails:
            owner.emails.append(cand.value)
        elif cand.kind == "ssn_last4" and owner.ssn_last4 is None:
            owner.ssn_last4 = cand.value
        elif cand.kind == "date" and owner.dob is None:
            owner.dob = cand.value


def share_attorney_blocks(drafts: list[PartyDraft]) -> None:
    """Lawyers stacked in one block (names a few lines apart in one column) share the
    block's address, phone and e-mail: the block prints them once, under the last name."""
    lawyers = [d for d in drafts if d.role == "attorney"]
    for a in lawyers:
        for b in lawyers:
            if a is b or not any(p.page == q.page and abs(p.line_index - q.line_index) <= 5
                                 and abs(p.bbox[0] - q.bbox[0]) <= 20
                                 for p in a.places for q in b.places):
                continue
            for value in b.addresses:
                if address_key(value) not in {address_key(x) for x in a.addresses}:
                    a.addresses.append(value)
            a.phones += [v for v in b.phones if v not in a.phones]
            a.emails += [v for v in b.emails if v not in a.emails]


def address_key(address: str) -> str:
    """An address without spaces or punctuation: OCR's '149 19 ELM' is '14919 ELM'."""
    return re.sub(r"[^0-9A-Z]", "", address.upper())


def distinct_names(a: str, b: str) -> bool:
    """Long names that share most words but each holds a word the other lacks ("TRUSTEES
    OF THE X PENSION FUND" / "TRUSTEES OF THE X DEFINED CONTRIBUTION FUND") are two
    parties, not one name printed twice; OCR slips ("A CME" / "ACME") are short or alike."""
    from rapidfuzz import fuzz

    wa = {w for w in re.findall(r"[a-z]+", a.lower())}
    wb = {w for w in re.findall(r"[a-z]+", b.lower())}

    def own(words: set[str], other: set[str]) -> bool:
        return any(len(w) >= 5 and all(fuzz.ratio(w, o) < 70 for o in other)
                   for w in words - other)
    return own(wa, wb) and own(wb, wa)


def same_person(a: str, b: str) -> bool:
    """Two printings of one person's name: the same surname and first name, one with a
    middle name or initial the other lacks ("Reginald A. Williamson" / "Reginald Ashton
    Williamson"), or a first name garbled by OCR ("jggHUA ANDERSON" / "JOSHUA ANDERSON")."""
    from rapidfuzz import fuzz

    ta = [t.strip(".,").lower() for t in a.split()]
    tb = [t.strip(".,").lower() for t in b.split()]
    if not 2 <= len(ta) <= 4 or not 2 <= len(tb) <= 4 or ta[-1] != tb[-1] or len(ta[-1]) < 3 \
            or ORG_SUFFIX_RE.search(a) or ORG_SUFFIX_RE.search(b):
        return False  # a person's name: two to four words, no firm or fund words
    if ta[0] == tb[0]:
        middle_a, middle_b = ta[1:-1], tb[1:-1]
        return not middle_a or not middle_b or middle_a[0][0] == middle_b[0][0]
    first_a, first_b = a.split()[0].strip(".,"), b.split()[0].strip(".,")
    garbled = [f for f in (first_a, first_b)
               if not (f.isalpha() and (f.isupper() or f.istitle() or f.islower()))]
    return (len(ta) == len(tb) == 2 and len(garbled) == 1 and min(len(ta[0]), len(tb[0])) >= 5
            and ta[0][0] == tb[0][0] and fuzz.ratio(ta[0], tb[0]) >= 60)


def anchors_to_drafts(anchors: list[PartyAnchor]) -> list[PartyDraft]:
    """One draft per (role, name), merging anchors that name the same party."""
    from rapidfuzz import fuzz

    drafts: list[PartyDraft] = []
    for anchor in anchors:
        for draft in drafts:
            if draft.role == anchor.role and ((fuzz.token_sort_ratio(
                    draft.name.lower(), anchor.name.lower()) >= 88
                    and not distinct_names(draft.name, anchor.name))
                    or same_person(draft.name, anchor.name)):
                draft.anchors += 1
                draft.score = max(draft.score, anchor.score)
                draft.places.append(anchor)
                break
        else:
            drafts.append(PartyDraft(anchor.role, anchor.name, anchor.page, anchor.bbox,
                                     anchor.score, anchor.how, anchor.line_index,
                                     places=[anchor]))
    return drafts
