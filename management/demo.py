"""Demo catalog: one real institution and service (public names)."""

from .models import Institution, Service


def load() -> list[str]:
    institution, _ = Institution.objects.update_or_create(
        code="MINENERGIA", defaults={"name": "Ministerio de Energía"}
    )
    Service.objects.update_or_create(
        code="SUBENERGIA",
        defaults={
            "name": "Subsecretaría de Energía",
            "institution": institution,
            "is_pmg": True,
        },
    )
    return []


def demo_service() -> Service:
    return Service.objects.get(code="SUBENERGIA")
