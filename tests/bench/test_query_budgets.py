"""Every page the benchmark covers runs the same number of queries on two dataset
sizes, within its budget in bench/budgets.py.

The dataset is built twice by bench.generate (``tiny``, then ``small``), each time in
a transaction rolled back after the pages are counted; the tests compare the counts.
"""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench import generate
from bench.budgets import QUERY_BUDGETS
from courses.models import QuizAttempt
from lms.accounts.models import User
from lms.accounts.realms import Realm
from tests.courses.factories import correct_answers
from tests.helpers import login

pytestmark = pytest.mark.django_db

SIZES = ("tiny", "small")


def _client(email, realm=Realm.GESTION):
    user = User.objects.with_email(email, realm).get()
    device = TOTPDevice.objects.filter(user=user).first()
    return login(Client(), user, device)


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _count(run) -> int:
    """Queries of one request, after a first one warmed the session and caches."""
    run()
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def _get(client, path, content_type="text/html"):
    def run():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response["Content-Type"].startswith(content_type), path
        assert _body(response)

    return run


def _quiz_submission(refs, size):
    """POST the answers of a new attempt, each time by another learner."""
    made = iter(range(10))

    def run():
        email = f"bench.quiz{next(made)}.{size}@carga.example"
        learner = generate.ready_learner(email)
        client = login(Client(), learner)
        start = client.post(refs["quiz_url"])
        assert start.status_code == 302, start.status_code
        attempt = QuizAttempt.objects.get(enrolment__user=learner)
        data = {
            f"q{q}": [str(c) for c in ids]
            for q, ids in correct_answers(attempt).items()
        }
        with CaptureQueriesContext(connection) as queries:
            response = client.post(start["Location"], data)
        assert response.status_code == 302, response.status_code
        assert response["Location"].endswith("/resultado/")
        run.queries = len(queries)

    def counted():
        run()
        run()
        return run.queries

    return counted


def measure(size: str) -> dict[str, int]:
    refs = generate.build(size, seed=11)
    gestor = _client(refs["gestor"])
    flota = _client(refs["flota"])
    learner = _client(refs["learner"], Realm.CONCIENTIZACION)
    anonymous = Client()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", refs["certificate_code"])
    pages = {
        "home": _get(anonymous, "/"),
        "lesson": _get(learner, refs["lesson_url"]),
        "my_courses": _get(learner, "/concientizacion/mis-cursos/"),
        "certificate_verify": _get(
            anonymous, f"/certificados/verificar/{refs['certificate_code']}/"
        ),
        "unit_list": _get(gestor, "/gestion/configuracion/unidades/"),
        "collaborator_list": _get(gestor, "/gestion/informacion/concientizados/"),
        "collaborator_export": _get(
            gestor, "/gestion/informacion/concientizados/?export=csv", "text/csv"
        ),
        "bill_list": _get(
            gestor, f"/gestion/mi-unidad/{refs['unit_with_bills']}/consumo/"
        ),
        "vehicle_list": _get(flota, "/flota/vehiculos/"),
        "consumption_report": _get(gestor, "/gestion/consumo/reporte/"),
    }
    counts = {key: _count(run) for key, run in pages.items()}
    counts["quiz_submit"] = _quiz_submission(refs, size)()
    return counts


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker, tmp_path_factory):
    """Query counts per page at each size; every build is rolled back."""
    measured = {}
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        for size in SIZES:
            cache.clear()
            with transaction.atomic():
                measured[size] = measure(size)
                transaction.set_rollback(True)
            cache.clear()
    return measured


def test_every_budgeted_page_is_measured(counts):
    assert set(counts["tiny"]) == set(QUERY_BUDGETS)


@pytest.mark.parametrize("page", sorted(QUERY_BUDGETS))
def test_queries_do_not_grow_with_the_dataset(counts, page):
    few, many = counts["tiny"][page], counts["small"][page]
    assert few == many, f"{page}: {few} queries on tiny, {many} on small"


@pytest.mark.parametrize("page", sorted(QUERY_BUDGETS))
def test_queries_stay_within_budget(counts, page):
    used = max(counts["tiny"][page], counts["small"][page])
    assert used <= QUERY_BUDGETS[page], (
        f"{page}: {used} queries, budget {QUERY_BUDGETS[page]} (bench/budgets.py)"
    )
