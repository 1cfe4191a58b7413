from datetime import date

from skiptrace.history import identity_history
from skiptrace.incremental_link import link_new_parties

BASE = {"name": "Maria L. Gonzalez", "dob": "1981-04-09", "ssn_last4": "4821"}


def test_history_ranks_the_recent_court_address_first(session, file_document):
    _old, (first,) = file_document("placement", date(2019, 1, 10), {
        **BASE, "addresses": ["12 Old Rd, Springfield, IL 62704",
                              "7 Bad St, Springfield, IL 62704 (bad address)"],
        "phones": ["+12175550143 (disconnected)", "+12175550199 (mobile)"]})
    _new, _ = file_document("judgment", date(2025, 2, 1), {
        **BASE, "addresses": ["88 Lake Shore Dr, Chicago, IL 60611"],
        "phones": ["+12175550199"]})
    link_new_parties(session)
    session.refresh(first)
    history = identity_history(session, first.identity_id)
    addresses = [a.normalized for a in history.addresses]
    assert addresses[0] == "88 lake shore dr, chicago, il 60611"
    assert addresses[-1] == "7 bad st, springfield, il 62704"
    best = history.addresses[0]
    assert best.first_seen == best.last_seen == "2025-02-01"
    assert any("court filing" in reason for reason in best.reasons)
    assert best.sources[0].doc_type == "judgment"
    phones = history.phones
    assert phones[0].normalized == "+12175550199"
    assert phones[0].first_seen == "2019-01-10" and phones[0].last_seen == "2025-02-01"
    assert phones[0].phone_type == "mobile"
    assert phones[-1].status == "disconnected"
    data = history.to_dict()
    assert data["addresses"][0]["sources"][0]["file_name"].endswith(".pdf")
    assert data["ssn_last4"] == ["4821"]


def test_history_keeps_employers_apart(session, file_document):
    _doc, (debtor, _garnishee) = file_document(
        "garnishment", date(2024, 6, 1),
        {**BASE, "addresses": ["12 Old Rd, Springfield, IL 62704"]},
        {"role": "garnishee", "name": "Acme Widgets Inc",
         "addresses": ["100 Industrial Pkwy, Peoria, IL 61604"]})
    link_new_parties(session)
    session.refresh(debtor)
    history = identity_history(session, debtor.identity_id)
    assert [a.normalized for a in history.addresses] == ["12 old rd, springfield, il 62704"]
    assert history.employers[0].value.startswith("Acme Widgets Inc")
    assert any("workplace" in reason for reason in history.employers[0].reasons)


def test_undated_document_is_undated_and_ranks_below_dated_sightings(session, file_document):
    _old, (first,) = file_document("placement", date(2018, 3, 1), {
        **BASE, "addresses": ["12 Old Rd, Springfield, IL 62704"]})
    _undated, _ = file_document("placement", None, {
        **BASE, "addresses": ["9 Stale Ave, Springfield, IL 62704"]})
    link_new_parties(session)
    session.refresh(first)
    history = identity_history(session, first.identity_id)
    assert [a.normalized for a in history.addresses] == [
        "12 old rd, springfield, il 62704", "9 stale ave, springfield, il 62704"]
    undated = history.addresses[1]
    assert undated.last_seen is None and undated.sources[0].observed_on is None
    assert any(reason.startswith("undated") for reason in undated.reasons)
    assert not any("most recent" in reason for reason in undated.reasons)
    assert any("most recent sighting" in r for r in history.addresses[0].reasons)


def test_printed_status_and_phone_type_rank_with_their_reason(session, file_document):
    _doc, (first,) = file_document("placement", date(2024, 5, 1), {
        **BASE, "addresses": ["7 Bad St, Springfield, IL 62704 (bad address)",
                              "3 Good Ln, Springfield, IL 62704 (current)"],
        "phones": ["+12175550143 (mobile, disconnected)", "+12175550199 (work, unverified)"]})
    link_new_parties(session)
    session.refresh(first)
    history = identity_history(session, first.identity_id)
    assert history.addresses[0].normalized.startswith("3 good ln")
    assert any("ranked up" in r for r in history.addresses[0].reasons)
    bad = history.addresses[1]
    assert bad.status == "bad address" and any("not a working contact" in r for r in bad.reasons)
    by_number = {p.normalized: p for p in history.phones}
    assert by_number["+12175550143"].phone_type == "mobile"
    assert by_number["+12175550143"].status == "mobile, disconnected"
    assert by_number["+12175550199"].phone_type == "work"
    # 'unverified' is no confirmation: no status effect, and it ranks above the disconnected one
    assert by_number["+12175550199"].status == ""
    assert history.phones[0].normalized == "+12175550199"
