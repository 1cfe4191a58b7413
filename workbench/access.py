"""Who is signed in and which pages their role opens.

Review state, locks and the audit trail live in the database; the Streamlit
session only remembers who signed in and what they are looking at.
"""

from __future__ import annotations

import streamlit as st

from review.users import SignedIn

USER_KEY = "signed_in"

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
