"""Writes on a unit's paper, water and waste records and its yearly declarations.

Each ``save_*`` takes an unsaved (or changed) instance built from a form, checks
the rules of DOMAIN.md and of the programme, and saves it; a broken rule raises a
ValidationError keyed by field so the form shows it beside what the user typed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from management.models import Unit

from ..models import (
    Module,
    PaperPurchase,
    UnitModuleNote,
    WasteContainer,
    WasteRecord,
    WaterFixture,
    WaterRecord,
)

#: No reading period or purchase covers more than a year.
MAX_PERIOD_DAYS = 366


def reports_other_items(unit: Unit, year: int) -> bool:
    """Whether the unit reports paper, water and waste in ``year`` (Alcance)."""
    return unit.other_start_year is not None and unit.other_start_year <= year


def _fmt(d) -> str:
    return d.strftime("%d-%m-%Y")


def _check_year(unit: Unit, year: int, module: str, errors: dict, field="year"):
    today = timezone.localdate()
    if year > today.year:
        errors[field] = _("El año %(y)s aún no comienza.") % {"y": year}
        return
    if not reports_other_items(unit, year):
        start = unit.other_start_year
        errors[field] = (
            _(
                "La unidad reporta papel, agua y residuos desde %(start)s; "
                "no se registran datos de %(y)s."
            )
            % {"start": start, "y": year}
            if start
            else _(
                "La unidad no tiene año de inicio de resto ítemes (Alcance); "
                "defínalo antes de registrar papel, agua o residuos."
            )
        )
        return
    note = UnitModuleNote.objects.filter(
        unit=unit, year=year, module=module, not_managed=True
    ).first()
    if note is not None:
        errors[field] = _(
            "La unidad declaró que no gestiona este ítem en %(y)s. Quite esa "
            "declaración antes de registrar datos."
        ) % {"y": year}


def _check_month(year: int, month: int | None, errors: dict):
    today = timezone.localdate()
    if month is not None and (year, month) > (today.year, today.month):
        errors["month"] = _("Ese mes aún no comienza: no registre meses futuros.")


def _check_granularity(queryset, month, errors, what: str):
    """A unit-year keeps either monthly rows or one yearly total, never both."""
    if month is None and queryset.filter(month__isnull=False).exists():
        errors["month"] = _(
            "Ya hay registros mensuales de %(what)s este año: registre por mes o "
            "corrija esos registros en vez de agregar un total anual."
        ) % {"what": what}
    elif month is not None and queryset.filter(month__isnull=True).exists():
        errors["month"] = _(
            "Ya hay un total anual de %(what)s este año: corríjalo o bórrelo antes "
            "de registrar por mes."
        ) % {"what": what}


def _finish(instance, errors: dict, user=None):
    if errors:
        raise ValidationError(errors)
    if user is not None and instance.pk is None and hasattr(instance, "created_by"):
        instance.created_by = user
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def save_paper_purchase(*, purchase: PaperPurchase, user=None) -> PaperPurchase:
    """Store a paper purchase (monthly) or the year's total of a unit."""
    errors: dict = {}
    _check_year(purchase.unit, purchase.year, Module.PAPER, errors)
    _check_month(purchase.year, purchase.month, errors)
    if purchase.recycled_reams > purchase.reams:
        errors["recycled_reams"] = _(
            "Las resmas recicladas (%(r)s) no pueden superar las resmas compradas (%(t)s)."
        ) % {"r": purchase.recycled_reams, "t": purchase.reams}
    purchase.purchase_id = (purchase.purchase_id or "").strip()
    others = PaperPurchase.objects.filter(
        unit=purchase.unit, year=purchase.year
    ).exclude(pk=purchase.pk)
    if "year" not in errors:
        _check_granularity(others, purchase.month, errors, _("papel"))
    if (
        purchase.purchase_id
        and PaperPurchase.objects.filter(
            unit=purchase.unit, purchase_id=purchase.purchase_id
        )
        .exclude(pk=purchase.pk)
        .exists()
    ):
        errors["purchase_id"] = _(
            "La compra %(id)s ya está registrada en esta unidad."
        ) % {"id": purchase.purchase_id}
    return _finish(purchase, errors, user)


@transaction.atomic
def save_water_record(*, record: WaterRecord, user=None) -> WaterRecord:
    """Store a network meter reading period or a purchase of water."""
    errors: dict = {}
    today = timezone.localdate()
    start, end = record.period_start, record.period_end
    if end < start:
        errors["period_end"] = _(
            "El término (%(e)s) es anterior al inicio del periodo (%(s)s)."
        ) % {"e": _fmt(end), "s": _fmt(start)}
    elif (end - start).days + 1 > MAX_PERIOD_DAYS:
        errors["period_end"] = _("Un periodo no puede durar más de un año.")
    if end > today:
        errors["period_end"] = _("El periodo no puede terminar en el futuro.")
    record.year = end.year
    if not errors:
        _check_year(record.unit, record.year, Module.WATER, errors, field="period_end")
    record.meter_number = (record.meter_number or "").strip()
    if record.supply == WaterRecord.Supply.NETWORK:
        if not record.meter_number:
            errors["meter_number"] = _(
                "El agua de red se registra por medidor: escriba su número."
            )
        elif "period_end" not in errors:
            # One shared boundary day is allowed, as with electricity bills.
            clash = (
                WaterRecord.objects.filter(
                    unit=record.unit,
                    supply=WaterRecord.Supply.NETWORK,
                    meter_number=record.meter_number,
                    period_start__lt=end,
                    period_end__gt=start,
                )
                .exclude(pk=record.pk)
                .order_by("period_start")
                .first()
            )
            if clash is not None:
                errors["period_start"] = _(
                    "El periodo se cruza con el registro del %(s)s al %(e)s del "
                    "mismo medidor."
                ) % {"s": _fmt(clash.period_start), "e": _fmt(clash.period_end)}
    else:
        record.meter_number = ""
    return _finish(record, errors, user)


@transaction.atomic
def save_waste_record(*, record: WasteRecord, user=None) -> WasteRecord:
    """Store the kilograms of one waste type for a month or the whole year."""
    errors: dict = {}
    _check_year(record.unit, record.year, Module.WASTE, errors)
    _check_month(record.year, record.month, errors)
    if not record.waste_type.is_active and record.pk is None:
        errors["waste_type"] = _("Ese tipo de residuo ya no está vigente.")
    same = WasteRecord.objects.filter(
        unit=record.unit, year=record.year, waste_type=record.waste_type
    ).exclude(pk=record.pk)
    if "year" not in errors:
        _check_granularity(same, record.month, errors, record.waste_type.name)
    if "month" not in errors and same.filter(month=record.month).exists():
        errors["month"] = _(
            "Ya hay un registro de %(t)s para %(m)s de %(y)s; corríjalo en vez de duplicarlo."
        ) % {
            "t": record.waste_type.name,
            "m": record.get_month_display() if record.month else _("el total anual"),
            "y": record.year,
        }
    return _finish(record, errors, user)


@transaction.atomic
def save_fixture(*, fixture: WaterFixture) -> WaterFixture:
    errors: dict = {}
    if (
        WaterFixture.objects.filter(
            unit=fixture.unit,
            kind=fixture.kind,
            state=fixture.state,
            saving_device=fixture.saving_device,
        )
        .exclude(pk=fixture.pk)
        .exists()
    ):
        errors["kind"] = _(
            "Ya hay una línea con ese tipo, estado y dispositivo: corrija su cantidad."
        )
    return _finish(fixture, errors)


@transaction.atomic
def save_container(*, container: WasteContainer) -> WasteContainer:
    errors: dict = {}
    container.name = container.name.strip()
    container.location = container.location.strip()
    if (
        WasteContainer.objects.filter(
            unit=container.unit, name=container.name, location=container.location
        )
        .exclude(pk=container.pk)
        .exists()
    ):
        errors["name"] = _("Ya hay un contenedor con ese nombre en esa ubicación.")
    return _finish(container, errors)


@transaction.atomic
def save_unit_note(*, note: UnitModuleNote) -> UnitModuleNote:
    """A unit's yearly declaration for a module ("no gestiona", water flags)."""
    errors: dict = {}
    note.observation = (note.observation or "").strip()
    if note.not_managed and not note.observation:
        errors["observation"] = _(
            "Explique por qué la unidad no gestiona este ítem (quién lo hace)."
        )
    if note.not_managed:
        models = {
            Module.PAPER: PaperPurchase,
            Module.WATER: WaterRecord,
            Module.WASTE: WasteRecord,
        }
        if models[note.module].objects.filter(unit=note.unit, year=note.year).exists():
            errors["not_managed"] = _(
                "La unidad ya tiene registros de %(y)s en este ítem: no puede "
                "declarar que no lo gestiona."
            ) % {"y": note.year}
    if note.module != Module.WATER:
        note.shared_meter = note.no_invoice_access = False
    return _finish(note, errors)


def note_for(unit: Unit, year: int, module: str) -> UnitModuleNote:
    """The unit's declaration for the module and year (unsaved defaults when none)."""
    note = UnitModuleNote.objects.filter(unit=unit, year=year, module=module).first()
    if note is None:
        note = UnitModuleNote(
            unit=unit,
            year=year,
            module=module,
            shared_meter=unit.shares_water_meter,
            no_invoice_access=unit.invoice_access != Unit.InvoiceAccess.OWN,
        )
    return note


@transaction.atomic
def delete_record(*, record) -> None:
    """Remove a paper, water or waste row (kept in the audit history)."""
    record.delete()


__all__ = [
    "MAX_PERIOD_DAYS",
    "delete_record",
    "note_for",
    "reports_other_items",
    "save_container",
    "save_fixture",
    "save_paper_purchase",
    "save_unit_note",
    "save_waste_record",
    "save_water_record",
]
