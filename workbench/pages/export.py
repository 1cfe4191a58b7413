"""Export: debtors and cases for CRM import (CSV, XLSX), corrections as training data."""

from __future__ import annotations

from datetime import date

import streamlit as st

from workbench.access import require_page
from workbench.db import db_session
from workbench.exports import (
    cases_frame,
    corrections_frame,
    debtors_frame,
    to_csv_bytes,
    to_jsonl,
    to_xlsx_bytes,
    training_records,
)

user = require_page("export")
stamp = date.today().isoformat()

st.title("Export")
with db_session() as session:
    debtors = debtors_frame(session)
    cases = cases_frame(session)
    records = training_records(session)
corrections = corrections_frame(records)

debtor_tab, case_tab, training_tab = st.tabs(["Debtors", "Cases", "Training data"])

with debtor_tab:
    st.caption("One row per debtor identity with the most likely current address and phone. "
               "SSNs are exported as last four only.")
    st.dataframe(debtors, hide_index=True)
    left, right = st.columns(2)
    left.download_button("Debtors (CSV)", to_csv_bytes(debtors), f"debtors_{stamp}.csv",
                         "text/csv", icon=":material/download:", width="stretch")
    right.download_button("Debtors and cases (XLSX)",
                          to_xlsx_bytes({"debtors": debtors, "cases": cases}),
                          f"casetrace_{stamp}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/table:", width="stretch")

with case_tab:
    st.caption("One row per document: parties, amounts and dates as reviewed (a reviewer's value "
               "wins over the extractor's; rejected values are left out).")
    st.dataframe(cases, hide_index=True)
    st.download_button("Cases (CSV)", to_csv_bytes(cases), f"cases_{stamp}.csv", "text/csv",
                       icon=":material/download:")

with training_tab:
    st.caption(f"{len(records)} fully reviewed document(s): page words, final fields with their "
               "boxes, and every correction. Documents still in review are not included.")
    st.dataframe(corrections, hide_index=True)
    left, right = st.columns(2)
    left.download_button("Training data (JSON Lines)", to_jsonl(records),
                         f"training_{stamp}.jsonl", "application/jsonl",
                         icon=":material/model_training:", disabled=not records, width="stretch")
    right.download_button("Corrections (CSV)", to_csv_bytes(corrections),
                          f"corrections_{stamp}.csv", "text/csv", icon=":material/download:",
                          disabled=corrections.empty, width="stretch")
