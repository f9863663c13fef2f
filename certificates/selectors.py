"""Reads of the certificates: verification, the learner's links, staff lists, archives."""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from lms.core.rut import format_rut, mask_rut

from .codes import format_code, normalize_code
from .models import Certificate, CertificateArchive


@dataclass(frozen=True)
class Verification:
    """What the public page says about a code: only what a verifier needs."""

    status: str  # "valid" | "revoked" | "not_found"
    code: str = ""
    name: str = ""
    rut: str = ""
    course: str = ""
    platform: str = ""
    completed_on: object = None
    revoked_on: object = None
    replacement: Certificate | None = None


def verify_code(raw: str) -> Verification:
    """Look a typed or scanned code up (one query); malformed codes are simply not found."""
    code = normalize_code(raw)
    if code is None:
        return Verification(status="not_found")
    certificate = (
        Certificate.objects.select_related("replaced_by")
        .only(
            "code",
            "first_name",
            "last_name",
            "rut",
            "course_title",
            "platform",
            "completed_at",
            "revoked_at",
            "replaced_by__code",
            "replaced_by__revoked_at",
        )
        .filter(code=code)
        .first()
    )
    if certificate is None:
        return Verification(status="not_found", code=code)
    replacement = getattr(certificate, "replaced_by", None)
    return Verification(
        status="revoked" if certificate.is_revoked else "valid",
        code=certificate.display_code,
        name=certificate.full_name,
        rut=mask_rut(certificate.rut),
        course=certificate.course_title,
        platform=certificate.get_platform_display(),
        completed_on=timezone.localtime(certificate.completed_at).date(),
        revoked_on=timezone.localtime(certificate.revoked_at).date()
        if certificate.revoked_at
        else None,
        replacement=replacement,
    )


def download_urls(enrolments: Iterable) -> dict[int, str]:
    """The learner's download link of each enrolment's valid certificate (one query)."""
    ids = [e.pk for e in enrolments if e.completed_at is not None]
    if not ids:
        return {}
    return {
        enrolment_id: Certificate(code=code, platform=platform).get_download_url()
        for enrolment_id, code, platform in Certificate.objects.valid()
        .filter(enrolment_id__in=ids)
        .values_list("enrolment_id", "code", "platform")
    }


def learner_certificate(user, platform: str, raw_code: str) -> Certificate | None:
    """A certificate of ``user`` on ``platform`` by its code; None for anyone else's."""
    code = normalize_code(raw_code)
    if code is None or not user.is_authenticated:
        return None
    return (
        Certificate.objects.select_related("replaced_by")
        .filter(code=code, platform=platform, enrolment__user=user)
        .first()
    )


def staff_certificates() -> QuerySet:
    """Every certificate, with what the staff list shows."""
    return Certificate.objects.select_related("replaced_by", "replaces").defer("design")


def archive_certificates(archive: CertificateArchive) -> QuerySet:
    """The valid certificates an archive's filters select."""
    queryset = Certificate.objects.valid()
    if archive.course_id:
        queryset = queryset.filter(course_id=archive.course_id)
    if archive.service_id:
        queryset = queryset.filter(service_id=archive.service_id)
    return in_date_range(queryset, archive.completed_from, archive.completed_to)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def in_date_range(queryset: QuerySet, first: dt.date | None, last: dt.date | None):
    """Certificates approved between two local dates, both included (index-friendly)."""
    if first:
        queryset = queryset.filter(completed_at__gte=_day_start(first))
    if last:
        queryset = queryset.filter(
            completed_at__lt=_day_start(last + dt.timedelta(days=1))
        )
    return queryset


def archive_index_rows(queryset: QuerySet) -> Iterator[list]:
    """Rows of a bulk download's index, streamed from the database."""
    for code, last, first, rut, course, service, completed in queryset.values_list(
        "code",
        "last_name",
        "first_name",
        "rut",
        "course_title",
        "service_name",
        "completed_at",
    ).iterator(chunk_size=2000):
        yield [
            format_code(code),
            last,
            first,
            format_rut(rut),
            course,
            service,
            timezone.localtime(completed).strftime("%d-%m-%Y"),
        ]
