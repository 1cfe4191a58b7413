"""Session tokens without Streamlit: signed, expiring, revocable, idle-limited."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from core.settings import SessionSettings
from review.sessions import (
    SessionEnded,
    SessionStore,
    end_session,
    issue_token,
    read_token,
    resume,
    signing_key,
    start_session,
)
from review.users import SignedIn, add_user

NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
KEY = b"k" * 32


@pytest.fixture()
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions.sqlite3")


def test_a_token_reads_back_and_a_changed_one_does_not():
    text, token = issue_token("rita", KEY, hours=8, now=NOW)
    assert read_token(text, KEY, now=NOW + timedelta(hours=7)) == token
    payload, signature = text.split(".")
    with pytest.raises(SessionEnded, match="not valid"):
        read_token(text, b"another installation's key", now=NOW)
    with pytest.raises(SessionEnded, match="not valid"):
        read_token(payload[:-2] + "AA." + signature, KEY, now=NOW)
    with pytest.raises(SessionEnded, match="not valid"):
        read_token("garbage", KEY, now=NOW)
    with pytest.raises(SessionEnded, match="expired"):
        read_token(text, KEY, now=NOW + timedelta(hours=8, seconds=1))


def test_the_secret_file_is_made_once_and_private(tmp_path):
    settings = SessionSettings(folder=str(tmp_path / "s"))
    key = signing_key(settings)
    assert len(key) == 64 and signing_key(settings) == key
    mode = stat.S_IMODE(os.stat(tmp_path / "s" / "session_secret").st_mode)
    assert mode == 0o600
    assert signing_key(SessionSettings(secret="from the environment")) == b"from the environment"


def test_resume_sign_out_and_idle(session, store):
    add_user(session, "rita", "correct horse", "reviewer")
    settings = SessionSettings(idle_minutes=30)
    text = start_session(store, "rita", key=KEY, settings=settings, now=NOW)
    later = NOW + timedelta(minutes=20)
    assert resume(session, store, text, key=KEY, settings=settings,
                  now=later).user == SignedIn("rita", "reviewer")
    # each resume is activity: 20 + 20 minutes is still within 30 idle minutes of the last
    assert resume(session, store, text, key=KEY, settings=settings,
                  now=later + timedelta(minutes=20)).user.username == "rita"
    with pytest.raises(SessionEnded, match="30 minutes without activity"):
        resume(session, store, text, key=KEY, settings=settings,
               now=later + timedelta(minutes=51))
    # idle tokens are revoked, not just refused once
    with pytest.raises(SessionEnded, match="signed out"):
        resume(session, store, text, key=KEY, settings=settings, now=later)

    second = start_session(store, "rita", key=KEY, settings=settings, now=NOW)
    end_session(store, second, key=KEY, now=NOW)
    with pytest.raises(SessionEnded, match="signed out"):
        resume(session, store, second, key=KEY, settings=settings, now=NOW)


def test_a_token_never_opened_here_or_of_a_removed_user_is_refused(session, store):
    settings = SessionSettings()
    stray, _ = issue_token("rita", KEY, hours=8, now=NOW)
    with pytest.raises(SessionEnded, match="not known"):
        resume(session, store, stray, key=KEY, settings=settings, now=NOW)
    ghost = start_session(store, "ghost", key=KEY, settings=settings, now=NOW)
    with pytest.raises(SessionEnded, match="no longer exists"):
        resume(session, store, ghost, key=KEY, settings=settings, now=NOW)
