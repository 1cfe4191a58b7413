"""attach_letterhead: a letter's letterhead address and phones belong to whoever signs it.

A letter prints its sender's street and telephone at the head of the page, usually beside or
under a logo that the text layer garbles ("Jefferson / CAP I TAL"), so the sender's name is
not printed over its address in a form a name matcher can use. The closing is where the
sender names itself plainly: "Sincerely, / Acme Credit Corp". So on a page with a closing
signed by a known party, the addresses above the salutation that no party named on that page
holds (the addressee's block is held by the addressee) are the signer's, with the phones
printed on the same lines.
"""

from __future__ import annotations

import re

from core.lines import Line
from extraction.candidates import Candidate
from extraction.contacts import FAX_RE, PartyDraft, address_key

CLOSING_RE = re.compile(r"^\s*(?:sincerely(?:\s+yours)?|very\s+truly\s+yours|yours\s+truly|"
                        r"respectfully(?:\s+yours)?|best\s+regards|regards|cordially)\s*,?\s*$",
                        re.IGNORECASE)
SALUTATION_RE = re.compile(r"^\s*(?:dear|to\s+whom|re\s*:|attention\b|attn\b)", re.IGNORECASE)
SIGNER_LINES = 3
NAME_MATCH = 90


def signature_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines under a closing where a letter's signer names itself and its
    title ("Sincerely, / Account Representative / Acme Credit Corp"): a title there is no
    label and the name under it no value."""
    out: set[int] = set()
    for index, line in enumerate(lines):
        if CLOSING_RE.match(line.text):
            out.update(below.index for below in lines[index + 1:index + 1 + SIGNER_LINES])
    return out


def _signer(lines: list[Line], drafts: list[PartyDraft]) -> PartyDraft | None:
    """The non-debtor party named in the first lines under the page's closing."""
    from rapidfuzz import fuzz

    signed = signature_lines(lines)
    for below in (line for line in lines if line.index in signed):
        text = below.text.strip(" ,.")
        for draft in drafts:
            if draft.role != "debtor" and fuzz.token_sort_ratio(
                    text.lower(), draft.name.lower()) >= NAME_MATCH:
                return draft
    return None


def attach_letterhead(drafts: list[PartyDraft], candidates: list[Candidate],
                      pages: list[list[Line]]) -> None:
    """Addresses above a signed letter's salutation that no party named on the page holds,
    and the phones on their lines, go to the signer (in place)."""
    by_page: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_page.setdefault(cand.page, []).append(cand)
    for lines in pages:
        if not lines:
            continue
        signer = _signer(lines, drafts)
        if signer is None:
            continue
        salutation = next((line.index for line in lines if SALUTATION_RE.match(line.text)),
                          None)
        if salutation is None:
            continue
        page = lines[0].page
        # what a party named on this page already holds (the addressee's own block)
        here = [d for d in drafts if d is signer or any(p.page == page for p in d.places)]
        held_addresses = {address_key(a) for d in here for a in d.addresses}
        held_phones = {p for d in here for p in d.phones}
        page_cands = by_page.get(page, [])
        head_rows: set[int] = set()
        for cand in page_cands:
            if cand.kind != "address" or cand.line.index >= salutation or \
                    address_key(cand.value) in held_addresses:
                continue
            signer.addresses.append(cand.value)
            held_addresses.add(address_key(cand.value))
            head_rows |= {cand.line.index, cand.line.index - 1}  # city line and street line
        for cand in page_cands:
            if cand.kind == "phone" and cand.line.index in head_rows and \
                    cand.value not in held_phones and not FAX_RE.search(cand.left):
                signer.phones.append(cand.value)
                held_phones.add(cand.value)
