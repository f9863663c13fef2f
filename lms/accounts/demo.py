"""Demo accounts: one per role, with known passwords and a shared demo TOTP secret.

Every person here is fictitious; e-mails use the reserved ``.example`` domain.
"""

import hashlib
from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from management.demo import demo_service

from .models import User
from .realms import Realm
from .roles import Role
from .services import add_membership, grant_staff_role

DEMO_PASSWORD = "Demo-Gestiona-2026"
DEMO_DOMAIN = "demo.gestionaenergia.example"
# A fixed secret for every demo Gestión account, so a tester enrols it once.
DEMO_TOTP_KEY = hashlib.sha1(b"gestiona-energia-demo").hexdigest()

GESTION_USERS = [
    ("admin", "Ana", "Administradora", Role.ADMINISTRADOR),
    ("revisor", "Raúl", "Revisor", Role.REVISOR_RED),
    ("gestor.servicio", "Gastón", "Eficiente", Role.GESTOR_SERVICIO),
    ("gestor.unidad", "Úrsula", "Unidad", Role.GESTOR_UNIDAD),
    ("consulta", "Consuelo", "Consulta", Role.GESTOR_CONSULTA),
    ("comite", "Camilo", "Comité", Role.ENCARGADO_COMITE),
    ("flota", "Flor", "Flota", Role.GESTOR_FLOTA),
    ("conductor", "Conrado", "Conductor", Role.CONDUCTOR),
    ("editor", "Elena", "Editora", Role.EDITOR),
    ("publicador", "Pablo", "Publicador", Role.PUBLICADOR),
    ("soporte", "Sofía", "Soporte", Role.AGENTE_SOPORTE),
]
LEARNERS = [
    (Realm.CAPACITACION, "Lucía", "Aprendiz"),
    (Realm.CONCIENTIZACION, "Lucía", "Aprendiz"),
]


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def demo_totp_secret() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode("ascii")


def _user(email: str, realm: str, first: str, last: str) -> User:
    user = User.objects.with_email(email, realm).first() or User(
        email=email, realm=realm
    )
    user.first_name, user.last_name, user.is_active = first, last, True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def load() -> list[str]:
    service = demo_service()
    lines = [
        "",
        f"Cuentas de demostración (contraseña de todas: {DEMO_PASSWORD})",
        "  Gestión y Flota (http://127.0.0.1:8000/gestion/ingresar/ o /flota/ingresar/):",
    ]
    for local, first, last, role in GESTION_USERS:
        user = _user(demo_email(local), Realm.GESTION, first, last)
        if role == Role.ADMINISTRADOR:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        if role in (
            Role.ADMINISTRADOR,
            Role.REVISOR_RED,
            Role.EDITOR,
            Role.PUBLICADOR,
            Role.AGENTE_SOPORTE,
        ):
            grant_staff_role(user=user, role=role)
        else:
            add_membership(user=user, service=service, role=role)
        TOTPDevice.objects.update_or_create(
            user=user,
            name="Demo",
            defaults={"key": DEMO_TOTP_KEY, "confirmed": True, "step": 30, "digits": 6},
        )
        lines.append(f"    {Role(role).label:<32} {user.email}")
    lines.append("  Cursos (una cuenta en cada plataforma, mismo correo):")
    for realm, first, last in LEARNERS:
        user = _user(demo_email("aprendiz"), realm, first, last)
        lines.append(f"    {Realm(realm).label:<32} {user.email}")
    lines += [
        "",
        "Verificación en dos pasos de las cuentas de Gestión (todas usan la misma clave TOTP):",
        f"  clave: {demo_totp_secret()}  (agréguela a una aplicación de autenticación)",
        "  o pida el código actual con:  .venv/bin/python manage.py totp_code <correo>",
        "Staff: http://127.0.0.1:8000/admin/ con las cuentas admin, editor, publicador, revisor o soporte.",
        "",
    ]
    return lines
