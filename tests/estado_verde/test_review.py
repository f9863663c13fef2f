"""The Red's review per module and the completeness dashboards."""

from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.accounts.roles import Role
from management.estado_verde import selectors
from management.estado_verde.models import (
    REQUIRED_KINDS,
    ModuleReview,
    NoDocumentDeclaration,
    PaperPurchase,
    UnitModuleNote,
)
from management.estado_verde.services import review as services
from tests.factories import ServiceFactory, UnitFactory
from tests.management.conftest import client_for, person

pytestmark = pytest.mark.django_db


def test_paper_is_complete_when_every_reporting_unit_has_data_or_a_declaration(unit):
    second = UnitFactory(service=unit.service, other_start_year=2024)
    UnitFactory(service=unit.service, other_start_year=2026)  # not yet in 2025
    PaperPurchase.objects.create(unit=unit, year=2025, reams=3, cost_clp=1)
    state = selectors.completeness([unit.service], 2025)[unit.service.pk]["papel"]
    assert (state["complete"], state["detail"]) == (False, "1/2")
    UnitModuleNote.objects.create(
        unit=second, year=2025, module="papel", not_managed=True, observation="x"
    )
    state = selectors.completeness([unit.service], 2025)[unit.service.pk]["papel"]
    assert (state["complete"], state["detail"]) == (True, "2/2")


def test_documents_complete_with_every_required_kind(unit):
    for kind in REQUIRED_KINDS[:-1]:
        NoDocumentDeclaration.objects.create(
            service=unit.service, year=2025, kind=kind, justification="x"
        )
    state = selectors.completeness([unit.service], 2025)[unit.service.pk]
    assert state["documentos"]["detail"] == f"{len(REQUIRED_KINDS) - 1}/7"
    assert not state["documentos"]["complete"]
    assert not state["encuesta"]["complete"] and not state["viajes"]["complete"]


def test_observe_needs_a_comment_then_the_service_answers(unit):
    red = person(Role.REVISOR_RED)
    with pytest.raises(ValidationError):
        services.review_module(
            service=unit.service, year=2025, module="agua", user=red, validated=False
        )
    review = services.review_module(
        service=unit.service,
        year=2025,
        module="agua",
        user=red,
        validated=False,
        comment="Falta la boleta de marzo",
    )
    assert review.status == "observed"
    gestor = person(Role.GESTOR_SERVICIO, unit.service)
    review = services.answer_review(review=review, user=gestor, answer="Subida")
    assert (review.status, review.answer) == ("pending", "Subida")
    with pytest.raises(ValidationError):
        services.answer_review(review=review, user=gestor, answer="otra vez")
    review = services.review_module(
        service=unit.service, year=2025, module="agua", user=red, validated=True
    )
    assert review.status == "validated"
    assert review.history.count() == 4
    assert ModuleReview.objects.count() == 1


def test_red_reviews_through_the_screens_and_the_service_answers(unit):
    red = client_for(person(Role.REVISOR_RED))
    url = reverse("management:ev-review", args=[unit.service.pk, 2025, "papel"])
    page = red.post(url, {"decision": "observed", "comment": ""})
    assert "Diga al servicio qué debe corregir" in page.content.decode()
    red.post(url, {"decision": "observed", "comment": "Faltan los meses de invierno"})
    review = ModuleReview.objects.get()
    gestor = client_for(person(Role.GESTOR_SERVICIO, unit.service))
    dashboard = gestor.get(reverse("management:ev-completeness") + "?year=2025")
    html = dashboard.content.decode()
    assert "Faltan los meses de invierno" in html and "Responder" in html
    gestor.post(
        reverse("management:ev-review-answer", args=[review.pk]),
        {"answer": "Agregamos junio a agosto"},
    )
    review.refresh_from_db()
    assert review.answer == "Agregamos junio a agosto"
    history = gestor.get(reverse("management:ev-review-history", args=[review.pk]))
    assert "Agregamos junio a agosto" in history.content.decode()
    other = client_for(person(Role.GESTOR_SERVICIO, ServiceFactory()))
    assert (
        other.get(reverse("management:ev-review-answer", args=[review.pk])).status_code
        == 404
    )
    national = red.get(reverse("management:ev-completeness-national") + "?year=2025")
    assert unit.service.name in national.content.decode()


def test_national_dashboard_queries_do_not_grow(unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    red = client_for(person(Role.REVISOR_RED))
    url = reverse("management:ev-completeness-national") + "?year=2025"

    def grow(n):
        for _i in range(n):
            u = UnitFactory(other_start_year=2024)
            PaperPurchase.objects.create(unit=u, year=2025, reams=1, cost_clp=1)
            ModuleReview.objects.create(service=u.service, year=2025, module="papel")

    grow(2)
    red.get(url)
    with CaptureQueriesContext(connection) as few:
        red.get(url)
    grow(15)
    with CaptureQueriesContext(connection) as many:
        red.get(url)
    assert len(many) == len(few)
    assert Decimal(1)
