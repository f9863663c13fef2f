"""Writes on buildings."""

from django.db import transaction

from ..models import Building, BuildingComplex


def _named_complex(service, fields: dict) -> None:
    """A name in ``complex_name`` becomes (or finds) a complex of the service."""
    name = (fields.pop("complex_name", "") or "").strip()
    if name and not fields.get("complex"):
        fields["complex"], _created = BuildingComplex.objects.get_or_create(
            service=service, name=name
        )


@transaction.atomic
def create_building(*, service, street: str, number: str, comuna, **fields) -> Building:
    """Register a building for ``service`` (other services may add units to it later)."""
    _named_complex(service, fields)
    building = Building(
        service=service, street=street.strip(), number=number.strip(), comuna=comuna
    )
    for name, value in fields.items():
        setattr(building, name, value)
    building.full_clean()
    building.save()
    return building


@transaction.atomic
def update_building(*, building: Building, **fields) -> Building:
    """Change a building's address, coordinates or complex."""
    _named_complex(building.service, fields)
    for name, value in fields.items():
        setattr(building, name, value.strip() if isinstance(value, str) else value)
    building.full_clean()
    building.save()
    return building
