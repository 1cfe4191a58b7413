"""SQLModel tables: the one place the database schema is written down.

Schema changes go through Alembic (``migrations/``); these classes are what the
migrations are generated from. JSON columns hold lists that are read whole
(words of a page, the addresses of a party) and never queried inside.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.vocabulary import DocumentStatus, FieldStatus, JobStatus, ReviewStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


class Batch(SQLModel, table=True):
    """A group of files uploaded or ingested together."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = "cli"
    label: str = ""


class Document(SQLModel, table=True):
    """One stored file, identified by the sha256 of its bytes."""

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(index=True, unique=True, max_length=64)
    file_name: str
    media_type: str = ""
    stored_path: str = ""
    size_bytes: int = 0
    doc_type: str = Field(default="other", index=True)
    page_count: int = 0
    status: str = Field(default=DocumentStatus.QUEUED, index=True)  # core.vocabulary
    progress: str = ""
    error: str | None = None
    batch_id: int | None = Field(default=None, foreign_key="batch.id", index=True)
    document_date: date | None = None  # best date the document speaks for (filing, judgment...)
    review_status: str = Field(default=ReviewStatus.PENDING, index=True)  # core.vocabulary
    min_confidence: float | None = None
    lock_user: str | None = None
    lock_expires_at: datetime | None = None
    version: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Page(SQLModel, table=True):
    """One page of a document and the words read from it."""

    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    number: int
    source: str = "text"  # "text" (PDF text layer) or "ocr"
    width: float = 0.0
    height: float = 0.0
    words: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    text: str = ""
    status: str = "ok"
    error: str | None = None


class ExtractedFieldRow(SQLModel, table=True):
    """A field value found in a document, and where a reviewer left it."""

    __tablename__ = "field"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    name: str = Field(index=True)
    value: str
    raw: str = ""
    confidence: float = 0.0
    page: int = 1
    bbox: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    extractor: str = "rules"
    # how the extractor found the value: the calibration bucket its confidence was read
    # from (extraction.confidence.field_bucket); "" for a person's value or an old row
    evidence: str = ""
    status: str = Field(default=FieldStatus.EXTRACTED, index=True)  # core.vocabulary
    version: int = 0
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None


class Party(SQLModel, table=True):
    """A person or organization named in a document, in a role."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    role: str = Field(index=True)  # a PartyRole (core.vocabulary)
    name: str
    dob: str | None = None
    ssn_last4: str | None = Field(default=None, max_length=4)
    addresses: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    phones: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    emails: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    confidence: float = 0.0
    page: int = 1
    bbox: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    extractor: str = "rules"
    identity_id: int | None = Field(default=None, foreign_key="identity.id", index=True)
    link_score: float | None = None
    # review, as on fields: a save names the version it saw (review.party_saves)
    version: int = 0
    status: str = Field(default="extracted", index=True)  # extracted | accepted | corrected | added
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None


class Identity(SQLModel, table=True):
    """One real person as skip tracing sees it; the id is stable across relinks."""

    id: int | None = Field(default=None, primary_key=True)
    display_name: str = ""
    status: str = Field(default="active", index=True)  # active | merged | retired
    merged_into: int | None = Field(default=None, foreign_key="identity.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PartyKey(SQLModel, table=True):
    """One blocking key (or name for term frequency) of a linked person party.

    Incremental linking looks up only the parties sharing a key with a new
    one, and counts names here, instead of loading every party it ever linked.
    """

    id: int | None = Field(default=None, primary_key=True)
    party_id: int = Field(foreign_key="party.id", index=True)
    key: str = Field(index=True)


class Observation(SQLModel, table=True):
    """One address / phone / email seen for an identity on one document, dated."""

    id: int | None = Field(default=None, primary_key=True)
    identity_id: int | None = Field(default=None, foreign_key="identity.id", index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    kind: str = Field(index=True)  # address | phone | email | employer
    value: str  # as shown to people
    normalized: str = Field(index=True)  # the key observations are merged on
    observed_on: date | None = None
    source_type: str = ""  # doc_type of the source document, or "crm"
    detail: str = ""  # phone type (mobile/home/work), address status (current/previous/bad)


class LinkDecision(SQLModel, table=True):
    """An investigator's manual merge or split; every relink obeys these."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # "merge" (must link) | "split" (cannot link)
    party_a: int = Field(foreign_key="party.id")
    party_b: int = Field(foreign_key="party.id")
    identity_kept: int | None = None
    identity_created: int | None = None
    user: str = ""
    reason: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class IdentityEvent(SQLModel, table=True):
    """What happened to an identity id: created, merged into another, split from one."""

    id: int | None = Field(default=None, primary_key=True)
    identity_id: int = Field(index=True)
    kind: str  # created | merged | split | relinked
    other_identity_id: int | None = None
    detail: str = ""
    user: str = "system"
    created_at: datetime = Field(default_factory=utcnow)


class Correction(SQLModel, table=True):
    """Audit row for every reviewer change: who, when, old, new (never deleted)."""

    id: int | None = Field(default=None, primary_key=True)
    field_id: int | None = Field(default=None, foreign_key="field.id", index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    field_name: str = ""
    action: str = "correct"  # accept | correct | reject | not_in_document | add
    old_value: str | None = None
    new_value: str | None = None
    old_bbox: list | None = Field(default=None, sa_column=Column(JSON))
    new_bbox: list | None = Field(default=None, sa_column=Column(JSON))
    user: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    outcome: str = "saved"  # saved | conflict


class Job(SQLModel, table=True):
    """A unit of background work (process one document)."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    kind: str = "process"
    status: str = Field(default=JobStatus.QUEUED, index=True)  # core.vocabulary
    attempts: int = 0
    worker: str | None = None
    progress: str = ""
    error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    heartbeat_at: datetime | None = None
    finished_at: datetime | None = None


class User(SQLModel, table=True):
    """A workbench user; the password is stored as a bcrypt hash only."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True)
    password_hash: str
    role: str  # intake | reviewer | investigator | compliance | admin
    created_at: datetime = Field(default_factory=utcnow)


class SearchLog(SQLModel, table=True):
    """Who searched for whom, when and why (permissible purpose)."""

    id: int | None = Field(default=None, primary_key=True)
    user: str
    query: str
    purpose: str
    result_count: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    os_user: str | None = None  # the operating-system account, for searches from the CLI


class AccessLog(SQLModel, table=True):
    """Every look at debtor data and every door event: who, when, why, what.

    ``action`` is one of ``review.purpose_log.ACTIONS`` (identity_view, export,
    sign_in_failed, account_locked, ...); searches stay in ``SearchLog``. The audit
    screen reads both, with corrections and identity events. Rows are never deleted.
    """

    __tablename__ = "access_log"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    user: str = Field(index=True)
    os_user: str | None = None
    action: str = Field(index=True)
    purpose: str | None = None
    identity_id: int | None = Field(default=None, index=True)
    query: str | None = None  # SSN-redacted (review.purpose_log.redact_query)
    filters: dict | None = Field(default=None, sa_column=Column(JSON))
    row_count: int | None = None
    detail: str = ""


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins per typed username (known or not, so a lockout reveals nothing)."""

    __tablename__ = "sign_in_throttle"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True)
    failed_attempts: int = 0
    first_failed_at: datetime | None = None
    locked_until: datetime | None = None
