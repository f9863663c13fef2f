"""Demo unit assignments, loaded after the demo accounts exist."""

from lms.accounts.models import User
from lms.accounts.realms import Realm

from .models import Unit, UnitAssignment

DEMO_GESTOR_UNIDAD = "gestor.unidad@demo.gestionaenergia.example"


def load() -> list[str]:
    user = User.objects.with_email(DEMO_GESTOR_UNIDAD, Realm.GESTION).first()
    if user is None:
        return []
    units = Unit.objects.filter(
        service__code="SUBENERGIA",
        name__in=["Oficinas centrales", "Seremi de Energía Magallanes"],
    )
    for unit in units:
        UnitAssignment.objects.get_or_create(user=user, unit=unit)
    return [
        f"  {user.email} gestiona {units.count()} unidades de la Subsecretaría de Energía."
    ]
