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
from core.lines import page_to_lines
from core.vocabulary import DOC_TYPE_SPECS, DOC_TYPES

# (pattern, weight) per doc type, from the vocabulary; patterns are searched in lower-cased
# text. "other" has none: it is the answer when no type has enough evidence.
CUES: dict[str, tuple[tuple[str, float], ...]] = {
    name: spec.cues for name, spec in DOC_TYPE_SPECS.items() if spec.cues}
TITLE_WEIGHT = 2.5  # a cue in a title line (short, upper case) counts this much more
MIN_EVIDENCE = 3.0  # below this total, the document is "other"
PAGES_READ = 2


def _page_text(page: PageContent) -> str:
    """The page's text line by line; an OCR page is first read upright (a sideways or
    upside-down scan keeps its words in the page's frame)."""
    if page.source != "ocr":
        return page.text
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
