"""What the review page prints for a queue item, a field and a status, and how it tints them."""

from __future__ import annotations

import pandas as pd

from core.vocabulary import MACHINE_FIELD_STATUSES, FieldStatus
from models.tables import ExtractedFieldRow
from review import work_queue
from workbench.formatting import confidence_tint
from workbench.overlay import confidence_level

DECISIONS = ("", "accept", "reject", "not_in_document")
MACHINE_LABELS = frozenset(status.label for status in MACHINE_FIELD_STATUSES)


def status_label(status: str) -> str:
    """A field status in plain words (the vocabulary's label; an unknown one as stored)."""
    try:
        return FieldStatus(status).label
    except ValueError:
        return status


def confidence_tints(row: pd.Series) -> list[str]:
    """Tint the confidence of fields still open; a decided field needs no warning colour."""
    open_ = row["status"] in MACHINE_LABELS
    return [confidence_tint(row["confidence"]) if open_ else "", ""]


def queue_label(item: work_queue.QueueItem, username: str) -> str:
    """One queue entry: its lowest confidence, open fields, and who else holds it."""
    lowest = ("nothing found" if item.min_confidence is None
              else f"lowest {item.min_confidence:.2f} ({confidence_level(item.min_confidence)})")
    lock = f" · locked by {item.locked_by}" if item.locked_by and item.locked_by != username \
        else ""
    audit = " · audit" if item.review_status == "audit" else ""
    return (f"#{item.document_id} · {item.doc_type} · {item.file_name} · {lowest} · "
            f"{item.open_fields} open{audit}{lock}")


def field_label(field: ExtractedFieldRow) -> str:
    status = status_label(field.status)
    return (f"{field.name}: {field.value or '—'} · {field.confidence:.2f} "
            f"{confidence_level(field.confidence)} · {status}")
