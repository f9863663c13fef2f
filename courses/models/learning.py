"""Learners, their enrolments, lesson progress and quiz attempts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class LearnerProfile(models.Model):
    """What a course-platform account adds to the user: where the learner works."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learner_profile",
        verbose_name=_("usuario"),
    )
    institution = models.ForeignKey(
        "management.Institution",
        on_delete=models.PROTECT,
        related_name="learner_profiles",
        verbose_name=_("institución"),
    )
    service = models.ForeignKey(
        "management.Service",
        on_delete=models.PROTECT,
        related_name="learner_profiles",
        verbose_name=_("servicio"),
    )
    privacy_accepted_at = models.DateTimeField(_("aceptó el aviso de privacidad"))
    email_confirmed_at = models.DateTimeField(
        _("correo confirmado"), null=True, blank=True
    )
    confirmation_sent_at = models.DateTimeField(
        _("último correo de confirmación"), null=True, blank=True
    )
    reminders_opt_out = models.BooleanField(_("no quiere recordatorios"), default=False)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("perfil de estudiante")
        verbose_name_plural = _("perfiles de estudiantes")

    def __str__(self):
        return str(self.user)


class EnrolmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def open(self):
        return self.filter(completed_at__isnull=True)

    def for_platform(self, platform: str):
        return self.filter(course__platform=platform)


class Enrolment(models.Model):
    """A learner in a course, from enrolment to completion (set once, never undone)."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Sin iniciar")
        IN_PROGRESS = "in_progress", _("En curso")
        COMPLETED = "completed", _("Completado")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("estudiante"),
    )
    # PROTECT: an issued completion must survive; editors unpublish courses instead.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("curso"),
    )
    # Where the learner worked when enrolling: reports count them there.
    institution = models.ForeignKey(
        "management.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institución"),
    )
    service = models.ForeignKey(
        "management.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("servicio"),
    )
    enrolled_at = models.DateTimeField(_("inscrito el"))
    last_activity_at = models.DateTimeField(
        _("última actividad"), null=True, blank=True
    )
    completed_at = models.DateTimeField(_("completado el"), null=True, blank=True)
    score = models.DecimalField(
        _("puntaje (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(
        _("último recordatorio"), null=True, blank=True
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        permissions = [
            ("view_course_reports", _("Puede ver los informes de cursos")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="courses_enrolment_unique"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=F("enrolled_at")),
                name="courses_enrolment_completed_after_enrolled",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="courses_enrolment_score_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["course", "service", "completed_at"],
                name="courses_enrol_course_service",
            ),
            models.Index(
                fields=["completed_at", "last_activity_at"],
                name="courses_enrol_stalled",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"

    @property
    def state(self) -> str:
        if self.completed_at is not None:
            return self.State.COMPLETED
        if self.last_activity_at is not None:
            return self.State.IN_PROGRESS
        return self.State.NOT_STARTED

    def get_state_display(self) -> str:
        return self.State(self.state).label

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    """A lesson the learner read to its end."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="lesson_completions",
        verbose_name=_("inscripción"),
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.CASCADE,
        related_name="completions",
        verbose_name=_("lección"),
    )
    completed_at = models.DateTimeField(_("leída el"))

    class Meta:
        verbose_name = _("lección completada")
        verbose_name_plural = _("lecciones completadas")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="courses_lesson_done_once"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id} · {self.lesson_id}"


class QuizAttempt(models.Model):
    """One try at a course's quiz: the questions drawn, in the order shown, and its score."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("inscripción"),
    )
    quiz = models.ForeignKey(
        "courses.QuizPage",
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("evaluación"),
    )
    number = models.PositiveSmallIntegerField(_("intento N°"))
    # [{"q": question id, "c": [choice ids in the order shown]}, …]
    layout = models.JSONField(_("preguntas sorteadas"))
    started_at = models.DateTimeField(_("iniciado"))
    submitted_at = models.DateTimeField(_("enviado"), null=True, blank=True)
    score = models.DecimalField(
        _("puntaje (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("aprobado"), null=True, blank=True)

    class Meta:
        verbose_name = _("intento de evaluación")
        verbose_name_plural = _("intentos de evaluación")
        ordering = ["enrolment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="courses_attempt_number"
            ),
            # At most one unfinished attempt at a time.
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="courses_attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(
                    submitted_at__isnull=True, score__isnull=True, passed__isnull=True
                )
                | Q(
                    submitted_at__isnull=False,
                    score__gte=0,
                    score__lte=100,
                    passed__isnull=False,
                ),
                name="courses_attempt_scored_when_submitted",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="courses_attempt_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment_id} · {self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def question_ids(self) -> list[int]:
        return [item["q"] for item in self.layout]


class AttemptAnswer(models.Model):
    """The alternatives chosen for one question of an attempt."""

    attempt = models.ForeignKey(
        QuizAttempt,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("intento"),
    )
    question = models.ForeignKey(
        "courses.Question",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("pregunta"),
    )
    selected = models.JSONField(_("alternativas elegidas"), default=list)
    is_correct = models.BooleanField(_("correcta"))

    class Meta:
        verbose_name = _("respuesta")
        verbose_name_plural = _("respuestas")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="courses_answer_once"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id} · {self.question_id}"
