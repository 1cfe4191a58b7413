"""Review: the fields of one document beside its page, lowest confidence first.

Every button writes through ``review.saves`` in a callback (``workbench.review_actions``)
that carries the versions the reviewer saw when the page was drawn, so a save made on
stale values is refused and recorded as a conflict.
"""

from __future__ import annotations

import io
from functools import partial

import pandas as pd
import streamlit as st
from PIL import Image
from sqlmodel import col, select

from core.vocabulary import DOC_TYPES, DROPPED_FIELD_STATUSES, FIELD_NAMES, MACHINE_FIELD_STATUSES
from models.row_ids import stored_id
from models.tables import Document, ExtractedFieldRow, Page
from review import locks, policy, saves, work_queue
from workbench import review_actions
from workbench.access import require_page
from workbench.db import db_session
from workbench.formatting import short_time
from workbench.overlay import BoxToDraw, confidence_level, draw_boxes, to_png, zoomed_box
from workbench.page_chart import (
    BOX_PARAM,
    WORD_PARAM,
    chart_size,
    image_uri,
    page_chart,
    picked_words,
)
from workbench.page_image import REVIEW_DPI, page_image
from workbench.page_words import LineChoice, distance_to_box, page_lines, union_bbox
from workbench.resources import review_settings
from workbench.review_actions import (
    APP_RERUN_KEY,
    DOC_KEY,
    FIELD_KEY,
    FLASH_KEY,
    LEFT_KEY,
    chosen_words,
)
from workbench.review_labels import (
    DECISIONS,
    confidence_tints,
    field_label,
    queue_label,
    status_label,
)

ZOOM_DPI = 200
# Chart widths (px) the reviewer can pick; the default fits the page column at a 1280 px
# window, wider ones scroll inside the page panel (pan) instead of running under the fields.
PAGE_WIDTHS = (420, 480, 560, 680, 800, 960, 1200)
PAGE_WIDTH_KEY = "review_page_width"
DEFAULT_PAGE_WIDTH = 420
PAGE_PANEL_HEIGHT = 820

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


# --- drawing ------------------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def _page_png(document_id: int, sha256: str, page_number: int, dpi: int) -> tuple[bytes, bool]:
    """The rendered page, once per document page (sha256 keeps the cache honest)."""
    with db_session() as session:
        image, original = page_image(session, document_id, page_number, dpi)
    return to_png(image), original


@st.cache_resource(max_entries=8, show_spinner=False)
def _page_picture(document_id: int, sha256: str, page_number: int, dpi: int) -> Image.Image:
    """The rendered page decoded once (never drawn on: every drawing works on a copy)."""
    png, _ = _page_png(document_id, sha256, page_number, dpi)
    return Image.open(io.BytesIO(png)).convert("RGB")


@st.cache_data(max_entries=64, show_spinner=False)
def _page_uri(document_id: int, sha256: str, page_number: int, boxes: tuple[BoxToDraw, ...],
              selected_id: int | None, size: tuple[int, int]) -> tuple[str, bool]:
    """The page with its field boxes drawn, as the chart's background (once per state)."""
    _, original = _page_png(document_id, sha256, page_number, REVIEW_DPI)
    drawn = draw_boxes(_page_picture(document_id, sha256, page_number, REVIEW_DPI), boxes,
                       REVIEW_DPI, selected=selected_id)
    return image_uri(drawn, size), original


@st.cache_data(max_entries=256, show_spinner=False)
def _zoom_png(document_id: int, sha256: str, page_number: int, bbox: tuple[float, ...],
              confidence: float, field_id: int) -> bytes:
    """The close-up of one field's box (once per field box, not on every rerun)."""
    page = _page_picture(document_id, sha256, page_number, ZOOM_DPI)
    return to_png(zoomed_box(page, BoxToDraw(field_id, "", bbox, confidence), ZOOM_DPI))


def _line_picker(lines: list[LineChoice], near: list[float] | None, key: str) -> None:
    """Pick a line of the page (nearest the field's box first) and the words in it."""
    order = list(range(len(lines)))
    if near and len(near) == 4:
        cx, cy = (near[0] + near[2]) / 2, (near[1] + near[3]) / 2
        order.sort(key=lambda i: distance_to_box(cx, cy, lines[i].bbox))
    st.selectbox("Line on the page", order, index=None, key=f"{key}_line",
                 format_func=lambda i: lines[i].text[:90],
                 placeholder="Pick the line that holds the value")
    line_index = st.session_state.get(f"{key}_line")
    if line_index is not None:
        words = lines[line_index].words
        st.multiselect("Words", list(range(len(words))), default=list(range(len(words))),
                       format_func=lambda i: words[i]["text"], key=f"{key}_words")


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

head_left, head_right = st.columns([4, 1], vertical_alignment="bottom")
with head_left:
    document_id = st.selectbox(
        f"Review queue · {len(queue)} document(s), lowest confidence first", options,
        index=options.index(current),
        format_func=lambda i: (queue_label(by_id[i], user.username) if i in by_id
                               else f"#{i} (not in queue)"))
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

with head_right:
    st.button("Next document", icon=":material/skip_next:", on_click=release_and_next,
              args=(document_id,), shortcut="Alt+J", width="stretch")

if locked_message:
    st.warning(f"Read only: {locked_message}.")
read_only = locked_message is not None


@st.fragment
def document_panels(document_id: int, read_only: bool) -> None:
    """The page and the field panel: what a decision changes, rerun alone (the queue, the
    triage check and the lock above are not redone on every click)."""
    if st.session_state.pop(APP_RERUN_KEY, False):
        st.rerun(scope="app")  # the document is done: the queue must move on
    with db_session() as session:
        document = session.get(Document, document_id)
        if document is None:
            st.rerun(scope="app")
            return
        fields = saves.document_fields(session, document_id)
        pages = list(session.exec(select(Page).where(Page.document_id == document_id)
                                  .order_by(col(Page.number))).all())
        history = saves.field_history(session, document_id)
        session.expunge_all()

    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])

    open_ids = [f.id for f in fields if policy.needs_review(f, document)]
    field_ids = [f.id for f in fields]
    if st.session_state.get(FIELD_KEY) not in field_ids:
        st.session_state[FIELD_KEY] = open_ids[0] if open_ids else (
            field_ids[0] if field_ids else None)
    selected_id = st.session_state.get(FIELD_KEY)
    selected = next((f for f in fields if f.id == selected_id), None)

    st.caption(f"**{document.file_name}** · {document.doc_type} · "
               f"{document.page_count or len(pages)} page(s) · {len(open_ids)} of {len(fields)} "
               f"field(s) open · review status: {document.review_status}")

    page_col, fields_col = st.columns([11, 9], gap="medium")

    with page_col:
        page_numbers = [p.number for p in pages] or [1]
        shown_page = selected.page if selected is not None and selected.page in page_numbers \
            else page_numbers[0]
        with st.container(horizontal=True, vertical_alignment="bottom"):
            if len(page_numbers) > 1:
                shown_page = st.segmented_control(
                    "Page", page_numbers, default=shown_page,
                    key=f"page_{document_id}_{selected_id}") or shown_page
            if PAGE_WIDTH_KEY not in st.session_state:
                st.session_state[PAGE_WIDTH_KEY] = DEFAULT_PAGE_WIDTH
            width = st.select_slider("Page zoom (width in px)", PAGE_WIDTHS, key=PAGE_WIDTH_KEY,
                                     help="Wider than the panel: scroll inside it to pan.")
        shown = next((p for p in pages if p.number == shown_page), None)
        # A field a person decided is drawn green: its confidence no longer matters.
        boxes = tuple(BoxToDraw(stored_id(f), f.name, tuple(f.bbox), f.confidence
                                if f.status in MACHINE_FIELD_STATUSES else 1.0) for f in fields
                      if f.page == shown_page and f.status not in DROPPED_FIELD_STATUSES)
        shown_words = shown.words if shown is not None else []
        picked: list[dict] = []
        original = True
        # a fixed-height panel that scrolls both ways: the page never runs under the fields
        with st.container(height=PAGE_PANEL_HEIGHT, border=False, key="review_page_panel"):
            if shown is not None and shown.width and shown.height:
                uri, original = _page_uri(document_id, document.sha256, shown_page, boxes,
                                          selected_id, chart_size(shown.width, shown.height,
                                                                  width))
                chart_key = f"page_chart_{document_id}_{shown_page}_{selected_id}_" + (
                    str(selected.version) if selected is not None else "") + f"_{width}"
                event = st.vega_lite_chart(
                    spec=page_chart(uri, shown_words, shown.width, shown.height, width),
                    on_select="rerun", selection_mode=[WORD_PARAM, BOX_PARAM],
                    key=chart_key, width="content", theme=None)
                picked = picked_words(event.selection if event is not None else None,
                                      shown_words)
            else:
                png, original = _page_png(document_id, document.sha256, shown_page, REVIEW_DPI)
                st.image(draw_boxes(Image.open(io.BytesIO(png)), boxes, REVIEW_DPI,
                                    selected_id), width="stretch")
        st.caption(f"Page {shown_page} of {len(page_numbers)} · click a word or drag a box to "
                   "fill the field in hand · boxes: red low, amber check, green high, blue in "
                   "hand" + ("" if original else
                             " · drawn from its words (original not on this machine)"))

    with fields_col:
        if fields:
            st.selectbox("Field in hand", field_ids, key=FIELD_KEY,
                         format_func=lambda i: field_label(next(f for f in fields if f.id == i)))
        if selected is not None:
            _field_in_hand(document, selected, pages, picked, shown_page, read_only)

        _fields_table(document, fields, read_only)
        st.caption("Keys: Alt+A accept & next (a typed value is saved as a correction) · "
                   "Alt+X reject · Alt+N not in document · Alt+J next document")

        if pages:
            with st.expander("Add a field the extractor missed", icon=":material/add_box:"):
                add_page = st.selectbox("Page", [p.number for p in pages], key="add_page")
                add_lines = page_lines(next(p.words for p in pages if p.number == add_page))
                st.selectbox("Field", FIELD_NAMES, key="add_name")
                _line_picker(add_lines, None, "add")
                st.button("Add field", disabled=read_only, on_click=add_missing,
                          args=(document_id, document.version, "add_line", "add_words",
                                "add_name", add_lines, add_page))

        with st.expander(f"History ({len(history)})", icon=":material/history:"):
            if history:
                st.dataframe(pd.DataFrame({
                    "when (UTC)": [short_time(c.created_at) for c in history],
                    "who": [c.user for c in history],
                    "field": [c.field_name for c in history],
                    "action": [c.action for c in history],
                    "old": [c.old_value for c in history],
                    "new": [c.new_value for c in history],
                    "outcome": [c.outcome for c in history],
                }), hide_index=True)
            else:
                st.caption("No changes yet.")


def _field_in_hand(document: Document, selected: ExtractedFieldRow, pages: list[Page],
                   picked: list[dict], shown_page: int, read_only: bool) -> None:
    """The close-up, the value box and the decision buttons of the field in hand."""
    field_key = f"{selected.id}_{selected.version}"
    value_key = f"value_{field_key}"
    if len(selected.bbox) == 4 and any(selected.bbox):
        st.image(_zoom_png(stored_id(document), document.sha256, selected.page,
                           tuple(selected.bbox), selected.confidence, stored_id(selected)),
                 width="stretch")
    else:
        st.caption("The extractor gave no box for this field.")
    with st.container(border=True):
        # One form for the value box and every decision: whichever button or key (Alt+A,
        # Alt+X, Alt+N) submits it carries what is typed in the box, committed or not.
        with st.form(f"correct_{field_key}", border=False):
            st.text_input(f"Value of {selected.name}", value=selected.value, key=value_key)
            with st.container(horizontal=True):
                st.form_submit_button(
                    "Accept & next", type="primary", icon=":material/check:",
                    shortcut="Alt+A", disabled=read_only, on_click=decide,
                    args=(selected.id, selected.version, "accept", value_key))
                st.form_submit_button(
                    "Save correction", icon=":material/edit:", disabled=read_only,
                    on_click=decide, args=(selected.id, selected.version, "correct",
                                           value_key))
                st.form_submit_button(
                    "Reject", icon=":material/close:", shortcut="Alt+X", disabled=read_only,
                    on_click=decide, args=(selected.id, selected.version, "reject"))
                st.form_submit_button(
                    "Not in document", icon=":material/block:", shortcut="Alt+N",
                    disabled=read_only, on_click=decide,
                    args=(selected.id, selected.version, "not_in_document"))
        st.caption(f"{selected.confidence:.2f} ({confidence_level(selected.confidence)}) · "
                   f"found by {selected.extractor} on page {selected.page} as "
                   f"“{selected.raw or selected.value}”")

    if picked:
        picked_text = " ".join(w["text"] for w in picked)
        with st.container(border=True):
            st.markdown(f"Picked on the page: **{picked_text[:120]}**")
            st.button(f"Use for {selected.name}", type="primary", icon=":material/input:",
                      disabled=read_only, on_click=decide,
                      args=(selected.id, selected.version, "correct", None,
                            list(union_bbox(picked)), shown_page, picked_text))

    page_words_ = next((p.words for p in pages if p.number == selected.page), [])
    selected_lines = page_lines(page_words_)
    if selected_lines:
        with st.expander("Fill from a line of the page", icon=":material/list:"):
            pick_key = f"pick_{field_key}"
            _line_picker(selected_lines, selected.bbox, pick_key)
            chosen = chosen_words(selected_lines, f"{pick_key}_line", f"{pick_key}_words")
            if chosen:
                st.button(f"Use “{' '.join(w['text'] for w in chosen)[:60]}”",
                          disabled=read_only, on_click=decide,
                          args=(selected.id, selected.version, "correct", None,
                                list(union_bbox(chosen)), selected.page,
                                " ".join(w["text"] for w in chosen)))


def _fields_table(document: Document, fields: list[ExtractedFieldRow], read_only: bool) -> None:
    """Every field at a glance; values are read-only here (typed in the value box above, so
    no keystroke is lost to a rerun), decisions for many fields at once are saved together."""
    seen = [{"id": f.id, "version": f.version, "value": f.value} for f in fields]
    table = pd.DataFrame({
        "field": [f.name for f in fields],
        "value": [f.value for f in fields],
        "confidence": [round(f.confidence, 2) for f in fields],
        "status": [status_label(f.status) for f in fields],
        "decision": [""] * len(fields),
    })
    editor_key = f"fields_editor_{stored_id(document)}_{document.version}"
    if not fields:  # an empty frame has float columns, which text columns refuse
        st.caption("The extractor found no field: say *Document done* if that is right, or "
                   "add the fields it missed.")
    else:
        st.data_editor(
            table.style.apply(confidence_tints, axis=1, subset=["confidence", "status"]),
            key=editor_key, hide_index=True, width="stretch",
            disabled=read_only or ["field", "value", "confidence", "status"],
            column_config={
                # the key columns first and narrow (340 px): they fit the field panel at 1280 px
                "field": st.column_config.TextColumn("field", width=100),
                "value": st.column_config.TextColumn("value", width=100),
                "confidence": st.column_config.NumberColumn("conf.", format="%.2f", width=50),
                "status": st.column_config.TextColumn("status", width=90),
                "decision": st.column_config.SelectboxColumn("decision", options=DECISIONS,
                                                             width=110),
            })
    with st.container(horizontal=True):
        st.button("Save table decisions", icon=":material/save:", disabled=read_only,
                  on_click=save_table, args=(editor_key, seen))
        st.button("Document done", icon=":material/task_alt:", disabled=read_only,
                  on_click=finish, args=(stored_id(document),))


document_panels(document_id, read_only)
