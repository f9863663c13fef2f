"""What the Estado Verde screens share: the year in the query string, unit access."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from management.models import Unit
from management.permissions import READ, UNIT_WORK
from management.views.energy import number

from ..forms import year_choices

__all__ = ["number", "selected_year", "unit_for", "can_write_unit", "fmt"]


def selected_year(request) -> int:
    """``?year=`` when it is a year of the programme, else the current year."""
    raw = request.GET.get("year", "")
    years = [y for y, _label in year_choices()]
    return (
        int(raw) if raw.isdigit() and int(raw) in years else timezone.localdate().year
    )


def can_write_unit(user, unit) -> bool:
    return Unit.objects.visible_to(user, roles=UNIT_WORK).filter(pk=unit.pk).exists()


def unit_for(user, pk, *, write: bool) -> Unit:
    """The unit ``pk`` if ``user`` reads it (else 404); 403 when writing is not theirs."""
    unit = get_object_or_404(
        Unit.objects.visible_to(user, roles=READ).with_place(), pk=pk
    )
    if write and not can_write_unit(user, unit):
        raise PermissionDenied(
            _("Solo los gestores de la unidad registran datos de Estado Verde.")
        )
    return unit


def fmt(value, places: int | None = None) -> str:
    """A figure in the Chilean format, or a dash."""
    if value is None:
        return "—"
    from decimal import Decimal

    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return number(value)


class ResolveAfterAccess:
    """Find the URL's objects once the platform and role checks have passed.

    Place after the access mixin so an outsider is sent to the login (or refused)
    before any object lookup can answer 404.
    """

    def resolve(self, request, **kwargs) -> None:
        pass

    def dispatch(self, request, *args, **kwargs):
        self.resolve(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)
