"""Ministry catalogs: services, institutions, tipos de uso and tipos de propiedad."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView

from lms.accounts.models import Membership
from lms.accounts.roles import Role
from lms.core.listing import FilteredTableView

from ..filters import NameFilter, ServiceFilter
from ..forms import CatalogForm, InstitutionForm, ServiceForm
from ..history import history_entries
from ..models import Institution, PropertyType, Service, UseType
from ..permissions import ADMIN, MINISTRY, READ_SERVICE
from ..tables import CatalogTable, InstitutionTable, ServiceTable
from .base import GestionMixin


class ServiceListView(GestionMixin, FilteredTableView):
    allowed_roles = MINISTRY
    table_class = ServiceTable
    filterset_class = ServiceFilter
    page_title = gettext_lazy("Servicios")
    template_name = "management/service_list.html"

    def get_queryset(self):
        return (
            Service.objects.visible_to(self.request.user, roles=MINISTRY)
            .select_related("institution")
            .annotate(unit_count=Count("units", filter=Q(units__is_active=True)))
            .order_by("name")
        )


class ServiceDetailView(GestionMixin, DetailView):
    allowed_roles = READ_SERVICE
    template_name = "management/service_detail.html"
    context_object_name = "object"

    def get_queryset(self):
        return Service.objects.visible_to(
            self.request.user, roles=READ_SERVICE
        ).select_related("institution")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = history_entries(self.object)
        context["managers"] = (
            Membership.objects.filter(service=self.object, role=Role.GESTOR_SERVICIO)
            .select_related("user")
            .order_by("user__last_name")
        )
        return context


class AdminFormView(GestionMixin, TemplateView):
    """Create or edit one catalog row (Administrador only)."""

    allowed_roles = ADMIN
    template_name = "management/simple_form.html"
    form_class = None
    model = None
    title = ""
    success_url = ""

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.model, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        form = self.form_class(instance=self.get_object())
        return self.render_to_response(
            self.get_context_data(form=form, title=self.title)
        )

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.form_class(request.POST, instance=obj)
        if form.is_valid():
            with transaction.atomic():
                instance = form.save(commit=False)
                instance._history_user = request.user
                instance.save()
            messages.success(request, _("Cambios guardados."))
            return redirect(self.success_url)
        return self.render_to_response(
            self.get_context_data(form=form, title=self.title)
        )


class ServiceCreateView(AdminFormView):
    form_class = ServiceForm
    model = Service
    title = gettext_lazy("Nuevo servicio")
    success_url = "management:service-list"


class ServiceUpdateView(ServiceCreateView):
    title = gettext_lazy("Editar servicio")


class InstitutionListView(GestionMixin, FilteredTableView):
    allowed_roles = MINISTRY
    table_class = InstitutionTable
    filterset_class = NameFilter
    page_title = gettext_lazy("Instituciones")
    template_name = "management/institution_list.html"

    def get_filterset_class(self):
        class Filter(NameFilter):
            class Meta:
                model = Institution
                fields = ["q"]

        return Filter

    def get_queryset(self):
        return Institution.objects.annotate(service_count=Count("services")).order_by(
            "name"
        )


class InstitutionCreateView(AdminFormView):
    form_class = InstitutionForm
    model = Institution
    title = gettext_lazy("Nueva institución")
    success_url = "management:institution-list"


class InstitutionUpdateView(InstitutionCreateView):
    title = gettext_lazy("Editar institución")


CATALOGS = {
    "tipos-de-uso": (UseType, gettext_lazy("Tipos de uso")),
    "tipos-de-propiedad": (PropertyType, gettext_lazy("Tipos de propiedad")),
}


class CatalogMixin:
    def catalog(self):
        try:
            return CATALOGS[self.kwargs["kind"]]
        except KeyError as exc:
            raise Http404 from exc


class CatalogListView(CatalogMixin, GestionMixin, FilteredTableView):
    allowed_roles = MINISTRY
    table_class = CatalogTable
    template_name = "management/catalog_list.html"

    def get_filterset_class(self):
        model, _title = self.catalog()

        class Filter(NameFilter):
            class Meta:
                fields = ["q"]

        Filter._meta.model = model
        return Filter

    def get_queryset(self):
        model, _title = self.catalog()
        return model.objects.annotate(unit_count=Count("units")).order_by(
            "position", "name"
        )

    def get_table_kwargs(self):
        return {"kind": self.kwargs["kind"]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.catalog()[1]
        context["kind"] = self.kwargs["kind"]
        return context

    @property
    def page_title(self):
        return self.catalog()[1]


class CatalogFormView(CatalogMixin, GestionMixin, TemplateView):
    allowed_roles = ADMIN
    template_name = "management/simple_form.html"

    def get_object(self):
        model, _title = self.catalog()
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(model, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        initial = (
            {"name": obj.name, "position": obj.position, "is_active": obj.is_active}
            if obj
            else None
        )
        return self.render_to_response(
            self.get_context_data(
                form=CatalogForm(initial=initial), title=self.catalog()[1]
            )
        )

    def post(self, request, *args, **kwargs):
        model, title = self.catalog()
        obj = self.get_object()
        form = CatalogForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["name"].strip()
            clash = model.objects.filter(name__iexact=name).exclude(
                pk=getattr(obj, "pk", None)
            )
            if clash.exists():
                form.add_error("name", _("Ya existe una entrada con ese nombre."))
            else:
                obj = obj or model()
                obj.name = name
                obj.position = form.cleaned_data["position"] or 0
                obj.is_active = form.cleaned_data["is_active"]
                obj.save()
                messages.success(request, _("Cambios guardados."))
                return redirect("management:catalog-list", kind=self.kwargs["kind"])
        return self.render_to_response(self.get_context_data(form=form, title=title))
