"""Writes on energy supply and bills, with every bill rule of DOMAIN.md.

``save_bill`` is the one way a bill is stored: errors block saving with a Spanish
message saying what to fix (raised as a ValidationError keyed by field); warnings
are stored on the bill as ``findings`` and shown in lists and to the Red.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Bill, ClientNumber, Distributor, Meter, Unit
from ..models.energy import kwh_factor, source_unit, source_units
from ..models.units import METERED_SOURCES, EnergySource

#: A monthly bill longer than this is flagged (DOMAIN.md).
LONG_PERIOD_DAYS = 45
#: Longer than this is refused: no reading period covers more than a year.
MAX_PERIOD_DAYS = 366
#: Consumption per day this many standard deviations from the meter's mean is flagged.
OUTLIER_SIGMAS = 3
#: History needed before the standard-deviation test means anything.
OUTLIER_MIN_BILLS = 3
#: Change vs the same month last year that is flagged.
SAME_MONTH_CHANGE = Decimal("0.5")


@dataclass
class BillData:
    period_start: date
    period_end: date
    issue_date: date
    consumption: Decimal
    amount_clp: int
    observation: str = ""
    invoice: object = None
    demand_kw: Decimal | None = None
    is_estimated: bool = False
    #: Unit of measure as on the bill; blank means the source's usual one.
    consumption_unit: str = ""


@dataclass(frozen=True)
class Supply:
    """What a bill is of: one meter, or one source a unit buys without a meter.

    Bills of one supply follow one another: overlaps, duplicates and the history
    rules compare a bill with the other bills of its supply only.
    """

    unit: Unit
    source: str
    meter: Meter | None = None

    @classmethod
    def of_meter(cls, meter: Meter) -> "Supply":
        client = meter.client_number
        return cls(unit=client.unit, source=client.source, meter=meter)

    @property
    def key(self):
        """``Bill.series_key`` of its bills: the meter's id or (unit id, source)."""
        return self.meter.pk if self.meter else (self.unit.pk, self.source)

    def bills(self):
        if self.meter is not None:
            return Bill.objects.filter(meter=self.meter)
        return Bill.objects.filter(
            unit=self.unit, source=self.source, meter__isnull=True
        )

    @property
    def label(self) -> str:
        if self.meter is not None:
            return _("medidor %(n)s") % {"n": self.meter.number}
        return _("%(source)s sin medidor") % {"source": EnergySource(self.source).label}


def _fmt(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def bills_demand(client_number: ClientNumber) -> bool:
    """Whether the client's tariff bills demand (kW): every electricity tariff but BT1."""
    tariff = client_number.tariff
    return client_number.source == EnergySource.ELECTRICITY and tariff not in (
        "",
        "BT1",
    )


def _demand_error(supply: Supply, demand) -> str | None:
    if demand is None:
        return None
    if demand <= 0:
        return _("La demanda debe ser mayor que cero (o déjela en blanco).")
    if supply.source != EnergySource.ELECTRICITY or supply.meter is None:
        return _("Solo las boletas de electricidad registran demanda (kW).")
    client = supply.meter.client_number
    if not bills_demand(client):
        return _(
            "La tarifa %(tariff)s del cliente %(number)s no factura demanda: deje la "
            "demanda en blanco."
        ) % {"tariff": client.tariff or _("sin tarifa"), "number": client.number}
    return None


# ---------------------------------------------------------------- client numbers


def create_client_number(
    *, unit: Unit, distributor: Distributor, number: str, tariff: str = ""
) -> ClientNumber:
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Escriba el N° de cliente tal como aparece en la boleta.")
    if not distributor.is_active:
        errors["distributor"] = _("Esa distribuidora ya no está vigente.")
    source = distributor.source
    if source != EnergySource.ELECTRICITY and tariff:
        errors["tariff"] = _("La tarifa solo corresponde a clientes de electricidad.")
    if source == EnergySource.ELECTRICITY and not tariff:
        errors["tariff"] = _("Elija la tarifa eléctrica del cliente (BT1, AT4.3, …).")
    if (
        number
        and ClientNumber.objects.filter(distributor=distributor, number=number).exists()
    ):
        errors["number"] = _(
            "El N° de cliente %(number)s ya está registrado con %(distributor)s."
        ) % {"number": number, "distributor": distributor}
    if errors:
        raise ValidationError(errors)
    return ClientNumber.objects.create(
        unit=unit,
        source=source,
        distributor=distributor,
        number=number,
        tariff=tariff,
    )


# ---------------------------------------------------------------- meters


def create_meter(
    *,
    client_number: ClientNumber,
    number: str,
    active_from: date,
    is_smart: bool = False,
    shared_with=(),
) -> Meter:
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Escriba el N° de medidor.")
    elif Meter.objects.filter(client_number=client_number, number=number).exists():
        errors["number"] = _("Ese medidor ya está registrado en este N° de cliente.")
    if active_from and active_from > timezone.localdate():
        errors["active_from"] = _("La fecha de inicio no puede estar en el futuro.")
    others = [u for u in shared_with if u.pk != client_number.unit_id]
    foreign = [u for u in others if u.service_id != client_number.unit.service_id]
    if foreign:
        errors["shared_with"] = _(
            "Solo puede compartir el medidor con unidades del mismo servicio."
        )
    if errors:
        raise ValidationError(errors)
    meter = Meter.objects.create(
        client_number=client_number,
        number=number,
        active_from=active_from,
        is_smart=is_smart,
    )
    if others:
        meter.shared_with.set(others)
    return meter


@transaction.atomic
def change_meter(
    *, meter: Meter, number: str, changed_on: date, is_smart: bool = False
) -> Meter:
    """Cambio de Medidor: the old meter ends the day before ``changed_on`` and keeps
    its bills; the new one serves the same client number (and the same units)."""
    meter = Meter.objects.select_for_update().get(pk=meter.pk)
    if meter.active_until is not None:
        raise ValidationError(
            {
                "number": _("Ese medidor ya fue reemplazado el %(d)s.")
                % {"d": _fmt(meter.active_until)}
            }
        )
    if changed_on <= meter.active_from:
        raise ValidationError(
            {
                "changed_on": _(
                    "La fecha del cambio debe ser posterior al inicio del medidor "
                    "actual (%(d)s)."
                )
                % {"d": _fmt(meter.active_from)}
            }
        )
    end = changed_on - timedelta(days=1)
    late = meter.bills.filter(period_end__gt=changed_on).order_by("period_end").last()
    if late is not None:
        raise ValidationError(
            {
                "changed_on": _(
                    "El medidor actual tiene una boleta hasta el %(d)s; el cambio debe "
                    "ser posterior a esa fecha."
                )
                % {"d": _fmt(late.period_end)}
            }
        )
    new = create_meter(
        client_number=meter.client_number,
        number=number,
        active_from=changed_on,
        is_smart=is_smart,
        shared_with=list(meter.shared_with.all()),
    )
    meter.active_until = end
    meter.replaced_by = new
    meter.save(update_fields=["active_until", "replaced_by"])
    return new


# ---------------------------------------------------------------- bills


def series_key(key):
    """A series key as ``Bill.series_key`` gives it: a meter id, or a (unit id,
    source) pair — which arrives as a list once it went through the worker's JSON."""
    return tuple(key) if isinstance(key, list | tuple) else int(key)


def series_filter(keys) -> Q:
    """Rows (bills, their history, monthly rows) of these series keys."""
    keys = {series_key(k) for k in keys}
    meters = sorted(k for k in keys if not isinstance(k, tuple))
    q = Q(meter_id__in=meters) if meters else Q(pk__in=[])
    for unit_id, source in sorted(k for k in keys if isinstance(k, tuple)):
        q |= Q(meter__isnull=True, unit_id=unit_id, source=source)
    return q


def series_history(keys) -> dict[object, list[tuple]]:
    """Each supply's bills as (pk, start, end, consumption), for checks made in memory,
    keyed like ``Supply.key``."""
    history: dict[object, list[tuple]] = {key: [] for key in keys}
    if not history:
        return history
    for meter_id, unit_id, source, *row in Bill.objects.filter(
        series_filter(list(history))
    ).values_list(
        "meter_id",
        "unit_id",
        "source",
        "pk",
        "period_start",
        "period_end",
        "consumption",
    ):
        history[meter_id or (unit_id, source)].append(tuple(row))
    return history


def _history_findings(
    supply: Supply, data: BillData, exclude_pk, history: list[tuple] | None = None
) -> list[str]:
    """Warnings that compare the bill with its supply's own history."""
    findings = []
    days = (data.period_end - data.period_start).days + 1
    per_day = data.consumption / days
    if history is None:
        previous = list(
            supply.bills()
            .exclude(pk=exclude_pk)
            .values_list("period_start", "period_end", "consumption")
        )
    else:
        previous = [
            (s, e, c)
            for pk, s, e, c in history
            if exclude_pk is None or pk != exclude_pk
        ]
    # Floats: the exact Decimal/Fraction arithmetic of statistics.pstdev cost more
    # than every other rule together when a file of bills is checked.
    rates = [float(c) / ((e - s).days + 1) for s, e, c in previous]
    if len(rates) >= OUTLIER_MIN_BILLS:
        mean = math.fsum(rates) / len(rates)
        spread = math.sqrt(math.fsum((r - mean) ** 2 for r in rates) / len(rates))
        if spread and abs(float(per_day) - mean) > OUTLIER_SIGMAS * spread:
            findings.append(
                _(
                    "Consumo diario de %(rate).1f fuera de lo habitual del medidor "
                    "(promedio %(mean).1f; más de 3 desviaciones estándar)."
                )
                % {"rate": per_day, "mean": mean}
            )
    last_year = [
        (c / ((e - s).days + 1))
        for s, e, c in previous
        if s.month == data.period_start.month and s.year == data.period_start.year - 1
    ]
    if last_year and last_year[0]:
        change = (per_day - last_year[0]) / last_year[0]
        if abs(change) > SAME_MONTH_CHANGE:
            findings.append(
                _(
                    "Consumo %(sign)s%(pct).0f %% respecto del mismo mes del año "
                    "anterior."
                )
                % {"sign": "+" if change > 0 else "", "pct": change * 100}
            )
    before = [e for s, e, _c in previous if e < data.period_start]
    if before:
        gap = (data.period_start - max(before)).days - 1
        if gap > 1:
            findings.append(
                _("Hay %(n)d días sin boleta antes de este periodo.") % {"n": gap}
            )
    return findings


def check_bill(
    supply: Supply, data: BillData, history: list[tuple]
) -> tuple[dict, list]:
    """Every rule of ``save_bill`` for a new bill, against ``history`` given in memory
    (see ``series_history``): the bulk import checks thousands of rows this way."""
    return _check(supply, data, None, history=history)


def _check(
    supply: Supply,
    data: BillData,
    bill: Bill | None,
    history: list[tuple] | None = None,
) -> tuple[dict, list]:
    errors: dict[str, list[str]] = {}

    def error(field, message):
        errors.setdefault(field, []).append(message)

    today = timezone.localdate()
    start, end = data.period_start, data.period_end
    if end < start:
        error(
            "period_end",
            _("El término del periodo (%(end)s) es anterior a su inicio (%(start)s).")
            % {"end": _fmt(end), "start": _fmt(start)},
        )
    elif (end - start).days + 1 > MAX_PERIOD_DAYS:
        error(
            "period_end",
            _(
                "El periodo de lectura dura %(n)d días; una boleta no puede cubrir más "
                "de un año."
            )
            % {"n": (end - start).days + 1},
        )
    for field, value, label in (
        ("period_start", start, gettext_lazy("El inicio del periodo")),
        ("period_end", end, gettext_lazy("El término del periodo")),
        ("issue_date", data.issue_date, gettext_lazy("La fecha de emisión")),
    ):
        if value > today:
            error(field, _("%(label)s no puede estar en el futuro.") % {"label": label})
    if data.issue_date < start:
        error(
            "issue_date",
            _("La fecha de emisión no puede ser anterior al inicio del periodo."),
        )
    if data.consumption is None or data.consumption <= 0:
        error("consumption", _("El consumo debe ser mayor que cero."))
    if data.amount_clp is None or data.amount_clp <= 0:
        error(
            "amount_clp",
            _("El monto debe ser un número entero de pesos mayor que cero."),
        )
    if message := _demand_error(supply, data.demand_kw):
        error("demand_kw", message)
    allowed = source_units(supply.source)
    if data.consumption_unit and data.consumption_unit not in allowed:
        error(
            "consumption_unit",
            _(
                "La unidad de medida «%(unit)s» no corresponde a %(source)s: use "
                "%(allowed)s."
            )
            % {
                "unit": data.consumption_unit,
                "source": EnergySource(supply.source).label,
                "allowed": _(" o ").join(allowed),
            },
        )
    unit = supply.unit
    meter = supply.meter
    if meter is None and supply.source in METERED_SOURCES:
        error(
            "meter",
            _("Las boletas de %(source)s se registran con su medidor: elíjalo.")
            % {"source": EnergySource(supply.source).label},
        )
    if unit.energy_start_year and start.year < unit.energy_start_year:
        error(
            "period_start",
            _(
                "La unidad gestiona energía desde %(year)d (Alcance); no se registran "
                "boletas de periodos anteriores."
            )
            % {"year": unit.energy_start_year},
        )
    if meter is not None and (
        start < meter.active_from or (meter.active_until and end > meter.active_until)
    ):
        until = _fmt(meter.active_until) if meter.active_until else _("hoy")
        error(
            "period_start",
            _(
                "El medidor %(meter)s estuvo activo del %(from)s al %(until)s; el "
                "periodo de la boleta debe caer dentro de esas fechas."
            )
            % {"meter": meter.number, "from": _fmt(meter.active_from), "until": until},
        )
    if errors:
        return errors, []
    # Overlap: one shared boundary day is allowed, more is not.
    if history is None:
        others = supply.bills().filter(period_start__lte=end, period_end__gte=start)
        if bill is not None and bill.pk:
            others = others.exclude(pk=bill.pk)
        others = list(others.order_by("period_start"))
    else:
        others = sorted(
            (_Period(s, e, c) for _pk, s, e, c in history if s <= end and e >= start),
            key=lambda o: o.period_start,
        )
    for other in others:
        if (
            other.period_start == start
            and other.period_end == end
            and other.consumption == data.consumption
        ):
            error(
                "period_start",
                _(
                    "Esta boleta ya está registrada (%(supply)s, mismo periodo y consumo)."
                )
                % {"supply": supply.label},
            )
            break
        overlap = (min(end, other.period_end) - max(start, other.period_start)).days + 1
        if overlap > 1:
            error(
                "period_start",
                _(
                    "El periodo se superpone %(n)d días con la boleta del %(start)s al "
                    "%(end)s (%(supply)s): solo se permite compartir el día de "
                    "lectura."
                )
                % {
                    "supply": supply.label,
                    "n": overlap,
                    "start": _fmt(other.period_start),
                    "end": _fmt(other.period_end),
                },
            )
            break
    if errors:
        return errors, []
    findings = []
    if (end - start).days + 1 > LONG_PERIOD_DAYS:
        findings.append(
            _("Periodo de %(n)d días: más largo que una boleta mensual.")
            % {"n": (end - start).days + 1}
        )
    if not unit.energy_start_year:
        findings.append(
            _("La unidad no tiene año de inicio de gestión energética en su Alcance.")
        )
    findings += _history_findings(supply, data, bill.pk if bill else None, history)
    return errors, findings


@dataclass
class _Period:
    period_start: date
    period_end: date
    consumption: Decimal


@transaction.atomic
def save_bill(
    *,
    data: BillData,
    meter: Meter | None = None,
    unit: Unit | None = None,
    source: str | None = None,
    user=None,
    bill: Bill | None = None,
    submit: bool = True,
) -> Bill:
    """Create (or correct) a bill of ``meter``, or of ``unit``'s ``source`` bought
    without a meter, after every rule; raise ValidationError on errors."""
    # Serialise writers of one supply so two overlapping bills cannot both pass.
    if meter is not None:
        meter = (
            Meter.objects.select_for_update()
            .select_related("client_number__unit")
            .get(pk=meter.pk)
        )
        supply = Supply.of_meter(meter)
    else:
        if unit is None or source not in EnergySource.values:
            raise ValidationError(
                {"meter": _("Elija el medidor o el energético de la boleta.")}
            )
        supply = Supply(
            unit=Unit.objects.select_for_update().get(pk=unit.pk), source=source
        )
    if bill is not None and bill.status == Bill.Status.APPROVED:
        raise ValidationError(
            _("Esta boleta ya fue validada por la Red y no se puede modificar.")
        )
    errors, findings = _check(supply, data, bill)
    if errors:
        raise ValidationError(errors)
    measure = data.consumption_unit or source_unit(supply.source)
    factor = kwh_factor(supply.source, data.period_end, measure)
    bill = bill or Bill(created_by=user)
    left = bill.series_key if bill.pk else None
    bill.meter = supply.meter
    bill.unit = supply.unit
    bill.source = supply.source
    bill.period_start = data.period_start
    bill.period_end = data.period_end
    bill.issue_date = data.issue_date
    bill.consumption = data.consumption
    bill.consumption_unit = measure
    bill.kwh_factor = factor
    bill.kwh = (data.consumption * factor).quantize(Decimal("0.001"))
    bill.amount_clp = data.amount_clp
    bill.demand_kw = data.demand_kw
    bill.is_estimated = bool(data.is_estimated)
    bill.observation = data.observation or ""
    if data.invoice:
        bill.invoice = data.invoice
    bill.findings = findings
    bill.status = Bill.Status.SUBMITTED if submit else Bill.Status.DRAFT
    bill.full_clean(exclude=["created_by", "reviewed_by"])
    bill.save()
    if left is not None and left != bill.series_key:
        # A correction moved the bill to another supply: the one it left is rebuilt too.
        from .monthly import collect_series

        collect_series([left])
    return bill


@transaction.atomic
def review_bill(*, bill: Bill, user, approve: bool, note: str = "") -> Bill:
    """The Red validates or observes a submitted bill (the history keeps each step)."""
    bill = Bill.objects.select_for_update().get(pk=bill.pk)
    note = (note or "").strip()
    if bill.status not in (Bill.Status.SUBMITTED,):
        raise ValidationError(
            _("Solo se revisan boletas enviadas; esta está «%(status)s».")
            % {"status": bill.get_status_display()}
        )
    if not approve and not note:
        raise ValidationError(
            {
                "note": _(
                    "Escriba qué debe corregir el servicio para observar la boleta."
                )
            }
        )
    bill.status = Bill.Status.APPROVED if approve else Bill.Status.OBSERVED
    bill.review_note = note
    bill.reviewed_by = user
    bill.reviewed_at = timezone.now()
    bill.save(
        update_fields=[
            "status",
            "review_note",
            "reviewed_by",
            "reviewed_at",
            "updated_at",
        ]
    )
    return bill


# ---------------------------------------------------------------- summaries


def _year_share(start: date, end: date, year: int) -> Decimal:
    """The share of a bill's days that fall in ``year`` (bills split by days)."""
    first = max(start, date(year, 1, 1))
    last = min(end, date(year, 12, 31))
    if last < first:
        return Decimal(0)
    return Decimal((last - first).days + 1) / Decimal((end - start).days + 1)


def consumption_by_unit(units, year: int) -> list[dict]:
    """Per unit for ``year``: kWh, CLP, kWh/m² and tCO2e.

    Bills spanning two years count by their days in each. Emissions: electricity by
    the SEN factor of the year, fuels by their factors (``services.emissions``); a
    unit whose consumption has no factor at all shows none. A few queries whatever
    the number of units and bills.
    """
    from .emissions import emission_factors, tco2e

    units = list(units)
    rows = {
        u.pk: {
            "unit": u,
            "kwh": Decimal(0),
            "by_source": {},
            "amount_clp": Decimal(0),
            "bills": 0,
        }
        for u in units
    }
    found = Bill.objects.filter(
        unit__in=[u.pk for u in units],
        period_start__lte=date(year, 12, 31),
        period_end__gte=date(year, 1, 1),
    ).exclude(status=Bill.Status.DRAFT)
    for unit_id, source, start, end, kwh, amount in found.values_list(
        "unit_id",
        "source",
        "period_start",
        "period_end",
        "kwh",
        "amount_clp",
    ):
        share = _year_share(start, end, year)
        row = rows[unit_id]
        row["kwh"] += kwh * share
        row["amount_clp"] += amount * share
        row["bills"] += 1
        row["by_source"][source] = (
            row["by_source"].get(source, Decimal(0)) + kwh * share
        )
    factors = emission_factors(year)
    result = []
    for row in rows.values():
        surface = row["unit"].surface_m2
        row["kwh"] = row["kwh"].quantize(Decimal("1"), ROUND_HALF_UP)
        row["amount_clp"] = int(row["amount_clp"].quantize(Decimal("1"), ROUND_HALF_UP))
        row["kwh_m2"] = (
            (row["kwh"] / surface).quantize(Decimal("0.01")) if surface else None
        )
        total, row["without_factor"] = tco2e(row["by_source"], factors)
        row["tco2e"] = None if total is None else total.quantize(Decimal("0.001"))
        result.append(row)
    return result
