"""The staff certificate list as a django-tables2 table."""

import django_tables2 as tables

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lms.core.rut import format_rut

from .models import Certificate

NOWRAP = {"td": {"class": "cert-nowrap"}}


class CertificateTable(tables.Table):
    code = tables.Column(verbose_name=_("Código"), attrs=NOWRAP)
    name = tables.Column(
        accessor="last_name",
        verbose_name=_("Nombre"),
        order_by=("last_name", "first_name"),
    )
    rut = tables.Column(verbose_name=_("RUT"), default="—", attrs=NOWRAP)
    course_title = tables.Column(verbose_name=_("Curso"))
    platform = tables.Column(verbose_name=_("Plataforma"))
    service_name = tables.Column(verbose_name=_("Servicio"), default="—")
    completed_at = tables.DateColumn(
        verbose_name=_("Aprobado"), format="d-m-Y", attrs=NOWRAP
    )
    status = tables.Column(
        accessor="revoked_at",
        verbose_name=_("Estado"),
        order_by=("revoked_at",),
        empty_values=(),
    )
    issued_at = tables.DateColumn(
        verbose_name=_("Emitido"), format="d-m-Y", attrs=NOWRAP
    )

    class Meta:
        model = Certificate
        fields = ()
        sequence = (
            "code",
            "name",
            "rut",
            "course_title",
            "platform",
            "service_name",
            "completed_at",
            "status",
            "issued_at",
        )
        order_by = ("-issued_at",)
        attrs = {"class": "listing"}
        template_name = "courses/admin/table.html"
        empty_text = _("No hay certificados con estos filtros.")

    def render_code(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("certificates_admin:detail", args=[record.display_code]),
            record.display_code,
        )

    def value_code(self, record):
        return record.display_code

    def render_name(self, record):
        return f"{record.last_name}, {record.first_name}".strip(", ")

    def value_name(self, record):
        return self.render_name(record)

    def render_rut(self, value):
        return format_rut(value)

    def render_platform(self, record):
        return record.get_platform_display()

    def value_platform(self, record):
        return str(record.get_platform_display())

    def render_status(self, record):
        if record.revoked_at is None:
            return format_html(
                '<span class="cert-badge cert-valid">{}</span>', _("Vigente")
            )
        return format_html(
            '<span class="cert-badge cert-revoked">{}</span> {}',
            _("Revocado"),
            timezone.localtime(record.revoked_at).strftime("%d-%m-%Y"),
        )

    def value_status(self, record):
        return str(_("Vigente") if record.revoked_at is None else _("Revocado"))
