"""Users of every platform, one table with a realm, and their memberships of services."""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .realms import Realm
from .roles import NATIONAL_ROLES, SERVICE_ROLES, Role, group_name


class UserQuerySet(models.QuerySet):
    def in_realm(self, realm: str):
        return self.filter(realm=realm)

    def with_email(self, email: str, realm: str):
        return self.filter(realm=realm, email__iexact=email.strip())


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # The natural key of the default realm keeps createsuperuser and Wagtail working.
        return self.get(realm=Realm.GESTION, email__iexact=username)

    def _create_user(self, email, password, realm, **extra_fields):
        if not email:
            raise ValueError("An e-mail is required.")
        user = self.model(
            email=self.normalize_email(email).lower(), realm=realm, **extra_fields
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, realm=Realm.GESTION, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, realm, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, Realm.GESTION, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account on one platform realm; the same e-mail may hold one account per realm."""

    realm = models.CharField(
        _("plataforma"), max_length=20, choices=Realm.choices, default=Realm.GESTION
    )
    email = models.EmailField(_("correo electrónico"), max_length=254)
    first_name = models.CharField(_("nombres"), max_length=150, blank=True)
    last_name = models.CharField(_("apellidos"), max_length=150, blank=True)
    rut = models.CharField(
        _("RUT"),
        max_length=12,
        blank=True,
        help_text=_("Normalizado sin puntos, con guion: 12345678-5."),
    )
    phone = models.CharField(_("teléfono"), max_length=30, blank=True)
    is_staff = models.BooleanField(
        _("personal del ministerio"),
        default=False,
        help_text=_("Puede entrar al administrador del sitio."),
    )
    is_active = models.BooleanField(_("activo"), default=True)
    date_joined = models.DateTimeField(_("fecha de alta"), default=timezone.now)
    deactivated_at = models.DateTimeField(_("desactivado el"), null=True, blank=True)
    deactivation_reason = models.CharField(
        _("motivo de desactivación"), max_length=255, blank=True
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    # Not unique on its own: unique per realm (see Meta), checked by RealmBackend.
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "realm", name="accounts_user_email_unique_per_realm"
            ),
            models.CheckConstraint(
                condition=models.Q(realm__in=Realm.values),
                name="accounts_user_realm_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["realm", "rut"], name="accounts_user_realm_rut")
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def is_learner(self) -> bool:
        return self.realm != Realm.GESTION

    @property
    def requires_two_factor(self) -> bool:
        """Gestión/Flota accounts and all staff must use two-factor; learners may."""
        return self.realm == Realm.GESTION or self.is_staff or self.is_superuser

    def staff_roles(self) -> set[str]:
        """Staff roles held through groups (cached on the instance)."""
        if not hasattr(self, "_staff_roles"):
            names = {group_name(r): r for r in Role}
            held = self.groups.values_list("name", flat=True) if self.pk else []
            roles = {names[n] for n in held if n in names}
            if self.is_superuser:
                roles.add(Role.ADMINISTRADOR)
            self._staff_roles = roles
        return self._staff_roles

    def memberships_held(self) -> tuple[tuple[str, int, bool], ...]:
        """(role, service id, service active) of every membership, read in one query
        and kept on the instance: a page asks for roles and scopes many times."""
        if "_memberships_held" not in self.__dict__:
            self._memberships_held = (
                tuple(
                    self.memberships.values_list(
                        "role", "service_id", "service__is_active"
                    )
                )
                if self.pk
                else ()
            )
        return self._memberships_held

    def forget_roles(self) -> None:
        """Drop what the instance remembers of its roles (after granting or revoking)."""
        for name in ("_staff_roles", "_scope_cache", "_memberships_held"):
            self.__dict__.pop(name, None)

    def has_role(self, *roles: str) -> bool:
        """Whether the user holds any of these roles, in any service or as staff."""
        wanted = set(roles)
        if self.staff_roles() & wanted:
            return True
        service_roles = wanted & SERVICE_ROLES
        return any(role in service_roles for role, _s, _a in self.memberships_held())

    @property
    def is_national(self) -> bool:
        """Administrador and Revisor de la Red see every service."""
        return self.realm == Realm.GESTION and bool(self.staff_roles() & NATIONAL_ROLES)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(user__is_active=True, service__is_active=True)


class Membership(models.Model):
    """A role held by a Gestión user inside one service."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("usuario"),
    )
    service = models.ForeignKey(
        "management.Service",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("servicio"),
    )
    role = models.CharField(
        _("perfil"),
        max_length=30,
        choices=[(r.value, r.label) for r in Role if r in SERVICE_ROLES],
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creado por"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("perfil en servicio")
        verbose_name_plural = _("perfiles en servicios")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service", "role"], name="accounts_membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=sorted(SERVICE_ROLES)),
                name="accounts_membership_service_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.service}"


class SecurityEvent(models.Model):
    """One security-relevant event (never a password, code or e-mail typed by a stranger)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Ingreso")
        LOGIN_FAILED = "login_failed", _("Ingreso fallido")
        LOGOUT = "logout", _("Salida")
        LOCKED_OUT = "locked_out", _("Bloqueo por intentos fallidos")
        TWO_FACTOR_ENROLLED = "2fa_enrolled", _("Doble factor activado")
        TWO_FACTOR_FAILED = "2fa_failed", _("Código de doble factor rechazado")
        BACKUP_CODES = "backup_codes", _("Códigos de respaldo generados")
        PASSWORD_CHANGED = "password_changed", _("Contraseña cambiada")
        ROLE_GRANTED = "role_granted", _("Perfil asignado")
        ROLE_REVOKED = "role_revoked", _("Perfil retirado")
        EXPORT = "export", _("Exportación de datos")
        DATA_DOWNLOAD = "data_download", _("Descarga de datos personales")
        ACCOUNT_ERASED = "account_erased", _("Cuenta eliminada")

    kind = models.CharField(_("evento"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("usuario"),
    )
    realm = models.CharField(_("plataforma"), max_length=20, blank=True)
    ip = models.CharField(_("IP"), max_length=45, blank=True)
    path = models.CharField(_("dirección"), max_length=255, blank=True)
    detail = models.JSONField(_("detalle"), default=dict, blank=True)
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("evento de seguridad")
        verbose_name_plural = _("eventos de seguridad")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "created_at"], name="accounts_secevent_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%d-%m-%Y %H:%M}"
