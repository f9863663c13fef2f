"""The course platforms' part of a learner's data download and account erasure."""

from .models import Enrolment, LearnerProfile


def export_learner_data(*, user) -> dict:
    """Profile, enrolments and quiz attempts of ``user``."""
    profile = (
        LearnerProfile.objects.filter(user=user)
        .select_related("institution", "service")
        .first()
    )
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course")
        .prefetch_related("attempts")
        .order_by("enrolled_at")
    )
    return {
        "perfil": None
        if profile is None
        else {
            "institucion": str(profile.institution),
            "servicio": str(profile.service),
            "aviso_de_privacidad_aceptado": profile.privacy_accepted_at.isoformat(),
            "correo_confirmado": profile.email_confirmed_at.isoformat()
            if profile.email_confirmed_at
            else None,
            "sin_recordatorios": profile.reminders_opt_out,
        },
        "cursos": [
            {
                "curso": enrolment.course.title,
                "inscrito": enrolment.enrolled_at.isoformat(),
                "completado": enrolment.completed_at.isoformat()
                if enrolment.completed_at
                else None,
                "nota": float(enrolment.score) if enrolment.score is not None else None,
                "intentos": [
                    {
                        "inicio": attempt.started_at.isoformat(),
                        "nota": float(attempt.score)
                        if attempt.score is not None
                        else None,
                    }
                    for attempt in enrolment.attempts.all()
                ],
            }
            for enrolment in enrolments
        ],
    }


def erase_learner_data(*, user) -> None:
    """Courses keep no identity of their own beyond the user row: stop reminders only."""
    LearnerProfile.objects.filter(user=user).update(reminders_opt_out=True)
