"""A Fellegi-Sunter match model: m/u probabilities per comparison level, learned by EM.

The score of a pair is the log2 odds that it is a match:
``log2(prior / (1 - prior)) + sum over fields of log2(m[level] / u[level])``,
where a missing field adds nothing. Exact agreement on a field with a term
frequency column uses the frequency of the shared value instead of the
average u, so two "Maria Garcia"s count for less than two "Quarshie"s.

Training follows Splink's recipe: u from the whole population (exact-agreement
u computed exactly from value frequencies, the other levels from a random
sample of pairs), m and the match rate by expectation maximisation over the
candidate pairs, which sees every distinct comparison vector once with its
count, so it is cheap even for millions of pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from skiptrace.comparisons import FIELDS, MISSING, compare_pairs, table_codes
from skiptrace.normalize import PersonTable

PROBABILITY_FLOOR = 1e-7
# No level is impossible among true matches (a typo, a second phone, a data-entry slip):
# flooring m keeps one disagreeing field from vetoing a pair on its own.
M_FLOOR = 0.002
TF_MINIMUM_U = 1e-6
MAX_EM_ITERATIONS = 40
EM_TOLERANCE = 1e-5
# Random pairs u is estimated from (``estimate_u``). 20,000 left every level that non-matches
# reach less than once in 20,000 pairs at the smoothing (u 2.5e-5, 14.5 bits at most for a
# street that agrees in the same area); 500,000 take FEBRL3 / FEBRL4 hard from F1 0.9953 /
# 0.9936 to 0.9954 / 0.9949 (250,000 and 1,000,000 pairs: within 0.0003 of it), about 1 s.
U_SAMPLE_PAIRS = 500_000
# Fields whose agreement among non-matches depends on the name: an e-mail local part is
# often made of it (jsmith71@), so namesakes, which blocking makes most of the candidate
# pairs, agree on it far more often than random pairs. Their levels below exact keep the
# u of the same 20,000 random pairs as before the sample grew, unweighted and smoothed by
# half a pair: from all 500,000 less their matches, u of a similar local part fell from
# 4.6e-4 to 6.2e-6 and 100,000 synthetic records' precision from 0.9985 to 0.9757 (and at
# 300,000, with another 20,000 pairs' 1.6e-4 against 7.9e-4, from 0.9968 to 0.9909).
NAME_DEPENDENT_FIELDS = ("email",)


@dataclass(slots=True)
class FellegiSunterModel:
    """Learned m and u per field and level, and the prior match rate of a random pair."""

    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float
    em_iterations: int = 0
    trained_records: int = 0  # population size the prior belongs to
    notes: dict = field(default_factory=dict)

    def for_population(self, records: int) -> FellegiSunterModel:
        """The same model with its prior moved to a population of ``records``.

        The chance that two random records match falls as the population
        grows (a person has about as many duplicates among 30 records as
        among 30,000), so the prior scales with 1 / records.
        """
        if not self.trained_records or records < 2:
            return self
        prior = min(0.5, self.prior * (self.trained_records - 1) / (records - 1))
        return FellegiSunterModel(m=self.m, u=self.u, prior=prior,
                                  em_iterations=self.em_iterations, trained_records=records,
                                  notes=self.notes)

    def bayes_factors_log2(self) -> list[np.ndarray]:
        return [np.log2(np.maximum(m, PROBABILITY_FLOOR) / np.maximum(u, PROBABILITY_FLOOR))
                for m, u in zip(self.m, self.u, strict=True)]

    def log2_odds(self, gamma: np.ndarray, tf_u: dict[int, np.ndarray] | None = None) -> np.ndarray:
        """Posterior log2 odds of a match for each comparison vector (row of gamma).

        ``tf_u[f]`` holds, per pair, the frequency of the shared value of field
        f; it replaces u where the pair agrees exactly on f.
        """
        contributions = self.field_weights(gamma, tf_u)
        return np.log2(self.prior / (1.0 - self.prior)) + contributions.sum(axis=1)

    def field_weights(self, gamma: np.ndarray,
                      tf_u: dict[int, np.ndarray] | None = None) -> np.ndarray:
        """log2 Bayes factor of every field of every pair (pairs x fields); 0 where missing."""
        weights = self.bayes_factors_log2()
        out = np.zeros(gamma.shape, dtype=float)
        for f, spec in enumerate(FIELDS):
            level = gamma[:, f].astype(np.int64)
            present = level != MISSING
            contribution = np.where(present, weights[f][np.where(present, level, 0)], 0.0)
            if tf_u is not None and f in tf_u:
                exact = level == len(spec.levels) - 1
                m_exact = max(float(self.m[f][-1]), PROBABILITY_FLOOR)
                tf_weight = np.log2(m_exact / np.maximum(tf_u[f], TF_MINIMUM_U))
                contribution = np.where(exact, tf_weight, contribution)
            out[:, f] = contribution
        return out

    def to_dict(self) -> dict:
        return {
            "prior": self.prior,
            "trained_records": self.trained_records,
            "em_iterations": self.em_iterations,
            "fields": {spec.name: {"levels": list(spec.levels),
                                   "m": [round(float(v), 8) for v in m],
                                   "u": [round(float(v), 10) for v in u]}
                       for spec, m, u in zip(FIELDS, self.m, self.u, strict=True)},
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict) -> FellegiSunterModel:
        fields = data["fields"]
        for spec in FIELDS:
            if spec.name not in fields or len(fields[spec.name]["m"]) != len(spec.levels):
                raise ValueError(f"model has no matching levels for field {spec.name!r}")
        return cls(m=[np.asarray(fields[s.name]["m"], dtype=float) for s in FIELDS],
                   u=[np.asarray(fields[s.name]["u"], dtype=float) for s in FIELDS],
                   prior=float(data["prior"]), em_iterations=int(data.get("em_iterations", 0)),
                   trained_records=int(data.get("trained_records", 0)),
                   notes=dict(data.get("notes", {})))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> FellegiSunterModel:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def value_frequencies(column: np.ndarray) -> np.ndarray:
    """Per record, the share of non-missing records holding the same value (0 where missing)."""
    codes, _uniques = pd.factorize(column)
    return _frequencies_of_codes(codes, column != "")


def _frequencies_of_codes(codes: np.ndarray, present: np.ndarray) -> np.ndarray:
    counts = np.bincount(codes[present], minlength=int(codes.max()) + 1 if len(codes) else 0)
    total = max(int(present.sum()), 1)
    freq = counts[codes] / total if len(codes) else np.zeros(0)
    return np.where(present, freq, 0.0)


# Columns whose integer codes comparing already made (``comparisons.table_codes``): counting
# codes gives the same counts as hashing a million strings again.
_CODED_COLUMNS = {"given": ("names", 0), "surname": ("names", 1), "street": ("street", 0),
                  "phone": ("phone", 0), "email": ("email", 0),
                  "case_number": ("case_number", 0), "ssn4": ("ssn4", 0)}


def _column_codes(table: PersonTable, name: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(codes, present) of a table column from its code space, when it has one."""
    if name not in _CODED_COLUMNS:
        return None
    group, index = _CODED_COLUMNS[name]
    space, codes = table_codes(table, group)
    return codes[index], ~space.missing(codes[index])


def term_frequency_columns(table: PersonTable) -> dict[int, np.ndarray]:
    """Value frequencies of the fields that take a term-frequency adjustment."""
    frequencies = {}
    for f, spec in enumerate(FIELDS):
        if spec.tf_column:
            coded = _column_codes(table, spec.tf_column)
            frequencies[f] = (_frequencies_of_codes(*coded) if coded is not None
                              else value_frequencies(getattr(table, spec.tf_column)))
    return frequencies


def pair_tf(tf_columns: dict[int, np.ndarray], left: np.ndarray) -> dict[int, np.ndarray]:
    """Term frequencies per pair (an exact agreement shares the left record's value)."""
    return {f: column[left] for f, column in tf_columns.items()}


def _collision_probability(table: PersonTable, name: str) -> float:
    """P(two random records with the field present hold the same value)."""
    coded = _column_codes(table, name)
    if coded is None:
        column = getattr(table, name)
        present = column[column != ""]
        counts = pd.Series(present).value_counts().to_numpy(dtype=float)
        holding = len(present)
    else:
        codes, mask = coded
        counts = np.bincount(codes[mask]).astype(float)
        holding = int(mask.sum())
    if holding < 2:
        return PROBABILITY_FLOOR
    return float(max((counts * (counts - 1)).sum() / (holding * (holding - 1)),
                     PROBABILITY_FLOOR))


def _exact_address_probability(table: PersonTable) -> float:
    """P(two random records whose addresses are not wholly blank agree on the address
    exactly): the same street line (house number included), ZIP and city, as the address
    field's exact level asks. Counting the street line alone counted every '12 high street'
    of another town as agreeing, so the exact level weighed less than a near street in the
    same area (FEBRL4 hard: 13.6 bits against 19.1)."""
    street_space, (street,) = table_codes(table, "street")
    zip_space, (postcode,) = table_codes(table, "postcode")
    city_space, (city,) = table_codes(table, "city")
    street_missing, zip_missing = street_space.missing(street), zip_space.missing(postcode)
    address_present = ~(street_missing & zip_missing & city_space.missing(city))
    holding = int(address_present.sum())
    keyed = ~street_missing & ~zip_missing
    if holding < 2 or not keyed.any():
        return PROBABILITY_FLOOR
    key = np.stack([street[keyed], postcode[keyed], city[keyed]], axis=1)
    _keys, counts = np.unique(key, axis=0, return_counts=True)
    counts = counts.astype(float)
    return float(max((counts * (counts - 1)).sum() / (holding * (holding - 1)),
                     PROBABILITY_FLOOR))


def _exact_probability(table: PersonTable, field_name: str) -> float:
    """P(two random records with the field present agree on it exactly)."""
    if field_name == "address":
        return _exact_address_probability(table)
    return _collision_probability(table, _EXACT_COLUMNS[field_name])


_EXACT_COLUMNS = {"given_name": "given", "surname": "surname", "dob": "dob", "ssn4": "ssn4",
                  "phone": "phone", "email": "email", "case": "case_number"}


def estimate_u(table: PersonTable, sample_pairs: int = 20_000, seed: int = 7,
               workers: int = 1, em_sample_pairs: int = U_SAMPLE_PAIRS) -> list[np.ndarray]:
    """u per field and level from ``em_sample_pairs`` random record pairs, less the true
    matches among them (``NAME_DEPENDENT_FIELDS``: from the first ``sample_pairs`` of them).

    A random pair is a match once in about ``len(table)`` pairs, but matches agree on the
    rare levels where non-matches almost never do: among 1,000,000 random pairs of FEBRL4
    (10,000 records) 113 are matches, and they would be most of the pairs whose streets
    agree in the same area. EM over the sample's comparison vectors (m and u both free, as
    ``train_em`` inside the candidate set) tells them apart; u is the non-matches' level
    shares, smoothed by half a pair. Exact agreement comes from value frequencies, which
    count every duplicate pair too: the expected matches (the sample's match share x m of
    exact agreement) are taken out, down to no less than the sample can tell (half a pair
    of it) unless the frequencies said less.
    """
    n = len(table)
    rng = np.random.default_rng(seed)
    # The first ``sample_pairs`` are drawn as before the sample grew (the fields in
    # NAME_DEPENDENT_FIELDS keep their u from them), then the rest of ``em_sample_pairs``.
    first = sample_pairs
    left = rng.integers(0, n, size=first)
    right = rng.integers(0, n, size=first)
    more = max(em_sample_pairs - first, 0)
    left = np.concatenate([left, rng.integers(0, n, size=more)])
    right = np.concatenate([right, rng.integers(0, n, size=more)])
    keep = left != right
    first_kept = int(keep[:first].sum())
    gamma = compare_pairs(table, left[keep], right[keep], workers)
    patterns, counts = _pattern_counts(gamma)
    non_match, share, m = _random_pair_em(patterns, counts, n)
    u_values: list[np.ndarray] = []
    for f, spec in enumerate(FIELDS):
        levels = patterns[:, f]
        present = levels != MISSING
        if spec.name in NAME_DEPENDENT_FIELDS:
            first_levels = gamma[:first_kept, f]
            sums = np.bincount(first_levels[first_levels != MISSING],
                               minlength=len(spec.levels)) + 0.5
        else:
            sums = np.bincount(levels[present], weights=non_match[present],
                               minlength=len(spec.levels)) + 0.5
        u = sums / sums.sum()
        exact_u = _exact_probability(table, spec.name)
        present_pairs = float(counts[present].sum())
        if present_pairs > 0:
            resolution = min(exact_u, 0.5 / present_pairs)
            exact_u = max((exact_u - share * float(m[f][-1])) / (1.0 - share), resolution)
        rest = u[:-1] / u[:-1].sum() * (1.0 - exact_u)
        u_values.append(np.append(rest, exact_u))
    return u_values


def _em_step(patterns: np.ndarray, counts: np.ndarray, m: list[np.ndarray],
             u: list[np.ndarray], share: float
             ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """One EM step over distinct comparison vectors (``counts`` of each): the expected
    matched and unmatched counts per vector, and m and u re-estimated from them."""
    log_m = _log_likelihood(patterns, m) + np.log(share)
    log_u = _log_likelihood(patterns, u) + np.log(1.0 - share)
    posterior = 1.0 / (1.0 + np.exp(np.clip(log_u - log_m, -500, 500)))
    matched = counts * posterior
    unmatched = counts - matched
    new_m = [_floored(_level_shares(patterns, matched, f, len(s.levels)))
             for f, s in enumerate(FIELDS)]
    new_u = [_level_shares(patterns, unmatched, f, len(s.levels)) for f, s in enumerate(FIELDS)]
    return matched, unmatched, new_m, new_u


def _random_pair_em(patterns: np.ndarray, counts: np.ndarray, records: int,
                    ) -> tuple[np.ndarray, float, list[np.ndarray]]:
    """EM over random pairs' distinct comparison vectors (``counts`` of each): the expected
    number of non-matches per vector, the match share and m. It starts from agreement
    being likely among matches (the exact level at 0.9) and about one duplicate per record
    (share 1 / records)."""
    m = [np.append(np.full(len(s.levels) - 1, 0.1 / (len(s.levels) - 1)), 0.9) for s in FIELDS]
    u = [_level_shares(patterns, counts, f, len(s.levels)) for f, s in enumerate(FIELDS)]
    share = 1.0 / max(records, 2)
    unmatched = counts
    for _ in range(MAX_EM_ITERATIONS):
        matched, unmatched, new_m, u = _em_step(patterns, counts, m, u, share)
        change = max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True))
        m = new_m
        share = float(np.clip(matched.sum() / max(counts.sum(), 1.0), 1e-12, 0.5))
        if change < EM_TOLERANCE:
            break
    return unmatched, share, m


def _pattern_counts(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct comparison vectors and how often each occurs."""
    if len(gamma) == 0:
        return gamma, np.zeros(0)
    # Each row as one integer (levels + 1 fit in a nibble), so unique is a flat sort.
    code = np.zeros(len(gamma), dtype=np.int64)
    for f in range(gamma.shape[1]):
        code = code * 16 + (gamma[:, f].astype(np.int64) + 1)
    unique_codes, first, counts = np.unique(code, return_index=True, return_counts=True)
    return gamma[first], counts.astype(float)


def _log_likelihood(patterns: np.ndarray, probabilities: list[np.ndarray]) -> np.ndarray:
    total = np.zeros(len(patterns))
    for f, probs in enumerate(probabilities):
        level = patterns[:, f].astype(np.int64)
        present = level != MISSING
        total += np.where(present, np.log(np.maximum(probs[np.where(present, level, 0)],
                                                     PROBABILITY_FLOOR)), 0.0)
    return total


def _level_shares(patterns: np.ndarray, weights: np.ndarray, f: int, n_levels: int) -> np.ndarray:
    level = patterns[:, f]
    present = level != MISSING
    sums = np.bincount(level[present], weights=weights[present], minlength=n_levels) + 1e-3
    return sums / sums.sum()


def _floored(probabilities: np.ndarray) -> np.ndarray:
    floored = np.maximum(probabilities, M_FLOOR)
    return floored / floored.sum()


def train_em(gamma: np.ndarray, start: FellegiSunterModel, population_u: list[np.ndarray],
             total_pairs: float) -> FellegiSunterModel:
    """m and the match rate by EM over candidate pairs, starting from ``start``.

    Inside the candidate set both m and u are free (blocking makes non-matches
    there agree far more often than random pairs do); the returned model keeps
    the population u, and its prior is the expected number of matches found
    by EM over all possible pairs.
    """
    patterns, counts = _pattern_counts(gamma)
    m = [p.copy() for p in start.m]
    u_candidates = [p.copy() for p in population_u]
    share = 0.1
    iterations = 0
    for iterations in range(1, MAX_EM_ITERATIONS + 1):  # noqa: B007 - kept for the notes
        matched, _, new_m, u_candidates = _em_step(patterns, counts, m, u_candidates,
                                                   share)
        new_share = float(np.clip(matched.sum() / max(counts.sum(), 1.0), 1e-6, 1 - 1e-6))
        change = max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True))
        m, share = new_m, new_share
        if change < EM_TOLERANCE:
            break
    expected_matches = share * counts.sum()
    prior = float(np.clip(expected_matches / max(total_pairs, 1.0), 1e-12, 0.5))
    return FellegiSunterModel(m=m, u=[p.copy() for p in population_u], prior=prior,
                              em_iterations=iterations,
                              trained_records=int(round((1 + (1 + 8 * total_pairs) ** 0.5) / 2)),
                              notes={"expected_matches": round(expected_matches, 1)})
