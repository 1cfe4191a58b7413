"""The doc-type training script: deterministic weights, a model intake can load, and a
model that learns (a tiny one still tells a summons from a declaration)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from intake.classify import load_model
from samples.procedural import TEMPLATES
from samples.train_doctype import fit, main, procedural_docs, training_data


@pytest.fixture(scope="module")
def small() -> object:
    return training_data(per_kind=4, seed=3, rendered=0, procedural=0)


def test_train_doctype_same_data_same_weights(small) -> None:  # type: ignore[no-untyped-def]
    first, second = fit(small), fit(small)
    assert first.classes == second.classes
    assert np.array_equal(first.weight, second.weight)
    assert np.array_equal(first.bias, second.bias)
    assert np.array_equal(first.idf, second.idf)


def test_train_doctype_script_writes_a_loadable_model(tmp_path: Path) -> None:
    out = tmp_path / "model.npz"
    main(["--out", str(out), "--per-kind", "6", "--rendered", "0", "--procedural", "1",
          "--seed", "5"])
    model = load_model(out)
    again = tmp_path / "again.npz"
    main(["--out", str(again), "--per-kind", "6", "--rendered", "0", "--procedural", "1",
          "--seed", "5"])
    assert np.array_equal(model.weight, load_model(again).weight)
    summons = "SUMMONS\nNOTICE TO DEFENDANT: YOU ARE BEING SUED BY PLAINTIFF\n" \
              "You have 30 calendar days after this summons is served to file a response."
    probs = model.probabilities([summons])  # a tiny model: its best guess, sure or not
    assert model.classes[int(np.argmax(probs))] == "summons"


def test_train_doctype_refuses_a_too_small_run(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--per-kind", "1"])
    assert "--per-kind must be at least 2" in capsys.readouterr().err


def test_procedural_sheets_come_by_family_and_can_be_held_out() -> None:
    """Each arrangement's sheets carry their family as the kind, so a fold can leave one
    out; they are read back from their PDFs as intake reads a text layer."""
    family = sorted(TEMPLATES)[0]
    sheets = procedural_docs(2, seed=7, families=[family])
    assert sheets.kinds == [f"procedural:{family}"] * 2
    assert set(sheets.labels) == {"placement"}
    assert all(pages and pages[0].strip() for pages in sheets.texts)
    fold = training_data(per_kind=2, seed=3, rendered=0, procedural=1,
                         exclude=[f"procedural:{family}"])
    kinds = {kind for kind in fold.kinds if kind.startswith("procedural:")}
    assert kinds == {f"procedural:{name}" for name in TEMPLATES} - {f"procedural:{family}"}


def test_featurized_copy_grows_apart_from_its_source(small) -> None:  # type: ignore[no-untyped-def]
    copy = small.copy()
    assert copy.labels == small.labels and copy.counted() == small.counted()
    before = len(small.texts)
    copy.extend(small)
    assert len(copy.texts) == 2 * before and len(small.texts) == before
