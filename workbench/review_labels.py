"""What the review page prints for a queue item, a field and a status, and how it tints them."""

from __future__ import annotations

import pandas as pd

from models.tables import ExtractedFieldRow
from review import work_queue
from workbench.formatting import confidence_tint
from workbench.overlay import confidence_level

DECISIONS = ("", "accept", "reject", "not_in_document")
STATUS_LABELS = {
    "extracted": "to review", "auto_accepted": "auto-accepted", "accepted": "accepted",
    "corrected": "corrected", "rejected": "rejected", "not_in_document": "not in document",
    "added": "added by reviewer",
}


def confidence_tints(row: pd.Series) -> list[str]:
    """Tint the confidence of fields still open; a decided field needs no warning colour."""
    open_ = row["status"] in (STATUS_LABELS["extracted"], STATUS_LABELS["auto_accepted"])
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
    status = STATUS_LABELS.get(field.status, field.status)
    return (f"{field.name}: {field.value or '—'} · {field.confidence:.2f} "
            f"{confidence_level(field.confidence)} · {status}")
