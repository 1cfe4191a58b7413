"""The primary key of a row that has been stored.

SQLModel declares ``id: int | None`` because a new row has none until it is
flushed; code that handles stored rows says so here, once, instead of ``assert``
lines everywhere (a missing id there is a bug, not a value to handle).
"""

from __future__ import annotations

from typing import Protocol


class HasId(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(row: HasId) -> int:
    """``row.id``, which must be set (the row was added and flushed)."""
    if row.id is None:
        raise LookupError(f"{type(row).__name__} has no id yet: flush it before using its id")
    return row.id
