"""The party panel's callbacks, run before the rerun (as ``workbench.review_actions``).

Each reads the party's boxes as the form submitted them (typed edits included, so a
keyboard path never drops one), checks them with ``review.party_values`` and writes
through ``review.party_saves`` with the version the reviewer saw. A box holding a full
SSN is emptied and nothing is saved: the number never reaches the database or a message.
The page binds the signed-in user's name as the first argument.
"""

from __future__ import annotations

import streamlit as st

from review import party_reject, party_saves
from review.party_values import PARTY_ATTRIBUTES, PartyValues, has_full_ssn, read_party_values
from review.saves import SaveResult
from review.typed_values import InvalidValue
from workbench.db import db_session
from workbench.review_actions import FLASH_KEY

# The party in hand is plain session state, never a widget's value: the callbacks below set
# it, and the "Party in hand" picker is a new widget for each party in hand (``picker_key``).
# The browser sends back the value of a picker it still shows after a save has moved the
# party in hand on (and, in a rerun it interrupts, sometimes the option's label instead of
# its value); Streamlit reports that as a change. ``pick_party`` takes a pick only from the
# picker of the party in hand and only if it names one of the document's parties, so such a
# message cannot put the previous party back in hand.
PARTY_KEY = "review_party"
PICKER_PREFIX = "review_party_picker"
USE_AS = {"name": "name", "addresses": "address", "phones": "phone", "emails": "e-mail",
          "dob": "date of birth", "ssn_last4": "SSN last 4"}
LIST_BOXES = ("addresses", "phones", "emails")


def box_key(party_id: int, version: int, box: str) -> str:
    """The widget key of one of a party's boxes, as the tab saw that version."""
    return f"party_{party_id}_{version}_{box}"


def picker_key(party_id: object) -> str:
    """The widget key of the "Party in hand" picker while ``party_id`` is in hand."""
    return f"{PICKER_PREFIX}_{party_id}"


def pick_party(widget_key: str, party_ids: list[int]) -> None:
    """The reviewer picked a party in the picker shown with the party in hand: it becomes
    the party in hand. A value from an older picker, or one that is no party, is ignored."""
    picked = st.session_state.get(widget_key)
    if widget_key == picker_key(st.session_state.get(PARTY_KEY)) and picked in party_ids:
        st.session_state[PARTY_KEY] = picked


def _flash(result: SaveResult) -> None:
    st.session_state[FLASH_KEY] = ("success" if result.saved else "error", result.message)


def _boxes(party_id: int, version: int) -> dict[str, str]:
    return {box: str(st.session_state.get(box_key(party_id, version, box)) or "")
            for box in PARTY_ATTRIBUTES}


def _read(boxes: dict[str, str], party_id: int, version: int) -> PartyValues | None:
    """The boxes read and checked, or None with the reason flashed (full SSNs dropped)."""
    try:
        return read_party_values(
            role=boxes["role"], name=boxes["name"], addresses=boxes["addresses"],
            phones=boxes["phones"], emails=boxes["emails"], dob=boxes["dob"],
            ssn_last4=boxes["ssn_last4"])
    except InvalidValue as error:
        for box, text in boxes.items():
            if has_full_ssn(text):  # the box shows the stored value again, not the number
                st.session_state.pop(box_key(party_id, version, box), None)
        st.session_state[FLASH_KEY] = ("error", error.message)
        return None


def forget_party_widgets(party_id: int) -> None:
    """Drop the boxes that hold a party as this tab last saw it (after a conflict)."""
    for key in [k for k in st.session_state if isinstance(k, str)]:
        if key.startswith(f"party_{party_id}_"):
            del st.session_state[key]


def _save(username: str, party_id: int, version: int, values: PartyValues,
          next_party_id: int | None = None, page: int | None = None,
          bbox: list[float] | None = None) -> None:
    with db_session() as session:
        result = party_saves.save_party(session, party_id, user=username,
                                        expected_version=version, values=values,
                                        page=page, bbox=bbox)
    if result.conflict:
        forget_party_widgets(party_id)
    if result.saved and next_party_id is not None:
        st.session_state[PARTY_KEY] = next_party_id
    _flash(result)


def save_party(username: str, party_id: int, version: int,
               next_party_id: int | None = None) -> None:
    """Save what the boxes hold (an accept when nothing changed), then the next party."""
    values = _read(_boxes(party_id, version), party_id, version)
    if values is not None:
        _save(username, party_id, version, values, next_party_id)


def reject_party(username: str, party_id: int, version: int,
                 next_party_id: int | None = None) -> None:
    """Reject the party (not a party, or not in the document), then the next open one; what
    is typed in its boxes is not saved."""
    with db_session() as session:
        result = party_reject.reject_party(session, party_id, user=username,
                                           expected_version=version)
    if result.conflict:
        forget_party_widgets(party_id)
    if result.saved and next_party_id is not None:
        st.session_state[PARTY_KEY] = next_party_id
    _flash(result)


def use_picked(username: str, party_id: int, version: int, picked_text: str,
               bbox: list[float], page: int, use_key: str) -> None:
    """Put the words picked on the page into the chosen box (a contact is added to the
    ones there, a name or date replaces) and save the party with every box as typed."""
    boxes = _boxes(party_id, version)
    target = str(st.session_state.get(use_key) or "")
    if target not in USE_AS:
        st.session_state[FLASH_KEY] = ("error", "Say what the picked words are first.")
        return
    if target in LIST_BOXES:
        boxes[target] = "\n".join(v for v in (boxes[target].strip(), picked_text) if v)
    else:
        boxes[target] = picked_text
    values = _read(boxes, party_id, version)
    if values is None:
        return
    at_name = target == "name"  # the party's box is where its name is printed
    _save(username, party_id, version, values, page=page if at_name else None,
          bbox=bbox if at_name else None)


def add_party(username: str, document_id: int, document_version: int, role_key: str,
              picked_text: str, bbox: list[float], page: int) -> None:
    """A party the extractor missed, named by the words picked on the page; it becomes the
    party in hand, so its address and phone can be picked next."""
    role = str(st.session_state.get(role_key) or "debtor")
    try:
        values = read_party_values(role=role, name=picked_text)
    except InvalidValue as error:
        st.session_state[FLASH_KEY] = ("error", error.message)
        return
    with db_session() as session:
        result = party_saves.add_party(session, document_id, user=username, values=values,
                                       page=page, bbox=bbox,
                                       expected_document_version=document_version)
    if result.saved:
        st.session_state[PARTY_KEY] = result.party_id
    _flash(result)
