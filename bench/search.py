"""Identity search speed and accuracy on synthetic identities.

Builds a ``SearchIndex`` over N synthetic people (default 100,000; names,
dates of birth, SSN-4, phones, e-mails, addresses from
``skiptrace.synthetic``) and runs queries of every kind an investigator types:
a name with a typo, a nickname or the parts swapped, a phone, a partial
address, SSN-4 with a surname, a date of birth with a name. Reports the
median and 95th-percentile milliseconds per query, and how often the person
the query was made from is the first hit / in the first ten.

    nice -n 10 python bench/search.py --identities 100000 --queries 400
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from skiptrace.nicknames import _GROUPS  # noqa: E402
from skiptrace.search import IndexEntry, SearchIndex  # noqa: E402
from skiptrace.synthetic import DebtorGenerator, SyntheticPerson, typo  # noqa: E402
from skiptrace.text import fold  # noqa: E402
from skiptrace.usps import StandardAddress, standardize_street  # noqa: E402

NICKNAMES = {canonical: nicks.split() for canonical, nicks in _GROUPS.items()}


def entry_for(person: SyntheticPerson) -> IndexEntry:
    addresses = [StandardAddress(standardize_street(street), fold(city), fold(state),
                                 zip_code).one_line()
                 for street, city, state, zip_code in person.addresses]
    return IndexEntry(identity_id=person.person_id + 1,
                      display_name=f"{person.given} {person.surname}",
                      names=[(fold(person.given), fold(person.surname))],
                      dobs={person.dob.isoformat()}, ssn4={person.ssn4},
                      phones=set(person.phones), emails={person.email},
                      addresses=addresses)


def make_query(person: SyntheticPerson, rng: random.Random) -> tuple[str, str]:
    """A query an investigator might type for this person, and its kind."""
    given, surname = person.given, person.surname
    street, city, _state, zip_code = person.addresses[0]
    kind = rng.choice(["name_typo", "name_swapped", "nickname", "phone", "partial_address",
                       "ssn4_surname", "dob_name", "name_zip"])
    if kind == "name_typo":
        return f"{given} {typo(surname, rng)}", kind
    if kind == "name_swapped":
        return f"{surname} {given}", kind
    if kind == "nickname":
        nick = rng.choice(NICKNAMES.get(given.lower(), [given]))
        return f"{nick} {surname}", kind
    if kind == "phone":
        digits = person.phones[0][2:]
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}", kind
    if kind == "partial_address":
        return f"{' '.join(street.split()[:3])} {city}", kind
    if kind == "ssn4_surname":
        return f"ssn {person.ssn4} {surname}", kind
    if kind == "dob_name":
        return f"{given} {surname} {person.dob.isoformat()}", kind
    return f"{given} {surname} {zip_code}", kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--identities", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()
    generator = DebtorGenerator(seed=99)
    people = [generator.person(k) for k in range(args.identities)]
    clock = time.perf_counter()
    index = SearchIndex([entry_for(p) for p in people])
    build_seconds = time.perf_counter() - clock
    rng = random.Random(5)
    timings: list[float] = []
    first = tied_first = top10 = 0
    by_kind: dict[str, list[int]] = {}
    tied_by_kind: dict[str, list[int]] = {}
    tie_sizes: dict[str, list[int]] = {}
    for _ in range(args.queries):
        person = rng.choice(people)
        query, kind = make_query(person, rng)
        clock = time.perf_counter()
        hits = index.search(query, limit=10)
        timings.append((time.perf_counter() - clock) * 1000)
        ids = [h.identity_id for h in hits]
        found_first = bool(ids) and ids[0] == person.person_id + 1
        first += found_first
        top_score = hits[0].score if hits else None
        is_tied = any(h.identity_id == person.person_id + 1 and h.score == top_score
                      for h in hits)
        tied_first += is_tied
        tied_by_kind.setdefault(kind, []).append(int(is_tied))
        tie_sizes.setdefault(kind, []).append(sum(h.score == top_score for h in hits))
        top10 += (person.person_id + 1) in ids
        by_kind.setdefault(kind, []).append(int(found_first))
    timings.sort()
    print(f"identities={args.identities:,} queries={args.queries} "
          f"index build={build_seconds:.1f}s")
    print(f"median={statistics.median(timings):.1f} ms  "
          f"p95={timings[int(0.95 * len(timings)) - 1]:.1f} ms  max={timings[-1]:.1f} ms")
    print(f"right person first: {first / args.queries:.3f}  first or tied for first: "
          f"{tied_first / args.queries:.3f}  in top 10: {top10 / args.queries:.3f}")
    print("(ties: many synthetic people share a common name, as real ones do)")
    print("first-hit rate by query kind: " + ", ".join(
        f"{kind} {sum(v) / len(v):.2f}" for kind, v in sorted(by_kind.items())))
    print("first or tied-first by query kind: " + ", ".join(
        f"{kind} {sum(v) / len(v):.2f}" for kind, v in sorted(tied_by_kind.items())))
    print("median hits sharing the top score (of 10 shown) by kind: " + ", ".join(
        f"{kind} {statistics.median(v):.0f}" for kind, v in sorted(tie_sizes.items())))


if __name__ == "__main__":
    main()
