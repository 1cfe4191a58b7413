"""Calibration: bucket keys, the table lookup with coarser fallbacks, the Wilson bound."""

from __future__ import annotations

import json

from extraction import confidence
from extraction.fit_calibration import table_from_counts, wilson_lower


def test_wilson_lower_is_below_the_observed_rate_and_grows_with_evidence() -> None:
    assert wilson_lower(9, 10) < 0.9
    assert wilson_lower(90, 100) > wilson_lower(9, 10)
    assert wilson_lower(0, 0) == 0.0


def test_table_from_counts_leaves_out_small_buckets() -> None:
    table = table_from_counts({"a": [10, 10], "b": [1, 1]})
    assert set(table) == {"a"}
    assert 0.9 < table["a"] < 1.0


def test_lookup_falls_back_to_coarser_bucket_but_not_to_the_field(tmp_path, monkeypatch) -> None:
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"fields": {"text|amount_due|left|hi": 0.97,
                                           "text|amount_due|left": 0.97, "text|amount_due": 0.9},
                                "parties": {}}))
    monkeypatch.setattr(confidence, "TABLE_PATH", path)
    confidence._table.cache_clear()
    try:
        key = confidence.field_bucket("amount_due", 0.95, "left", 1, 0, 1.0, False)
        assert key.startswith("text|amount_due|left|hi")
        assert confidence.calibrate_field(key, 0.95) == 0.97
        # a way of finding the value that calibration never counted does not borrow the
        # field's overall rate ("text|amount_due"): it gets the shrunk raw score
        assert confidence.calibrate_field("text|amount_due|model|hi", 0.95) == \
            0.95 * confidence.PRIOR_SHRINK
        # nor the place's rate for a strength it never counted there (a doubted label)
        assert confidence.calibrate_field("text|amount_due|left|lo|one|alone", 0.8) == \
            0.8 * confidence.PRIOR_SHRINK
        assert confidence.calibrate_field("fees|left", 0.8) == 0.8 * confidence.PRIOR_SHRINK
    finally:
        confidence._table.cache_clear()


def test_committed_table_loads() -> None:
    table = json.loads(confidence.TABLE_PATH.read_text())
    assert table["fields"] and table["parties"]
    assert all(0.0 <= v <= 1.0 for v in table["fields"].values())


def _creditor(how: str):
    from extraction.contacts import PartyDraft

    return PartyDraft("creditor", "Northwind Receivables LLC", 1, (72.0, 90.0, 200.0, 100.0),
                      0.88, how, 3)


def test_a_creditor_read_off_key_value_pairs_is_its_own_evidence_kind() -> None:
    """A creditor_name taken from a party read off a key/value pair (kv_parties) does not
    borrow the rate calibration counted for creditors read from captions and role labels:
    a table that knows only the latter gives it the conservative prior."""
    from extraction.pipeline import _creditor_hits_from_parties, select_fields

    table = {"fields": {"text|creditor_name|party": 0.99,
                        "text|creditor_name|party|lo": 0.99,
                        "text|creditor_name|party|lo|one|alone": 0.996},
             "parties": {}}
    with confidence.using_table(table):
        caption = select_fields(_creditor_hits_from_parties([_creditor("caption")]),
                                "placement", ocr=False)
        kv = select_fields(_creditor_hits_from_parties([_creditor("kv")]), "placement",
                           ocr=False)
        section = select_fields(_creditor_hits_from_parties([_creditor("kv-section")]),
                                "placement", ocr=False)
    assert [f.evidence for f in caption] == ["text|creditor_name|party|lo|one|alone"]
    assert caption[0].confidence == 0.996
    assert [f.evidence for f in kv] == ["text|creditor_name|party-kv|lo|one|alone"]
    assert kv[0].confidence == 0.75 * confidence.PRIOR_SHRINK < 0.9
    assert section[0].evidence.startswith("text|creditor_name|party-kv-section|")
    assert section[0].confidence < 0.9
    # a table fitted on key/value creditors gives them the rate it counted for them
    table["fields"]["text|creditor_name|party-kv|lo"] = 0.8
    with confidence.using_table(table):
        kv = select_fields(_creditor_hits_from_parties([_creditor("kv")]), "placement",
                           ocr=False)
    assert kv[0].confidence == 0.8
