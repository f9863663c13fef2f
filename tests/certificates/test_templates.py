"""Editors keep certificate templates in the Wagtail admin; placeholders are checked."""

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from certificates.models import CertificateTemplate, fill_placeholders
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from tests.certificates.conftest import staff, staff_client

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_certificates_certificatetemplate:add"


def form_data(**fields) -> dict:
    data = {
        "name": "Concientización 2026",
        "default_for": Realm.CONCIENTIZACION,
        "title": "Certificado de participación",
        "intro": "Se otorga a",
        "body": "Por aprobar {curso} ({horas} horas) el {fecha}.",
        "signatory_name": "Andrea Valdés",
        "signatory_role": "Coordinadora",
        "accent_colour": "#1d6b38",
        "background_colour": "#ffffff",
        "border": "double",
    }
    data.update(fields)
    return data


def test_an_editor_creates_a_template_and_is_told_about_bad_placeholders():
    client = staff_client(staff(Role.EDITOR))
    url = reverse(ADD)
    assert client.get(url).status_code == 200
    bad = client.post(url, form_data(body="Hola {nombre}, {apellido} y {0.__class__}"))
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "No existe el marcador {0.__class__}, {apellido}" in html
    assert "{nombre}" in html  # what was typed is kept
    colour = client.post(url, form_data(accent_colour="red"))
    assert "Use un color hexadecimal de seis cifras" in colour.content.decode()
    assert not CertificateTemplate.objects.exists()
    created = client.post(url, form_data())
    assert created.status_code == 302
    template = CertificateTemplate.objects.get()
    assert template.default_for == Realm.CONCIENTIZACION
    assert template.revisions.count() == 1


def test_a_learner_or_gestion_user_cannot_reach_the_templates():
    from tests.factories import UserFactory

    client = staff_client(UserFactory())
    assert client.get(reverse(ADD)).status_code == 302


def test_each_platform_has_at_most_one_default_template():
    CertificateTemplate.objects.create(
        name="A", default_for=Realm.CAPACITACION, signatory_name="x", signatory_role="y"
    )
    second = CertificateTemplate(
        name="B", default_for=Realm.CAPACITACION, signatory_name="x", signatory_role="y"
    )
    with pytest.raises(ValidationError, match="ya es la plantilla por defecto"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    CertificateTemplate.objects.create(
        name="C", default_for="", signatory_name="x", signatory_role="y"
    )
    CertificateTemplate.objects.create(
        name="D", default_for="", signatory_name="x", signatory_role="y"
    )


def test_placeholders_are_substituted_and_never_evaluated():
    values = {"nombre": "Ana {curso}", "curso": "Energía"}
    text = "{nombre} aprobó {curso}. {0.__class__} {curso.upper} {{curso}}"
    assert fill_placeholders(text, values) == (
        "Ana {curso} aprobó Energía. {0.__class__} {curso.upper} {Energía}"
    )
