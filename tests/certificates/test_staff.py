"""Staff in the Wagtail admin: search and export, revoke, re-issue, bulk ZIP downloads."""

import csv
import datetime as dt
import io
import os
import zipfile

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, CertificateArchive
from lms.accounts.roles import Role
from tests.certificates.conftest import staff, staff_client
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import build_course

pytestmark = pytest.mark.django_db

INDEX = "/admin/certificados/"


def issued(**learner) -> Certificate:
    return Certificate.objects.get(enrolment=completed_enrolment(**learner))


def test_the_list_finds_by_code_name_or_rut_and_filters_by_state():
    ana = issued(first_name="Ana", last_name="Fuentes", rut="11111111-1")
    luis = issued(first_name="Luis", last_name="Araya", rut="22222222-2")
    services.revoke_certificate(certificate=luis, by=staff(), reason="Duplicado")
    client = staff_client(staff())
    for query, shown, hidden in (
        ({"q": ana.code.lower()}, ana, luis),
        ({"q": ana.display_code}, ana, luis),
        ({"q": "fuentes"}, ana, luis),
        ({"q": "22.222"}, luis, ana),
        ({"status": "valid"}, ana, luis),
        ({"status": "revoked"}, luis, ana),
    ):
        html = client.get(INDEX, query).content.decode()
        assert shown.display_code in html, query
        assert hidden.display_code not in html, query


def test_the_list_costs_the_same_queries_for_one_or_many_rows():
    client = staff_client(staff())
    issued()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    count()
    one = count()
    for _ in range(6):
        issued()
    assert count() == one


def test_the_export_lists_every_filtered_certificate_with_formulas_neutralised():
    evil = issued(first_name="=HYPERLINK(1)", last_name="Soto")
    issued(first_name="Otra")
    client = staff_client(staff())
    response = client.get(INDEX, {"export": "csv", "q": "soto"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:4] == ["Código", "Apellidos", "Nombres", "RUT"]
    assert len(rows) == 2
    assert rows[1][0] == evil.display_code and rows[1][2] == "'=HYPERLINK(1)"
    xlsx = client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_revoking_keeps_who_when_and_why():
    certificate = issued()
    admin = staff(first_name="Marta")
    client = staff_client(admin)
    url = reverse("certificates_admin:detail", args=[certificate.display_code])
    empty = client.post(url, {"action": "revoke", "revoke-reason": "  "})
    assert empty.status_code == 200
    assert "Indique el motivo; queda registrado." in empty.content.decode()
    response = client.post(
        url, {"action": "revoke", "revoke-reason": "Emitido por error"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_by == admin
    assert certificate.revocation_reason == "Emitido por error"
    assert timezone.now() - certificate.revoked_at < dt.timedelta(minutes=1)
    with pytest.raises(ValidationError):
        services.revoke_certificate(certificate=certificate, by=admin, reason="Otra")
    detail = client.get(url).content.decode()
    assert "Emitido por error" in detail and "Revocar el certificado" not in detail


def test_reissuing_gives_a_new_code_with_current_names_and_a_pointer_back():
    certificate = issued(first_name="Jose", last_name="Perez")
    user = certificate.enrolment.user
    user.first_name, user.last_name = "José", "Pérez"
    user.save()
    admin = staff()
    client = staff_client(admin)
    url = reverse("certificates_admin:detail", args=[certificate.display_code])
    response = client.post(
        url, {"action": "reissue", "reissue-reason": "Faltaban los tildes"}
    )
    certificate.refresh_from_db()
    new = certificate.replaced_by
    assert response["Location"] == reverse(
        "certificates_admin:detail", args=[new.display_code]
    )
    assert new.code != certificate.code and new.replaces == certificate
    assert new.full_name == "José Pérez" and certificate.full_name == "Jose Perez"
    assert new.enrolment == certificate.enrolment and new.issued_by == admin
    assert certificate.is_revoked and "Faltaban los tildes" in (
        certificate.revocation_reason
    )
    assert new.completed_at == certificate.completed_at
    with pytest.raises(ValidationError, match="ya fue reemplazado"):
        services.reissue_certificate(certificate=certificate, by=admin, reason="x")
    # A certificate revoked without replacement can be re-issued later.
    services.revoke_certificate(certificate=new, by=admin, reason="Pausa")
    newest = services.reissue_certificate(certificate=new, by=admin, reason="Vuelve")
    assert newest.replaces == new and not newest.is_revoked
    assert Certificate.objects.valid().filter(enrolment=new.enrolment).count() == 1


def test_only_the_administrador_revokes_others_may_look():
    certificate = issued()
    reviewer = staff(Role.REVISOR_RED)
    client = staff_client(reviewer)
    url = reverse("certificates_admin:detail", args=[certificate.display_code])
    page = client.get(url)
    assert page.status_code == 200 and "Revocar" not in page.content.decode()
    refused = client.post(url, {"action": "revoke", "revoke-reason": "x"})
    assert refused.status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        services.revoke_certificate(certificate=certificate, by=reviewer, reason="x")
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    editor = staff_client(staff(Role.EDITOR))
    assert editor.get(url).status_code == 302  # Wagtail sends it away
    pdf = client.get(reverse("certificates_admin:pdf", args=[certificate.display_code]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_bulk_download_builds_a_zip_on_disk_with_progress(
    django_capture_on_commit_callbacks,
):
    tree = build_course(title="Curso masivo", lessons=1, questions=2)
    certificates = [issued(tree=tree, last_name=f"Apellido {n}") for n in range(3)]
    services.revoke_certificate(certificate=certificates[2], by=staff(), reason="x")
    issued()  # another course: left out
    admin = staff()
    client = staff_client(admin)
    page = client.get(reverse("certificate_archives:index"), {"course": tree.course.pk})
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificate_archives:index"), {"course": tree.course.pk}
        )
    assert response.status_code == 302
    archive = CertificateArchive.objects.get()
    assert archive.status == CertificateArchive.Status.READY
    assert (archive.total, archive.done, archive.percent) == (2, 2, 100)
    listing = client.get(reverse("certificate_archives:index")).content.decode()
    assert "Descargar ZIP" in listing and 'http-equiv="refresh"' not in listing
    download = client.get(reverse("certificate_archives:download", args=[archive.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    data = b"".join(download.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        names = bundle.namelist()
        assert names[0] == "indice.csv"
        assert sorted(names[1:]) == sorted(
            f"certificado-curso-masivo-apellido-{c.code}.pdf" for c in certificates[:2]
        )
        for name in names[1:]:
            assert bundle.read(name).startswith(b"%PDF")
        index = bundle.read("indice.csv").decode("utf-8-sig")
        assert certificates[0].display_code in index
        assert certificates[2].display_code not in index
    # Nobody else gets it, not even another Administrador.
    other = staff_client(staff())
    url = reverse("certificate_archives:download", args=[archive.pk])
    assert other.get(url).status_code == 404


def test_a_bulk_download_explains_bad_filters(make_staff_client):
    client = make_staff_client(staff())
    url = reverse("certificate_archives:index")
    response = client.post(
        url, {"completed_from": "2026-05-01", "completed_to": "2026-04-01"}
    )
    assert "La fecha final es anterior a la inicial." in response.content.decode()
    response = client.post(
        url, {"completed_from": "2001-01-01", "completed_to": "2001-01-02"}
    )
    assert "No hay certificados vigentes con estos filtros." in (
        response.content.decode()
    )
    assert not CertificateArchive.objects.exists()


def test_old_bulk_downloads_are_purged(django_capture_on_commit_callbacks):
    issued()
    admin = staff()
    with django_capture_on_commit_callbacks(execute=True):
        archive = services.request_archive(by=admin)
    archive.refresh_from_db()
    path = archive.file.path
    CertificateArchive.objects.filter(pk=archive.pk).update(
        requested_at=timezone.now() - dt.timedelta(days=30)
    )
    assert services.purge_old_archives() == 1
    assert not CertificateArchive.objects.exists()
    assert not os.path.exists(path)


def test_a_finished_bulk_download_is_not_built_again(
    django_capture_on_commit_callbacks,
):
    issued()
    with django_capture_on_commit_callbacks(execute=True):
        archive = services.request_archive(by=staff())
    archive.refresh_from_db()
    name = archive.file.name
    assert services.build_archive(archive_id=archive.pk) is None
    archive.refresh_from_db()
    assert archive.file.name == name


def test_a_pending_bulk_download_shows_its_progress_and_refreshes_itself(
    django_capture_on_commit_callbacks,
):
    issued()
    admin = staff()
    with django_capture_on_commit_callbacks(execute=False):
        archive = services.request_archive(by=admin)
    html = (
        staff_client(admin).get(reverse("certificate_archives:index")).content.decode()
    )
    assert 'http-equiv="refresh"' in html
    assert f'<progress max="{archive.total}" value="0"' in html
    assert "En cola" in html and "Descargar ZIP" not in html
    url = reverse("certificate_archives:download", args=[archive.pk])
    assert staff_client(admin).get(url).status_code == 404  # not ready yet


def test_the_bulk_download_list_costs_the_same_queries_for_one_or_many(
    django_capture_on_commit_callbacks,
):
    tree = build_course(title="Curso de la lista", lessons=1, questions=2)
    issued(tree=tree)
    admin = staff()
    client = staff_client(admin)
    url = reverse("certificate_archives:index")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_archive(by=admin, course=tree.course)
    count()
    one = count()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            services.request_archive(by=admin, course=tree.course)
    assert count() == one
