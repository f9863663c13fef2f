"""Staff work in the Wagtail admin (two-factor applies): search, revoke, re-issue, ZIPs."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.core.listing import FilteredTableView
from lms.core.rut import format_rut

from .. import selectors, services
from ..codes import normalize_code
from ..filters import CertificateFilter
from ..forms import ArchiveForm, ReasonForm
from ..models import Certificate, CertificateArchive
from ..tables import CertificateTable
from .learner import pdf_response

VIEW_PERMISSION = "certificates.view_certificate"
ARCHIVE_FILTERS = ("course", "service", "completed_from", "completed_to")


class StaffRequiredMixin:
    """Only staff holding ``permission``; Wagtail turns the 403 into its own notice."""

    permission = VIEW_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _breadcrumbs(*items):
    return [{"url": reverse("wagtailadmin_home"), "label": _("Inicio")}, *items]


def _certificates_crumb():
    return {"url": reverse("certificates_admin:index"), "label": _("Certificados")}


class CertificateListView(
    StaffRequiredMixin, WagtailAdminTemplateMixin, FilteredTableView
):
    """Every certificate, searchable by code, name or RUT, exportable."""

    template_name = "certificates/admin/list.html"
    filterset_class = CertificateFilter
    table_class = CertificateTable
    page_title = gettext_lazy("Certificados")
    export_name = "certificados"
    header_icon = "doc-full"

    def get_queryset(self):
        return selectors.staff_certificates()

    def get_breadcrumbs_items(self):
        return _breadcrumbs({"label": _("Certificados")})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        archive_query = {k: query[k] for k in ARCHIVE_FILTERS if query.get(k)}
        context["archive_url"] = reverse("certificate_archives:index")
        if archive_query:
            context["archive_url"] += "?" + urlencode(archive_query)
        context["can_archive"] = self.request.user.has_perm(services.ARCHIVE_PERMISSION)
        return context

    def export_rows(self, queryset):
        header = [
            "Código",
            "Apellidos",
            "Nombres",
            "RUT",
            "Curso",
            "Plataforma",
            "Horas",
            "Institución",
            "Servicio",
            "Puntaje (%)",
            "Aprobado",
            "Emitido",
            "Estado",
            "Revocado",
            "Motivo de revocación",
        ]
        labels = dict(Certificate._meta.get_field("platform").choices)
        rows = (
            queryset.select_related(None)
            .order_by("pk")
            .values_list(
                "code",
                "last_name",
                "first_name",
                "rut",
                "course_title",
                "platform",
                "hours",
                "institution_name",
                "service_name",
                "score",
                "completed_at",
                "issued_at",
                "revoked_at",
                "revocation_reason",
            )
            .iterator(chunk_size=2000)
        )

        def readable():
            for row in rows:
                (code, last, first, rut, course, platform, *middle) = row
                *middle, revoked_at, reason = middle
                yield [
                    Certificate(code=code).display_code,
                    last,
                    first,
                    format_rut(rut),
                    course,
                    str(labels.get(platform, platform)),
                    *middle,
                    "Revocado" if revoked_at else "Vigente",
                    revoked_at,
                    reason,
                ]

        return header, readable()


class CertificateDetailView(
    StaffRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    """One certificate: what it says, its history, its PDF, and revoke / re-issue."""

    template_name = "certificates/admin/detail.html"
    header_icon = "doc-full"
    actions = ("revoke", "reissue")

    @cached_property
    def certificate(self) -> Certificate:
        code = normalize_code(self.kwargs["code"])
        if code is None:
            raise Http404
        return get_object_or_404(
            Certificate.objects.select_related(
                "replaces", "replaced_by", "revoked_by", "issued_by", "template"
            ),
            code=code,
        )

    def get_page_title(self):
        return _("Certificado %(code)s") % {"code": self.certificate.display_code}

    def get_breadcrumbs_items(self):
        return _breadcrumbs(
            _certificates_crumb(), {"label": self.certificate.display_code}
        )

    def get_context_data(self, **kwargs):
        certificate = self.certificate
        can_revoke = self.request.user.has_perm(services.REVOKE_PERMISSION)
        replaced = hasattr(certificate, "replaced_by")
        kwargs.setdefault("revoke_form", ReasonForm(prefix="revoke"))
        kwargs.setdefault("reissue_form", ReasonForm(prefix="reissue"))
        return super().get_context_data(
            certificate=certificate,
            rut=format_rut(certificate.rut),
            can_revoke=can_revoke and not certificate.is_revoked,
            can_reissue=can_revoke and not replaced,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(services.REVOKE_PERMISSION):
            raise PermissionDenied
        action = request.POST.get("action")
        if action not in self.actions:
            raise Http404
        form = ReasonForm(request.POST, prefix=action)
        if form.is_valid():
            try:
                result = self.perform(action, form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("certificates_admin:detail", result.display_code)
        context = self.get_context_data(**{f"{action}_form": form})
        return self.render_to_response(context)

    def perform(self, action: str, reason: str) -> Certificate:
        user, certificate = self.request.user, self.certificate
        if action == "revoke":
            services.revoke_certificate(certificate=certificate, by=user, reason=reason)
            messages.success(
                self.request,
                _("El certificado %(code)s quedó revocado.")
                % {"code": certificate.display_code},
            )
            return certificate
        new = services.reissue_certificate(
            certificate=certificate, by=user, reason=reason
        )
        messages.success(
            self.request,
            _("Se emitió el certificado %(new)s, que reemplaza a %(old)s.")
            % {"new": new.display_code, "old": certificate.display_code},
        )
        return new


class CertificatePDFView(StaffRequiredMixin, View):
    """The certificate's PDF, for staff (revoked ones too, as issued)."""

    def get(self, request, code):
        code = normalize_code(code)
        if code is None:
            raise Http404
        certificate = get_object_or_404(Certificate, code=code)
        data = services.certificate_pdf(certificate=certificate)
        return pdf_response(data, certificate.filename)


class ArchiveListView(StaffRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The staff member's bulk downloads, their progress, and a form for a new one."""

    permission = services.ARCHIVE_PERMISSION
    template_name = "certificates/admin/archives.html"
    header_icon = "download"
    page_title = gettext_lazy("Descargas masivas de certificados")
    per_page = 20

    def get_breadcrumbs_items(self):
        return _breadcrumbs({"label": _("Descargas masivas")})

    def get_context_data(self, **kwargs):
        archives = CertificateArchive.objects.filter(
            requested_by=self.request.user
        ).select_related("course", "service")
        page = Paginator(archives, self.per_page).get_page(self.request.GET.get("page"))
        if "form" not in kwargs:
            initial = {
                k: self.request.GET[k]
                for k in ARCHIVE_FILTERS
                if self.request.GET.get(k)
            }
            kwargs["form"] = ArchiveForm(initial=initial)
        return super().get_context_data(
            page=page,
            archives=page.object_list,
            working=any(archive.is_active for archive in page.object_list),
            keep_days=services.ARCHIVE_KEEP_DAYS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ArchiveForm(request.POST)
        if form.is_valid():
            try:
                services.request_archive(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "La descarga quedó en preparación; esta página muestra su avance."
                    ),
                )
                return redirect("certificate_archives:index")
        return self.render_to_response(self.get_context_data(form=form))


class ArchiveDownloadView(StaffRequiredMixin, View):
    """A finished ZIP, only for whoever asked for it."""

    permission = services.ARCHIVE_PERMISSION

    def get(self, request, pk):
        archive = get_object_or_404(
            CertificateArchive,
            pk=pk,
            requested_by=request.user,
            status=CertificateArchive.Status.READY,
        )
        return FileResponse(
            archive.file.open("rb"),
            as_attachment=True,
            filename=archive.filename,
            content_type="application/zip",
        )
