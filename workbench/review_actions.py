"""The review page's button callbacks, run before the rerun.

Each writes through ``review.saves`` / ``review.locks`` with the versions the
reviewer saw when the page was drawn (a save made on stale values is refused and
recorded as a conflict) and leaves a one-line flash for the next run of the page.
The page binds the signed-in user's name as the first argument.
"""

from __future__ import annotations

import time

import streamlit as st

from models.tables import Document, ExtractedFieldRow
from review import locks, party_finish, policy, saves
from workbench.db import db_session
from workbench.page_words import LineChoice, union_bbox

DOC_KEY = "review_doc"
FIELD_KEY = "review_field"
FLASH_KEY = "review_flash"
APP_RERUN_KEY = "review_rerun_app"  # set by a callback that must move the whole page on
LEFT_KEY = "review_left"  # the document "Next document" left: the queue moves past it
QUEUE_PICK_KEY = "review_queue_pick"  # the queue picker (drawn inside the fragment)


FLASH_SHOWN_KEY = "review_flash_shown"
# A decision's message is shown again by the runs that follow within this many seconds: the
# browser can send a stray message (an older widget's value) right after a save, and the run
# it starts would otherwise wipe the message before the reviewer (or a browser test) saw it.
FLASH_HOLD_SECONDS = 2.0


def take_flash() -> tuple[str, str] | None:
    """The (kind, message) of the last decision to show in this run, if any."""
    fresh = st.session_state.pop(FLASH_KEY, None)
    now = time.monotonic()
    if fresh:
        st.session_state[FLASH_SHOWN_KEY] = (fresh[0], fresh[1], now)
        return fresh[0], fresh[1]
    shown = st.session_state.get(FLASH_SHOWN_KEY)
    if shown and now - shown[2] < FLASH_HOLD_SECONDS:
        return shown[0], shown[1]
    st.session_state.pop(FLASH_SHOWN_KEY, None)
    return None


def _flash(result: saves.SaveResult) -> None:
    st.session_state[FLASH_KEY] = ("success" if result.saved else "error", result.message)


def _next_open_field(session, document_id: int, after: int | None) -> int | None:
    document = session.get(Document, document_id)
    fields = saves.document_fields(session, document_id)
    open_ids = [f.id for f in fields if policy.needs_review(f, document)]
    return next((i for i in open_ids if i != after), None)


def decide(username: str, field_id: int, version: int, action: str,
           value_key: str | None = None, bbox: list[float] | None = None,
           page: int | None = None, value: str | None = None) -> None:
    """Save one decision, then move to the next open field (accept-and-next flow).

    With ``value_key`` the value box is read: *accept* with a value typed in the box saves
    what is typed as a correction (the typed edit is never dropped; a value that cannot be
    read is refused with its message and nothing is saved). A save refused as a conflict
    forgets the box's stale state, so the page shows the value that won.
    """
    if value_key is not None:
        value = st.session_state.get(value_key, "")
    with db_session() as session:
        if action == "accept" and value_key is not None:
            field = session.get(ExtractedFieldRow, field_id)
            if field is not None and (value or "").strip() != (field.value or "").strip():
                # a correction to the same value (normalized) is recorded as an accept
                action = "correct"
        result = saves.save_field(session, field_id, user=username, action=action,
                                   expected_version=version, new_value=value, new_bbox=bbox,
                                   new_page=page)
        saved = session.get(ExtractedFieldRow, field_id) if result.saved else None
        if saved is not None:
            st.session_state[FIELD_KEY] = _next_open_field(session, saved.document_id, field_id)
    if result.conflict:
        forget_field_widgets(field_id)
    _flash(result)


def pick_document(key: str) -> None:
    """Another document picked in the queue: the whole page runs again (lock, query)."""
    picked = st.session_state.get(key)
    if not isinstance(picked, int):
        return  # not a document id (a label the browser kept from an older picker)
    st.session_state[DOC_KEY] = picked
    st.session_state.pop(FIELD_KEY, None)
    st.session_state[APP_RERUN_KEY] = True


def forget_field_widgets(field_id: int) -> None:
    """Drop the widget state that holds a field's values as this tab last saw them."""
    for key in [k for k in st.session_state if isinstance(k, str)]:
        if key.startswith((f"value_{field_id}_", f"pick_{field_id}_")):
            del st.session_state[key]


def save_table(username: str, editor_key: str, seen: list[dict]) -> None:
    """Apply the edits and decisions made in the fields table."""
    edits = st.session_state.get(editor_key, {}).get("edited_rows", {})
    messages, saved = [], 0
    with db_session() as session:
        for row_index, changes in edits.items():
            row = seen[int(row_index)]
            decision = changes.get("decision") or ""
            new_value = changes.get("value")
            if new_value is not None and new_value != row["value"]:
                action = "correct"
            elif decision:
                action = decision
            else:
                continue
            result = saves.save_field(session, row["id"], user=username, action=action,
                                       expected_version=row["version"], new_value=new_value)
            saved += result.saved
            if not result.saved:
                messages.append(result.message)
            if result.conflict:
                forget_field_widgets(row["id"])
    if messages:
        st.session_state[FLASH_KEY] = ("error", " ".join(messages))
    else:
        st.session_state[FLASH_KEY] = ("success", f"{saved} change(s) saved.")


def add_missing(username: str, document_id: int, doc_version: int, line_key: str,
                words_key: str, name_key: str, lines: list[LineChoice], page: int) -> None:
    chosen = chosen_words(lines, line_key, words_key)
    if not chosen:
        st.session_state[FLASH_KEY] = ("error", "Pick the words that hold the value first.")
        return
    with db_session() as session:
        result = saves.add_field(
            session, document_id, user=username, name=st.session_state[name_key],
            value=" ".join(w["text"] for w in chosen), page=page,
            bbox=list(union_bbox(chosen)), expected_document_version=doc_version)
    _flash(result)


def finish(username: str, document_id: int) -> None:
    with db_session() as session:
        result = party_finish.finish_document(session, document_id, username)
    _flash(result)
    if result.saved:
        st.session_state.pop(DOC_KEY, None)
        st.session_state.pop(FIELD_KEY, None)
        st.session_state[APP_RERUN_KEY] = True


def release_and_next(username: str, document_id: int) -> None:
    with db_session() as session:
        locks.release_lock(session, document_id, username)
    st.session_state[LEFT_KEY] = document_id
    st.session_state.pop(DOC_KEY, None)
    st.session_state.pop(FIELD_KEY, None)
    st.session_state[APP_RERUN_KEY] = True  # the button is drawn inside the fragment


def chosen_words(lines: list[LineChoice], line_key: str, words_key: str) -> list[dict]:
    line_index = st.session_state.get(line_key)
    if line_index is None:
        return []
    line = lines[line_index]
    picked = set(st.session_state.get(words_key) or [])
    return [w for i, w in enumerate(line.words) if i in picked]
