from __future__ import annotations

import pytest

from models.tables import SearchLog
from review.purpose_log import (
    PERMISSIBLE_PURPOSES,
    SearchRefused,
    check_search,
    log_search,
    redact_query,
)


def test_redact_query_cuts_a_full_ssn_to_its_last_four():
    assert redact_query("Sample 123-45-6789") == "Sample 6789"
    assert redact_query("123456789") == "6789"
    assert redact_query("(217) 555-0143") == "(217) 555-0143"


def test_check_search_requires_a_permissible_purpose():
    with pytest.raises(SearchRefused, match="permissible purpose"):
        check_search("John Sample", None)
    with pytest.raises(SearchRefused, match="permissible purpose"):
        check_search("John Sample", "curiosity")
    assert check_search(" John  Sample ", PERMISSIBLE_PURPOSES[0]) == "John Sample"


def test_log_search_never_stores_a_full_ssn(session):
    entry = log_search(session, user="ines", query="123-45-6789", purpose=PERMISSIBLE_PURPOSES[1],
                       result_count=2)
    stored = session.get(SearchLog, entry.id)
    assert (stored.user, stored.query, stored.result_count) == ("ines", "6789", 2)
