"""Skip trace: find a debtor's identity, read its address and phone history, merge or split.

Every search names a permissible purpose and is logged before results are shown.
Every identity opened is logged too (``review.purpose_log.log_identity_view``):
one picked from a search's hits takes that search's purpose; one reached any
other way (a link, ``?identity=N``, a review page) shows only the purpose
question until one is chosen, and nothing of the person. A purpose holds for
that identity for the rest of the session, so reruns log nothing more.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import CasetraceError
from models.row_ids import stored_id
from review.purpose_log import (
    PERMISSIBLE_PURPOSES,
    AccessRefused,
    SearchRefused,
    check_search,
    log_identity_view,
    log_search,
)
from skiptrace.history import identity_history
from skiptrace.merge_split import merge_identities, split_identity
from skiptrace.search import MAX_QUERY_CHARS, QueryTooLong, search_identities
from workbench.access import require_page
from workbench.db import db_session
from workbench.formatting import short_time
from workbench.identity_view import (
    IdentitySummary,
    active_identity_ids,
    identity_events,
    identity_sources,
    identity_summary,
    query_refusal,
    resolve_identity,
)
from workbench.skip_trace_charts import history_rows, hit_row, timeline_chart

HITS_KEY = "skip_hits"
IDENTITY_KEY = "skip_identity"
FLASH_KEY = "skip_flash"
VIEWS_KEY = "skip_views"  # {identity id: purpose} opened, and logged, in this session
LAST_PURPOSE_KEY = "skip_last_purpose"  # offered again with one click for the next identity
SEARCH_PURPOSE_KEY = "skip_search_purpose"  # the last search's purpose holds for its hits
MERGE_PREVIEW_KEY = "skip_merge_preview"  # {"keep", "other", "reason"} awaiting confirmation
SEARCH_LIMIT = 25

user = require_page("skip_trace")


def _plain(error: Exception) -> str:
    """An error as a person reads it: the message without its code."""
    return error.message if isinstance(error, CasetraceError) else str(error)



def run_search() -> None:
    query = st.session_state.get("skip_query", "")
    purpose = st.session_state.get("skip_purpose")
    too_long = query_refusal(query)  # before anything reads it: a pasted page is no search
    if too_long:
        st.session_state[FLASH_KEY] = ("error", too_long)
        return
    try:
        cleaned = check_search(query, purpose)
    except SearchRefused as refusal:
        st.session_state[FLASH_KEY] = ("error", refusal.message)
        return
    assert purpose is not None  # check_search refuses a search without one
    with db_session() as session:
        try:
            hits = search_identities(session, cleaned, limit=SEARCH_LIMIT)
        except QueryTooLong:  # longer once redacted? never, but say so rather than fail
            st.session_state[FLASH_KEY] = ("error", query_refusal(" " * (MAX_QUERY_CHARS + 1))
                                           or "Not searched: the query is too long.")
            return
        log_search(session, user=user.username, query=cleaned, purpose=purpose,
                   result_count=len(hits))
        st.session_state[HITS_KEY] = [hit_row(hit) for hit in hits]
    st.session_state[SEARCH_PURPOSE_KEY] = purpose
    st.session_state[LAST_PURPOSE_KEY] = purpose
    st.session_state.pop(IDENTITY_KEY, None)


def _views() -> dict[int, str]:
    return st.session_state.setdefault(VIEWS_KEY, {})


def open_identity(identity_id: int, purpose: str | None, detail: str = "") -> bool:
    """Log one view of the identity with its purpose; False (and a message) when refused."""
    try:
        with db_session() as session:
            log_identity_view(session, user=user.username, identity_id=identity_id,
                              purpose=purpose, detail=detail)
    except AccessRefused as refusal:
        st.session_state[FLASH_KEY] = ("error", refusal.message)
        return False
    assert purpose is not None  # log_identity_view refuses a view without one
    _views()[identity_id] = purpose
    st.session_state[LAST_PURPOSE_KEY] = purpose
    return True


def open_with_chosen(identity_id: int) -> None:
    open_identity(identity_id, st.session_state.get("skip_view_purpose"), "opened by link")


def open_with_last(identity_id: int, purpose: str) -> None:
    open_identity(identity_id, purpose, "same purpose again")


def preview_merge(identity_id: int) -> None:
    """First step of a merge: show the other identity beside this one (a logged view)."""
    st.session_state.pop(MERGE_PREVIEW_KEY, None)
    other = st.session_state.get("merge_other")
    reason = (st.session_state.get("merge_reason") or "").strip()
    if not other or not reason:
        st.session_state[FLASH_KEY] = ("error", "Give the identity to merge in and a reason.")
        return
    other = int(other)
    if other == identity_id:
        st.session_state[FLASH_KEY] = ("error", "An identity cannot be merged with itself.")
        return
    purpose = _views().get(identity_id)
    try:
        with db_session() as session:
            summary = identity_summary(session, other)
            if summary is None:
                raise LookupError(f"identity #{other} does not exist")
            if summary.status != "active":
                raise ValueError(f"identity #{other} is {summary.status}, not active")
            # The preview shows the other person's details: a look at them, logged as such.
            log_identity_view(session, user=user.username, identity_id=other, purpose=purpose,
                              detail=f"merge preview beside #{identity_id}")
    except (LookupError, ValueError, AccessRefused) as error:
        st.session_state[FLASH_KEY] = ("error", f"Not merged: {_plain(error)}")
        return
    assert purpose is not None  # log_identity_view refuses a view without one
    _views()[other] = purpose
    st.session_state[MERGE_PREVIEW_KEY] = {"keep": identity_id, "other": other, "reason": reason}


def cancel_merge() -> None:
    st.session_state.pop(MERGE_PREVIEW_KEY, None)
    st.session_state[FLASH_KEY] = ("success", "Merge cancelled; nothing changed.")


def merge(identity_id: int) -> None:
    """Second step: the merge previewed for this identity, once confirmed."""
    pending = st.session_state.pop(MERGE_PREVIEW_KEY, None)
    if not pending or pending["keep"] != identity_id:
        st.session_state[FLASH_KEY] = ("error", "Preview the merge first.")
        return
    other, reason = int(pending["other"]), pending["reason"]
    try:
        with db_session() as session:
            merge_identities(session, identity_id, other, user.username, reason)
            # The merged-in person's details show on this view from now on: a look at them too.
            log_identity_view(session, user=user.username, identity_id=other,
                              purpose=_views().get(identity_id),
                              detail=f"merged into #{identity_id}")
    except (LookupError, ValueError, AccessRefused) as error:
        st.session_state[FLASH_KEY] = ("error", f"Not merged: {_plain(error)}")
        return
    hits = st.session_state.get(HITS_KEY)
    if hits:  # a merged identity is no search result any more
        st.session_state[HITS_KEY] = [hit for hit in hits if hit["identity"] != other]
    st.session_state[FLASH_KEY] = ("success", f"Identity #{other} merged into #{identity_id}.")


def _summary_card(column, summary: IdentitySummary, role: str) -> None:
    with column.container(border=True):
        st.markdown(f"**{role}: #{summary.identity_id} · {summary.display_name}**")
        st.markdown(f"Names: {', '.join(summary.names) or '—'}  \n"
                    f"Date of birth: {', '.join(summary.dobs) or '—'}  \n"
                    f"SSN: {', '.join(summary.ssn) or '—'}")
        counts = st.columns(3)
        counts[0].metric("Addresses", summary.addresses)
        counts[1].metric("Phones", summary.phones)
        counts[2].metric("Documents", summary.documents)


def split(identity_id: int) -> None:
    party_ids = st.session_state.get("split_parties") or []
    reason = (st.session_state.get("split_reason") or "").strip()
    if not party_ids or not reason:
        st.session_state[FLASH_KEY] = ("error", "Pick the records to split off and a reason.")
        return
    try:
        with db_session() as session:
            new_id = split_identity(session, identity_id, list(party_ids), user.username, reason)
    except (LookupError, ValueError) as error:
        st.session_state[FLASH_KEY] = ("error", f"Not split: {_plain(error)}")
        return
    st.session_state[FLASH_KEY] = ("success", f"{len(party_ids)} record(s) split off into "
                                              f"identity #{new_id}.")


# --- the page -----------------------------------------------------------------------

st.title("Skip trace")

with st.form("skip_search"):
    query_col, purpose_col = st.columns([3, 2])
    query_col.text_input("Search", key="skip_query", max_chars=MAX_QUERY_CHARS, placeholder=(
        "Name, phone, address, last four of SSN, or date of birth"))
    purpose_col.selectbox("Permissible purpose", PERMISSIBLE_PURPOSES, index=None,
                          key="skip_purpose", placeholder="Why are you searching?")
    st.form_submit_button("Search", type="primary", icon=":material/search:",
                          on_click=run_search)
st.caption("Every search is logged with your name and its purpose. SSNs show as last four only.")

flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])

requested = st.query_params.get("identity")
if requested and requested.isdigit():
    st.session_state[IDENTITY_KEY] = int(requested)

hits = st.session_state.get(HITS_KEY)
if hits:  # identities merged away since the search are no results any more
    with db_session() as session:
        active = active_identity_ids(session, [hit["identity"] for hit in hits])
    if len(active) < len(hits):
        hits = st.session_state[HITS_KEY] = [hit for hit in hits if hit["identity"] in active]
if hits is not None:
    if not hits:
        st.warning("No identity matches that search.")
    else:
        event = st.dataframe(pd.DataFrame(hits), hide_index=True, on_select="rerun",
                             selection_mode="single-row", key="skip_hits_table",
                             column_config={"score": st.column_config.ProgressColumn(
                                 "score", min_value=0.0, max_value=1.0, format="%.2f")})
        rows = event.selection.rows if event is not None else []
        if rows:
            st.session_state[IDENTITY_KEY] = hits[rows[0]]["identity"]
        elif IDENTITY_KEY not in st.session_state:
            st.session_state[IDENTITY_KEY] = hits[0]["identity"]

identity_id = st.session_state.get(IDENTITY_KEY)
if identity_id is None:
    st.stop()

with db_session() as session:
    identity = resolve_identity(session, identity_id)
if identity is None:
    st.error(f"Identity #{identity_id} does not exist.")
    st.stop()
shown_id = stored_id(identity)

if shown_id not in _views():
    search_purpose = st.session_state.get(SEARCH_PURPOSE_KEY)
    from_search = any(hit["identity"] in (identity_id, shown_id) for hit in hits or [])
    if not (from_search and search_purpose
            and open_identity(shown_id, search_purpose, "opened from search")):
        # The purpose question only: nothing of the person until a purpose is logged.
        st.divider()
        st.subheader(f"Open identity #{shown_id}")
        st.info("An identity's details (names, dates of birth, SSN last four, addresses, "
                "phones) are shown for a permissible purpose only, and the view is logged "
                "with your name.")
        with st.form("skip_view_form"):
            st.selectbox("Permissible purpose", PERMISSIBLE_PURPOSES, index=None,
                         key="skip_view_purpose", placeholder="Why are you opening it?")
            st.form_submit_button("Open identity", type="primary", on_click=open_with_chosen,
                                  args=(shown_id,))
        last_purpose = st.session_state.get(LAST_PURPOSE_KEY)
        if last_purpose:
            st.button(f"Same purpose as before: {last_purpose}", key="skip_reuse_purpose",
                      on_click=open_with_last, args=(shown_id, last_purpose))
        st.stop()

with db_session() as session:
    identity = resolve_identity(session, identity_id)
    if identity is None:  # gone between the two reads (a merge elsewhere)
        st.error(f"Identity #{identity_id} does not exist.")
        st.stop()
    if identity.id != identity_id:
        st.info(f"Identity #{identity_id} was merged into #{identity.id}; showing that one.")
    identity_id = stored_id(identity)
    sources = identity_sources(session, identity_id)
    events = identity_events(session, identity_id)
    history = identity_history(session, identity_id).to_dict()

st.divider()
names = sorted({s.name for s in sources})
st.subheader(f"#{identity_id} · {identity.display_name or (names[0] if names else '')}")
ssns = sorted({s.ssn for s in sources if s.ssn})
dobs = sorted({s.dob for s in sources if s.dob})
facts = st.columns(4)
facts[0].metric("Source documents", len({s.document_id for s in sources}))
facts[1].metric("Addresses", len(history.get("addresses", [])))
facts[2].metric("SSN", ", ".join(ssns) or "—")
facts[3].metric("Date of birth", ", ".join(dobs) or "—")
if len(names) > 1:
    st.caption("Also named: " + ", ".join(names))

addresses, phones, emails_tab, employers_tab, source_tab, change_tab = st.tabs(
    ["Addresses", "Phones", "Emails", "Employers", "Source documents", "Merge / split"])

with addresses:
    frame = history_rows(history.get("addresses", []))
    if frame.empty:
        st.caption("No address seen yet.")
    else:
        best = frame.iloc[0]
        st.markdown(f"**Most likely current:** {best['value']}  \n{best['why']}")
        chart = timeline_chart(frame)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        undated = int(frame["first seen"].isna().sum())
        if undated:
            st.caption(f"{undated} address(es) undated: listed below, not on the timeline.")
        st.dataframe(frame, hide_index=True)

with phones:
    frame = history_rows(history.get("phones", []))
    if frame.empty:
        st.caption("No phone seen yet.")
    else:
        st.dataframe(frame, hide_index=True)

with emails_tab:
    frame = history_rows(history.get("emails", []))
    if frame.empty:
        st.caption("No email seen yet.")
    else:
        st.dataframe(frame, hide_index=True)

with employers_tab:
    frame = history_rows(history.get("employers", []))
    if frame.empty:
        st.caption("No employer seen yet (garnishments name them).")
    else:
        st.caption("Workplaces, not homes: never used as the current address.")
        st.dataframe(frame, hide_index=True)

with source_tab:
    for source in sources:
        with st.container(border=True):
            head, link = st.columns([4, 1], vertical_alignment="center")
            head.markdown(f"**{source.file_name}** · {source.doc_type} · {source.role} · "
                          f"page {source.page} {source.document_date}  \n"
                          f"{source.name} {source.ssn} {source.dob}")
            if user.may("reviewer"):
                link.page_link("workbench/pages/review.py", label="Open in review",
                               icon=":material/open_in_new:",
                               query_params={"document": str(source.document_id)})
            if source.snippet:
                st.caption(f"“{source.snippet}”")

with change_tab:
    pending = st.session_state.get(MERGE_PREVIEW_KEY)
    if pending and pending["keep"] == identity_id:
        with db_session() as session:
            keep_summary = identity_summary(session, identity_id)
            other_summary = identity_summary(session, int(pending["other"]))
        if keep_summary is None or other_summary is None or other_summary.status != "active":
            st.session_state.pop(MERGE_PREVIEW_KEY, None)
            st.warning("The identity to merge in changed since the preview; preview again.")
        else:
            st.markdown("**Merge preview**: check both are the same person before confirming.")
            kept_col, other_col = st.columns(2)
            _summary_card(kept_col, keep_summary, "Keeps")
            _summary_card(other_col, other_summary, "Merged in")
            st.warning(f"Confirming moves every record of #{other_summary.identity_id} into "
                       f"#{identity_id}; #{other_summary.identity_id} then only points here. "
                       f"Reason: {pending['reason']}. The decision survives every relink; a "
                       "split undoes it record by record.")
            yes, no, _ = st.columns([1, 1, 4])
            yes.button("Confirm merge", type="primary", key="merge_confirm", on_click=merge,
                       args=(identity_id,))
            no.button("Cancel", key="merge_cancel", on_click=cancel_merge)
    left, right = st.columns(2)
    with left, st.form("merge_form"):
        st.markdown("**Merge another identity into this one**")
        st.number_input("Identity to merge in", min_value=1, step=1, value=None,
                        key="merge_other")
        st.text_input("Reason (kept with the decision)", key="merge_reason")
        st.form_submit_button("Preview merge", on_click=preview_merge, args=(identity_id,))
    with right, st.form("split_form"):
        st.markdown("**Split records off into a new identity**")
        labels = {s.party_id: f"{s.name} · {s.file_name} ({s.role})" for s in sources}
        st.multiselect("Records", list(labels), format_func=lambda key: labels[key],
                       key="split_parties")
        st.text_input("Reason (kept with the decision)", key="split_reason")
        st.form_submit_button("Split", on_click=split, args=(identity_id,))
    if events:
        st.dataframe(pd.DataFrame({
            "when (UTC)": [short_time(e.created_at) for e in events],
            "what": [e.kind for e in events],
            "other": [e.other_identity_id for e in events],
            "who": [e.user for e in events],
            "detail": [e.detail for e in events],
        }), hide_index=True)
