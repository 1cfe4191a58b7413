"""What a server process makes once and every page shares (Streamlit's resource cache):
the database schema, the review settings and the background intake thread."""

from __future__ import annotations

import streamlit as st

from models.db import database_url
from review.policy import ReviewSettings
from workbench.db import ensure_schema
from workbench.intake_jobs import IntakeWorker


@st.cache_resource
def database_ready() -> bool:
    """Create or upgrade the schema once per server process."""
    ensure_schema()
    return True


@st.cache_resource
def review_settings() -> ReviewSettings:
    return ReviewSettings.from_env()


@st.cache_resource
def intake_worker():
    """The one background intake thread of this server process."""
    return IntakeWorker(database_url())
