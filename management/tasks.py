"""Background work of the management platform."""

from celery import shared_task

from .services.milestones import build_inventory_snapshot


@shared_task(
    name="management.build_inventory_snapshot",
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def build_inventory_snapshot_task(service_id: int, year: int, kind: str) -> None:
    """Build, store and e-mail one service's inventory of ``year`` (idempotent)."""
    build_inventory_snapshot(service_id=service_id, year=year, kind=kind)
