"""Sign-in that survives a reload, ends on expiry, forgery, sign-out and idleness, and deep
links that open their page after sign-in (AppTest; a reload is a new AppTest with the URL's
query string)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from core.settings import SessionSettings
from models.tables import Document, Identity
from review.sessions import SessionStore, issue_token, signing_key
from review.users import SignedIn, add_user
from tests.workbench.conftest import add_debtor, add_document
from workbench.access import ACTIVE_KEY, SESSION_PARAM, TOKEN_KEY, USER_KEY
from workbench.db import db_session
from workbench.review_actions import DOC_KEY

APP = str(Path(__file__).resolve().parents[2] / "workbench_app.py")
TIMEOUT = 60
PASSWORD = "correct horse"


def _app(path: str | None = None, **params: str) -> AppTest:
    """The app as a browser opening ``/path?params`` (a deep link, a reload)."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params = dict(params)
    if path:
        app._page_hash = calc_hash(path)  # the page a URL path names (st.Page hashes url_path)
    return app


def _sign_in(app: AppTest, username: str = "rita") -> AppTest:
    app.run()
    app.text_input[0].input(username)
    app.text_input[1].input(PASSWORD)
    app.button[0].click()
    app.run()
    assert not app.exception, app.exception
    return app


def _is_sign_in_form(app: AppTest) -> bool:
    return [t.label for t in app.text_input] == ["Username", "Password"]


@pytest.fixture()
def rita(database_url):
    with db_session() as session:
        add_user(session, "rita", PASSWORD, "reviewer")


def test_reload_with_the_token_stays_signed_in(rita):
    first = _sign_in(_app())
    token = first.query_params[SESSION_PARAM]
    assert token and first.session_state[TOKEN_KEY] == token
    reloaded = _app(**{SESSION_PARAM: token})
    reloaded.run()
    assert not reloaded.exception, reloaded.exception
    assert reloaded.session_state[USER_KEY] == SignedIn("rita", "reviewer")
    assert not _is_sign_in_form(reloaded)
    assert reloaded.query_params[SESSION_PARAM] == token  # kept in the URL


@pytest.mark.parametrize("kind", ["forged", "expired", "revoked", "none"])
def test_a_bad_token_shows_the_sign_in_form(rita, kind):
    settings = SessionSettings.from_env()
    if kind == "forged":
        token, _ = issue_token("rita", b"not this installation's key", hours=8)
    elif kind == "expired":
        token, stamp = issue_token("rita", signing_key(settings), hours=1,
                                   now=datetime.now(UTC) - timedelta(hours=2))
        SessionStore.default(settings).open(stamp, datetime.now(UTC))
    elif kind == "revoked":
        app = _sign_in(_app())
        token = app.query_params[SESSION_PARAM]
        next(b for b in app.sidebar.button if b.label == "Sign out").click()
        app.run()
        assert _is_sign_in_form(app) and SESSION_PARAM not in app.query_params
    else:
        token = "not-a-token"
    reloaded = _app(**{SESSION_PARAM: token})
    reloaded.run()
    assert not reloaded.exception, reloaded.exception
    assert _is_sign_in_form(reloaded)
    assert USER_KEY not in reloaded.session_state
    assert SESSION_PARAM not in reloaded.query_params
    assert any("sign in again" in i.value for i in reloaded.info)


def test_idle_timeout_signs_out_and_gives_back_locks(rita, monkeypatch):
    monkeypatch.setenv("CASETRACE_IDLE_MINUTES", "30")
    with db_session() as session:
        document = add_document(session)
    app = _sign_in(_app("review"))
    token = app.query_params[SESSION_PARAM]
    with db_session() as session:
        assert session.get(Document, document.id).lock_user == "rita"
    # 31 minutes pass without a click
    app.session_state[ACTIVE_KEY] = datetime.now(UTC) - timedelta(minutes=31)
    app.run()
    assert not app.exception, app.exception
    assert _is_sign_in_form(app)
    assert any("without activity" in i.value for i in app.info)
    with db_session() as session:
        assert session.get(Document, document.id).lock_user is None
    reloaded = _app(**{SESSION_PARAM: token})  # the token was revoked with it
    reloaded.run()
    assert _is_sign_in_form(reloaded)


def test_idle_token_on_reload_is_refused(rita, monkeypatch):
    monkeypatch.setenv("CASETRACE_IDLE_MINUTES", "30")
    token = _sign_in(_app()).query_params[SESSION_PARAM]
    store = SessionStore.default()
    token_id = next(iter(_token_ids(store)))
    store.touch(token_id, datetime.now(UTC) - timedelta(minutes=45))
    reloaded = _app(**{SESSION_PARAM: token})
    reloaded.run()
    assert _is_sign_in_form(reloaded)
    assert any("without activity" in i.value for i in reloaded.info)


def _token_ids(store: SessionStore) -> list[str]:
    with closing(sqlite3.connect(store.path)) as db:
        return [row[0] for row in db.execute("SELECT token_id FROM session")]


def test_deep_link_to_a_document_opens_it_after_sign_in(rita):
    with db_session() as session:
        add_document(session, name="first.pdf")
        wanted = add_document(session, name="wanted.pdf", doc_type="judgment")
    app = _app("review", doc=str(wanted.id))
    app.run()
    assert not app.exception, app.exception
    assert _is_sign_in_form(app)  # the sign-in form, not "Page not found"
    _sign_in(app)
    assert app.session_state[DOC_KEY] == wanted.id
    assert app.selectbox[0].value == wanted.id
    assert app.query_params.get(SESSION_PARAM)  # the token survives the page clearing ?doc=


def test_deep_link_to_an_identity_opens_skip_trace_after_sign_in(database_url):
    with db_session() as session:
        add_user(session, "ines", PASSWORD, "investigator")
        document = add_document(session)
        identity, _ = add_debtor(session, document)
        assert session.exec(select(Identity)).first() is not None
    app = _app("skip_trace", identity=str(identity.id))
    app.run()
    assert _is_sign_in_form(app)
    _sign_in(app, "ines")
    assert [t.value for t in app.title] == ["Skip trace"]
    assert app.session_state["skip_identity"] == identity.id
    assert app.selectbox(key="skip_view_purpose")  # the purpose question before any person
