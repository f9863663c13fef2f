"""What the benchmark measures: pages (HTTP, against the bare-view baseline) and
operations (in process, against the stack's own limit for the same work).

Each page scenario names the user it runs as (None: anonymous) and how to find its
URL in the dataset built by ``manage.py bench_dataset`` (its references are in
``bench/dataset.py``'s marker). Modules add their scenarios to ``PAGES`` / ``OPERATIONS``.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    budget_p95_ms: float | None
    # A function of the dataset returning (path, user or None).
    target: object
    method: str = "GET"
    body: object = None  # function(index, context) -> bytes, for POSTs
    expect_status: tuple = (200,)
    tags: tuple = field(default_factory=tuple)
    # For requests that change state (a quiz submission): function(data, count)
    # returning ``count`` (path, user, fields) requests made beforehand, one per
    # request sent; run.py adds the session and CSRF cookies.
    prepare: object = None


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    budget: str
    # Both return seconds per unit of work: (ours, baseline)
    run: object


def _user(email: str, realm: str = "gestion"):
    from lms.accounts.models import User

    return User.objects.with_email(email, realm).get()


def _refs(data) -> dict:
    if not data.refs:
        raise SystemExit(
            "No hay conjunto de datos de carga: ejecute antes "
            "`manage.py bench_dataset --size small|national`."
        )
    return data.refs


def _home(data):
    return "/", None


def _login(data):
    return "/gestion/ingresar/", None


def _lesson(data):
    refs = _refs(data)
    return refs["lesson_url"], _user(refs["learner"], "concientizacion")


def _course_home(data):
    refs = _refs(data)
    return refs["course_url"], _user(refs["learner"], "concientizacion")


def _indicator(data):
    return "/gestion/informacion/concientizados/indicador/", _user(_refs(data)["admin"])


def _my_courses(data):
    refs = _refs(data)
    return "/concientizacion/mis-cursos/", _user(refs["learner"], "concientizacion")


def _verify(data):
    return f"/certificados/verificar/{_refs(data)['certificate_code']}/", None


def _unit_list(data):
    return "/gestion/configuracion/unidades/", _user(_refs(data)["gestor"])


def _collaborators(data):
    return "/gestion/informacion/concientizados/", _user(_refs(data)["gestor"])


def _collaborators_export(data):
    return (
        "/gestion/informacion/concientizados/?export=csv",
        _user(_refs(data)["gestor"]),
    )


def _bill_list(data):
    refs = _refs(data)
    return f"/gestion/mi-unidad/{refs['unit_with_bills']}/consumo/", _user(
        refs["gestor"]
    )


def _vehicle_list(data):
    return "/flota/vehiculos/", _user(_refs(data)["flota"])


def _energy_report(data):
    return "/gestion/consumo/reporte/", _user(_refs(data)["gestor"])


def _quiz(data):
    return _refs(data)["quiz_url"], None  # the path is per request (prepare)


def _quiz_attempts(data, count):
    """``count`` learners, each with every lesson read and a quiz attempt open: one
    submission each, with the right answers."""
    from bench.generate import ready_learner
    from courses import services
    from courses.models import Choice, QuizPage

    quiz = QuizPage.objects.get(url_path__endswith=_refs(data)["quiz_url"])
    # New learners on every run: those of an earlier run have passed the quiz.
    run = time.strftime("%Y%m%d%H%M%S")
    requests = []
    for n in range(count):
        user = ready_learner(f"bench.quiz{n}.{data.seed}.{run}@carga.example")
        enrolment = user.enrolments.get(course_id=quiz.get_parent().pk)
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
        if attempt.submitted_at is not None:
            continue
        right = Choice.objects.filter(
            question_id__in=attempt.question_ids, is_correct=True
        ).values_list("question_id", "pk")
        fields = [(f"q{question}", str(choice)) for question, choice in right]
        path = f"{quiz.url}intento/{attempt.number}/"
        requests.append((path, user, fields))
    return requests


PAGES: list[Page] = [
    Page("home", "Inicio público", None, _home),
    Page("login", "Ingreso a Gestión", None, _login),
    # Budgets of the issues: course pages p95 ≤ 150 ms and a quiz submission ≤ 200 ms
    # with 300,000 learners; the collaborator list p95 ≤ 200 ms and its export ≤ 3 s
    # with 20,000 completions; the national indicator table ≤ 1 s.
    Page("course_home", "Portada de un curso (aprendiz)", 150, _course_home),
    Page("lesson", "Lección de un curso (aprendiz)", 150, _lesson),
    Page("my_courses", "Mis cursos (aprendiz)", 150, _my_courses),
    Page("certificate_verify", "Verificación de certificado", 50, _verify),
    Page("unit_list", "Unidades del servicio grande (Gestor)", 150, _unit_list),
    Page("collaborators", "Colaboradores concientizados (Gestor)", 200, _collaborators),
    Page(
        "collaborators_export",
        "Exportación CSV de colaboradores (Gestor)",
        3000,
        _collaborators_export,
    ),
    Page(
        "indicator",
        "Indicador nacional de concientizados (Administrador)",
        1000,
        _indicator,
    ),
    Page("bill_list", "Boletas de una unidad (Gestor)", None, _bill_list),
    Page(
        "vehicle_list",
        "Vehículos del servicio grande (Gestor de Flota)",
        150,
        _vehicle_list,
    ),
    Page(
        "energy_report", "Reporte de consumo del servicio (Gestor)", 300, _energy_report
    ),
    Page(
        "quiz_submit",
        "Envío de una evaluación (aprendiz)",
        200,
        _quiz,
        method="POST",
        expect_status=(302,),
        prepare=_quiz_attempts,
    ),
]
OPERATIONS: list[Operation] = []


def form_body(fields, token: str) -> bytes:
    return urlencode([*fields, ("csrfmiddlewaretoken", token)]).encode()
