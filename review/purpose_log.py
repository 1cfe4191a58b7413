"""Every look at a debtor states its permissible purpose and is logged (FCRA / GLBA practice).

A search, an opened identity and an export of debtor data each need a purpose
from ``PERMISSIBLE_PURPOSES`` and write one row: who (the signed-in user, and for
the CLI the operating-system account beside any name given), why, whom or what,
and when. Searches go to ``SearchLog``; identity views, exports and the sign-in
door's events to ``AccessLog``. The audit screen (``review.audit``) reads them all.

A full SSN typed into the search box is cut to its last four before it is
searched for or logged, so it never reaches the database or a log line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from sqlmodel import Session

from core.errors import CasetraceError
from models.tables import AccessLog, SearchLog

PERMISSIBLE_PURPOSES = (
    "Collection of an account owed by the consumer (FCRA 604(a)(3)(A))",
    "Locating a judgment debtor to enforce a judgment",
    "Skip tracing on a placed or purchased account (GLBA 502(e))",
    "Verifying identity before contacting a consumer",
    "Fraud prevention or identity-theft investigation",
    "Court order, subpoena or service of process",
)
_FULL_SSN = re.compile(r"(?<!\d)\d{3}[- ]?\d{2}[- ]?(\d{4})(?!\d)")


class Action(StrEnum):
    """What an audit row records (``AccessLog.action``; searches are ``SearchLog`` rows)."""

    SEARCH = "search"
    IDENTITY_VIEW = "identity_view"
    EXPORT = "export"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    ACCOUNT_LOCKED = "account_locked"
    DOCUMENT_REMOVED = "document_removed"


class ExportKind(StrEnum):
    """What an export holds: debtor data (purpose and role needed) or training data."""

    DEBTORS = "debtors"
    CASES = "cases"
    DEBTORS_AND_CASES = "debtors_and_cases"
    TRAINING = "training"
    CORRECTIONS = "corrections"
    AUDIT = "audit"


DEBTOR_EXPORTS = frozenset({ExportKind.DEBTORS, ExportKind.CASES, ExportKind.DEBTORS_AND_CASES})
# Roles that may see debtor data in bulk (admins may do everything).
DEBTOR_DATA_ROLES = ("investigator", "compliance")
AUDIT_ROLES = ("compliance",)


class SearchRefused(CasetraceError, ValueError):
    """The search was not run: no permissible purpose or an empty query."""

    code = "P001"


class AccessRefused(CasetraceError, PermissionError):
    """Debtor data was not shown: no permissible purpose, or a role that may not see it."""

    code = "P002"


def redact_query(query: str) -> str:
    """The query with any full SSN reduced to its last four digits."""
    return _FULL_SSN.sub(lambda match: match.group(1), " ".join(query.split()))


def check_search(query: str, purpose: str | None) -> str:
    """The query to run and log; SearchRefused naming what is missing."""
    if not purpose or purpose not in PERMISSIBLE_PURPOSES:
        raise SearchRefused("Pick the permissible purpose of this search first.")
    cleaned = redact_query(query)
    if not cleaned:
        raise SearchRefused("Type a name, phone, address, last four of an SSN or a birth date.")
    return cleaned


def check_purpose(purpose: str | None, what: str = "opening this identity") -> str:
    """The purpose when it is a permissible one; AccessRefused otherwise."""
    if not purpose or purpose not in PERMISSIBLE_PURPOSES:
        raise AccessRefused(f"Pick the permissible purpose of {what} first.")
    return purpose


def may_see_debtor_data(role: str) -> bool:
    return role == "admin" or role in DEBTOR_DATA_ROLES


def check_export(role: str, kind: str, purpose: str | None) -> str | None:
    """The purpose an export is logged with; AccessRefused for a role or purpose missing.

    Debtor and case exports need a role that may see debtor data and a permissible
    purpose; training data (masked words, corrections) needs neither."""
    if kind not in set(ExportKind):
        raise AccessRefused(f"unknown export {kind!r}")
    if kind == ExportKind.AUDIT:
        if role != "admin" and role not in AUDIT_ROLES:
            raise AccessRefused("The audit trail is for compliance staff and admins.")
        return purpose
    if kind not in DEBTOR_EXPORTS:
        return purpose
    if not may_see_debtor_data(role):
        raise AccessRefused(f"Debtor data is exported by investigators, compliance staff and "
                            f"admins; you are signed in as {role}.")
    return check_purpose(purpose, "this export")


def log_search(session: Session, *, user: str, query: str, purpose: str,
               result_count: int, os_user: str | None = None) -> SearchLog:
    """Record who searched for what, why, and how many identities came back."""
    entry = SearchLog(user=user, query=redact_query(query), purpose=purpose,
                      result_count=result_count, os_user=os_user)
    session.add(entry)
    session.flush()
    return entry


def log_identity_view(session: Session, *, user: str, identity_id: int, purpose: str | None,
                      os_user: str | None = None, detail: str = "") -> AccessLog:
    """Record one look at an identity's details; AccessRefused without a permissible purpose."""
    entry = AccessLog(user=user, os_user=os_user, action=Action.IDENTITY_VIEW,
                      purpose=check_purpose(purpose), identity_id=identity_id, detail=detail)
    session.add(entry)
    session.flush()
    return entry


def log_export(session: Session, *, user: str, role: str, kind: str, purpose: str | None,
               filters: Mapping[str, object] | None, row_count: int,
               os_user: str | None = None, detail: str = "") -> AccessLog:
    """Record an export with its filters and row count, after ``check_export`` lets it through."""
    allowed_purpose = check_export(role, kind, purpose)
    entry = AccessLog(user=user, os_user=os_user, action=Action.EXPORT, purpose=allowed_purpose,
                      filters={"kind": str(kind), **{k: _plain(v) for k, v in
                                                     (filters or {}).items()}},
                      row_count=row_count, detail=detail)
    session.add(entry)
    session.flush()
    return entry


def log_event(session: Session, *, user: str, action: str, detail: str = "",
              os_user: str | None = None) -> AccessLog:
    """Record a door event (sign-in, failed sign-in, lockout) without any debtor data."""
    entry = AccessLog(user=user, os_user=os_user, action=action, detail=detail)
    session.add(entry)
    session.flush()
    return entry


def log_document_removed(session: Session, *, user: str, document_id: int, file_name: str,
                         reason: str = "") -> AccessLog:
    """Record who removed a failed document from intake (no debtor data: the file name and
    the reason it failed)."""
    detail = f"document #{document_id} {file_name}" + (f" (failed: {reason})" if reason else "")
    return log_event(session, user=user, action=Action.DOCUMENT_REMOVED, detail=detail)


def _plain(value: object) -> object:
    """A filter value as JSON keeps it (dates as ISO text, tuples as lists, queries redacted)."""
    if isinstance(value, str):
        return redact_query(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)
