"""Reads across course models: outlines, learner progress, catalog, reports.

Every function here runs a fixed number of queries, whatever the number of
learners, enrolments or attempts: pages of 300,000 learners stay fast.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Avg, Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast

from .models import (
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
)


@dataclass
class Outline:
    """A course's published lessons (tree order) and its quiz."""

    course: CoursePage
    lessons: list[LessonPage] = field(default_factory=list)
    quiz: QuizPage | None = None

    @property
    def required_lesson_ids(self) -> set[int]:
        return {lesson.pk for lesson in self.lessons if lesson.is_required}

    def position_of(self, lesson_id: int) -> int | None:
        for index, lesson in enumerate(self.lessons):
            if lesson.pk == lesson_id:
                return index
        return None


@dataclass
class Progress:
    """Where a learner stands in a course."""

    outline: Outline
    done_lesson_ids: set[int]
    scores: list[Decimal]
    completed: bool

    @property
    def grade(self) -> Decimal | None:
        return self.outline.quiz.grade(self.scores) if self.outline.quiz else None

    @property
    def quiz_passed(self) -> bool:
        quiz = self.outline.quiz
        return quiz is not None and quiz.passes(self.grade)

    @property
    def attempts_used(self) -> int:
        return len(self.scores)

    @property
    def required_done(self) -> bool:
        return self.outline.required_lesson_ids <= self.done_lesson_ids

    @property
    def steps_total(self) -> int:
        course = self.outline.course
        lessons = len(self.outline.required_lesson_ids) if course.needs_lessons else 0
        quiz = 1 if course.needs_quiz and self.outline.quiz is not None else 0
        return lessons + quiz

    @property
    def steps_done(self) -> int:
        if self.completed:
            return self.steps_total
        course = self.outline.course
        done = (
            len(self.outline.required_lesson_ids & self.done_lesson_ids)
            if course.needs_lessons
            else 0
        )
        if course.needs_quiz and self.quiz_passed:
            done += 1
        return done

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        total = self.steps_total
        return int(100 * self.steps_done / total) if total else 0

    @property
    def next_lesson(self) -> LessonPage | None:
        """The first lesson, in course order, not yet read."""
        for lesson in self.outline.lessons:
            if lesson.pk not in self.done_lesson_ids:
                return lesson
        return None

    @property
    def quiz_open(self) -> bool:
        """The quiz may be taken once the required lessons are read (or never needed)."""
        return self.outline.quiz is not None and (
            not self.outline.course.needs_lessons or self.required_done
        )

    @property
    def requirements_met(self) -> bool:
        course = self.outline.course
        lessons_ok = not course.needs_lessons or self.required_done
        quiz_ok = not course.needs_quiz or self.quiz_passed
        return lessons_ok and quiz_ok

    def next_page(self):
        """Where "Continuar" goes: the next unread lesson, else the quiz, else the course."""
        lesson = self.next_lesson
        if lesson is not None:
            return lesson
        if (
            self.outline.quiz is not None
            and not self.quiz_passed
            and not self.completed
        ):
            return self.outline.quiz
        return self.outline.course


def _children_q(courses: Iterable[CoursePage]) -> Q:
    return reduce(
        or_,
        (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses),
        Q(pk__in=[]),
    )


def outlines_for(courses: Sequence[CoursePage]) -> dict[int, Outline]:
    """Outlines of several courses in two queries."""
    outlines = {course.pk: Outline(course=course) for course in courses}
    if not courses:
        return outlines
    by_path = {course.path: outlines[course.pk] for course in courses}
    children = _children_q(courses)
    for lesson in (
        LessonPage.objects.live().filter(children).defer("body").order_by("path")
    ):
        by_path[lesson.parent_path].lessons.append(lesson)
    for quiz in QuizPage.objects.live().filter(children).order_by("path"):
        outline = by_path[quiz.parent_path]
        if outline.quiz is None:
            outline.quiz = quiz
    return outlines


def course_outline(course: CoursePage) -> Outline:
    """The outline of one course."""
    return outlines_for([course])[course.pk]


def progress_for(
    enrolments: Sequence[Enrolment], outlines: dict[int, Outline]
) -> dict[int, Progress]:
    """Progress of several enrolments in two queries."""
    ids = [e.pk for e in enrolments]
    done: dict[int, set[int]] = defaultdict(set)
    scores: dict[int, list[Decimal]] = defaultdict(list)
    if ids:
        for enrolment_id, lesson_id in LessonCompletion.objects.filter(
            enrolment_id__in=ids
        ).values_list("enrolment_id", "lesson_id"):
            done[enrolment_id].add(lesson_id)
        quiz_ids = {o.quiz.pk for o in outlines.values() if o.quiz is not None}
        for enrolment_id, score in (
            QuizAttempt.objects.filter(
                enrolment_id__in=ids, quiz_id__in=quiz_ids, submitted_at__isnull=False
            )
            .order_by("number")
            .values_list("enrolment_id", "score")
        ):
            scores[enrolment_id].append(score)
    return {
        e.pk: Progress(
            outline=outlines[e.course_id],
            done_lesson_ids=done[e.pk],
            scores=scores[e.pk],
            completed=e.completed_at is not None,
        )
        for e in enrolments
    }


def enrolment_progress(enrolment: Enrolment, outline: Outline) -> Progress:
    """The progress of one enrolment."""
    return progress_for([enrolment], {enrolment.course_id: outline})[enrolment.pk]


def enrolment_of(user, course: CoursePage) -> Enrolment | None:
    """The user's enrolment in the course, if any."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def catalog(platform: str) -> list[CoursePage]:
    """The published courses of a platform, in tree order."""
    return list(
        CoursePage.objects.live()
        .filter(platform=platform)
        .select_related("image")
        .order_by("path")
    )


def enrolments_by_course(user, courses: Iterable[CoursePage]) -> dict[int, Enrolment]:
    """The user's enrolments in these courses, by course id."""
    if not user.is_authenticated:
        return {}
    return {
        e.course_id: e
        for e in Enrolment.objects.filter(user=user, course__in=list(courses))
    }


@dataclass
class MyCourse:
    enrolment: Enrolment
    progress: Progress
    certificate_url: str = ""

    @property
    def course(self) -> CoursePage:
        return self.enrolment.course


def my_courses(user, platform: str) -> list[MyCourse]:
    """Every enrolment of the learner on a platform, newest first, with its progress."""
    enrolments = list(
        Enrolment.objects.filter(user=user, course__platform=platform)
        .select_related("course")
        .order_by("-enrolled_at")
    )
    outlines = outlines_for([e.course for e in enrolments])
    progress = progress_for(enrolments, outlines)
    return [MyCourse(enrolment=e, progress=progress[e.pk]) for e in enrolments]


# Reports --------------------------------------------------------------------------

REPORT_GROUPS = {
    "course": ("course_id", "course__title", "course__platform"),
    "institution": (
        "course_id",
        "course__title",
        "course__platform",
        "institution_id",
        "institution__name",
    ),
    "service": (
        "course_id",
        "course__title",
        "course__platform",
        "service_id",
        "service__name",
        "institution__name",
    ),
}


def completion_report(enrolments: QuerySet, group_by: str) -> QuerySet:
    """Enrolled, not started, in progress, completed, rate and average score per group."""
    keys = REPORT_GROUPS[group_by]
    return (
        enrolments.order_by()
        .values(*keys)
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            in_progress=Count(
                "pk",
                filter=Q(completed_at__isnull=True, last_activity_at__isnull=False),
            ),
            not_started=Count(
                "pk", filter=Q(completed_at__isnull=True, last_activity_at__isnull=True)
            ),
            average_score=Avg("score"),
        )
        .annotate(
            completion_rate=Cast(F("completed") * 100, FloatField()) / F("enrolled")
        )
        .order_by(*keys[1:2], *keys[4:5])
    )


def report_totals(enrolments: QuerySet) -> dict:
    """The same figures over every filtered enrolment."""
    totals = enrolments.order_by().aggregate(
        enrolled=Count("pk"),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        in_progress=Count(
            "pk", filter=Q(completed_at__isnull=True, last_activity_at__isnull=False)
        ),
        average_score=Avg("score"),
    )
    enrolled = totals["enrolled"] or 0
    totals["completion_rate"] = (
        100 * totals["completed"] / enrolled if enrolled else None
    )
    return totals
