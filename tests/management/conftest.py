"""Helpers for the management tests: people with a role, logged-in clients."""

import pytest

from django.test import Client

from lms.accounts.roles import NATIONAL_ROLES, STAFF_ROLES, Role
from lms.accounts.services import add_membership, grant_staff_role
from management.models import UnitAssignment
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login


def person(role: str, service=None, units=(), **fields):
    """A Gestión user holding ``role`` (in ``service`` for service roles)."""
    user = UserFactory(**fields)
    role = Role(role)
    if role in STAFF_ROLES:
        grant_staff_role(user=user, role=role)
        if role in NATIONAL_ROLES and role == Role.ADMINISTRADOR:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
    else:
        add_membership(user=user, service=service, role=role)
    for unit in units:
        UnitAssignment.objects.create(user=user, unit=unit)
    return user


def client_for(user) -> Client:
    client = Client()
    login(client, user, TOTPDeviceFactory(user=user))
    return client


@pytest.fixture
def make_person():
    return person


@pytest.fixture
def make_client():
    return client_for
