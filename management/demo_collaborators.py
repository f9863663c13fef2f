"""Demo concientized collaborators: fictitious people who took the awareness course.

Runs after the demo courses and certificates, so completions made there are already
in the lists; this adds classmates in several demo services (this year and last
year) and the collaborators those services declared, so the lists and the O1-RT3
indicator show real numbers. Idempotent: people are found by e-mail.
"""

import datetime as dt

from django.utils import timezone

from certificates.models import Certificate
from courses import services as course_services
from courses.models import CoursePage, Enrolment, LearnerProfile, LearningPlatform
from lms.accounts.demo import DEMO_PASSWORD, demo_email
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.core.rut import check_digit

from .models import AggregateInformation, ConcientizedCollaborator, Service, Unit
from .services.collaborators import enter_past_completions

FIRST = ["Carla", "Tomás", "Isidora", "Felipe", "Antonia", "Vicente", "Fernanda"]
LAST = [
    "Gallardo Paz",
    "Venegas Ruiz",
    "Orellana Toro",
    "Sepúlveda Lagos",
    "Navarro Cid",
]
# service code: (completions this year, completions last year, officials, others)
PLAN = {
    "SUBENERGIA": (14, 6, 60, 12),
    "SEC": (8, 3, 40, 5),
    "SII": (11, 0, 120, 30),
    "TGR": (4, 2, 35, 0),
    "CNE": (0, 0, 25, 3),
}


def _person(code: str, n: int, service: Service) -> User:
    email = demo_email(f"colaborador{n:02d}.{code.lower()}")
    user = User.objects.with_email(email, Realm.CONCIENTIZACION).first()
    if user is None:
        number = 15_000_000 + n * 7919 + len(code) * 104_729
        user = User(
            email=email,
            realm=Realm.CONCIENTIZACION,
            first_name=FIRST[n % len(FIRST)],
            last_name=LAST[(n + len(code)) % len(LAST)],
            rut=f"{number}-{check_digit(number)}",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    now = timezone.now()
    LearnerProfile.objects.get_or_create(
        user=user,
        defaults={
            "institution": service.institution,
            "service": service,
            "privacy_accepted_at": now,
            "email_confirmed_at": now,
        },
    )
    return user


def _backdate(enrolment: Enrolment, when: dt.datetime) -> None:
    """Move a demo completion to last year, on every row that records it."""
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=when - dt.timedelta(days=3), completed_at=when
    )
    Certificate.objects.filter(enrolment=enrolment).update(completed_at=when)
    ConcientizedCollaborator.objects.filter(enrolment=enrolment).update(
        completed_at=when, year=when.year
    )


def load() -> list[str]:
    course = CoursePage.objects.filter(
        platform=LearningPlatform.CONCIENTIZACION
    ).first()
    if course is None:
        return []
    enter_past_completions()
    year = timezone.localdate().year
    last_year = timezone.make_aware(dt.datetime(year - 1, 10, 15, 11, 0))
    total = 0
    for code, (now_count, past_count, officials, others) in PLAN.items():
        service = Service.objects.filter(code=code).first()
        if service is None:
            continue
        units = list(
            Unit.objects.filter(service=service).values_list("name", flat=True)
        )
        for n in range(now_count + past_count):
            user = _person(code, n, service)
            enrolment = course_services.enrol_learner(user=user, course=course)
            if enrolment.completed_at is None:
                enrolment = course_services.complete_enrolment(enrolment=enrolment)
                if n >= now_count:
                    _backdate(enrolment, last_year + dt.timedelta(days=n))
                if units and n % 3 != 2:
                    ConcientizedCollaborator.objects.filter(enrolment=enrolment).update(
                        unit_name=units[n % len(units)]
                    )
            total += 1
        for y in (year - 1, year):
            AggregateInformation.objects.get_or_create(
                service=service,
                year=y,
                defaults={"officials": officials, "other_collaborators": others},
            )
    invited = _invitations_and_validation(year)
    return [
        "",
        f"Colaboradores concientizados de demostración: {total} en {len(PLAN)} "
        "servicios; lista en /gestion/informacion/concientizados/.",
        f"Invitaciones de demostración: {invited}; el listado {year - 1} de la "
        "Subsecretaría de Energía está validado y espera la revisión de la Red.",
    ]


def _invitations_and_validation(year: int) -> int:
    """A few invitations in the demo service (some already passed, some pending)
    and last year's list validated by the service, waiting for the Red."""
    from .models import CollaboratorInvitation, ListValidation
    from .services.collaborators import validate_list

    service = Service.objects.filter(code="SUBENERGIA").first()
    if service is None:
        return 0
    gestor = User.objects.with_email(
        demo_email("gestor.servicio"), Realm.GESTION
    ).first()
    people = [
        (demo_email(f"colaborador{n:02d}.subenergia"), "", "") for n in range(0, 4)
    ] + [
        (demo_email("invitada.nueva"), "Josefa", "Araya Muñoz"),
        (demo_email("invitado.nuevo"), "Martín", "Fuentes Rojas"),
    ]
    weeks_ago = timezone.now() - dt.timedelta(days=10)
    for email, first, last in people:
        CollaboratorInvitation.objects.get_or_create(
            service=service,
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "invited_by": gestor,
                "sent_at": weeks_ago,
            },
        )
    if not ListValidation.objects.filter(service=service, year=year - 1).exists():
        validate_list(by=gestor, service=service, year=year - 1)
    return len(people)
