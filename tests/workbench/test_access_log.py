"""Every look at a debtor is logged: identity views by link, exports, the audit page and
the sign-in door, through Streamlit's AppTest on a real database."""

from __future__ import annotations

from sqlmodel import select

from models.tables import AccessLog
from review.purpose_log import PERMISSIBLE_PURPOSES
from tests.workbench.conftest import add_debtor, add_document
from tests.workbench.test_app_pages import open_with_purpose
from tests.workbench.test_app_review import signed_in_app
from workbench.db import db_session

SKIP = "workbench/pages/skip_trace.py"


def _page_text(app) -> str:
    """Everything the page drew as text: headings, markdown, metrics, captions, tables."""
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info",
                                  "error", "success", "warning")
             for e in getattr(app, kind)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(map(str, parts))


def _views(session) -> list[tuple[str, int | None, str | None]]:
    rows = session.exec(select(AccessLog).where(AccessLog.action == "identity_view")
                        .order_by(AccessLog.id)).all()
    return [(row.user, row.identity_id, row.purpose) for row in rows]


def _debtor():
    with db_session() as session:
        identity, party = add_debtor(session, add_document(session))
    return identity, party


def test_a_deep_link_without_a_purpose_shows_the_question_and_nothing_of_the_person(
        database_url):
    identity, party = _debtor()
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.query_params["identity"] = str(identity.id)
    app.run()
    assert not app.exception, app.exception
    text = _page_text(app)
    assert app.selectbox(key="skip_view_purpose") is not None
    for secret in (party.name, "Sample", party.dob, party.ssn_last4, "Oak St", "0143"):
        assert secret not in text, secret
    assert not app.metric and not app.tabs
    with db_session() as session:
        assert _views(session) == []


def test_a_purpose_opens_the_identity_with_exactly_one_row_even_over_reruns(database_url):
    identity, party = _debtor()
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.query_params["identity"] = str(identity.id)
    app.run()
    open_with_purpose(app, PERMISSIBLE_PURPOSES[1])
    assert not app.exception, app.exception
    text = _page_text(app)
    assert party.name in text and party.dob in text and party.ssn_last4 in text
    app.run()
    app.run()
    with db_session() as session:
        assert _views(session) == [("ines", identity.id, PERMISSIBLE_PURPOSES[1])]


def test_another_identity_asks_again_and_the_same_purpose_takes_one_click(database_url):
    first, _ = _debtor()
    with db_session() as session:
        second, other = add_debtor(session, add_document(session, name="b.pdf"),
                                   name="Mary Other")
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.query_params["identity"] = str(first.id)
    app.run()
    open_with_purpose(app, PERMISSIBLE_PURPOSES[2])
    app.query_params["identity"] = str(second.id)
    app.run()
    assert "Mary Other" not in _page_text(app)
    next(b for b in app.button if b.key == "skip_reuse_purpose").click()
    app.run()
    assert not app.exception, app.exception
    assert "Mary Other" in _page_text(app)
    with db_session() as session:
        assert _views(session) == [("ines", first.id, PERMISSIBLE_PURPOSES[2]),
                                   ("ines", second.id, PERMISSIBLE_PURPOSES[2])]


def test_a_search_hit_opens_with_the_search_purpose_and_one_view_row(database_url):
    identity, party = _debtor()
    app = signed_in_app("ines", "investigator")
    app.switch_page(SKIP)
    app.run()
    app.text_input(key="skip_query").input("John Sample")
    app.selectbox(key="skip_purpose").select(PERMISSIBLE_PURPOSES[0])
    next(b for b in app.button if b.label == "Search").click()
    app.run()
    app.run()
    assert party.dob in _page_text(app)
    with db_session() as session:
        assert _views(session) == [("ines", identity.id, PERMISSIBLE_PURPOSES[0])]


def _exports(session) -> list[AccessLog]:
    return list(session.exec(select(AccessLog).where(AccessLog.action == "export")).all())


def test_a_reviewer_gets_no_debtor_export_and_nothing_is_logged(database_url):
    _, party = _debtor()
    app = signed_in_app("rita", "reviewer")
    app.switch_page("workbench/pages/export.py")
    app.run()
    assert not app.exception, app.exception
    assert party.name not in _page_text(app)
    assert not [b for b in app.button if b.key in ("prepare_debtors", "prepare_cases")]
    with db_session() as session:
        assert _exports(session) == []


def test_a_debtor_export_needs_a_purpose_and_is_logged_with_filters_and_rows(database_url):
    _, party = _debtor()
    app = signed_in_app("ines", "investigator")
    app.switch_page("workbench/pages/export.py")
    app.run()
    assert party.name not in _page_text(app)
    next(b for b in app.button if b.key == "prepare_debtors").click()
    app.run()
    assert any("permissible purpose" in e.value for e in app.error)
    assert party.name not in _page_text(app)
    with db_session() as session:
        assert _exports(session) == []
    app.selectbox(key="export_purpose").select(PERMISSIBLE_PURPOSES[0])
    app.text_input(key="export_name").input("sample")
    app.checkbox(key="export_unreviewed").check()  # the test's document is still in review
    app.run()
    next(b for b in app.button if b.key == "prepare_debtors").click()
    app.run()
    app.run()
    assert not app.exception, app.exception
    assert party.name in _page_text(app)
    with db_session() as session:
        rows = _exports(session)
    assert [(r.user, r.purpose, r.row_count, r.filters) for r in rows] == [
        ("ines", PERMISSIBLE_PURPOSES[0], 1,
         {"kind": "debtors", "name_contains": "sample", "doc_types": [],
          "include_unreviewed": True, "batch_id": None, "uploaded_from": None,
          "uploaded_to": None})]


def test_training_data_needs_no_purpose_but_is_logged(database_url):
    app = signed_in_app("rita", "reviewer")
    app.switch_page("workbench/pages/export.py")
    app.run()
    next(b for b in app.button if b.key == "prepare_training").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        rows = _exports(session)
    assert [(r.user, r.purpose, r.filters["kind"], r.row_count) for r in rows] == [
        ("rita", None, "training", 0)]


def test_the_audit_page_shows_views_to_compliance_and_is_closed_to_reviewers(database_url):
    identity, _ = _debtor()
    with db_session() as session:
        session.add(AccessLog(user="ines", action="identity_view", identity_id=identity.id,
                              purpose=PERMISSIBLE_PURPOSES[3]))
    app = signed_in_app("cora", "compliance")
    app.switch_page("workbench/pages/audit.py")
    app.run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert list(table["user"]) == ["ines"] and list(table["purpose"]) == [PERMISSIBLE_PURPOSES[3]]
    app.selectbox(key="audit_purpose").select(PERMISSIBLE_PURPOSES[0])
    app.run()
    assert not app.dataframe
    reviewer = signed_in_app("rita", "reviewer")
    try:
        reviewer.switch_page("workbench/pages/audit.py")
    except ValueError:  # not even in the reviewer's navigation
        return
    reviewer.run()
    assert reviewer.error


def test_the_sign_in_form_locks_after_failures_without_naming_the_user(database_url,
                                                                       monkeypatch):
    monkeypatch.setenv("CASETRACE_MAX_FAILED_SIGN_INS", "2")
    from streamlit.testing.v1 import AppTest

    from review.users import add_user
    from tests.workbench.test_app_review import APP, TIMEOUT

    with db_session() as session:
        add_user(session, "rita", "correct horse", "reviewer")
    messages = {}
    for name in ("rita", "nobody"):
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
        app.run()
        seen = []
        for password in ("wrong one", "wrong two", "correct horse"):
            app.text_input[0].input(name)
            app.text_input[1].input(password)
            app.button[0].click()
            app.run()
            seen.append(app.error[0].value if app.error else "signed in")
        messages[name] = seen
    assert messages["rita"] == messages["nobody"]
    assert messages["rita"][0] == "Wrong username or password."
    assert "Too many failed sign-ins" in messages["rita"][2]  # the right password, refused
    with db_session() as session:
        locked = session.exec(select(AccessLog).where(AccessLog.action == "account_locked")).all()
    assert sorted(row.user for row in locked) == ["nobody", "rita"]
