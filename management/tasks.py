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


@shared_task(
    name="management.process_invitation_upload",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=10,
    max_retries=5,
)
def process_invitation_upload_task(upload_id: int) -> None:
    """Create the invitations of a confirmed list and queue their e-mails (resumable)."""
    from .services.invitations import process_upload

    process_upload(upload_id)


@shared_task(name="management.send_invitation_reminders")
def send_invitation_reminders_task(invitation_ids: list[int]) -> None:
    """Queue the reminder e-mails of invitations already marked as reminded."""
    from .services.invitations import email_reminders

    email_reminders(invitation_ids)


@shared_task(
    name="management.build_list_validation_pdf",
    autoretry_for=(OSError,),
    retry_backoff=10,
    max_retries=5,
)
def build_list_validation_pdf_task(validation_id: int) -> None:
    """File a validated concientized list as a PDF (idempotent)."""
    from .services.collaborators import build_list_pdf

    build_list_pdf(validation_id)


@shared_task(name="management.check_bill_import", acks_late=True)
def check_bill_import_task(import_id: int) -> None:
    """Check every row of an uploaded bill file (rolled back; progress committed)."""
    from .services.bill_import import check_import

    check_import(import_id)


@shared_task(name="management.run_bill_import", acks_late=True)
def run_bill_import_task(import_id: int) -> None:
    """Import a checked bill file in chunks, whole or not at all (resumable)."""
    from .services.bill_import import run_import

    run_import(import_id)


@shared_task(name="management.rebuild_monthly", acks_late=True)
def rebuild_monthly_task(keys: list) -> None:
    """Recompute the monthly consumption of these meters (ids) and of these sources
    bought without a meter ([unit id, source] pairs) from their bills (idempotent)."""
    from .services.monthly import rebuild_series

    rebuild_series(keys)
