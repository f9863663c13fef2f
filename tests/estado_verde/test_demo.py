"""The demo loads Estado Verde data for the demo services, once."""

import pytest

from django.core.management import call_command
from django.utils import timezone

from management.estado_verde import selectors
from management.estado_verde.models import (
    AirTrip,
    CommitteeMember,
    CommutingSurvey,
    ModuleReview,
    PaperPurchase,
)
from management.models import Service

pytestmark = pytest.mark.django_db


def test_demo_estado_verde_is_loaded_once_with_consistent_figures():
    call_command("load_demo", force=True, quiet=True)
    counts = (PaperPurchase.objects.count(), AirTrip.objects.count())
    call_command("load_demo", force=True, quiet=True)
    assert (PaperPurchase.objects.count(), AirTrip.objects.count()) == counts
    last_year = timezone.localdate().year - 1
    service = Service.objects.get(code="SUBENERGIA")
    assert CommutingSurvey.objects.filter(service=service, year=last_year).exists()
    assert all(
        m.email.endswith("@demo.gestionaenergia.example")
        for m in CommitteeMember.objects.all()
    )
    state = selectors.completeness([service], last_year)[service.pk]
    assert state["papel"]["complete"] and state["encuesta"]["complete"]
    assert state["documentos"]["complete"]
    assert ModuleReview.objects.get(service=service, module="agua").status == "observed"
