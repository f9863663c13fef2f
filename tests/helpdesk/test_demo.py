"""Demo tickets load once, in several states, with fictitious requesters."""

import pytest

from django.core.management import call_command

from lms.helpdesk.models import Ticket

pytestmark = pytest.mark.django_db


def test_demo_tickets_are_idempotent_and_cover_the_states():
    call_command("load_demo", force=True, quiet=True)
    count = Ticket.objects.count()
    call_command("load_demo", force=True, quiet=True)
    assert Ticket.objects.count() == count >= 5
    states = set(Ticket.objects.values_list("status", flat=True))
    assert {"abierto", "en_proceso", "esperando", "resuelto", "cerrado"} <= states
    assert all(
        e.endswith(".example") for e in Ticket.objects.values_list("email", flat=True)
    )
    assert Ticket.objects.overdue().exists()
    linked = Ticket.objects.exclude(user=None).get()
    assert linked.service is not None
