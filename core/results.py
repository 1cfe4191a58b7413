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
    # Optional, printed beside a value (placement sheets, locate reports), keyed by it:
    address_status: dict[str, str] = field(default_factory=dict)  # "bad address", "current"
    phone_types: dict[str, str] = field(default_factory=dict)  # mobile | home | work | landline
    phone_status: dict[str, str] = field(default_factory=dict)  # "disconnected", "verified"

    def to_contract(self) -> dict:
        data: dict[str, object] = {"role": self.role, "name": self.name, "dob": self.dob,
                "ssn_last4": self.ssn_last4, "addresses": list(self.addresses),
                "phones": list(self.phones), "emails": list(self.emails),
                "confidence": round(self.confidence, 4), "page": self.page,
                "bbox": [round(v, 1) for v in self.bbox]}
        for key in ("address_status", "phone_types", "phone_status"):  # only when printed
            if getattr(self, key):
                data[key] = dict(getattr(self, key))
        return data

    def stored_contacts(self) -> tuple[list[str], list[str]]:
        """Addresses and phones as a party row stores them: a value's status and type in a
        trailing parenthesis ("+12175550143 (mobile, disconnected)"), which skip tracing
        reads into each contact observation's detail."""
        def noted(value: str, *notes: str) -> str:
            words = [n for n in notes if n]
            return f"{value} ({', '.join(words)})" if words else value

        addresses = [noted(a, self.address_status.get(a, "")) for a in self.addresses]
        phones = [noted(p, self.phone_types.get(p, ""), self.phone_status.get(p, ""))
                  for p in self.phones]
        return addresses, phones


@dataclass(slots=True)
class Extraction:
    doc_type: str
    fields: list[ExtractedField] = field(default_factory=list)
    parties: list[ExtractedParty] = field(default_factory=list)
