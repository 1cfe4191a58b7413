"""Why a field was or was not accepted without a person, in words a reviewer reads.

Auto-accept trusts a number; the reviewer should see which one and where it came from.
A field's confidence is a cautious bound (Wilson, z = 1) on the share of values found the
same way (its ``evidence``, the calibration bucket ``extraction.confidence.field_bucket``
names) that were right on the documents calibration counted
(``extraction.fit_calibration``: generated paperwork no model was trained on), so the
reason names that way in words and says when calibration never saw it.
"""

from __future__ import annotations

from core.vocabulary import FieldStatus
from extraction.confidence import counted_rate

SOURCES = {"text": "text layer", "scan": "OCR", "scan-noisy": "OCR with low word confidence"}
# Where the extractor found the value's cue (``Hit.where``); an unknown one is quoted.
PLACES = {
    "left": "label to its left on the line",
    "above": "label on the line above",
    "before": "label earlier in the sentence",
    "far": "a label some way off",
    "title": "the document's title",
    "party": "a party named in the caption",
    "model": "the role model's reading of the words around it",
    "client": "the client named on the sheet",
    "creditor": "the creditor named on the sheet",
    "current creditor": "the current creditor named on the sheet",
    "original creditor": "the original creditor named on the sheet",
    "charge-off": "the charge-off creditor a pleading names",
}
STRENGTHS = {"hi": "strong match", "mid": "fair match", "lo": "weak match"}
REPEATS = {"one": "printed once", "rep": "printed more than once"}
RIVALS = {"alone": "no rival value", "rival": "a rival value scored about as high"}
OFF_ABOVE = 1.0  # a threshold above any confidence: auto-accept is off
DECIDED_BY_PERSON = frozenset({FieldStatus.ACCEPTED, FieldStatus.CORRECTED,
                               FieldStatus.REJECTED, FieldStatus.NOT_IN_DOCUMENT,
                               FieldStatus.ADDED})


def was_calibrated(evidence: str) -> bool:
    """Whether calibration counted values found this way (the bucket or a coarser one it
    falls back to); if not, the confidence is the extractor's raw score shrunk toward doubt."""
    return counted_rate("fields", evidence) is not None


def describe_evidence(evidence: str) -> str:
    """The evidence bucket in words ("text layer · label to its left on the line · strong
    match · printed once · no rival value"); "" for none."""
    parts = evidence.split("|") if evidence else []
    if len(parts) < 3:
        return ""
    source, _name, place, *rest = parts
    words = [SOURCES.get(source, source), PLACES.get(place, f"“{place}”")]
    for part, table in zip(rest, (STRENGTHS, REPEATS, RIVALS), strict=False):
        words.append(table.get(part, part))
    return " · ".join(words)


def acceptance_reason(status: str, confidence: float, evidence: str, threshold: float,
                      reviewed_by: str | None = None) -> str:
    """One or two sentences: what decided the field (a person, the threshold, or nothing
    yet) and what its confidence rests on."""
    if status in DECIDED_BY_PERSON:
        head = f"Decided by {reviewed_by or 'a reviewer'}, not by the threshold."
    elif threshold > OFF_ABOVE:
        head = "Not auto-accepted: auto-accept is off, so every value waits for a person."
    elif status == FieldStatus.AUTO_ACCEPTED:
        head = (f"Auto-accepted: confidence {confidence:.2f} is at or above the threshold "
                f"{threshold:.2f}.")
    elif confidence >= threshold:
        head = (f"Confidence {confidence:.2f} reaches the threshold {threshold:.2f}; it is "
                "auto-accepted when the queue is next triaged.")
    else:
        head = (f"Not auto-accepted: confidence {confidence:.2f} is below the threshold "
                f"{threshold:.2f}.")
    described = describe_evidence(evidence)
    if not described:
        return head + " No extraction evidence is stored for this value."
    if not was_calibrated(evidence):
        return (f"{head} Found by: {described}. Calibration never counted values found "
                "this way, so the confidence is the extractor's own score, lowered.")
    return (f"{head} Found by: {described}. Of the values calibration counted that were "
            f"found this way, {confidence:.0%} were right (a cautious estimate).")
