"""Who is signed in, which pages their role opens, and the session token that survives a reload.

Review state, locks and the audit trail live in the database; the Streamlit
session only remembers who signed in and what they are looking at. A reload starts
a new Streamlit session: the signed token in the ``?session=`` query parameter
(``review.sessions``) brings the user back until it expires, idles out or is
signed out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from core.settings import SessionSettings
from review.locks import release_user_locks
from review.sessions import (
    IDLE,
    SessionEnded,
    SessionStore,
    end_session,
    resume,
    signing_key,
    start_session,
)
from review.users import SignedIn
from workbench.db import db_session

USER_KEY = "signed_in"
TOKEN_KEY = "session_token"
ACTIVE_KEY = "last_active"  # when this Streamlit session last ran (the idle clock)
NOTICE_KEY = "session_notice"
SESSION_PARAM = "session"

# Which roles open which page (admins open every page).
PAGE_ROLES: dict[str, tuple[str, ...]] = {
    "intake": ("intake",),
    "review": ("reviewer",),
    "skip_trace": ("investigator",),
    # Reviewers export training data only; debtor data needs review.purpose_log's roles.
    "export": ("investigator", "reviewer", "compliance"),
    "overview": ("intake", "reviewer", "investigator", "compliance"),
    "audit": ("compliance",),
}


def current_user() -> SignedIn | None:
    return st.session_state.get(USER_KEY)


def require_page(page: str) -> SignedIn:
    """Stop the page unless the signed-in user's role opens it."""
    user = current_user()
    if user is None:
        st.warning("Please sign in.")
        st.stop()
    if not user.may(*PAGE_ROLES[page]):
        allowed = ", ".join(PAGE_ROLES[page] + ("admin",))
        st.error(f"This page is for {allowed}; you are signed in as {user.role}.")
        st.stop()
    return user


def begin_session(user: SignedIn, *, now: datetime | None = None) -> str:
    """After a successful sign-in: remember the user and carry a new token in the URL."""
    settings = SessionSettings.from_env()
    now = now or datetime.now(UTC)
    token = start_session(SessionStore.default(settings), user.username,
                          key=signing_key(settings), settings=settings, now=now)
    st.session_state[USER_KEY] = user
    st.session_state[TOKEN_KEY] = token
    st.session_state[ACTIVE_KEY] = now
    st.query_params[SESSION_PARAM] = token
    return token


def keep_session(now: datetime | None = None) -> None:
    """Run first on every rerun: end an idle or revoked session, or resume one from the URL.

    A user in the session who has been idle too long, or whose token was signed out
    (in another tab) or expired, is signed out with a notice; a new Streamlit session
    (a reload, a link opened in the same browser) with a valid ``?session=`` token is
    signed in again as the token's user, with the role the ``user`` table holds now."""
    settings = SessionSettings.from_env()
    now = now or datetime.now(UTC)
    user = current_user()
    token = st.session_state.get(TOKEN_KEY)
    if user is not None:
        last = st.session_state.get(ACTIVE_KEY)
        if last is not None and now - last > timedelta(minutes=settings.idle_minutes):
            sign_out(notice=IDLE.format(minutes=settings.idle_minutes))
            return
        if token:
            try:
                with db_session() as session:
                    resume(session, SessionStore.default(settings), token,
                           key=signing_key(settings), settings=settings, now=now)
            except SessionEnded as ended:
                sign_out(notice=f"Signed out: {ended.message}.")
                return
        st.session_state[ACTIVE_KEY] = now
        keep_token_in_url()
        return
    text = st.query_params.get(SESSION_PARAM)
    if not text:
        return
    try:
        with db_session() as session:
            resumed = resume(session, SessionStore.default(settings), text,
                             key=signing_key(settings), settings=settings, now=now)
    except SessionEnded as ended:
        del st.query_params[SESSION_PARAM]
        st.session_state[NOTICE_KEY] = f"Please sign in again: {ended.message}."
        return
    st.session_state[USER_KEY] = resumed.user
    st.session_state[TOKEN_KEY] = text
    st.session_state[ACTIVE_KEY] = now


def keep_token_in_url() -> None:
    """Put the session token back in the URL (a page or a page switch may have cleared it)."""
    token = st.session_state.get(TOKEN_KEY)
    if token and st.query_params.get(SESSION_PARAM) != token:
        st.query_params[SESSION_PARAM] = token


def sign_out(notice: str | None = None) -> None:
    """Forget the user, revoke their token and give back the documents they had open."""
    user = current_user()
    token = st.session_state.get(TOKEN_KEY)
    if user is not None:
        with db_session() as session:
            release_user_locks(session, user.username)
    if token:
        settings = SessionSettings.from_env()
        end_session(SessionStore.default(settings), token, key=signing_key(settings))
    st.session_state.clear()
    if SESSION_PARAM in st.query_params:
        del st.query_params[SESSION_PARAM]
    if notice:
        st.session_state[NOTICE_KEY] = notice
