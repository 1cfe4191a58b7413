"""Audit: who looked at whom, and why. For compliance staff and admins.

Searches, identity views, exports, sign-in events, corrections and merges and
splits in one list (``review.audit``), filterable by user, purpose, kind of act
and dates, and downloadable as CSV (the download itself is logged).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from review.audit import AUDIT_ACTIONS, AuditFilters, audit_csv, audit_rows, audit_users
from review.purpose_log import PERMISSIBLE_PURPOSES, ExportKind, log_export
from workbench.access import require_page
from workbench.db import db_session
from workbench.formatting import short_time

user = require_page("audit")


def _filters() -> AuditFilters:
    picked = st.session_state.get("audit_dates")
    days: list[date] = list(picked) if isinstance(picked, list | tuple) else (
        [picked] if isinstance(picked, date) else [])
    start = days[0] if days else None
    end = days[1] if len(days) > 1 else start
    return AuditFilters(user=st.session_state.get("audit_user") or None,
                        purpose=st.session_state.get("audit_purpose") or None,
                        actions=tuple(st.session_state.get("audit_actions") or ()),
                        start=start, end=end)


def log_download(filters: AuditFilters, row_count: int) -> None:
    with db_session() as session:
        log_export(session, user=user.username, role=user.role, kind=ExportKind.AUDIT,
                   purpose=None, filters=filters.as_dict(), row_count=row_count)


st.title("Audit")
st.caption("Every search, identity view and export with its user and permissible purpose; "
           "failed sign-ins and lockouts; reviewers' corrections; merges and splits. "
           "Times are UTC.")

with db_session() as session:
    users = audit_users(session)

with st.container(border=True):
    left, middle, right = st.columns(3)
    left.selectbox("User", users, index=None, key="audit_user", placeholder="Anyone")
    middle.selectbox("Purpose", PERMISSIBLE_PURPOSES, index=None, key="audit_purpose",
                     placeholder="Any purpose")
    today = date.today()
    right.date_input("Dates", value=(today - timedelta(days=30), today), key="audit_dates")
    st.multiselect("What", AUDIT_ACTIONS, key="audit_actions", placeholder="Everything")

filters = _filters()
with db_session() as session:
    rows = audit_rows(session, filters)

st.caption(f"{len(rows)} row(s)" + (" (corrections, merges and splits have no purpose and "
                                    "are left out when one is picked)" if filters.purpose
                                    else ""))
if rows:
    st.dataframe(pd.DataFrame({
        "when (UTC)": [short_time(row.when) for row in rows],
        "user": [row.user for row in rows],
        "os account": [row.os_user for row in rows],
        "what": [row.action for row in rows],
        "purpose": [row.purpose for row in rows],
        "identity": [row.identity_id for row in rows],
        "detail": [row.what for row in rows],
        "rows": [row.rows for row in rows],
    }), hide_index=True)
    st.download_button("Audit trail (CSV)", audit_csv(rows), f"audit_{date.today()}.csv",
                       "text/csv", icon=":material/download:", on_click=log_download,
                       args=(filters, len(rows)))
else:
    st.info("Nothing recorded matches these filters.")
