"""Tables of the staff reports."""

import django_tables2 as tables

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lms.core.rut import format_rut

from .models import Enrolment, LearningPlatform

PLATFORM_LABELS = dict(LearningPlatform.choices)
ADMIN_ATTRS = {"class": "listing"}


def _percent(value) -> str:
    return "—" if value is None else f"{float(value):.1f}".replace(".", ",") + " %"


class PercentColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return _percent(value)

    def value(self, value):
        return None if value is None else round(float(value), 1)


class CountColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:,}".replace(",", ".")

    def value(self, value):
        return value


class CompletionReportTable(tables.Table):
    """One row per course (and institution or service): how far its learners got."""

    course = tables.Column(accessor="course__title", verbose_name=_("Curso"))
    platform = tables.Column(accessor="course__platform", verbose_name=_("Plataforma"))
    institution = tables.Column(
        accessor="institution__name", verbose_name=_("Institución"), default="—"
    )
    service = tables.Column(
        accessor="service__name", verbose_name=_("Servicio"), default="—"
    )
    enrolled = CountColumn(verbose_name=_("Inscritos"))
    not_started = CountColumn(verbose_name=_("Sin iniciar"))
    in_progress = CountColumn(verbose_name=_("En curso"))
    completed = CountColumn(verbose_name=_("Completados"))
    completion_rate = PercentColumn(verbose_name=_("Tasa de aprobación"))
    average_score = PercentColumn(verbose_name=_("Puntaje promedio"))

    class Meta:
        attrs = ADMIN_ATTRS
        template_name = "courses/admin/table.html"
        empty_text = _("No hay inscripciones con estos filtros.")
        order_by = ("course",)

    def render_platform(self, value):
        return PLATFORM_LABELS.get(value, value)

    def value_platform(self, value):
        return str(PLATFORM_LABELS.get(value, value))


class EnrolmentTable(tables.Table):
    """One row per enrolment: the learner, where they work, and their state."""

    name = tables.Column(
        accessor="user__last_name",
        verbose_name=_("Estudiante"),
        order_by=("user__last_name", "user__first_name"),
    )
    email = tables.Column(accessor="user__email", verbose_name=_("Correo"))
    rut = tables.Column(accessor="user__rut", verbose_name=_("RUT"))
    course = tables.Column(accessor="course__title", verbose_name=_("Curso"))
    institution = tables.Column(
        accessor="institution__name", verbose_name=_("Institución"), default="—"
    )
    service = tables.Column(
        accessor="service__name", verbose_name=_("Servicio"), default="—"
    )
    enrolled_at = tables.DateColumn(verbose_name=_("Inscripción"), format="d-m-Y")
    state = tables.Column(
        accessor="completed_at",
        verbose_name=_("Estado"),
        order_by=("completed_at", "last_activity_at"),
    )
    last_activity_at = tables.DateColumn(
        verbose_name=_("Última actividad"), format="d-m-Y", default="—"
    )
    score = PercentColumn(verbose_name=_("Puntaje"))
    completed_at = tables.DateColumn(
        verbose_name=_("Completado"), format="d-m-Y", default="—"
    )

    class Meta:
        model = Enrolment
        fields = ()
        attrs = ADMIN_ATTRS
        template_name = "courses/admin/table.html"
        empty_text = _("No hay inscripciones con estos filtros.")
        order_by = ("-enrolled_at",)

    def render_name(self, record):
        return f"{record.user.last_name}, {record.user.first_name}".strip(", ")

    def render_rut(self, value):
        return format_rut(value)

    def render_state(self, record):
        labels = {
            Enrolment.State.COMPLETED: "badge-ok",
            Enrolment.State.IN_PROGRESS: "badge-warn",
        }
        return format_html(
            '<span class="badge {}">{}</span>',
            labels.get(record.state, ""),
            record.get_state_display(),
        )
