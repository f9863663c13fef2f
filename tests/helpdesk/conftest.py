"""Fixtures of the help-desk tests: topics from the data migration, agents, uploads."""

import io
import re
import sys
import types
import zipfile
from dataclasses import dataclass

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from lms.helpdesk.models import HelpTopic
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login

LINK_RE = re.compile(r"http://testserver(/soporte/ticket/[A-Za-z0-9_-]+/)")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name="boleta.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def xlsx(name="consumos.xlsx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def links_in(message) -> list[str]:
    """Paths of private ticket links in an e-mail."""
    return LINK_RE.findall(message.body)


@pytest.fixture
def topic(db):
    return HelpTopic.objects.get(slug="registro-de-boletas-consumos")


@pytest.fixture
def agent(db):
    user = UserFactory(first_name="Sofía", last_name="Soporte", is_staff=True)
    grant_staff_role(user=user, role=Role.AGENTE_SOPORTE)
    user.device = TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def agent_client(client, agent):
    return login(client, agent, agent.device)


@dataclass(frozen=True)
class FakeSuggestion:
    question: str
    answer: str
    url: str


@pytest.fixture
def faq(monkeypatch):
    """Stand in for ``cms.selectors`` with a tiny FAQ that matches on words."""
    entries = [
        FakeSuggestion(
            "¿Cómo registro una boleta de electricidad?",
            "En Consumo, elija la unidad y el energético y presione Agregar boleta.",
            "/preguntas-frecuentes/#registrar-boleta",
        ),
        FakeSuggestion(
            "¿Cómo recupero mi contraseña?",
            "Use «¿Olvidó su contraseña?» en la página de ingreso.",
            "/preguntas-frecuentes/#contrasena",
        ),
    ]
    calls = []

    def faq_suggestions(text, *, limit=5):
        calls.append((text, limit))
        words = {w for w in re.findall(r"\w+", text.lower()) if len(w) > 4}
        return [
            e for e in entries if words & set(re.findall(r"\w+", e.question.lower()))
        ][:limit]

    module = types.ModuleType("cms.selectors")
    module.faq_suggestions = faq_suggestions
    monkeypatch.setitem(sys.modules, "cms.selectors", module)
    return calls
