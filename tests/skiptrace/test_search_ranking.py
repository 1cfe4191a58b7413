"""The ranking rules of identity search, each on a small index built here.

Every test puts the identity that the rule should lift at the *higher* id, so
that without the rule a tie would go to the other one and the test would fail.
"""

from __future__ import annotations

from skiptrace.nicknames import direct_name_forms, given_name_variants
from skiptrace.search import IndexEntry, LayeredIndex, SearchIndex, parse_query


def entry(identity_id: int, given: str, surname: str, **extra) -> IndexEntry:
    return IndexEntry(identity_id=identity_id, display_name=f"{given} {surname}".title(),
                      names=[(given, surname)], **extra)


def ids(index: SearchIndex | LayeredIndex, query: str) -> list[int]:
    return [hit.identity_id for hit in index.search(query)]


def test_exact_given_name_outranks_a_nickname_form():
    index = SearchIndex([entry(1, "william", "smith"), entry(2, "billy", "smith")])
    hits = index.search("billy smith")
    assert [h.identity_id for h in hits] == [2, 1]
    assert hits[0].score == 1.0 > hits[1].score


def test_a_directly_listed_form_outranks_one_through_a_shared_formal_name():
    assert "robert" in direct_name_forms("bob")
    assert "robby" in given_name_variants("bob") and "robby" not in direct_name_forms("bob")
    index = SearchIndex([entry(1, "robby", "smith"), entry(2, "robert", "smith")])
    hits = index.search("bob smith")
    assert [h.identity_id for h in hits] == [2, 1]
    assert hits[0].score > hits[1].score
    assert "listed with it" in hits[0].reasons[0]
    assert "shared formal name" in hits[1].reasons[0]


def test_a_listed_nickname_outranks_a_close_misspelling():
    # Jaro-Winkler puts christophe (0.98) above the listed nickname chris (0.97)
    index = SearchIndex([entry(1, "christophe", "smith"), entry(2, "chris", "smith")])
    assert ids(index, "christopher smith") == [2, 1]


def test_nickname_forms_match_given_names_not_surnames():
    # "scotty" is a form of Scott; Lindsey Scott's surname is no nickname of it
    index = SearchIndex([entry(1, "lindsey", "scott"), entry(2, "scott", "lindsey")])
    hits = index.search("scotty lindsey")
    assert [h.identity_id for h in hits] == [2, 1]
    assert hits[0].score > hits[1].score


def test_a_word_in_a_name_outranks_the_same_word_in_an_address():
    index = SearchIndex([
        entry(1, "joyce", "brown", addresses=["12 angie ct, tulsa, ok 74101"]),
        entry(2, "angela", "brown", addresses=["5 pine rd, tulsa, ok 74101"])])
    hits = index.search("angie brown")
    assert [h.identity_id for h in hits] == [2, 1]
    assert hits[1].reasons[0] == "address has 'angie'"


def test_numbers_in_an_address_still_count_in_full():
    index = SearchIndex([entry(1, "ann", "other", addresses=["1420 w elm st, tulsa, ok 74101"])])
    assert index.search("1420 74101")[0].score == 1.0


def test_street_words_that_are_names_match_names_as_typed():
    parsed = parse_query("Mary Hill")
    assert parsed.words == ["mary", "hl"] and parsed.spelled == ["mary", "hill"]
    index = SearchIndex([entry(1, "mary", "jones"), entry(2, "mary", "hill")])
    hits = index.search("Mary Hill")
    assert hits[0].identity_id == 2 and hits[0].score == 1.0
    swapped = SearchIndex([entry(1, "glen", "hill")])
    assert swapped.search("Hill Glen")[0].score == 1.0  # the given name typed last


def test_more_documents_break_a_tie_between_namesakes():
    index = SearchIndex([entry(1, "maria", "gonzalez"),
                         entry(2, "maria", "gonzalez", documents=3)])
    assert ids(index, "maria gonzalez") == [2, 1]


def test_a_layered_index_ranks_across_its_parts_by_the_same_rule():
    base = SearchIndex([entry(1, "maria", "gonzalez")])
    layer = SearchIndex([entry(2, "maria", "gonzalez", documents=3)])
    assert ids(LayeredIndex(base, (), (), layer), "maria gonzalez") == [2, 1]


def test_a_middle_name_or_initial_narrows_a_name():
    index = SearchIndex([entry(1, "robert", "quarshie", middles={"allen"}),
                         entry(2, "robert", "quarshie", middles={"james"})])
    assert ids(index, "robert j quarshie") == [2, 1]
    assert ids(index, "robert james quarshie") == [2, 1]
    assert "middle name or initial 'james'" in index.search("robert james quarshie")[0].reasons


def test_a_middle_name_or_initial_alone_names_no_one():
    index = SearchIndex([entry(1, "robert", "quarshie", middles={"james"})])
    assert index.search("j") == []
    assert index.search("james") == []


def test_a_given_initial_matches_beside_a_surname():
    index = SearchIndex([entry(1, "anne", "quarshie"), entry(2, "robert", "quarshie")])
    assert ids(index, "r quarshie") == [2, 1]


def test_a_two_letter_surname_tolerates_one_slip():
    index = SearchIndex([entry(1, "kelly", "brown"), entry(2, "kelly", "hui")])
    hits = index.search("kelly hi")
    assert hits[0].identity_id == 2 and hits[0].score > hits[1].score


def test_the_form_more_people_on_file_hold_is_the_likelier_reading_of_a_nickname():
    # the data set lists "mike" with Michael and with Miguel alike
    assert {"michael", "miguel"} <= direct_name_forms("mike")
    index = SearchIndex([entry(1, "miguel", "li"), entry(2, "michael", "li"),
                         entry(3, "michael", "ortiz"), entry(4, "michael", "brown")])
    hits = index.search("mike li")
    assert [h.identity_id for h in hits][:2] == [2, 1]
    assert hits[0].score == hits[1].score  # the score is the same; the order is the share's
    assert "3 on file named michael" in hits[0].reasons[0]
    assert "1 on file named miguel" in hits[1].reasons[0]


def test_the_form_share_does_not_outrank_the_name_itself():
    index = SearchIndex([entry(1, "michael", "li"), entry(2, "miguel", "li"),
                         entry(3, "michael", "ortiz")])
    assert ids(index, "miguel li")[0] == 2  # typed exactly: Miguel Li, however rare


def test_a_layered_index_counts_forms_over_both_parts():
    # alone, the base sees one Miguel and no Michael, the layer only Michaels: each
    # part's commonest form is 1.0 and the tie would go to the older id
    base = SearchIndex([entry(1, "miguel", "li")])
    layer = SearchIndex([entry(2, "michael", "li"), entry(3, "michael", "ortiz"),
                         entry(4, "michael", "brown")])
    assert ids(LayeredIndex(base, (), (), layer), "mike li")[:2] == [2, 1]


def test_the_more_recently_seen_namesake_comes_first():
    index = SearchIndex([entry(1, "maria", "gonzalez", last_seen="2019-03-01"),
                         entry(2, "maria", "gonzalez", last_seen="2024-11-20"),
                         entry(3, "maria", "gonzalez")])  # never seen on a dated document
    assert ids(index, "maria gonzalez") == [2, 1, 3]


def test_documents_count_before_recency_between_namesakes():
    index = SearchIndex([entry(1, "maria", "gonzalez", last_seen="2024-11-20"),
                         entry(2, "maria", "gonzalez", last_seen="2019-03-01", documents=4)])
    assert ids(index, "maria gonzalez") == [2, 1]


def test_the_more_complete_namesake_comes_first_when_nothing_else_differs():
    index = SearchIndex([entry(1, "maria", "gonzalez", phones={"+12175550143"}),
                         entry(2, "maria", "gonzalez", phones={"+12175550199"},
                               dobs={"1981-04-09"}, ssn4={"1111"})])
    assert ids(index, "maria gonzalez") == [2, 1]
    assert index.entries[1].completeness() == 3


def test_hidden_identities_are_not_counted_for_the_form_share():
    index = SearchIndex([entry(1, "michael", "ortiz"), entry(2, "michael", "brown"),
                         entry(3, "miguel", "li")])
    assert index.given_count("michael") == 2
    index.hide({1, 2})  # superseded by a newer layer, which counts them itself
    assert index.given_count("michael") == 0 and index.given_count("miguel") == 1
