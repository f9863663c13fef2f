"""Reminder e-mails to learners who stopped progressing, and the way to turn them off."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.realms import PLATFORMS
from lms.core.mail import queue_email

from .models import Enrolment, LearnerProfile

UNSUBSCRIBE_SALT = "courses.reminders-off"


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user) -> str:
    return settings.SITE_URL + reverse(
        "courses:unsubscribe",
        kwargs={"platform": user.realm, "token": unsubscribe_token(user)},
    )


def _due(now: datetime) -> Q:
    stalled_since = now - timedelta(days=settings.COURSES_REMINDER_AFTER_DAYS)
    last_reminder_before = now - timedelta(days=settings.COURSES_REMINDER_EVERY_DAYS)
    return (
        Q(completed_at__isnull=True)
        & (
            Q(last_activity_at__lte=stalled_since)
            | Q(last_activity_at__isnull=True, enrolled_at__lte=stalled_since)
        )
        & (
            Q(reminder_sent_at__isnull=True)
            | Q(reminder_sent_at__lte=last_reminder_before)
        )
    )


def stalled_enrolments(*, now: datetime | None = None) -> QuerySet:
    """Open enrolments without progress for the configured days, not reminded lately."""
    now = now or timezone.now()
    return (
        Enrolment.objects.filter(_due(now), user__is_active=True, course__live=True)
        .exclude(user__learner_profile__reminders_opt_out=True)
        .order_by("pk")
    )


@transaction.atomic
def send_stall_reminder(*, enrolment_id: int, now: datetime | None = None) -> bool:
    """E-mail one stalled learner, unless another run already did in this period."""
    now = now or timezone.now()
    claimed = Enrolment.objects.filter(_due(now), pk=enrolment_id).update(
        reminder_sent_at=now
    )
    if not claimed:
        return False
    enrolment = Enrolment.objects.select_related("user", "course").get(pk=enrolment_id)
    course, user = enrolment.course, enrolment.user
    platform = PLATFORMS[course.platform]
    queue_email(
        to=[user.email],
        subject=_("Su curso «%(course)s» lo espera") % {"course": course.title},
        template="courses/email/reminder",
        context={
            "user": user,
            "course": course,
            "platform": platform,
            "link": settings.SITE_URL + course.url + "continuar/",
            "unsubscribe_link": unsubscribe_url(user),
            "days": settings.COURSES_REMINDER_AFTER_DAYS,
        },
    )
    return True


def remind_stalled_learners(*, now: datetime | None = None) -> int:
    """Send every due reminder; returns how many were sent."""
    now = now or timezone.now()
    ids = stalled_enrolments(now=now).values_list("pk", flat=True)
    return sum(
        send_stall_reminder(enrolment_id=pk, now=now)
        for pk in ids.iterator(chunk_size=500)
    )


@transaction.atomic
def unsubscribe_reminders(*, token: str) -> LearnerProfile:
    """Turn reminders off for the learner the signed link names."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise ValidationError(
            _("El enlace no es válido. Copie la dirección completa del correo.")
        ) from exc
    profile = LearnerProfile.objects.filter(user_id=user_id).first()
    if profile is None:
        raise ValidationError(_("El enlace no es válido."))
    if not profile.reminders_opt_out:
        profile.reminders_opt_out = True
        profile.save(update_fields=["reminders_opt_out"])
    return profile
