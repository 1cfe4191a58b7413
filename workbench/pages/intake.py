"""Intake: upload many files at once; each is stored and queued at once, then processed
in the background while this page shows every document's stage."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from core.vocabulary import DocumentStatus
from pipeline.batches import DocumentActionRefused
from workbench.access import require_page
from workbench.db import db_session
from workbench.formatting import short_time
from workbench.intake_jobs import (
    ACCEPTED_SUFFIXES,
    batch_documents,
    dispatch,
    external_queue,
    queue_uploads,
    recent_batches,
    remove_document,
    retry_document,
    review_link,
    status_line,
    worker_enabled,
)
from workbench.resources import intake_worker

STATUS_TINTS = {"failed": "color: #b42318; font-weight: 600", "extracted": "color: #1a7f37"}
UPLOADER_KEY = "intake_uploader_round"
BATCH_KEY = "intake_batch"
RECEIPT_KEY = "intake_receipt"
ACTION_FLASH_KEY = "intake_action_flash"
FLASH_SECONDS = 15  # the table reruns every two seconds; the message outlives a few

user = require_page("intake")


def store_uploads() -> None:
    """Store and queue the files the moment they arrive, then clear the uploader."""
    round_ = st.session_state.get(UPLOADER_KEY, 0)
    files = st.session_state.get(f"uploader_{round_}") or []
    if not files:
        return
    with db_session() as session:
        receipt = queue_uploads(session, [(f.name, f.getvalue()) for f in files], user.username)
    st.session_state[BATCH_KEY] = receipt.batch_id
    st.session_state[RECEIPT_KEY] = receipt
    st.session_state[UPLOADER_KEY] = round_ + 1
    dispatch(receipt.queued, lambda: intake_worker().wake())


def _flash(kind: str, message: str) -> None:
    st.session_state[ACTION_FLASH_KEY] = (kind, message, time.monotonic())


def retry(document_id: int) -> None:
    try:
        with db_session() as session:
            retry_document(session, document_id)
    except DocumentActionRefused as refusal:
        _flash("error", f"Not retried: {refusal}")
        return
    dispatch([document_id], lambda: intake_worker().wake())
    _flash("success", f"Document #{document_id} queued again; it is read from the stored "
                      "original.")


def remove(document_id: int) -> None:
    try:
        with db_session() as session:
            name = remove_document(session, document_id, user.username)
    except DocumentActionRefused as refusal:
        _flash("error", f"Not removed: {refusal}")
        return
    _flash("success", f"{name} (document #{document_id}) removed; the original file stays "
                      "stored.")


st.title("Intake")
st.file_uploader("Case files and court records (PDF, PNG, JPEG, TIFF), as many as you like",
                 type=list(ACCEPTED_SUFFIXES), accept_multiple_files=True,
                 key=f"uploader_{st.session_state.get(UPLOADER_KEY, 0)}", on_change=store_uploads)

receipt = st.session_state.pop(RECEIPT_KEY, None)
if receipt is not None:
    st.success(f"Batch #{receipt.batch_id}: {len(receipt.queued)} file(s) stored and queued.")
    for name, document_id, status in receipt.known:
        st.info(f"{name}: already stored as document #{document_id} ({status}); not queued again.")
    for reason in receipt.refused:
        st.error(reason)

with db_session() as session:
    batches = recent_batches(session, limit=15)

if not batches:
    st.info("No uploads yet. Drop files above; each one is stored and queued at once.")
    st.stop()

batch_ids = [b.batch_id for b in batches]
if st.session_state.get(BATCH_KEY) not in batch_ids:
    st.session_state[BATCH_KEY] = batch_ids[0]
labels = {b.batch_id: f"#{b.batch_id} · {short_time(b.created_at)} · {b.label}" for b in batches}
st.selectbox("Batch", batch_ids, key=BATCH_KEY, format_func=lambda key: labels[key])


def _status_tint(value: str) -> str:
    return STATUS_TINTS.get(value.split(":")[0].split(" (")[0], "")


@st.fragment(run_every=2)
def batch_progress() -> None:
    """Re-read the batches every two seconds: status and progress come from the database."""
    batch_id = int(st.session_state[BATCH_KEY])  # set above to one of the listed batches
    action_flash = st.session_state.get(ACTION_FLASH_KEY)  # a retry or removal just done
    if action_flash and time.monotonic() - action_flash[2] < FLASH_SECONDS:
        (st.success if action_flash[0] == "success" else st.error)(action_flash[1])
    with db_session() as session:
        documents = batch_documents(session, batch_id)
        recent = recent_batches(session, limit=15)
    if documents:
        done = sum(d.status in ("extracted", "failed") for d in documents)
        st.progress(done / len(documents),
                    text=f"{done} of {len(documents)} document(s) processed")
        table = pd.DataFrame({
            "document": [f"#{d.id}" for d in documents],
            "file": [d.file_name for d in documents],
            "type": [d.doc_type if d.status == "extracted" else "" for d in documents],
            # whole numbers, blank until read (a float column would print 1.000000)
            "pages": pd.array([d.page_count or None for d in documents], dtype="Int64"),
            "status": [status_line(d) for d in documents],
            "review": [d.review_status if d.status == "extracted" else "" for d in documents],
            "open": [review_link(d) for d in documents],
        })
        st.dataframe(table.style.map(_status_tint, subset=["status"]), hide_index=True,
                     column_config={
                         "pages": st.column_config.NumberColumn("pages", format="%d"),
                         "open": st.column_config.LinkColumn(
                             "open", display_text="Open in review",
                             help="The document's review (extracted documents only)")})
        links = [f"[{d.file_name} (#{d.id})]({review_link(d)})" for d in documents
                 if review_link(d)]
        if links:
            st.markdown("Open in review: " + " · ".join(links))
    else:
        st.caption("This batch holds no documents.")
    summary = next((b for b in recent if b.batch_id == batch_id), None)
    failed = [d for d in documents if d.status == DocumentStatus.FAILED]
    if failed:
        st.markdown(f"**Failed files ({len(failed)})**: retry reads the stored original "
                    "again; remove deletes the document (the original stays stored).")
        for document in failed:
            with st.container(border=True):
                text, again, drop = st.columns([6, 1, 1], vertical_alignment="center")
                text.markdown(f"**{document.file_name}** (#{document.id}): "
                              f"{document.error or 'no reason recorded'}")
                again.button("Retry", key=f"intake_retry_{document.id}",
                             icon=":material/refresh:", on_click=retry, args=(document.id,))
                drop.button("Remove", key=f"intake_remove_{document.id}",
                            icon=":material/delete:", on_click=remove, args=(document.id,))
    if summary is not None and (summary.refused or summary.notes.known
                                or summary.notes.removed):
        with st.expander(f"Not in this batch's table: {len(summary.refused)} refused at upload, "
                         f"{len(summary.notes.known)} already stored, "
                         f"{len(summary.notes.removed)} removed",
                         expanded=bool(summary.refused)):
            for reason in summary.refused:
                st.markdown(f":red[refused, not stored] {reason}")
            for known in summary.notes.known:
                st.markdown(f"already stored: {known}")
            for removed in summary.notes.removed:
                st.markdown(f"removed: {removed}")

    st.subheader("Recent batches")
    st.dataframe(pd.DataFrame({
        "batch": [f"#{b.batch_id}" for b in recent],
        "when (UTC)": [short_time(b.created_at) for b in recent],
        "by": [b.created_by for b in recent],
        "documents": [b.total for b in recent],
        **{status: [b.by_status.get(status, 0) for b in recent]
           for status in map(str, DocumentStatus)},
        "refused at upload": [len(b.refused) for b in recent],
        "why refused": ["; ".join(b.refused) for b in recent],
    }), hide_index=True)


batch_progress()
if external_queue():
    st.caption("Documents are processed by `casetrace worker` from the PostgreSQL queue.")
elif not worker_enabled():
    st.caption("Processing is left to a separate worker (CASETRACE_WORKBENCH_WORKER=0).")
