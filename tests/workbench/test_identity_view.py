"""What the identity page shows, and the skip-trace page through AppTest: the timeline,
merge with a preview and a confirmation, results without merged identities, long queries."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from models.tables import AccessLog, Identity, Observation, SearchLog
from review.purpose_log import PERMISSIBLE_PURPOSES
from skiptrace.merge_split import merge_identities
from skiptrace.search import MAX_QUERY_CHARS, search_identities
from tests.workbench.conftest import add_debtor, add_document
from tests.workbench.test_app_pages import open_with_purpose
from tests.workbench.test_app_review import signed_in_app
from workbench.db import db_session
from workbench.identity_view import (
    active_identity_ids,
    identity_sources,
    identity_summary,
    query_refusal,
    resolve_identity,
    short_label,
)

SKIP = "workbench/pages/skip_trace.py"


def test_identity_sources_show_document_snippet_and_masked_ssn(session):
    document = add_document(session)
    identity, party = add_debtor(session, document)
    [source] = identity_sources(session, identity.id)
    assert (source.document_id, source.file_name, source.ssn) == (
        document.id, "claim.pdf", "•••-••-4821")
    assert source.snippet.startswith("v. JOHN Q SAMPLE, Defendant")



def test_resolve_identity_finds_the_survivor(session):
    survivor = Identity(display_name="A")
    session.add(survivor)
    session.flush()
    merged = Identity(display_name="B", status="merged", merged_into=survivor.id)
    session.add(merged)
    session.flush()
    assert resolve_identity(session, merged.id).id == survivor.id


def _two_debtors(session):
    first, second = add_document(session, name="a.pdf"), add_document(session, name="b.pdf")
    keep, _ = add_debtor(session, first)
    other, _ = add_debtor(session, second, name="Jon Sample",
                          address="9 Elm Ave, Springfield, IL 62704", phone="+12175550199")
    return keep, other


def test_identity_summary_counts_and_masks(session):
    keep, other = _two_debtors(session)
    summary = identity_summary(session, other.id)
    assert (summary.names, summary.dobs, summary.ssn) == (
        ["Jon Sample"], ["1981-04-09"], ["•••-••-4821"])
    assert (summary.addresses, summary.phones, summary.documents, summary.status) == (
        1, 1, 1, "active")
    assert identity_summary(session, 9999) is None


def test_a_merged_identity_is_no_search_result_and_not_active(session):
    keep, other = _two_debtors(session)
    assert {hit.identity_id for hit in search_identities(session, "Sample")} == {keep.id,
                                                                                 other.id}
    merge_identities(session, keep.id, other.id, "ines", "same person")
    assert [hit.identity_id for hit in search_identities(session, "Sample")] == [keep.id]
    assert active_identity_ids(session, [keep.id, other.id]) == {keep.id}


def test_short_label_cuts_with_an_ellipsis():
    assert short_label("12 Oak St") == "12 Oak St"
    cut = short_label("x" * 100, 20)
    assert len(cut) == 20 and cut.endswith("…")


def _skip_app(identity_id: int):
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.run()
    app.session_state["skip_identity"] = identity_id
    app.run()
    open_with_purpose(app)
    assert not app.exception, app.exception
    return app


def _views(session) -> list[tuple[int | None, str]]:
    rows = session.exec(select(AccessLog).where(AccessLog.action == "identity_view")
                        .order_by(AccessLog.id)).all()
    return [(row.identity_id, row.detail) for row in rows]


def test_merge_shows_both_side_by_side_and_waits_for_confirmation(database_url):
    with db_session() as session:
        keep, other = _two_debtors(session)
    app = _skip_app(keep.id)
    app.number_input(key="merge_other").set_value(other.id)
    app.text_input(key="merge_reason").input("same DOB and SSN-4")
    next(b for b in app.button if b.label == "Preview merge").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        assert session.get(Identity, other.id).status == "active"  # nothing merged yet
        assert _views(session)[-1] == (other.id, f"merge preview beside #{keep.id}")
    text = "\n".join(m.value for m in app.markdown)
    assert f"Keeps: #{keep.id}" in text and f"Merged in: #{other.id}" in text
    assert "Jon Sample" in text and "•••-••-4821" in text
    assert [m.value for m in app.metric if m.label == "Documents"][-2:] == ["1", "1"]
    app.button(key="merge_confirm").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        assert session.get(Identity, other.id).merged_into == keep.id
        assert _views(session)[-1] == (other.id, f"merged into #{keep.id}")
    assert any(f"#{other.id} merged into #{keep.id}" in s.value for s in app.success)


def test_a_cancelled_merge_changes_nothing(database_url):
    with db_session() as session:
        keep, other = _two_debtors(session)
    app = _skip_app(keep.id)
    app.number_input(key="merge_other").set_value(other.id)
    app.text_input(key="merge_reason").input("maybe")
    next(b for b in app.button if b.label == "Preview merge").click()
    app.run()
    app.button(key="merge_cancel").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        assert session.get(Identity, other.id).status == "active"
    assert not [b for b in app.button if b.key == "merge_confirm"]


def test_search_results_drop_an_identity_merged_after_the_search(database_url):
    with db_session() as session:
        keep, other = _two_debtors(session)
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.run()
    app.text_input(key="skip_query").input("Sample")
    app.selectbox(key="skip_purpose").select(PERMISSIBLE_PURPOSES[0])
    next(b for b in app.button if b.label == "Search").click()
    app.run()
    assert sorted(app.dataframe[0].value["identity"]) == sorted([keep.id, other.id])
    with db_session() as session:
        merge_identities(session, keep.id, other.id, "someone", "elsewhere")
    app.run()
    assert app.dataframe[0].value["identity"].tolist() == [keep.id]


def test_a_long_query_is_refused_with_a_message_and_the_box_is_capped(database_url):
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.run()
    assert app.text_input(key="skip_query").max_chars == MAX_QUERY_CHARS
    app.text_input(key="skip_query").input("smith " * 40_000)  # a pasted page
    app.selectbox(key="skip_purpose").select(PERMISSIBLE_PURPOSES[0])
    next(b for b in app.button if b.label == "Search").click()
    app.run(timeout=10)  # Streamlit drops a value longer than the box allows: no search
    assert not app.exception, app.exception
    assert app.error  # a message, never a hang
    with db_session() as session:
        assert session.exec(select(SearchLog)).all() == []
    # What gets past the box (a script, an older client) is refused with this message.
    message = query_refusal("smith " * 40_000)
    assert message.startswith("Not searched: the search query is 240,000 characters long")
    assert "at most 500" in message and query_refusal("John Sample") is None


def test_the_address_timeline_has_one_band_per_dated_value(database_url):
    with db_session() as session:
        document = add_document(session)
        identity, party = add_debtor(session, document)
        long_street = "1420 Extraordinarily Long Boulevard Name Apartment 12B, Springfield, IL"
        for number, (value, day) in enumerate([(long_street, date(2021, 5, 1)),
                                               ("77 Pine Rd, Springfield, IL", date(2019, 1, 1)),
                                               ("5 Undated Way, Springfield, IL", None)]):
            session.add(Observation(identity_id=identity.id, party_id=party.id,
                                    document_id=document.id, kind="address", value=value,
                                    normalized=f"addr {number}", observed_on=day,
                                    source_type=document.doc_type))
    app = _skip_app(identity.id)
    [chart] = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    rows = spec["layer"][0]["encoding"]["y"]["sort"]  # the bands, best first
    assert len(rows) == len(set(rows)) == 3  # three dated values, one band each
    assert any(row.endswith("…") for row in rows)
    assert spec["height"] == 3 * 30 + 24
    assert any("1 address(es) undated" in c.value for c in app.caption)
