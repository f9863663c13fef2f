"""Tables of the management lists (django-tables2); exports reuse their columns."""

import django_tables2 as tables

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from certificates.codes import format_code
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.core.tables import DirectRowsMixin

from .models import Building, Institution, Service, Unit
from .services.scope import unit_flags


def yes_no(value) -> str:
    return _("Sí") if value else _("No")


class BoolColumn(tables.Column):
    """Sí/No with a badge on screen and plain text in exports."""

    def render(self, value):
        css = "badge-ok" if value else "badge-bad"
        return format_html('<span class="badge {}">{}</span>', css, yes_no(value))

    def value(self, value):
        return str(yes_no(value))


class ActionsColumn(tables.Column):
    """Links to act on a row; left out of exports."""

    def __init__(self, links, **kwargs):
        self.links = links
        kwargs.setdefault("verbose_name", _("Acciones"))
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)

    def render(self, record):
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse(url_name, args=[record.pk]), label)
                for url_name, label in self.links
            ),
        )


class UnitTable(DirectRowsMixin, tables.Table):
    address = tables.Column(
        verbose_name=_("Dirección"),
        accessor="building__street",
        order_by=("building__street", "building__number", "floor_summary"),
        linkify=lambda record: record.get_absolute_url(),
    )
    name = tables.Column(verbose_name=_("Unidad"))
    comuna = tables.Column(verbose_name=_("Comuna"), accessor="building__comuna__name")
    # Exported, not shown: the comuna already places the unit on screen.
    region = tables.Column(
        verbose_name=_("Región"),
        accessor="building__comuna__province__region__name",
        order_by=("building__comuna__province__region__position",),
        visible=False,
    )
    floor_summary = tables.Column(verbose_name=_("Pisos"))
    use_type = tables.Column(verbose_name=_("Tipo de uso"), accessor="use_type__name")
    surface_m2 = tables.Column(
        verbose_name=_("Superficie (m²)"), attrs={"td": {"class": "num"}}
    )
    energy_start_year = tables.Column(
        verbose_name=_("Inicio gestión energética"),
        default="—",
        localize=False,
        attrs={"th": {"class": "narrow"}},
    )
    is_active = BoolColumn(verbose_name=_("Activo"))
    actions = ActionsColumn(
        [
            ("management:unit-detail", _("Ver")),
            ("management:unit-update", _("Editar")),
        ]
    )

    class Meta:
        model = Unit
        fields = ()
        sequence = (
            "address",
            "name",
            "comuna",
            "region",
            "floor_summary",
            "use_type",
            "surface_m2",
            "energy_start_year",
            "is_active",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay unidades que coincidan con los filtros.")
        template_name = "django_tables2/direct_rows.html"

    def render_address(self, record):
        return record.building.address

    def value_address(self, record):
        return record.building.address

    # The page's rows are written by row_cells (lms/core/tables.py), the same cells as
    # the columns above (tested); exports go through the view's values() query.
    def row_cells(self, unit):
        building, plain = unit.building, self.plain
        columns = self.columns
        return {
            "address": format_html(
                '<a href="{}">{}</a>', unit.get_absolute_url(), building.address
            ),
            "name": plain(unit.name),
            "comuna": plain(building.comuna.name),
            "region": None,  # export only
            "floor_summary": plain(unit.floor_summary),
            "use_type": plain(unit.use_type.name if unit.use_type_id else None),
            "surface_m2": plain(
                None
                if unit.surface_m2 is None
                else formats.localize(unit.surface_m2, use_l10n=True)
            ),
            "energy_start_year": plain(
                None if unit.energy_start_year is None else str(unit.energy_start_year)
            ),
            "is_active": columns["is_active"].column.render(value=unit.is_active),
            "actions": columns["actions"].column.render(record=unit),
        }


class MyUnitsTable(UnitTable):
    """Mis Unidades: the units a person works on, to open Mi Unidad."""

    actions = ActionsColumn(
        [
            ("management:unit-detail", _("Información general")),
            ("management:unit-sources", _("Energéticos")),
        ]
    )

    class Meta(UnitTable.Meta):
        exclude = ("energy_start_year",)


class BuildingTable(tables.Table):
    address = tables.Column(
        verbose_name=_("Dirección"),
        accessor="street",
        order_by=("street", "number"),
        linkify=lambda record: record.get_absolute_url(),
    )
    comuna = tables.Column(verbose_name=_("Comuna"), accessor="comuna__name")
    province = tables.Column(
        verbose_name=_("Provincia"), accessor="comuna__province__name"
    )
    region = tables.Column(
        verbose_name=_("Región"),
        accessor="comuna__province__region__name",
        order_by=("comuna__province__region__position",),
    )
    unit_count = tables.Column(
        verbose_name=_("Unidades del servicio"), attrs={"td": {"class": "num"}}
    )
    is_active = BoolColumn(verbose_name=_("Activo"))
    actions = ActionsColumn(
        [
            ("management:building-detail", _("Ver")),
            ("management:building-update", _("Editar")),
        ]
    )

    class Meta:
        model = Building
        fields = ()
        sequence = (
            "address",
            "comuna",
            "province",
            "region",
            "unit_count",
            "is_active",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay edificios que coincidan con los filtros.")

    def render_address(self, record):
        return record.address

    def value_address(self, record):
        return record.address


class AccountTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Nombre"),
        accessor="last_name",
        order_by=("last_name", "first_name"),
    )
    email = tables.Column(verbose_name=_("Correo"))
    roles = tables.Column(verbose_name=_("Perfiles"), empty_values=(), orderable=False)
    units = tables.Column(
        verbose_name=_("Unidades asignadas"),
        empty_values=(),
        orderable=False,
        attrs={"td": {"class": "num"}},
    )
    accredited = tables.Column(
        verbose_name=_("Acreditación"),
        accessor="accredited_at",
        default="—",
        orderable=False,
    )
    is_active = BoolColumn(verbose_name=_("Activa"))
    last_login = tables.DateTimeColumn(
        verbose_name=_("Último ingreso"), format="d-m-Y H:i", default="—"
    )
    actions = ActionsColumn(
        [
            ("management:user-update", _("Editar")),
            ("management:user-deactivate", _("Desactivar")),
        ]
    )

    class Meta:
        model = User
        fields = ()
        sequence = (
            "name",
            "email",
            "roles",
            "units",
            "accredited",
            "is_active",
            "last_login",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = _("Este servicio aún no tiene cuentas.")

    def render_accredited(self, record, value):
        """Accredited by a Capacitación course: the date, linked to the certificate."""
        date = formats.date_format(timezone.localtime(value), "d-m-Y")
        code = getattr(record, "accreditation_code", None)
        if not code:
            return format_html(
                '<span class="badge badge-ok">{} {}</span>', _("Sí"), date
            )
        code = format_code(code)
        return format_html(
            '<span class="badge badge-ok">{}</span> <a href="{}" title="{}">{}</a>',
            _("Acreditado"),
            reverse("certificates:verify-code", args=[code]),
            _("Verificar el certificado %(code)s") % {"code": code},
            date,
        )

    def value_accredited(self, record, value):
        if not value:
            return ""
        return formats.date_format(timezone.localtime(value), "d-m-Y")

    def render_name(self, record):
        return record.get_full_name() or "—"

    def value_name(self, record):
        return record.get_full_name()

    def render_roles(self, record):
        return ", ".join(
            sorted(str(Role(m.role).label) for m in record.service_memberships)
        )

    def value_roles(self, record):
        return self.render_roles(record)

    def render_units(self, record):
        return len(record.service_assignments)

    def value_units(self, record):
        return len(record.service_assignments)


class ServiceTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Servicio"), linkify=lambda record: record.get_absolute_url()
    )
    code = tables.Column(verbose_name=_("Código"))
    institution = tables.Column(
        verbose_name=_("Institución"), accessor="institution__name"
    )
    is_pmg = BoolColumn(verbose_name=_("PMG"))
    unit_count = tables.Column(
        verbose_name=_("Unidades activas"), attrs={"td": {"class": "num"}}
    )
    is_active = BoolColumn(verbose_name=_("Activo"))
    actions = ActionsColumn(
        [
            ("management:service-detail", _("Ver")),
            ("management:service-update", _("Editar")),
        ]
    )

    class Meta:
        model = Service
        fields = ()
        sequence = (
            "name",
            "code",
            "institution",
            "is_pmg",
            "unit_count",
            "is_active",
            "actions",
        )
        attrs = {"class": "table"}


class InstitutionTable(tables.Table):
    name = tables.Column(verbose_name=_("Institución"))
    code = tables.Column(verbose_name=_("Código"))
    service_count = tables.Column(
        verbose_name=_("Servicios"), attrs={"td": {"class": "num"}}
    )
    is_active = BoolColumn(verbose_name=_("Activa"))
    actions = ActionsColumn([("management:institution-update", _("Editar"))])

    class Meta:
        model = Institution
        fields = ()
        sequence = ("name", "code", "service_count", "is_active", "actions")
        attrs = {"class": "table"}


class CatalogTable(tables.Table):
    name = tables.Column(verbose_name=_("Nombre"))
    position = tables.Column(verbose_name=_("Orden"))
    unit_count = tables.Column(
        verbose_name=_("Unidades"), attrs={"td": {"class": "num"}}
    )
    is_active = BoolColumn(verbose_name=_("Activo"))
    actions = tables.Column(
        verbose_name=_("Acciones"), empty_values=(), orderable=False
    )

    class Meta:
        fields = ()
        sequence = ("name", "position", "unit_count", "is_active", "actions")
        attrs = {"class": "table"}

    def __init__(self, *args, kind: str = "", **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def render_actions(self, record):
        url = reverse("management:catalog-update", args=[self.kind, record.pk])
        return format_html('<a href="{}">{}</a>', url, _("Editar"))


class MilestoneTable(tables.Table):
    """The ministry's dashboard: one row per service, one column per milestone."""

    name = tables.Column(
        verbose_name=_("Servicio"), linkify=lambda record: record.get_absolute_url()
    )
    active_units = tables.Column(
        verbose_name=_("Unidades activas"),
        attrs={"td": {"class": "num"}, "th": {"class": "narrow"}},
    )
    ratified = BoolColumn(
        verbose_name=_("Hito 1: ratificado"), attrs={"th": {"class": "narrow"}}
    )
    preliminary_sent = BoolColumn(
        verbose_name=_("Hito 2: preliminar enviado"), attrs={"th": {"class": "narrow"}}
    )
    observation_count = tables.Column(
        verbose_name=_("Hito 3: observaciones"),
        attrs={"td": {"class": "num"}, "th": {"class": "narrow"}},
    )
    definitive_frozen = BoolColumn(
        verbose_name=_("Hito 4: definitivo"), attrs={"th": {"class": "narrow"}}
    )

    class Meta:
        model = Service
        fields = ()
        sequence = (
            "name",
            "active_units",
            "ratified",
            "preliminary_sent",
            "observation_count",
            "definitive_frozen",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay servicios.")


class ConsumptionStatusTable(tables.Table):
    """Estado reporte de consumos: active units that will not report, and why."""

    address = tables.Column(
        verbose_name=_("Unidad"),
        accessor="building__street",
        order_by=("building__street", "building__number", "floor_summary"),
        linkify=lambda record: record.get_absolute_url(),
    )
    floor_summary = tables.Column(verbose_name=_("Pisos"))
    reason = tables.Column(
        verbose_name=_("Situación"), empty_values=(), orderable=False
    )
    justification = tables.Column(
        verbose_name=_("Justificación"), empty_values=(), orderable=False
    )
    review = tables.Column(
        verbose_name=_("Revisión de la Red"), empty_values=(), orderable=False
    )
    actions = tables.Column(
        verbose_name=_("Acciones"), empty_values=(), orderable=False
    )

    class Meta:
        model = Unit
        fields = ()
        sequence = (
            "address",
            "floor_summary",
            "reason",
            "justification",
            "review",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = _("Todas las unidades activas reportan consumos este año.")

    def __init__(self, *args, year: int, justifications: dict | None = None, **kwargs):
        self.year = year
        self.justifications = justifications if justifications is not None else {}
        super().__init__(*args, **kwargs)

    def render_address(self, record):
        return f"{record.building.address} – {record.name}"

    def value_address(self, record):
        return self.render_address(record)

    def value_reason(self, record):
        if record.energy_start_year is None:
            return str(_("Sin año de inicio de gestión energética"))
        return str(
            _("Inicia gestión energética en %(y)s") % {"y": record.energy_start_year}
        )

    def render_reason(self, record):
        return self.value_reason(record)

    def value_justification(self, record):
        j = self.justifications.get(record.pk)
        return j.text if j else ""

    def render_justification(self, record):
        j = self.justifications.get(record.pk)
        if j is None:
            return format_html('<span class="badge badge-warn">{}</span>', _("Falta"))
        return j.text

    def value_review(self, record):
        j = self.justifications.get(record.pk)
        return str(j.get_review_status_display()) if j else ""

    def render_review(self, record):
        j = self.justifications.get(record.pk)
        if j is None:
            return "—"
        css = {"validated": "badge-ok", "observed": "badge-bad"}.get(
            j.review_status, ""
        )
        text = format_html(
            '<span class="badge {}">{}</span>', css, j.get_review_status_display()
        )
        if j.review_comment:
            text = format_html("{} {}", text, j.review_comment)
        return text

    def render_actions(self, record):
        url = reverse("management:consumption-justify", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, _("Justificar / revisar"))


class ScopeTable(tables.Table):
    """Alcance: each unit's start years, editable in place, and its derived flags."""

    address = tables.Column(
        verbose_name=_("Dirección"),
        accessor="building__street",
        order_by=("building__street", "building__number", "floor_summary"),
    )
    floor_summary = tables.Column(verbose_name=_("Pisos"))
    energy_start_year = tables.Column(
        verbose_name=_("Año inicio Gestión Energética"), empty_values=()
    )
    other_start_year = tables.Column(
        verbose_name=_("Año inicio resto Ítemes"), empty_values=()
    )
    flags = tables.Column(
        verbose_name=_("Participa en el año"),
        empty_values=(),
        orderable=False,
    )

    class Meta:
        model = Unit
        fields = ()
        sequence = (
            "address",
            "floor_summary",
            "energy_start_year",
            "other_start_year",
            "flags",
        )
        attrs = {"class": "table"}
        empty_text = _("El servicio no tiene unidades activas.")

    def __init__(
        self,
        *args,
        year: int,
        years: list[int],
        editable: bool = False,
        submitted=None,
        errors=None,
        **kwargs,
    ):
        self.year = year
        self.years = years
        self.editable = editable
        self.submitted = submitted or {}
        self.row_errors = errors or {}
        super().__init__(*args, **kwargs)
        self.columns["flags"].column.verbose_name = _("Participa en %(year)s") % {
            "year": year
        }

    def render_address(self, record):
        return format_html(
            '<a href="{}">{}</a><br><span class="small muted">{}, {}</span>',
            record.get_absolute_url(),
            record.building.address,
            record.name,
            record.building.comuna.name,
        )

    def value_address(self, record):
        return f"{record.building.address}, {record.name}"

    def _select(self, record, field):
        name = f"{field}-{record.pk}"
        stored = getattr(record, field)
        chosen = self.submitted.get(name, "" if stored is None else str(stored))
        if not self.editable:
            return chosen or "—"
        years = list(self.years)
        if stored is not None and stored not in years:
            years.insert(0, stored)
        options = [format_html('<option value="">{}</option>', _("— sin definir —"))]
        for y in years:
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    y,
                    " selected" if str(y) == chosen else "",
                    y,
                )
            )
        label = format_html(
            '<label class="visually-hidden" for="id_{}">{} – {}</label>',
            name,
            self.columns[field].column.verbose_name,
            record.building.address,
        )
        errors = self.row_errors.get(name)
        error_html = (
            format_html(
                '<span class="errorlist" id="id_{}_error">{}</span>', name, errors
            )
            if errors
            else ""
        )
        invalid = (
            format_html(' aria-invalid="true" aria-describedby="id_{}_error"', name)
            if errors
            else ""
        )
        return format_html(
            '{}<select name="{}" id="id_{}"{}>{}</select>{}',
            label,
            name,
            name,
            invalid,
            format_html_join("", "{}", ((o,) for o in options)),
            error_html,
        )

    def render_energy_start_year(self, record):
        return self._select(record, "energy_start_year")

    def render_other_start_year(self, record):
        return self._select(record, "other_start_year")

    def value_energy_start_year(self, record):
        return record.energy_start_year

    def value_other_start_year(self, record):
        return record.other_start_year

    def _flags(self, record):
        flags = unit_flags(record, self.year)
        return [
            (_("Gestión energética (RT4)"), flags.reports_energy),
            (_("Indicador de eficiencia"), flags.in_efficiency_indicator),
            (_("Resto de ítemes (RT5–10)"), flags.reports_other_items),
        ]

    def render_flags(self, record):
        hidden = format_html('<input type="hidden" name="unit" value="{}">', record.pk)
        return format_html(
            "{}{}",
            hidden if self.editable else "",
            format_html_join(
                " ",
                '<span class="badge {}">{}: {}</span>',
                (
                    ("badge-ok" if on else "", label, yes_no(on))
                    for label, on in self._flags(record)
                ),
            ),
        )

    def value_flags(self, record):
        return "; ".join(f"{label}: {yes_no(on)}" for label, on in self._flags(record))
