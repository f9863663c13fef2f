"""Demo certificates: a template per platform and the demo learner certified on both.

The signatory is fictitious and the signature is a drawn squiggle. Idempotent: a
second run issues nothing and creates no template or image.
"""

import io
import math

from PIL import Image, ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from courses import services as course_services
from courses.models import Choice, CoursePage, Enrolment, LessonPage, QuizPage
from lms.accounts.demo import demo_email
from lms.accounts.realms import Realm

from .models import Certificate, CertificateTemplate
from .services import issue_for_enrolment

SIGNATURE_TITLE = "Firma de demostración (certificados)"
SIGNATORY = (
    "Andrea Valdés Fuentes",
    "Coordinadora nacional del programa Gestiona Energía (firma de demostración)",
)
TEMPLATES = {
    Realm.CAPACITACION: {
        "name": "Capacitación – plantilla general",
        "title": "Certificado de aprobación",
        "body": (
            "Por haber completado y aprobado el curso «{curso}», de la Plataforma "
            "de Capacitación para gestores energéticos del Sector Público."
        ),
        "accent_colour": "#0a2a4a",
    },
    Realm.CONCIENTIZACION: {
        "name": "Concientización – plantilla general",
        "title": "Certificado de participación",
        "body": (
            "Por haber completado y aprobado el curso «{curso}», que forma parte "
            "del Sistema Estado Verde del Sector Público."
        ),
        "accent_colour": "#1d6b38",
    },
}


def _signature_png() -> bytes:
    """A hand-drawn looking stroke (loops on a rising line), nobody's real signature."""
    image = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    ink = (20, 35, 80, 255)
    points = []
    for step in range(260):
        t = step / 259
        x = 40 + 500 * t + 34 * math.cos(t * 9 * math.pi)
        y = 120 - 40 * t - 55 * math.sin(t * 9 * math.pi) * (1 - 0.6 * t)
        points.append((x, y))
    draw.line(points, fill=ink, width=8, joint="curve")
    draw.line([(70, 170), (540, 150)], fill=ink, width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _signature():
    model = get_image_model()
    image = model.objects.filter(title=SIGNATURE_TITLE).first()
    if image is None:
        image = model(title=SIGNATURE_TITLE)
        image.file = ImageFile(io.BytesIO(_signature_png()), name="firma-demo.png")
        image.save()
    return image


def _templates() -> None:
    signature = _signature()
    for platform, fields in TEMPLATES.items():
        if CertificateTemplate.objects.filter(default_for=platform).exists():
            continue
        template = CertificateTemplate(
            default_for=platform,
            signatory_name=SIGNATORY[0],
            signatory_role=SIGNATORY[1],
            signature=signature,
            **fields,
        )
        template.full_clean()
        template.save()


def _complete(enrolment: Enrolment) -> Enrolment:
    """Read every lesson and pass the quiz, as the learner would."""
    course = enrolment.course
    for lesson in LessonPage.objects.live().child_of(course).order_by("path"):
        enrolment = course_services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.live().child_of(course).first()
    if quiz is not None and enrolment.completed_at is None:
        attempt = course_services.start_attempt(enrolment=enrolment, quiz=quiz)
        right = {
            question_id: list(
                Choice.objects.filter(
                    question_id=question_id, is_correct=True
                ).values_list("pk", flat=True)
            )
            for question_id in attempt.question_ids
        }
        course_services.submit_attempt(attempt=attempt, answers=right)
    return Enrolment.objects.get(pk=enrolment.pk)


def load() -> list[str]:
    _templates()
    lines = ["", "Certificados de demostración (verificación pública):"]
    for platform in (Realm.CAPACITACION, Realm.CONCIENTIZACION):
        course = CoursePage.objects.filter(platform=platform).order_by("path").first()
        enrolment = Enrolment.objects.filter(
            course=course, user__email=demo_email("aprendiz"), user__realm=platform
        ).first()
        if enrolment is None:
            continue
        if enrolment.completed_at is None:
            enrolment = _complete(enrolment)
        certificate = Certificate.objects.valid().filter(enrolment=enrolment).first()
        if certificate is not None:
            lines.append(
                f"  {Realm(platform).label:<18} {certificate.get_verification_url()}"
            )
    # Completions from before certificates existed get theirs too.
    for enrolment in Enrolment.objects.completed().filter(certificates__isnull=True):
        issue_for_enrolment(enrolment=enrolment)
    return lines
