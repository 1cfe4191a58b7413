"""Database tables and the engine/session for casetrace."""

from models.db import database_url, get_engine, init_db, session_scope
from models.tables import (
    Batch,
    Correction,
    Document,
    ExtractedFieldRow,
    Identity,
    IdentityEvent,
    Job,
    LinkDecision,
    Observation,
    Page,
    Party,
    SearchLog,
    User,
)

__all__ = [
    "Batch", "Correction", "Document", "ExtractedFieldRow", "Identity", "IdentityEvent", "Job",
    "LinkDecision", "Observation", "Page", "Party", "SearchLog", "User",
    "database_url", "get_engine", "init_db", "session_scope",
]
