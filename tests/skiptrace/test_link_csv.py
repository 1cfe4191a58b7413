import csv

import pytest

from skiptrace.link_csv import LinkInputError, link_csv

HEADER = "record_id,given_name,surname,dob,ssn,street,city,state,postcode,phone,email,notes\n"


def _write(path, rows):
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_link_csv_writes_an_identity_for_every_row(tmp_path):
    source = _write(tmp_path / "in.csv", [
        "a1,Robert,Quarshie,1970-05-06,123-45-4821,1 Elm St,Springfield,IL,62704,,,x\n",
        "a2,Bob,Quarshie,05/06/1970,4821,77 Oak Ave,Tulsa,OK,74101,(918) 555-0101,,y\n",
        "a3,Alice,Other,1990-01-01,,,,,,,,\n",
    ])
    summary = link_csv(source, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["record_id"] for row in rows] == ["a1", "a2", "a3"]
    ids = [row["identity_id"] for row in rows]
    assert ids[0] == ids[1] != ids[2]
    assert summary.records == 3 and summary.identities == 2


@pytest.mark.parametrize(("row", "problem"), [
    (",Ann,Lee,,,,,,,,,\n", "record_id is empty"),
    ("b1,Ann,Lee,,,,,,\n", "fewer than the header"),
    ("b1,Ann,Lee,,,,,,,,,,extra\n", "more than the header"),
])
def test_link_csv_rejects_a_malformed_row_without_output(tmp_path, row, problem):
    source = _write(tmp_path / "in.csv", ["ok1,Ann,Lee,,,,,,,,,\n", row])
    with pytest.raises(LinkInputError) as error:
        link_csv(source, tmp_path / "out.csv")
    assert "row 3" in str(error.value)
    assert problem in str(error.value)
    assert not (tmp_path / "out.csv").exists()
    assert list(tmp_path.iterdir()) == [source]


def test_link_csv_rejects_repeated_ids_and_missing_header(tmp_path):
    repeated = _write(tmp_path / "in.csv", ["x,A,B,,,,,,,,,\n", "x,C,D,,,,,,,,,\n"])
    with pytest.raises(LinkInputError, match="repeats row 2"):
        link_csv(repeated, tmp_path / "out.csv")
    no_id = tmp_path / "bad.csv"
    no_id.write_text("name,surname\nA,B\n", encoding="utf-8")
    with pytest.raises(LinkInputError, match="no 'record_id' column"):
        link_csv(no_id, tmp_path / "out.csv")


def test_link_csv_error_never_shows_a_full_ssn(tmp_path):
    source = _write(tmp_path / "in.csv", ["b1,Ann,Lee,not-a-date,123-45-6789,,,,,,\n"])
    with pytest.raises(LinkInputError) as error:
        link_csv(source, tmp_path / "out.csv")
    assert "123-45" not in str(error.value) and "6789" not in str(error.value)


def _structural_fault(tmp_path, data: bytes) -> str:
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    with pytest.raises(LinkInputError) as error:
        link_csv(source, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
    assert list(tmp_path.iterdir()) == [source]  # no partial or temporary output
    return str(error.value)


def test_structural_fault_empty_file_has_no_header(tmp_path):
    assert "row 1: no header row" in _structural_fault(tmp_path, b"")
    assert "row 1: no header row" in _structural_fault(tmp_path, b"\nok1,Ann,Lee\n")


def test_structural_fault_no_record_id_column(tmp_path):
    message = _structural_fault(tmp_path, b"a1,Ann,Lee,1970-01-01\na2,Bob,Lee,1971-01-01\n")
    assert "row 1" in message and "no 'record_id' column" in message


def test_structural_fault_duplicate_record_id(tmp_path):
    message = _structural_fault(tmp_path, (HEADER + "x,A,B,,,,,,,,,\ny,C,D,,,,,,,,,\n"
                                           "x,E,F,,,,,,,,,\n").encode())
    assert "row 4" in message and "repeats row 2" in message


def test_structural_fault_bytes_not_utf8_name_the_row(tmp_path):
    data = (HEADER + "a1,Ann,Lee,,,,,,,,,\n").encode() + b"a2,Jos\xe9,Lee,,,,,,,,,\n"
    message = _structural_fault(tmp_path, data)
    assert "row 3" in message and "not UTF-8" in message


@pytest.mark.parametrize(("row", "problem"), [
    ("b1,Ann,Lee\n", "3 fields, fewer than the header's 12"),
    ("b1,Ann,Lee,,,,,,,,,,,\n", "14 fields, more than the header's 12"),
])
def test_structural_fault_wrong_number_of_fields(tmp_path, row, problem):
    message = _structural_fault(tmp_path, (HEADER + "ok,A,B,,,,,,,,,\n" + row).encode())
    assert "row 3" in message and problem in message


def test_dirty_values_never_stop_a_run_and_are_counted(tmp_path):
    source = _write(tmp_path / "in.csv", [
        "c1,Ann,Quarshie,1957-06-26,4821,1 Elm St,Springfield,IL,62704,(217) 555-0143,a@x.org,\n",
        # day and month swapped, so not a real date; junk phone; odd ZIP; SSN shape odd
        "c2,Ann,Quarshie,1957-26-06,48 21,1 Elm St,Springfield,IL,6270,99 555 0143,a@x.org,\n",
        "c3,Ann,Quarshie,1955-11-92,,,,,,12,not-an-email,\n",
        "c4,Zed,Other,31/31/1999,,,,,,,,\n",
        "c5,Zed,Other,unknown,,,,,ABC,,,\n",
    ])
    summary = link_csv(source, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["record_id"] for row in rows] == ["c1", "c2", "c3", "c4", "c5"]
    ids = {row["record_id"]: row["identity_id"] for row in rows}
    assert ids["c1"] == ids["c2"]  # the swapped DOB still counted as evidence
    dirty = summary.dirty
    assert (dirty.dob_not_a_date, dirty.dob_unreadable) == (3, 1)
    assert dirty.phone_junk == 2 and dirty.postcode_odd == 2 and dirty.email_junk == 1
    assert dirty.ssn_odd == 1  # '48 21': odd, but its last four digits still compared
    lines = str(summary).splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("3 DOB values are not real dates (compared by their parts); "
                               "1 DOB values hold no date")
    assert "4821" not in str(summary)


def test_a_file_of_clean_values_prints_one_summary_line(tmp_path):
    source = _write(tmp_path / "in.csv", ["a1,Ann,Lee,1970-01-02,,,,,,,,\n"])
    summary = link_csv(source, tmp_path / "out.csv")
    assert summary.dirty.total() == 0 and len(str(summary).splitlines()) == 1


def test_many_impossible_dates_in_one_file(tmp_path):
    rows = [f"r{k},Given{k % 50},Sur{k % 70},1960-{13 + k % 20}-{1 + k % 28},,,,,,,,\n"
            for k in range(400)]
    summary = link_csv(_write(tmp_path / "in.csv", rows), tmp_path / "out.csv")
    assert summary.records == 400 and summary.dirty.dob_not_a_date == 400
    assert "400 DOB values are not real dates" in str(summary)
