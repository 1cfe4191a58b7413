"""The casetrace workbench: ``streamlit run workbench_app.py`` (or ``casetrace serve``).

Signs the user in, then shows the pages their role opens; each page checks the
role again, so a page reached by its URL is guarded too.
"""

from __future__ import annotations

import streamlit as st

from review.locks import release_user_locks
from review.users import sign_in as open_door
from workbench.access import (
    NOTICE_KEY,
    PAGE_ROLES,
    begin_session,
    current_user,
    keep_session,
    keep_token_in_url,
    sign_out,
)
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
    """The sign-in form; on success the page that was asked for (a deep link) opens."""
    left, middle, right = st.columns([1, 1.2, 1])
    with middle:
        st.title("casetrace")
        st.caption("Case files in, debtors found. Sign in to continue.")
        notice = st.session_state.get(NOTICE_KEY)
        if notice:
            st.info(notice)
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
                st.session_state.pop(NOTICE_KEY, None)
                begin_session(outcome.user)
                # The sign-in page of a deep link has the target page's url_path (and so
                # its page hash): the rerun runs the target with the link's parameters.
                st.rerun()


def main() -> None:
    st.set_page_config(page_title="casetrace", page_icon=":material/folder_shared:",
                       layout="wide")
    database_ready()
    keep_session()
    user = current_user()
    if user is None:
        # Every page's address answers with the sign-in form while signed out, so a deep
        # link (/review?doc=3) is not "Page not found" and opens its page after sign-in.
        signed_out = [st.Page(sign_in, title="Sign in", icon=":material/login:", default=True)]
        signed_out += [st.Page(sign_in, title="Sign in", icon=":material/login:", url_path=key)
                       for key, *_ in PAGES]
        st.navigation(signed_out, position="hidden").run()
        return
    pages = [st.Page(path, title=title, icon=icon, url_path=key)
             for key, path, title, icon in PAGES if user.may(*PAGE_ROLES[key])]

    def home() -> None:
        st.switch_page(pages[0], query_params=dict(st.query_params))

    # The root address is a hidden page that moves on to the role's first page, so no real
    # page is the default: a default page answers only at "/", and /review would be
    # "Page not found" for a reviewer whose first page it is.
    with st.sidebar:
        st.markdown(f"**{user.username}** · {user.role}")
        st.button("Sign out", on_click=sign_out, icon=":material/logout:")
    page = st.navigation([st.Page(home, title="Home", default=True, visibility="hidden"),
                          *pages])
    # Leaving the Review page gives the document back to the team at once.
    if st.session_state.get(LAST_PAGE_KEY) == "Review" and page.title not in ("Review", "Home"):
        with db_session() as session:
            release_user_locks(session, user.username)
    st.session_state[LAST_PAGE_KEY] = page.title
    try:
        page.run()
    finally:
        keep_token_in_url()  # the Review page clears the query string after reading ?doc=


main()
