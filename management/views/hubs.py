"""The Información and Configuración module pages: their sub-modules as cards."""

from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from ..permissions import MANAGE, MINISTRY, READ, READ_SERVICE
from .base import ServiceMixin


class HubView(ServiceMixin, TemplateView):
    template_name = "management/hub.html"
    title = ""
    entries: list[tuple[str, str, str, tuple]] = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["title"] = self.title
        entries = []
        for label, target, text, roles in self.entries:
            if not user.has_role(*roles):
                continue
            name, *args = target.split()
            try:
                url = reverse(name, args=args or None)
            except NoReverseMatch:
                continue  # a module not installed yet
            entries.append({"label": label, "url": url, "text": text})
        context["entries"] = entries
        return context


class InformationView(HubView):
    allowed_roles = READ_SERVICE
    title = "Información"
    entries = [
        (
            "Alcance",
            "management:scope",
            "Año de inicio de la gestión energética y del resto de ítemes de cada unidad.",
            READ_SERVICE,
        ),
        (
            "Información agregada",
            "management:aggregate",
            "Número de colaboradores y de unidades del servicio por año.",
            READ_SERVICE,
        ),
        (
            "Hitos del inventario",
            "management:milestones",
            "Ratificación, inventario preliminar, observaciones e inventario definitivo.",
            READ_SERVICE,
        ),
        (
            "Documentos",
            "management:documents",
            "Comité Estado Verde, política ambiental, procedimientos.",
            READ_SERVICE,
        ),
        (
            "Colaboradores",
            "management:collaborators",
            "Encuesta origen-destino y viajes en avión.",
            READ_SERVICE,
        ),
    ]


class ConfigurationView(HubView):
    allowed_roles = READ
    title = "Configuración"
    entries = [
        ("Usuarios", "management:user-list", "Cuentas y perfiles del servicio.", MANAGE),
        ("Edificios", "management:building-list", "Edificios donde están las unidades.", READ),
        ("Unidades", "management:unit-list", "Inventario de unidades (catastro).", READ),
        (
            "Estado reporte de consumos unidades",
            "management:consumption-status",
            "Unidades sin gestión energética o sin consumos, con su justificación.",
            READ_SERVICE,
        ),
        ("Servicios", "management:service-list", "Servicios e instituciones.", MINISTRY),
        ("Instituciones", "management:institution-list", "Ministerios e instituciones.", MINISTRY),
        (
            "Tipos de uso",
            "management:catalog-list tipos-de-uso",
            "Lista editable de tipos de uso.",
            MINISTRY,
        ),
        (
            "Tipos de propiedad",
            "management:catalog-list tipos-de-propiedad",
            "Lista editable de tipos de propiedad.",
            MINISTRY,
        ),
        ("Hitos", "management:milestone-dashboard", "Tablero de hitos por servicio.", MINISTRY),
    ]
