"""Writes of the certificates: issue, PDF, revocation, re-issue and bulk downloads."""

from .archives import (
    ARCHIVE_KEEP_DAYS,
    ARCHIVE_MAX,
    ARCHIVE_PERMISSION,
    build_archive,
    purge_old_archives,
    request_archive,
)
from .issue import (
    REVOKE_PERMISSION,
    issue_certificate,
    issue_for_enrolment,
    reissue_certificate,
    revoke_certificate,
    template_for,
)
from .pdfs import certificate_pdf, ensure_pdf

__all__ = [
    "ARCHIVE_KEEP_DAYS",
    "ARCHIVE_MAX",
    "ARCHIVE_PERMISSION",
    "REVOKE_PERMISSION",
    "build_archive",
    "certificate_pdf",
    "ensure_pdf",
    "issue_certificate",
    "issue_for_enrolment",
    "purge_old_archives",
    "reissue_certificate",
    "request_archive",
    "revoke_certificate",
    "template_for",
]
