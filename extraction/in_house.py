"""share_counsel_blocks: the contacts printed in a counsel block belong to every lawyer it lists,
and to a creditor that is its own counsel.

A counsel block names the lawyers (stacked, or run together "A, Bar No. 1 / B, Bar No. 2"),
then the firm, then the firm's street, city, phone and mailbox, once for all of them. The
nearest-name rule of ``contacts.attach_contacts`` gives those lines to one name only (the
last lawyer, or a firm line that repeats the creditor's name), so here the block is read
as a whole: from its first lawyer line down to its client line ("Attorney for (Name): ..."),
the court's heading, another party's own line or a blank gap.

When the block's firm line (a "FIRM NAME:" box, "In-House Counsel for X", or the line under
the lawyers) names a creditor of the document, the block's address and phone are that
creditor's own too. Its mailbox stays counsel's: it is where court papers are served. The
client line names whom counsel acts for, which every outside firm prints too, so it never
counts as a firm line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.lines import Line
from extraction.candidates import Candidate
from extraction.contacts import (
    ATTORNEY_BLOCK_LINES,
    COURT_HEADING_RE,
    FAX_RE,
    PartyDraft,
    address_key,
)

IN_HOUSE_RE = re.compile(r"\bin[-\s]?house\b", re.IGNORECASE)
CLIENT_LABEL_ONLY_RE = re.compile(r"\b(?:attorneys?|counsel)\s+for\b[^A-Za-z]*"
                                  r"(?:\((?:name|names)\)\s*:?)?\s*$", re.IGNORECASE)
FIRM_LEAD_RE = re.compile(r"^\s*(?:(?:law\s+)?firm(?:\s+name)?\s*[:.]\s*)?"
                          r"(?:in[-\s]?house\s+(?:counsel|attorneys?|legal)\s+(?:for|of)\s+)?",
                          re.IGNORECASE)
NAME_ROW_GAP = 3  # lawyers' lines of one block follow each other within this many lines
BLANK_GAP = 2.5  # a vertical gap of this many line heights ends a block
NAME_MATCH = 90
CONTACTS = ("address", "phone", "email")


@dataclass(slots=True)
class CounselBlock:
    page: int
    first: int
    last: int
    lawyers: list[PartyDraft] = field(default_factory=list)
    creditors: list[PartyDraft] = field(default_factory=list)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def names_creditor(text: str, name: str) -> bool:
    """The firm line, without its 'FIRM NAME:' label or 'In-House Counsel for', is the
    creditor's name (a dropped 'INC' or comma does not matter)."""
    from rapidfuzz import fuzz

    firm = _words(FIRM_LEAD_RE.sub("", text))
    return bool(firm) and fuzz.token_sort_ratio(firm, _words(name)) >= NAME_MATCH


def _is_client_line(text: str) -> bool:
    return bool(re.search(r"\b(?:attorneys?|counsel)\s+for\b", text, re.IGNORECASE)) \
        and not IN_HOUSE_RE.search(text)


def counsel_blocks(drafts: list[PartyDraft], lines: list[Line]) -> list[CounselBlock]:
    """Each page's counsel blocks: runs of lawyers' lines and the lines under them."""
    by_place = {(line.page, line.index): line for line in lines}
    lawyer_rows: dict[int, dict[int, list[PartyDraft]]] = {}
    other_rows: set[tuple[int, int]] = set()
    for draft in drafts:
        for place in draft.places:
            if draft.role == "attorney":
                rows = lawyer_rows.setdefault(place.page, {})
                rows.setdefault(place.line_index, [])
                if draft not in rows[place.line_index]:
                    rows[place.line_index].append(draft)
            else:
                other_rows.add((place.page, place.line_index))
    creditors = [d for d in drafts if d.role == "creditor"]
    blocks: list[CounselBlock] = []
    for page, rows in lawyer_rows.items():
        block: CounselBlock | None = None
        for row in sorted(rows):
            if block is not None and row - block.last <= NAME_ROW_GAP:
                block.last = row
                block.lawyers += [d for d in rows[row] if d not in block.lawyers]
                continue
            if block is not None:
                blocks.append(block)
            block = CounselBlock(page, row, row, list(rows[row]))
        if block is not None:
            blocks.append(block)
    for block in blocks:
        _extend(block, by_place, other_rows, creditors)
    return blocks


def _extend(block: CounselBlock, by_place: dict[tuple[int, int], Line],
            other_rows: set[tuple[int, int]], creditors: list[PartyDraft]) -> None:
    """Grow the block down from its last lawyer line; note an in-house creditor's firm line."""
    names_end = block.last
    previous = by_place.get((block.page, block.last))
    for k in range(block.first + 1, names_end + ATTORNEY_BLOCK_LINES + 1):
        line = by_place.get((block.page, k))
        if line is None:
            break
        if k > names_end:
            if previous is not None and line.top - previous.bottom > BLANK_GAP * line.height:
                break
            if COURT_HEADING_RE.search(line.text) and line.text.isupper():
                break
            if _is_client_line(line.text):
                break
            above = by_place.get((block.page, k - 1))
            firm = [c for c in creditors if any(names_creditor(line.text[s:e], c.name)
                                                for s, e in line.cells())]
            if firm and not (above is not None and CLIENT_LABEL_ONLY_RE.search(above.text)):
                block.creditors += [c for c in firm if c not in block.creditors]
            elif (block.page, k) in other_rows:
                break  # another party's own line: the block is over
            block.last = k
        previous = line


def _without_plus4(address: str) -> str:
    return address_key(re.sub(r"(\d{5})-\d{4}\b", r"\1", address))


def add_address(party: PartyDraft, value: str) -> None:
    """Add an address once: the same street printed with and without ZIP+4 is kept in its
    fuller form."""
    for k, held in enumerate(party.addresses):
        if address_key(held) == address_key(value):
            return
        if _without_plus4(held) == _without_plus4(value):
            if len(value) > len(held):
                party.addresses[k] = value
            return
    party.addresses.append(value)


def share_counsel_blocks(drafts: list[PartyDraft], candidates: list[Candidate],
                         lines: list[Line]) -> None:
    """Every lawyer of a block gets the block's address, phone and e-mail; an in-house
    creditor its address and phone (in place). Fax numbers stay out."""
    for block in counsel_blocks(drafts, lines):
        right = max((p.bbox[2] for d in block.lawyers for p in d.places
                     if p.page == block.page and block.first <= p.line_index <= block.last),
                    default=0.0)
        found = [c for c in candidates if c.kind in CONTACTS and c.page == block.page
                 and block.first <= c.line.index <= block.last and c.bbox[0] <= right + 40
                 and not (c.kind == "phone" and FAX_RE.search(c.left))]
        for party in block.lawyers + block.creditors:
            kinds = CONTACTS if party.role == "attorney" else ("address", "phone")
            for cand in found:
                if cand.kind not in kinds:
                    continue
                if cand.kind == "address":
                    add_address(party, cand.value)
                elif cand.kind == "phone" and cand.value not in party.phones:
                    party.phones.append(cand.value)
                elif cand.kind == "email" and cand.value not in party.emails:
                    party.emails.append(cand.value)
