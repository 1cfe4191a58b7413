"""Given-name nicknames, from the maintained ``nicknames`` data set (PyPI, Apache-2.0).

The package ships a hand-curated CSV of English names and their nicknames
("robert has_nickname bob") inside its wheel; this module is the one adapter
over it, so nothing else reads the package:

* ``given_name_variants("bob")``: every name a person called Bob may appear as
  on paper (his formal names, their other nicknames): what search expands a
  query word to.
* ``direct_name_forms("bob")``: only the names the data set pairs with Bob
  itself (robert, bobby, ...), in either direction; search ranks these above
  the forms reached through a shared formal name (rob, through robert). The
  relation is used as a set, never through one canonical choice, so a noisy
  pairing in the data set adds a candidate rather than replacing the right one.
* ``canonical_given_name("bob") -> "robert"``: one canonical form per name, for
  linking, where a nickname must compare equal to its formal name. A nickname
  with several formal names (Chris) maps to the formal name with the most
  nicknames in the data, then alphabetically, so the choice is stable; the
  comparison treats a nickname match as weaker evidence than an exact match,
  so the rare wrong mapping costs little.
* ``_GROUPS``: formal name -> its nicknames, space-separated (the shape the
  synthetic record generator and the search benchmark draw nicknames from).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from nicknames import name_triplets


def _load() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    formal_to_nicks: dict[str, set[str]] = defaultdict(set)
    nick_to_formals: dict[str, set[str]] = defaultdict(set)
    for formal, relationship, nick in name_triplets():
        if relationship != "has_nickname" or formal == nick:
            continue
        formal_to_nicks[formal].add(nick)
        nick_to_formals[nick].add(formal)
    return ({k: frozenset(v) for k, v in formal_to_nicks.items()},
            {k: frozenset(v) for k, v in nick_to_formals.items()})


NICKNAMES_OF, FORMALS_OF = _load()

_GROUPS: dict[str, str] = {formal: " ".join(sorted(nicks))
                           for formal, nicks in sorted(NICKNAMES_OF.items())}


def _name_frequencies() -> tuple[dict[str, float], dict[str, str]]:
    """Share of US people with each given name, and its sex where the lists know it
    (the census-derived lists faker ships)."""
    from faker.providers.person.en_US import Provider

    shares: dict[str, float] = defaultdict(float)
    sex: dict[str, str] = {}
    for label, table in (("m", Provider.first_names_male), ("f", Provider.first_names_female)):
        for name, share in table.items():
            shares[name.casefold()] += float(share)
            sex[name.casefold()] = "" if sex.get(name.casefold(), label) != label else label
    return shares, sex


_FREQUENCY, _SEX = _name_frequencies()


COMMONER = 3.0  # how much more common a formal name must be than the name itself


def _pick_canonical(name: str) -> str:
    """The formal name ``name`` most likely stands for.

    Formal names reached directly and through ``name``'s other formal names (liz ->
    lizzie -> elizabeth, bill -> will -> william) score by how many such paths lead
    there times how common the name is in the US, so bob -> robert (not albert through
    bert) and bill -> william (the data set also lists bill under robert). The choice
    must be much more common than ``name`` itself: william, also listed under robert,
    is a name in its own right and keeps its form, as does a name no common formal
    name explains.
    """
    paths: dict[str, int] = defaultdict(int)
    for formal in FORMALS_OF.get(name, frozenset()):
        paths[formal] += 1
        for grand in FORMALS_OF.get(formal, frozenset()):
            paths[grand] += 1
    paths.pop(name, None)
    if _SEX.get(name):  # Caroline is not a nickname of Charles
        paths = {f: n for f, n in paths.items() if _SEX.get(f, _SEX[name]) == _SEX[name]}
    scored = {f: n * _FREQUENCY.get(f, 0.0) for f, n in paths.items()}
    best = max(sorted(scored), key=lambda f: scored[f], default=None)
    if best is None or _FREQUENCY.get(best, 0.0) <= COMMONER * _FREQUENCY.get(name, 0.0):
        return name
    return best


NICKNAME_TO_CANONICAL: dict[str, str] = {
    nick: canonical for nick in FORMALS_OF if (canonical := _pick_canonical(nick)) != nick
}


def canonical_given_name(folded: str) -> str:
    """Canonical form of a casefolded given name ('bob' -> 'robert'); others unchanged.

    A name the data set lists as a formal name keeps its own form ('robert' stays
    'robert'), even where it is also someone's nickname."""
    return NICKNAME_TO_CANONICAL.get(folded, folded)


@lru_cache(maxsize=65536)
def direct_name_forms(folded: str) -> frozenset[str]:
    """The names the data set pairs with ``folded`` itself: its formal names and its
    nicknames (``folded`` left out)."""
    return (FORMALS_OF.get(folded, frozenset()) | NICKNAMES_OF.get(folded, frozenset())) - {
        folded}


@lru_cache(maxsize=65536)
def given_name_variants(folded: str) -> frozenset[str]:
    """``folded`` with its formal names, its nicknames and its formal names' nicknames."""
    formals = FORMALS_OF.get(folded, frozenset())
    variants = {folded} | formals | NICKNAMES_OF.get(folded, frozenset())
    for formal in formals:
        variants |= NICKNAMES_OF.get(formal, frozenset())
    return frozenset(variants)
