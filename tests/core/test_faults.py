"""Faults a person may meet: the database away for a moment.

(A task that keeps failing ending visibly failed: tests/core/test_demo_and_mail.py.)
"""

from unittest import mock

import pytest

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def test_database_unreachable_gives_the_styled_500_then_recovers():
    client = Client(raise_request_exception=False)
    assert client.get("/gestion/ingresar/").status_code == 200
    with (
        mock.patch.object(
            BaseDatabaseWrapper,
            "ensure_connection",
            side_effect=OperationalError("caída"),
        ),
        mock.patch.object(
            BaseDatabaseWrapper, "cursor", side_effect=OperationalError("caída")
        ),
    ):
        response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Tuvimos un problema" in body and "Traceback" not in body
    assert client.get("/gestion/ingresar/").status_code == 200
