"""Hitos: ratification (1), preliminary inventory (2), observations (3), definitive
inventory (4), and the Administrador's reopening of a frozen inventory."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.pdf import render_template_pdf
from lms.accounts.models import Membership
from lms.accounts.roles import Role
from lms.core.mail import queue_email

from ..models import (
    InventoryObservation,
    InventoryRatification,
    InventorySnapshot,
    InventoryUnlock,
    MilestoneCalendar,
    Service,
)
from .locks import is_administrator


def default_calendar(year: int) -> MilestoneCalendar:
    """The dates of DOMAIN.md (2023), moved to ``year``; unsaved."""
    return MilestoneCalendar(
        year=year,
        update_due=dt.date(year, 5, 31),
        preliminary_on=dt.date(year, 6, 15),
        observations_due=dt.date(year, 6, 30),
        definitive_due=dt.date(year, 7, 31),
    )


def calendar_for(year: int) -> MilestoneCalendar:
    """The stored calendar of ``year``, or the default dates (unsaved)."""
    return MilestoneCalendar.objects.filter(year=year).first() or default_calendar(year)


@transaction.atomic
def ratify_inventory(*, by, service: Service, year: int) -> InventoryRatification:
    """Hito 1: the Gestor de Servicio states the unit inventory is up to date."""
    row, _created = InventoryRatification.objects.get_or_create(
        service=service, year=year, defaults={"ratified_by": by}
    )
    return row


def _require_admin(by) -> None:
    if not is_administrator(by):
        raise PermissionDenied(_("Solo el Administrador puede hacer esto."))


@transaction.atomic
def start_inventory_snapshots(*, by, year: int, kind: str) -> int:
    """Queue the preliminary (Hito 2) or definitive (Hito 4) inventory of every active
    service with units; returns how many services were queued."""
    from ..tasks import build_inventory_snapshot_task

    _require_admin(by)
    kind = InventorySnapshot.Kind(kind)
    if kind == InventorySnapshot.Kind.DEFINITIVE:
        missing = not InventorySnapshot.objects.filter(
            year=year, kind=InventorySnapshot.Kind.PRELIMINARY
        ).exists()
        if missing:
            raise ValidationError(
                _("Primero envíe el inventario preliminar (Hito 2) de %(year)s.")
                % {"year": year}
            )
    ids = list(
        Service.objects.active()
        .filter(units__is_active=True)
        .distinct()
        .values_list("pk", flat=True)
    )
    for service_id in ids:
        transaction.on_commit(
            lambda sid=service_id: build_inventory_snapshot_task.delay(
                sid, year, str(kind)
            )
        )
    return len(ids)


def build_inventory_snapshot(*, service_id: int, year: int, kind: str):
    """Freeze a service's inventory, render its PDF and e-mail its Gestores de Servicio.

    Idempotent: a snapshot already built is not rebuilt, one already e-mailed is not
    sent again.
    """
    from ..selectors import inventory_rows

    service = Service.objects.select_related("institution").get(pk=service_id)
    kind = InventorySnapshot.Kind(kind)
    with transaction.atomic():
        snapshot, created = InventorySnapshot.objects.select_for_update().get_or_create(
            service=service, year=year, kind=kind
        )
        if created or not snapshot.rows:
            snapshot.rows = inventory_rows(service=service, year=year)
            snapshot.save(update_fields=["rows"])
        if not snapshot.pdf:
            data = render_template_pdf(
                "management/pdf/inventory.html",
                {
                    "service": service,
                    "snapshot": snapshot,
                    "rows": snapshot.rows,
                    "totals": _totals(snapshot.rows),
                    "calendar": calendar_for(year),
                    "generated": timezone.localtime(),
                },
            )
            snapshot.pdf.save(
                f"inventario-{kind}-{year}.pdf", ContentFile(data), save=True
            )
        if snapshot.emailed_at is None:
            _email_snapshot(snapshot)
            snapshot.emailed_at = timezone.now()
            snapshot.save(update_fields=["emailed_at"])
    return snapshot


def _totals(rows: list[dict]) -> dict:
    return {
        "units": len(rows),
        "energy": sum(1 for r in rows if r["reports_energy"]),
        "indicator": sum(1 for r in rows if r["in_efficiency_indicator"]),
        "other": sum(1 for r in rows if r["reports_other_items"]),
    }


def _email_snapshot(snapshot: InventorySnapshot) -> None:
    recipients = sorted(
        set(
            Membership.objects.active()
            .filter(service=snapshot.service, role=Role.GESTOR_SERVICIO)
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return
    queue_email(
        to=recipients,
        subject=_("%(kind)s de unidades %(year)s – %(service)s")
        % {
            "kind": snapshot.get_kind_display(),
            "year": snapshot.year,
            "service": snapshot.service.name,
        },
        template="management/email/inventory_snapshot",
        context={
            "snapshot": snapshot,
            "service": snapshot.service,
            "totals": _totals(snapshot.rows),
            "calendar": calendar_for(snapshot.year),
            "pdf_url": settings.SITE_URL
            + reverse("management:snapshot-pdf", args=[snapshot.pk]),
            "milestones_url": settings.SITE_URL + reverse("management:milestones"),
        },
    )


def observations_open(*, service: Service, year: int) -> str:
    """Why observations cannot be sent now ("" when they can)."""
    if not InventorySnapshot.objects.filter(
        service=service, year=year, kind=InventorySnapshot.Kind.PRELIMINARY
    ).exists():
        return _(
            "Las observaciones se reciben una vez enviado el inventario preliminar."
        )
    calendar = calendar_for(year)
    if timezone.localdate() > calendar.observations_due:
        return _("El plazo de observaciones (Hito 3) venció el %(date)s.") % {
            "date": calendar.observations_due.strftime("%d-%m-%Y")
        }
    return ""


@transaction.atomic
def add_observation(*, by, service: Service, year: int, text: str):
    """Hito 3: the service observes its preliminary inventory."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Escriba la observación.")}, code="required")
    closed = observations_open(service=service, year=year)
    if closed and not is_administrator(by):
        raise ValidationError({"text": closed}, code="closed")
    return InventoryObservation.objects.create(
        service=service, year=year, text=text, created_by=by
    )


@transaction.atomic
def answer_observation(*, by, observation: InventoryObservation, answer: str):
    """The ministry answers an observation."""
    if not (is_administrator(by) or Role.REVISOR_RED in by.staff_roles()):
        raise PermissionDenied(_("Solo el ministerio responde observaciones."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Escriba la respuesta.")}, code="required")
    observation.answer = answer
    observation.answered_at = timezone.now()
    observation.save(update_fields=["answer", "answered_at"])
    return observation


@transaction.atomic
def unlock_inventory(
    *, by, service: Service, year: int, until: dt.date, reason: str
) -> InventoryUnlock:
    """The Administrador reopens a frozen inventory until ``until``."""
    _require_admin(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo.")}, code="required")
    if until < timezone.localdate():
        raise ValidationError(
            {"until": _("La fecha debe ser hoy o posterior.")}, code="past"
        )
    return InventoryUnlock.objects.create(
        service=service, year=year, until=until, reason=reason, granted_by=by
    )
