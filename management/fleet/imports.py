"""Import a service's vehicles from a CSV or XLSX sheet: preview with per-row errors,
then all rows or none."""

import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.core.tabular import read_table
from management.models import Service, Unit

from . import services
from .models import Vehicle
from .plates import normalize_plate

MAX_ROWS = 2_000
COLUMNS = [
    ("patente", "plate", True),
    ("marca", "brand", True),
    ("modelo", "model_name", True),
    ("año", "year", True),
    ("tipo", "vehicle_type", True),
    ("motor", "motor", True),
    ("propiedad", "ownership", True),
    ("vin", "vin", False),
    ("odómetro inicial", "initial_odometer", True),
    ("capacidad estanque", "tank_capacity", False),
    ("unidades", "units", False),
]
TEMPLATE_ROWS = [
    [
        "BBCD12",
        "Toyota",
        "Hilux 2.4",
        "2022",
        "Camioneta",
        "Diésel",
        "Propio",
        "",
        "15000",
        "",
        "Oficinas centrales",
    ],
    [
        "AB1234",
        "Hyundai",
        "Ioniq",
        "2021",
        "Automóvil",
        "Híbrido",
        "Arrendado",
        "",
        "42000",
        "",
        "",
    ],
]
UNIT_SEPARATOR = "|"


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("_", " ").split())


def _choices(choices) -> dict[str, str]:
    mapping = {}
    for value, label in choices:
        mapping[_key(value)] = value
        mapping[_key(label)] = value
    return mapping


CHOICES = {
    "vehicle_type": _choices(Vehicle.Type.choices),
    "motor": {**_choices(Vehicle.Motor.choices), "gnc": "gnc_glp", "glp": "gnc_glp"},
    "ownership": _choices(Vehicle.Ownership.choices),
}


@dataclass
class Row:
    number: int
    raw: dict
    data: dict = field(default_factory=dict)
    unit_ids: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _integer(text: str, label: str, errors: list, required: bool):
    text = text.replace(".", "").replace(" ", "")
    if not text:
        if required:
            errors.append(_("Falta «%(c)s».") % {"c": label})
        return None
    if not text.isdigit():
        errors.append(
            _("«%(c)s» debe ser un número entero: «%(v)s».")
            % {"c": label, "v": text[:20]}
        )
        return None
    return int(text)


def parse(file, service: Service) -> tuple[list[str], list[Row]]:
    """Read and check every row; raises ValidationError when the file itself is bad."""
    table = read_table(file, max_rows=MAX_ROWS)
    by_key = {_key(h): h for h in table.headers}
    missing = [
        name for name, _f, required in COLUMNS if required and _key(name) not in by_key
    ]
    if missing:
        raise ValidationError(
            _("Faltan columnas: %(cols)s. Descargue la plantilla.")
            % {"cols": ", ".join(missing)}
        )
    if not table.rows:
        raise ValidationError(_("La planilla no tiene filas de vehículos."))
    units = {
        _key(name): pk
        for pk, name in Unit.objects.filter(service=service).values_list("pk", "name")
    }
    existing = set(
        Vehicle.objects.filter(
            plate__in=[
                normalize_plate(r.get(by_key[_key("patente")], ""))
                for _n, r in table.rows
            ]
        ).values_list("plate", flat=True)
    )
    seen: dict[str, int] = {}
    rows = []
    for number, raw in table.rows:
        values = {
            f: raw.get(by_key.get(_key(name), ""), "").strip()
            for name, f, _r in COLUMNS
        }
        row = Row(number=number, raw=values)
        errors = row.errors
        for name, f, required in COLUMNS:
            if required and not values[f] and f not in ("year", "initial_odometer"):
                errors.append(_("Falta «%(c)s».") % {"c": name})
        data = {
            "plate": normalize_plate(values["plate"]),
            "brand": values["brand"][:60],
            "model_name": values["model_name"][:80],
            "vin": values["vin"],
            "year": _integer(values["year"], "año", errors, True),
            "initial_odometer": _integer(
                values["initial_odometer"], "odómetro inicial", errors, True
            ),
            "tank_capacity": _integer(
                values["tank_capacity"], "capacidad estanque", errors, False
            ),
        }
        for f in ("vehicle_type", "motor", "ownership"):
            if values[f]:
                code = CHOICES[f].get(_key(values[f]))
                if code is None:
                    errors.append(
                        _("Valor no reconocido en «%(c)s»: «%(v)s».")
                        % {
                            "c": f.replace("_", " ")
                            .replace("vehicle type", "tipo")
                            .replace("ownership", "propiedad"),
                            "v": values[f][:30],
                        }
                    )
                data[f] = code
        plate = data["plate"]
        if plate in seen:
            errors.append(
                _("La patente %(p)s se repite en la fila %(n)s.")
                % {"p": plate, "n": seen[plate]}
            )
        elif plate:
            seen[plate] = number
        if plate in existing:
            errors.append(_("La patente %(p)s ya está registrada.") % {"p": plate})
        else:
            try:
                data = services.clean_vehicle_data(data)
            except ValidationError as error:
                for messages in error.message_dict.values():
                    errors.extend(messages)
        for name in filter(
            None, (n.strip() for n in values["units"].split(UNIT_SEPARATOR))
        ):
            pk = units.get(_key(name))
            if pk is None:
                errors.append(
                    _("La unidad «%(u)s» no existe en el servicio.") % {"u": name[:80]}
                )
            else:
                row.unit_ids.append(pk)
        row.data = data
        rows.append(row)
    return [name for name, _f, _r in COLUMNS], rows


@transaction.atomic
def import_rows(*, service: Service, rows: list[dict]) -> int:
    """Create every vehicle or none (rows as stored by the preview)."""
    for row in rows:
        vehicle = services.create_vehicle(service=service, data=row["data"])
        if row["unit_ids"]:
            services.set_units(
                vehicle=vehicle,
                units=list(
                    Unit.objects.filter(service=service, pk__in=row["unit_ids"])
                ),
            )
    return len(rows)
