"""Issue 17, loaders: every malformed file is an ``InputError`` naming the file, the line and the column; counts and
dates out of range are refused (never wrapped round or read as blank); a table full of errors gives a bounded
message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiemtra_lib import InputError
from kiemtra_lib.datasets import load
from kiemtra_lib.errors import MAX_PROBLEMS

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
MEMBERS = (DATASETS / "chi_bo_9_members.csv").read_text(encoding="utf-8-sig")
HEADER, FIRST, *REST = MEMBERS.splitlines()


def _write(tmp_path: Path, text: str | bytes, name: str = "bang.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _cell(line: str, column: str, value: str) -> str:
    cells = line.split(",")
    cells[HEADER.split(",").index(column)] = value
    return ",".join(cells)


@pytest.mark.parametrize("content", [b"", "\ufeff".encode(), b"\n\n\n", b"\r\n \r\n", "\ufeff\n\n".encode()],
                         ids=["empty", "bom-only", "blank-lines", "crlf-spaces", "bom-blank"])
def test_an_empty_file_names_the_file(tmp_path, content):
    path = _write(tmp_path, content)
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.field == "tệp" and err.value.value == str(path)
    assert "Tệp trống" in str(err.value)


def test_an_unclosed_quote_names_its_line(tmp_path):
    path = _write(tmp_path, "\n".join([HEADER, FIRST, '"' + REST[0], *REST[1:]]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.row == 3 and "ngoặc kép" in str(err.value) and str(path) in str(err.value)


def test_a_row_with_more_fields_than_the_header_is_refused_not_shifted(tmp_path):
    # pandas would quietly take the extra leading fields as the index: HV009 built, HV001 lost (issue 17)
    path = _write(tmp_path, "\n".join([HEADER, FIRST, REST[0] + ",DV99,Người Khác", *REST[1:]]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.row == 3 and "nhiều hơn" in str(err.value)


def test_blank_lines_above_the_header_keep_the_line_numbers_of_the_file(tmp_path):
    path = _write(tmp_path, "\n".join(["", "", HEADER, _cell(FIRST, "votes_tot", "nhiều"), *REST]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert str(err.value.row).startswith("4 ")


@pytest.mark.parametrize("header", ["votes_tot,votes_tot", "votes_tot,Phiếu Hoàn thành tốt"])
def test_a_header_naming_one_column_twice_is_refused(tmp_path, header):
    path = _write(tmp_path, HEADER + "," + header.split(",")[1] + "\n" + FIRST + ",3\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert "votes_tot" in str(err.value) and ("hai lần" in str(err.value) or "chỉ giữ một" in str(err.value))


@pytest.mark.parametrize("value", ["1e30", "9223372036854775808", "inf", "-inf", "Infinity", "nan", "1000000",
                                   "1" + "0" * 5000, "2.5", "-1"])
def test_a_count_out_of_range_is_refused_with_row_column_and_value(tmp_path, value):
    path = _write(tmp_path, "\n".join([HEADER, _cell(FIRST, "votes_tot", value), *REST]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    (problem,) = err.value.problems
    assert problem.field == "votes_tot" and problem.value == value and str(problem.row).startswith("2 ")
    assert "999.999" in str(err.value)


def test_the_largest_count_allowed_loads_as_itself(tmp_path):
    path = _write(tmp_path, "\n".join([HEADER, _cell(FIRST, "absences", "999999"), *REST]) + "\n")
    assert load(path)["absences"].iloc[0] == 999_999


@pytest.mark.parametrize("value", ["01/01/1025", "31/12/9999", "1899-12-31", "01/01/2101", "2262-04-12"])
def test_a_date_outside_1900_2100_is_refused(tmp_path, value):
    path = _write(tmp_path, "\n".join([HEADER, _cell(FIRST, "joined_on", value), *REST]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert [(p.field, p.value) for p in err.value.problems] == [("joined_on", value)]


@pytest.mark.parametrize("value,expected", [("01/01/1900", dt.date(1900, 1, 1)), ("2100-12-31", dt.date(2100, 12, 31))])
def test_the_ends_of_the_date_range_load(tmp_path, value, expected):
    path = _write(tmp_path, "\n".join([HEADER, _cell(FIRST, "joined_on", value), *REST]) + "\n")
    assert load(path)["joined_on"].iloc[0].date() == expected


def test_a_table_with_an_error_on_every_row_lists_the_first_50_and_the_total(tmp_path):
    rows = [_cell(f"{FIRST.replace('DV01', f'DV{i:04d}', 1)}", "votes_tot", "nhiều") for i in range(400)]
    path = _write(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.total == 400 and len(err.value.problems) == MAX_PROBLEMS
    assert [str(p.row).split()[0] for p in err.value.problems] == [str(i) for i in range(2, 2 + MAX_PROBLEMS)]
    text = str(err.value)
    assert text.startswith("Có 400 giá trị không hợp lệ") and "và 350 giá trị khác" in text
    assert text.count("\n") == MAX_PROBLEMS + 1


def test_a_5000_digit_value_is_shown_cut(tmp_path):
    path = _write(tmp_path, "\n".join([HEADER, _cell(FIRST, "task_result", "9" * 5000), *REST]) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert len(str(err.value)) < 1000 and "5002 ký tự" in str(err.value)


# -- Excel ----------------------------------------------------------------------------------------------------
openpyxl = pytest.importorskip("openpyxl")


def _workbook(tmp_path: Path, rows: list[list], name: str = "bang.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "dang_vien"
    for r in rows:
        ws.append(r)
    path = tmp_path / name
    wb.save(path)
    return path


def _row(**change):
    cells = dict(zip(HEADER.split(","), FIRST.split(",")))
    cells.update(change)
    return [cells[h] for h in HEADER.split(",")]


def test_a_formula_without_a_saved_value_is_refused_naming_its_cell(tmp_path):
    # openpyxl writes formulas without a computed value, as any program but Excel does: it is not a blank cell
    col = HEADER.split(",").index("votes_tot")
    letter = openpyxl.utils.get_column_letter(col + 1)
    path = _workbook(tmp_path, [HEADER.split(","), _row(votes_tot="=2+3")])
    with pytest.raises(InputError) as err:
        load(path)
    (problem,) = err.value.problems
    assert problem.field == "votes_tot" and str(problem.row).startswith("2")
    assert f"{letter}2" in str(err.value) and "công thức" in str(err.value)


def test_a_formula_with_its_saved_value_reads_the_value(tmp_path):
    path = _workbook(tmp_path, [HEADER.split(","), _row(votes_tot="=2+3")])
    # what Excel does on saving: keep the formula and write the value it computed beside it
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    parts[sheet] = parts[sheet].replace(b"<f>2+3</f><v></v>", b"<f>2+3</f><v>5</v>").replace(
        b"<f>2+3</f>", b"<f>2+3</f><v>5</v>") if b"<v>5</v>" not in parts[sheet] else parts[sheet]
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert load(path)["votes_tot"].iloc[0] == 5


def test_an_excel_date_in_9999_is_refused_not_a_crash(tmp_path):
    path = _workbook(tmp_path, [HEADER.split(","), _row(joined_on=dt.datetime(9999, 12, 31))])
    with pytest.raises(InputError) as err:
        load(path)
    assert [p.field for p in err.value.problems] == ["joined_on"]


@pytest.mark.parametrize("value", [1e30, float(2 ** 63), True])
def test_an_excel_count_out_of_range_or_a_bool_is_refused(tmp_path, value):
    path = _workbook(tmp_path, [HEADER.split(","), _row(votes_tot=value)])
    with pytest.raises(InputError) as err:
        load(path)
    assert [p.field for p in err.value.problems] == ["votes_tot"]


def test_an_empty_workbook_and_a_damaged_one_name_the_file(tmp_path):
    empty = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(empty)
    damaged = _write(tmp_path, b"PK\x03\x04 not a zip", "hong.xlsx")
    for path in (empty, damaged):
        with pytest.raises(InputError) as err:
            load(path)
        assert err.value.value == str(path)


def test_the_shipped_case_with_a_pending_discipline_case_loads():
    # chi_bo_9 has two cases still under consideration: their empty decision date is data, read as NaT
    cases = load("chi_bo_9").discipline_cases
    assert cases["decision_date"].isna().sum() == 2
