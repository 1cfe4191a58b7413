"""The casetrace workbench: ``streamlit run workbench_app.py`` (or ``casetrace serve``).

Signs the user in, then shows the pages their role opens; each page checks the
role again, so a page reached by its URL is guarded too.
"""

from __future__ import annotations

import streamlit as st

from review.locks import release_user_locks
from review.users import sign_in as open_door
from workbench.access import PAGE_ROLES, USER_KEY, current_user
from workbench.db import db_session
from workbench.resources import database_ready

LAST_PAGE_KEY = "last_page"
PAGES = (
    # (page key, file, title, icon)
    ("intake", "workbench/pages/intake.py", "Intake", ":material/upload_file:"),
    ("review", "workbench/pages/review.py", "Review", ":material/fact_check:"),
    ("skip_trace", "workbench/pages/skip_trace.py", "Skip trace", ":material/person_search:"),
    ("export", "workbench/pages/export.py", "Export", ":material/download:"),
    ("overview", "workbench/pages/overview.py", "Overview", ":material/monitoring:"),
    ("audit", "workbench/pages/audit.py", "Audit", ":material/policy:"),
)


def sign_in() -> None:
    """The sign-in form; on success the user's pages appear."""
    left, middle, right = st.columns([1, 1.2, 1])
    with middle:
        st.title("casetrace")
        st.caption("Case files in, debtors found. Sign in to continue.")
        with st.form("sign_in"):
            username = st.text_input("Username", autocomplete="username")
            password = st.text_input("Password", type="password",
                                     autocomplete="current-password")
            submitted = st.form_submit_button("Sign in", type="primary", width="stretch")
        if submitted:
            with db_session() as session:
                outcome = open_door(session, username, password)
            if outcome.user is None:
                st.error(outcome.message)
            else:
                st.session_state[USER_KEY] = outcome.user
                st.rerun()


def sign_out() -> None:
    """Forget the user and give back the documents they had open for review."""
    user = current_user()
    if user is not None:
        with db_session() as session:
            release_user_locks(session, user.username)
    st.session_state.clear()


def main() -> None:
    st.set_page_config(page_title="casetrace", page_icon=":material/folder_shared:",
                       layout="wide")
    database_ready()
    user = current_user()
    if user is None:
        st.navigation([st.Page(sign_in, title="Sign in", icon=":material/login:")],
                      position="hidden").run()
        return
    pages = [st.Page(path, title=title, icon=icon, url_path=key)
             for key, path, title, icon in PAGES if user.may(*PAGE_ROLES[key])]
    with st.sidebar:
        st.markdown(f"**{user.username}** · {user.role}")
        st.button("Sign out", on_click=sign_out, icon=":material/logout:")
    page = st.navigation(pages)
    # Leaving the Review page gives the document back to the team at once. Pages are told
    # apart by title: a role's first page is its default, and a default has no url_path.
    if st.session_state.get(LAST_PAGE_KEY) == "Review" and page.title != "Review":
        with db_session() as session:
            release_user_locks(session, user.username)
    st.session_state[LAST_PAGE_KEY] = page.title
    page.run()


main()
