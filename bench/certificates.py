"""Benchmark of the certificates, side by side with their baselines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ge_bench \
        .venv/bin/python -m bench.certificates [--size small|national] [--zip 300]

1. PDF: median time to render one certificate with xhtml2pdf (what the worker does)
   against drawing the same page directly with ReportLab's canvas (fonts registered
   once, as a hand-written ReportLab program would). Budget: median ≤ 60 ms and at
   most 40× the ReportLab drawing.
2. Verification page: p95 of ``/certificados/verificar/<code>/`` with 20,000
   (small) or 250,000 (national) certificates in the database, a mix of valid,
   revoked and unknown codes. Budget: p95 ≤ 50 ms, and the same queries every time.
3. Bulk ZIP: peak Python memory (tracemalloc) while the worker's service builds a
   ZIP of ``--zip`` certificates, PDFs rendered on the way; it must not grow with
   the number of certificates (compare two runs).

Without DATABASE_URL it uses its own SQLite file under var/ (never the portal's).
Exits 1 when a budget is exceeded.
"""

import argparse
import datetime as dt
import io
import logging
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-certificates.sqlite3'}"
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from certificates import services  # noqa: E402
from certificates.codes import format_code, generate_code  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from certificates.rendering import certificate_context, render_certificate  # noqa: E402
from courses.models import CoursePage, Enrolment  # noqa: E402
from lms.accounts.models import User  # noqa: E402
from lms.accounts.realms import Realm  # noqa: E402
from management.models import Institution, Service  # noqa: E402

SIZES = {"small": 20_000, "national": 250_000}
BUDGET_PDF_MEDIAN = 0.060  # seconds
BUDGET_PDF_RATIO = 40.0
BUDGET_VERIFY_P95 = 0.050  # seconds
PDF_RUNS = 40
VERIFY_RUNS = 400
BATCH = 5_000
SPAN_DAYS = 730


# Dataset ------------------------------------------------------------------------


def _course() -> CoursePage:
    from bench.generate import COURSE_SLUG, course

    return course(Realm.CONCIENTIZACION, COURSE_SLUG)


def build(total: int) -> None:
    """Learners, completed enrolments and their certificates, in bulk (once)."""
    course = _course()
    have = Certificate.objects.filter(course=course).count()
    if have >= total:
        return
    institution, _ = Institution.objects.get_or_create(
        code="BENCHCERT", defaults={"name": "Institución de carga"}
    )
    service, _ = Service.objects.get_or_create(
        code="BENCHCERT",
        defaults={"name": "Servicio de carga", "institution": institution},
    )
    now = timezone.now()
    # Completions spread evenly over two years, newest first.
    step = dt.timedelta(days=SPAN_DAYS) / total
    for start in range(have, total, BATCH):
        stop = min(start + BATCH, total)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=f"carga{n}@carga.example",
                    realm=Realm.CONCIENTIZACION,
                    first_name=f"Persona {n}",
                    last_name="Carga Pérez",
                    rut="12345678-5",
                    password="!",
                )
                for n in range(start, stop)
            )
            enrolments = Enrolment.objects.bulk_create(
                Enrolment(
                    user=user,
                    course=course,
                    institution=institution,
                    service=service,
                    enrolled_at=now - step * n - dt.timedelta(days=1),
                    completed_at=now - step * n,
                    last_activity_at=now - step * n,
                    score=90,
                )
                for n, user in enumerate(users, start=start)
            )
            Certificate.objects.bulk_create(
                Certificate(
                    code=generate_code(),
                    enrolment=enrolment,
                    course=course,
                    service=service,
                    first_name=enrolment.user.first_name,
                    last_name=enrolment.user.last_name,
                    rut=enrolment.user.rut,
                    institution_name=institution.name,
                    service_name=service.name,
                    course_title=course.title,
                    platform=course.platform,
                    hours=course.hours,
                    score=enrolment.score,
                    completed_at=enrolment.completed_at,
                    issued_at=enrolment.completed_at,
                    # Every 50th one revoked, as staff would over the years.
                    revoked_at=now if n % 50 == 0 else None,
                    revocation_reason="Carga" if n % 50 == 0 else "",
                )
                for n, enrolment in enumerate(enrolments, start=start)
            )
        print(f"  {stop:,} certificados", flush=True)


# 1. PDF against ReportLab -------------------------------------------------------

_REPORTLAB_READY = False


def _reportlab_setup() -> None:
    """Fonts and the logo drawing, loaded once as a ReportLab program would."""
    global _REPORTLAB_READY, _LOGO
    if _REPORTLAB_READY:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from svglib.svglib import svg2rlg

    from certificates.pdf import FONT_DIR

    pdfmetrics.registerFont(TTFont("Vera", str(FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraBd", str(FONT_DIR / "VeraBd.ttf")))
    _LOGO = svg2rlg(str(ROOT / "lms" / "static" / "img" / "favicon.svg"))
    _REPORTLAB_READY = True


def draw_with_reportlab(certificate: Certificate) -> bytes:
    """The same certificate (texts, border, logo, QR, signatory) on a ReportLab canvas."""
    import base64

    from reportlab.graphics import renderPDF
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    _reportlab_setup()
    # The same inputs as the xhtml2pdf page (placeholders filled, QR made per page).
    context = certificate_context(certificate)
    accent = HexColor(context["accent"])
    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setFillColor(HexColor(context["background"]))
    pdf.rect(0, 0, width, height, stroke=0, fill=1)
    pdf.setStrokeColor(accent)
    pdf.setLineWidth(1.5)
    pdf.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm)
    pdf.rect(11 * mm, 11 * mm, width - 22 * mm, height - 22 * mm)
    pdf.saveState()
    pdf.translate(25 * mm, height - 40 * mm)
    pdf.scale(62 / _LOGO.width, 62 / _LOGO.height)
    renderPDF.draw(_LOGO, pdf, 0, 0)
    pdf.restoreState()
    pdf.setFillColor(accent)
    pdf.setFont("VeraBd", 11)
    pdf.drawCentredString(
        width / 2, height - 25 * mm, "Gestiona Energía – Sector Público"
    )
    pdf.setFillColor(HexColor("#4f5863"))
    pdf.setFont("Vera", 10)
    pdf.drawCentredString(
        width / 2, height - 30 * mm, "Ministerio de Energía · Gobierno de Chile"
    )
    pdf.drawRightString(
        width - 25 * mm,
        height - 25 * mm,
        f"Plataforma de {certificate.get_platform_display()}",
    )
    pdf.setFillColor(accent)
    pdf.setFont("VeraBd", 30)
    pdf.drawCentredString(width / 2, height - 55 * mm, context["title"])
    pdf.setFillColor(HexColor("#4f5863"))
    pdf.setFont("Vera", 12)
    pdf.drawCentredString(width / 2, height - 68 * mm, context["intro"])
    pdf.setFillColor(HexColor("#1b1f24"))
    pdf.setFont("VeraBd", 25)
    pdf.drawCentredString(width / 2, height - 80 * mm, certificate.full_name)
    pdf.setFont("Vera", 11)
    pdf.drawCentredString(width / 2, height - 87 * mm, f"RUT {context['rut']}")
    body = Paragraph(
        context["body"].replace("&", "&amp;").replace("<", "&lt;"),
        ParagraphStyle(
            "body", fontName="Vera", fontSize=12.5, leading=18, alignment=TA_CENTER
        ),
    )
    _w, body_height = body.wrap(width - 90 * mm, 40 * mm)
    body.drawOn(pdf, 45 * mm, height - 97 * mm - body_height)
    pdf.setFont("Vera", 10)
    pdf.drawCentredString(
        width / 2,
        height - 112 * mm,
        f"Curso: {certificate.course_title} · {certificate.hours} horas · Aprobado el {context['date']}",
    )
    qr = ImageReader(io.BytesIO(base64.b64decode(context["qr_src"].split(",", 1)[1])))
    pdf.drawImage(qr, 25 * mm, 40 * mm, 92, 92)
    pdf.setFont("VeraBd", 10.5)
    pdf.drawString(25 * mm, 35 * mm, context["code"])
    pdf.setFont("Vera", 7.5)
    pdf.drawString(25 * mm, 30 * mm, "Verifique su validez con el código QR o en")
    pdf.drawString(25 * mm, 27 * mm, context["verify_page"])
    if context["signature"]:
        image = ImageReader(
            io.BytesIO(base64.b64decode(context["signature"].src.split(",", 1)[1]))
        )
        pdf.drawImage(image, width / 2 - 85, 48 * mm, 170, 68, mask="auto")
    pdf.line(width / 2 - 70 * mm, 45 * mm, width / 2 + 70 * mm, 45 * mm)
    pdf.setFont("VeraBd", 11)
    pdf.drawCentredString(width / 2, 40 * mm, context["signatory_name"])
    role = Paragraph(
        context["signatory_role"].replace("&", "&amp;").replace("<", "&lt;"),
        ParagraphStyle(
            "role", fontName="Vera", fontSize=9, leading=12, alignment=TA_CENTER
        ),
    )
    _w, role_height = role.wrap(140 * mm, 20 * mm)
    role.drawOn(pdf, width / 2 - 70 * mm, 37 * mm - role_height)
    pdf.setFont("Vera", 9)
    pdf.drawRightString(width - 25 * mm, 62 * mm, certificate.service_name)
    pdf.drawRightString(
        width - 25 * mm, 57 * mm, f"Emitido el {certificate.issued_at:%d-%m-%Y}"
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _median(run, times: int) -> float:
    run()  # warm up
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_pdf(certificate: Certificate) -> bool:
    ours = _median(lambda: render_certificate(certificate), PDF_RUNS)
    base = _median(lambda: draw_with_reportlab(certificate), PDF_RUNS)
    ratio = ours / base
    print(
        f"PDF: xhtml2pdf median {ours * 1000:.1f} ms (budget {BUDGET_PDF_MEDIAN * 1000:.0f} ms), "
        f"ReportLab canvas {base * 1000:.1f} ms, ratio {ratio:.1f}× (budget {BUDGET_PDF_RATIO:.0f}×)"
    )
    return ours <= BUDGET_PDF_MEDIAN and ratio <= BUDGET_PDF_RATIO


# 2. Verification page -----------------------------------------------------------


def bench_verify() -> bool:
    total = Certificate.objects.count()
    ids = Certificate.objects.order_by("?").values_list("code", flat=True)[:VERIFY_RUNS]
    codes = [format_code(code) for code in ids]
    codes += [format_code(generate_code()) for _ in range(len(codes) // 5)]
    random.Random(7).shuffle(codes)
    client = Client()
    client.get(f"/certificados/verificar/{codes[0]}/")  # warm up
    times, queries, ours = [], set(), set()
    with override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=(10**9, 60)):
        for code in codes:
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(f"/certificados/verificar/{code}/")
                times.append(time.perf_counter() - start)
            assert response.status_code in (200, 404), response.status_code
            queries.add(len(captured))
            ours.add(
                sum("certificates_" in q["sql"] for q in captured.captured_queries)
            )
    times.sort()
    p50, p95 = statistics.median(times), times[int(0.95 * len(times)) - 1]
    print(
        f"Verification page with {total:,} certificates: p50 {p50 * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms (budget {BUDGET_VERIFY_P95 * 1000:.0f} ms), "
        f"queries per page {sorted(queries)} (layout and 404 redirect lookup "
        f"included), on certificates {sorted(ours)}"
    )
    return p95 <= BUDGET_VERIFY_P95 and ours == {1}


# 3. Bulk ZIP --------------------------------------------------------------------


def bench_zip(count: int) -> None:
    from django.contrib.auth.models import Permission

    admin, created = User.objects.get_or_create(
        email="bench.certificados@carga.example",
        realm=Realm.GESTION,
        defaults={"first_name": "Carga"},
    )
    if created:
        admin.user_permissions.add(
            Permission.objects.get(codename="add_certificatearchive")
        )
        admin = User.objects.get(pk=admin.pk)
    first = Certificate.objects.valid().order_by("completed_at", "pk")[:count]
    last = list(first)[-1].completed_at
    tracemalloc.start()
    start = time.perf_counter()
    archive = services.request_archive(by=admin, completed_to=timezone.localdate(last))
    # Built here, in this process, so its memory is what we measure (a no-op when
    # the task already ran inline).
    services.build_archive(archive_id=archive.pk)
    archive.refresh_from_db()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"ZIP of {archive.total:,} certificates: {elapsed:.1f} s (traced), "
        f"{archive.size / 1024 / 1024:.1f} MiB on disk, peak Python memory while "
        f"building {peak / 1024 / 1024:.1f} MiB"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--zip", type=int, default=300, help="0 to skip")
    args = parser.parse_args(argv)
    settings.MEDIA_ROOT = ROOT / "var" / "bench-media"
    logging.getLogger("django.request").setLevel(logging.ERROR)
    call_command("migrate", verbosity=0)
    print(f"Dataset: {SIZES[args.size]:,} certificates ({connection.vendor})")
    build(SIZES[args.size])
    sample = Certificate.objects.valid().order_by("pk").first()
    ok = bench_pdf(sample)
    ok &= bench_verify()
    if args.zip:
        bench_zip(args.zip)
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
