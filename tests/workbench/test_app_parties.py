"""The review page's party panel through AppTest, on a temporary SQLite database."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Correction, Document, Party
from review.party_saves import save_party
from review.party_values import PartyValues
from tests.workbench.conftest import add_debtor, add_document
from tests.workbench.test_app_review import signed_in_app
from workbench.db import db_session

REVIEW = "workbench/pages/review.py"



def _party_picker(app):
    """The "Party in hand" picker (a new widget per party in hand: see party_actions)."""
    return next(s for s in app.selectbox if s.label == "Party in hand")

def _parties_panel(username: str = "rita"):
    app = signed_in_app(username)
    app.switch_page(REVIEW)
    app.run()
    next(b for b in app.button if b.label == "Parties").click().run()
    assert not app.exception
    return app


def _box(app, label: str):
    return next(w for w in [*app.text_input, *app.text_area] if w.label == label)


def _save(app):
    next(b for b in app.button if b.label == "Save party & next").click()
    app.run()
    assert not app.exception


def test_a_party_is_shown_and_its_phone_corrected_with_an_audit_row(database_url):
    with db_session() as session:
        document = add_document(session)
        _, party = add_debtor(session, document)
    app = _parties_panel()
    assert _box(app, "Party name").value == "John Q Sample"
    assert _box(app, "SSN last 4").value == "4821"
    assert _box(app, "Phones (one per line)").value == "+12175550143"
    _box(app, "Phones (one per line)").input("(414) 205-4039")
    _save(app)
    assert any("party John Q Sample: corrected" in s.value for s in app.success)
    with db_session() as session:
        stored = session.get(Party, party.id)
        audit = session.exec(select(Correction).where(Correction.party_id == party.id)).one()
    assert stored.phones == ["+14142054039"] and stored.reviewed_by == "rita"
    assert (audit.field_name, audit.old_value, audit.new_value) == (
        "party.phones", "+12175550143", "+14142054039")
    assert stored.identity_id is not None  # relinked


def test_a_full_ssn_typed_in_a_party_box_is_refused_and_dropped(database_url):
    with db_session() as session:
        document = add_document(session)
        _, party = add_debtor(session, document)
    app = _parties_panel()
    _box(app, "SSN last 4").input("123-45-6789")
    _save(app)
    errors = [e.value for e in app.error]
    assert errors and "full SSN" in errors[0] and "6789" not in errors[0]
    assert _box(app, "SSN last 4").value == "4821"  # the box shows the stored last four
    with db_session() as session:
        assert session.get(Party, party.id).ssn_last4 == "4821"
        assert not session.exec(select(Correction)).all()


def test_a_bad_phone_is_refused_with_its_reason(database_url):
    with db_session() as session:
        document = add_document(session)
        add_debtor(session, document)
    app = _parties_panel()
    _box(app, "Phones (one per line)").input("555-01")
    _save(app)
    assert any("not a valid phone number" in e.value for e in app.error)


def test_a_stale_party_save_shows_the_winning_value(database_url):
    with db_session() as session:
        document = add_document(session)
        _, party = add_debtor(session, document)
    app = _parties_panel()
    with db_session() as session:  # the same reviewer's other tab saves first
        row = session.get(Party, party.id)
        values = PartyValues.of(row)
        winner = PartyValues(**{**{a: getattr(values, a) for a in values.__slots__},
                                "name": "John Quincy Sample"})
        assert save_party(session, party.id, user="rita", expected_version=row.version,
                          values=winner).saved
    _box(app, "Party name").input("Jon Sample")
    _save(app)
    assert any("Not saved" in e.value for e in app.error)
    assert _box(app, "Party name").value == "John Quincy Sample"
    with db_session() as session:
        conflict = session.exec(select(Correction).where(
            Correction.outcome == "conflict")).one()
    assert conflict.user == "rita" and conflict.party_id == party.id
    assert conflict.new_value == "Jon Sample"


def test_a_document_without_parties_says_how_to_add_one(database_url):
    with db_session() as session:
        add_document(session)
    app = _parties_panel()
    captions = " ".join(c.value for c in app.caption)
    assert "found no party" in captions and "Click the words of its name" in captions


def _pick_line(app, starts: str, words: list[int] | None = None):
    picker = next(s for s in app.selectbox if s.label == "Line on the page")
    picker.select(next(o for o in picker.options if o.startswith(starts)))
    app.run()
    if words is not None:
        next(m for m in app.multiselect if m.label == "Words").set_value(words)
        app.run()
    assert not app.exception


def test_a_missed_party_is_added_from_words_of_the_page(database_url):
    with db_session() as session:
        document = add_document(session)
        add_debtor(session, document)
    app = _parties_panel()
    _pick_line(app, "MIDLAND CREDIT", [0, 1, 2, 3])
    assert any("New party named" in m.value for m in app.markdown)
    app.selectbox(key="review_add_party_role").select("creditor")
    next(b for b in app.button if b.label == "Add as a new party").click()
    app.run()
    assert not app.exception
    assert any("party MIDLAND CREDIT MANAGEMENT INC: added" in s.value for s in app.success)
    with db_session() as session:
        added = session.exec(select(Party).where(Party.status == "added")).one()
        audit = session.exec(select(Correction).where(Correction.party_id == added.id)).all()
    assert (added.role, added.extractor, added.identity_id) == ("creditor", "reviewer", None)
    assert added.bbox[1] == 72.0 + 3 * 20.0  # the box of the words picked
    assert sorted(c.field_name for c in audit) == ["party.name", "party.role"]
    assert _party_picker(app).value == added.id  # the new party is in hand


def test_picked_words_fill_the_box_they_read_as(database_url):
    with db_session() as session:
        document = add_document(session)
        _, party = add_debtor(session, document)
    app = _parties_panel()
    _pick_line(app, "v. JOHN Q SAMPLE", [1, 2, 3])
    use_as = next(s for s in app.selectbox if s.label == "Use the picked words as")
    assert use_as.value == "name"
    next(b for b in app.button if b.label == "Use picked words").click()
    app.run()
    assert not app.exception
    with db_session() as session:
        stored = session.get(Party, party.id)
    assert stored.name == "JOHN Q SAMPLE" and stored.status == "corrected"
    assert stored.bbox[1] == 72.0 + 4 * 20.0  # the name's box moved to the words picked


def test_a_wrongly_read_party_is_rejected_and_the_next_one_taken_in_hand(database_url):
    with db_session() as session:
        document = add_document(session)
        identity, wrong = add_debtor(session, document)
        _, other = add_debtor(session, document, "Mary Ann Example",
                              address="9 Pine Rd, Madison, WI 53703", phone="+16085550101")
    app = _parties_panel()
    assert _party_picker(app).value == wrong.id
    reject = next(b for b in app.button if b.label == "Reject party")
    assert reject.proto.shortcut.lower() == "alt+x"  # the key fields use for reject
    reject.click()
    app.run()
    assert not app.exception
    assert any("party John Q Sample: rejected" in s.value for s in app.success)
    assert _party_picker(app).value == other.id
    table = app.dataframe[0].value
    assert list(table["status"]) == ["rejected", "to review"]
    with db_session() as session:
        stored = session.get(Party, wrong.id)
        audit = session.exec(select(Correction).where(Correction.party_id == wrong.id)).one()
    assert (stored.status, stored.reviewed_by, stored.identity_id) == ("rejected", "rita", None)
    assert (audit.action, audit.user, audit.outcome) == ("reject", "rita", "saved")
    _party_picker(app).select(wrong.id).run()
    assert next(b for b in app.button if b.label == "Reject party").disabled
    assert any("Save it to bring it back" in c.value for c in app.caption)


def test_document_done_accepts_the_open_parties_with_audit_rows(database_url):
    with db_session() as session:
        document = add_document(session, fields=[])
        _, party = add_debtor(session, document)
        seen = party.version
    app = signed_in_app("rita")
    app.switch_page(REVIEW)
    app.run()
    next(b for b in app.button if b.label == "Document done").click()
    app.run()
    assert not app.exception
    assert any("Nothing to review" in s.value for s in app.success)  # the queue moved on
    with db_session() as session:
        stored = session.get(Party, party.id)
        audit = session.exec(select(Correction).where(Correction.party_id == party.id)).one()
        reviewed = session.get(Document, document.id).review_status
    assert reviewed == "reviewed"
    assert (stored.status, stored.version, stored.reviewed_by) == ("accepted", seen + 1, "rita")
    assert (audit.action, audit.user, audit.outcome) == ("accept", "rita", "saved")


def _picks_in_order():
    """A page that replays what the browser sent in the races the party e2e met."""
    import streamlit as st

    from workbench.party_actions import PARTY_KEY, pick_party, picker_key

    st.session_state[PARTY_KEY] = 2  # a save moved the party in hand from 1 to 2
    st.session_state[picker_key(1)] = 1  # the old picker's value, sent back by the browser
    pick_party(picker_key(1), [1, 2])
    st.session_state[picker_key(2)] = "debtor · John Q Sample · to review"  # a label
    pick_party(picker_key(2), [1, 2])
    st.session_state["after_stale"] = st.session_state[PARTY_KEY]
    st.session_state[picker_key(2)] = 1  # the reviewer picks party 1 in the shown picker
    pick_party(picker_key(2), [1, 2])
    st.session_state["after_pick"] = st.session_state[PARTY_KEY]


def test_only_the_shown_picker_can_change_the_party_in_hand():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_picks_in_order).run()
    assert not app.exception
    assert app.session_state["after_stale"] == 2  # neither stale message moved it back
    assert app.session_state["after_pick"] == 1


def _flashes_in_order():
    """A page that takes the flash as three runs in a row would."""
    import streamlit as st

    from workbench.review_actions import FLASH_KEY, FLASH_SHOWN_KEY, take_flash

    st.session_state[FLASH_KEY] = ("success", "party John Q Sample: corrected")
    st.session_state["first"] = take_flash()
    st.session_state["stray_rerun"] = take_flash()  # a run the browser starts at once
    kind, message, shown_at = st.session_state[FLASH_SHOWN_KEY]
    st.session_state[FLASH_SHOWN_KEY] = (kind, message, shown_at - 60)
    st.session_state["a_minute_later"] = take_flash()


def test_a_decision_message_survives_a_stray_rerun_but_not_the_next_action():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_flashes_in_order).run()
    assert not app.exception
    message = ("success", "party John Q Sample: corrected")
    assert app.session_state["first"] == message
    assert app.session_state["stray_rerun"] == message
    assert app.session_state["a_minute_later"] is None
