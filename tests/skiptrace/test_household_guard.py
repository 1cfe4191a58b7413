"""The household guard: different given names at one address link only through a personal
identifier, unless the records show that such pairs are the same person, not households."""

from datetime import date

from skiptrace.linker import HouseholdEvidence, link_records
from skiptrace.records import PersonRecord

SURNAMES = [
    "Abernathy",
    "Brannigan",
    "Castellano",
    "Delacroix",
    "Eastwood",
    "Fairweather",
    "Gallagher",
    "Hathaway",
    "Ingersoll",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Montgomery",
    "Nakamura",
    "Oyelaran",
    "Pennington",
    "Quarshie",
    "Rasmussen",
    "Sorensen",
    "Tremblay",
    "Underwood",
    "Vasquez",
    "Whitfield",
    "Xiong",
    "Yamamoto",
    "Zimmerman",
    "Ashcroft",
    "Blackwood",
    "Cunningham",
    "Dunleavy",
]
FIRST = ["James", "Robert", "Michael", "William", "Richard", "Joseph", "Thomas", "Charles"]
OTHER = ["Susan", "Linda", "Karen", "Nancy", "Betty", "Helen", "Sandra", "Ruth"]


def _home(k: int) -> dict:
    return dict(street=f"{100 + 7 * k} Oak St", city="Springfield", state="IL", postcode="62704")


def _town(households: bool) -> list[PersonRecord]:
    """Thirty addresses, each with two records of one surname and clearly different given
    names, both with a date of birth: two people (households, different birth dates) or one
    person whose given name was replaced in one record (the same birth date)."""
    records = []
    for k, surname in enumerate(SURNAMES):
        born = date(1950 + k, 1 + k % 12, 1 + k % 28)
        records.append(
            PersonRecord(
                record_id=f"{k}a", given_name=FIRST[k % 8], surname=surname, dob=born, **_home(k)
            )
        )
        other_born = date(1990 - k, 12 - k % 12, 28 - k % 28) if households else born
        records.append(
            PersonRecord(
                record_id=f"{k}b",
                given_name=OTHER[k % 8],
                surname=surname,
                dob=other_born,
                **_home(k),
            )
        )
    return records


def _probe_pairs() -> list[PersonRecord]:
    """At a new address: a household-shaped pair with a birth date on one side only, and a
    pair whose given name is mistyped (one edit) with a birth date on one side only."""
    smiths = dict(street="1597 Elm St", city="Cleveland", state="OH", postcode="44102")
    browns = dict(street="42 Birch Ave", city="Dayton", state="OH", postcode="45402")
    return [
        PersonRecord(
            record_id="james", given_name="James", surname="Smith", dob=date(1961, 3, 14), **smiths
        ),
        PersonRecord(record_id="susan", given_name="Susan", surname="Smith", **smiths),
        PersonRecord(
            record_id="katherine",
            given_name="Katherine",
            surname="Brown",
            dob=date(1975, 8, 2),
            **browns,
        ),
        PersonRecord(record_id="katharine", given_name="Katharine", surname="Brown", **browns),
    ]


def _labels(records: list[PersonRecord]) -> dict[str, int]:
    result = link_records(records)
    return {
        record.record_id: int(label)
        for record, label in zip(records, result.labels.tolist(), strict=True)
    }


def test_households_with_their_own_birth_dates_keep_the_guard():
    records = _town(households=True) + _probe_pairs()
    result = link_records(records)
    assert result.households.different >= 20
    assert result.household_guard
    labels = {
        r.record_id: int(label) for r, label in zip(records, result.labels.tolist(), strict=True)
    }
    assert labels["james"] != labels["susan"]
    assert labels["katherine"] == labels["katharine"]  # a typo is not another person
    assert all(labels[f"{k}a"] != labels[f"{k}b"] for k in range(len(SURNAMES)))


def test_a_household_pair_alone_keeps_the_guard():
    labels = _labels(_probe_pairs())
    assert labels["james"] != labels["susan"]
    assert labels["katherine"] == labels["katharine"]


def test_records_that_show_replaced_given_names_lift_the_guard():
    records = _town(households=False) + _probe_pairs()
    result = link_records(records)
    assert result.households.same_person >= 20 and result.households.different == 0
    assert not result.household_guard
    labels = {
        r.record_id: int(label) for r, label in zip(records, result.labels.tolist(), strict=True)
    }
    assert all(labels[f"{k}a"] == labels[f"{k}b"] for k in range(len(SURNAMES)))
    # In such records a different given name at the same address is a garbled one.
    assert labels["james"] == labels["susan"]
    assert labels["katherine"] == labels["katharine"]


def test_the_guard_needs_enough_agreeing_pairs_and_few_disagreeing_ones():
    assert HouseholdEvidence().guard_holds()
    assert HouseholdEvidence(same_person=28).guard_holds()
    assert not HouseholdEvidence(same_person=29).guard_holds()
    assert not HouseholdEvidence(same_person=356, different=14).guard_holds()
    assert HouseholdEvidence(same_person=100, different=8).guard_holds()
    assert HouseholdEvidence(same_person=20, different=20).guard_holds()
    total = HouseholdEvidence(1, 2) + HouseholdEvidence(3, 4)
    assert (total.same_person, total.different) == (4, 6)


def test_deciding_the_guard_chunk_by_chunk_matches_deciding_it_on_every_pair():
    import numpy as np

    from skiptrace.blocking import candidate_pairs
    from skiptrace.comparisons import compare_pairs
    from skiptrace.linker import PairScorer, committed_model
    from skiptrace.normalize import normalize_records

    table = normalize_records(_town(households=False) + _probe_pairs())
    left, right, _stats = candidate_pairs(table)
    model = committed_model().for_population(len(table))
    whole = PairScorer(model, table, use_tf=False)
    gamma = compare_pairs(table, left, right)
    held = PairScorer(model, table, use_tf=False).score(gamma, left)
    whole.decide_households(gamma)
    odds = whole.score(gamma, left)
    assert not whole.household_guard and (odds > held).any()
    chunked = PairScorer(model, table, use_tf=False)
    kept, kept_odds = chunked.scored_pairs(left, right, floor=0.0, chunk=7, decide_households=True)
    assert chunked.evidence == whole.evidence
    assert not chunked.household_guard
    assert np.array_equal(kept, np.flatnonzero(odds >= 0.0))
    assert np.allclose(kept_odds, odds[kept])
