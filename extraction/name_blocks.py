"""A party's name printed again over an address block: a proof of service, a mailing
declaration, the coupon of an attached statement.

Court papers name the debtor in the caption, where no address is printed, and give the
last known address elsewhere: "JESSE ALBA / 22375 MOREA WAY / WOODLAND HILLS, CA ...".
Every cell that repeats a known party's name becomes one more place of that party, so the
contact block under it is attributed by the usual nearest-name-above rule
(``contacts.attach_contacts``). On attached exhibits only an address right under the
repeated name is taken: an exhibit's other values are not this paper's.
"""

from __future__ import annotations

import re

from core.lines import Line
from extraction.candidates import Candidate
from extraction.contacts import PartyDraft, same_person
from extraction.party_names import PartyAnchor

REPEAT_ROLES = ("debtor", "creditor")
MAX_PAGE = 6  # a clerk reads the first pages; later ones are attachments and boilerplate
EXHIBIT_BLOCK_LINES = 3
_LEAD_DEBRIS_RE = re.compile(r"^(?:[A-Z]{3}\s+\d\s?\d\s+\d{4}\s+|[^A-Za-z]+)")


def _names_match(cell: str, name: str) -> bool:
    from rapidfuzz import fuzz

    text = _LEAD_DEBRIS_RE.sub("", cell.strip()).strip(" ,.;:")
    if not text or len(text) > len(name) + 12:
        return False
    return fuzz.token_sort_ratio(text.lower(), name.lower()) >= 90 or same_person(text, name)


def add_repeat_places(drafts: list[PartyDraft], pages: list[list[Line]]) -> None:
    """Each cell (first pages only) that repeats a debtor's or creditor's name, alone in its
    cell, becomes a place of that party (how ``repeat``)."""
    for lines in pages:
        if not lines or lines[0].page > MAX_PAGE:
            continue
        for index, line in enumerate(lines):
            for start, end in line.cells():
                cell = line.text[start:end]
                for draft in drafts:
                    if draft.role not in REPEAT_ROLES or not _names_match(cell, draft.name):
                        continue
                    if any(p.page == line.page and p.line_index == index for p in draft.places):
                        continue
                    draft.places.append(PartyAnchor(draft.role, draft.name, line.page,
                                                    line.span_bbox(start, end), index,
                                                    draft.score, "repeat"))


def attach_exhibit_addresses(drafts: list[PartyDraft], candidates: list[Candidate]) -> None:
    """Addresses on exhibit pages that sit right under a repeated party name, in its column."""
    for cand in candidates:
        if cand.kind != "address":
            continue
        for draft in drafts:
            if any(p.how == "repeat" and p.page == cand.page
                   and 1 <= cand.line.index - p.line_index <= EXHIBIT_BLOCK_LINES
                   and abs(cand.bbox[0] - p.bbox[0]) <= 20 for p in draft.places):
                squashed = {re.sub(r"[^0-9A-Z]", "", a.upper()) for a in draft.addresses}
                if re.sub(r"[^0-9A-Z]", "", cand.value.upper()) not in squashed:
                    draft.addresses.append(cand.value)
                break
