"""An address a form prints part by part in boxes on one line (candidates._zip_joined_cells)."""

from __future__ import annotations

from extraction.candidates import lines_to_candidates
from extraction.pipeline import document_lines
from tests.extraction.builders import document, page


def _addresses(*placed: tuple[float, float, str]) -> list[str]:
    lines = document_lines(document(page(*placed)))[0]
    return [c.value for c in lines_to_candidates(lines) if c.kind == "address"]


def test_street_city_state_and_zip_in_their_own_boxes_read_as_one_address() -> None:
    found = _addresses((40, 100, "Street address:"), (130, 100, "4417 Larkspur Lane"),
                       (330, 100, "Bakersfield"), (450, 100, "CA"), (490, 100, "93309"),
                       (130, 112, "Street"), (330, 112, "City"), (450, 112, "State"),
                       (490, 112, "Zip"))
    assert found == ["4417 Larkspur Ln, Bakersfield, CA 93309"]


def test_a_post_office_box_and_a_city_of_two_words_in_boxes() -> None:
    found = _addresses((40, 100, "Mailing address (if different):"), (230, 100, "P.O. Box 812"),
                       (330, 100, "Grass Valley"), (450, 100, "CA"), (490, 100, "95945"))
    assert found == ["P.O. Box 812, Grass Valley, CA 95945"]


def test_a_lone_state_and_zip_beside_a_label_are_no_address() -> None:
    # the city's box holds a label, not a city: nothing to join
    assert _addresses((40, 100, "Phone: (559) 555-0142"), (330, 100, "Venue:"),
                      (450, 100, "CA"), (490, 100, "93301")) == []
