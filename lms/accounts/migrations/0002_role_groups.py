"""Create one group per role; permissions are synced after every migrate."""

from django.db import migrations

ROLE_GROUPS = [
    "Administrador",
    "Revisor de la Red",
    "Gestor de Servicio",
    "Gestor de Unidad",
    "Gestor de Consulta",
    "Encargado Comité Estado Verde",
    "Gestor de Flota",
    "Conductor",
    "Editor",
    "Publicador",
    "Agente de soporte",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
