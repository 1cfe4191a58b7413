"""The review page through Streamlit's AppTest, on a temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from models.tables import Correction, Document, ExtractedFieldRow
from review.users import SignedIn, add_user
from tests.workbench.conftest import add_document
from workbench.access import USER_KEY
from workbench.db import db_session

APP = str(Path(__file__).resolve().parents[2] / "workbench_app.py")
TIMEOUT = 60


def signed_in_app(username: str = "rita", role: str = "reviewer", *,
                  through_form: bool = False) -> AppTest:
    """The app with a signed-in user: through the sign-in form as a person would, or (faster,
    no bcrypt round) with the signed-in user put in the session as the form leaves it."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if not through_form:
        app.session_state[USER_KEY] = SignedIn(username, role)
        app.run()
        return app
    with db_session() as session:
        add_user(session, username, "correct horse", role)
    app.run()
    app.text_input[0].input(username)
    app.text_input[1].input("correct horse")
    app.button[0].click()
    app.run()
    return app


def test_sign_in_form_opens_the_pages_of_the_role(database_url):
    app = signed_in_app("rita", "reviewer", through_form=True)
    assert not app.exception
    assert app.session_state[USER_KEY] == SignedIn("rita", "reviewer")
    assert any("rita" in m.value and "reviewer" in m.value for m in app.sidebar.markdown)


def test_sign_in_rejects_a_wrong_password(database_url):
    with db_session() as session:
        add_user(session, "rita", "correct horse", "reviewer")
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.run()
    app.text_input[0].input("rita")
    app.text_input[1].input("wrong horse")
    app.button[0].click()
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == ["Wrong username or password."]


def test_review_page_renders_queue_and_page_image(database_url):
    with db_session() as session:
        document = add_document(session)
    app = signed_in_app()
    app.switch_page("workbench/pages/review.py")
    app.run()
    assert not app.exception
    queue = next(s for s in app.selectbox if s.label.startswith("Review queue"))
    assert queue.value == document.id
    assert "lowest 0.55" in queue.format_func(queue.value)
    assert len(app.image) == 1  # the zoom on the field in hand
    assert len(app.get("vega_lite_chart")) == 1  # the clickable page


def test_review_page_correction_is_saved_with_its_audit_row(database_url):
    with db_session() as session:
        document = add_document(session)
    app = signed_in_app()
    app.switch_page("workbench/pages/review.py")
    app.run()
    # the field in hand is the lowest-confidence open one: amount_due (0.55)
    value_input = next(t for t in app.text_input if t.label == "Value of amount_due")
    value_input.input("1,300.00")
    next(b for b in app.button if b.label == "Save correction").click()
    app.run()
    assert not app.exception
    assert any("amount_due: corrected" in s.value for s in app.success)
    with db_session() as session:
        field = session.exec(select(ExtractedFieldRow).where(
            ExtractedFieldRow.document_id == document.id,
            ExtractedFieldRow.name == "amount_due")).one()
        correction = session.exec(select(Correction).where(
            Correction.field_id == field.id)).one()
    assert (field.value, field.status) == ("1300.00", "corrected")
    assert (correction.user, correction.old_value, correction.new_value) == (
        "rita", "1234.56", "1300.00")


def test_review_page_is_closed_to_an_intake_user(database_url):
    app = signed_in_app("ivan", "intake")
    assert not any(b.label == "Save correction" for b in app.button)
    # reached by its file directly, the page still checks the role
    page = AppTest.from_file(str(Path(APP).parent / "workbench/pages/review.py"),
                             default_timeout=TIMEOUT)
    page.session_state[USER_KEY] = SignedIn("ivan", "intake")
    page.run()
    assert any("This page is for reviewer" in e.value for e in page.error)


def test_review_page_accept_and_next_moves_to_the_next_open_field(database_url):
    with db_session() as session:
        add_document(session)
    app = signed_in_app()
    app.switch_page("workbench/pages/review.py")
    app.run()
    assert app.selectbox(key="review_field").format_func(
        app.selectbox(key="review_field").value).startswith("amount_due")
    next(b for b in app.button if b.label == "Accept & next").click()
    app.run()
    assert not app.exception
    in_hand = app.selectbox(key="review_field")
    assert in_hand.format_func(in_hand.value).startswith("filing_date")


def test_review_page_fills_a_field_from_a_line_of_the_page(database_url):
    with db_session() as session:
        document = add_document(session)
    app = signed_in_app()
    app.switch_page("workbench/pages/review.py")
    app.run()
    line_picker = next(s for s in app.selectbox if s.label == "Line on the page")
    amount_line = next(o for o in line_picker.options if o.startswith("Amount claimed"))
    line_picker.select(amount_line)
    app.run()
    words = next(m for m in app.multiselect if m.label == "Words")
    words.set_value([2])  # only "$1,234.56"
    app.run()
    next(b for b in app.button if b.label.startswith("Use “$1,234.56”")).click()
    app.run()
    assert not app.exception
    with db_session() as session:
        field = session.exec(select(ExtractedFieldRow).where(
            ExtractedFieldRow.document_id == document.id,
            ExtractedFieldRow.name == "amount_due")).one()
        correction = session.exec(select(Correction).where(
            Correction.field_id == field.id)).one()
    assert field.value == "1234.56" and field.status in ("accepted", "corrected")
    assert correction.new_bbox == field.bbox


def test_a_second_reviewer_sees_a_locked_document_read_only(database_url):
    with db_session() as session:
        add_document(session)
    first = signed_in_app("rita")
    first.switch_page("workbench/pages/review.py")
    first.run()
    second = signed_in_app("sam")
    second.switch_page("workbench/pages/review.py")
    second.run()
    assert not second.exception
    assert any("being reviewed by rita" in w.value for w in second.warning)
    assert next(b for b in second.button if b.label == "Accept & next").disabled


def test_leaving_the_review_page_gives_the_lock_back(database_url):
    with db_session() as session:
        document = add_document(session)
    app = signed_in_app("ada", "admin")
    app.switch_page("workbench/pages/review.py")
    app.run()
    with db_session() as session:
        assert session.get(Document, document.id).lock_user == "ada"
    app.switch_page("workbench/pages/overview.py")
    app.run()
    assert not app.exception
    with db_session() as session:
        assert session.get(Document, document.id).lock_user is None


def _open_review(username: str = "rita") -> AppTest:
    app = signed_in_app(username)
    app.switch_page("workbench/pages/review.py")
    app.run()
    return app


def _amount_due(document_id: int) -> ExtractedFieldRow:
    with db_session() as session:
        return session.exec(select(ExtractedFieldRow).where(
            ExtractedFieldRow.document_id == document_id,
            ExtractedFieldRow.name == "amount_due")).one()


def test_accept_with_a_typed_value_saves_the_typed_value_as_a_correction(database_url):
    with db_session() as session:
        document = add_document(session)
    app = _open_review()
    next(t for t in app.text_input if t.label == "Value of amount_due").input("250.00")
    next(b for b in app.button if b.label == "Accept & next").click()
    app.run()
    assert not app.exception
    field = _amount_due(document.id)
    with db_session() as session:
        correction = session.exec(select(Correction).where(
            Correction.field_id == field.id)).one()
    assert (field.value, field.status) == ("250.00", "corrected")
    assert (correction.action, correction.old_value, correction.new_value) == (
        "correct", "1234.56", "250.00")


def test_accept_with_an_unreadable_typed_value_is_refused_not_dropped(database_url):
    with db_session() as session:
        document = add_document(session)
    app = _open_review()
    next(t for t in app.text_input if t.label == "Value of amount_due").input("about fifty")
    next(b for b in app.button if b.label == "Accept & next").click()
    app.run()
    assert not app.exception
    assert app.error, "an unreadable typed value must be refused with a message"
    field = _amount_due(document.id)
    assert (field.value, field.status) == ("1234.56", "extracted")


def test_the_table_holds_no_editable_values(database_url):
    with db_session() as session:
        add_document(session)
    app = _open_review()
    # values are typed in the value box; the table takes decisions only (no keystroke
    # saved from a cell, none lost to a rerun)
    assert not any(b.label == "Save table edits" for b in app.button)
    assert any(b.label == "Save table decisions" for b in app.button)


def test_after_a_conflict_the_losing_tab_shows_the_winning_value(database_url):
    with db_session() as session:
        document = add_document(session)
    loser = _open_review("rita")
    winner = _open_review("rita")  # the same reviewer in a second tab
    next(t for t in winner.text_input if t.label == "Value of amount_due").input("999.00")
    next(b for b in winner.button if b.label == "Save correction").click()
    winner.run()
    assert _amount_due(document.id).value == "999.00"
    next(t for t in loser.text_input if t.label == "Value of amount_due").input("111.00")
    next(b for b in loser.button if b.label == "Save correction").click()
    loser.run()
    assert not loser.exception
    assert any("Not saved" in e.value for e in loser.error)
    assert _amount_due(document.id).value == "999.00"
    assert next(t for t in loser.text_input
                if t.label == "Value of amount_due").value == "999.00"


def test_next_document_moves_past_the_document_left(database_url):
    with db_session() as session:
        first = add_document(session, name="a.pdf")
        second = add_document(session, name="b.pdf")
    app = _open_review()
    assert app.session_state["review_doc"] == first.id
    next(b for b in app.button if b.label == "Next document").click()
    app.run()
    assert not app.exception
    # the first still ranks first (nothing decided), yet the next one opens
    assert app.session_state["review_doc"] == second.id
