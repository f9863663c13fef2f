"""Fixtures of the certificate tests: media in a temporary folder, staff clients."""

import pytest

from django.test import Client

from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Every test writes its PDFs and ZIPs into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"


def staff(role: str = Role.ADMINISTRADOR, **fields):
    user = UserFactory(**fields)
    grant_staff_role(user=user, role=role)
    return user


def staff_client(user) -> Client:
    return login(Client(), user, TOTPDeviceFactory(user=user))


@pytest.fixture
def make_staff():
    return staff


@pytest.fixture
def make_staff_client():
    return staff_client
