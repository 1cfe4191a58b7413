"""Batch entity resolution: person records in, one identity label per record out.

The stages, each its own module: normalize -> block -> compare -> score
(Fellegi-Sunter, EM-trained on the data itself when there is enough of it,
otherwise the committed weights) -> cluster.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.stats import beta

from skiptrace.blocking import BlockingStats, candidate_pairs
from skiptrace.clustering import cluster
from skiptrace.comparisons import FIELD_INDEX, FIELDS, PAIR_CHUNK, compare_pairs, prepare_codes
from skiptrace.em_passes import train_blocked_em
from skiptrace.fellegi_sunter import (
    FellegiSunterModel,
    estimate_u,
    pair_tf,
    term_frequency_columns,
    train_em,
)
from skiptrace.normalize import PersonTable, normalize_columns
from skiptrace.process_pool import pair_chunk_results
from skiptrace.record_columns import RecordColumns
from skiptrace.records import PersonRecord

MODEL_PATH = Path(__file__).with_name("model_weights.json")
MIN_RECORDS_TO_TRAIN = 2_000
# Above this many records EM is not trusted: on 300,000 synthetic debtor records it let
# same-name pairs into the match class (an e-mail local part made of the name counted as
# evidence, disagreeing birth dates and addresses hardly counted against), and precision
# fell to 0.68; the committed weights, trained on the generator's person ids, kept 0.998.
# Up to 100,000 records (and on FEBRL) EM was measured as accurate (BENCHMARKS.md).
MAX_RECORDS_TO_TRAIN = 100_000
TRAINING = ("auto", "full", "blocked", "committed")
MIN_RECORDS_FOR_TF = 1_000
MATCH_THRESHOLD = 0.0  # log2 odds; match probability 0.5
NAME_FIELDS = (FIELD_INDEX["given_name"], FIELD_INDEX["surname"])
# Identifiers that one person does not share with the family at the same address.
PERSONAL_FIELDS = tuple(FIELD_INDEX[name] for name in ("dob", "ssn4", "email", "case"))
# Precision first: a shared name alone never links two records, however rare the name;
# something else (date of birth, SSN-4, address, phone, e-mail, case) must speak for it.
# And where the given names clearly differ (James and Susan Smith at one address), only a
# personal identifier can: a shared address and landline are what households have in common.
MIN_CORROBORATION_BITS = 1.0
UNCORROBORATED_CAP = -1.0
GIVEN_NICKNAME_LEVEL = FIELDS[FIELD_INDEX["given_name"]].levels.index("nickname")
SURNAME_EXACT_LEVEL = FIELDS[FIELD_INDEX["surname"]].levels.index("exact")
MAX_EXPECTED_NAMESAKES = 0.5
# The household guard above is lifted only where the records show that the pairs it guards
# are not households. Household-shaped candidate pairs (given names clearly different,
# surnames the same or one edit apart, the same or a near street) whose personal
# identifiers can be compared say which they are: a spouse, parent or child has a birth
# date and SSN-4 of their own; a record whose given name was garbled past recognition or
# replaced has the same ones.
# The guard holds unless the one-sided 95 % upper bound of the share of such pairs whose
# personal identifiers disagree is below ``HOUSEHOLD_SHARE_CEILING`` (so at least 29
# comparable pairs, none disagreeing; more where some do): the pairs it then lets link are
# households one time in ten at most. With no such pairs (the sample corpus, a small batch)
# it holds; incremental linking always keeps it. FEBRL, whose generator makes no households
# but replaces given names, lifts it: on FEBRL3 / FEBRL4 hard 356 / 220 such pairs agree and
# 14 / 10 disagree (nearly all of those FEBRL duplicates whose birth date was replaced too),
# bound 0.059 / 0.073; 1,000,000 synthetic records (no households either): 7,234 / 278,
# bound 0.041 (BENCHMARKS.md, "FEBRL").
HOUSEHOLD_SURNAME_LEVEL = FIELDS[FIELD_INDEX["surname"]].levels.index("jw>=0.92 or one edit")
HOUSEHOLD_ADDRESS_LEVEL = FIELDS[FIELD_INDEX["address"]].levels.index("street token_set>=70")
HOUSEHOLD_SHARE_CEILING = 0.1
HOUSEHOLD_CONFIDENCE = 0.95
# Batch clustering's cohesion check (``clustering.cluster``) rescores every pair inside a
# linked component and rebuilds a component holding a pair below this floor. At -8 (the
# incremental path's ``CONFLICT_FLOOR``) it split one person's sightings apart: at 2,000,000
# synthetic records 18,427 true pairs that scored as links ended in different identities,
# and at least three in four of the 13,106 components it rebuilt held one person only.
# On the linked pairs of 1M / 2M records, floors -8 / -10 / -12 gave F1 0.9737 / 0.9780 /
# 0.9791 and 0.9677 / 0.9726 / 0.9735, precision at 1M 0.9958 / 0.9947 / 0.9933
# (BENCHMARKS.md, "Where recall was lost at 2M").
COHESION_CONFLICT_FLOOR = -10.0
# When a rebuilt component's groups join: up to this share of their cross pairs may fall
# below the floor (a sighting mistyped in two fields, which one of the same person's four
# other sightings firmly rejects, still joins them), where one such pair alone kept them
# apart before. FEBRL3 hard: 13 identities of one person each were left in two parts by
# one pair below the floor, 7 with the share. 1,000,000 synthetic records, shares 0 / 0.25:
# P/R/F1 0.9947 / 0.9634 / 0.9788 and 0.9945 / 0.9645 / 0.9793 (BENCHMARKS.md, "FEBRL").
# The incremental path and investigators' decisions keep share 0.
COHESION_CONFLICT_SHARE = 0.25
# The pairs inside a component are not two random records: the prior their odds carry (one
# in the population's size) need not fall further as the population grows. Above this many
# records the cohesion check scores them with the prior of this many, so a sighting is not
# judged a firmer non-match only because there are more people (+1 bit at 2M records).
COHESION_POPULATION = 1_000_000


@lru_cache(maxsize=1)
def committed_model() -> FellegiSunterModel:
    """The weights trained by ``skiptrace/train_weights.py`` on synthetic debtor records."""
    return FellegiSunterModel.load(MODEL_PATH)


@dataclass(frozen=True, slots=True)
class HouseholdEvidence:
    """Household-shaped pairs whose personal identifiers agree (the same person) and
    disagree (a household), as counted by ``PairScorer.household_evidence``."""

    same_person: int = 0
    different: int = 0

    def __add__(self, other: HouseholdEvidence) -> HouseholdEvidence:
        return HouseholdEvidence(self.same_person + other.same_person,
                                 self.different + other.different)

    def different_share_bound(self) -> float:
        """One-sided upper confidence bound (Clopper-Pearson, ``HOUSEHOLD_CONFIDENCE``) of the
        share of household-shaped pairs that are households; 1.0 with no pair agreeing."""
        if self.same_person == 0:
            return 1.0
        return float(beta.ppf(HOUSEHOLD_CONFIDENCE, self.different + 1, self.same_person))

    def guard_holds(self) -> bool:
        return self.different_share_bound() >= HOUSEHOLD_SHARE_CEILING


@dataclass(slots=True)
class LinkResult:
    """Cluster label per record and the evidence behind it."""

    table: PersonTable
    labels: np.ndarray
    left: np.ndarray
    right: np.ndarray
    log2_odds: np.ndarray
    model: FellegiSunterModel
    blocking: BlockingStats
    seconds: dict[str, float] = field(default_factory=dict)
    households: HouseholdEvidence = field(default_factory=HouseholdEvidence)
    household_guard: bool = True

    def identity_numbers(self) -> np.ndarray:
        """Identity number per record: 1, 2, ... in order of each identity's first record."""
        _unique, first_seen = np.unique(self.labels, return_index=True)
        rank = np.empty(len(first_seen), dtype=np.int64)
        rank[np.argsort(first_seen)] = np.arange(1, len(first_seen) + 1)
        lookup = dict(zip(_unique.tolist(), rank.tolist(), strict=True))
        return np.asarray([lookup[label] for label in self.labels.tolist()], dtype=np.int64)


class PairScorer:
    """Scores pairs of one table with one model: the log2 odds that clustering works on.

    The model's odds are capped below the threshold unless something besides
    the names supports the match (see ``MIN_CORROBORATION_BITS``), with one
    exception: a full name that agrees exactly, that is rare enough to expect
    no namesake in the population, on records that contradict each other
    nowhere (a court filing that prints only the debtor's name).
    """

    def __init__(self, model: FellegiSunterModel, table: PersonTable, use_tf: bool,
                 workers: int = 1, frequencies: dict[int, np.ndarray] | None = None,
                 population: int | None = None) -> None:
        """``frequencies`` and ``population`` stand in for the table's own when the table
        holds only the candidates of a larger population (incremental linking)."""
        self.model, self.table, self.workers = model, table, workers
        if frequencies is None:
            frequencies = term_frequency_columns(table)
        self.tf_columns = frequencies if use_tf else None
        self.namesakes = ((population or len(table)) * frequencies[FIELD_INDEX["given_name"]]
                          * frequencies[FIELD_INDEX["surname"]])
        # Whether the household guard holds (``decide_households`` may lift it), and the
        # evidence it was decided on.
        self.household_guard = True
        self.evidence = HouseholdEvidence()

    def __call__(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return self.score(compare_pairs(self.table, left, right, self.workers), left)

    def scored_pairs(self, left: np.ndarray, right: np.ndarray, floor: float = -np.inf,
                     chunk: int | None = None, decide_households: bool = False,
                     ) -> tuple[np.ndarray, np.ndarray]:
        """Compare and score pairs ``chunk`` at a time (over worker processes when there are
        several chunks), keeping only the pairs scored at ``floor`` or above: the positions
        of those pairs and their log2 odds. Their comparison vectors are never all held
        (70M pairs would be 0.6 GB of them, and their float64 odds as much again).
        ``chunk``: ``PAIR_CHUNK`` pairs unless given. ``decide_households``: count the
        household evidence of these pairs as they are scored, set ``household_guard`` from
        it (``HouseholdEvidence.guard_holds``) and score them with it."""
        chunk = chunk or PAIR_CHUNK
        if len(left) > chunk:
            prepare_codes(self.table)
        parts = pair_chunk_results(_scored_chunk, _ChunkScorer(self, floor, decide_households),
                                   left, right, chunk, self.workers)
        starts = range(0, max(len(left), 1), chunk)
        kept = np.concatenate([start + part.positions for start, part in
                               zip(starts, parts, strict=True)]).astype(np.int64)
        odds = np.concatenate([part.odds for part in parts])
        if decide_households:
            self._set_guard(sum((part.households for part in parts), HouseholdEvidence()))
            if not self.household_guard:
                # The pairs the guard alone held, with their odds unheld, replace or join
                # the kept ones (np.unique keeps each position's first entry, theirs).
                held = np.concatenate([start + part.held_positions for start, part in
                                       zip(starts, parts, strict=True)]).astype(np.int64)
                held_odds = np.concatenate([part.held_odds for part in parts])
                kept, first = np.unique(np.concatenate([held, kept]), return_index=True)
                odds = np.concatenate([held_odds, odds])[first]
        return kept, odds

    def household_evidence(self, gamma: np.ndarray) -> HouseholdEvidence:
        """Of the household-shaped pairs (given names clearly different, surnames the same
        or one edit apart, the same or a near street), how many have personal identifiers that agree
        (at least ``MIN_CORROBORATION_BITS`` for the match) and how many that disagree (as
        many against)."""
        shaped = np.flatnonzero((gamma[:, FIELD_INDEX["given_name"]] == 0)
                                & (gamma[:, FIELD_INDEX["surname"]] >= HOUSEHOLD_SURNAME_LEVEL)
                                & (gamma[:, FIELD_INDEX["address"]] >= HOUSEHOLD_ADDRESS_LEVEL))
        if len(shaped) == 0:
            return HouseholdEvidence()
        weights = self.model.field_weights(gamma[shaped])
        personal = weights[:, list(PERSONAL_FIELDS)].sum(axis=1)
        return HouseholdEvidence(same_person=int((personal >= MIN_CORROBORATION_BITS).sum()),
                                 different=int((personal <= -MIN_CORROBORATION_BITS).sum()))

    def decide_households(self, gamma: np.ndarray) -> HouseholdEvidence:
        """Set ``household_guard`` from these pairs' household evidence, and return it."""
        self._set_guard(self.household_evidence(gamma))
        return self.evidence

    def _set_guard(self, evidence: HouseholdEvidence) -> None:
        self.evidence = evidence
        self.household_guard = evidence.guard_holds()

    def score(self, gamma: np.ndarray, left: np.ndarray) -> np.ndarray:
        """Log2 odds per comparison vector (in chunks: the per-field weights are float64)."""
        if len(gamma) <= PAIR_CHUNK:
            return self._score_chunk(gamma, left)
        return np.concatenate([self._score_chunk(gamma[start:start + PAIR_CHUNK],
                                                 left[start:start + PAIR_CHUNK])
                               for start in range(0, len(gamma), PAIR_CHUNK)])

    def _score_chunk(self, gamma: np.ndarray, left: np.ndarray) -> np.ndarray:
        odds, held = self.unguarded(gamma, left)
        return guarded(odds, held) if self.household_guard else odds

    def unguarded(self, gamma: np.ndarray, left: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Log2 odds per comparison vector with the household guard lifted, and where the
        guard (different given names, no personal identifier) would cap them."""
        model = self.model
        weights = model.field_weights(gamma, pair_tf(self.tf_columns, left)
                                      if self.tf_columns else None)
        odds = np.log2(model.prior / (1.0 - model.prior)) + weights.sum(axis=1)
        non_name = weights.sum(axis=1) - weights[:, list(NAME_FIELDS)].sum(axis=1)
        personal = weights[:, list(PERSONAL_FIELDS)].clip(min=0).sum(axis=1)
        given_level = gamma[:, FIELD_INDEX["given_name"]]
        corroborated = non_name >= MIN_CORROBORATION_BITS
        household_clear = (given_level != 0) | (personal >= MIN_CORROBORATION_BITS)
        contradicted = (np.delete(weights, list(NAME_FIELDS), axis=1)
                        < -MIN_CORROBORATION_BITS).any(axis=1)
        full_name_agrees = ((given_level >= GIVEN_NICKNAME_LEVEL)
                            & (gamma[:, FIELD_INDEX["surname"]] == SURNAME_EXACT_LEVEL))
        rare_name_alone = (full_name_agrees & ~contradicted
                           & (self.namesakes[left] < MAX_EXPECTED_NAMESAKES))
        odds = np.where(corroborated | rare_name_alone, odds,
                        np.minimum(odds, UNCORROBORATED_CAP))
        return odds, corroborated & ~household_clear & ~rare_name_alone


def guarded(odds: np.ndarray, held: np.ndarray) -> np.ndarray:
    """Odds with the household guard applied: the pairs it holds capped at
    ``UNCORROBORATED_CAP``."""
    return np.where(held, np.minimum(odds, UNCORROBORATED_CAP), odds)


@dataclass(frozen=True, slots=True)
class _ChunkScorer:
    """What a chunk of pairs is scored with (handed to worker processes as one object)."""

    scorer: PairScorer
    floor: float
    decide_households: bool = False


@dataclass(frozen=True, slots=True)
class _ScoredChunk:
    """Positions (int32) within a chunk of the pairs scored at the floor or above, their log2
    odds, and when the household guard is being decided: the chunk's household evidence and
    the pairs the guard alone holds below the floor (positions, odds without the guard)."""

    positions: np.ndarray
    odds: np.ndarray
    households: HouseholdEvidence = HouseholdEvidence()
    held_positions: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int32))
    held_odds: np.ndarray = field(default_factory=lambda: np.empty(0))


def _scored_chunk(job: _ChunkScorer, left: np.ndarray, right: np.ndarray,
                  workers: int) -> _ScoredChunk:
    scorer = job.scorer
    gamma = compare_pairs(scorer.table, left, right, workers)
    if not job.decide_households:
        odds = scorer.score(gamma, left)
        positions = np.flatnonzero(odds >= job.floor)
        return _ScoredChunk(positions.astype(np.int32), odds[positions])
    free, held = scorer.unguarded(gamma, left)
    odds = guarded(free, held)
    positions = np.flatnonzero(odds >= job.floor)
    held_positions = np.flatnonzero(held & (free >= job.floor))
    return _ScoredChunk(positions.astype(np.int32), odds[positions],
                        scorer.household_evidence(gamma),
                        held_positions.astype(np.int32), free[held_positions])


def cohesion_shift(prior: float, records: int,
                   population: int = COHESION_POPULATION) -> float:
    """Bits added to the odds of pairs inside a component: the log2 prior odds of a population
    of ``population`` records less those of ``records`` (0 up to ``population`` records)."""
    if records <= population or not 0.0 < prior < 0.5:
        return 0.0
    moved = min(0.5, prior * (records - 1) / (population - 1))
    return float(np.log2(moved / (1.0 - moved)) - np.log2(prior / (1.0 - prior)))


@dataclass(frozen=True, slots=True)
class _ShiftedScorer:
    """A pair scorer whose odds are moved by ``shift`` bits (the cohesion check's prior)."""

    scorer: PairScorer
    shift: float

    def __call__(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return self.scorer(left, right) + self.shift


def training_route(records: int, pairs: int, training: str = "auto") -> str:
    """Which of ``TRAINING`` a table of ``records`` with ``pairs`` candidate pairs gets.

    "auto": below ``MIN_RECORDS_TO_TRAIN`` records (or with no candidate pairs) the
    committed weights; up to ``MAX_RECORDS_TO_TRAIN`` EM over the candidate pairs
    ("full"); above that, EM in training passes blocked on other fields ("blocked",
    ``em_passes``).
    """
    if training not in TRAINING:
        raise ValueError(f"training must be one of {', '.join(TRAINING)}, not {training!r}")
    if training == "auto":
        return ("committed" if records < MIN_RECORDS_TO_TRAIN or pairs == 0
                else "full" if records <= MAX_RECORDS_TO_TRAIN else "blocked")
    return training


def trained_model(table: PersonTable, gamma: np.ndarray | None, start: FellegiSunterModel,
                  training: str = "auto", workers: int = 1) -> FellegiSunterModel:
    """The model that scores this table's pairs, by ``training`` (``training_route``).

    ``gamma``, the candidate pairs' comparison vectors, is read only by "full" training
    (and by "auto" to choose the route); the other routes take None.
    """
    n = len(table)
    if training == "auto":
        if gamma is None:
            raise ValueError("training 'auto' needs the comparison vectors to choose a route")
        training = training_route(n, len(gamma), training)
    training = training_route(n, 1, training)
    if training == "committed" or n < 2:
        return start.for_population(n)
    u = estimate_u(table, workers=workers)
    if training == "full":
        if gamma is None:
            raise ValueError("training 'full' needs the candidate pairs' comparison vectors")
        return train_em(gamma, start, u, total_pairs=n * (n - 1) / 2)
    return train_blocked_em(table, start, u, workers=workers)


def link_table(table: PersonTable, model: FellegiSunterModel | None = None,
               train: bool = True, threshold: float = MATCH_THRESHOLD,
               workers: int = 1, training: str = "auto",
               keep_all_pairs: bool = True) -> LinkResult:
    """Link normalized records with the model ``trained_model`` gives (``train=False``:
    the committed weights, or ``model``, moved to this population's size).

    Unless the model is trained by EM over every candidate pair ("full"), the pairs are
    compared and scored a chunk at a time after training. ``keep_all_pairs=False`` keeps
    (in ``LinkResult.left`` / ``right`` / ``log2_odds``) only the pairs at or above the
    threshold, which is all clustering reads: the same labels for much less memory."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    n = len(table)
    left, right, blocking = candidate_pairs(table)
    seconds["blocking"] = time.perf_counter() - clock
    route = training_route(n, len(left), training if train else "committed")
    start = model or committed_model()
    floor = -np.inf if keep_all_pairs else threshold
    use_tf = n >= MIN_RECORDS_FOR_TF
    clock = time.perf_counter()
    if route == "full":
        gamma = compare_pairs(table, left, right, workers)
        seconds["comparing"] = time.perf_counter() - clock
        clock = time.perf_counter()
        model = trained_model(table, gamma, start, route, workers)
        scorer = PairScorer(model, table, use_tf=use_tf, workers=workers)
        scorer.decide_households(gamma)
        log2_odds = scorer.score(gamma, left)
        del gamma
        kept = np.flatnonzero(log2_odds >= floor)
        log2_odds = log2_odds[kept]
        seconds["training_and_scoring"] = time.perf_counter() - clock
    else:
        model = trained_model(table, None, start, route, workers)
        scorer = PairScorer(model, table, use_tf=use_tf, workers=workers)
        seconds["training"] = time.perf_counter() - clock
        clock = time.perf_counter()
        kept, log2_odds = scorer.scored_pairs(left, right, floor, decide_households=True)
        seconds["comparing_and_scoring"] = time.perf_counter() - clock
    if len(kept) < len(left):
        left, right = left[kept], right[kept]
    del kept
    clock = time.perf_counter()
    shift = cohesion_shift(model.prior, n, COHESION_POPULATION)
    labels = cluster(n, left, right, log2_odds, threshold,
                     scorer if shift == 0.0 else _ShiftedScorer(scorer, shift),
                     conflict_floor=COHESION_CONFLICT_FLOOR,
                     conflict_share=COHESION_CONFLICT_SHARE)
    seconds["clustering"] = time.perf_counter() - clock
    return LinkResult(table=table, labels=labels, left=left, right=right, log2_odds=log2_odds,
                      model=model, blocking=blocking, seconds=seconds,
                      households=scorer.evidence, household_guard=scorer.household_guard)


def link_records(records: Sequence[PersonRecord], model: FellegiSunterModel | None = None,
                 train: bool = True, threshold: float = MATCH_THRESHOLD,
                 workers: int = 1, training: str = "auto",
                 keep_all_pairs: bool = True) -> LinkResult:
    """Normalize and link records (see ``link_table``)."""
    return link_columns(RecordColumns.of(records, workers), model=model, train=train,
                        threshold=threshold, workers=workers, training=training,
                        keep_all_pairs=keep_all_pairs)


def link_columns(columns: RecordColumns, model: FellegiSunterModel | None = None,
                 train: bool = True, threshold: float = MATCH_THRESHOLD,
                 workers: int = 1, training: str = "auto",
                 keep_all_pairs: bool = True) -> LinkResult:
    """Normalize and link records already coded as columns (see ``link_table``); the time
    spent coding them counts as normalizing. The columns are released once normalized
    (``RecordColumns.release``): the table holds what linking reads."""
    clock = time.perf_counter()
    table = normalize_columns(columns, workers=workers, release=True)
    normalizing = time.perf_counter() - clock + columns.coding_seconds
    result = link_table(table, model=model, train=train, threshold=threshold, workers=workers,
                        training=training, keep_all_pairs=keep_all_pairs)
    result.seconds = {"normalizing": normalizing, **result.seconds}
    return result
