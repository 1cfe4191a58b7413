from datetime import date

import pytest

from skiptrace.incremental_link import link_new_parties
from skiptrace.search import IndexEntry, SearchIndex, parse_query, search_identities
from skiptrace.trace import trace_report


@pytest.fixture
def index():
    return SearchIndex([
        IndexEntry(identity_id=1, display_name="Robert Quarshie",
                   names=[("robert", "quarshie")], dobs={"1970-05-06"}, ssn4={"4821"},
                   phones={"+12175550143"}, emails={"rq@example.com"},
                   addresses=["1420 w elm st apt 3b, springfield, il 62704"]),
        IndexEntry(identity_id=2, display_name="Maria Gonzalez",
                   names=[("maria", "gonzalez")], dobs={"1981-04-09"}, ssn4={"1111"},
                   addresses=["5 pine rd, tulsa, ok 74101"]),
        IndexEntry(identity_id=3, display_name="Mario Gonzales",
                   names=[("mario", "gonzales")], addresses=["77 oak ave, peoria, il 61602"]),
    ])


def test_parse_query_separates_structured_terms():
    parsed = parse_query("Bob Quarshie (217) 555-0143 ssn 4821 1970-05-06 rq@example.com")
    assert parsed.phones == ["+12175550143"]
    assert parsed.ssn4 == ["4821"]
    assert parsed.dobs == ["1970-05-06"]
    assert parsed.emails == ["rq@example.com"]
    assert parsed.words == ["bob", "quarshie"]


@pytest.mark.parametrize("query", ["Bob Quarshie", "quarshie robert", "Robrt Quarshi",
                                   "217-555-0143", "1420 elm st", "4821", "xxx-xx-4821",
                                   "05/06/1970", "quarshie 62704"])
def test_search_finds_by_any_identifier(index, query):
    hits = index.search(query)
    assert hits and hits[0].identity_id == 1
    assert hits[0].reasons


def test_search_ranks_exact_name_above_similar(index):
    hits = index.search("maria gonzalez")
    assert [h.identity_id for h in hits][:2] == [2, 3]
    assert hits[0].score > hits[1].score


def test_search_returns_nothing_for_unknown(index):
    assert index.search("zebediah xylophone") == []
    assert index.search("") == []


def test_search_identities_and_trace_report_read_the_database(session, file_document):
    file_document("judgment", date(2025, 2, 1), {
        "name": "Robert Quarshie", "dob": "1970-05-06", "ssn_last4": "4821",
        "addresses": ["1420 W Elm St Apt 3B, Springfield, IL 62704"],
        "phones": ["+12175550143"]})
    link_new_parties(session)
    hits = search_identities(session, "bob quarshie")
    assert len(hits) == 1 and "Quarshie" in hits[0].display_name
    file_document("placement", date(2019, 1, 1), {"name": "Ann Other", "dob": "1990-01-01"})
    link_new_parties(session)
    assert search_identities(session, "ann other")[0].display_name == "Ann Other"
    report = trace_report(session, "217 555 0143")
    assert report["identities"][0]["identity_id"] == hits[0].identity_id
    assert report["best"]["addresses"][0]["normalized"].startswith("1420 w elm st")
    assert report["best"]["phones"][0]["normalized"] == "+12175550143"


def test_search_index_refreshes_only_changed_identities(session, file_document):
    from skiptrace.search import index_for_session

    file_document("judgment", date(2025, 2, 1), {"name": "Robert Quarshie", "dob": "1970-05-06"})
    link_new_parties(session)
    first = index_for_session(session)
    assert first.layer is None
    file_document("placement", date(2019, 1, 1), {"name": "Ann Other", "dob": "1990-01-01"})
    link_new_parties(session)
    refreshed = index_for_session(session)
    assert refreshed.base is first.base
    assert refreshed.layer is not None and len(refreshed.layer) == 1
    assert [h.display_name for h in refreshed.search("ann other")] == ["Ann Other"]
    assert index_for_session(session) is refreshed


def test_search_refuses_a_very_long_query_quickly():
    import time

    from skiptrace.search import MAX_QUERY_CHARS, QueryTooLong

    index = SearchIndex([IndexEntry(identity_id=1, display_name="Robert Quarshie",
                                    names=[("robert", "quarshie")])])
    started = time.perf_counter()
    with pytest.raises(QueryTooLong, match=f"at most {MAX_QUERY_CHARS}"):
        index.search("a" * 200_000)
    assert time.perf_counter() - started < 0.1


def test_search_expands_nicknames_from_the_data_set_and_tolerates_one_typo():
    index = SearchIndex([IndexEntry(identity_id=1, display_name="William Quarshie",
                                    names=[("william", "quarshie")]),
                         IndexEntry(identity_id=2, display_name="Susan Okafor",
                                    names=[("susan", "okafor")])])
    (hit,) = index.search("bill quarshie")
    # a listed nickname form counts a little less than the name itself
    assert hit.identity_id == 1 and 0.95 < hit.score < 1.0
    assert any("form of 'bill'" in reason for reason in hit.reasons)
    assert index.search("susan okfaor")[0].identity_id == 2  # two letters swapped
    assert index.search("suzie okafor")[0].identity_id == 2


def test_index_entries_count_documents_and_keep_middle_names(session, file_document):
    from skiptrace.search import entries_from_session

    person = {"name": "Robert James Quarshie", "dob": "1970-05-06", "ssn_last4": "4821"}
    file_document("judgment", date(2025, 2, 1), person)
    file_document("placement", date(2024, 6, 1), person)
    link_new_parties(session)
    (entry,) = entries_from_session(session)
    assert entry.documents == 2
    assert entry.middles == {"james"}
    assert search_identities(session, "robert j quarshie")[0].identity_id == entry.identity_id


def test_an_identity_is_last_seen_on_its_newest_dated_document_or_contact(session,
                                                                          file_document):
    from skiptrace.search import entries_from_session

    person = {"name": "Maria Gonzalez", "dob": "1981-04-09"}
    file_document("placement", date(2021, 3, 4), person)
    file_document("judgment", date(2024, 7, 9), person)
    file_document("letter", None, person)  # undated: no sighting date
    file_document("placement", None, {"name": "Ann Other", "dob": "1990-01-01"})
    link_new_parties(session)
    seen = {e.display_name: e.last_seen for e in entries_from_session(session)}
    assert seen == {"Maria Gonzalez": "2024-07-09", "Ann Other": ""}
