"""Buildings (and building complexes) where the services' units are."""

from simple_history.models import HistoricalRecords

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet

from .institutions import Service
from .territory import Comuna


class BuildingComplex(models.Model):
    """A group of buildings on one site (a campus, a hospital complex)."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="building_complexes",
        verbose_name=_("servicio"),
    )
    name = models.CharField(_("nombre"), max_length=200)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("complejo de edificios")
        verbose_name_plural = _("complejos de edificios")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "name"], name="management_complex_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class BuildingQuerySet(ScopedQuerySet):
    service_lookup = "service"

    def for_services(self, service_ids):
        # A building is shared: it belongs to whoever registered it and to every
        # service with a unit in it.
        from .units import Unit

        ids = list(service_ids)
        has_unit = Exists(
            Unit.objects.filter(building=OuterRef("pk"), service_id__in=ids)
        )
        return self.filter(Q(service_id__in=ids) | Q(has_unit))

    def active(self):
        return self.filter(is_active=True)

    def with_place(self):
        return self.select_related("comuna__province__region")


class Building(models.Model):
    """A building with its address; shared by the services that have units in it."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="registered_buildings",
        verbose_name=_("registrado por"),
    )
    complex = models.ForeignKey(
        BuildingComplex,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buildings",
        verbose_name=_("complejo de edificios"),
    )
    street = models.CharField(_("calle"), max_length=200)
    number = models.CharField(_("número"), max_length=20)
    comuna = models.ForeignKey(
        Comuna,
        on_delete=models.PROTECT,
        related_name="buildings",
        verbose_name=_("comuna"),
    )
    latitude = models.DecimalField(
        _("latitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_active = models.BooleanField(_("activo"), default=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = BuildingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("edificio")
        verbose_name_plural = _("edificios")
        ordering = ["street", "number"]
        indexes = [
            models.Index(fields=["comuna", "street"], name="management_building_addr")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=-17,
                    longitude__gte=-110,
                    longitude__lte=-66,
                ),
                name="management_building_coordinates_in_chile",
            )
        ]

    def __str__(self):
        return f"{self.address}, {self.comuna}"

    def get_absolute_url(self):
        return reverse("management:building-detail", args=[self.pk])

    @property
    def address(self) -> str:
        return f"{self.street}, Nro. {self.number}"
