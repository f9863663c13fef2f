"""Authorization rules of the course platforms: their named URLs and the Wagtail-served
course pages (catalog, course home, lesson, quiz) of each platform."""

from tests.security.matrix import ACTORS, WORLD_BUILDERS, Rule, everyone

LEARNING = ("capacitacion", "concientizacion")


def learner_of(slug: str) -> str:
    return "learner_cap" if slug == "capacitacion" else "learner_con"


def courses_world(world) -> None:
    """A course on each platform (lessons and quiz); each learner enrolled in their own."""
    from django.utils import timezone

    from courses.models import LearnerProfile
    from courses.services import enrol_learner
    from tests.courses.factories import build_course

    for slug, actor in (
        ("capacitacion", "learner_cap"),
        ("concientizacion", "learner_con"),
    ):
        LearnerProfile.objects.get_or_create(
            user=world.users[actor],
            defaults={
                "service": world.own,
                "institution": world.own.institution,
                "email_confirmed_at": timezone.now(),
                "privacy_accepted_at": timezone.now(),
            },
        )
        tree = build_course(platform=slug, title=f"Curso {slug}", slug=f"curso-{slug}")
        world.objects[f"course_{slug}"] = tree
        enrol_learner(user=world.users[actor], course=tree.course)


WORLD_BUILDERS.append(courses_world)


def _course(slug):
    return lambda w: w.objects[f"course_{slug}"]


def own_learner(slug: str, *, others: int = 302) -> dict:
    """Only the learner of this platform (enrolled) gets the page; everyone else its login."""
    expect = dict.fromkeys(ACTORS, others)
    expect[learner_of(slug)] = 200
    return expect


def course_rules() -> dict[str, dict[str, Rule]]:
    rules: dict[str, dict[str, Rule]] = {}
    for name, expect in {
        "courses:landing": lambda s: everyone(200),
        "courses:my-courses": own_learner,
        # A learner already signed in on the platform is sent on to their courses.
        "courses:register": lambda s: everyone(200, **{learner_of(s): 302}),
        "courses:register-sent": lambda s: everyone(200),
        "courses:resend-confirmation": lambda s: everyone(200),
        "courses:privacy": lambda s: everyone(200),
    }.items():
        rules[name] = {s: Rule(expect(s), {"platform": s}) for s in LEARNING}
    # A made-up confirmation token is refused (400) whoever asks; unsubscribing asks first.
    rules["courses:confirm"] = {
        s: Rule(everyone(400), {"platform": s, "token": "x"}) for s in LEARNING
    }
    rules["courses:unsubscribe"] = {
        s: Rule(everyone(200), {"platform": s, "token": "x"}) for s in LEARNING
    }
    # Staff reports in the Wagtail admin: others are sent away (Wagtail redirects).
    reports = everyone(302, administrador=200, revisor_red=200)
    rules["course_reports:index"] = {"": Rule(reports)}
    rules["course_reports:enrolments"] = {"": Rule(reports)}
    return rules


def course_page_rules() -> dict[str, Rule]:
    """Wagtail-served course pages: only the enrolled learner of that platform."""
    rules = {}
    for slug in LEARNING:
        tree = _course(slug)
        rules[f"{slug}: course home"] = Rule(
            own_learner(slug), path=lambda w, t=tree: t(w).course.url
        )
        rules[f"{slug}: lesson"] = Rule(
            own_learner(slug), path=lambda w, t=tree: t(w).lessons[0].url
        )
        rules[f"{slug}: quiz"] = Rule(
            own_learner(slug), path=lambda w, t=tree: t(w).quiz.url
        )
    return rules


COURSE_RULES = course_rules()
COURSE_PAGE_RULES = course_page_rules()
