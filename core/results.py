"""What extraction produces: fields and parties with confidence and provenance.

These mirror CONTRACT.md's JSON one to one (``to_contract``), plus the
extractor that found each value, which the review screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.document import BBox
from core.vocabulary import DOC_TYPES, FIELD_NAMES, PARTY_ROLES

# Re-exported for the importers not yet pointed at core.vocabulary (workbench/pages/review.py,
# tests/samples/test_generate.py); new code imports them from core.vocabulary.
__all__ = ["DOC_TYPES", "FIELD_NAMES", "PARTY_ROLES", "ExtractedField", "ExtractedParty",
           "Extraction"]


@dataclass(slots=True)
class ExtractedField:
    name: str
    value: str
    raw: str
    confidence: float
    page: int
    bbox: BBox
    extractor: str = "rules"
    evidence: str = ""  # the calibration bucket the confidence was read from (not exported)

    def to_contract(self) -> dict:
        return {"name": self.name, "value": self.value, "raw": self.raw,
                "confidence": round(self.confidence, 4), "page": self.page,
                "bbox": [round(v, 1) for v in self.bbox]}


@dataclass(slots=True)
class ExtractedParty:
    role: str
    name: str
    dob: str | None = None
    ssn_last4: str | None = None
    addresses: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    confidence: float = 0.0
    page: int = 1
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)
    extractor: str = "rules"
    evidence: str = ""  # the calibration bucket the confidence was read from (not exported)

    def to_contract(self) -> dict:
        return {"role": self.role, "name": self.name, "dob": self.dob,
                "ssn_last4": self.ssn_last4, "addresses": list(self.addresses),
                "phones": list(self.phones), "emails": list(self.emails),
                "confidence": round(self.confidence, 4), "page": self.page,
                "bbox": [round(v, 1) for v in self.bbox]}


@dataclass(slots=True)
class Extraction:
    doc_type: str
    fields: list[ExtractedField] = field(default_factory=list)
    parties: list[ExtractedParty] = field(default_factory=list)
