"""Learner accounts of the course platforms: registration confirmed by an e-mailed link.

Nothing here tells a visitor whether an e-mail already has an account: the answer
on screen is always "revise su correo", and the owner of an existing account gets an
e-mail saying so instead of a confirmation link.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.realms import Platform
from lms.core.mail import queue_email
from management.models import Service

from .models import LearnerProfile

CONFIRM_SALT = "courses.confirm-email"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60
# A new confirmation (or "you already have an account") e-mail at most this often.
RESEND_INTERVAL = timedelta(minutes=5)


def _fingerprint(user: User, profile: LearnerProfile) -> str:
    # Changes once the account is confirmed, so a link works only once. A pending
    # registration sent again keeps its earlier link valid (it activates the newest data).
    value = f"{user.pk}|{user.email}|{profile.email_confirmed_at}"
    return salted_hmac(CONFIRM_SALT, value).hexdigest()[:24]


def confirmation_token(user: User) -> str:
    return signing.dumps(
        {"u": user.pk, "f": _fingerprint(user, user.learner_profile)}, salt=CONFIRM_SALT
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _send_confirmation(user: User, profile: LearnerProfile, platform: Platform) -> None:
    link = _absolute(
        reverse(
            "courses:confirm",
            kwargs={"platform": platform.slug, "token": confirmation_token(user)},
        )
    )
    queue_email(
        to=[user.email],
        subject=_("Confirme su correo – %(platform)s") % {"platform": platform.name},
        template="courses/email/confirm",
        context={
            "user": user,
            "platform": platform,
            "link": link,
            "days": CONFIRM_MAX_AGE // 86400,
        },
    )
    profile.confirmation_sent_at = timezone.now()
    profile.save(update_fields=["confirmation_sent_at"])


def _send_already_registered(user: User, platform: Platform) -> None:
    if not cache.add(
        f"courses:already-registered:{user.pk}", 1, RESEND_INTERVAL.total_seconds()
    ):
        return
    queue_email(
        to=[user.email],
        subject=_("Ya tiene una cuenta – %(platform)s") % {"platform": platform.name},
        template="courses/email/already_registered",
        context={
            "user": user,
            "platform": platform,
            "login_link": _absolute(
                reverse("accounts:login", kwargs={"platform": platform.slug})
            ),
            "reset_link": _absolute(
                reverse("accounts:password-reset", kwargs={"platform": platform.slug})
            ),
        },
    )


def _recently_sent(profile: LearnerProfile) -> bool:
    sent = profile.confirmation_sent_at
    return sent is not None and timezone.now() - sent < RESEND_INTERVAL


@transaction.atomic
def register_learner(
    *,
    platform: Platform,
    first_name: str,
    last_name: str,
    email: str,
    rut: str,
    service: Service,
    password: str,
) -> User | None:
    """Create an inactive account of the platform and e-mail its confirmation link.

    Returns None when the e-mail already holds a confirmed account of the platform
    (its owner is told by e-mail, the visitor is not).
    """
    email = User.objects.normalize_email(email).strip().lower()
    now = timezone.now()
    user = (
        User.objects.with_email(email, platform.realm)
        .select_related("learner_profile")
        .first()
    )
    profile = getattr(user, "learner_profile", None) if user else None
    if user is not None and (profile is None or profile.email_confirmed_at):
        _send_already_registered(user, platform)
        return None
    if user is None:
        user = User(email=email, realm=platform.realm, is_active=False)
    # A pending registration of the same e-mail is replaced by the newest one.
    user.first_name, user.last_name, user.rut = first_name, last_name, rut
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return None  # the same e-mail registered at this very moment
    if profile is None:
        profile = LearnerProfile(user=user)
    profile.institution_id = service.institution_id
    profile.service = service
    profile.privacy_accepted_at = now
    throttled = _recently_sent(profile)
    profile.save()
    if not throttled:
        _send_confirmation(user, profile, platform)
    return user


@transaction.atomic
def confirm_learner(*, platform: Platform, token: str) -> User:
    """Activate the account a confirmation link was sent for (once)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("El enlace venció. Pida uno nuevo con su correo."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(
            _("El enlace no es válido. Copie la dirección completa del correo."),
            code="invalid",
        ) from exc
    profile = (
        LearnerProfile.objects.select_for_update()
        .select_related("user")
        .filter(user_id=data.get("u"), user__realm=platform.realm)
        .first()
    )
    if (
        profile is None
        or profile.email_confirmed_at is not None
        or not constant_time_compare(
            str(data.get("f")), _fingerprint(profile.user, profile)
        )
    ):
        raise ValidationError(
            _(
                "Este enlace ya fue usado. Si ya activó su cuenta, ingrese con su "
                "correo y contraseña."
            ),
            code="used",
        )
    user = profile.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    profile.email_confirmed_at = timezone.now()
    profile.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def resend_confirmation(*, platform: Platform, email: str) -> None:
    """Send a new link to a pending registration; silent for anything else."""
    profile = (
        LearnerProfile.objects.select_for_update()
        .select_related("user")
        .filter(
            user__realm=platform.realm,
            user__email__iexact=email.strip(),
            email_confirmed_at__isnull=True,
        )
        .first()
    )
    if profile is not None and not _recently_sent(profile):
        _send_confirmation(profile.user, profile, platform)
