"""The review page's history: every recorded change on the document, fields and parties."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.tables import Correction
from workbench.formatting import short_time


def history_expander(history: list[Correction]) -> None:
    """Newest first; a party's rows name the attribute ("party.phones") and the party."""
    with st.expander(f"History ({len(history)})", icon=":material/history:"):
        if not history:
            st.caption("No changes yet.")
            return
        st.dataframe(pd.DataFrame({
            "when (UTC)": [short_time(c.created_at) for c in history],
            "who": [c.user for c in history],
            "field": [c.field_name + (f" #{c.party_id}" if c.party_id else "")
                      for c in history],
            "action": [c.action for c in history],
            "old": [c.old_value for c in history],
            "new": [c.new_value for c in history],
            "outcome": [c.outcome for c in history],
        }), hide_index=True)
