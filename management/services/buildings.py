"""Writes on buildings."""

from django.db import transaction

from ..models import Building


@transaction.atomic
def create_building(*, service, street: str, number: str, comuna, **fields) -> Building:
    """Register a building for ``service`` (other services may add units to it later)."""
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
    for name, value in fields.items():
        setattr(building, name, value.strip() if isinstance(value, str) else value)
    building.full_clean()
    building.save()
    return building
