from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import User
from review.users import AuthError, SignedIn, add_user, ensure_default_admin, verify


def test_add_user_stores_only_a_bcrypt_hash(session):
    add_user(session, "rita", "correct horse", "reviewer")
    user = session.exec(select(User)).one()
    assert user.password_hash.startswith("$2") and "correct horse" not in user.password_hash
    assert verify(session, "rita", "correct horse") == SignedIn("rita", "reviewer")
    assert verify(session, "rita", "wrong horse") is None
    assert verify(session, "nobody", "correct horse") is None


@pytest.mark.parametrize(("username", "password", "role", "message"), [
    ("rita", "correct horse", "boss", "unknown role 'boss'"),
    ("rita", "short", "reviewer", "password too short"),
    ("  ", "correct horse", "reviewer", "username is empty"),
    ("rita", "x" * 73, "reviewer", "password too long"),
])
def test_add_user_refuses_bad_input_with_a_clear_message(session, username, password, role,
                                                         message):
    with pytest.raises(AuthError, match=message):
        add_user(session, username, password, role)


def test_add_user_refuses_a_taken_name(session):
    add_user(session, "rita", "correct horse", "reviewer")
    with pytest.raises(AuthError, match="already exists"):
        add_user(session, "rita", "other horse", "admin")


def test_ensure_default_admin_only_when_no_user_exists(session):
    password = ensure_default_admin(session)
    assert password and len(password) >= 12
    assert verify(session, "admin", password) == SignedIn("admin", "admin")
    assert ensure_default_admin(session) is None


def test_signed_in_roles_open_their_pages_and_admin_opens_all():
    assert SignedIn("a", "admin").may("reviewer")
    assert SignedIn("r", "reviewer").may("reviewer", "investigator")
    assert not SignedIn("i", "intake").may("reviewer")


def _door_rows(session):
    from models.tables import AccessLog

    return [(row.user, row.action) for row in session.exec(select(AccessLog)
                                                            .order_by(AccessLog.id)).all()]


def test_failed_sign_ins_lock_the_name_and_are_logged(session):
    from datetime import UTC, datetime, timedelta

    from core.settings import AccessSettings
    from review.users import WRONG_SIGN_IN, sign_in

    add_user(session, "rita", "correct horse", "reviewer")
    settings = AccessSettings(max_failed_sign_ins=3, sign_in_window_minutes=15,
                              lockout_minutes=15)
    now = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    for minute in range(2):
        outcome = sign_in(session, "rita", "wrong", settings=settings,
                          now=now + timedelta(minutes=minute))
        assert (outcome.user, outcome.message) == (None, WRONG_SIGN_IN)
    third = sign_in(session, "rita", "wrong", settings=settings, now=now + timedelta(minutes=2))
    assert third.user is None and third.locked and "Too many failed sign-ins" in third.message
    # locked: even the right password is refused, with the same line
    still = sign_in(session, "rita", "correct horse", settings=settings,
                    now=now + timedelta(minutes=5))
    assert still.user is None and still.locked
    assert _door_rows(session) == [("rita", "sign_in_failed")] * 3 + [
        ("rita", "account_locked"), ("rita", "sign_in_failed")]
    # after the lockout the right password opens, and clears the count
    later = now + timedelta(minutes=18)
    assert sign_in(session, "rita", "correct horse", settings=settings,
                   now=later).user == SignedIn("rita", "reviewer")
    assert sign_in(session, "rita", "wrong", settings=settings,
                   now=later).message == WRONG_SIGN_IN


def test_a_success_resets_the_count(session):
    from datetime import UTC, datetime

    from core.settings import AccessSettings
    from review.users import sign_in

    add_user(session, "rita", "correct horse", "reviewer")
    settings = AccessSettings(max_failed_sign_ins=2)
    now = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    assert not sign_in(session, "rita", "wrong", settings=settings, now=now).locked
    assert sign_in(session, "rita", "correct horse", settings=settings, now=now).user
    assert not sign_in(session, "rita", "wrong", settings=settings, now=now).locked
    assert ("rita", "sign_in") in _door_rows(session)


def test_an_unknown_name_is_answered_and_locked_like_a_known_one(session):
    from datetime import UTC, datetime

    from core.settings import AccessSettings
    from review.users import sign_in

    add_user(session, "rita", "correct horse", "reviewer")
    settings = AccessSettings(max_failed_sign_ins=2)
    now = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    known = [sign_in(session, "rita", "wrong", settings=settings, now=now) for _ in range(3)]
    unknown = [sign_in(session, "nobody", "wrong", settings=settings, now=now) for _ in range(3)]
    assert [(o.message, o.locked) for o in known] == [(o.message, o.locked) for o in unknown]
