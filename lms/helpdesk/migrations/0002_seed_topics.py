"""The original help desk's 19 topics, each routed to a team (editable afterwards)."""

from django.db import migrations
from django.utils.text import slugify

TEAMS = {
    "gestion": "Gestión de la energía",
    "estado_verde": "Sistema Estado Verde",
    "formacion": "Capacitación y concientización",
    "cuentas": "Cuentas y coordinación",
}

# (name, team, response hours) in the order of the original form.
TOPICS = [
    ("Gestión de compras sustentables", "estado_verde", 72),
    ("Registro de Boletas (consumos)", "gestion", 48),
    ("Constitución de Comité Estado Verde", "estado_verde", 72),
    ("Formulación Política Ambiental", "estado_verde", 72),
    ("Actividades de concientización", "formacion", 72),
    ("Gestión de Vehículos", "estado_verde", 72),
    ("Traslados de personas", "estado_verde", 72),
    ("Gestión del papel", "estado_verde", 72),
    ("Gestión hídrica", "estado_verde", 72),
    ("Gestión de los residuos", "estado_verde", 72),
    ("Gestión de bienes muebles", "estado_verde", 72),
    ("Diseño Pasivo", "gestion", 72),
    ("Apoyo capacitación presencial", "formacion", 72),
    ("Validación de consumos", "gestion", 48),
    ("Nuevo Gestor Energético", "cuentas", 48),
    ("Cambio de Medidor", "gestion", 48),
    ("Registro/edición edificios", "gestion", 48),
    ("Solicitud de reunión", "cuentas", 72),
    ("Acceso a Aula Virtual", "formacion", 24),
]


def seed(apps, schema_editor):
    Team = apps.get_model("helpdesk", "Team")
    HelpTopic = apps.get_model("helpdesk", "HelpTopic")
    teams = {
        key: Team.objects.get_or_create(name=name)[0] for key, name in TEAMS.items()
    }
    for order, (name, team, hours) in enumerate(TOPICS, start=1):
        HelpTopic.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "team": teams[team],
                "response_hours": hours,
                "sort_order": order * 10,
            },
        )


def unseed(apps, schema_editor):
    HelpTopic = apps.get_model("helpdesk", "HelpTopic")
    HelpTopic.objects.filter(slug__in=[slugify(t[0]) for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
