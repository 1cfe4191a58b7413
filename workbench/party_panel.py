"""The party panel of the review page: see and correct a document's parties, add one the
extractor missed, and fill a box from words clicked on the page.

The boxes and the decisions are one form, as for fields: whichever button or key submits
it (Alt+A save & next, Alt+U use the picked words) carries every box as typed; Alt+X
rejects the party (not a party, or not in the document), as it rejects a field. Only the
last four digits of an SSN are ever shown or taken. The callbacks live in
``workbench.party_actions``; the page binds them to the signed-in reviewer.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.vocabulary import PARTY_ROLES, FieldStatus
from models.row_ids import stored_id
from models.tables import Document, Party
from review.party_values import guess_attribute
from workbench.field_panel import line_picker
from workbench.overlay import confidence_level
from workbench.page_words import page_lines, union_bbox
from workbench.party_actions import PARTY_KEY, USE_AS, box_key, pick_party, picker_key
from workbench.review_actions import chosen_words

ADD_ROLE_KEY = "review_add_party_role"
OPEN_STATUSES = (FieldStatus.EXTRACTED,)


@dataclass(frozen=True, slots=True)
class PartyCallbacks:
    """The party callbacks, bound to the signed-in reviewer."""

    save_party: Callable[..., None]
    use_picked: Callable[..., None]
    add_party: Callable[..., None]
    reject_party: Callable[..., None]


def party_label(party: Party) -> str:
    return f"{party.role} · {party.name} · {FieldStatus(party.status).label}"


def party_in_hand(parties: list[Party]) -> Party | None:
    """The party the reviewer works on: the one picked, else the first still open."""
    ids = [stored_id(p) for p in parties]
    if st.session_state.get(PARTY_KEY) not in ids:
        open_ids = [stored_id(p) for p in parties if p.status in OPEN_STATUSES]
        st.session_state[PARTY_KEY] = open_ids[0] if open_ids else (ids[0] if ids else None)
    return next((p for p in parties if p.id == st.session_state.get(PARTY_KEY)), None)


def _next_open(parties: list[Party], after: Party) -> int | None:
    later = [p for p in parties if p.status in OPEN_STATUSES and p.id != after.id]
    return stored_id(later[0]) if later else None


def _party_form(party: Party, parties: list[Party], picked: list[dict], shown_page: int,
                read_only: bool, calls: PartyCallbacks) -> None:
    pid, version = stored_id(party), party.version
    use_key = ""
    with st.form(f"party_form_{pid}_{version}", border=False):
        st.text_input("Party name", value=party.name, key=box_key(pid, version, "name"))
        role_col, dob_col, ssn_col = st.columns([4, 4, 3])
        with role_col:
            roles = list(PARTY_ROLES)
            st.selectbox("Role", roles, index=roles.index(party.role)
                         if party.role in roles else 0, key=box_key(pid, version, "role"))
        with dob_col:
            st.text_input("Date of birth", value=party.dob or "",
                          key=box_key(pid, version, "dob"), placeholder="YYYY-MM-DD")
        with ssn_col:
            st.text_input("SSN last 4", value=party.ssn_last4 or "",
                          key=box_key(pid, version, "ssn_last4"), placeholder="4 digits",
                          help="Only the last four digits; a full SSN is refused.")
        st.text_area("Addresses (one per line)", value="\n".join(party.addresses),
                     key=box_key(pid, version, "addresses"), height=68)
        phone_col, email_col = st.columns(2)
        with phone_col:
            st.text_area("Phones (one per line)", value="\n".join(party.phones),
                         key=box_key(pid, version, "phones"), height=68)
        with email_col:
            st.text_area("E-mails (one per line)", value="\n".join(party.emails),
                         key=box_key(pid, version, "emails"), height=68)
        picked_text = " ".join(w["text"] for w in picked)
        if picked:
            st.markdown(f"Picked on the page: **{picked_text[:120]}**")
            boxes = list(USE_AS)
            # the key names the words: other words get their own guess, not the last choice
            use_key = box_key(pid, version, f"use_as_{zlib.crc32(picked_text.encode())}")
            st.selectbox("Use the picked words as", boxes, format_func=lambda box: USE_AS[box],
                         key=use_key, index=boxes.index(guess_attribute(picked_text)))
        with st.container(horizontal=True):
            st.form_submit_button(
                "Save party & next", type="primary", icon=":material/check:",
                shortcut="Alt+A", disabled=read_only, on_click=calls.save_party,
                args=(pid, version, _next_open(parties, party)))
            st.form_submit_button(
                "Reject party", icon=":material/close:", shortcut="Alt+X",
                disabled=read_only or party.status == FieldStatus.REJECTED,
                help="Not a party, or not in the document: left out of skip tracing, "
                     "exports and the page.", on_click=calls.reject_party,
                args=(pid, version, _next_open(parties, party)))
            if picked:
                st.form_submit_button(
                    "Use picked words", icon=":material/input:", shortcut="Alt+U",
                    disabled=read_only, on_click=calls.use_picked,
                    args=(pid, version, picked_text, list(union_bbox(picked)), shown_page,
                          use_key))
    if party.status == FieldStatus.REJECTED:
        st.caption(f"Rejected by {party.reviewed_by}: not traced, not exported, not drawn. "
                   "Save it to bring it back.")
    linked = f"skip-trace identity #{party.identity_id}" if party.identity_id else "not linked"
    st.caption(f"{party.confidence:.2f} ({confidence_level(party.confidence)}) · found by "
               f"{party.extractor} on page {party.page} · {linked}")


def _add_party(document: Document, picked: list[dict], shown_page: int, read_only: bool,
               calls: PartyCallbacks) -> None:
    """Words picked on the page can name a new party (shown first, so it is in view)."""
    with st.container(border=True, key="review_add_party"):
        name = " ".join(w["text"] for w in picked)
        st.markdown(f"New party named **{name[:80]}**")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.selectbox("Role of the new party", PARTY_ROLES, key=ADD_ROLE_KEY)
            st.button("Add as a new party", icon=":material/person_add:", disabled=read_only,
                      on_click=calls.add_party,
                      args=(stored_id(document), document.version, ADD_ROLE_KEY, name,
                            list(union_bbox(picked)), shown_page))


def _parties_table(parties: list[Party]) -> None:
    st.dataframe(pd.DataFrame({
        "role": [p.role for p in parties],
        "name": [p.name for p in parties],
        "phones": [", ".join(p.phones) for p in parties],
        "SSN-4": [p.ssn_last4 or "" for p in parties],
        "status": [FieldStatus(p.status).label for p in parties],
    }), hide_index=True, width="stretch")


def party_panel(document: Document, parties: list[Party], picked: list[dict],
                shown_words: list[dict], shown_page: int, read_only: bool,
                calls: PartyCallbacks) -> None:
    """Every party of the document, the one in hand in a form, and adding a missed one.

    Words come from a click on the page (``picked``) or, without a mouse, from a line of
    the page picked here; the picker's keys name the document version, so a save clears it.
    """
    selected = party_in_hand(parties)
    lines = page_lines(shown_words)
    if lines:
        pick_key = f"party_pick_{stored_id(document)}_{document.version}"
        with st.expander("Pick words from a line of the page", icon=":material/list:"):
            line_picker(lines, selected.bbox if selected is not None else None, pick_key)
        picked = picked or chosen_words(lines, f"{pick_key}_line", f"{pick_key}_words")
    if picked:
        _add_party(document, picked, shown_page, read_only, calls)
    if parties:
        by_id = {stored_id(p): p for p in parties}
        ids, current = list(by_id), st.session_state.get(PARTY_KEY)
        widget = picker_key(current)
        st.selectbox("Party in hand", ids, index=ids.index(current) if current in ids else 0,
                     key=widget, format_func=lambda i: party_label(by_id[i]),
                     on_change=pick_party, args=(widget, ids))
    if selected is not None:
        with st.container(border=True):
            _party_form(selected, parties, picked, shown_page, read_only, calls)
    else:
        st.caption("The extractor found no party on this document.")
    if not picked:
        st.caption("Missed a party? Click the words of its name on the page (shift-click "
                   "for more, or drag a box), then add it here.")
    if parties:
        _parties_table(parties)
    st.caption("Keys: Alt+A save party & next (what is typed is saved) · Alt+X reject party "
               "· Alt+U use the picked words · Alt+J next document · Alt+F fields")
