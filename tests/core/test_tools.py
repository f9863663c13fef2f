"""Shared tools: RUT, upload checks by content, safe exports, charts."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.core.charts import Series, bar_chart, data_table
from lms.core.exports import csv_response, safe_cell, xlsx_response
from lms.core.rut import RUTField, check_digit, format_rut, mask_rut, normalize_rut
from lms.core.uploads import FileContentValidator, detect_kind


@pytest.mark.parametrize(
    "raw", ["12.345.678-5", "12345678-5", "123456785", " 12345678-5 "]
)
def test_rut_spellings_normalise_to_one_form(raw):
    assert normalize_rut(raw) == "12345678-5"


@pytest.mark.parametrize(
    ("number", "digit"),
    [(11111111, "1"), (12345678, "5"), (7654321, "6"), (10000013, "K"), (1000005, "K")],
)
def test_rut_check_digit_by_modulo_11(number, digit):
    assert check_digit(number) == digit


@pytest.mark.parametrize(
    "bad", ["12.345.678-6", "abc", "", "1-9", "12345678-", "123456789012-3"]
)
def test_invalid_ruts_are_refused_in_spanish(bad):
    with pytest.raises(ValidationError) as error:
        normalize_rut(bad)
    assert "RUT" in str(error.value)


def test_rut_lowercase_k_and_display_forms():
    rut = f"{10000013}-k"
    assert normalize_rut(rut) == "10000013-K"
    assert format_rut("12345678-5") == "12.345.678-5"
    assert mask_rut("12345678-5") == "12.***.***-5"
    assert RUTField(required=False).clean("12.345.678-5") == "12345678-5"


def _ooxml(kind_dir: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{kind_dir}/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"0" * 20, "jpeg"),
        (_ooxml("xl"), "xlsx"),
        (_ooxml("word"), "docx"),
        (_ooxml("ppt"), "pptx"),
        (b"fecha;kWh\n01-01-2024;120\n", "csv"),
        (b"MZ\x90\x00\x03" + b"\x00" * 50, None),
        (b"\x7fELF\x02\x01" + b"\x00" * 50, None),
    ],
)
def test_kinds_are_detected_by_content(content, kind):
    assert detect_kind(io.BytesIO(content)) == kind


def test_a_disguised_executable_is_refused():
    validator = FileContentValidator(kinds=("pdf",))
    fake = SimpleUploadedFile("guia.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError) as error:
        validator(fake)
    assert "no corresponde a un tipo permitido" in str(error.value)
    # A real PDF with another file's extension is refused too.
    with pytest.raises(ValidationError):
        validator(SimpleUploadedFile("guia.exe", b"%PDF-1.4 hola"))
    validator(SimpleUploadedFile("guia.pdf", b"%PDF-1.4 hola"))


def test_oversize_and_empty_files_are_refused():
    validator = FileContentValidator(kinds=("pdf",), max_size=10)
    with pytest.raises(ValidationError) as error:
        validator(SimpleUploadedFile("a.pdf", b"%PDF-1.4 demasiado largo"))
    assert "máximo permitido" in str(error.value)
    with pytest.raises(ValidationError):
        FileContentValidator(kinds=("pdf",))(SimpleUploadedFile("a.pdf", b""))


def test_a_zip_bomb_disguised_as_xlsx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        FileContentValidator(kinds=("xlsx",), max_size=10 * 1024 * 1024)(
            SimpleUploadedFile("datos.xlsx", buffer.getvalue())
        )
    assert "tamaño excesivo" in str(error.value)


@pytest.mark.parametrize("value", ["=1+1", "+56 9 1234", "-2", "@SUM(A1)", "\t=x"])
def test_formula_like_cells_are_neutralised(value):
    assert safe_cell(value).startswith("'")
    assert safe_cell("Ñuñoa") == "Ñuñoa" and safe_cell(5) == 5


def test_csv_export_streams_with_bom_and_neutralised_cells():
    response = csv_response(
        ["Nombre", "Nota"], iter([['=HYPERLINK("x")', 7], ["Ñandú", None]]), "Lista"
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Nombre", "Nota"], ['\'=HYPERLINK("x")', "7"], ["Ñandú", ""]]
    assert 'filename="lista-' in response["Content-Disposition"]


def test_xlsx_export_keeps_numbers_and_neutralises_text():
    response = xlsx_response(["A", "B"], iter([["+1", 3.5], ["texto", 2]]), "Datos")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert [c.value for c in sheet[2]] == ["'+1", 3.5]
    assert sheet["B3"].value == 2


def test_bar_chart_is_self_contained_accessible_svg():
    svg = str(
        bar_chart(
            ["2021", "2022"], [Series("Servicios", [149, 152])], title="Servicios <PMG>"
        )
    )
    assert svg.startswith("<svg") and "http://www.w3.org/2000/svg" in svg
    assert "Servicios &lt;PMG&gt;" in svg and "<script" not in svg
    assert svg.count("<rect") == 2
    table = str(data_table(["2021"], [Series("S", [1234.5])], caption="c"))
    assert "1.234,5" in table
