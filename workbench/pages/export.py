"""Export: debtors and cases for CRM import (CSV, XLSX), corrections as training data.

Debtor and case exports are looks at debtor data: they need a role that may see it
(investigator, compliance, admin) and a permissible purpose, and each one prepared
is logged with its filters and row count before anything of it is shown. Only
documents whose review is over are exported unless the user asks for the others;
batch, upload dates and document type narrow both tables. Training data (masked
page words, corrections) needs no purpose but is logged too.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlmodel import col, select

from core.vocabulary import DOC_TYPES
from models.tables import Batch
from review.purpose_log import (
    PERMISSIBLE_PURPOSES,
    AccessRefused,
    ExportKind,
    log_export,
    may_see_debtor_data,
)
from workbench.access import require_page
from workbench.db import db_session
from workbench.exports import (
    ExportFilters,
    cases_frame,
    corrections_frame,
    debtors_frame,
    to_csv_bytes,
    to_jsonl,
    to_xlsx_bytes,
    training_records,
)

PREPARED_KEY = "export_prepared"  # {kind: (purpose, filters)} logged in this session
FLASH_KEY = "export_flash"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

user = require_page("export")
stamp = date.today().isoformat()


def _filters() -> ExportFilters:
    """The filters on the page now (each export is logged with them)."""
    dates: list[date] = list(st.session_state.get("export_dates") or ())
    return ExportFilters(
        include_unreviewed=bool(st.session_state.get("export_unreviewed")),
        batch_id=st.session_state.get("export_batch"),
        uploaded_from=dates[0] if len(dates) > 0 else None,
        uploaded_to=dates[1] if len(dates) > 1 else (dates[0] if dates else None),
        doc_types=tuple(sorted(st.session_state.get("export_doc_types") or [])),
        name_contains=(st.session_state.get("export_name") or "").strip())


def _debtors(session, filters: ExportFilters) -> pd.DataFrame:
    frame = debtors_frame(session, filters)
    needle = filters.name_contains.lower()
    if needle and not frame.empty:
        frame = frame[frame["name"].fillna("").str.lower().str.contains(needle, regex=False)]
    return frame


def _cases(session, filters: ExportFilters) -> pd.DataFrame:
    frame = cases_frame(session, filters)
    needle = filters.name_contains.lower()
    if needle and not frame.empty:
        frame = frame[frame["debtors"].fillna("").str.lower().str.contains(needle, regex=False)]
    return frame


def _frames(session, kind: str, filters: ExportFilters) -> dict[str, pd.DataFrame]:
    if kind == ExportKind.DEBTORS:
        return {"debtors": _debtors(session, filters)}
    if kind == ExportKind.CASES:
        return {"cases": _cases(session, filters)}
    return {"debtors": _debtors(session, filters), "cases": _cases(session, filters)}


def _batches() -> dict[int, str]:
    with db_session() as session:
        batches = session.exec(select(Batch).order_by(col(Batch.id).desc())).all()
    return {int(b.id): f"#{b.id} · {b.created_at:%Y-%m-%d}" + (f" · {b.label}" if b.label else "")
            for b in batches if b.id is not None}


def prepare(kind: str) -> None:
    """Check role and purpose, log the export with its filters and row count, then show it."""
    purpose = st.session_state.get("export_purpose")
    filters = _filters()
    try:
        with db_session() as session:
            frames = _frames(session, kind, filters)
            log_export(session, user=user.username, role=user.role, kind=kind,
                       purpose=purpose, filters=filters.to_log(),
                       row_count=sum(len(frame) for frame in frames.values()))
    except AccessRefused as refusal:
        st.session_state[FLASH_KEY] = refusal.message
        return
    st.session_state.setdefault(PREPARED_KEY, {})[kind] = (purpose, filters)


def prepare_training() -> None:
    with db_session() as session:
        records = training_records(session)
        log_export(session, user=user.username, role=user.role, kind=ExportKind.TRAINING,
                   purpose=None, filters={}, row_count=len(records),
                   detail=f"{len(corrections_frame(records))} correction(s)")
    st.session_state.setdefault(PREPARED_KEY, {})[ExportKind.TRAINING] = (None, {})


def _prepared(kind: str) -> bool:
    """True when this export, with today's purpose and filters, has been logged already."""
    held = st.session_state.get(PREPARED_KEY, {}).get(kind)
    if kind == ExportKind.TRAINING:
        return held is not None
    return held == (st.session_state.get("export_purpose"), _filters())


st.title("Export")
flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    st.error(flash)

debtor_tab, case_tab, training_tab = st.tabs(["Debtors", "Cases", "Training data"])

if may_see_debtor_data(user.role):
    with debtor_tab:
        st.caption("One row per debtor identity with the most likely current address and phone. "
                   "SSNs are exported as last four only.")
    with st.sidebar:
        st.selectbox("Permissible purpose", PERMISSIBLE_PURPOSES, index=None,
                     key="export_purpose", placeholder="Why are you exporting debtor data?")
        st.text_input("Debtor name contains", key="export_name")
        st.multiselect("Document types", DOC_TYPES, key="export_doc_types")
        batches = _batches()
        st.selectbox("Batch", list(batches), index=None, key="export_batch",
                     format_func=lambda b: batches.get(b, str(b)), placeholder="All batches")
        st.date_input("Uploaded between", value=[], key="export_dates")
        st.checkbox("Include documents not yet reviewed", key="export_unreviewed",
                    help="Off: only documents whose review is over (reviewed or "
                         "auto-accepted). On: documents still in review too, with the "
                         "extractor's values; the status column says which is which.")
        st.caption("Each debtor or case export is logged with your name, its purpose, "
                   "these filters and its row count.")
    with debtor_tab:
        if _prepared(ExportKind.DEBTORS):
            with db_session() as session:
                debtors = _debtors(session, _filters())
            st.dataframe(debtors, hide_index=True)
            st.download_button("Debtors (CSV)", to_csv_bytes(debtors), f"debtors_{stamp}.csv",
                               "text/csv", icon=":material/download:")
        else:
            st.button("Prepare debtor export", type="primary", key="prepare_debtors",
                      on_click=prepare, args=(ExportKind.DEBTORS,))
        if _prepared(ExportKind.DEBTORS_AND_CASES):
            with db_session() as session:
                both = _frames(session, ExportKind.DEBTORS_AND_CASES, _filters())
            st.download_button("Debtors and cases (XLSX)", to_xlsx_bytes(both),
                               f"casetrace_{stamp}.xlsx", XLSX, icon=":material/table:")
        else:
            st.button("Prepare debtors and cases (XLSX)", key="prepare_both",
                      on_click=prepare, args=(ExportKind.DEBTORS_AND_CASES,))
    with case_tab:
        st.caption("One row per document: parties, amounts and dates as reviewed (a reviewer's "
                   "value wins over the extractor's; rejected values are left out) and its "
                   "review status. Phones are plain E.164 (+14142054039).")
        if _prepared(ExportKind.CASES):
            with db_session() as session:
                cases = _cases(session, _filters())
            st.dataframe(cases, hide_index=True)
            st.download_button("Cases (CSV)", to_csv_bytes(cases), f"cases_{stamp}.csv",
                               "text/csv", icon=":material/download:")
        else:
            st.button("Prepare case export", type="primary", key="prepare_cases",
                      on_click=prepare, args=(ExportKind.CASES,))
else:
    for tab in (debtor_tab, case_tab):
        with tab:
            st.info("Debtor and case data are exported by investigators, compliance staff and "
                    f"admins; you are signed in as {user.role}.")

with training_tab:
    st.caption("Fully reviewed documents: page words (SSNs masked at intake), final fields "
               "with their boxes, and every correction. Documents still in review are not "
               "included. The export is logged.")
    if _prepared(ExportKind.TRAINING):
        with db_session() as session:
            records = training_records(session)
        corrections = corrections_frame(records)
        st.caption(f"{len(records)} fully reviewed document(s).")
        st.dataframe(corrections, hide_index=True)
        left, right = st.columns(2)
        left.download_button("Training data (JSON Lines)", to_jsonl(records),
                             f"training_{stamp}.jsonl", "application/jsonl",
                             icon=":material/model_training:", disabled=not records,
                             width="stretch")
        right.download_button("Corrections (CSV)", to_csv_bytes(corrections),
                              f"corrections_{stamp}.csv", "text/csv",
                              icon=":material/download:", disabled=corrections.empty,
                              width="stretch")
    else:
        st.button("Prepare training data", type="primary", key="prepare_training",
                  on_click=prepare_training)
