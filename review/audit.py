"""The audit trail for compliance staff: who looked at whom, why, and what they changed.

One list, newest first, gathered from every table that records a person's act:
searches (``SearchLog``), identity views, exports and sign-in events
(``AccessLog``), reviewers' corrections (``Correction``) and merges and splits
of identities (``IdentityEvent``). Filterable by user (signed-in name or
operating-system account), purpose, kind of act and a date range; ``audit_csv``
writes what the screen shows. Any SSN in a query or value shows as its last four.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from models.tables import AccessLog, Correction, IdentityEvent, SearchLog
from review.purpose_log import Action, redact_query

CORRECTION = "correction"
MERGE = "merge"
SPLIT = "split"
# Every kind of act the audit lists, in the order the screen offers them.
AUDIT_ACTIONS = (Action.SEARCH, Action.IDENTITY_VIEW, Action.EXPORT, CORRECTION, MERGE, SPLIT,
                 Action.SIGN_IN, Action.SIGN_IN_FAILED, Action.ACCOUNT_LOCKED,
                 Action.DOCUMENT_REMOVED)
_EVENT_ACTIONS = {"merged": MERGE, "split": SPLIT}
_FORMULA_START = re.compile(r"^[=+@\t\r]|^-(?![\d.])")
DEFAULT_LIMIT = 5000


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """What the audit screen narrows to; None or empty means any."""

    user: str | None = None
    purpose: str | None = None
    actions: tuple[str, ...] = ()
    start: date | None = None  # inclusive, UTC days
    end: date | None = None  # inclusive

    def as_dict(self) -> dict[str, object]:
        return {"user": self.user, "purpose": self.purpose, "actions": list(self.actions),
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None}


@dataclass(frozen=True, slots=True)
class AuditRow:
    when: datetime
    user: str
    os_user: str
    action: str
    purpose: str
    identity_id: int | None
    what: str
    rows: int | None


def audit_rows(session: Session, filters: AuditFilters | None = None, *,
               limit: int = DEFAULT_LIMIT) -> list[AuditRow]:
    """Every recorded act that matches, newest first (at most ``limit``)."""
    filters = filters or AuditFilters()
    wanted = set(filters.actions) or set(AUDIT_ACTIONS)
    rows: list[AuditRow] = []
    if Action.SEARCH in wanted:
        rows += _searches(session, filters, limit)
    access_actions = wanted - {Action.SEARCH, CORRECTION, MERGE, SPLIT}
    if access_actions:
        rows += _access(session, filters, sorted(access_actions), limit)
    if CORRECTION in wanted and not filters.purpose:
        rows += _corrections(session, filters, limit)
    events = [kind for kind, action in _EVENT_ACTIONS.items() if action in wanted]
    if events and not filters.purpose:
        rows += _events(session, filters, events, limit)
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]


def audit_users(session: Session) -> list[str]:
    """Every name that appears in the trail, for the screen's user filter."""
    names: set[str] = set()
    for column in (SearchLog.user, SearchLog.os_user, AccessLog.user, AccessLog.os_user,
                   Correction.user, IdentityEvent.user):
        names.update(name for name in session.exec(select(column).distinct()).all() if name)
    names.discard("system")
    return sorted(names)


def audit_csv(rows: list[AuditRow]) -> bytes:
    """The rows as CSV (UTF-8 with BOM for spreadsheets); formula-like cells defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = [f.name for f in fields(AuditRow)]
    writer.writerow(names)
    for row in rows:
        values = asdict(row)
        values["when"] = row.when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        writer.writerow([_defuse(values[name]) for name in names])
    return buffer.getvalue().encode("utf-8-sig")


def _defuse(value: object) -> object:
    if isinstance(value, str) and _FORMULA_START.match(value):
        return "'" + value
    return "" if value is None else value


def _window(filters: AuditFilters) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(filters.start, time(), UTC) if filters.start else None
    end = (datetime.combine(filters.end + timedelta(days=1), time(), UTC)
           if filters.end else None)
    return start, end


def _where(statement, created_at, filters: AuditFilters, *user_columns):
    start, end = _window(filters)
    if start is not None:
        statement = statement.where(created_at >= start)
    if end is not None:
        statement = statement.where(created_at < end)
    if filters.user:
        name = filters.user.strip().lower()
        statement = statement.where(or_(*(func.lower(column) == name
                                          for column in user_columns)))
    return statement


def _searches(session: Session, filters: AuditFilters, limit: int) -> list[AuditRow]:
    statement = _where(select(SearchLog), SearchLog.created_at, filters, SearchLog.user,
                       SearchLog.os_user)
    if filters.purpose:
        statement = statement.where(SearchLog.purpose == filters.purpose)
    found = session.exec(statement.order_by(col(SearchLog.created_at).desc()).limit(limit))
    return [AuditRow(entry.created_at, entry.user, entry.os_user or "", Action.SEARCH,
                     entry.purpose, None, f"searched {redact_query(entry.query)!r}",
                     entry.result_count) for entry in found]


def _access(session: Session, filters: AuditFilters, actions: list[str],
            limit: int) -> list[AuditRow]:
    statement = _where(select(AccessLog), AccessLog.created_at, filters, AccessLog.user,
                       AccessLog.os_user).where(col(AccessLog.action).in_(actions))
    if filters.purpose:
        statement = statement.where(AccessLog.purpose == filters.purpose)
    found = session.exec(statement.order_by(col(AccessLog.created_at).desc()).limit(limit))
    return [AuditRow(entry.created_at, entry.user, entry.os_user or "", entry.action,
                     entry.purpose or "", entry.identity_id, _access_what(entry),
                     entry.row_count) for entry in found]


def _access_what(entry: AccessLog) -> str:
    parts = []
    if entry.identity_id is not None:
        parts.append(f"identity #{entry.identity_id}")
    if entry.query:
        parts.append(f"query {redact_query(entry.query)!r}")
    if entry.filters:
        parts.append(redact_query(json.dumps(entry.filters, sort_keys=True, default=str)))
    if entry.detail:
        parts.append(redact_query(entry.detail))
    return "; ".join(parts)


def _corrections(session: Session, filters: AuditFilters, limit: int) -> list[AuditRow]:
    statement = _where(select(Correction), Correction.created_at, filters, Correction.user)
    found = session.exec(statement.order_by(col(Correction.created_at).desc()).limit(limit))
    return [AuditRow(entry.created_at, entry.user, "", CORRECTION, "", None,
                     redact_query(f"document #{entry.document_id} {entry.field_name}: "
                                  f"{entry.action} {entry.old_value!r} -> {entry.new_value!r}"
                                  f" ({entry.outcome})"), None) for entry in found]


def _events(session: Session, filters: AuditFilters, kinds: list[str],
            limit: int) -> list[AuditRow]:
    statement = _where(select(IdentityEvent), IdentityEvent.created_at, filters,
                       IdentityEvent.user).where(col(IdentityEvent.kind).in_(kinds))
    found = session.exec(statement.order_by(col(IdentityEvent.created_at).desc()).limit(limit))
    return [AuditRow(entry.created_at, entry.user, "", _EVENT_ACTIONS[entry.kind], "",
                     entry.identity_id,
                     redact_query(f"with identity #{entry.other_identity_id}: {entry.detail}"),
                     None) for entry in found]
