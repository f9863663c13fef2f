"""Two web processes and two workers on one database and one broker serve one journey.

A collaborator registers on one gunicorn process, confirms the e-mail (sent by one of
the workers) on the other, reads the lessons alternating between both, passes the
quiz, and the certificate — rendered by a worker — verifies on either process. Nothing
is kept in a process's memory: sessions, rate limits and tasks live in the database,
the cache and the broker, so the journey does not notice which process answers.
"""

import re

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from lms.accounts.realms import Realm
from lms.core.models import OutgoingEmail
from tests.browser.test_course_journey import PASSWORD, answer
from tests.helpers import load_demo
from tests.worker.conftest import (  # noqa: F401  (eager_off, mail_dir: fixtures)
    app_env,
    eager_off,
    mail_dir,
    prepare_broker,
    start_web,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.worker,  # starts real workers: run with the worker tests, one at a time
]

CONFIRM = re.compile(r"(/concientizacion/registro/confirmar/\S+/)")


@pytest.fixture
def cluster(transactional_db, mail_dir, tmp_path, eager_off):  # noqa: F811
    """Two gunicorn processes on two ports and two Celery workers."""
    prepare_broker()
    load_demo()
    env = app_env(mail_dir)
    processes = []
    try:
        webs = []
        for name in ("web-a", "web-b"):
            process, port = start_web(env, tmp_path / f"{name}.log")
            processes.append(process)
            webs.append(f"http://127.0.0.1:{port}")
        for name in ("worker-a", "worker-b"):
            processes.append(start_worker(env, tmp_path / f"{name}.log", name))
        yield webs
    finally:
        for process in processes:
            stop(process)


def confirmation_path(folder, email: str) -> str | None:
    for file in folder.glob("*"):
        text = file.read_text(errors="replace")
        if email in text and (match := CONFIRM.search(text)):
            return match.group(1)
    return None


def test_one_journey_across_two_web_processes_and_two_workers(
    cluster,
    browser,
    mail_dir,  # noqa: F811
):
    web_a, web_b = cluster
    email = "tomas.alvarado@servicio.example"
    course = CoursePage.objects.get(platform=Realm.CONCIENTIZACION)
    context = browser.new_context(locale="es-CL")
    context.set_default_timeout(20_000)
    page = context.new_page()

    # Register on A.
    page.goto(f"{web_a}/concientizacion/registro/")
    page.get_by_label("Nombres").fill("Tomás")
    page.get_by_label("Apellidos").fill("Alvarado Soto")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("RUT").fill("11.111.111-1")
    page.get_by_label("Servicio donde trabaja").fill("Subsecretaría de Energía")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Repita la contraseña").fill(PASSWORD)
    page.get_by_label("Leí y acepto el aviso de privacidad").check()
    page.get_by_role("button", name="Crear cuenta").click()
    page.wait_for_url("**/registro/enviado/")

    # A worker sends the e-mail; its link works on B.
    assert wait_for(lambda: confirmation_path(mail_dir, email)), "no e-mail was sent"
    page.goto(web_b + confirmation_path(mail_dir, email))
    expect(page.get_by_text("Su cuenta está activa")).to_be_visible()

    # Enrol on B, then read the lessons alternating between the two processes.
    page.get_by_role("button", name=re.compile("^Inscribirme")).click()
    page.wait_for_url(f"**{course.url}")
    page.get_by_role("link", name="Comenzar el curso").click()
    hops = 0
    while "/evaluacion/" not in page.url:
        path = page.url.split("://", 1)[1].split("/", 1)[1]
        page.goto(f"{(web_a, web_b)[hops % 2]}/{path}")
        with page.expect_navigation():
            page.get_by_role("button", name="Marcar como leído y seguir").click()
        hops += 1
    assert hops >= 2

    # The quiz is answered on A; "Mis cursos" on B shows the course completed.
    path = page.url.split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{web_a}/{path}")
    page.get_by_role("button", name="Comenzar la evaluación").click()
    page.wait_for_url("**/intento/1/")
    answer(page, course, right=True)
    expect(page.get_by_text("¡Aprobó la evaluación!")).to_be_visible()
    page.goto(f"{web_b}/concientizacion/mis-cursos/")
    card = page.locator(".course-card", has_text=course.title)
    expect(card.get_by_text("Completado", exact=True)).to_be_visible()

    # One certificate, its PDF drawn by a worker, valid on both processes.
    enrolment = Enrolment.objects.get(user__email=email)
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert wait_for(lambda: bool(Certificate.objects.get(pk=certificate.pk).pdf))
    verification = certificate.get_verification_url()
    for web in (web_a, web_b):
        page.goto(web + "/" + verification.split("://", 1)[1].split("/", 1)[1])
        expect(page.get_by_text("Alvarado Soto").first).to_be_visible()
        expect(page.get_by_text("Válido").first).to_be_visible()
    assert Certificate.objects.filter(enrolment__user__email=email).count() == 1
    confirmations = [e for e in OutgoingEmail.objects.all() if email in e.to]
    assert len(confirmations) == 1
    assert confirmations[0].status == OutgoingEmail.Status.SENT
    context.close()
