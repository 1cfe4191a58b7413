"""Overview: documents by status and type, where the extractor is weak, throughput."""

from __future__ import annotations

import altair as alt
import streamlit as st

from core.vocabulary import ReviewStatus
from review.locks import active_locks
from workbench.access import require_page
from workbench.db import db_session
from workbench.overview import (
    THROUGHPUT_DAYS,
    documents_by_status_and_type,
    field_outcomes,
    review_status_counts,
    throughput,
)

STAGES = ["uploaded", "extracted", "reviewed"]

user = require_page("overview")

st.title("Overview")
with db_session() as session:
    by_status = documents_by_status_and_type(session)
    review_counts = review_status_counts(session)
    outcomes = field_outcomes(session)
    per_day = throughput(session)
    in_review = active_locks(session)

metrics = st.columns(5)
for column, status in zip(metrics[:4], (ReviewStatus.PENDING, ReviewStatus.AUDIT,
                                        ReviewStatus.AUTO_ACCEPTED, ReviewStatus.REVIEWED),
                          strict=True):
    column.metric(status.label[:1].upper() + status.label[1:], review_counts.get(status, 0))
metrics[4].metric("Open in review now", in_review)

st.subheader("Documents by status and type")
if by_status.empty:
    st.caption("No documents yet.")
else:
    st.dataframe(by_status, width="stretch")

st.subheader(f"Throughput, last {THROUGHPUT_DAYS} days")
long = per_day.reset_index().melt("day", var_name="stage", value_name="documents")
long["day"] = long["day"].astype(str)
days = list(dict.fromkeys(long["day"]))
st.altair_chart(alt.Chart(long).mark_bar().encode(
    # The day scale is given its domain and padding, labels are upright "Mon 05-06" and
    # may not be dropped or clipped, so the newest day's label always shows.
    x=alt.X("day:O", title=None, sort=days, scale=alt.Scale(domain=days, paddingOuter=0.2),
            axis=alt.Axis(labelAngle=0, labelOverlap=False, labelBound=False,
                          labelExpr="timeFormat(toDate(datum.value + 'T00:00:00'), '%a %m-%d')")),
    xOffset=alt.XOffset("stage:N", sort=STAGES),
    y=alt.Y("documents:Q", title="documents", axis=alt.Axis(tickMinStep=1)),
    color=alt.Color("stage:N", sort=STAGES,
                    scale=alt.Scale(domain=STAGES, range=["#9aa4b2", "#1f6feb", "#2ca02c"]),
                    legend=alt.Legend(orient="bottom", title=None)),
    tooltip=["day", "stage", "documents"]).properties(
        height=260, padding={"left": 8, "right": 32, "top": 8, "bottom": 8}), width="stretch")

st.subheader("Fields: auto-accepted vs changed by a reviewer")
st.caption("'changed share' is the part of the fields a person decided that they had to correct, "
           "reject or add: high values show where the extractor is weak.")
if outcomes.empty:
    st.caption("No fields yet.")
else:
    st.dataframe(outcomes, width="stretch", column_config={
        "changed share": st.column_config.ProgressColumn(
            "changed share", min_value=0.0, max_value=1.0, format="%.2f")})
