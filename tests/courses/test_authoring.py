"""Editors author courses in the Wagtail admin; the page tree keeps its rules."""

import pytest

from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import CourseIndexPage, CoursePage, Question, QuizPage
from courses.services import enrol_learner
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from tests.courses.factories import build_course, course_index, make_learner
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


def editor(client=None):
    user = UserFactory()
    grant_staff_role(user=user, role=Role.EDITOR)
    if client is not None:
        login(client, user, TOTPDeviceFactory(user=user))
    return user


def question_data(course, *, kind="single", correct=(True, False, False)):
    return nested_form_data(
        {
            "course": course.pk,
            "text": "¿Qué mide el kWh?",
            "kind": kind,
            "feedback": "Energía: potencia por tiempo.",
            "is_active": "on",
            "choices": inline_formset(
                [
                    {"text": f"Alternativa {n}", "is_correct": "on" if ok else ""}
                    for n, ok in enumerate(correct)
                ]
            ),
        }
    )


def test_editors_write_the_question_bank_but_do_not_read_reports():
    user = editor()
    assert user.has_perm("courses.add_question")
    assert user.has_perm("courses.change_question")
    assert user.has_perm("courses.add_coursevideo")
    assert not user.has_perm("courses.view_course_reports")


def test_an_editor_adds_a_question_with_its_alternatives(client):
    tree = build_course(questions=0)
    editor(client)
    url = reverse(Question.snippet_viewset.get_url_name("add"))
    assert client.get(url).status_code == 200
    response = client.post(url, question_data(tree.course))
    assert response.status_code == 302, response.context["form"].errors
    question = Question.objects.get()
    assert question.course == tree.course
    assert [c.is_correct for c in question.choices.order_by("sort_order")] == [
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("kind", "correct", "message"),
    [
        ("single", (True, True, False), "exactamente una alternativa correcta"),
        ("multiple", (False, False, False), "al menos una alternativa como correcta"),
        ("single", (True,), "2 formularios como mínimo"),
    ],
)
def test_a_malformed_question_is_refused_with_a_reason(client, kind, correct, message):
    tree = build_course(questions=0)
    editor(client)
    url = reverse(Question.snippet_viewset.get_url_name("add"))
    response = client.post(url, question_data(tree.course, kind=kind, correct=correct))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_the_question_listing_filters_by_course(client):
    tree = build_course(questions=3)
    other = build_course(title="Otro", questions=2)
    editor(client)
    url = reverse(Question.snippet_viewset.get_url_name("list"))
    response = client.get(url, {"course": other.course.pk})
    assert response.status_code == 200
    shown = list(response.context["object_list"])
    assert {q.course_id for q in shown} == {other.course.pk}
    assert tree.questions[0] not in shown


def test_a_catalog_takes_its_platform_as_address():
    index = course_index(Realm.CAPACITACION)
    index.slug = "otra-direccion"
    index.full_clean()
    assert index.slug == "capacitacion"


def test_a_course_may_not_take_a_reserved_address():
    tree = build_course()
    tree.course.slug = "registro"
    with pytest.raises(ValidationError) as error:
        tree.course.full_clean()
    assert "slug" in error.value.message_dict
    lesson = tree.lessons[0]
    lesson.slug = "continuar"
    with pytest.raises(ValidationError):
        lesson.full_clean()


def test_a_course_follows_the_platform_of_its_catalog():
    tree = build_course(platform=Realm.CONCIENTIZACION)
    assert tree.course.platform == Realm.CONCIENTIZACION
    target = course_index(Realm.CAPACITACION)
    tree.course.move(target, pos="last-child")
    moved = CoursePage.objects.get(pk=tree.course.pk)
    moved.save()
    assert moved.platform == Realm.CAPACITACION
    assert moved.url.startswith("/capacitacion/")


def test_a_course_has_at_most_one_quiz():
    with_quiz = build_course()
    without = build_course(title="Sin evaluación", quiz=False)
    assert not QuizPage.can_create_at(with_quiz.course)
    assert QuizPage.can_create_at(without.course)
    assert not QuizPage.can_create_at(course_index(Realm.CONCIENTIZACION))
    assert CourseIndexPage.can_create_at(with_quiz.course) is False


def test_a_course_with_learners_cannot_be_deleted(client):
    tree = build_course()
    enrol_learner(user=make_learner(), course=tree.course)
    admin = UserFactory(is_superuser=True, is_staff=True)
    login(client, admin, TOTPDeviceFactory(user=admin))
    url = reverse("wagtailadmin_pages:delete", args=[tree.course.pk])
    response = client.post(url, follow=True)
    assert "hay estudiantes inscritos" in response.content.decode()
    assert CoursePage.objects.filter(pk=tree.course.pk).exists()
    empty = build_course(title="Sin estudiantes")
    client.post(reverse("wagtailadmin_pages:delete", args=[empty.course.pk]))
    assert not CoursePage.objects.filter(pk=empty.course.pk).exists()


def test_editors_preview_lessons_and_quizzes():
    tree = build_course()
    request = RequestFactory().get("/")
    request.user = editor()
    for page in (tree.lessons[0], tree.quiz, tree.course):
        response = page.serve_preview(request, page.default_preview_mode)
        assert response.status_code == 200
        assert "Vista previa" in response.content.decode()


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def test_videos_are_checked_by_content():
    from django.core.files.base import ContentFile

    from courses.models import CourseVideo

    video = CourseVideo(title="Separar residuos", file=ContentFile(MP4_HEAD, "v.mp4"))
    video.full_clean()
    fake = CourseVideo(title="Falso", file=ContentFile(b"%PDF-1.4 no", "v.mp4"))
    with pytest.raises(ValidationError) as error:
        fake.full_clean()
    assert "file" in error.value.message_dict
    captions = CourseVideo(
        title="Con subtítulos",
        file=ContentFile(MP4_HEAD, "v.mp4"),
        captions=ContentFile(b"1\n00:00.000 --> 00:01.000\nHola", "s.vtt"),
    )
    with pytest.raises(ValidationError) as error:
        captions.full_clean()
    assert "WebVTT" in str(error.value.message_dict["captions"])


def test_every_lesson_block_renders(client):
    import json

    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from courses.models import CourseVideo
    from courses.services import enrol_learner

    image = Image.objects.create(title="Medidor", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Guía de boletas", file=ContentFile(b"%PDF-1.4 guia", "guia.pdf")
    )
    video = CourseVideo.objects.create(
        title="Separar residuos",
        file=ContentFile(MP4_HEAD, "v.mp4"),
        captions=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHola", "s.vtt"),
    )
    body = [
        {"type": "text", "value": "<h2>Título</h2><p>Texto de la lección.</p>"},
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "decorative": False,
                    "alt_text": "Un medidor",
                },
                "caption": "Medidor inteligente",
            },
        },
        {
            "type": "video",
            "value": {"video": video.pk, "transcript": "<p>Se separa.</p>"},
        },
        {
            "type": "document",
            "value": {
                "document": document.pk,
                "title": "",
                "description": "Para registrar.",
            },
        },
        {
            "type": "callout",
            "value": {"kind": "tip", "title": "Dato útil", "text": "<p>Apague.</p>"},
        },
        {
            "type": "self_check",
            "value": {
                "question": "¿Cuáles se reciclan?",
                "choices": [
                    {"text": "Papel", "is_correct": True},
                    {"text": "Vidrio", "is_correct": True},
                    {"text": "Servilletas usadas", "is_correct": False},
                ],
                "explanation": "Papel y vidrio limpios se reciclan.",
            },
        },
    ]
    tree = build_course(lessons=1)
    lesson = tree.lessons[0]
    lesson.body = json.dumps(body)
    lesson.save_revision().publish()
    learner = make_learner()
    enrol_learner(user=learner, course=tree.course)
    login(client, learner)
    html = client.get(lesson.url).content.decode()
    assert "Texto de la lección." in html
    assert 'alt="Un medidor"' in html and "Medidor inteligente" in html
    assert "<video controls" in html and '<track kind="captions"' in html
    assert "Leer la transcripción" in html
    assert "Guía de boletas" in html and "(PDF" in html
    assert 'class="callout callout-tip"' in html and "Consejo" in html
    assert html.count('type="checkbox" name="sc-') == 3
    assert "Respuestas correctas:</strong> Papel; Vidrio" in html


def test_an_editor_builds_a_course_in_the_admin(client):
    from django.contrib.auth.models import Group

    from wagtail.models import GroupPagePermission, Page
    from wagtail.test.utils.form_data import rich_text, streamfield

    from courses.models import LessonPage

    index = course_index(Realm.CONCIENTIZACION)
    editor(client)
    group = Group.objects.get(name=str(Role.EDITOR.label))
    for permission in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=group, page=Page.objects.get(pk=index.pk), permission_type=permission
        )

    def add(model, parent, data):
        url = reverse("wagtailadmin_pages:add", args=("courses", model, parent.pk))
        response = client.post(url, nested_form_data({**data, "action-publish": "on"}))
        assert response.status_code == 302, response.context["form"].errors

    add(
        "coursepage",
        index,
        {
            "title": "Eficiencia en la oficina",
            "slug": "eficiencia-oficina",
            "summary": "Un curso breve.",
            "description": rich_text("<p>Descripción.</p>"),
            "hours": 2,
            "audience": "Todos",
            "completion_rule": "lessons_quiz",
        },
    )
    course = CoursePage.objects.get(slug="eficiencia-oficina")
    assert course.live and course.platform == Realm.CONCIENTIZACION
    add(
        "lessonpage",
        course,
        {
            "title": "Apagar al salir",
            "slug": "apagar-al-salir",
            "summary": "",
            "minutes": 5,
            "is_required": "on",
            "body": streamfield([("text", rich_text("<p>Apague las luces.</p>"))]),
        },
    )
    add(
        "quizpage",
        course,
        {
            "title": "Evaluación",
            "slug": "evaluacion",
            "intro": rich_text(""),
            "questions_per_attempt": 5,
            "pass_mark": 60,
            "max_attempts": 3,
            "grading": "highest",
            "review": "marks",
            "shuffle_questions": "on",
            "shuffle_choices": "on",
        },
    )
    lesson = LessonPage.objects.get(slug="apagar-al-salir")
    assert lesson.live and "Apague las luces" in str(lesson.body[0].value)
    quiz = QuizPage.objects.child_of(course).get()
    assert (quiz.max_attempts, quiz.pass_mark) == (3, 60)
    assert quiz.url == "/concientizacion/eficiencia-oficina/evaluacion/"
