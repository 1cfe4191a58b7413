"""The field panel of the review page: the field in hand and the table of every field.

The decision callbacks (``workbench.review_actions``) are bound to the signed-in reviewer
by the page and passed in as ``FieldCallbacks``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models.row_ids import stored_id
from models.tables import Document, ExtractedFieldRow, Page
from review.acceptance import acceptance_reason
from workbench.overlay import confidence_level
from workbench.page_cache import zoom_png
from workbench.page_words import LineChoice, distance_to_box, page_lines, union_bbox
from workbench.review_actions import chosen_words
from workbench.review_labels import DECISIONS, confidence_tints, status_label


@dataclass(frozen=True, slots=True)
class FieldCallbacks:
    """The page's callbacks, bound to the signed-in reviewer."""

    decide: Callable[..., None]
    save_table: Callable[..., None]
    finish: Callable[..., None]


def line_picker(lines: list[LineChoice], near: list[float] | None, key: str) -> None:
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



def field_in_hand(document: Document, selected: ExtractedFieldRow, pages: list[Page],
                   picked: list[dict], shown_page: int, read_only: bool,
                   calls: FieldCallbacks, auto_accept_threshold: float) -> None:
    """The close-up, the value box and the decision buttons of the field in hand, and why
    it was or was not auto-accepted."""
    field_key = f"{selected.id}_{selected.version}"
    value_key = f"value_{field_key}"
    if len(selected.bbox) == 4 and any(selected.bbox):
        st.image(zoom_png(stored_id(document), document.sha256, selected.page,
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
                    shortcut="Alt+A", disabled=read_only, on_click=calls.decide,
                    args=(selected.id, selected.version, "accept", value_key))
                st.form_submit_button(
                    "Save correction", icon=":material/edit:", disabled=read_only,
                    on_click=calls.decide, args=(selected.id, selected.version, "correct",
                                           value_key))
                st.form_submit_button(
                    "Reject", icon=":material/close:", shortcut="Alt+X", disabled=read_only,
                    on_click=calls.decide, args=(selected.id, selected.version, "reject"))
                st.form_submit_button(
                    "Not in document", icon=":material/block:", shortcut="Alt+N",
                    disabled=read_only, on_click=calls.decide,
                    args=(selected.id, selected.version, "not_in_document"))
        st.caption(f"{selected.confidence:.2f} ({confidence_level(selected.confidence)}) · "
                   f"found by {selected.extractor} on page {selected.page} as "
                   f"“{selected.raw or selected.value}”")
        st.caption(acceptance_reason(selected.status, selected.confidence, selected.evidence,
                                     auto_accept_threshold, selected.reviewed_by))

    if picked:
        picked_text = " ".join(w["text"] for w in picked)
        with st.container(border=True):
            st.markdown(f"Picked on the page: **{picked_text[:120]}**")
            st.button(f"Use for {selected.name}", type="primary", icon=":material/input:",
                      disabled=read_only, on_click=calls.decide,
                      args=(selected.id, selected.version, "correct", None,
                            list(union_bbox(picked)), shown_page, picked_text))

    page_words_ = next((p.words for p in pages if p.number == selected.page), [])
    selected_lines = page_lines(page_words_)
    if selected_lines:
        with st.expander("Fill from a line of the page", icon=":material/list:"):
            pick_key = f"pick_{field_key}"
            line_picker(selected_lines, selected.bbox, pick_key)
            chosen = chosen_words(selected_lines, f"{pick_key}_line", f"{pick_key}_words")
            if chosen:
                st.button(f"Use “{' '.join(w['text'] for w in chosen)[:60]}”",
                          disabled=read_only, on_click=calls.decide,
                          args=(selected.id, selected.version, "correct", None,
                                list(union_bbox(chosen)), selected.page,
                                " ".join(w["text"] for w in chosen)))


def fields_table(document: Document, fields: list[ExtractedFieldRow], read_only: bool,
                 calls: FieldCallbacks) -> None:
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
                  on_click=calls.save_table, args=(editor_key, seen))
        st.button("Document done", icon=":material/task_alt:", disabled=read_only,
                  on_click=calls.finish, args=(stored_id(document),))
