"""Train the committed weights (``model_weights.json``) on synthetic debtor records.

Linking a large batch learns its own weights by EM; a small batch (a few new
documents, a short CRM file) is too small for that and uses these instead.
They are estimated with the answers known: m from the true pairs among the
candidate pairs, u from the population, so they need no EM at all.

    python -m skiptrace.train_weights
"""

from __future__ import annotations

import argparse

import numpy as np

from skiptrace.blocking import candidate_pairs
from skiptrace.comparisons import FIELDS, MISSING, compare_pairs
from skiptrace.fellegi_sunter import M_FLOOR, FellegiSunterModel, estimate_u
from skiptrace.linker import MODEL_PATH
from skiptrace.normalize import normalize_records
from skiptrace.synthetic import DebtorGenerator


def supervised_model(record_count: int = 30_000, seed: int = 2024) -> FellegiSunterModel:
    records, truth = DebtorGenerator(seed=seed).records(record_count)
    table = normalize_records(records)
    left, right, _stats = candidate_pairs(table)
    labels = np.asarray(truth)
    is_match = labels[left] == labels[right]
    gamma = compare_pairs(table, left[is_match], right[is_match])
    m = []
    for f, spec in enumerate(FIELDS):
        levels = gamma[:, f]
        counts = np.bincount(levels[levels != MISSING], minlength=len(spec.levels)) + 1.0
        shares = np.maximum(counts / counts.sum(), M_FLOOR)
        m.append(shares / shares.sum())
    group_sizes = np.bincount(labels)
    true_pairs = float((group_sizes * (group_sizes - 1) / 2).sum())
    n = len(records)
    return FellegiSunterModel(
        m=m, u=estimate_u(table, sample_pairs=200_000), prior=true_pairs / (n * (n - 1) / 2),
        trained_records=n,
        notes={"trained_on": f"{record_count} synthetic debtor records, seed {seed}",
               "script": "python -m skiptrace.train_weights"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=30_000)
    args = parser.parse_args()
    model = supervised_model(args.records)
    model.save(MODEL_PATH)
    print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
