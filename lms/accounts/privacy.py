"""A person's own data: download it, or have the account erased.

Each app that keeps personal data contributes a section to the download and a step to
the erasure through the explicit lists below (dotted paths to functions taking
``user=``), so erasing an account reaches every table that names the person.

Erasure anonymises rather than deletes: enrolments, scores and certificates stay for
the services' statistics and for anyone who holds a certificate to verify it, but the
name, RUT, e-mail and phone are gone; certificates then verify with the name withheld.
"""

from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import User
from .security import record_event

DATA_EXPORTERS: list[str] = [
    "courses.privacy.export_learner_data",
    "certificates.privacy.export_certificates",
    "management.services.collaborators.export_collaborator_data",
]
ERASURE_HANDLERS: list[str] = [
    "courses.privacy.erase_learner_data",
    "certificates.privacy.withhold_name",
    "management.services.collaborators.withhold_identity",
]


def export_personal_data(*, user: User) -> dict:
    """Everything the platform keeps about ``user``, as JSON-ready data."""
    data = {
        "cuenta": {
            "plataforma": user.get_realm_display(),
            "correo": user.email,
            "nombres": user.first_name,
            "apellidos": user.last_name,
            "rut": user.rut,
            "telefono": user.phone,
            "alta": user.date_joined.isoformat(),
            "ultimo_ingreso": user.last_login.isoformat() if user.last_login else None,
        }
    }
    for path in DATA_EXPORTERS:
        data.update(import_string(path)(user=user))
    return data


@transaction.atomic
def erase_account(*, user: User, request=None) -> User:
    """Remove the person's identity from the account and everything linked to it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    for path in ERASURE_HANDLERS:
        import_string(path)(user=user)
    user.email = f"cuenta-eliminada-{user.pk}@eliminada.invalid"
    user.first_name = user.last_name = user.rut = user.phone = ""
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.deactivation_reason = "Eliminada a petición del titular"
    user.set_unusable_password()
    user.save()
    user.totpdevice_set.all().delete()
    user.staticdevice_set.all().delete()
    record_event(kind="account_erased", request=request, user=user)
    if request is not None:
        logout(request)
    return user
