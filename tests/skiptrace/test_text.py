from skiptrace.text import fold


def test_fold_removes_accents_case_and_punctuation():
    assert fold("José Ñúñez-O'Brien") == "jose nunez obrien"
    assert fold("STRAßE") == "strasse"
    assert fold("") == ""
