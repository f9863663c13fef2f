"""Query counts of the benchmark's pages on a built dataset, against bench/budgets.py.

``python -m bench.queries`` counts, in process with Django's test client, the queries
of one request to each budgeted page (after a warm-up request) on the dataset that
``manage.py bench_dataset`` built in the configured database, inside a transaction
that is rolled back (the quiz submission creates learners). It writes
``bench/results/queries-<size>.json`` and, when the counts of another size are there,
says whether any page's count changed with the size. Exit 1 when a page is over its
budget or its count differs between sizes.

The test suite uses ``measure`` on the ``tiny`` and ``small`` datasets
(tests/bench/test_query_budgets.py); this command runs the same on ``national``.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _count(run) -> int:
    """Queries of one request, after a first one warmed the session and caches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

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


def _client(email, realm=None):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.test import Client

    from lms.accounts.models import User
    from lms.accounts.realms import Realm
    from tests.helpers import login

    user = User.objects.with_email(email, realm or Realm.GESTION).get()
    device = TOTPDevice.objects.filter(user=user).first()
    return login(Client(), user, device)


def _quiz_submission(refs, tag):
    """POST the answers of a new attempt, each time by another learner."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import generate
    from courses.models import QuizAttempt
    from tests.courses.factories import correct_answers
    from tests.helpers import login

    made = iter(range(10))

    def run():
        email = f"bench.quiz{next(made)}.{tag}@carga.example"
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

    run()
    run()
    return run.queries


def measure(refs: dict, tag: str) -> dict[str, int]:
    """Queries of each budgeted page on the dataset ``refs`` describes."""
    from django.test import Client

    from lms.accounts.realms import Realm

    gestor = _client(refs["gestor"])
    flota = _client(refs["flota"])
    admin = _client(refs["admin"])
    learner = _client(refs["learner"], Realm.CONCIENTIZACION)
    anonymous = Client()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", refs["certificate_code"])
    pages = {
        "home": _get(anonymous, "/"),
        "course_home": _get(learner, refs["course_url"]),
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
        "indicator": _get(admin, "/gestion/informacion/concientizados/indicador/"),
        "bill_list": _get(
            gestor, f"/gestion/mi-unidad/{refs['unit_with_bills']}/consumo/"
        ),
        "vehicle_list": _get(flota, "/flota/vehiculos/"),
        "consumption_report": _get(gestor, "/gestion/consumo/reporte/"),
    }
    counts = {key: _count(run) for key, run in pages.items()}
    counts["quiz_submit"] = _quiz_submission(refs, tag)
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import transaction
    from django.test.utils import override_settings, setup_test_environment

    from bench.budgets import QUERY_BUDGETS
    from bench.dataset import Dataset

    data = Dataset.current()
    if data.size != args.size or not data.refs:
        print(
            f"El conjunto de datos construido es «{data.size}», no «{args.size}»: "
            "ejecute antes `manage.py bench_dataset --size "
            f"{args.size}` en esta base de datos.",
            file=sys.stderr,
        )
        return 2
    setup_test_environment()  # the test client's template and context capture
    cache.clear()
    with override_settings(ALLOWED_HOSTS=["testserver"]), transaction.atomic():
        counts = measure(data.refs, args.size)
        transaction.set_rollback(True)
    cache.clear()
    others = {}
    for path in sorted(RESULTS.glob("queries-*.json")):
        size = path.stem.removeprefix("queries-")
        if size != args.size:
            others[size] = json.loads(path.read_text())["counts"]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"queries-{args.size}.json").write_text(
        json.dumps({"size": args.size, "counts": counts}, indent=2) + "\n"
    )
    failed = False
    for page in sorted(QUERY_BUDGETS):
        used, budget = counts[page], QUERY_BUDGETS[page]
        changed = {s: c[page] for s, c in others.items() if c.get(page) != used}
        verdict = "dentro" if used <= budget else "EXCEDE"
        if changed:
            verdict += " · distinto en " + ", ".join(
                f"{s} ({n})" for s, n in changed.items()
            )
        failed |= used > budget or bool(changed)
        print(f"{page:22} {used:3} consultas · presupuesto {budget:3} · {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
