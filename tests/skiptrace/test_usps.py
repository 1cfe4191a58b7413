from skiptrace.usps import parse_one_line_address, standardize_street, zip5


def test_standardize_street_uses_usps_abbreviations():
    assert standardize_street("1420 West Elm Street Apartment 3B") == "1420 w elm st apt 3b"
    assert standardize_street("1420 W. Elm St. #3B") == "1420 w elm st apt 3b"


def test_zip5_keeps_five_digits():
    assert zip5("62704-1234") == "62704"


def test_parse_one_line_address_splits_parts():
    address = parse_one_line_address("1420 W Elm St Apt 3B, Springfield, IL 62704-0001")
    assert address.street == "1420 w elm st apt 3b"
    assert address.city == "springfield"
    assert address.state == "il"
    assert address.postcode == "62704"
    assert address.one_line() == "1420 w elm st apt 3b, springfield, il 62704"


def test_standardize_street_with_the_house_number_split_off_gives_the_same_answer():
    from skiptrace.synthetic import DebtorGenerator
    from skiptrace.usps import _standardize_street_cached

    records, _truth = DebtorGenerator(seed=8).records(2_000)
    streets = [r.street for r in records] + [
        "1420 Apt 5", "  1420   West Elm Street", "12 #4 Main", "7 po box 12", "99 ,",
        "1420 North", "3 North Shore Drive East", "12a Elm St", "PO Box 7"]
    for street in streets:
        assert standardize_street(street) == _standardize_street_cached(street), street


def test_a_po_box_reads_the_same_however_it_is_written_and_gives_no_street_name_key():
    from skiptrace.blocking import _name_of_street

    written = ["P.O. Box 40", "PO Box 40", "P. O. Box 40", "Post Office Box 40", "Pobox 40"]
    assert {standardize_street(w) for w in written} == {"po box 40"}
    assert _name_of_street(standardize_street("P.O. Box 40")) == ""
    assert standardize_street("12 Polo Box Rd") == "12 polo box rd"
