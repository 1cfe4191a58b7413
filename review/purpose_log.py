"""Every identity search states its permissible purpose and is logged (FCRA / GLBA practice).

A full SSN typed into the search box is cut to its last four before it is
searched for or logged, so it never reaches the database or a log line.
"""

from __future__ import annotations

import re

from sqlmodel import Session

from core.errors import CasetraceError
from models.tables import SearchLog

PERMISSIBLE_PURPOSES = (
    "Collection of an account owed by the consumer (FCRA 604(a)(3)(A))",
    "Locating a judgment debtor to enforce a judgment",
    "Skip tracing on a placed or purchased account (GLBA 502(e))",
    "Verifying identity before contacting a consumer",
    "Fraud prevention or identity-theft investigation",
    "Court order, subpoena or service of process",
)
_FULL_SSN = re.compile(r"(?<!\d)\d{3}[- ]?\d{2}[- ]?(\d{4})(?!\d)")


class SearchRefused(CasetraceError, ValueError):
    """The search was not run: no permissible purpose or an empty query."""

    code = "P001"


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


def log_search(session: Session, *, user: str, query: str, purpose: str,
               result_count: int) -> SearchLog:
    """Record who searched for what, why, and how many identities came back."""
    entry = SearchLog(user=user, query=redact_query(query), purpose=purpose,
                      result_count=result_count)
    session.add(entry)
    session.flush()
    return entry
