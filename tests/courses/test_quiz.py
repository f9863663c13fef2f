"""Quiz attempts: drawing, scoring, pass and fail, limits, double submits, tampering."""

from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from courses import services
from courses.models import AttemptAnswer, Choice, Enrolment, QuizAttempt, QuizPage
from tests.courses.factories import (
    build_course,
    correct_answers,
    make_learner,
    wrong_answers,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db


def ready(tree, learner=None):
    """An enrolment that has read every lesson."""
    learner = learner or make_learner()
    enrolment = services.enrol_learner(user=learner, course=tree.course)
    for lesson in tree.lessons:
        enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
    return enrolment


def set_quiz(tree, **fields):
    for name, value in fields.items():
        setattr(tree.quiz, name, value)
    tree.quiz.save_revision().publish()
    tree.quiz.refresh_from_db()


def answers_scoring(attempt, right: int):
    """Answers with exactly ``right`` questions correct."""
    good, bad = correct_answers(attempt), wrong_answers(attempt)
    return {
        q: (good[q] if n < right else bad[q])
        for n, q in enumerate(attempt.question_ids)
    }


@pytest.fixture
def tree():
    return build_course(lessons=2, questions=8)


def test_an_attempt_draws_distinct_active_questions_with_all_alternatives(tree):
    retired = tree.questions[0]
    retired.is_active = False
    retired.save()
    enrolment = ready(tree)
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    ids = attempt.question_ids
    assert len(ids) == 4 and len(set(ids)) == 4
    assert retired.pk not in ids
    assert set(ids) <= {q.pk for q in tree.questions}
    for item in attempt.layout:
        expected = set(
            Choice.objects.filter(question_id=item["q"]).values_list("pk", flat=True)
        )
        assert set(item["c"]) == expected and len(item["c"]) == 3


def test_draws_vary_between_attempts(tree):
    set_quiz(tree, questions_per_attempt=3)
    seen = set()
    for _ in range(8):
        enrolment = ready(tree)
        seen.add(
            tuple(
                services.start_attempt(enrolment=enrolment, quiz=tree.quiz).question_ids
            )
        )
    assert len(seen) > 1


def test_without_shuffling_the_bank_order_is_kept(tree):
    set_quiz(
        tree, questions_per_attempt=20, shuffle_questions=False, shuffle_choices=False
    )
    attempt = services.start_attempt(enrolment=ready(tree), quiz=tree.quiz)
    assert attempt.question_ids == [q.pk for q in tree.questions]
    for item in attempt.layout:
        ordered = list(
            Choice.objects.filter(question_id=item["q"])
            .order_by("sort_order")
            .values_list("pk", flat=True)
        )
        assert item["c"] == ordered


def test_the_quiz_opens_after_the_required_lessons(tree):
    enrolment = services.enrol_learner(user=make_learner(), course=tree.course)
    with pytest.raises(ValidationError) as error:
        services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    assert error.value.code == "lessons_pending"
    ready_enrolment = ready(tree, enrolment.user)
    assert services.start_attempt(enrolment=ready_enrolment, quiz=tree.quiz).number == 1


def test_an_open_attempt_is_resumed_not_duplicated(tree):
    enrolment = ready(tree)
    first = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    again = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    assert first.pk == again.pk and QuizAttempt.objects.count() == 1


@pytest.mark.parametrize(
    ("right", "score", "passed"),
    [(4, "100.00", True), (3, "75.00", True), (2, "50.00", False), (0, "0.00", False)],
)
def test_scoring_and_the_pass_mark(tree, right, score, passed):
    enrolment = ready(tree)
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    attempt = services.submit_attempt(
        attempt=attempt, answers=answers_scoring(attempt, right)
    )
    assert attempt.score == Decimal(score) and attempt.passed is passed
    assert (
        AttemptAnswer.objects.filter(attempt=attempt, is_correct=True).count() == right
    )
    enrolment.refresh_from_db()
    assert enrolment.score == Decimal(score)
    assert (enrolment.completed_at is not None) is passed


def test_exactly_the_pass_mark_passes(tree):
    set_quiz(tree, pass_mark=75)
    attempt = services.start_attempt(enrolment=ready(tree), quiz=tree.quiz)
    assert services.submit_attempt(
        attempt=attempt, answers=answers_scoring(attempt, 3)
    ).passed


def test_a_multiple_choice_question_needs_every_right_alternative(tree):
    set_quiz(tree, questions_per_attempt=20)
    attempt = services.start_attempt(enrolment=ready(tree), quiz=tree.quiz)
    answers = correct_answers(attempt)
    multiple = next(q for q, ids in answers.items() if len(ids) == 2)
    answers[multiple] = answers[multiple][:1]
    attempt = services.submit_attempt(attempt=attempt, answers=answers)
    answer = AttemptAnswer.objects.get(attempt=attempt, question_id=multiple)
    assert answer.is_correct is False
    assert attempt.score == Decimal(100 * 7 / 8).quantize(Decimal("0.01"))


def test_the_attempt_limit_holds(tree, client):
    set_quiz(tree, max_attempts=2)
    enrolment = ready(tree)
    for _ in range(2):
        attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
        services.submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    with pytest.raises(ValidationError) as error:
        services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    assert error.value.code == "attempt_limit"
    login(client, enrolment.user)
    response = client.post(tree.quiz.url, follow=True)
    assert "Ya usó los 2 intentos permitidos" in response.content.decode()
    assert QuizAttempt.objects.count() == 2


def test_no_new_attempt_after_passing(tree):
    enrolment = ready(tree)
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    services.submit_attempt(attempt=attempt, answers=correct_answers(attempt))
    with pytest.raises(ValidationError) as error:
        services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    assert error.value.code == "passed"


def test_a_second_submission_changes_nothing(tree):
    enrolment = ready(tree)
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    services.submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    with pytest.raises(ValidationError) as error:
        services.submit_attempt(attempt=attempt, answers=correct_answers(attempt))
    assert error.value.code == "submitted"
    attempt.refresh_from_db()
    enrolment.refresh_from_db()
    assert attempt.score == 0 and enrolment.score == 0
    assert enrolment.completed_at is None
    assert AttemptAnswer.objects.count() == 4


def test_a_double_post_from_the_browser_is_counted_once(tree, client):
    enrolment = ready(tree)
    login(client, enrolment.user)
    start = client.post(tree.quiz.url)
    url = start["Location"]
    assert url == tree.quiz.url + "intento/1/"
    attempt = QuizAttempt.objects.get()
    data = {
        f"q{q}": [str(c) for c in ids] for q, ids in correct_answers(attempt).items()
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first["Location"] == url + "resultado/"
    assert "ya había sido enviado" in second.content.decode()
    assert AttemptAnswer.objects.count() == 4
    enrolment.refresh_from_db()
    assert enrolment.score == 100 and enrolment.completed_at is not None


def test_tampered_ids_are_refused_by_the_service(tree):
    attempt = services.start_attempt(enrolment=ready(tree), quiz=tree.quiz)
    foreign_question = next(
        q for q in tree.questions if q.pk not in attempt.question_ids
    )
    foreign_choice = foreign_question.choices.first().pk
    first = attempt.question_ids[0]
    cases = [
        {foreign_question.pk: [foreign_choice]},
        {first: [foreign_choice]},
        {first: ["uno"]},
    ]
    single = next(
        item for item in attempt.layout if len(correct_answers(attempt)[item["q"]]) == 1
    )
    cases.append({single["q"]: single["c"][:2]})
    for answers in cases:
        with pytest.raises(ValidationError) as error:
            services.submit_attempt(attempt=attempt, answers=answers)
        assert error.value.code == "tampered"
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not AttemptAnswer.objects.exists()


def test_a_tampered_form_shows_an_error_and_keeps_the_attempt_open(tree, client):
    enrolment = ready(tree)
    login(client, enrolment.user)
    client.post(tree.quiz.url)
    attempt = QuizAttempt.objects.get()
    data = {
        f"q{q}": [str(c) for c in ids] for q, ids in correct_answers(attempt).items()
    }
    outsider = next(q for q in tree.questions if q.pk not in attempt.question_ids)
    first = attempt.question_ids[0]
    data[f"q{first}"] = [str(outsider.choices.first().pk)]
    response = client.post(tree.quiz.url + "intento/1/", data)
    assert response.status_code == 400
    assert "Elija una de las alternativas" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_unanswered_questions_are_asked_for_and_answers_kept(tree, client):
    enrolment = ready(tree)
    login(client, enrolment.user)
    client.post(tree.quiz.url)
    attempt = QuizAttempt.objects.get()
    answers = correct_answers(attempt)
    first = attempt.question_ids[0]
    data = {f"q{first}": [str(c) for c in answers[first]]}
    response = client.post(tree.quiz.url + "intento/1/", data)
    html = response.content.decode()
    assert response.status_code == 400 and html.count("Responda esta pregunta") == 3
    assert f'value="{answers[first][0]}"' in html and "checked" in html


def test_another_learners_attempt_is_not_found(tree, client):
    mine = ready(tree)
    services.start_attempt(enrolment=mine, quiz=tree.quiz)
    other = ready(tree)
    login(client, other.user)
    assert client.get(tree.quiz.url + "intento/1/").status_code == 404
    assert client.get(tree.quiz.url + "intento/1/resultado/").status_code == 404


def test_grading_methods():
    quiz = QuizPage(pass_mark=60)
    scores = [Decimal("40"), Decimal("80"), Decimal("50")]
    expected = {
        QuizPage.Grading.HIGHEST: Decimal("80"),
        QuizPage.Grading.LAST: Decimal("50"),
        QuizPage.Grading.FIRST: Decimal("40"),
        QuizPage.Grading.AVERAGE: Decimal("56.67"),
    }
    for method, grade in expected.items():
        quiz.grading = method
        assert quiz.grade(scores) == grade
    assert quiz.grade([]) is None
    quiz.grading = QuizPage.Grading.AVERAGE
    assert not quiz.passes(quiz.grade(scores))


def test_a_failed_then_passed_attempt_keeps_the_highest_grade(tree):
    enrolment = ready(tree)
    first = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    services.submit_attempt(attempt=first, answers=answers_scoring(first, 1))
    second = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    assert second.number == 2
    services.submit_attempt(attempt=second, answers=answers_scoring(second, 4))
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.score == 100 and enrolment.completed_at is not None


@pytest.mark.parametrize(
    ("review", "feedback", "answers"),
    [("score", False, False), ("marks", True, False), ("answers", True, True)],
)
def test_the_review_shows_what_the_quiz_allows(tree, client, review, feedback, answers):
    set_quiz(tree, review=review)
    enrolment = ready(tree)
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    services.submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    login(client, enrolment.user)
    html = client.get(tree.quiz.url + "intento/1/resultado/").content.decode()
    assert "0 %" in html and "No alcanzó la nota mínima" in html
    assert ("Explicación" in html) is feedback
    assert ("Incorrecta" in html) is feedback
    assert ('badge badge-ok">Correcta' in html) is answers
    assert "Intentar de nuevo" in html
