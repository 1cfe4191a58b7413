from datetime import date

from skiptrace.linker import link_records
from skiptrace.records import PersonRecord
from skiptrace.synthetic import DebtorGenerator


def _pairs(labels):
    groups = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return {(a, b) for members in groups.values() for i, a in enumerate(members)
            for b in members[i + 1:]}


def test_link_records_is_precise_on_synthetic_debtors():
    records, truth = DebtorGenerator(seed=11).records(4000)
    result = link_records(records)
    predicted, true = _pairs(result.labels.tolist()), _pairs(truth)
    precision = len(predicted & true) / len(predicted)
    recall = len(predicted & true) / len(true)
    assert precision >= 0.99
    assert recall >= 0.9


def test_a_shared_name_alone_does_not_link():
    records = [
        PersonRecord(record_id="1", given_name="Quentin", surname="Quarshie",
                     street="1 Elm St", city="Springfield", postcode="62704"),
        PersonRecord(record_id="2", given_name="Quentin", surname="Quarshie",
                     street="77 Oak Ave", city="Tulsa", postcode="74101"),
    ]
    labels = link_records(records).labels
    assert labels[0] != labels[1]


def test_same_person_with_nickname_and_moved_links_on_dob_and_ssn():
    records = [
        PersonRecord(record_id="1", given_name="Robert", surname="Quarshie",
                     dob=date(1970, 5, 6), ssn_last4="4821", street="1 Elm St",
                     city="Springfield", postcode="62704"),
        PersonRecord(record_id="2", given_name="Bob", surname="Quarshie", dob=date(1970, 5, 6),
                     ssn_last4="4821", street="77 Oak Ave", city="Tulsa", postcode="74101"),
        PersonRecord(record_id="3", given_name="Alice", surname="Other", dob=date(1990, 1, 1)),
    ]
    result = link_records(records)
    assert result.labels[0] == result.labels[1] != result.labels[2]
    assert result.identity_numbers().tolist() == [1, 1, 2]


def test_a_shared_case_number_ties_a_name_only_filing_to_its_placement():
    records = [
        PersonRecord(record_id="placement", given_name="Kaitlyn", surname="Morgan",
                     dob=date(1988, 2, 3), street="4160 Adams Ct", city="Orlando",
                     postcode="32822", case_number="2023-CC-737192-O"),
        PersonRecord(record_id="judgment", given_name="KAITLYN", surname="MORGAN",
                     case_number="2023 CC 737192 O"),
        PersonRecord(record_id="unrelated", given_name="Kaitlyn", surname="Morgan",
                     street="9 Pine Rd", city="Tulsa", postcode="74101",
                     case_number="2019-CV-000001"),
    ]
    labels = link_records(records).labels
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_household_members_at_one_address_stay_apart():
    home = dict(street="1597 Oak St", city="Cleveland", state="OH", postcode="44102",
                phone="+12165550100")
    records = [
        PersonRecord(record_id="1", given_name="James", surname="Smith", **home),
        PersonRecord(record_id="2", given_name="Susan", surname="Smith", **home),
    ]
    labels = link_records(records).labels
    assert labels[0] != labels[1]


def test_a_common_name_alone_does_not_link_even_without_contradiction():
    places = [("Springfield", "62704"), ("Tulsa", "74101"), ("Peoria", "61602"),
              ("Austin", "78701"), ("Fresno", "93702"), ("Dayton", "45402")]
    records = [PersonRecord(record_id=str(k), given_name="Maria", surname="Garcia",
                            street=f"{k + 1} Elm St", city=city, postcode=zip_code)
               for k, (city, zip_code) in enumerate(places)]
    records += [PersonRecord(record_id="a", given_name="Maria", surname="Garcia"),
                PersonRecord(record_id="b", given_name="Maria", surname="Garcia")]
    labels = link_records(records).labels.tolist()
    assert len(set(labels)) == len(labels)


def test_codes_from_normalizing_give_the_same_links_as_hashing_the_strings():
    """Comparing and blocking take the codes normalizing made (``PersonTable.distinct``);
    without them they hash the string columns. Same pairs, odds and identities."""
    import numpy as np

    from skiptrace.linker import link_table
    from skiptrace.normalize import normalize_records
    from skiptrace.synthetic import DebtorGenerator

    records, _truth = DebtorGenerator(seed=41).records(4_000)
    with_codes = link_table(normalize_records(records))
    table = normalize_records(records)
    table.distinct.clear()
    from_strings = link_table(table)
    assert len(with_codes.left) > 1_000
    for name in ("left", "right", "log2_odds", "labels"):
        assert np.array_equal(getattr(with_codes, name), getattr(from_strings, name)), name


def test_pairs_scored_in_tiny_chunks_over_workers_give_the_same_links(monkeypatch):
    """Issue 13: comparing and scoring a chunk at a time (here 300 pairs, over two forked
    workers), keeping only the pairs at or above the threshold, gives the links, odds and
    labels of comparing every pair at once."""
    import numpy as np

    import skiptrace.linker as linker
    from skiptrace.blocking import candidate_pairs
    from skiptrace.comparisons import compare_pairs
    from skiptrace.normalize import normalize_records

    records, _truth = DebtorGenerator(seed=43).records(3_000)
    table = normalize_records(records)
    whole = linker.link_table(table, training="committed")
    left, right, _stats = candidate_pairs(table)
    assert len(left) > 2_000
    scorer = linker.PairScorer(whole.model, table, use_tf=True)
    odds = scorer.score(compare_pairs(table, left, right), left)
    assert np.array_equal(whole.log2_odds, odds)
    monkeypatch.setattr(linker, "PAIR_CHUNK", 300)
    chunked = linker.link_table(normalize_records(records), training="committed", workers=2,
                                keep_all_pairs=False)
    linked = odds >= linker.MATCH_THRESHOLD
    assert 0 < linked.sum() < len(odds)
    assert np.array_equal(chunked.left, left[linked])
    assert np.array_equal(chunked.right, right[linked])
    assert np.array_equal(chunked.log2_odds, odds[linked])
    assert np.array_equal(chunked.labels, whole.labels)
