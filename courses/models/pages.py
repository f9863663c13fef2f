"""Course content as Wagtail pages: platform catalog → course → lessons and one quiz."""

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonStreamBlock


class LearningPlatform(models.TextChoices):
    """The two course platforms; each value is also its URL prefix and account realm."""

    CAPACITACION = "capacitacion", _("Capacitación")
    CONCIENTIZACION = "concientizacion", _("Concientización")


# Paths under /<platform>/ that belong to views, so no course may take them as slug.
RESERVED_SLUGS = frozenset(
    {
        "registro",
        "mis-cursos",
        "privacidad",
        "recordatorios",
        "ingresar",
        "salir",
        "contrasena",
        "cuenta",
        "2fa",
    }
)

# Sub-paths of a course page (enrolment, "Continuar"): no lesson may take them as slug.
COURSE_ROUTES = frozenset({"inscribirme", "continuar"})

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CoursePageBase(Page):
    """What course, lesson and quiz pages share: personal pages, kept out of sitemaps."""

    #: Slugs the page may not take: its parent serves its own views there.
    reserved_slugs: frozenset[str] = COURSE_ROUTES

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.slug in self.reserved_slugs:
            raise ValidationError(
                {
                    "slug": _("«%(slug)s» es una dirección reservada.")
                    % {"slug": self.slug}
                }
            )

    def get_sitemap_urls(self, request=None):
        return []

    @property
    def parent_path(self) -> str:
        """Tree path of the parent page (the course, for lessons and quizzes)."""
        return self.path[: -self.steplen]


class CourseIndexPage(Page):
    """The catalog of one platform; its address is the platform's own (/capacitacion/…)."""

    platform = models.CharField(
        _("plataforma"), max_length=20, choices=LearningPlatform.choices, unique=True
    )
    intro = RichTextField(_("presentación"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("platform"), FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = len(LearningPlatform.choices)

    class Meta:
        verbose_name = _("catálogo de cursos")
        verbose_name_plural = _("catálogos de cursos")

    def clean(self):
        # The address must be the platform's: its session cookie is chosen by the path.
        if self.platform:
            self.slug = self.platform
        super().clean()

    def serve(self, request, *args, **kwargs):
        from ..views import learner

        return learner.catalog_for_page(request, self)


class CoursePage(RoutablePageMixin, CoursePageBase):
    """A course: its description, hours and audience, and how it is completed."""

    class CompletionRule(models.TextChoices):
        LESSONS_AND_QUIZ = (
            "lessons_quiz",
            _("Lecciones obligatorias y evaluación aprobada"),
        )
        LESSONS = "lessons", _("Solo lecciones obligatorias")
        QUIZ = "quiz", _("Solo evaluación aprobada")

    platform = models.CharField(
        _("plataforma"),
        max_length=20,
        choices=LearningPlatform.choices,
        editable=False,
        db_index=True,
        help_text=_("La del catálogo donde está el curso."),
    )
    summary = models.TextField(
        _("resumen"), max_length=400, help_text=_("Se muestra en el catálogo.")
    )
    description = RichTextField(
        _("descripción"), blank=True, features=["h2", "h3", *INTRO_FEATURES]
    )
    hours = models.PositiveSmallIntegerField(
        _("horas"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    audience = models.CharField(_("dirigido a"), max_length=255)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("imagen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completion_rule = models.CharField(
        _("regla de aprobación"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.LESSONS_AND_QUIZ,
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("plantilla del certificado"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_(
            "Vacío: la plantilla por defecto de la plataforma. Un cambio vale para "
            "los certificados que se emitan desde ahora."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("audience")]),
        FieldPanel("image"),
        FieldPanel("completion_rule"),
        FieldPanel("certificate_template"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("platform"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]
    reserved_slugs = RESERVED_SLUGS

    class Meta:
        verbose_name = _("curso")
        verbose_name_plural = _("cursos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=1), name="courses_course_hours_positive"
            )
        ]

    def save(self, *args, **kwargs):
        # Platform follows the catalog the course sits in (also after a move).
        if self.path and self.depth and self.depth > 1:
            parent_platform = (
                CourseIndexPage.objects.filter(path=self.parent_path)
                .values_list("platform", flat=True)
                .first()
            )
            if parent_platform:
                self.platform = parent_platform
        super().save(*args, **kwargs)

    @property
    def needs_lessons(self) -> bool:
        return self.completion_rule != self.CompletionRule.QUIZ

    @property
    def needs_quiz(self) -> bool:
        return self.completion_rule != self.CompletionRule.LESSONS

    @path("")
    def course_home(self, request):
        from ..views import learner

        return learner.course_home(request, self)

    @path("inscribirme/")
    def enrol(self, request):
        from ..views import learner

        return learner.enrol(request, self)

    @path("continuar/")
    def resume(self, request):
        from ..views import learner

        return learner.resume(request, self)

    def serve_preview(self, request, mode_name):
        from ..views import learner

        return learner.course_preview(request, self)


class LessonPage(CoursePageBase):
    """One lesson: blocks of text, images, video, documents, call-outs and self-checks."""

    summary = models.CharField(_("resumen"), max_length=255, blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("minutos estimados"), null=True, blank=True
    )
    is_required = models.BooleanField(
        _("obligatoria"),
        default=True,
        help_text=_("Cuenta para aprobar el curso."),
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("contenido"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("minutes"), FieldPanel("is_required")],
            heading=_("Lección"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lección")
        verbose_name_plural = _("lecciones")

    def serve(self, request, *args, **kwargs):
        from ..views import learner

        return learner.lesson(request, self)

    def serve_preview(self, request, mode_name):
        from ..views import learner

        return learner.lesson_preview(request, self)


class QuizPage(RoutablePageMixin, CoursePageBase):
    """The course's evaluation: questions drawn from the course's bank, with its rules."""

    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Intento con mayor puntaje")
        LAST = "last", _("Último intento")
        FIRST = "first", _("Primer intento")
        AVERAGE = "average", _("Promedio de los intentos")

    class Review(models.TextChoices):
        SCORE = "score", _("Solo el puntaje")
        MARKS = (
            "marks",
            _("Puntaje, correcta o incorrecta por pregunta y retroalimentación"),
        )
        ANSWERS = "answers", _("Todo lo anterior y las respuestas correctas")

    intro = RichTextField(_("instrucciones"), blank=True, features=INTRO_FEATURES)
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("preguntas por intento"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Se sortean del banco de preguntas del curso en cada intento."),
    )
    shuffle_questions = models.BooleanField(_("mezclar preguntas"), default=True)
    shuffle_choices = models.BooleanField(_("mezclar alternativas"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("nota de aprobación (%)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("intentos permitidos"),
        default=0,
        validators=[MaxValueValidator(50)],
        help_text=_("0 = sin límite."),
    )
    grading = models.CharField(
        _("calificación"),
        max_length=10,
        choices=Grading.choices,
        default=Grading.HIGHEST,
    )
    review = models.CharField(
        _("revisión después de cada intento"),
        max_length=10,
        choices=Review.choices,
        default=Review.MARKS,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("questions_per_attempt"), FieldPanel("pass_mark")]
                ),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("grading")]),
                FieldRowPanel(
                    [FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]
                ),
                FieldPanel("review"),
            ],
            heading=_("Reglas"),
        ),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="courses_quiz_pass_mark_range",
            ),
            models.CheckConstraint(
                condition=models.Q(questions_per_attempt__gte=1),
                name="courses_quiz_draws_questions",
            ),
        ]

    def grade(self, scores: Sequence[Decimal]) -> Decimal | None:
        """The quiz grade from the scores of the submitted attempts, oldest first."""
        if not scores:
            return None
        if self.grading == self.Grading.LAST:
            return scores[-1]
        if self.grading == self.Grading.FIRST:
            return scores[0]
        if self.grading == self.Grading.AVERAGE:
            return (sum(scores) / len(scores)).quantize(Decimal("0.01"))
        return max(scores)

    def passes(self, grade: Decimal | None) -> bool:
        return grade is not None and grade >= self.pass_mark

    @classmethod
    def can_create_at(cls, parent):
        # One evaluation per course.
        return super().can_create_at(parent) and not (
            cls.objects.child_of(parent).exists()
        )

    @path("")
    def overview(self, request):
        from ..views import quiz

        return quiz.overview(request, self)

    @path("intento/<int:number>/")
    def attempt(self, request, number):
        from ..views import quiz

        return quiz.take(request, self, number)

    @path("intento/<int:number>/resultado/")
    def result(self, request, number):
        from ..views import quiz

        return quiz.result(request, self, number)

    def serve_preview(self, request, mode_name):
        from ..views import quiz

        return quiz.preview(request, self)
