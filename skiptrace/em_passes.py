"""EM that stays trustworthy at scale: m-probabilities from training passes blocked on
other fields, as Splink trains them.

EM over all candidate pairs of a large population goes wrong: most candidate
pairs are namesakes and neighbours, EM lets a class of them be "matches", and
the weights then over-link (300,000 synthetic records: precision 0.68). A
training pass instead takes the pairs that share one field exactly (the same
date of birth, the same full name) and learns by EM, with u fixed to the
population's (random pairs), only the m of the *other* fields: among pairs
that share a date of birth, the matches and non-matches differ in everything
else, and the blocked field, which agrees on every pair, is left out. Each
field's m is the mean over the passes that learned it.

The prior (the chance that two random records match) follows from the same
passes: the matches EM found in the date-of-birth pass are the matches whose
dates of birth agree exactly, a share of all matches that the name pass's m
for date of birth gives (and likewise the other way round).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from skiptrace.blocking import _coded, _sorted_codes, sample_pairs_sharing_key
from skiptrace.comparisons import FIELD_INDEX, FIELDS, MISSING, compare_pairs
from skiptrace.fellegi_sunter import (
    EM_TOLERANCE,
    MAX_EM_ITERATIONS,
    FellegiSunterModel,
    _floored,
    _level_shares,
    _log_likelihood,
    _pattern_counts,
)
from skiptrace.normalize import PersonTable

PASS_MAX_BLOCK = 200  # a common full name or birthday: enough pairs without the square
PASS_SAMPLE_PAIRS = 600_000  # pairs per pass, sampled when the block gives more


@dataclass(frozen=True, slots=True)
class TrainingPass:
    """Pairs blocked on ``blocked`` fields; EM learns the m of every other field but the
    ``dependent`` ones, which agree more among the pass's non-matches than u says."""

    name: str
    blocked: tuple[str, ...]
    dependent: tuple[str, ...] = ()

    def left_out(self) -> tuple[int, ...]:
        return tuple(FIELD_INDEX[name] for name in self.blocked + self.dependent)


# An e-mail address is often made of the name (jsmith71@): two namesakes' local parts are
# alike far more often than two random people's, so the name pass does not learn e-mail.
TRAINING_PASSES = (TrainingPass("same date of birth", ("dob",)),
                   TrainingPass("same full name", ("given_name", "surname"), ("email",)))


def _pass_keys(table: PersonTable, training: TrainingPass) -> np.ndarray:
    if training.blocked == ("dob",):
        return _coded(table.dob)[0]
    given, surname = _coded(table.given, table.surname)
    return _sorted_codes(given, surname)  # a swapped name is the same full name


def pass_pairs(table: PersonTable, training: TrainingPass, sample: int = PASS_SAMPLE_PAIRS,
               seed: int = 11) -> tuple[np.ndarray, np.ndarray, int]:
    """The pairs of a pass, records sharing its blocked fields exactly (a seeded sample of
    ``sample`` when there are more, made without the others), and how many there were."""
    return sample_pairs_sharing_key(_pass_keys(table, training), PASS_MAX_BLOCK, sample, seed)


@dataclass(slots=True)
class PassResult:
    m: list[np.ndarray]
    share: float  # share of the pass's pairs that are matches
    pairs: int
    iterations: int


def em_pass(gamma: np.ndarray, blocked: tuple[int, ...], start_m: list[np.ndarray],
            u: list[np.ndarray]) -> PassResult:
    """EM with u fixed, the ``blocked`` fields left out; m of the others and the match share."""
    gamma = gamma.copy()
    gamma[:, list(blocked)] = MISSING
    patterns, counts = _pattern_counts(gamma)
    m = [p.copy() for p in start_m]
    share, iterations = 0.1, 0
    for iterations in range(1, MAX_EM_ITERATIONS + 1):  # noqa: B007 - reported
        log_m = _log_likelihood(patterns, m) + np.log(share)
        log_u = _log_likelihood(patterns, u) + np.log(1.0 - share)
        posterior = 1.0 / (1.0 + np.exp(np.clip(log_u - log_m, -500, 500)))
        matched = counts * posterior
        new_m = [m[f] if f in blocked else _floored(_level_shares(patterns, matched, f,
                                                                  len(s.levels)))
                 for f, s in enumerate(FIELDS)]
        change = max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True))
        m = new_m
        share = float(np.clip(matched.sum() / max(counts.sum(), 1.0), 1e-6, 1 - 1e-6))
        if change < EM_TOLERANCE:
            break
    return PassResult(m=m, share=share, pairs=len(gamma), iterations=iterations)


def _present_share(column: np.ndarray) -> float:
    """Share of random pairs with the value present on both sides."""
    present = float((column != "").mean()) if len(column) else 0.0
    return present * present


def train_blocked_em(table: PersonTable, start: FellegiSunterModel, u: list[np.ndarray],
                     workers: int = 1) -> FellegiSunterModel:
    """m per field from the passes that do not block on it, u as given, and the prior."""
    n = len(table)
    learned: dict[int, list[np.ndarray]] = {f: [] for f in range(len(FIELDS))}
    results: dict[str, PassResult] = {}
    block_pairs: dict[str, int] = {}
    for training in TRAINING_PASSES:
        left, right, block_pairs[training.name] = pass_pairs(table, training)
        if len(left) < 100:
            continue
        blocked = training.left_out()
        result = em_pass(compare_pairs(table, left, right, workers), blocked, start.m, u)
        results[training.name] = result
        for f in range(len(FIELDS)):
            if f not in blocked:
                learned[f].append(result.m[f])
    m = [np.mean(learned[f], axis=0) if learned[f] else start.m[f].copy()
         for f in range(len(FIELDS))]
    total_pairs = n * (n - 1) / 2
    estimates = []
    # matches found in a pass = all matches x P(blocked fields present and exact | match)
    for training in TRAINING_PASSES:
        if training.name not in results:
            continue
        block_share = 1.0
        for name in training.blocked:
            f = FIELD_INDEX[name]
            column = table.dob if name == "dob" else getattr(table, FIELDS[f].tf_column or "")
            block_share *= float(m[f][-1]) * _present_share(column)
        # the pass sampled its pairs: scale its matches back to all of the block's pairs
        estimates.append(results[training.name].share * block_pairs[training.name]
                         / max(block_share, 1e-9))
    prior = (float(np.clip(np.mean(estimates) / max(total_pairs, 1.0), 1e-12, 0.5))
             if estimates else start.for_population(n).prior)
    return FellegiSunterModel(
        m=m, u=[p.copy() for p in u], prior=prior,
        em_iterations=sum(r.iterations for r in results.values()), trained_records=n,
        notes={"training": "blocked EM passes",
               "passes": {name: {"pairs": r.pairs, "match_share": round(r.share, 4),
                                 "iterations": r.iterations} for name, r in results.items()},
               "expected_matches": round(prior * total_pairs, 1)})
