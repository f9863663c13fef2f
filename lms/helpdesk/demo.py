"""Demo tickets in every state; requesters are fictitious, e-mails on .example domains."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lms.accounts.demo import demo_email
from lms.accounts.models import User
from lms.accounts.realms import Realm
from management.demo import demo_service

from .access import hash_token, new_token
from .models import AccessToken, HelpTopic, Message, Ticket
from .services import next_ticket_number

S = Ticket.Status
K = Message.Kind

# (topic slug, subject, requester, e-mail, status, hours ago, assigned, thread)
TICKETS = [
    (
        "registro-de-boletas-consumos",
        "No puedo cargar la boleta de marzo",
        "Patricia Rojas Vidal",
        "patricia.rojas@hospital-demo.example",
        S.OPEN,
        80,
        False,
        [
            (
                K.REQUEST,
                "Al guardar la boleta de electricidad de marzo la plataforma indica que "
                "el periodo se traslapa con otra boleta, pero la de febrero termina el "
                "28. ¿Cómo lo corrijo?",
            )
        ],
    ),
    (
        "cambio-de-medidor",
        "Cambio de medidor en el edificio central",
        "Tomás Fuentes Araya",
        "tomas.fuentes@municipio-demo.example",
        S.IN_PROGRESS,
        20,
        True,
        [
            (
                K.REQUEST,
                "La distribuidora reemplazó el medidor del edificio central. Adjunto el "
                "número nuevo: 4471-2203. ¿Debo crear un medidor nuevo o editar el actual?",
            ),
            (
                K.NOTE,
                "Revisar si la unidad comparte medidor con la bodega antes de responder.",
            ),
        ],
    ),
    (
        "nuevo-gestor-energetico",
        "Solicitud de cuenta para nueva gestora energética",
        "Carolina Muñoz Pérez",
        "carolina.munoz@servicio-demo.example",
        S.WAITING,
        50,
        True,
        [
            (
                K.REQUEST,
                "Fui designada gestora energética de mi servicio por resolución exenta. "
                "Solicito una cuenta en la Plataforma de Gestión.",
            ),
            (
                K.REPLY,
                "Gracias, Carolina. Para crear la cuenta necesitamos la resolución que la "
                "designa. Puede adjuntarla respondiendo desde el enlace del ticket.",
            ),
        ],
    ),
    (
        "acceso-a-aula-virtual",
        "No recibo el correo de confirmación del Aula Virtual",
        "Jorge Sepúlveda Lagos",
        "jorge.sepulveda@gobierno-regional-demo.example",
        S.RESOLVED,
        120,
        True,
        [
            (K.REQUEST, "Me registré en Capacitación pero no llega el correo."),
            (
                K.REPLY,
                "El correo quedó en su carpeta de no deseados por una regla de su "
                "servicio. Lo reenviamos; ya puede activar la cuenta.",
            ),
        ],
    ),
    (
        "solicitud-de-reunion",
        "Reunión para revisar el plan de gestión ambiental",
        "Valentina Soto Reyes",
        "valentina.soto@servicio-demo.example",
        S.CLOSED,
        400,
        False,
        [
            (K.REQUEST, "Solicitamos una reunión para revisar el programa de trabajo."),
            (K.REPLY, "Agendamos la reunión para el jueves a las 10:00 por video."),
        ],
    ),
]


def _agent() -> User | None:
    return User.objects.with_email(demo_email("soporte"), Realm.GESTION).first()


def _ticket(spec, *, now, agent, user=None, service=None) -> Ticket | None:
    slug, subject, name, email, status, hours_ago, assigned, thread = spec
    if Ticket.objects.filter(email=email, subject=subject).exists():
        return None
    topic = HelpTopic.objects.get(slug=slug)
    created = now - timedelta(hours=hours_ago)
    awaiting = status in Ticket.AWAITING_STAFF and not any(
        kind == K.REPLY for kind, _ in thread
    )
    ticket = Ticket.objects.create(
        number=next_ticket_number(),
        topic=topic,
        team=topic.team,
        subject=subject,
        name=name,
        email=email,
        status=status,
        user=user,
        service=service,
        organization="" if service else "Servicio de demostración",
        assignee=agent if assigned else None,
        created_at=created,
        updated_at=created + timedelta(hours=len(thread) - 1),
        due_at=created + topic.response_time if awaiting else None,
        closed_at=now if status in Ticket.FINISHED_STATUSES else None,
    )
    for position, (kind, body) in enumerate(thread):
        staff = kind in (K.REPLY, K.NOTE)
        Message.objects.create(
            ticket=ticket,
            kind=kind,
            author=agent if staff else user,
            author_name=(agent.get_full_name() if staff and agent else name),
            body=body,
            created_at=created + timedelta(hours=position),
        )
    return ticket


def load() -> list[str]:
    now = timezone.now()
    agent = _agent()
    created = [_ticket(spec, now=now, agent=agent) for spec in TICKETS]
    gestor = User.objects.with_email(
        demo_email("gestor.servicio"), Realm.GESTION
    ).first()
    if gestor is not None:
        spec = (
            "validacion-de-consumos",
            "Validación de consumos observada por la Red",
            gestor.get_full_name(),
            gestor.email,
            S.OPEN,
            6,
            False,
            [
                (
                    K.REQUEST,
                    "La Red observó el consumo de gas de junio. Adjuntamos la boleta "
                    "corregida por la distribuidora.",
                )
            ],
        )
        created.append(
            _ticket(spec, now=now, agent=agent, user=gestor, service=demo_service())
        )
    # A fresh link to one ticket, so the requester's page can be tried at once.
    sample = Ticket.objects.filter(email="carolina.munoz@servicio-demo.example").first()
    lines = [
        "Mesa de ayuda: "
        f"{Ticket.objects.count()} tickets ({sum(1 for t in created if t)} nuevos); "
        "cola en http://127.0.0.1:8000/admin/mesa-de-ayuda/ (cuenta soporte).",
    ]
    if sample is not None:
        token = new_token()
        AccessToken.objects.create(ticket=sample, token_hash=hash_token(token))
        path = reverse("helpdesk:ticket", kwargs={"token": token})
        lines.append(
            f"  Enlace privado de ejemplo (ticket #{sample.display_number}): "
            f"{settings.SITE_URL}{path}"
        )
    return lines
