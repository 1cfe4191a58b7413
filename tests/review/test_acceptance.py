"""Why a field was or was not auto-accepted: the sentence a reviewer reads."""

from __future__ import annotations

import pytest

from extraction.confidence import using_table
from review.acceptance import acceptance_reason, describe_evidence, was_calibrated

TABLE = {"fields": {"text|amount_due|left|hi": 0.97, "text|amount_due": 0.9}, "parties": {}}
LEFT = "text|amount_due|left|hi|one|alone"


def test_describe_evidence_names_each_part_in_words() -> None:
    assert describe_evidence(LEFT) == ("text layer · label to its left on the line · strong "
                                       "match · printed once · no rival value")
    assert describe_evidence("scan-noisy|case_number|kv-beside|lo|rep|rival") == (
        "OCR with low word confidence · “kv-beside” · weak match · printed more than once · "
        "a rival value scored about as high")
    assert describe_evidence("") == ""


def test_a_value_counted_under_a_coarser_bucket_is_calibrated() -> None:
    with using_table(TABLE):
        assert was_calibrated(LEFT)
        # only the field's overall rate knows this place: too coarse to lend it trust
        assert not was_calibrated("text|amount_due|model|hi|one|alone")


@pytest.mark.parametrize(("status", "confidence", "threshold", "head"), [
    ("auto_accepted", 0.97, 0.95, "Auto-accepted: confidence 0.97 is at or above the "
                                  "threshold 0.95."),
    ("extracted", 0.83, 0.95, "Not auto-accepted: confidence 0.83 is below the threshold "
                              "0.95."),
    ("extracted", 0.97, 1.01, "Not auto-accepted: auto-accept is off"),
    ("extracted", 0.97, 0.95, "Confidence 0.97 reaches the threshold 0.95; it is "
                              "auto-accepted when the queue is next triaged."),
    ("corrected", 0.40, 0.95, "Decided by rita, not by the threshold."),
])
def test_acceptance_reason_says_what_decided_the_field(status: str, confidence: float,
                                                       threshold: float, head: str) -> None:
    with using_table(TABLE):
        reason = acceptance_reason(status, confidence, LEFT, threshold, reviewed_by="rita")
    assert reason.startswith(head)
    assert "Found by: text layer · label to its left on the line" in reason
    assert f"found this way, {confidence:.0%} were right" in reason


def test_acceptance_reason_says_when_calibration_never_saw_the_evidence() -> None:
    with using_table(TABLE):
        reason = acceptance_reason("extracted", 0.6, "text|amount_due|model|hi|one|alone", 0.95)
        bare = acceptance_reason("added", 1.0, "", 0.95, reviewed_by="rita")
    assert "Calibration never counted values found this way" in reason
    assert "were right" not in reason
    assert bare == ("Decided by rita, not by the threshold. No extraction evidence is stored "
                    "for this value.")
