"""The vocabulary: the contract's fields, document types, party roles and statuses, once.

Every layer reads its lists from here, so adding a field (``hearing_date``) or a
document type is one entry below (plus samples and retraining), not an edit in each
module that once kept its own copy. Statuses are ``StrEnum``s: a member equals the
string the database and the JSON hold, so nothing stored changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

Cue = tuple[str, float]  # (regex searched in lower-cased text, weight)


class FieldKind(StrEnum):
    """How a field's value is read and normalized (CONTRACT.md's value column)."""

    DATE = "date"  # YYYY-MM-DD
    AMOUNT = "amount"  # decimal, 2 places, no symbol
    IDENTIFIER = "identifier"  # a number as printed (case, account)
    NAME = "name"  # a court or party name as printed, single spaces


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One contract field: its kind, whether a document may hold several values, meaning."""

    name: str
    kind: FieldKind
    meaning: str
    multi_value: bool = False


FIELDS: Mapping[str, FieldSpec] = MappingProxyType({spec.name: spec for spec in (
    FieldSpec("case_number", FieldKind.IDENTIFIER, "court case / docket number"),
    FieldSpec("court_name", FieldKind.NAME, "the court"),
    FieldSpec("filing_date", FieldKind.DATE, "date the case was filed"),
    FieldSpec("judgment_date", FieldKind.DATE, "date judgment was entered"),
    FieldSpec("due_date", FieldKind.DATE, "date a payment or response is due"),
    FieldSpec("amount_due", FieldKind.AMOUNT, "total balance now owed"),
    FieldSpec("judgment_amount", FieldKind.AMOUNT, "total amount of a judgment"),
    FieldSpec("principal", FieldKind.AMOUNT, "principal balance"),
    FieldSpec("interest", FieldKind.AMOUNT, "interest amount"),
    FieldSpec("fees", FieldKind.AMOUNT, "fees and costs", multi_value=True),
    FieldSpec("account_number", FieldKind.IDENTIFIER, "creditor's account / reference number",
              multi_value=True),
    FieldSpec("creditor_name", FieldKind.NAME, "party the debt is owed to (original or current)"),
)})
FIELD_NAMES: tuple[str, ...] = tuple(FIELDS)


def fields_of_kind(*kinds: FieldKind) -> tuple[str, ...]:
    """Field names of the given kinds, in contract order."""
    return tuple(name for name, spec in FIELDS.items() if spec.kind in kinds)


DATE_FIELDS = fields_of_kind(FieldKind.DATE)
AMOUNT_FIELDS = fields_of_kind(FieldKind.AMOUNT)
MULTI_VALUE_FIELDS = frozenset(name for name, spec in FIELDS.items() if spec.multi_value)


class PartyRole(StrEnum):
    DEBTOR = "debtor"  # also a defendant who owes
    CREDITOR = "creditor"  # also a plaintiff who is owed
    ATTORNEY = "attorney"
    GARNISHEE = "garnishee"  # employer / bank
    OTHER = "other"


PARTY_ROLES: tuple[str, ...] = tuple(PartyRole)


@dataclass(frozen=True, slots=True)
class DocTypeSpec:
    """One document type: how the classifier recognizes it, what it holds, how much a
    contact seen on it counts for skip tracing.

    ``fields`` are the fields the type is expected to hold; with ``fields_only`` the
    extractor keeps no other field (a deed has no balance due, whatever it prints).
    ``source_strength`` in (0, 1] ranks a contact by its best document; ``court`` marks a
    court filing, named as such in a contact's reasons.
    """

    name: str
    meaning: str
    cues: tuple[Cue, ...]
    fields: frozenset[str]
    source_strength: float
    court: bool = False
    fields_only: bool = False


def _spec(name: str, meaning: str, cues: tuple[Cue, ...], fields: str, strength: float,
          **flags: bool) -> DocTypeSpec:
    return DocTypeSpec(name, meaning, cues, frozenset(fields.split()), strength, **flags)


DOC_TYPE_SPECS: Mapping[str, DocTypeSpec] = MappingProxyType({spec.name: spec for spec in (
    _spec("collection_letter", "a collector's letter or validation notice", (
        (r"\bdear\b", 2.0), (r"debt\s+collector", 3.0), (r"validation\s+notice", 4.0),
        (r"attempt\s+to\s+collect\s+a\s+debt", 2.0), (r"dispute\s+(?:all|part|the\s+debt)", 3.0),
        (r"itemization\s+date", 3.0), (r"how\s+can\s+you\s+dispute", 3.0),
        (r"sincerely", 1.5), (r"notice\s+of\s+debt", 3.0), (r"pay\s+online", 1.0),
        (r"collection\s+notice", 3.0), (r"\bfinal\s+notice\b", 2.0),
    ), "creditor_name account_number due_date amount_due principal interest fees", 0.7),
    _spec("placement", "a creditor's case file / account placement sheet", (
        (r"placement", 5.0), (r"case\s+file", 3.0), (r"account\s+placement", 4.0),
        (r"placed\s+(?:with|for)", 2.0), (r"charge[- ]?off\s+date", 1.5),
        (r"debtor\s+information", 3.0), (r"(?:phone|address)\s+history", 2.5),
        (r"skip\s+trace", 2.0), (r"\bstatus\b.*\b(?:verified|disconnected|returned)", 1.5),
        (r"client\s+(?:name|reference)", 2.0), (r"date\s+placed", 3.0),
    ), "creditor_name account_number amount_due principal interest fees", 0.6),
    _spec("complaint", "a creditor's complaint filed in court", (
        (r"\bcomplaint\b", 3.0), (r"complaint\s+for", 4.0), (r"cause\s+of\s+action", 3.0),
        (r"plaintiff\s+(?:alleges|demands|prays)", 3.0), (r"prayer\s+for\s+relief", 3.0),
        (r"account\s+stated", 1.5), (r"breach\s+of\s+contract", 1.5),
        (r"wherefore", 1.5), (r"\bcount\s+(?:i|one)\b", 1.5),
    ), "case_number court_name filing_date due_date creditor_name account_number amount_due "
       "principal interest fees", 0.95, court=True),
    _spec("summons", "a court's summons to the defendant", (
        (r"\bsummons\b", 4.0), (r"you\s+are\s+(?:being\s+)?sued", 4.0),
        (r"notice\s+to\s+defendant", 3.0), (r"aviso", 2.0),
        (r"you\s+(?:are\s+hereby\s+)?summoned", 4.0),
        (r"file\s+(?:a|an|your)\s+(?:written\s+)?(?:response|answer)", 2.0),
        (r"default\s+(?:judgment\s+)?may\s+be\s+(?:entered|taken)", 1.5),
    ), "case_number court_name filing_date due_date creditor_name amount_due", 0.95, court=True),
    _spec("judgment", "a (default) judgment", (
        (r"\bjudgment\b", 2.0), (r"default\s+judgment", 3.0),
        (r"judgment\s+is\s+(?:hereby\s+)?entered", 4.0),
        (r"it\s+is\s+(?:hereby\s+)?ordered", 2.0), (r"judgment\s+(?:creditor|debtor)", 2.0),
        (r"request\s+for\s+entry\s+of\s+default", 3.0), (r"entry\s+of\s+judgment", 3.0),
        (r"final\s+judgment", 4.0), (r"judgment\s+amount", 2.0),
    ), "case_number court_name judgment_date creditor_name judgment_amount principal interest "
       "fees", 1.0, court=True),
    _spec("garnishment", "a writ of garnishment or earnings withholding order", (
        (r"garnish", 5.0), (r"\bwrit\b", 2.0), (r"garnishee", 4.0),
        (r"earnings\s+withholding", 4.0), (r"wage\s+(?:garnishment|deduction)", 4.0),
        (r"\bemployer\b", 1.0), (r"levy", 2.0), (r"non-?exempt", 1.5),
    ), "case_number court_name judgment_date creditor_name judgment_amount amount_due", 1.0,
        court=True),
    _spec("property_record", "a deed or other recorded property record", (
        (r"\bdeed\b", 4.0), (r"grantor", 4.0), (r"grantee", 4.0), (r"parcel", 3.0),
        (r"recorder|recording\s+requested", 3.0), (r"assessor", 3.0),
        (r"legal\s+description", 3.0), (r"\bapn\b", 3.0), (r"property\s+record", 4.0),
        (r"real\s+property", 1.5), (r"\blien\b", 1.5), (r"assessed\s+value", 3.0),
    ), "filing_date case_number court_name", 0.9, fields_only=True),
    # The classifier's answer when no type has enough evidence: no cues of its own.
    _spec("other", "anything else", (), "", 0.5),
)})
DOC_TYPES: tuple[str, ...] = tuple(DOC_TYPE_SPECS)
COURT_DOC_TYPES = frozenset(name for name, spec in DOC_TYPE_SPECS.items() if spec.court)

# Contact sources that are not documents (Observation.source_type), and the strength of a
# source the vocabulary does not know (rows written before a type was added).
OTHER_SOURCE_STRENGTH: Mapping[str, float] = MappingProxyType(
    {"crm": 0.6, "synthetic": 0.5, "": 0.5})
UNKNOWN_SOURCE_STRENGTH = 0.5


def source_strength(source_type: str) -> float:
    """How much a contact seen on this kind of source counts (a court filing most)."""
    spec = DOC_TYPE_SPECS.get(source_type)
    if spec is not None:
        return spec.source_strength
    return OTHER_SOURCE_STRENGTH.get(source_type, UNKNOWN_SOURCE_STRENGTH)


class LabelledStatus(StrEnum):
    """A status with a plain-word label for people (the workbench shows these)."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self]


class DocumentStatus(LabelledStatus):
    """Where a document is in processing: queued -> reading -> extracting -> extracted|failed."""

    QUEUED = "queued"
    READING = "reading"
    EXTRACTING = "extracting"
    EXTRACTED = "extracted"
    FAILED = "failed"


class DocumentFlag(LabelledStatus):
    """A later stage that failed on an extracted document.

    The document stays ``extracted`` (its fields are there to review); the flag and its
    reason are kept in ``Document.error`` as ``"link_failed: <reason>"`` (see
    ``flag_text``), which the intake table shows, and ``casetrace relink`` retries.
    """

    LINK_FAILED = "link_failed"
    REVIEW_POLICY_FAILED = "review_policy_failed"


FLAG_SEPARATOR = "; "


def flag_text(flag: DocumentFlag, reason: str) -> str:
    """How a flag and its reason read in ``Document.error``."""
    return f"{flag}: {reason}"


def error_flags(error: str | None) -> set[DocumentFlag]:
    """The flags recorded in a document's error text."""
    return {flag for part in (error or "").split(FLAG_SEPARATOR) for flag in DocumentFlag
            if part.startswith(f"{flag}: ")}


def with_flag(error: str | None, flag: DocumentFlag, reason: str | None) -> str | None:
    """``error`` with ``flag`` set to ``reason`` (or cleared, when ``reason`` is None);
    the other parts of the error text (failed pages, other flags) stay."""
    parts = [part for part in (error or "").split(FLAG_SEPARATOR)
             if part and not part.startswith(f"{flag}: ")]
    if reason is not None:
        parts.append(flag_text(flag, reason))
    return FLAG_SEPARATOR.join(parts) or None


class ReviewStatus(LabelledStatus):
    """Where a document is in review."""

    PENDING = "pending"
    AUTO_ACCEPTED = "auto_accepted"
    AUDIT = "audit"
    IN_REVIEW = "in_review"
    REVIEWED = "reviewed"


class FieldStatus(LabelledStatus):
    """Where an extracted field is in review."""

    EXTRACTED = "extracted"  # open: a person must decide
    AUTO_ACCEPTED = "auto_accepted"  # confident enough; decided by "system"
    ACCEPTED = "accepted"
    CORRECTED = "corrected"
    REJECTED = "rejected"
    NOT_IN_DOCUMENT = "not_in_document"
    ADDED = "added"  # a field the extractor missed, added by a reviewer
    SUPERSEDED = "superseded"  # replaced by re-extraction, kept for its audit rows


class JobStatus(LabelledStatus):
    """A background job's state."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


# Statuses after which a stored document has nothing left to do (a queue worker skips it).
FINISHED_DOCUMENT_STATUSES = frozenset({DocumentStatus.EXTRACTED, DocumentStatus.FAILED})
# Jobs still to run or running (at most one such job per document).
OPEN_JOB_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


_LABELS: dict[type, dict[str, str]] = {
    DocumentStatus: {"queued": "waiting", "reading": "reading", "extracting": "extracting",
                     "extracted": "extracted", "failed": "failed"},
    DocumentFlag: {"link_failed": "linking failed", "review_policy_failed": "review policy failed"},
    ReviewStatus: {"pending": "to review", "auto_accepted": "auto-accepted", "audit": "audit",
                   "in_review": "in review", "reviewed": "reviewed"},
    FieldStatus: {"extracted": "to review", "auto_accepted": "auto-accepted",
                  "accepted": "accepted", "corrected": "corrected", "rejected": "rejected",
                  "not_in_document": "not in document", "added": "added by reviewer",
                  "superseded": "replaced by a newer reading"},
    JobStatus: {"queued": "waiting", "running": "running", "done": "done", "failed": "failed"},
}

# Field statuses a person set: re-extraction leaves these rows (and their names) alone.
REVIEWED_FIELD_STATUSES = frozenset({FieldStatus.ACCEPTED, FieldStatus.CORRECTED,
                                     FieldStatus.REJECTED, FieldStatus.NOT_IN_DOCUMENT,
                                     FieldStatus.ADDED})
# Of those, the ones that say the value is not the document's (left out of exports).
DROPPED_FIELD_STATUSES = frozenset({FieldStatus.REJECTED, FieldStatus.NOT_IN_DOCUMENT})
# Values only a machine has vouched for (their confidence still matters to a reviewer).
MACHINE_FIELD_STATUSES = frozenset({FieldStatus.EXTRACTED, FieldStatus.AUTO_ACCEPTED})
# Of those, the ones where a person changed what the extractor said.
CHANGED_FIELD_STATUSES = REVIEWED_FIELD_STATUSES - {FieldStatus.ACCEPTED}
# Review statuses of documents a person still has to look at.
REVIEWABLE_STATUSES: tuple[str, ...] = (ReviewStatus.PENDING, ReviewStatus.AUDIT,
                                        ReviewStatus.IN_REVIEW)
