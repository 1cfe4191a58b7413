"""What ``casetrace trace "QUERY" --json`` prints: matching identities, and the best one's
ranked address and phone history with sources."""

from __future__ import annotations

from sqlmodel import Session

from skiptrace.history import identity_history
from skiptrace.search import search_identities


def trace_report(session: Session, query: str, limit: int = 10) -> dict:
    hits = search_identities(session, query, limit=limit)
    report: dict = {"query": query, "identities": [hit.to_dict() for hit in hits], "best": None}
    if hits:
        history = identity_history(session, hits[0].identity_id).to_dict()
        report["best"] = history
    return report
