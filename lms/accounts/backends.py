"""Authentication by e-mail within a realm, and permissions from roles held in services."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from .realms import Realm, realm_for_path
from .roles import group_name


class RealmBackend(ModelBackend):
    """Log in with e-mail and password on the realm of the page that asks.

    The realm comes from the ``realm`` argument or, failing that, from the request's
    path, so Wagtail's own admin login (``/admin/login/``) finds Gestión accounts.
    """

    def authenticate(self, request, username=None, password=None, realm=None, **kwargs):
        email = username if username is not None else kwargs.get("email")
        if not email or password is None:
            return None
        if realm is None:
            realm = (
                realm_for_path(request.path) if request is not None else Realm.GESTION
            )
        user_model = get_user_model()
        try:
            user = user_model.objects.with_email(email, realm).get()
        except user_model.DoesNotExist:
            # Spend the same time as a real check so timing tells nothing about e-mails.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def _get_group_permissions(self, user_obj):
        # Roles held in services grant their group's permissions too.
        names = [
            group_name(role)
            for role in {role for role, _s, _a in user_obj.memberships_held()}
        ]
        return Permission.objects.filter(
            group__user=user_obj
        ) | Permission.objects.filter(group__name__in=names)
