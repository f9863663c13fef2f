"""The certificates' part of a learner's data download and account erasure.

An erased learner's certificates stay verifiable (whoever holds one can still check its
code) but no longer carry the name or RUT; the stored PDF, which prints them, is
deleted and drawn again from the anonymised snapshot if ever downloaded.
"""

from django.utils.translation import gettext as _

from .models import Certificate

WITHHELD = "Nombre reservado a petición del titular"


def export_certificates(*, user) -> dict:
    return {
        "certificados": [
            {
                "codigo": c.display_code,
                "curso": c.course_title,
                "aprobado": c.completed_at.isoformat(),
                "revocado": c.is_revoked,
                "verificacion": c.get_verification_url(),
            }
            for c in Certificate.objects.filter(enrolment__user=user).order_by(
                "issued_at"
            )
        ]
    }


def withhold_name(*, user) -> None:
    for certificate in Certificate.objects.filter(enrolment__user=user):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.first_name = _(WITHHELD)
        certificate.last_name = ""
        certificate.rut = ""
        certificate.pdf = ""
        certificate.pdf_sha256 = ""
        certificate.save(
            update_fields=["first_name", "last_name", "rut", "pdf", "pdf_sha256"]
        )
