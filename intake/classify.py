"""Document-type classification from the words of a document.

Paperwork announces what it is in its title ("SUMMONS", "DEFAULT JUDGMENT", "WRIT OF
GARNISHMENT") and in a few set phrases; a weighted keyword score over the first pages,
with title lines counting more, is accurate, explainable and immune to OCR noise in the
body. The confidence is the winning share of the evidence, so a page that says both
"complaint" and "summons" gets a lower one.
"""

from __future__ import annotations

import re

from core.document import PageContent
from core.results import DOC_TYPES

# (pattern, weight) per doc type; patterns are searched in lower-cased text.
CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "collection_letter": (
        (r"\bdear\b", 2.0), (r"debt\s+collector", 3.0), (r"validation\s+notice", 4.0),
        (r"attempt\s+to\s+collect\s+a\s+debt", 2.0), (r"dispute\s+(?:all|part|the\s+debt)", 3.0),
        (r"itemization\s+date", 3.0), (r"how\s+can\s+you\s+dispute", 3.0),
        (r"sincerely", 1.5), (r"notice\s+of\s+debt", 3.0), (r"pay\s+online", 1.0),
        (r"collection\s+notice", 3.0), (r"\bfinal\s+notice\b", 2.0),
    ),
    "placement": (
        (r"placement", 5.0), (r"case\s+file", 3.0), (r"account\s+placement", 4.0),
        (r"placed\s+(?:with|for)", 2.0), (r"charge[- ]?off\s+date", 1.5),
        (r"debtor\s+information", 3.0), (r"(?:phone|address)\s+history", 2.5),
        (r"skip\s+trace", 2.0), (r"\bstatus\b.*\b(?:verified|disconnected|returned)", 1.5),
        (r"client\s+(?:name|reference)", 2.0), (r"date\s+placed", 3.0),
    ),
    "complaint": (
        (r"\bcomplaint\b", 3.0), (r"complaint\s+for", 4.0), (r"cause\s+of\s+action", 3.0),
        (r"plaintiff\s+(?:alleges|demands|prays)", 3.0), (r"prayer\s+for\s+relief", 3.0),
        (r"account\s+stated", 1.5), (r"breach\s+of\s+contract", 1.5),
        (r"wherefore", 1.5), (r"\bcount\s+(?:i|one)\b", 1.5),
    ),
    "summons": (
        (r"\bsummons\b", 4.0), (r"you\s+are\s+(?:being\s+)?sued", 4.0),
        (r"notice\s+to\s+defendant", 3.0), (r"aviso", 2.0),
        (r"you\s+(?:are\s+hereby\s+)?summoned", 4.0), (r"file\s+(?:a|an|your)\s+(?:written\s+)?"
                                                       r"(?:response|answer)", 2.0),
        (r"default\s+(?:judgment\s+)?may\s+be\s+(?:entered|taken)", 1.5),
    ),
    "judgment": (
        (r"\bjudgment\b", 2.0), (r"default\s+judgment", 3.0), (r"judgment\s+is\s+(?:hereby\s+)?"
                                                                 r"entered", 4.0),
        (r"it\s+is\s+(?:hereby\s+)?ordered", 2.0), (r"judgment\s+(?:creditor|debtor)", 2.0),
        (r"request\s+for\s+entry\s+of\s+default", 3.0), (r"entry\s+of\s+judgment", 3.0),
        (r"final\s+judgment", 4.0), (r"judgment\s+amount", 2.0),
    ),
    "garnishment": (
        (r"garnish", 5.0), (r"\bwrit\b", 2.0), (r"garnishee", 4.0),
        (r"earnings\s+withholding", 4.0), (r"wage\s+(?:garnishment|deduction)", 4.0),
        (r"\bemployer\b", 1.0), (r"levy", 2.0), (r"non-?exempt", 1.5),
    ),
    "property_record": (
        (r"\bdeed\b", 4.0), (r"grantor", 4.0), (r"grantee", 4.0), (r"parcel", 3.0),
        (r"recorder|recording\s+requested", 3.0), (r"assessor", 3.0),
        (r"legal\s+description", 3.0), (r"\bapn\b", 3.0), (r"property\s+record", 4.0),
        (r"real\s+property", 1.5), (r"\blien\b", 1.5), (r"assessed\s+value", 3.0),
    ),
}
TITLE_WEIGHT = 2.5  # a cue in a title line (short, upper case) counts this much more
MIN_EVIDENCE = 3.0  # below this total, the document is "other"
PAGES_READ = 2


def _page_text(page: PageContent) -> str:
    """The page's text line by line; an OCR page is first read upright (a sideways or
    upside-down scan keeps its words in the page's frame)."""
    if page.source != "ocr":
        return page.text
    from core.lines import page_to_lines

    return "\n".join(line.text for line in page_to_lines(page))


def _title_lines(text: str) -> list[str]:
    lines = text.splitlines()
    return [ln for ln in lines if 0 < len(ln) <= 80 and ln.upper() == ln
            and sum(c.isalpha() for c in ln) >= 4]


def score_types(pages: list[PageContent]) -> dict[str, float]:
    """Evidence per document type from the first pages' words."""
    texts = [_page_text(p) for p in pages[:PAGES_READ] if p.status == "ok"]
    body = "\n".join(texts).lower()
    titles = "\n".join(t for text in texts for t in _title_lines(text)).lower()
    scores: dict[str, float] = {}
    for doc_type, cues in CUES.items():
        total = 0.0
        for pattern, weight in cues:
            if re.search(pattern, body):
                total += weight
            if titles and re.search(pattern, titles):
                total += weight * (TITLE_WEIGHT - 1)
        scores[doc_type] = total
    return scores


def classify_document(pages: list[PageContent]) -> tuple[str, float]:
    """(doc_type, confidence) from the words; doc_type one of DOC_TYPES."""
    scores = score_types(pages)
    best = max(scores, key=lambda k: scores[k])
    total = sum(scores.values())
    if scores[best] < MIN_EVIDENCE or total <= 0:
        return "other", 0.5
    share = scores[best] / total
    confidence = min(0.99, 0.5 + 0.5 * share)
    return (best if best in DOC_TYPES else "other"), round(confidence, 4)
