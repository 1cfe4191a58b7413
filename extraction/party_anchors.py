"""lines_to_party_anchors: who the document is about, from captions, labels and address blocks.

Three layouts name people and organisations on collection paperwork:
- the court caption, "LVNV FUNDING LLC, Plaintiff, v. JANE DOE, Defendant." (``captions``);
- labelled form fields, "Debtor Name: Jane Doe", "Garnishee: Acme Corp" (``labelled_parties``);
- letter and attorney blocks: a name line with its street and city lines under it
  (``prose_parties``).
Each finder returns party anchors (role, name, where); contacts are attached afterwards
(``contacts.attach_contacts``) from the candidates nearest each anchor.
"""

from __future__ import annotations

import re

from core.lines import Line
from extraction.captions import DOES_RE, caption_by_role_words, caption_parties
from extraction.labelled_parties import labelled_parties
from extraction.party_names import ORG_SUFFIX_RE, PartyAnchor, clean_name, plausible_name
from extraction.prose_parties import (
    addressee_blocks,
    attorney_blocks,
    collector_parties,
    deed_parties,
    letter_recipient,
    owed_to_parties,
)


def split_joint_debtors(anchor: PartyAnchor) -> list[PartyAnchor]:
    """'JANE DOE and JOHN DOE' as owners or addressees: the first is the debtor, the others
    co-owners ("other"); a firm's name with 'and' stays whole."""
    parts = re.split(r"\s+and\s+", anchor.name)
    if anchor.role == "debtor" and len(parts) > 1 and any(DOES_RE.match(p) for p in parts):
        # 'JANE DOE; and DOES 1 through 10, inclusive': fictitious defendants are no party
        parts = [p for p in parts if not DOES_RE.match(p)]
        anchor = PartyAnchor(anchor.role, clean_name(" and ".join(parts)), anchor.page,
                             anchor.bbox, anchor.line_index, anchor.score, anchor.how)
    if anchor.role != "debtor" or len(parts) < 2 or ORG_SUFFIX_RE.search(anchor.name) or \
            not all(len(p.split()) >= 2 and plausible_name(p) for p in parts):
        return [anchor]
    return [PartyAnchor("debtor" if i == 0 else "other", clean_name(p), anchor.page,
                        anchor.bbox, anchor.line_index, anchor.score, anchor.how)
            for i, p in enumerate(parts)]


def lines_to_party_anchors(lines: list[Line], doc_type: str = "other") -> list[PartyAnchor]:
    """Every party anchor on one page, strongest evidence first."""
    caption = caption_parties(lines)
    if not caption:
        caption = caption_by_role_words(lines)
    anchors = (labelled_parties(lines, doc_type) + caption + attorney_blocks(lines)
               + addressee_blocks(lines)
               + collector_parties(lines, doc_type) + owed_to_parties(lines) + deed_parties(lines))
    if not any(a.role == "debtor" for a in anchors):
        anchors += letter_recipient(lines)
    anchors = [part for anchor in anchors for part in split_joint_debtors(anchor)]
    if doc_type != "garnishment":
        for anchor in anchors:
            if anchor.role == "garnishee":
                anchor.role = "other"  # an employer or bank outside a garnishment
    return sorted(anchors, key=lambda a: -a.score)
