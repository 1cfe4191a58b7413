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
    ("b1,Ann,Lee,31/31/1999,,,,,,,,\n", "is not a date"),
    ("b1,Ann,Lee,,12,,,,,,,\n", "'ssn'"),
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
    source = _write(tmp_path / "in.csv", ["b1,Ann,Lee,not-a-date,123-45-6789,,,,,,,\n"])
    with pytest.raises(LinkInputError) as error:
        link_csv(source, tmp_path / "out.csv")
    assert "123-45" not in str(error.value) and "6789" not in str(error.value)
