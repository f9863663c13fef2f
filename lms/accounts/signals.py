"""Security events from Django's and django-axes' signals, and from role changes."""

from axes.signals import user_locked_out

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_delete, post_save

from .realms import realm_for_path
from .security import record_event


def on_login(sender, request, user, **kwargs):
    record_event(kind="login", request=request, user=user)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(kind="logout", request=request, user=user)


def on_failure(sender, credentials, request=None, **kwargs):
    # The typed e-mail is not stored: a password typed into the e-mail field would leak.
    realm = realm_for_path(request.path) if request is not None else ""
    record_event(kind="login_failed", request=request, realm=realm)


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    realm = realm_for_path(request.path) if request is not None else ""
    record_event(kind="locked_out", request=request, realm=realm)


def on_membership_saved(sender, instance, created, **kwargs):
    if created:
        record_event(
            kind="role_granted",
            user=instance.created_by,
            realm="gestion",
            detail={
                "target": instance.user_id,
                "service": instance.service_id,
                "role": instance.role,
            },
        )


def on_membership_deleted(sender, instance, **kwargs):
    record_event(
        kind="role_revoked",
        realm="gestion",
        detail={
            "target": instance.user_id,
            "service": instance.service_id,
            "role": instance.role,
        },
    )


def on_groups_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove") and pk_set:
        from django.contrib.auth.models import Group

        names = sorted(
            Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)
        )
        record_event(
            kind="role_granted" if action == "post_add" else "role_revoked",
            realm="gestion",
            detail={"target": instance.pk, "groups": names},
        )


def connect() -> None:
    from .models import Membership, User

    user_logged_in.connect(on_login, dispatch_uid="accounts.log_login")
    user_logged_out.connect(on_logout, dispatch_uid="accounts.log_logout")
    user_login_failed.connect(on_failure, dispatch_uid="accounts.log_failure")
    user_locked_out.connect(on_locked_out, dispatch_uid="accounts.log_locked_out")
    post_save.connect(
        on_membership_saved, sender=Membership, dispatch_uid="accounts.role_granted"
    )
    post_delete.connect(
        on_membership_deleted, sender=Membership, dispatch_uid="accounts.role_revoked"
    )
    m2m_changed.connect(
        on_groups_changed, sender=User.groups.through, dispatch_uid="accounts.groups"
    )
