"""Read an uploaded CSV or XLSX table defensively, for every import of the portal.

Whatever the bytes, the caller gets either a ``Table`` (headers and numbered rows of
strings) or a ``ValidationError`` with a Spanish message — never another exception,
never unbounded memory: the kind is decided by content (a renamed executable is
refused), XLSX parts that inflate too much are refused before they are opened, a CSV
may come in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252 (Excel's
"CSV" in Spanish), with ``;``, ``,`` or tab, and rows, lines and cells are bounded.
"""

import codecs
import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .uploads import detect_kind

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100
MAX_CELL = 2_000
MAX_LINE = 64 * 1024
DELIMITERS = (";", ",", "\t")


@dataclass
class Table:
    headers: list[str]
    # (row number as the user sees it in the file, values by header)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    encoding: str = "utf-8"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _clean_headers(raw: list) -> list[str]:
    headers = [str(h if h is not None else "").strip().lstrip("\ufeff") for h in raw]
    while headers and not headers[-1]:
        headers.pop()
    if not headers or not any(headers):
        raise _refuse(
            _("La primera fila debe tener los nombres de las columnas."), "no_headers"
        )
    if len(headers) > MAX_COLUMNS:
        raise _refuse(
            _("El archivo tiene %(n)s columnas; se aceptan hasta %(max)s.")
            % {"n": len(headers), "max": MAX_COLUMNS},
            "too_many_columns",
        )
    seen = set()
    for header in headers:
        key = header.casefold()
        if key and key in seen:
            raise _refuse(
                _("La columna «%(name)s» aparece dos veces.") % {"name": header[:60]},
                "duplicate_header",
            )
        seen.add(key)
    return headers


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > MAX_CELL:
        raise _refuse(
            _("Una celda supera los %(max)s caracteres.") % {"max": MAX_CELL},
            "cell_too_long",
        )
    return text


def _add_rows(table: Table, rows, *, first_number: int, max_rows: int) -> None:
    width = len(table.headers)
    for offset, raw in enumerate(rows):
        number = first_number + offset
        values = [_cell(v) for v in raw]
        if not any(values):
            continue  # blank lines are not rows
        if len(values) > width and any(values[width:]):
            raise _refuse(
                _("La fila %(row)s tiene más columnas que los encabezados.")
                % {"row": number},
                "extra_cells",
            )
        if len(table.rows) >= max_rows:
            raise _refuse(
                _("El archivo tiene más de %(max)s filas; divídalo en partes.")
                % {"max": f"{max_rows:,}".replace(",", ".")},
                "too_many_rows",
            )
        values += [""] * (width - len(values))
        table.rows.append((number, dict(zip(table.headers, values, strict=False))))


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _refuse(
                _("El archivo no está en una codificación válida."), "encoding"
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Excel in Spanish saves "CSV" in Windows-1252; bytes it does not define are refused.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise _refuse(
                _("No se pudo leer el texto del archivo: guárdelo como CSV UTF-8."),
                "encoding",
            ) from exc


def _read_csv(data: bytes, *, max_rows: int) -> Table:
    if b"\x00" in data[:4096] and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise _refuse(_("El archivo no es un CSV de texto."), "not_text")
    text, encoding = _decode(data)
    if "\x00" in text:
        raise _refuse(_("El archivo no es un CSV de texto."), "not_text")
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise _refuse(
                _("La línea %(row)s es demasiado larga (más de %(max)s caracteres).")
                % {"row": number, "max": f"{MAX_LINE:,}".replace(",", ".")},
                "line_too_long",
            )
    if not lines:
        raise _refuse(_("El archivo está vacío."), "empty")
    first = lines[0]
    delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = _clean_headers(next(reader, []))
        table = Table(headers=headers, encoding=encoding)
        _add_rows(table, reader, first_number=2, max_rows=max_rows)
    except csv.Error as exc:
        raise _refuse(
            _("El CSV está mal formado cerca de la línea %(row)s.")
            % {"row": reader.line_num},
            "bad_csv",
        ) from exc
    return table


def _read_xlsx(file, *, max_rows: int) -> Table:
    from openpyxl import load_workbook

    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _refuse(
            _("El archivo XLSX está dañado o no se puede leer."), "bad_xlsx"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = _clean_headers(list(next(rows, ()) or ()))
        table = Table(headers=headers, encoding="xlsx")
        _add_rows(table, rows, first_number=2, max_rows=max_rows)
    except ValidationError:
        raise
    except Exception as exc:
        raise _refuse(
            _("El archivo XLSX está dañado o no se puede leer."), "bad_xlsx"
        ) from exc
    finally:
        workbook.close()
    return table


def read_table(file, *, max_rows: int = MAX_ROWS) -> Table:
    """The table in an uploaded CSV or XLSX file, or a ValidationError saying why not."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    file.seek(0)
    if size == 0:
        raise _refuse(_("El archivo está vacío."), "empty")
    if size > MAX_BYTES:
        raise _refuse(
            _("El archivo pesa más de %(max)s MB.")
            % {"max": MAX_BYTES // (1024 * 1024)},
            "too_big",
        )
    kind = detect_kind(file)  # may itself refuse a zip bomb
    file.seek(0)
    if kind == "xlsx":
        return _read_xlsx(file, max_rows=max_rows)
    if kind == "csv" or file.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        file.seek(0)
        return _read_csv(file.read(), max_rows=max_rows)
    raise _refuse(
        _("El archivo debe ser una planilla XLSX o un CSV; su contenido no lo es."),
        "wrong_kind",
    )
