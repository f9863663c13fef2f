"""Staff reports in the Wagtail admin: completion per course, institution and service."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Case, CharField, Value, When
from django.utils.translation import gettext_lazy as _

from lms.core.listing import FilteredTableView
from lms.core.rut import format_rut

from .. import selectors
from ..filters import CompletionReportFilter, EnrolmentListFilter
from ..models import Enrolment, LearningPlatform
from ..tables import CompletionReportTable, EnrolmentTable

PLATFORM_LABELS = {value: str(label) for value, label in LearningPlatform.choices}


class ReportView(PermissionRequiredMixin, FilteredTableView):
    permission_required = "courses.view_course_reports"
    raise_exception = True
    template_name = "courses/admin/report.html"
    model = Enrolment
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["header_title"] = self.page_title
        return context


class CompletionReportView(ReportView):
    """Enrolled, in progress, completed, completion rate and average score per group."""

    page_title = _("Informe de cursos")
    export_name = "informe-cursos"
    filterset_class = CompletionReportFilter
    table_class = CompletionReportTable

    def get_queryset(self):
        return Enrolment.objects.order_by("pk")

    @property
    def group(self) -> str:
        group = self.request.GET.get("group") or "service"
        return group if group in selectors.REPORT_GROUPS else "service"

    def get_table_data(self):
        return selectors.completion_report(self.object_list, self.group)

    def get_table_kwargs(self):
        hidden = {"course": ("institution", "service"), "institution": ("service",)}
        return {"exclude": hidden.get(self.group, ())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = selectors.report_totals(self.object_list)
        context["detail_url_name"] = "course_reports:enrolments"
        return context

    def export_rows(self, queryset):
        table = self.get_table_class()(
            selectors.completion_report(queryset, self.group),
            exclude=self.get_table_kwargs()["exclude"],
        )
        values = table.as_values()
        return next(values), values


class EnrolmentListView(ReportView):
    """Every enrolment with its learner; exports stream straight from the database."""

    page_title = _("Inscripciones")
    export_name = "inscripciones"
    filterset_class = EnrolmentListFilter
    table_class = EnrolmentTable
    paginate_by = 25

    def get_queryset(self):
        return Enrolment.objects.select_related(
            "user", "course", "institution", "service"
        ).order_by("-enrolled_at", "-pk")

    def export_rows(self, queryset):
        header = [
            "Apellidos",
            "Nombres",
            "Correo",
            "RUT",
            "Plataforma",
            "Curso",
            "Institución",
            "Servicio",
            "Inscripción",
            "Estado",
            "Última actividad",
            "Puntaje (%)",
            "Completado",
        ]
        rows = (
            queryset.select_related(None)
            .annotate(
                state_label=Case(
                    When(
                        completed_at__isnull=False,
                        then=Value(str(Enrolment.State.COMPLETED.label)),
                    ),
                    When(
                        last_activity_at__isnull=False,
                        then=Value(str(Enrolment.State.IN_PROGRESS.label)),
                    ),
                    default=Value(str(Enrolment.State.NOT_STARTED.label)),
                    output_field=CharField(),
                )
            )
            .order_by("pk")
            .values_list(
                "user__last_name",
                "user__first_name",
                "user__email",
                "user__rut",
                "course__platform",
                "course__title",
                "institution__name",
                "service__name",
                "enrolled_at",
                "state_label",
                "last_activity_at",
                "score",
                "completed_at",
            )
            .iterator(chunk_size=2000)
        )

        def readable():
            for row in rows:
                row = list(row)
                row[3] = format_rut(row[3])
                row[4] = PLATFORM_LABELS.get(row[4], row[4])
                yield row

        return header, readable()
