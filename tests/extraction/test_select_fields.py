"""How many values of a field the extraction keeps: one, or every item of a multi-value one."""

from __future__ import annotations

from extraction.pipeline import FieldHit, select_fields


def fee(value: str, score: float, top: float) -> FieldHit:
    return FieldHit("fees", value, f"${value}", 1, (400.0, top, 440.0, top + 10), score,
                    "left", "model")


def kept(hits: list[FieldHit]) -> list[str]:
    return sorted(f.value for f in select_fields(hits, "judgment", ocr=False)
                  if f.name == "fees")


def test_two_fee_items_read_as_alike_are_both_kept_though_neither_is_sure() -> None:
    # costs and attorney fees of a judgment the model doubts equally (0.83 / 0.81)
    assert kept([fee("464.00", 0.83, 560), fee("250.00", 0.81, 575)]) == ["250.00", "464.00"]


def test_a_fee_far_less_sure_than_the_best_is_dropped_and_sure_ones_always_kept() -> None:
    assert kept([fee("464.00", 0.83, 560), fee("75.00", 0.60, 600)]) == ["464.00"]
    assert kept([fee("464.00", 0.99, 560), fee("250.00", 0.88, 575),
                 fee("75.00", 0.60, 600)]) == ["250.00", "464.00"]


def test_a_single_value_field_keeps_only_its_best() -> None:
    hits = [FieldHit("amount_due", v, v, 1, (400.0, 500.0, 440.0, 510.0), s, "left", "model")
            for v, s in (("4623.60", 0.83), ("4373.60", 0.82))]
    out = [f.value for f in select_fields(hits, "judgment", ocr=False) if f.name == "amount_due"]
    assert out == ["4623.60"]
