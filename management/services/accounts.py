"""Configuración > Usuarios: the accounts of a service, created by its Gestor de Servicio
or by the ministry's Administrador."""

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.accounts.models import Membership, User
from lms.accounts.realms import PLATFORMS, Realm
from lms.accounts.roles import ROLES_A_SERVICE_MANAGER_GRANTS, Role
from lms.accounts.services import add_membership
from lms.core.mail import queue_email

from ..models import Service, Unit, UnitAssignment
from .locks import is_administrator

MANAGER_ROLES = (Role.ADMINISTRADOR, Role.GESTOR_SERVICIO)


def manageable_services(user):
    """Services whose accounts ``user`` may manage."""
    return Service.objects.visible_to(user, roles=MANAGER_ROLES).active()


def grantable_roles(user) -> list[str]:
    """Service roles ``user`` may give: the Administrador also names Gestores de Servicio."""
    roles = list(ROLES_A_SERVICE_MANAGER_GRANTS)
    if is_administrator(user):
        roles.insert(0, Role.GESTOR_SERVICIO)
    return roles


def _check_manager(by, service) -> None:
    if not manageable_services(by).filter(pk=service.pk).exists():
        raise PermissionDenied(
            _("No puede administrar cuentas de un servicio que no gestiona.")
        )


def _check_roles(by, roles: Iterable[str]) -> list[str]:
    allowed = grantable_roles(by)
    roles = [Role(r) for r in roles]
    refused = [r for r in roles if r not in allowed]
    if refused:
        raise PermissionDenied(
            _("No puede asignar el perfil %(role)s.") % {"role": refused[0].label}
        )
    if not roles:
        raise ValidationError(
            {"roles": _("Elija al menos un perfil para la cuenta.")}, code="required"
        )
    return roles


def _set_units(*, by, user, service, units: Iterable[Unit], manages_units: bool):
    units = list(units) if manages_units else []
    if any(u.service_id != service.pk for u in units):
        raise ValidationError(
            {"units": _("Solo puede asignar unidades del mismo servicio.")},
            code="unit_service",
        )
    if manages_units and not units:
        raise ValidationError(
            {"units": _("Un Gestor de Unidad necesita al menos una unidad asignada.")},
            code="units_required",
        )
    wanted = {u.pk for u in units}
    UnitAssignment.objects.filter(user=user, unit__service=service).exclude(
        unit_id__in=wanted
    ).delete()
    have = set(
        UnitAssignment.objects.filter(user=user, unit_id__in=wanted).values_list(
            "unit_id", flat=True
        )
    )
    UnitAssignment.objects.bulk_create(
        UnitAssignment(user=user, unit_id=pk, created_by=by)
        for pk in sorted(wanted - have)
    )


def _set_roles(*, by, user, service, roles: list[str]) -> None:
    manageable = grantable_roles(by)
    Membership.objects.filter(user=user, service=service, role__in=manageable).exclude(
        role__in=roles
    ).delete()
    for role in roles:
        add_membership(user=user, service=service, role=role, created_by=by)
    user.forget_roles()


def password_link(user: User) -> str:
    """A one-day link where the new account chooses its password."""
    return settings.SITE_URL + reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "platform": "gestion",
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _notify(*, user: User, service, roles: list[str], new: bool) -> None:
    platform = PLATFORMS["gestion"]
    context = {
        "user": user,
        "service": service,
        "roles": [Role(r).label for r in roles],
        "platform": platform,
        "login_url": settings.SITE_URL
        + reverse("accounts:login", kwargs={"platform": "gestion"}),
        "reset_url": settings.SITE_URL
        + reverse("accounts:password-reset", kwargs={"platform": "gestion"}),
    }
    if new:
        context["link"] = password_link(user)
        subject = _("Su cuenta en la Plataforma de Gestión – %(service)s")
        template = "management/email/account_created"
    else:
        subject = _("Nuevos perfiles en la Plataforma de Gestión – %(service)s")
        template = "management/email/account_added"
    queue_email(
        to=[user.email],
        subject=subject % {"service": service.name},
        template=template,
        context=context,
    )


@transaction.atomic
def create_service_account(
    *,
    by,
    service: Service,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[str],
    units: Iterable[Unit] = (),
    rut: str = "",
    phone: str = "",
) -> tuple[User, bool]:
    """Give ``email`` the roles in ``service``; create the account when it is new.

    Returns (user, created). A new account gets an e-mail with a link to choose its
    password; it enrols two-factor at its first login. An existing Gestión account
    (of another service, perhaps) only gains the roles: its own data stay as they are.
    """
    _check_manager(by, service)
    roles = _check_roles(by, roles)
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.with_email(email, Realm.GESTION).select_for_update().first()
    created = user is None
    if created:
        user = User(
            email=email,
            realm=Realm.GESTION,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            rut=rut,
            phone=phone.strip(),
        )
        # A random password nobody knows: the e-mailed link sets the real one, and
        # "¿Olvidó su contraseña?" still works if that link expires.
        user.set_password(secrets.token_urlsafe(32))
        user.full_clean()
        user.save()
    elif not user.is_active:
        user.is_active = True
        user.deactivated_at = None
        user.deactivation_reason = ""
        user.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
        created = True
    _set_roles(by=by, user=user, service=service, roles=roles)
    _set_units(
        by=by,
        user=user,
        service=service,
        units=units,
        manages_units=Role.GESTOR_UNIDAD in roles,
    )
    _notify(user=user, service=service, roles=roles, new=created)
    return user, created


def may_edit_personal_data(by, user: User) -> bool:
    """Only someone who manages every service of the account edits its name or RUT."""
    if is_administrator(by):
        return True
    theirs = set(user.memberships.values_list("service_id", flat=True))
    mine = set(manageable_services(by).values_list("pk", flat=True))
    return theirs <= mine


@transaction.atomic
def update_service_account(
    *,
    by,
    user: User,
    service: Service,
    roles: Iterable[str],
    units: Iterable[Unit] = (),
    **personal,
) -> User:
    """Change an account's roles and units in ``service`` (and its data, when allowed)."""
    _check_manager(by, service)
    roles = _check_roles(by, roles)
    if personal and may_edit_personal_data(by, user):
        for name in ("first_name", "last_name", "rut", "phone"):
            if name in personal:
                setattr(user, name, (personal[name] or "").strip())
        user.save(update_fields=["first_name", "last_name", "rut", "phone"])
    _set_roles(by=by, user=user, service=service, roles=roles)
    _set_units(
        by=by,
        user=user,
        service=service,
        units=units,
        manages_units=Role.GESTOR_UNIDAD in roles,
    )
    return user


@transaction.atomic
def deactivate_service_account(
    *, by, user: User, service: Service, reason: str
) -> User:
    """Take the account out of ``service``; it is deactivated when nothing is left."""
    _check_manager(by, service)
    if user.pk == by.pk:
        raise ValidationError(_("No puede desactivar su propia cuenta."), code="self")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Indique el motivo de la desactivación.")}, code="required"
        )
    manageable = grantable_roles(by)
    if (
        Membership.objects.filter(user=user, service=service)
        .exclude(role__in=manageable)
        .exists()
    ):
        raise PermissionDenied(
            _("Solo el Administrador puede desactivar a un Gestor de Servicio.")
        )
    Membership.objects.filter(user=user, service=service).delete()
    UnitAssignment.objects.filter(user=user, unit__service=service).delete()
    user.forget_roles()
    if not user.memberships.exists() and not user.staff_roles():
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.deactivation_reason = reason[:255]
        user.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
    return user
