from __future__ import annotations

from PIL import Image

from tests.workbench.conftest import page_words
from workbench.page_chart import (
    BOX_PARAM,
    WORD_PARAM,
    chart_size,
    image_uri,
    page_chart,
    picked_words,
)


def test_picked_words_from_a_click_returns_that_word():
    words = page_words()
    assert picked_words({WORD_PARAM: [{"index": 8}]}, words) == [words[8]]
    assert picked_words({WORD_PARAM: [], BOX_PARAM: {}}, words) == []
    assert picked_words(None, words) == []


def test_picked_words_from_a_box_returns_the_words_inside_in_reading_order():
    words = page_words()
    case_line = [w for w in words if w["line"] == 2]
    box = {"x0": [case_line[0]["bbox"][0] - 2, case_line[-1]["bbox"][2] + 2],
           "top": [case_line[0]["bbox"][1] - 2, case_line[0]["bbox"][3] + 2]}
    assert [w["text"] for w in picked_words({BOX_PARAM: box}, words)] == [
        "Case", "No.", "24SC00891"]


def test_page_chart_keeps_the_page_aspect_and_every_word():
    size = chart_size(612.0, 792.0, width=306)
    uri = image_uri(Image.new("RGB", (935, 1210), "white"), size)
    spec = page_chart(uri, page_words(), 612.0, 792.0, width=306)
    assert (spec["width"], spec["height"]) == size == (306, 396)
    background, word_layer = spec["layer"]
    assert background["mark"]["url"].startswith("data:image/png;base64,")
    assert {p["name"] for p in word_layer["params"]} == {WORD_PARAM, BOX_PARAM}
    assert len(word_layer["data"]["values"]) == len(page_words())
