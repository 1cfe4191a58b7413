"""Identity search speed and accuracy on synthetic identities.

Builds a ``SearchIndex`` over N synthetic people (default 100,000; names,
middle initials, dates of birth, SSN-4, phones, e-mails, addresses from
``skiptrace.synthetic``) and runs queries of every kind an investigator types:
a name with a typo, a nickname or the parts swapped, a phone, a partial
address, SSN-4 with a surname, a date of birth with a name. Reports the
median and 95th-percentile milliseconds per query, and how often the person
the query was made from is the first hit (strict: a tie on score that the
ranking breaks the wrong way is a miss), first or tied for the top score, and
in the first ten, with the median number of hits sharing the top score.

Name-only misses are sorted into why (a miss is looked up deeper, untimed, to
see who stands above the right person): tied only with true namesakes (the
very same given name and surname: no name-only query can tell them apart),
the query literally names another identity (a "Billy Smith" on file when the
query "billy smith" was made from William Smith), another given name the
nickname data set lists with the query word, on someone of the same surname
("jamie" is listed for James and Benjamin), or other. Nickname and typo
queries are then asked again with one more detail an investigator would add
(the city, or the middle initial), and reported apart.

Name-only queries are also split before searching (``Population``): a query
is unresolvable when the person has a namesake on file (nothing in it tells
them apart) or when it spells another identity's name exactly (that one first
is right); the strict rate is printed beside the rate among the resolvable
rest, the rates among the two unresolvable kinds, and the ceiling (the best a
ranking that honours exact names can do on average: 1/k among k namesakes).
Nicknames are drawn uniformly from the data set's list for the given name
("hob" for Robert as often as "bob"); ``nickname~common`` asks the same people
again with a nickname drawn from those that are US given names in their own
right, weighted by how common (untimed, reported beside, not instead).

``--names census`` (the default) gives surnames census-like frequencies
(``search_population``); ``--names faker`` draws them from Faker's top-1,000
list alone, as before, which holds about seven times too many namesakes.

``--baseline OLD/skiptrace/search.py`` (e.g. from ``git archive``) measures an
older search in the same run on the same queries, timing the two query by
query in turn, and prints the ratio of their times.

    nice -n 10 python bench/search.py --identities 100000 --queries 400
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.abc
import importlib.util
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from faker.providers.person.en_US import Provider as PersonNames  # noqa: E402
from search_population import CensusSurnames  # noqa: E402

from skiptrace.nicknames import _GROUPS, given_name_variants  # noqa: E402
from skiptrace.search import IndexEntry, SearchIndex  # noqa: E402
from skiptrace.synthetic import DebtorGenerator, SyntheticPerson, typo  # noqa: E402
from skiptrace.text import fold  # noqa: E402
from skiptrace.usps import StandardAddress, standardize_street  # noqa: E402

NICKNAMES = {canonical: nicks.split() for canonical, nicks in _GROUPS.items()}
NAME_KINDS = ("name_typo", "name_swapped", "nickname", "nickname~common")
DEEP_LIMIT = 2000  # how far a miss is looked up to find the right person's rank
# The modules of a search that --baseline loads from the older tree (a miss of any of
# them there falls back to this checkout's; earlier trees had only search.py).
SEARCH_MODULES = ("nicknames", "search_tokens", "search_query", "search_index",
                  "search_cache", "search")
# Older checkouts' IndexEntry has no middle names: the same bench runs against them.
_HAS_MIDDLES = "middles" in {f.name for f in dataclasses.fields(IndexEntry)}


def common_nicknames() -> dict[str, tuple[list[str], list[float]]]:
    """Per formal name, its listed nicknames that are also US given names in their own
    right (the census-derived lists Faker ships: bob, jim, mike, but not hob or squat),
    weighted by how common they are as given names: a rough stand-in for usage, which
    the nickname data set does not record. Formal names with none such are left out
    (the common variant then draws uniformly, as the plain one does)."""
    shares: Counter[str] = Counter()
    for table in (PersonNames.first_names_male, PersonNames.first_names_female):
        for name, share in table.items():
            shares[name.casefold()] += float(share)
    common: dict[str, tuple[list[str], list[float]]] = {}
    for formal, nicks in NICKNAMES.items():
        used = [n for n in nicks if shares[n] > 0]
        if used:
            common[formal] = (used, [shares[n] for n in used])
    return common


COMMON_NICKNAMES = common_nicknames()


def nickname_query(person: SyntheticPerson, rng: random.Random, common: bool) -> str:
    """A nickname query: the nickname drawn uniformly from the data set's list for the
    given name (rare ones such as "hob" for Robert included), or with ``common`` from
    ``COMMON_NICKNAMES`` by weight."""
    given = person.given.lower()
    if common and given in COMMON_NICKNAMES:
        names, weights = COMMON_NICKNAMES[given]
        nick = rng.choices(names, weights=weights)[0]
    else:
        nick = rng.choice(NICKNAMES.get(given, [person.given]))
    return f"{nick} {person.surname}"


class Population:
    """The names on file, to tell before searching whether a name-only query can be
    answered at all (``unresolvable``)."""

    def __init__(self, people: list[SyntheticPerson]) -> None:
        self.names = Counter((fold(p.given), fold(p.surname)) for p in people)

    def ceiling(self, person: SyntheticPerson, query: str) -> float:
        """The chance that any ranking which puts a literally named identity first finds
        this person first: 0 when the query spells someone else's name, else one over
        the identities of the person's very name (their order is a coin toss)."""
        if self._literal(person, query):
            return 0.0
        return 1.0 / self.names[(fold(person.given), fold(person.surname))]

    def _literal(self, person: SyntheticPerson, query: str) -> bool:
        own = (fold(person.given), fold(person.surname))
        words = fold(query).split()
        return len(words) == 2 and any(
            named != own and self.names[named] > 0
            for named in ((words[0], words[1]), (words[1], words[0])))

    def unresolvable(self, person: SyntheticPerson, query: str) -> str:
        """'namesake' when another identity has the very same given name and surname
        (nothing in a name-only query tells them apart), 'literal' when the query
        spells another identity's given name and surname exactly ("danny li" made
        from Daniel Li, with a Danny Li on file: the query names him, and ranking him
        first is right), else '' (resolvable: the query says enough to find the person)."""
        if self.names[(fold(person.given), fold(person.surname))] > 1:
            return "namesake"
        return "literal" if self._literal(person, query) else ""


def people_for(count: int, names: str) -> list[SyntheticPerson]:
    """``count`` synthetic people; with ``names='census'`` their surnames are redrawn
    at census-like frequencies (everything else as the generator made it)."""
    generator = DebtorGenerator(seed=99)
    people = [generator.person(k) for k in range(count)]
    if names == "census":
        surnames, rng = CensusSurnames(), random.Random(7)
        for person in people:
            person.surname = surnames.draw(rng)
    return people


def entry_for(person: SyntheticPerson) -> IndexEntry:
    addresses = [StandardAddress(standardize_street(street), fold(city), fold(state),
                                 zip_code).one_line()
                 for street, city, state, zip_code in person.addresses]
    extra: dict[str, Any] = {"middles": {fold(person.middle)}} if _HAS_MIDDLES else {}
    return IndexEntry(identity_id=person.person_id + 1,
                      display_name=f"{person.given} {person.surname}",
                      names=[(fold(person.given), fold(person.surname))],
                      dobs={person.dob.isoformat()}, ssn4={person.ssn4},
                      phones=set(person.phones), emails={person.email},
                      addresses=addresses, **extra)


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
        return nickname_query(person, rng, common=False), kind
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


def with_detail(query: str, person: SyntheticPerson, detail: str) -> str:
    """The name query with one detail more: the city, or the middle initial."""
    if detail == "city":
        return f"{query} {person.addresses[0][1]}"
    first, _, rest = query.partition(" ")
    return f"{first} {person.middle} {rest}"


@dataclasses.dataclass
class Outcome:
    first: bool
    tied: bool
    top10: bool
    tie_size: int
    why: str  # for a miss: namesakes / literal / forms / other (``miss_reason``); '' if first
    unresolvable: str = ""  # name-only queries: namesake / literal / '' (``Population``)
    ceiling: float = 1.0  # name-only queries: the best strict chance (``Population.ceiling``)


def judge(hits: list, person: SyntheticPerson, query: str, people: list[SyntheticPerson],
          index: Any) -> Outcome:
    """How the search did for this query; a miss is looked up deeper (untimed) to find
    the right person's score and who stands above it."""
    target = person.person_id + 1
    ids = [h.identity_id for h in hits]
    top = hits[0].score if hits else None
    first = bool(ids) and ids[0] == target
    why = ""
    tied = first
    if not first:
        deep = hits if target in ids else index.search(query, limit=DEEP_LIMIT)
        deep_ids = [h.identity_id for h in deep]
        mine = deep[deep_ids.index(target)].score if target in deep_ids else None
        tied = mine is not None and mine == top
        above = [people[i - 1] for i in deep_ids[:deep_ids.index(target)]] \
            if mine is not None else []
        why = miss_reason(person, query, above, tied)
    return Outcome(first, tied, target in ids, sum(h.score == top for h in hits), why)


def miss_reason(person: SyntheticPerson, query: str, above: list[SyntheticPerson],
                tied: bool) -> str:
    """namesakes: only identities of the very same name stand above; literal: also ones
    whose name the query spells exactly; forms: also same-surname holders of another
    given name the data set lists with a query word; other: anything else."""
    if not above:
        return "other"
    words = fold(query).split()
    forms = set().union(*(given_name_variants(w) for w in words))
    kinds = set()
    for other in above:
        given, surname = fold(other.given), fold(other.surname)
        if (given, surname) == (fold(person.given), fold(person.surname)):
            kinds.add("namesakes")
        elif given in words and surname in words:
            kinds.add("literal")
        elif surname == fold(person.surname) and given in forms:
            kinds.add("forms")
        else:
            kinds.add("other")
    for reason in ("other", "forms", "literal"):
        if reason in kinds:
            return reason
    return "namesakes" if tied else "other"


def rate(values: list[Outcome], attr: str) -> float:
    return sum(getattr(v, attr) for v in values) / max(1, len(values))


class _TreeFinder(importlib.abc.MetaPathFinder):
    """Finds ``skiptrace.<name>`` for the search modules in another tree's package."""

    def __init__(self, package: Path) -> None:
        self.package = package

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        parent, _, name = fullname.rpartition(".")
        source = self.package / f"{name}.py"
        if parent == "skiptrace" and name in SEARCH_MODULES and source.is_file():
            return importlib.util.spec_from_file_location(fullname, source)
        return None


def load_baseline(path: Path) -> ModuleType:
    """An older ``skiptrace/search.py`` (a ``git archive`` of an earlier commit) as a
    module, with the search modules beside it (``SEARCH_MODULES``: its index, tokens,
    query, nicknames) from that tree too, and the rest of ``skiptrace`` (normalize,
    usps, text) from this checkout. This checkout's modules are put back afterwards;
    the baseline's keep their own references to each other."""
    if not path.is_file():
        raise SystemExit(f"{path}: no such file")
    import skiptrace

    names = [f"skiptrace.{name}" for name in SEARCH_MODULES]
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    finder = _TreeFinder(path.resolve().parent)
    sys.meta_path.insert(0, finder)
    try:
        module = importlib.import_module("skiptrace.search")
        loaded = [name for name in names if name in sys.modules
                  and Path(sys.modules[name].__file__ or "").parent == finder.package]
    finally:
        sys.meta_path.remove(finder)
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
        for name, current in saved.items():
            setattr(skiptrace, name.rpartition(".")[2], current)
    print(f"baseline modules from {finder.package}: "
          f"{', '.join(n.rpartition('.')[2] for n in loaded)}")
    return module


def baseline_entry(module: ModuleType, entry: IndexEntry) -> Any:
    """``entry`` as the baseline's own IndexEntry, with the fields it knows."""
    known = {f.name for f in dataclasses.fields(module.IndexEntry)}
    return module.IndexEntry(**{k: getattr(entry, k) for k in known})


@dataclasses.dataclass
class Run:
    """One search implementation under test, and what it measured."""

    label: str
    index: Any
    build_seconds: float
    timings: list[float] = dataclasses.field(default_factory=list)
    outcomes: dict[str, list[Outcome]] = dataclasses.field(default_factory=dict)


def report(run: Run, args: argparse.Namespace) -> None:
    timings = sorted(run.timings)
    plain = [o for kind, v in run.outcomes.items() if "+" not in kind and "~" not in kind
             for o in v]
    print(f"[{run.label}] identities={args.identities:,} queries={args.queries} "
          f"names={args.names} index build={run.build_seconds:.1f}s")
    print(f"median={statistics.median(timings):.1f} ms  "
          f"p95={timings[int(0.95 * len(timings)) - 1]:.1f} ms  max={timings[-1]:.1f} ms")
    print(f"right person first: {rate(plain, 'first'):.3f}  first or tied for first: "
          f"{rate(plain, 'tied'):.3f}  in top 10: {rate(plain, 'top10'):.3f}")
    print(f"{'kind':24} {'n':>4} {'first':>6} {'tied':>6} {'top10':>6} {'ties':>5}  "
          "name-only misses: namesakes / literal / forms / other")
    for kind, v in sorted(run.outcomes.items()):
        whys = Counter(o.why for o in v)
        misses = (f"{whys['namesakes']} / {whys['literal']} / {whys['forms']} / {whys['other']}"
                  if kind in NAME_KINDS else "")
        print(f"{kind:24} {len(v):4d} {rate(v, 'first'):6.2f} {rate(v, 'tied'):6.2f} "
              f"{rate(v, 'top10'):6.2f} {statistics.median(o.tie_size for o in v):5.0f}  "
              f"{misses}")
    print("name-only queries, strict first beside first among the resolvable ones (no "
          "namesake of the person on file, no one else named by the query):")
    print(f"{'kind':24} {'n':>4} {'strict':>6} {'ceiling':>7}  {'resolvable':>14}  "
          f"{'namesake':>14}  {'literal':>14}")
    for kind in NAME_KINDS:
        v = run.outcomes.get(kind, [])
        groups = {label: [o for o in v if o.unresolvable == label]
                  for label in ("", "namesake", "literal")}
        cells = "  ".join(f"{rate(g, 'first'):6.3f} of {len(g):4d}" for g in groups.values())
        print(f"{kind:24} {len(v):4d} {rate(v, 'first'):6.3f} {rate(v, 'ceiling'):7.3f}  "
              f"{cells}")
    print("(ceiling: the best mean strict rate of a ranking that puts an exactly named "
          "identity first: 0 for a query naming someone else, 1/k among k namesakes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--identities", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--names", choices=("census", "faker"), default="census")
    parser.add_argument("--baseline", type=Path, metavar="SEARCH_PY",
                        help="an older skiptrace/search.py to measure in the same run, "
                             "on the same queries, timed query by query in turn")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="print the first N name-only misses with the hits above them")
    args = parser.parse_args()
    people = people_for(args.identities, args.names)
    entries = [entry_for(p) for p in people]
    clock = time.perf_counter()
    runs = [Run("current", SearchIndex(entries), time.perf_counter() - clock)]
    if args.baseline:
        module = load_baseline(args.baseline)
        old_entries = [baseline_entry(module, e) for e in entries]
        clock = time.perf_counter()
        runs.append(Run(f"baseline {args.baseline}", module.SearchIndex(old_entries),
                        time.perf_counter() - clock))
    population = Population(people)
    # separate streams: the extra queries leave the plain ones as they were drawn before
    rng, detail_rng, common_rng = random.Random(5), random.Random(6), random.Random(8)
    shown = 0
    for _ in range(args.queries):
        person = rng.choice(people)
        query, kind = make_query(person, rng)
        detail = detail_rng.choice(("city", "middle"))
        common = nickname_query(person, common_rng, common=True) if kind == "nickname" else ""
        for run in runs:
            clock = time.perf_counter()
            hits = run.index.search(query, limit=10)
            run.timings.append((time.perf_counter() - clock) * 1000)
            outcome = judge(hits, person, query, people, run.index)
            if kind in NAME_KINDS:
                outcome.unresolvable = population.unresolvable(person, query)
                outcome.ceiling = population.ceiling(person, query)
            run.outcomes.setdefault(kind, []).append(outcome)
            if run is runs[0] and kind in NAME_KINDS and outcome.why \
                    and shown < args.show_misses:
                shown += 1
                print(f"MISS {kind} {query!r} -> {person.given} {person.surname} "
                      f"({outcome.why}; {outcome.unresolvable or 'resolvable'})")
                for h in hits[:5]:
                    print(f"    {h.score:.3f} {h.display_name:24} {'; '.join(h.reasons)}")
            if kind in ("nickname", "name_typo"):
                more = with_detail(query, person, detail)
                run.outcomes.setdefault(f"{kind}+{detail}", []).append(
                    judge(run.index.search(more, limit=10), person, more, people, run.index))
            if common:  # untimed, like the queries with a detail
                extra = judge(run.index.search(common, limit=10), person, common, people,
                              run.index)
                extra.unresolvable = population.unresolvable(person, common)
                extra.ceiling = population.ceiling(person, common)
                run.outcomes.setdefault("nickname~common", []).append(extra)
    for run in runs:
        report(run, args)
    if len(runs) == 2:
        ratios = [new / old for new, old in zip(runs[0].timings, runs[1].timings, strict=True)]
        print(f"current / baseline time per query: median ratio {statistics.median(ratios):.2f}"
              f" (medians {statistics.median(runs[0].timings):.1f} / "
              f"{statistics.median(runs[1].timings):.1f} ms)")
    print("(first: strict; tied: the right person shares the top score; ties: median hits "
          "of the 10 shown sharing the top score)")


if __name__ == "__main__":
    main()
