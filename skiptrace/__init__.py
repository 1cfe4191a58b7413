"""Skip tracing: person records into identities, with contact histories and search.

The front door; each name is imported on first use, so ``import skiptrace``
stays cheap (the database layer is only loaded by those who need it).

Batch linking (no database): ``link_records``; the CSV command is
``skiptrace.link_csv.link_csv`` (the module shares its name, so it is not
re-exported here).
In the database: ``link_new_parties``, ``relink_all``, ``merge_identities``,
``split_identity``, ``identity_history``, ``search_identities``, ``trace_report``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "PersonRecord": "skiptrace.records",
    "LinkInputError": "skiptrace.link_csv",
    "LinkSummary": "skiptrace.link_csv",
    "LinkResult": "skiptrace.linker",
    "link_records": "skiptrace.linker",
    "IdentityError": "skiptrace.merge_split",
    "link_new_parties": "skiptrace.incremental_link",
    "relink_all": "skiptrace.relink",
    "merge_identities": "skiptrace.merge_split",
    "split_identity": "skiptrace.merge_split",
    "IdentityHistory": "skiptrace.history",
    "identity_history": "skiptrace.history",
    "SearchHit": "skiptrace.search",
    "search_identities": "skiptrace.search",
    "trace_report": "skiptrace.trace",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'skiptrace' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
