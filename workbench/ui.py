"""What every page shares: the signed-in user, role checks, cached resources.

Review state, locks and the audit trail live in the database; the Streamlit
session only remembers who signed in and what they are looking at.
"""

from __future__ import annotations

import streamlit as st

from review.policy import ReviewSettings
from review.users import SignedIn
from workbench.db import ensure_schema
from workbench.overlay import confidence_level

USER_KEY = "signed_in"

# Which roles open which page (admins open every page).
PAGE_ROLES: dict[str, tuple[str, ...]] = {
    "intake": ("intake",),
    "review": ("reviewer",),
    "skip_trace": ("investigator",),
    "export": ("investigator", "reviewer"),
    "overview": ("intake", "reviewer", "investigator"),
}
CONFIDENCE_TINTS = {"low": "#fde2e1", "check": "#fff1cc", "high": "#dcf5e3", "none": ""}


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


@st.cache_resource
def database_ready() -> bool:
    """Create or upgrade the schema once per server process."""
    ensure_schema()
    return True


@st.cache_resource
def review_settings() -> ReviewSettings:
    return ReviewSettings.from_env()


def confidence_tint(confidence: float | None) -> str:
    """CSS for a table cell: red below 0.7, amber below 0.9, green from 0.9."""
    colour = CONFIDENCE_TINTS[confidence_level(confidence)]
    return f"background-color: {colour}" if colour else ""


def short_time(moment) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


@st.cache_resource
def intake_worker():
    """The one background intake thread of this server process."""
    from models.db import database_url
    from workbench.intake_jobs import IntakeWorker

    return IntakeWorker(database_url())
