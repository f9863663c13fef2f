"""The import reader answers any file with a table or a Spanish refusal, never a crash."""

import codecs
import csv
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.core.tabular import MAX_LINE, read_table


def upload(data: bytes, name: str = "datos.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(data: bytes, name: str = "datos.csv", **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        read_table(upload(data, name), **kwargs)
    return error.value


def test_excel_csv_in_spanish_with_bom_and_semicolons():
    data = (
        codecs.BOM_UTF8 + "Medidor;Comuna;kWh\n12-A;Ñuñoa;1.250\n\n9;Aysén;3\n".encode()
    )
    table = read_table(upload(data))
    assert table.headers == ["Medidor", "Comuna", "kWh"]
    # Row numbers are those the user sees in the file (blank line skipped, not renumbered).
    assert table.rows == [
        (2, {"Medidor": "12-A", "Comuna": "Ñuñoa", "kWh": "1.250"}),
        (4, {"Medidor": "9", "Comuna": "Aysén", "kWh": "3"}),
    ]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8"])
def test_the_encodings_spreadsheets_save_in(encoding):
    text = "Región,Servicio\nMagallanes,Subsecretaría de Energía\n"
    table = read_table(upload(text.encode(encoding)))
    assert table.rows[0][1] == {
        "Región": "Magallanes",
        "Servicio": "Subsecretaría de Energía",
    }


def test_xlsx_numbers_and_blanks():
    table = read_table(
        upload(
            xlsx([["Patente", "Año", None], ["BBCD12", 2019.0], [None, None]]), "f.xlsx"
        )
    )
    assert table.headers == ["Patente", "Año"]
    assert table.rows == [(2, {"Patente": "BBCD12", "Año": "2019"})]


def test_a_zip_bomb_disguised_as_xlsx_is_refused_before_inflating():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("[Content_Types].xml", "<Types/>")
        bundle.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    error = refused(out.getvalue(), "planilla.xlsx")
    assert error.code == "zip_bomb" and "excesivo" in error.messages[0]


def test_an_executable_renamed_to_csv_or_xlsx_is_refused():
    program = (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(range(256)) * 8
    )
    for name in ("datos.csv", "datos.xlsx"):
        assert refused(program, name).code in ("wrong_kind", "not_text")
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
    assert refused(elf).code in ("wrong_kind", "not_text")


def test_a_huge_line_is_refused_with_its_number():
    data = b"a;b\n1;2\n" + b"x" * (MAX_LINE + 10) + b";3\n"
    error = refused(data)
    assert error.code == "line_too_long" and "línea 3" in error.messages[0]


def test_bounded_rows_duplicate_headers_and_stray_cells():
    assert refused(b"a\n1\n2\n3\n4\n", max_rows=3).code == "too_many_rows"
    assert refused(b"Patente;patente\n1;2\n").code == "duplicate_header"
    error = refused(b"a;b\n1;2;3\n")
    assert error.code == "extra_cells" and "fila 2" in error.messages[0]
    assert refused(b"").code == "empty"
    assert refused(b";;\n1;2\n").code == "no_headers"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_table_or_a_spanish_refusal(data):
    try:
        table = read_table(upload(data))
    except ValidationError as error:
        assert error.messages and error.messages[0]
    else:
        assert table.headers and all(isinstance(n, int) for n, _ in table.rows)


cell = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(cell, cell, cell), max_size=15))
def test_what_a_spreadsheet_writes_is_read_back(rows):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["uno", "dos", "tres"])
    writer.writerows(rows)
    table = read_table(upload(out.getvalue().encode("utf-8")))
    expected = [[v.strip() for v in row] for row in rows]
    expected = [row for row in expected if any(row)]
    assert [list(values.values()) for _, values in table.rows] == expected
