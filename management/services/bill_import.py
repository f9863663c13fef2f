"""Importing bills from a CSV/XLSX file: template, check, import whole or not at all.

1. ``template_workbook`` gives a service its XLSX with its meters as choices.
2. ``start_import`` stores the file (refusing one already imported) and queues the check.
3. ``check_import`` (worker) parses every row, refuses what cannot be read (with row and
   column), finds overlaps inside the file, and runs every DOMAIN.md rule through
   ``save_bill`` in transactions that are rolled back — so the check says exactly what the
   import will do. Progress is committed between chunks.
4. ``confirm_import`` queues ``run_import`` (worker), which saves the rows chunk by
   chunk with progress. Should a row fail now (the data changed since the check), every
   bill the file created is removed: the file imports whole or not at all.
"""

import datetime as dt
import hashlib
import io
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.core.tabular import MAX_BYTES, read_table

from ..models import Bill, BillImport, Meter, Service, Unit
from ..models.energy import kwh_factor, source_unit, source_units
from ..models.units import METERED_SOURCES, EnergySource
from ..permissions import UNIT_WORK
from .bills import BillData, Supply, check_bill, series_filter, series_history
from .monthly import collect_series, deferred_rebuilds, schedule

CHUNK = 500
MAX_IMPORT_ROWS = 120_000
MAX_PROBLEMS = 5_000

COLUMNS = [
    ("meter", "Medidor"),
    ("client", "N° de cliente"),
    ("start", "Inicio del periodo"),
    ("end", "Término del periodo"),
    ("issue", "Fecha de emisión"),
    ("consumption", "Consumo"),
    ("amount", "Monto total (CLP)"),
    ("observation", "Observación"),
    ("demand", "Demanda (kW)"),
    ("estimated", "Estimada (sí/no)"),
    ("unit", "Unidad (sin medidor)"),
    ("source", "Energético (sin medidor)"),
    ("measure", "Unidad de medida"),
]
LABELS = dict(COLUMNS)
ALIASES = {
    "meter": ("medidor", "n de medidor", "numero de medidor", "n medidor"),
    "client": ("n de cliente", "numero de cliente", "cliente", "n cliente"),
    "start": ("inicio del periodo", "inicio periodo", "inicio", "desde"),
    "end": ("termino del periodo", "termino periodo", "termino", "hasta", "fin"),
    "issue": ("fecha de emision", "emision", "fecha emision"),
    "consumption": ("consumo",),
    "amount": ("monto total (clp)", "monto total", "monto (clp)", "monto", "costo"),
    "observation": ("observacion", "observaciones", "comentario"),
    "demand": ("demanda (kw)", "demanda", "demanda kw"),
    "estimated": ("estimada (si/no)", "estimada", "boleta estimada"),
    "unit": ("unidad (sin medidor)", "unidad"),
    "source": ("energetico (sin medidor)", "energetico", "combustible"),
    "measure": ("unidad de medida", "unidad medida"),
}
REQUIRED = ("start", "end", "issue", "consumption", "amount")
EXCEL_EPOCH = dt.date(1899, 12, 30)


class ImportRefused(Exception):
    """The file cannot be used at all (message in Spanish)."""


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("°", "").replace("º", "").replace(".", " ")
    return " ".join(text.casefold().split())


# Reading cells ------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(text: str) -> dt.date:
    """``dd-mm-aaaa`` (also with / or .), ``aaaa-mm-dd`` or an Excel serial number."""
    text = (text or "").strip()
    if not text:
        raise ValueError(_("falta la fecha"))
    try:
        if match := _DMY.match(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _YMD.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{5}(?:\.0+)?", text):
            serial = int(float(text))
            if 20_000 <= serial <= 80_000:  # 1954–2119
                return EXCEL_EPOCH + dt.timedelta(days=serial)
    except ValueError:
        pass
    raise ValueError(
        _("«%(v)s» no es una fecha; use dd-mm-aaaa, por ejemplo 31-01-2025.")
        % {"v": text[:40]}
    )


def parse_number(text: str, *, integer: bool = False) -> Decimal:
    """A positive number written the Chilean way (9.450,5) or the plain way (9450.5)."""
    raw = (text or "").strip().replace(" ", "").replace("$", "")
    if not raw:
        raise ValueError(_("falta el valor"))
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")  # 1.436.476 or 12.500: thousands
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(
            _("«%(v)s» no es un número.") % {"v": (text or "")[:40]}
        ) from None
    if not value.is_finite() or value <= 0:
        raise ValueError(_("debe ser mayor que cero (se leyó %(v)s).") % {"v": text})
    if integer and value != value.to_integral_value():
        raise ValueError(_("debe ser un número entero de pesos."))
    if value >= Decimal("1e12"):
        raise ValueError(_("es demasiado grande."))
    return value


_YES = {"si", "s", "yes", "x", "1", "verdadero", "true"}
_NO = {"", "no", "n", "0", "falso", "false"}


def parse_yes_no(text: str) -> bool:
    """``sí``/``no`` (also s/n, x, 1/0); blank is no."""
    value = _fold(text)
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(
        _("«%(v)s» no se entiende: escriba sí o no.") % {"v": (text or "")[:40]}
    )


# The template ---------------------------------------------------------------------------


def importable_meters(user, service: Service):
    """Meters the user may load bills for in ``service`` (a Gestor de Unidad: own units)."""
    units = importable_units(user, service)
    return (
        Meter.objects.filter(client_number__unit__in=units, active_until__isnull=True)
        .select_related("client_number__unit", "client_number__distributor")
        .order_by("client_number__unit__name", "client_number__number", "number")
    )


def importable_units(user, service: Service):
    """Units the user may load bills for in ``service``."""
    return (
        Unit.objects.visible_to(user, roles=UNIT_WORK)
        .filter(service=service, is_active=True)
        .order_by("name")
    )


def _pick_from(sheet, column: str, other: str, source: str, count: int, *, blank):
    """Cells of ``column`` take a value from the first ``count`` rows of ``other``."""
    pick = DataValidation(
        type="list",
        formula1=f"='{other}'!${source}$2:${source}${count + 1}",
        allow_blank=blank,
        showErrorMessage=True,
        errorTitle=other,
        error=f"Elija de la hoja «{other}».",
    )
    sheet.add_data_validation(pick)
    pick.add(f"{column}2:{column}5000")


def template_workbook(*, user, service: Service) -> bytes:
    """The XLSX a service fills in: its meters as choices and an example row."""
    meters = list(importable_meters(user, service))
    book = Workbook()
    sheet = book.active
    sheet.title = "Boletas"
    sheet.append([label for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F6")
    widths = (18, 16, 18, 18, 18, 14, 18, 40, 14, 16, 30, 26, 16)
    for column, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        sheet.column_dimensions[column].width = width
    ref = book.create_sheet("Medidores")
    ref.append(
        [
            "Medidor",
            "N° de cliente",
            "Unidad",
            "Energético",
            "Unidad de medida",
            "Tarifa",
        ]
    )
    for cell in ref[1]:
        cell.font = Font(bold=True)
    for meter in meters:
        client = meter.client_number
        ref.append(
            [
                meter.number,
                client.number,
                client.unit.name,
                client.get_source_display(),
                source_unit(client.source),
                client.tariff,
            ]
        )
    if meters:
        _pick_from(sheet, "A", "Medidores", "A", len(meters), blank=False)
    units = list(importable_units(user, service).values_list("name", flat=True))
    fuels = [
        (str(label), ", ".join(source_units(value)))
        for value, label in EnergySource.choices
        if value not in METERED_SOURCES
    ]
    other = book.create_sheet("Sin medidor")
    other.append(["Unidad", "", "Energético", "Unidades de medida"])
    for cell in other[1]:
        cell.font = Font(bold=True)
    for index in range(max(len(units), len(fuels))):
        name = units[index] if index < len(units) else None
        fuel, measures = fuels[index] if index < len(fuels) else (None, None)
        other.append([name, None, fuel, measures])
    for column, count, source in (("K", len(units), "A"), ("L", len(fuels), "C")):
        if count:
            _pick_from(sheet, column, "Sin medidor", source, count, blank=True)
    notes = book.create_sheet("Instrucciones")
    for line in (
        "Una fila por boleta. Fechas en formato dd-mm-aaaa (o fechas de Excel).",
        "Consumo en la unidad del energético (kWh, m³ o kg), como en la boleta.",
        "Monto total en pesos, sin decimales. Observación opcional.",
        "Demanda (kW) solo si la tarifa del cliente la factura (todas excepto BT1).",
        "Estimada: sí si la distribuidora estimó el consumo; vacío o no si lo leyó.",
        "N° de cliente solo si el mismo número de medidor existe en dos clientes.",
        "Compras sin medidor (leña, cilindros de gas, petróleo…): deje el medidor "
        "vacío y escriba la unidad y el energético (hoja «Sin medidor»).",
        "Unidad de medida: vacía para la habitual del energético; GLP a granel: L.",
        "Se revisa cada fila antes de importar; el archivo se importa completo o nada.",
    ):
        notes.append([line])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


# Upload and check -------------------------------------------------------------------------


def start_import(*, user, service: Service, upload) -> BillImport:
    """Store an uploaded file and queue its check; refuse it if already imported."""
    from ..tasks import check_bill_import_task

    if upload.size > MAX_BYTES:
        raise ValidationError(_("El archivo pesa más de 20 MB: divídalo en partes."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha = digest.hexdigest()
    earlier = (
        BillImport.objects.filter(
            service=service,
            sha256=sha,
            status__in=[BillImport.Status.IMPORTING, BillImport.Status.DONE],
        )
        .order_by("created_at")
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            _(
                "Este archivo ya se importó el %(date)s (%(n)s boletas): no se importa "
                "dos veces."
            )
            % {
                "date": timezone.localtime(earlier.created_at).strftime("%d-%m-%Y"),
                "n": earlier.imported,
            }
        )
    upload.seek(0)
    record = BillImport(
        service=service,
        created_by=user,
        file_name=(upload.name or "boletas")[:255],
        sha256=sha,
    )
    record.file.save(
        f"{sha[:16]}-{upload.name or 'boletas'}"[-120:], upload, save=False
    )
    record.save()
    transaction.on_commit(lambda: check_bill_import_task.delay(record.pk))
    return record


def _columns(headers: list[str]) -> dict[str, str]:
    lookup = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
    found = {}
    for header in headers:
        key = lookup.get(_fold(header))
        if key and key not in found:
            found[key] = header
    missing = [LABELS[k] for k in REQUIRED if k not in found]
    if "meter" not in found and not ("unit" in found and "source" in found):
        missing.insert(0, LABELS["meter"])
    if missing:
        raise ImportRefused(
            _(
                "Faltan columnas: %(missing)s. Use la plantilla de la página de "
                "importación (la primera fila trae los nombres de las columnas)."
            )
            % {"missing": ", ".join(missing)}
        )
    return found


def _meter_index(import_: BillImport) -> tuple[dict, dict, set]:
    """Meters the uploader may use: by number, by (client, number), and their ids."""
    meters = importable_meters(import_.created_by, import_.service)
    by_number: dict[str, list[int]] = defaultdict(list)
    by_pair: dict[tuple[str, str], int] = {}
    for pk, number, client in meters.values_list(
        "pk", "number", "client_number__number"
    ):
        by_number[_fold(number)].append(pk)
        by_pair[(_fold(client), _fold(number))] = pk
    return by_number, by_pair, set(meters.values_list("pk", flat=True))


def _unit_index(import_: BillImport) -> dict[str, list[int]]:
    by_name: dict[str, list[int]] = defaultdict(list)
    units = importable_units(import_.created_by, import_.service)
    for pk, name in units.values_list("pk", "name"):
        by_name[_fold(name)].append(pk)
    return by_name


_SOURCES = {
    **{_fold(value): value for value in EnergySource.values},
    **{_fold(str(label)): value for value, label in EnergySource.choices},
    "lena": EnergySource.FIREWOOD,
    "parafina": EnergySource.KEROSENE,
    "petroleo": EnergySource.DIESEL,
    "gas licuado": EnergySource.LPG,
    "pellets": EnergySource.PELLET,
}


def _parse_rows(import_: BillImport, table) -> tuple[list[dict], list[dict]]:
    columns = _columns(table.headers)
    by_number, by_pair, usable = _meter_index(import_)
    units_by_name = _unit_index(import_) if "unit" in columns else {}
    unknown: list[tuple[int, str]] = []
    rows, problems = [], []

    def problem(number, key, message, kind="error"):
        problems.append(
            {
                "row": number,
                "column": str(LABELS.get(key, key)),
                "message": str(message),
                "kind": kind,
            }
        )

    for number, values in table.rows:
        cell = {k: (values.get(h) or "").strip() for k, h in columns.items()}
        if not any(cell.values()):
            continue
        ok = True
        meter_text = _fold(cell.get("meter", ""))
        client_text = _fold(cell.get("client", ""))
        meter_id = None
        unmetered = None
        if not meter_text and (cell.get("unit") or cell.get("source")):
            unmetered, message = _unmetered(cell, units_by_name)
            if unmetered is None:
                problem(number, message[0], message[1])
                ok = False
        elif not meter_text:
            problem(number, "meter", _("Falta el medidor."))
            ok = False
        elif client_text:
            meter_id = by_pair.get((client_text, meter_text))
        elif len(by_number.get(meter_text, [])) == 1:
            meter_id = by_number[meter_text][0]
        elif len(by_number.get(meter_text, [])) > 1:
            problem(
                number,
                "client",
                _("Hay dos medidores %(m)s: indique el N° de cliente.")
                % {"m": cell["meter"]},
            )
            ok = False
        if meter_text and meter_id is None and ok:
            unknown.append((number, cell["meter"][:40]))
            ok = False
        parsed = {"row": number, "meter": meter_id}
        if unmetered is not None:
            parsed["unit"], parsed["source"] = unmetered
        if cell.get("measure"):
            parsed["measure"] = cell["measure"].strip()[:10]
        for key in ("start", "end", "issue"):
            try:
                parsed[key] = parse_date(cell.get(key, "")).isoformat()
            except ValueError as exc:
                problem(number, key, str(exc).capitalize())
                ok = False
        for key, integer in (("consumption", False), ("amount", True)):
            try:
                parsed[key] = str(parse_number(cell.get(key, ""), integer=integer))
            except ValueError as exc:
                problem(number, key, str(exc).capitalize())
                ok = False
        parsed["observation"] = cell.get("observation", "")[:2000]
        if cell.get("demand"):
            try:
                parsed["demand"] = str(parse_number(cell["demand"]))
            except ValueError as exc:
                problem(number, "demand", str(exc).capitalize())
                ok = False
        try:
            parsed["estimated"] = parse_yes_no(cell.get("estimated", ""))
        except ValueError as exc:
            problem(number, "estimated", str(exc))
            ok = False
        if ok:
            rows.append(parsed)
    # Unknown numbers: say whether the meter exists but is not the uploader's to load
    # (another service, or a unit not assigned to a Gestor de Unidad).
    exists = {
        _fold(n)
        for n in Meter.objects.filter(number__in={raw for _n, raw in unknown})
        .exclude(pk__in=usable)
        .values_list("number", flat=True)
    }
    for number, raw in unknown:
        if _fold(raw) in exists:
            message = _(
                "El medidor %(m)s no es de una unidad de este servicio que usted "
                "gestione."
            )
        else:
            message = _(
                "No existe el medidor %(m)s en este servicio (vea la hoja Medidores de "
                "la plantilla)."
            )
        problem(number, "meter", message % {"m": raw})
    return rows, problems


def _unmetered(cell: dict, units_by_name: dict) -> tuple:
    """(unit id, source) of a row bought without a meter, or (None, (column, message))."""
    names = units_by_name.get(_fold(cell.get("unit", "")), [])
    source = _SOURCES.get(_fold(cell.get("source", "")))
    if not cell.get("unit"):
        return None, (
            "unit",
            _("Falta el medidor, o la unidad de la compra sin medidor."),
        )
    if len(names) != 1:
        message = (
            _("Hay dos unidades «%(u)s»: use el medidor.")
            if names
            else _(
                "No existe la unidad «%(u)s» entre las que usted gestiona en este servicio."
            )
        )
        return None, ("unit", message % {"u": cell["unit"][:60]})
    if source is None:
        return None, (
            "source",
            _("«%(s)s» no es un energético (vea la hoja «Sin medidor»).")
            % {"s": (cell.get("source") or "")[:40]},
        )
    if source in METERED_SOURCES:
        return None, (
            "meter",
            _("Las boletas de %(s)s se registran con su medidor: escriba el medidor.")
            % {"s": EnergySource(source).label},
        )
    return (names[0], source), None


def row_key(row: dict):
    """The series a row's bill belongs to (``Bill.series_key``)."""
    return row["meter"] or (row["unit"], row["source"])


def _overlaps_in_file(rows: list[dict]) -> list[dict]:
    """Rows of the same supply whose periods overlap by more than a day, within the file."""
    problems = []
    by_meter = defaultdict(list)
    for row in rows:
        by_meter[row_key(row)].append(row)
    for group in by_meter.values():
        group.sort(key=lambda r: (r["start"], r["end"]))
        for before, after in zip(group, group[1:], strict=False):
            start = dt.date.fromisoformat(after["start"])
            end = dt.date.fromisoformat(before["end"])
            if (end - start).days + 1 > 1:
                problems.append(
                    {
                        "row": after["row"],
                        "column": str(LABELS["start"]),
                        "message": _(
                            "Se superpone con la fila %(n)s del mismo archivo y "
                            "medidor (o unidad y energético)."
                        )
                        % {"n": before["row"]},
                        "kind": "error",
                    }
                )
    return problems


def _data(row: dict) -> BillData:
    return BillData(
        period_start=dt.date.fromisoformat(row["start"]),
        period_end=dt.date.fromisoformat(row["end"]),
        issue_date=dt.date.fromisoformat(row["issue"]),
        consumption=Decimal(row["consumption"]),
        amount_clp=int(Decimal(row["amount"])),
        observation=row.get("observation", ""),
        demand_kw=Decimal(row["demand"]) if row.get("demand") else None,
        is_estimated=bool(row.get("estimated")),
        consumption_unit=row.get("measure", ""),
    )


def _rule_problems(row: dict, exc: ValidationError) -> list[dict]:
    field_columns = {
        "period_start": "start",
        "period_end": "end",
        "issue_date": "issue",
        "consumption": "consumption",
        "amount_clp": "amount",
        "demand_kw": "demand",
        "consumption_unit": "measure",
    }
    found = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for field, messages in errors.items():
        key = field_columns.get(field, "meter")
        for message in messages:
            found.append(
                {
                    "row": row["row"],
                    "column": str(LABELS[key]),
                    "message": message,
                    "kind": "error",
                }
            )
    return found


def check_import(import_id: int) -> BillImport:
    """Read and check every row (worker). Idempotent: a finished check is not redone."""
    record = BillImport.objects.select_related("service", "created_by").get(
        pk=import_id
    )
    if record.status != BillImport.Status.CHECKING:
        return record
    try:
        with record.file.open("rb") as handle:
            table = read_table(handle, max_rows=MAX_IMPORT_ROWS)
        rows, problems = _parse_rows(record, table)
    except (ValidationError, ImportRefused) as exc:
        message = " ".join(getattr(exc, "messages", None) or [str(exc)])
        BillImport.objects.filter(pk=record.pk).update(
            status=BillImport.Status.REFUSED,
            message=message,
            finished_at=timezone.now(),
        )
        record.refresh_from_db()
        return record
    total = len(rows) + len({p["row"] for p in problems})
    BillImport.objects.filter(pk=record.pk).update(total_rows=total, processed=0)
    problems += _overlaps_in_file(rows)
    refused = {p["row"] for p in problems}
    # Every DOMAIN.md rule of ``save_bill``, checked in memory against each meter's
    # bills and the file's earlier rows: exactly what the import will apply.
    checker = _Checker([row_key(r) for r in rows])
    checked = len(refused)
    for start in range(0, len(rows), CHUNK):
        for row in rows[start : start + CHUNK]:
            if row["row"] in refused:
                continue
            errors, findings = checker.check(row)
            if errors:
                problems += _rule_problems(row, ValidationError(errors))
                continue
            row["findings"] = findings  # kept for the import (see _import_chunk)
            problems += [
                {"row": row["row"], "column": "", "message": f, "kind": "warning"}
                for f in findings
            ]
        checked += len(rows[start : start + CHUNK])
        BillImport.objects.filter(pk=record.pk).update(processed=min(checked, total))
    problems.sort(key=lambda p: (p["row"], p["kind"] != "error"))
    error_rows = {p["row"] for p in problems if p["kind"] == "error"}
    warning_rows = {p["row"] for p in problems if p["kind"] == "warning"} - error_rows
    BillImport.objects.filter(pk=record.pk).update(
        status=BillImport.Status.REFUSED if error_rows else BillImport.Status.READY,
        rows=[] if error_rows else rows,
        problems=problems[:MAX_PROBLEMS],
        error_rows=len(error_rows),
        warning_rows=len(warning_rows),
        processed=total,
        message=""
        if not error_rows
        else ngettext(
            "%(n)s fila tiene errores: corríjala y suba el archivo de nuevo. No se "
            "importó ninguna boleta.",
            "%(n)s filas tienen errores: corríjalas y suba el archivo de nuevo. No se "
            "importó ninguna boleta.",
            len(error_rows),
        )
        % {"n": len(error_rows)},
        finished_at=timezone.now() if error_rows else None,
    )
    record.refresh_from_db()
    return record


# Import ------------------------------------------------------------------------------


def confirm_import(*, import_: BillImport) -> bool:
    """Queue the import of a checked file; a second confirmation starts nothing."""
    from ..tasks import run_bill_import_task

    try:
        with transaction.atomic():
            claimed = BillImport.objects.filter(
                pk=import_.pk, status=BillImport.Status.READY
            ).update(status=BillImport.Status.IMPORTING, processed=0)
    except IntegrityError:
        # The same file is being (or was) imported from another upload.
        BillImport.objects.filter(pk=import_.pk).update(
            status=BillImport.Status.CANCELLED,
            message=_("Este archivo ya se importó desde otra carga."),
        )
        return False
    if claimed:
        transaction.on_commit(lambda: run_bill_import_task.delay(import_.pk))
    return bool(claimed)


def cancel_import(*, import_: BillImport) -> bool:
    return bool(
        BillImport.objects.filter(pk=import_.pk, status=BillImport.Status.READY).update(
            status=BillImport.Status.CANCELLED, rows=[]
        )
    )


def run_import(import_id: int) -> BillImport:
    """Save the checked rows chunk by chunk (worker); on any failure remove them all.

    A redelivered task resumes after the last committed chunk (``processed``); rows of
    that chunk already saved are recognised by their meter and period.
    """
    record = BillImport.objects.select_related("created_by").get(pk=import_id)
    if record.status != BillImport.Status.IMPORTING:
        return record
    with deferred_rebuilds() as touched:
        record = _run_import(record)
    schedule(touched)  # the monthly table, once per meter
    return record


def _run_import(record: BillImport) -> BillImport:
    rows = record.rows
    start = record.processed
    try:
        while start < len(rows):
            chunk = rows[start : start + CHUNK]
            with transaction.atomic():
                created = _import_chunk(record, chunk)
                BillImport.objects.filter(pk=record.pk).update(
                    processed=F("processed") + len(chunk),
                    imported=F("imported") + created,
                )
            start += len(chunk)
    except ImportRefused as exc:
        _undo(record, str(exc))
        record.refresh_from_db()
        return record
    BillImport.objects.filter(pk=record.pk, status=BillImport.Status.IMPORTING).update(
        status=BillImport.Status.DONE, rows=[], finished_at=timezone.now()
    )
    record.refresh_from_db()
    return record


class _Checker:
    """``save_bill``'s rules for many rows: meters, units and their bills loaded once,
    each accepted row added to its supply's history so later rows see it."""

    def __init__(self, keys, *, lock: bool = False, history: bool = True):
        keys = set(keys)
        ids = sorted(k for k in keys if not isinstance(k, tuple))
        meters = Meter.objects.select_related("client_number__unit").filter(pk__in=ids)
        units = Unit.objects.filter(pk__in={k[0] for k in keys if isinstance(k, tuple)})
        if lock:  # serialise with forms saving bills of the same meters and units
            meters = meters.select_for_update(of=("self",)).order_by("pk")
            units = units.select_for_update().order_by("pk")
        self.meters = {m.pk: m for m in meters}
        unit_by_id = {u.pk: u for u in units}
        self.supplies = {pk: Supply.of_meter(m) for pk, m in self.meters.items()}
        for key in keys:
            if isinstance(key, tuple):
                self.supplies[key] = Supply(unit=unit_by_id[key[0]], source=key[1])
        self.keys = list(self.supplies)
        self.history = (
            series_history(self.keys)
            if history
            else defaultdict(list, {k: [] for k in self.keys})
        )

    def supply(self, row: dict) -> Supply:
        return self.supplies[row_key(row)]

    def check(self, row: dict) -> tuple[dict, list]:
        supply = self.supply(row)
        data = _data(row)
        errors, findings = check_bill(supply, data, self.history[supply.key])
        if not errors:
            self.history[supply.key].append(
                (None, data.period_start, data.period_end, data.consumption)
            )
        return errors, findings


def _import_chunk(record: BillImport, chunk: list[dict]) -> int:
    """Check the chunk's rows again against fresh data (meters locked) and write them
    in bulk with their history rows; raise ImportRefused on the first failing row."""
    keys = {row_key(r) for r in chunk}
    # The meters and units are locked first; if none of their bills changed since the
    # file was uploaded (other than by this import), the check's verdict on the bills
    # still holds and only the rules on the meter and the unit are applied again.
    checker = _Checker(keys, lock=True, history=False)
    rechecked = not all("findings" in r for r in chunk) or (
        Bill.history.filter(series_filter(checker.keys))
        .filter(history_date__gte=record.created_at)
        .exclude(bill_import_id=record.pk)
        .exists()
    )
    if rechecked:
        checker.history = series_history(checker.keys)
    done = {
        (meter_id or (unit_id, source), s, e)
        for meter_id, unit_id, source, s, e in Bill.objects.filter(
            series_filter(checker.keys), bill_import=record
        ).values_list("meter_id", "unit_id", "source", "period_start", "period_end")
    }
    new = []
    for row in chunk:
        data = _data(row)
        supply = checker.supply(row)
        if (supply.key, data.period_start, data.period_end) in done:
            continue  # saved by an earlier delivery of this task
        errors, findings = checker.check(row)
        if not rechecked:
            findings = row["findings"]
        if errors:
            problems = _rule_problems(row, ValidationError(errors))
            raise ImportRefused(
                _("Fila %(row)s: %(message)s")
                % {"row": row["row"], "message": problems[0]["message"]}
            )
        measure = data.consumption_unit or source_unit(supply.source)
        factor = kwh_factor(supply.source, data.period_end, measure)
        new.append(
            Bill(
                meter=supply.meter,
                unit=supply.unit,
                source=supply.source,
                period_start=data.period_start,
                period_end=data.period_end,
                issue_date=data.issue_date,
                consumption=data.consumption,
                consumption_unit=measure,
                kwh_factor=factor,
                kwh=(data.consumption * factor).quantize(Decimal("0.001")),
                amount_clp=data.amount_clp,
                demand_kw=data.demand_kw,
                is_estimated=data.is_estimated,
                observation=data.observation,
                findings=findings,
                status=Bill.Status.SUBMITTED,
                created_by=record.created_by,
                bill_import=record,
            )
        )
    try:
        with transaction.atomic():
            _create_with_history(
                new, user=record.created_by, reason="Importación de boletas"
            )
    except IntegrityError as exc:
        raise ImportRefused(
            _(
                "Una boleta del archivo ya existe para el mismo medidor (o unidad y "
                "energético) y periodo"
            )
        ) from exc
    collect_series(b.series_key for b in new)
    return len(new)


def _create_with_history(bills: list[Bill], *, user, reason: str) -> None:
    """The bills in one INSERT and their history rows in one ``INSERT … SELECT`` that
    copies the new rows (what ``bulk_create_with_history`` does by building a historical
    object per bill in Python, the larger half of an import's time)."""
    if not connection.features.can_return_rows_from_bulk_insert:
        bulk_create_with_history(
            bills,
            Bill,
            batch_size=CHUNK,
            default_user=user,
            default_change_reason=reason,
        )
        return
    created = Bill.objects.bulk_create(bills, batch_size=CHUNK)
    ids = [bill.pk for bill in created]
    if not ids:
        return
    history = Bill.history.model
    quote = connection.ops.quote_name
    copied = ", ".join(
        quote(field.column)
        for field in history._meta.concrete_fields
        if not field.name.startswith("history_")
    )
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            batch = ids[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({copied}, "
                f"{quote('history_date')}, {quote('history_change_reason')}, "
                f"{quote('history_type')}, {quote('history_user_id')}) "
                f"SELECT {copied}, %s, %s, '+', %s FROM {quote(Bill._meta.db_table)} "
                f"WHERE {quote('id')} IN ({', '.join(['%s'] * len(batch))})",
                [
                    connection.ops.adapt_datetimefield_value(timezone.now()),
                    reason,
                    user.pk if user else None,
                    *batch,
                ],
            )


def _undo(record: BillImport, reason: str) -> None:
    with transaction.atomic():
        for bill in Bill.objects.filter(bill_import=record).iterator(chunk_size=1000):
            bill.delete()
        BillImport.objects.filter(pk=record.pk).update(
            status=BillImport.Status.FAILED,
            imported=0,
            rows=[],
            finished_at=timezone.now(),
            message=_(
                "%(reason)s. Los datos cambiaron desde la revisión; no quedó ninguna "
                "boleta de este archivo. Revise y suba el archivo de nuevo."
            )
            % {"reason": reason.rstrip(".")},
        )


def report_rows(record: BillImport):
    """The downloadable report: every row with its outcome."""
    imported = {
        (b.pk, b.period_start.isoformat()): b
        for b in Bill.objects.filter(bill_import=record).select_related("meter")
    }
    yield from (
        [
            p["row"],
            _("Error") if p["kind"] == "error" else _("Advertencia"),
            p["column"],
            p["message"],
        ]
        for p in record.problems
    )
    for bill in sorted(
        imported.values(), key=lambda b: (str(b.series_key), b.period_start)
    ):
        yield [
            "",
            _("Importada"),
            "",
            f"{bill.supply_label} {bill.period_start:%d-%m-%Y}",
        ]
