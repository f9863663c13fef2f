"""The Información and Configuración module pages: their sub-modules as cards."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..permissions import (
    ADMIN,
    COLLABORATORS,
    MANAGE,
    MINISTRY,
    READ,
    READ_SERVICE,
    REVIEW,
)
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
    title = _("Información")
    entries = [
        (
            _("Alcance"),
            "management:scope",
            _(
                "Año de inicio de la gestión energética y del resto de ítemes de cada unidad."
            ),
            READ_SERVICE,
        ),
        (
            _("Información agregada"),
            "management:aggregate",
            _("Número de colaboradores y de unidades del servicio por año."),
            READ_SERVICE,
        ),
        (
            _("Hitos del inventario"),
            "management:milestones",
            _(
                "Ratificación, inventario preliminar, observaciones e inventario definitivo."
            ),
            READ_SERVICE,
        ),
        (
            _("Documentos"),
            "management:documents",
            _("Comité Estado Verde, política ambiental, procedimientos."),
            READ_SERVICE,
        ),
        (
            _("Colaboradores concientizados"),
            "management:concientized-list",
            _(
                "Lista automática de quienes aprobaron el curso de Concientización "
                "(O1-RT3), con su indicador, su validación y los gestores acreditados."
            ),
            READ_SERVICE,
        ),
        (
            _("Invitaciones a Concientización"),
            "management:invitations",
            _(
                "Invite a los colaboradores al curso desde una planilla o con sus "
                "correos, vea quién lo aprobó y envíe recordatorios."
            ),
            COLLABORATORS,
        ),
        (
            _("Revisión de listados de concientizados"),
            "management:concientized-validations",
            _("Listados validados por los servicios: validar u observar."),
            REVIEW,
        ),
        (
            _("Colaboradores"),
            "management:collaborators",
            _("Encuesta origen-destino y viajes en avión."),
            READ_SERVICE,
        ),
        (
            _("Avance Estado Verde"),
            "management:ev-completeness",
            _(
                "Qué módulos de Estado Verde están completos, observados o "
                "validados por la Red."
            ),
            READ_SERVICE,
        ),
    ]


class ConfigurationView(HubView):
    allowed_roles = READ
    title = _("Configuración")
    entries = [
        (
            _("Usuarios"),
            "management:user-list",
            _("Cuentas y perfiles del servicio."),
            MANAGE,
        ),
        (
            _("Edificios"),
            "management:building-list",
            _("Edificios donde están las unidades."),
            READ,
        ),
        (
            _("Unidades"),
            "management:unit-list",
            _("Inventario de unidades (catastro)."),
            READ,
        ),
        (
            _("Estado reporte de consumos unidades"),
            "management:consumption-status",
            _("Unidades sin gestión energética o sin consumos, con su justificación."),
            READ_SERVICE,
        ),
        (
            _("Servicios"),
            "management:service-list",
            _("Servicios e instituciones."),
            MINISTRY,
        ),
        (
            _("Instituciones"),
            "management:institution-list",
            _("Ministerios e instituciones."),
            MINISTRY,
        ),
        (
            _("Tipos de uso"),
            "management:catalog-list tipos-de-uso",
            _("Lista editable de tipos de uso."),
            MINISTRY,
        ),
        (
            _("Tipos de propiedad"),
            "management:catalog-list tipos-de-propiedad",
            _("Lista editable de tipos de propiedad."),
            MINISTRY,
        ),
        (
            _("Factores de conversión y de emisión"),
            "management:factor-list",
            _(
                "kWh por unidad de cada energético y factor de emisión del SEN por "
                "año, con su fuente y vigencia."
            ),
            ADMIN,
        ),
        (
            _("Hitos"),
            "management:milestone-dashboard",
            _("Tablero de hitos por servicio."),
            MINISTRY,
        ),
        (
            _("Avance Estado Verde por servicio"),
            "management:ev-completeness-national",
            _("Revisión de la Red de cada módulo de Estado Verde, por servicio."),
            MINISTRY,
        ),
    ]
