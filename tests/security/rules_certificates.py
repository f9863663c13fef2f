"""Authorization rules of the certificates: public verification, the learner's own
download under each course platform, and the staff screens in the Wagtail admin."""

from tests.security.matrix import ACTORS, WORLD_BUILDERS, Rule, everyone

LEARNING = ("capacitacion", "concientizacion")


def learner_of(slug: str) -> str:
    return "learner_cap" if slug == "capacitacion" else "learner_con"


def certificates_world(world) -> None:
    """Each learner certified in a course of their platform; a ZIP the Administrador asked for."""
    from certificates import services
    from certificates.models import Certificate
    from courses import services as course_services
    from tests.courses.factories import build_course

    for slug in LEARNING:
        tree = build_course(
            platform=slug,
            title=f"Curso certificado {slug}",
            slug=f"curso-certificado-{slug}",
            lessons=1,
            questions=2,
        )
        enrolment = course_services.enrol_learner(
            user=world.users[learner_of(slug)], course=tree.course
        )
        course_services.complete_enrolment(enrolment=enrolment)
        world.objects[f"certificate_{slug}"] = Certificate.objects.get(
            enrolment=enrolment
        )
    archive = services.request_archive(by=world.users["administrador"])
    services.build_archive(archive_id=archive.pk)
    world.objects["certificate_archive"] = archive


WORLD_BUILDERS.append(certificates_world)


def _code(slug: str):
    return lambda w: {"code": w.objects[f"certificate_{slug}"].display_code}


def own_learner(slug: str) -> dict:
    """The certified learner downloads; everyone else is anonymous there (login)."""
    expect = dict.fromkeys(ACTORS, 302)
    expect[learner_of(slug)] = 200
    return expect


def staff(*allowed: str, status: int = 200) -> dict:
    """Wagtail admin screens: listed staff get ``status``, Wagtail sends the rest away."""
    return everyone(302, **dict.fromkeys(allowed, status))


VIEWERS = ("administrador", "revisor_red", "agente_soporte")

CERTIFICATE_RULES: dict[str, dict[str, Rule]] = {
    # Public, no login: the form and what the QR code opens.
    "certificates:verify": {"": Rule(everyone(200))},
    "certificates:verify-code": {"": Rule(everyone(200), _code("concientizacion"))},
    "courses:certificate": {
        slug: Rule(own_learner(slug), lambda w, s=slug: {"platform": s, **_code(s)(w)})
        for slug in LEARNING
    },
    "certificates_admin:index": {"": Rule(staff(*VIEWERS))},
    "certificates_admin:detail": {"": Rule(staff(*VIEWERS), _code("capacitacion"))},
    "certificates_admin:pdf": {"": Rule(staff(*VIEWERS), _code("capacitacion"))},
    "certificate_archives:index": {"": Rule(staff("administrador", "revisor_red"))},
    # Only whoever asked for a ZIP downloads it: another reviewer finds nothing.
    "certificate_archives:download": {
        "": Rule(
            {**staff("administrador"), "revisor_red": 404},
            lambda w: {"pk": w.objects["certificate_archive"].pk},
        )
    },
}
