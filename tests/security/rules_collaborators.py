"""Authorization rules of the concientized-collaborator screens (see matrix.py).

The list and the accredited gestores answer the service's readers (each sees the
current service only) and the Red (every service); the national indicator table and
the review of validated lists are the ministry's. Invitations and the validation of
a list belong to those who declare the service's collaborators (Gestor de Servicio,
Encargado Comité, Administrador once a service is chosen).
"""

from tests.security.matrix import OTHER, WORLD_BUILDERS, Rule
from tests.security.rules_management import allow, post_only

SERVICE_AND_RED = (
    "gestor_servicio",
    "gestor_consulta",
    "encargado_comite",
    OTHER,
    "administrador",
    "revisor_red",
)
INVITERS = ("gestor_servicio", "encargado_comite", OTHER)
NATIONAL = ("administrador", "revisor_red")


def collaborators_world(world) -> None:
    """An invitation, a checked upload and a validated list with its PDF (own service)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from management.models import (
        CollaboratorInvitation,
        InvitationUpload,
        ListValidation,
    )

    gestor = world.users["gestor_servicio"]
    world.objects["invitation_upload"] = InvitationUpload.objects.create(
        service=world.own,
        created_by=gestor,
        file_name="lista.csv",
        rows=[{"row": 2, "email": "nueva@example.org"}],
    )
    world.objects["invitation"] = CollaboratorInvitation.objects.create(
        service=world.own, email="invitada@example.org", invited_by=gestor
    )
    validation = ListValidation.objects.create(
        service=world.own,
        year=timezone.localdate().year,
        validated_by=gestor,
        validated_at=timezone.now(),
    )
    validation.pdf.save("lista.pdf", ContentFile(b"%PDF-1.4 lista"), save=True)
    world.objects["list_validation"] = validation


WORLD_BUILDERS.append(collaborators_world)


def of(key):
    return lambda w: {"pk": w.objects[key].pk}


COLLABORATORS_RULES: dict[str, dict[str, Rule]] = {
    "management:concientized-list": {"": Rule(allow(SERVICE_AND_RED))},
    "management:accredited-list": {"": Rule(allow(SERVICE_AND_RED))},
    "management:concientized-indicator": {"": Rule(allow(NATIONAL))},
    "management:concientized-validate": {
        "": Rule(post_only((*INVITERS, "administrador")))
    },
    "management:concientized-validations": {"": Rule(allow(NATIONAL))},
    "management:concientized-review": {
        "": Rule(post_only(NATIONAL), of("list_validation"))
    },
    "management:concientized-validation-pdf": {
        "": Rule(
            allow(
                ("gestor_servicio", "gestor_consulta", "encargado_comite", *NATIONAL),
                other_service=404,
            ),
            of("list_validation"),
        )
    },
    # About the current service: the Administrador first chooses one (404).
    "management:invitations": {"": Rule(allow(INVITERS, administrador=404))},
    "management:invitation-create": {"": Rule(allow(INVITERS, administrador=404))},
    "management:invitation-upload": {
        "": Rule(
            allow(INVITERS, administrador=404, other_service=404),
            of("invitation_upload"),
        )
    },
    "management:invitation-remind-all": {
        "": Rule(post_only((*INVITERS, "administrador")))
    },
    "management:invitation-remind": {
        "": Rule(post_only((*INVITERS, "administrador")), of("invitation"))
    },
}
