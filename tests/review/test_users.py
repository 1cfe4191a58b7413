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
