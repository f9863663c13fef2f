"""The expected answer of every project URL to every actor (see matrix.py)."""

from tests.security.matrix import (
    GESTION_ACTORS,
    WORLD_BUILDERS,
    Rule,
    everyone,
    gestion_only,
    learner_only,
)
from tests.security.rules_certificates import CERTIFICATE_RULES  # noqa: E402
from tests.security.rules_cms import CMS_PAGE_RULES, CMS_RULES  # noqa: E402
from tests.security.rules_collaborators import COLLABORATORS_RULES  # noqa: E402
from tests.security.rules_courses import COURSE_PAGE_RULES, COURSE_RULES  # noqa: E402
from tests.security.rules_energy import ENERGY_RULES  # noqa: E402
from tests.security.rules_estado_verde import ESTADO_VERDE_RULES  # noqa: E402
from tests.security.rules_fleet import FLEET_RULES  # noqa: E402
from tests.security.rules_management import MANAGEMENT_RULES  # noqa: E402

PLATFORMS = ("gestion", "flota", "capacitacion", "concientizacion")
LEARNING = ("capacitacion", "concientizacion")


def learner_of(slug: str) -> str:
    return "learner_cap" if slug == "capacitacion" else "learner_con"


def login_page(slug: str) -> dict:
    """Everyone sees the form; a signed-in user of the platform is sent on (302)."""
    if slug in LEARNING:
        return everyone(200, **{learner_of(slug): 302})
    return everyone(200, **dict.fromkeys(GESTION_ACTORS, 302))


def own_pages(slug: str) -> dict:
    return learner_only(slug) if slug in LEARNING else gestion_only()


def two_factor_setup(slug: str) -> dict:
    """Learners may enrol an app; verified Gestión users may replace theirs."""
    if slug in LEARNING:
        return everyone(302, **{learner_of(slug): 200})
    return everyone(302, **dict.fromkeys(GESTION_ACTORS, 200))


def helpdesk_world(world) -> None:
    """A ticket of the own service with an attachment, and a private link to it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lms.helpdesk.models import HelpTopic
    from lms.helpdesk.services import issue_access_link, open_ticket

    ticket = open_ticket(
        topic=HelpTopic.objects.get(slug="cambio-de-medidor"),
        subject="Cambio de medidor",
        body="Cambiaron el medidor.",
        email="gestor@servicio.example",
        name="Gestor",
        user=world.users["gestor_servicio"],
        service=world.own,
        files=[SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta")],
    )
    link = issue_access_link(ticket=ticket)
    world.objects["helpdesk_ticket"] = ticket
    world.objects["helpdesk_token"] = link.rstrip("/").rsplit("/", 1)[-1]
    world.objects["helpdesk_attachment"] = ticket.messages.get().attachments.get()


WORLD_BUILDERS.append(helpdesk_world)


def helpdesk_staff(status_for_agents: int = 200) -> dict:
    """Help-desk admin views: agents and administrators in; Wagtail sends others away."""
    return everyone(
        302, agente_soporte=status_for_agents, administrador=status_for_agents
    )


def for_platforms(expect, slugs=PLATFORMS, **extra_kwargs) -> dict[str, Rule]:
    return {
        slug: Rule(
            expect(slug) if callable(expect) else expect,
            {"platform": slug, **extra_kwargs},
        )
        for slug in slugs
    }


# name -> {variant: Rule}; a variant is the URL's platform argument, or "" when it has none.
RULES: dict[str, dict[str, Rule]] = {
    "accounts:login": for_platforms(login_page),
    # POST only: a GET never logs anyone out.
    "accounts:logout": for_platforms(everyone(405)),
    "accounts:password-reset": for_platforms(everyone(200)),
    "accounts:password-reset-done": for_platforms(everyone(200)),
    # A made-up token shows the "link no longer valid" page, to anyone.
    "accounts:password-reset-confirm": for_platforms(
        everyone(200), uidb64="MQ", token="x-y"
    ),
    "accounts:password-reset-complete": for_platforms(everyone(200)),
    "accounts:account": for_platforms(own_pages),
    "accounts:password-change": for_platforms(own_pages),
    "accounts:personal-data": for_platforms(own_pages),
    # Gestión accounts see a page saying their service manages them (erasure is for learners).
    "accounts:erase-account": for_platforms(own_pages),
    # Verified users are sent on; others to the login or to enrolment.
    "accounts:2fa-verify": for_platforms(everyone(302)),
    "accounts:2fa-setup": for_platforms(two_factor_setup),
    "management:home": {"": Rule(gestion_only())},
    # POST only (the header's service selector).
    "management:select-service": {
        "": Rule({**gestion_only(), **dict.fromkeys(GESTION_ACTORS, 405)})
    },
    "fleet:home": {"": Rule(gestion_only())},
    # Help desk: public pages; the private link itself is the credential.
    "helpdesk:open": {"": Rule(everyone(200))},
    "helpdesk:create": {"": Rule(everyone(200))},
    "helpdesk:new-gestor": {"": Rule(everyone(200))},
    # Without a ticket opened in this session: back to the form.
    "helpdesk:created": {"": Rule(everyone(302))},
    "helpdesk:status": {"": Rule(everyone(200))},
    "helpdesk:status-sent": {"": Rule(everyone(200))},
    "helpdesk:ticket": {
        "": Rule(everyone(200), lambda w: {"token": w.objects["helpdesk_token"]})
    },
    "helpdesk:attachment": {
        "": Rule(
            everyone(200),
            lambda w: {
                "token": w.objects["helpdesk_token"],
                "pk": w.objects["helpdesk_attachment"].pk,
            },
        )
    },
    "helpdesk_admin:index": {"": Rule(helpdesk_staff())},
    "helpdesk_admin:ticket": {
        "": Rule(helpdesk_staff(), lambda w: {"pk": w.objects["helpdesk_ticket"].pk})
    },
    "helpdesk_admin:attachment": {
        "": Rule(
            helpdesk_staff(),
            lambda w: {
                "pk": w.objects["helpdesk_ticket"].pk,
                "attachment_id": w.objects["helpdesk_attachment"].pk,
            },
        )
    },
}

RULES.update(MANAGEMENT_RULES)
RULES.update(COURSE_RULES)
RULES.update(CMS_RULES)
RULES.update(CERTIFICATE_RULES)
RULES.update(ENERGY_RULES)
RULES.update(ESTADO_VERDE_RULES)
RULES.update(FLEET_RULES)
RULES.update(COLLABORATORS_RULES)

# Pages served from Wagtail's page tree (no URL name): label -> Rule with a path.
PAGE_RULES: dict[str, Rule] = {**COURSE_PAGE_RULES, **CMS_PAGE_RULES}

# URL names deliberately left out of the matrix, with the reason.
EXEMPT: dict[str, str] = {}
