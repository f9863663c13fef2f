"""Certificate models: templates editors keep, issued certificates, bulk downloads."""

from .archives import CertificateArchive
from .certificates import Certificate, CertificateQuerySet
from .templates import PLACEHOLDERS, CertificateTemplate, fill_placeholders

__all__ = [
    "PLACEHOLDERS",
    "Certificate",
    "CertificateArchive",
    "CertificateQuerySet",
    "CertificateTemplate",
    "fill_placeholders",
]
