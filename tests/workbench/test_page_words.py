from __future__ import annotations

from tests.workbench.conftest import page_words
from workbench.page_words import page_lines, union_bbox, word_at, words_near


def test_page_lines_group_words_top_to_bottom():
    lines = page_lines(page_words())
    assert lines[2].text == "Case No. 24SC00891"
    assert lines[0].bbox[1] < lines[1].bbox[1]


def test_words_near_ranks_closest_first():
    words = page_words()
    target = next(w for w in words if w["text"] == "24SC00891")
    x = (target["bbox"][0] + target["bbox"][2]) / 2
    assert words_near(words, x, target["bbox"][1] + 5, limit=3)[0]["text"] == "24SC00891"
    assert word_at(words, x, target["bbox"][1] + 5)["text"] == "24SC00891"
    assert word_at(words, 5000, 5000) is None


def test_union_bbox_spans_all_words():
    words = page_words()[:3]
    assert union_bbox(words) == (words[0]["bbox"][0], words[0]["bbox"][1],
                                 words[2]["bbox"][2], words[2]["bbox"][3])
