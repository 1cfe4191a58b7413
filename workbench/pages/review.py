"""Review: the fields and the parties of one document beside its page.

Every button writes through ``review.saves`` / ``review.party_saves`` in a callback
(``workbench.review_actions``, ``workbench.party_actions``) that carries the versions the
reviewer saw when the page was drawn, so a save made on stale values is refused and
recorded as a conflict. The page fits its column by default (``workbench.page_fit``); a
zoom wider than the column scrolls inside the page panel (pan).
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import partial

import streamlit as st
from PIL import Image
from sqlmodel import col, select

from core.vocabulary import DOC_TYPES, DROPPED_FIELD_STATUSES, FIELD_NAMES, MACHINE_FIELD_STATUSES
from models.row_ids import stored_id
from models.tables import Document, Page
from review import locks, party_saves, policy, saves, work_queue
from workbench import party_actions, review_actions
from workbench.access import require_page
from workbench.db import db_session
from workbench.field_panel import FieldCallbacks, field_in_hand, fields_table, line_picker
from workbench.overlay import BoxToDraw, draw_boxes
from workbench.page_cache import page_png, page_uri
from workbench.page_chart import BOX_PARAM, WORD_PARAM, chart_size, page_chart, picked_words
from workbench.page_fit import column_width, fit_width
from workbench.page_image import REVIEW_DPI
from workbench.page_words import page_lines
from workbench.party_panel import PartyCallbacks, party_in_hand, party_panel
from workbench.resources import review_settings
from workbench.review_actions import (
    APP_RERUN_KEY,
    DOC_KEY,
    FIELD_KEY,
    LEFT_KEY,
    QUEUE_PICK_KEY,
    take_flash,
)
from workbench.review_history import history_expander
from workbench.review_labels import field_label, queue_label

# Page zoom: "fit" draws the page at its column's width (measured in the browser); a wider
# zoom scrolls inside the page panel (pan) instead of running under the fields.
FIT = "fit"
PAGE_WIDTHS: tuple[str | int, ...] = (FIT, 560, 680, 800, 960, 1200, 1500)
PAGE_WIDTH_KEY = "review_page_width"
PAGE_PANEL_HEIGHT = 820
MODE_KEY = "review_mode"
MODES = ("Fields", "Parties")
MODE_SHORTCUTS = ("Alt+F", "Alt+P")

DOCUMENT_PARAMS = ("document", "doc")
APPLIED_DOC_KEY = "review_applied_document_param"
user = require_page("review")
settings = review_settings()
# The callbacks, bound to the signed-in reviewer (they run before the rerun).
decide = partial(review_actions.decide, user.username)
save_table = partial(review_actions.save_table, user.username)
add_missing = partial(review_actions.add_missing, user.username)
finish = partial(review_actions.finish, user.username)
release_and_next = partial(review_actions.release_and_next, user.username)
field_calls = FieldCallbacks(decide=decide, save_table=save_table, finish=finish)
party_calls = PartyCallbacks(save_party=partial(party_actions.save_party, user.username),
                             use_picked=partial(party_actions.use_picked, user.username),
                             add_party=partial(party_actions.add_party, user.username),
                             reject_party=partial(party_actions.reject_party, user.username))


# --- the page -----------------------------------------------------------------------

with st.sidebar:
    st.subheader("Queue")
    doc_type = st.selectbox("Document type", ("all", *DOC_TYPES), key="review_doc_type")
    field_filter = st.selectbox("Field", ("all", *FIELD_NAMES), key="review_field_filter")
    st.caption(f"Fields at confidence ≥ {settings.auto_accept_threshold:.2f} are auto-accepted; "
               f"{settings.audit_share:.0%} of fully auto-accepted documents come here for audit. "
               f"A document stays locked to you for {settings.lock_minutes} min.")

with db_session() as session:
    policy.triage_pending(session, settings)
    queue = work_queue.review_queue(session, doc_type=None if doc_type == "all" else doc_type,
                                field_name=None if field_filter == "all" else field_filter)

# A deep link (/review?document=N, or the older ?doc=N) opens that document; the address
# then keeps naming the open document, so a reload (or a copied link) comes back to it. A
# parameter is applied once: after that the queue picker decides. Only these parameters are
# touched: the sign-in token rides in the query string too.
for param in DOCUMENT_PARAMS:
    requested = st.query_params.get(param)
    if requested is not None and requested != st.session_state.get(APPLIED_DOC_KEY):
        if requested.isdigit():
            st.session_state[DOC_KEY] = int(requested)
        st.session_state[APPLIED_DOC_KEY] = requested
    if param != DOCUMENT_PARAMS[0] and param in st.query_params:
        del st.query_params[param]

by_id = {item.document_id: item for item in queue}
options = list(by_id)
current = st.session_state.get(DOC_KEY)
if current is not None and current not in by_id:
    options.insert(0, current)
if not options:
    st.title("Review")
    st.success("Nothing to review. New documents appear here as soon as they are extracted.")
    st.stop()
left = st.session_state.pop(LEFT_KEY, None)
if current not in options:
    # "Next document" moves past the one just left, even when it still ranks first
    current = options[(options.index(left) + 1) % len(options)] if left in options \
        else options[0]

document_id = current
if document_id != st.session_state.get(DOC_KEY):
    st.session_state[DOC_KEY] = document_id
    st.session_state.pop(FIELD_KEY, None)
st.session_state[APPLIED_DOC_KEY] = str(document_id)
st.query_params[DOCUMENT_PARAMS[0]] = str(document_id)

locked_message = None
with db_session() as session:
    try:
        locks.acquire_lock(session, document_id, user.username, settings)
    except locks.DocumentLocked as error:
        locked_message = error.message
    if session.get(Document, document_id) is None:
        st.error(f"Document {document_id} does not exist.")
        st.session_state.pop(DOC_KEY, None)
        st.stop()


def _queue_row(document_id: int, queue_size: int, options: list[int],
               by_id: dict[int, work_queue.QueueItem], live: work_queue.QueueItem | None
               ) -> None:
    """The queue picker and Next document, drawn inside the fragment so the open document's
    label is counted from its fields as they are now (``live``), not as the queue query
    last saw them. Picking another document or Next document reruns the whole page."""
    labels = {**by_id, **({document_id: live} if live is not None else {})}
    # The picker's options travel as their labels: a label that changes (the open count
    # after a decision) needs a new widget, or the browser sends back the old label.
    shown = labels.get(document_id)
    pick_key = f"{QUEUE_PICK_KEY}_{document_id}_" + (
        f"{shown.open_fields}_{shown.min_confidence}" if shown is not None else "")
    head_left, head_right = st.columns([3, 1], vertical_alignment="bottom")
    with head_left:
        st.selectbox(
            f"Review queue · {queue_size} document(s), lowest confidence first", options,
            index=options.index(document_id), key=pick_key,
            on_change=review_actions.pick_document, args=(pick_key,),
            format_func=lambda i: (queue_label(labels[i], user.username) if i in labels
                                   else f"#{i} (not in queue)"))
    with head_right:
        st.button("Next document", icon=":material/skip_next:", on_click=release_and_next,
                  args=(document_id,), shortcut="Alt+J", width="stretch")


def _live_item(item: work_queue.QueueItem | None, open_fields: list) -> work_queue.QueueItem | None:
    if item is None:
        return None
    lowest = min((f.confidence for f in open_fields), default=item.min_confidence)
    return replace(item, open_fields=len(open_fields), min_confidence=lowest)


def _page_boxes(fields, parties, shown_page: int, mode: str) -> tuple[BoxToDraw, ...]:
    """The boxes drawn on the page: the fields', or in party review the parties'. A field
    or party a person decided is drawn green: its confidence no longer matters; a rejected
    one is not drawn."""
    if mode == MODES[1]:
        return tuple(BoxToDraw(stored_id(p), p.role, tuple(p.bbox), p.confidence
                               if p.status == "extracted" else 1.0) for p in parties
                     if p.page == shown_page and len(p.bbox) == 4
                     and p.status not in DROPPED_FIELD_STATUSES)
    return tuple(BoxToDraw(stored_id(f), f.name, tuple(f.bbox), f.confidence
                           if f.status in MACHINE_FIELD_STATUSES else 1.0) for f in fields
                 if f.page == shown_page and f.status not in DROPPED_FIELD_STATUSES)


def _page_column(document: Document, pages: list[Page], boxes_for, in_hand, mode: str
                 ) -> tuple[list[dict], int]:
    """The page with its boxes, clickable; returns the words picked on it and its number."""
    page_numbers = [p.number for p in pages] or [1]
    shown_page = in_hand.page if in_hand is not None and in_hand.page in page_numbers \
        else page_numbers[0]
    in_hand_id = stored_id(in_hand) if in_hand is not None else None
    state = f"{mode}_{in_hand_id}_{in_hand.version if in_hand is not None else ''}"
    with st.container(horizontal=True, vertical_alignment="bottom"):
        if len(page_numbers) > 1:
            shown_page = st.segmented_control(
                "Page", page_numbers, default=shown_page,
                key=f"page_{document.id}_{mode}_{in_hand_id}") or shown_page
        zoom = st.select_slider("Page zoom (width in px)", PAGE_WIDTHS, value=FIT,
                                key=PAGE_WIDTH_KEY,
                                format_func=lambda w: "fit" if w == FIT else str(w),
                                help="Fit: the page fills its column. Wider: scroll inside "
                                     "the panel to pan.")
    width = fit_width(column_width("review_page_column")) if zoom == FIT else int(zoom)
    shown = next((p for p in pages if p.number == shown_page), None)
    boxes = boxes_for(shown_page)
    picked: list[dict] = []
    original = True
    # a fixed-height panel that scrolls both ways: the page never runs under the fields
    with st.container(height=PAGE_PANEL_HEIGHT, border=False, key="review_page_panel"):
        if shown is not None and shown.width and shown.height:
            uri, original = page_uri(stored_id(document), document.sha256, shown_page, boxes,
                                     in_hand_id, chart_size(shown.width, shown.height, width))
            event = st.vega_lite_chart(
                spec=page_chart(uri, shown.words, shown.width, shown.height, width),
                on_select="rerun", selection_mode=[WORD_PARAM, BOX_PARAM],
                key=f"page_chart_{document.id}_{shown_page}_{state}_{width}",
                width="content", theme=None)
            picked = picked_words(event.selection if event is not None else None, shown.words)
        else:
            png, original = page_png(stored_id(document), document.sha256, shown_page,
                                     REVIEW_DPI)
            st.image(draw_boxes(Image.open(io.BytesIO(png)), boxes, REVIEW_DPI, in_hand_id),
                     width="stretch")
    target = "the party in hand, or name a new party" if mode == MODES[1] \
        else "fill the field in hand"
    st.caption(f"Page {shown_page} of {len(page_numbers)} · click a word or drag a box to "
               f"{target} · boxes: red low, amber check, green high, blue in hand"
               + ("" if original else " · drawn from its words (original not on this machine)"))
    return picked, shown_page


def _add_field_expander(document: Document, pages: list[Page], read_only: bool) -> None:
    with st.expander("Add a field the extractor missed", icon=":material/add_box:"):
        add_page = st.selectbox("Page", [p.number for p in pages], key="add_page")
        add_lines = page_lines(next(p.words for p in pages if p.number == add_page))
        st.selectbox("Field", FIELD_NAMES, key="add_name")
        line_picker(add_lines, None, "add")
        st.button("Add field", disabled=read_only, on_click=add_missing,
                  args=(stored_id(document), document.version, "add_line", "add_words",
                        "add_name", add_lines, add_page))


@st.fragment
def document_panels(document_id: int, locked_message: str | None, queue_size: int,
                    options: list[int], by_id: dict[int, work_queue.QueueItem]) -> None:
    """The page and the field or party panel: what a decision changes, rerun alone (the
    queue, the triage check and the lock above are not redone on every click)."""
    if st.session_state.pop(APP_RERUN_KEY, False):
        st.rerun(scope="app")  # the document is done: the queue must move on
    with db_session() as session:
        document = session.get(Document, document_id)
        if document is None:
            st.rerun(scope="app")
            return
        fields = saves.document_fields(session, document_id)
        parties = party_saves.document_parties(session, document_id)
        pages = list(session.exec(select(Page).where(Page.document_id == document_id)
                                  .order_by(col(Page.number))).all())
        history = saves.field_history(session, document_id)
        session.expunge_all()

    open_fields = [f for f in fields if policy.needs_review(f, document)]
    open_ids = [f.id for f in open_fields]
    _queue_row(document_id, queue_size, options, by_id,
               _live_item(by_id.get(document_id), open_fields))
    read_only = locked_message is not None
    if locked_message:
        st.warning(f"Read only: {locked_message}.")
    flash = take_flash()
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])

    field_ids = [f.id for f in fields]
    if st.session_state.get(FIELD_KEY) not in field_ids:
        st.session_state[FIELD_KEY] = open_ids[0] if open_ids else (
            field_ids[0] if field_ids else None)
    selected = next((f for f in fields if f.id == st.session_state.get(FIELD_KEY)), None)
    open_parties = sum(p.status == "extracted" for p in parties)

    st.caption(f"**{document.file_name}** · {document.doc_type} · "
               f"{document.page_count or len(pages)} page(s) · {len(open_ids)} of {len(fields)} "
               f"field(s) open · {open_parties} of {len(parties)} "
               f"{'party' if len(parties) == 1 else 'parties'} to review · "
               f"review status: {document.review_status}")

    mode = st.session_state.get(MODE_KEY) or MODES[0]
    in_hand = party_in_hand(parties) if mode == MODES[1] else selected
    page_col, panel_col = st.columns([11, 9], gap="medium")
    with page_col:
        picked, shown_page = _page_column(
            document, pages, partial(_page_boxes, fields, parties, mode=mode), in_hand, mode)

    with panel_col:
        with st.container(horizontal=True):
            for name, shortcut in zip(MODES, MODE_SHORTCUTS, strict=True):
                st.button(name, shortcut=shortcut, key=f"{MODE_KEY}_{name}",
                          type="primary" if mode == name else "secondary",
                          on_click=st.session_state.__setitem__, args=(MODE_KEY, name))
        if mode == MODES[1]:
            shown_words = next((p.words for p in pages if p.number == shown_page), [])
            party_panel(document, parties, picked, shown_words, shown_page, read_only,
                        party_calls)
        else:
            if fields:
                st.selectbox("Field in hand", field_ids, key=FIELD_KEY,
                             format_func=lambda i: field_label(next(f for f in fields
                                                                    if f.id == i)))
            if selected is not None:
                field_in_hand(document, selected, pages, picked, shown_page, read_only,
                              field_calls, settings.auto_accept_threshold)
            fields_table(document, fields, read_only, field_calls)
            st.caption("Keys: Alt+A accept & next (a typed value is saved as a correction) · "
                       "Alt+X reject · Alt+N not in document · Alt+J next document · "
                       "Alt+P parties")
            if pages:
                _add_field_expander(document, pages, read_only)
        history_expander(history)


document_panels(document_id, locked_message, len(queue), options, by_id)
