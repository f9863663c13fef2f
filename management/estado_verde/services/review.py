"""The Red's review of a module per service and year, and the service's answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from management.models import ReviewStatus

from ..models import ModuleReview


@transaction.atomic
def review_module(
    *, service, year: int, module: str, user, validated: bool, comment: str = ""
) -> ModuleReview:
    """Validado, or Observado with a comment saying what to fix."""
    comment = (comment or "").strip()
    if not validated and not comment:
        raise ValidationError(
            {"comment": _("Diga al servicio qué debe corregir para observar.")}
        )
    review, _created = ModuleReview.objects.select_for_update().get_or_create(
        service=service, year=year, module=module
    )
    review.status = ReviewStatus.VALIDATED if validated else ReviewStatus.OBSERVED
    review.comment = comment
    review.reviewed_by = user
    review.reviewed_at = timezone.now()
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def answer_review(*, review: ModuleReview, user, answer: str) -> ModuleReview:
    """The service answers an observation; the module goes back to the Red's queue."""
    answer = (answer or "").strip()
    if review.status != ReviewStatus.OBSERVED:
        raise ValidationError(
            {"answer": _("Solo se responde un módulo observado por la Red.")}
        )
    if not answer:
        raise ValidationError({"answer": _("Escriba su respuesta a la observación.")})
    review.answer = answer
    review.answered_by = user
    review.answered_at = timezone.now()
    review.status = ReviewStatus.PENDING
    review.save()
    return review
