"""Writes on accounts: role groups, memberships, staff roles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Membership, User
from .realms import Realm
from .roles import ROLE_PERMISSIONS, SERVICE_ROLES, STAFF_ROLES, Role, group_name


def sync_role_groups(**kwargs) -> None:
    """Give every role group exactly the permissions ROLE_PERMISSIONS lists (post_migrate)."""
    using = kwargs.get("using", "default")
    perms = {
        f"{app}.{codename}": pk
        for pk, app, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role in Role:
        group, _ = Group.objects.using(using).get_or_create(name=group_name(role))
        wanted = [perms[p] for p in ROLE_PERMISSIONS.get(role, ()) if p in perms]
        group.permissions.set(wanted)


@transaction.atomic
def grant_staff_role(*, user: User, role: str) -> User:
    """Give a Gestión account a ministry role (Administrador, Revisor, Editor…)."""
    role = Role(role)
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is held in a service, not as staff")
    if user.realm != Realm.GESTION:
        raise ValueError("Only Gestión accounts hold staff roles")
    user.groups.add(Group.objects.get(name=group_name(role)))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.forget_roles()
    return user


@transaction.atomic
def add_membership(
    *, user: User, service, role: str, created_by: User | None = None
) -> Membership:
    """Let ``user`` hold ``role`` in ``service`` (idempotent)."""
    role = Role(role)
    if role not in SERVICE_ROLES:
        raise ValueError(f"{role} is a staff role, not a service role")
    if user.realm != Realm.GESTION:
        raise ValueError("Only Gestión accounts belong to services")
    membership, _ = Membership.objects.get_or_create(
        user=user, service=service, role=role, defaults={"created_by": created_by}
    )
    user.forget_roles()
    return membership
