from skiptrace.records import PersonRecord, last_four


def test_last_four_cuts_a_full_ssn():
    assert last_four("123-45-6789") == "6789"
    assert last_four("XXX-XX-6789") == "6789"
    assert last_four("12") == ""


def test_person_record_never_keeps_more_than_four_digits():
    record = PersonRecord(record_id="1", ssn_last4="123456789")
    assert record.ssn_last4 == "6789"
