"""Importing bills from a file: reading dates and numbers, the check with every rule,
whole-or-nothing import, no file imported twice, the template and its scoping."""

import calendar
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.roles import Role
from management.models import Bill, BillImport, Distributor, UnitAssignment
from management.services import bill_import, bills
from tests.factories import ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

IMPORT = reverse("management:bill-import")
HEADER = "Medidor;Inicio del periodo;Término del periodo;Fecha de emisión;Consumo;Monto total (CLP)"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_meter(
    unit, client="4471203", number="E-20931", distributor="Enel Distribución"
):
    client_number = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name=distributor),
        number=client,
        tariff="BT1",
    )
    return bills.create_meter(
        client_number=client_number, number=number, active_from=dt.date(2023, 1, 1)
    )


@pytest.fixture
def world():
    service = ServiceFactory(name="Subsecretaría de Energía", code="SUBE")
    unit = UnitFactory(
        service=service, name="Oficinas centrales", energy_start_year=2024
    )
    meter = make_meter(unit)
    gestor = person(Role.GESTOR_SERVICIO, service)
    return {"service": service, "unit": unit, "meter": meter, "gestor": gestor}


def year_rows(year=2025, meter="E-20931", months=range(1, 13), kwh=9000):
    lines = []
    for month in months:
        last = calendar.monthrange(year, month)[1]
        issue = dt.date(year, month, last) + dt.timedelta(days=5)
        lines.append(
            f"{meter};01-{month:02d}-{year};{last}-{month:02d}-{year};"
            f"{issue:%d-%m-%Y};{kwh + month * 10:,}".replace(",", ".")
            + f";{1_200_000 + month * 1000}"
        )
    return lines


def csv_upload(lines, name="boletas-2025.csv"):
    text = "\n".join([HEADER, *lines]) + "\n"
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, file, capture):
    with capture(execute=True):
        response = client.post(IMPORT, {"file": file})
    assert response.status_code == 302, response.content.decode()[:3000]
    return BillImport.objects.latest("pk")


def confirm(client, record, capture):
    with capture(execute=True):
        client.post(
            reverse("management:bill-import-detail", args=[record.pk]),
            {"action": "confirm"},
        )
    record.refresh_from_db()
    return record


# Reading cells ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("31-01-2025", dt.date(2025, 1, 31)),
        ("31/01/2025", dt.date(2025, 1, 31)),
        ("1-2-2025", dt.date(2025, 2, 1)),
        ("2025-01-31", dt.date(2025, 1, 31)),
        ("2025-01-31 00:00:00", dt.date(2025, 1, 31)),  # an Excel date cell
        ("45658", dt.date(2025, 1, 1)),  # an Excel serial
        ("29-02-2024", dt.date(2024, 2, 29)),
    ],
)
def test_dates_in_every_accepted_form(text, expected):
    assert bill_import.parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "ayer", "31-02-2025", "29-02-2025", "2025/13/01", "123", "99999"]
)
def test_nonsense_dates_are_refused_with_the_format_to_use(text):
    with pytest.raises(ValueError):
        bill_import.parse_date(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("9.450,5", Decimal("9450.5")),
        ("9450,5", Decimal("9450.5")),
        ("9450.5", Decimal("9450.5")),
        ("1.436.476", Decimal("1436476")),
        ("$ 1.436.476", Decimal("1436476")),
        ("12.500", Decimal("12500")),
        ("7", Decimal("7")),
    ],
)
def test_numbers_written_the_chilean_or_the_plain_way(text, expected):
    assert bill_import.parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "-5", "0", "1e400", "NaN", "12,5,3"])
def test_text_negative_or_zero_numbers_are_refused(text):
    with pytest.raises(ValueError):
        bill_import.parse_number(text)


def test_pesos_must_be_whole():
    with pytest.raises(ValueError, match="entero"):
        bill_import.parse_number("1500,5", integer=True)


# The whole flow ---------------------------------------------------------------------


def test_a_year_of_bills_is_checked_then_imported_whole(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world["gestor"])
    record = upload(client, csv_upload(year_rows()), django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.READY
    assert (record.total_rows, record.error_rows, len(record.rows)) == (12, 0, 12)
    assert not Bill.objects.exists()  # the check saved nothing
    page = client.get(reverse("management:bill-import-detail", args=[record.pk]))
    assert "Importar 12 boletas" in page.content.decode()
    record = confirm(client, record, django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.DONE
    assert record.imported == 12
    imported = Bill.objects.filter(bill_import=record).order_by("period_start")
    assert imported.count() == 12
    january = imported.first()
    assert january.meter == world["meter"]
    assert (january.period_start, january.period_end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 1, 31),
    )
    assert january.consumption == Decimal("9010")
    assert january.kwh == Decimal("9010")
    assert january.amount_clp == 1_201_000
    assert january.status == Bill.Status.SUBMITTED
    # Each imported bill has its first history row: a copy of it, by the importer.
    history = Bill.history.filter(bill_import=record)
    assert history.count() == 12
    first = history.get(id=january.pk)
    assert (first.history_type, first.history_user, first.history_change_reason) == (
        "+",
        world["gestor"],
        "Importación de boletas",
    )
    assert (first.meter_id, first.consumption, first.kwh, first.findings) == (
        january.meter_id,
        january.consumption,
        january.kwh,
        january.findings,
    )
    assert abs((first.history_date - january.created_at).total_seconds()) < 60
    # The same file again: refused before anything is read.
    response = client.post(IMPORT, {"file": csv_upload(year_rows())})
    assert response.status_code == 200
    assert "ya se importó" in response.content.decode()
    assert Bill.objects.count() == 12
    # Confirming twice imports nothing twice.
    confirm(client, record, django_capture_on_commit_callbacks)
    assert Bill.objects.count() == 12


def test_a_bad_row_at_the_end_leaves_the_database_unchanged(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world["gestor"])
    lines = year_rows()
    lines.append("E-20931;01-01-2026;ayer;05-02-2026;9.000;1200000")
    lines.append("E-20931;01-02-2026;28-02-2026;05-03-2026;-40;1200000")
    lines.append("E-20931;01-03-2026;31-03-2026;05-04-2026;mucho;1200000")
    record = upload(client, csv_upload(lines), django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.REFUSED
    assert record.error_rows == 3 and record.rows == []
    problems = {(p["row"], p["column"]): p["message"] for p in record.problems}
    assert "no es una fecha" in problems[(14, "Término del periodo")]
    assert "mayor que cero" in problems[(15, "Consumo")]
    assert "no es un número" in problems[(16, "Consumo")]
    assert not Bill.objects.exists()
    page = client.get(reverse("management:bill-import-detail", args=[record.pk]))
    html = page.content.decode()
    assert "No se importó ninguna boleta" in html and "Importar" not in html.split(
        "Importación:"
    )[-1].split("Errores")[0].replace("Importar otro archivo", "")


def test_domain_rules_overlaps_and_other_services_meters_are_refused_by_row(
    world, django_capture_on_commit_callbacks
):
    other_unit = UnitFactory(service=ServiceFactory(), energy_start_year=2024)
    make_meter(other_unit, client="999", number="AJENO-1")
    bills.save_bill(
        meter=world["meter"],
        data=bills.BillData(
            period_start=dt.date(2025, 3, 1),
            period_end=dt.date(2025, 3, 31),
            issue_date=dt.date(2025, 4, 5),
            consumption=Decimal("9000"),
            amount_clp=1_000_000,
        ),
    )
    lines = [
        "E-20931;01-01-2025;31-01-2025;05-02-2025;9000;1200000",  # row 2: fine
        "E-20931;15-01-2025;14-02-2025;20-02-2025;9000;1200000",  # 3: overlaps row 2
        "E-20931;01-03-2025;31-03-2025;05-04-2025;9000;1200000",  # 4: already saved
        "AJENO-1;01-01-2025;31-01-2025;05-02-2025;9000;1200000",  # 5: other service
        "NO-EXISTE;01-01-2025;31-01-2025;05-02-2025;9000;1200000",  # 6
        "E-20931;31-05-2025;01-05-2025;05-06-2025;9000;1200000",  # 7: end before start
    ]
    record = upload(
        client_for(world["gestor"]),
        csv_upload(lines),
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.REFUSED
    by_row = {}
    for p in record.problems:
        by_row.setdefault(p["row"], []).append(p["message"])
    assert 2 not in by_row
    assert any("fila 2" in m for m in by_row[3])
    assert by_row[4]  # the period is already loaded for this meter
    assert "no es de una unidad de este servicio" in by_row[5][0]
    assert "No existe el medidor NO-EXISTE" in by_row[6][0]
    assert any("anterior a su inicio" in m for m in by_row[7])
    assert Bill.objects.count() == 1


def test_wrong_columns_and_files_that_are_not_tables_are_refused(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world["gestor"])
    text = "Medidor;Consumo\nE-20931;9000\n"
    record = upload(
        client,
        SimpleUploadedFile("x.csv", text.encode()),
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.REFUSED
    assert "Faltan columnas" in record.message and "Monto total" in record.message
    record = upload(
        client,
        SimpleUploadedFile("x.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.REFUSED and record.message
    response = client.post(IMPORT, {})
    assert "Elija el archivo de boletas" in response.content.decode()


def test_an_xlsx_with_excel_dates_and_extra_columns_imports(
    world, django_capture_on_commit_callbacks
):
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "N° de medidor",
            "Inicio",
            "Término",
            "Fecha de emisión",
            "Consumo",
            "Monto total",
            "Responsable",
        ]
    )
    sheet.append(
        [
            "E-20931",
            dt.datetime(2025, 1, 1),
            dt.datetime(2025, 1, 31),
            45693,
            9000.5,
            1200000,
            "Ana",
        ]
    )
    data = io.BytesIO()
    book.save(data)
    client = client_for(world["gestor"])
    record = upload(
        client,
        SimpleUploadedFile("boletas.xlsx", data.getvalue()),
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.READY, record.problems or record.message
    confirm(client, record, django_capture_on_commit_callbacks)
    bill = Bill.objects.get()
    assert bill.issue_date == dt.date(2025, 2, 5)  # serial 45693
    assert bill.consumption == Decimal("9000.5")


def test_a_row_failing_at_import_time_removes_every_bill_of_the_file(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(bill_import, "CHUNK", 3)
    client = client_for(world["gestor"])
    record = upload(client, csv_upload(year_rows()), django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.READY
    # Between the check and the import someone loads November by hand.
    bills.save_bill(
        meter=world["meter"],
        data=bills.BillData(
            period_start=dt.date(2025, 11, 1),
            period_end=dt.date(2025, 11, 30),
            issue_date=dt.date(2025, 12, 5),
            consumption=Decimal("9000"),
            amount_clp=1_000_000,
        ),
    )
    record = confirm(client, record, django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.FAILED
    assert "Fila 12" in record.message
    assert record.imported == 0
    assert not Bill.objects.filter(bill_import=record).exists()
    assert Bill.objects.count() == 1  # only the one loaded by hand


def test_an_unchanged_meter_keeps_the_checks_findings_without_reading_history_again(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    client = client_for(world["gestor"])
    lines = year_rows(months=range(1, 12))
    lines.append("E-20931;01-12-2025;31-12-2025;05-01-2026;90.000;1200000")
    record = upload(client, csv_upload(lines), django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.READY
    december = record.rows[-1]
    assert any("desviaciones" in f for f in december["findings"]), december

    def history_read(ids):
        raise AssertionError("the import read the meters' bills again")

    # Nothing changed since the upload: the import does not read the history again.
    monkeypatch.setattr(bill_import, "series_history", history_read)
    record = confirm(client, record, django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.DONE, record.message
    saved = Bill.objects.get(bill_import=record, period_start=dt.date(2025, 12, 1))
    assert saved.findings == december["findings"]


def test_rules_on_the_unit_are_applied_again_at_import(
    world, django_capture_on_commit_callbacks
):
    client = client_for(world["gestor"])
    record = upload(client, csv_upload(year_rows()), django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.READY
    # The unit's Alcance now starts in 2026: no bill of 2025 may come in.
    type(world["unit"]).objects.filter(pk=world["unit"].pk).update(
        energy_start_year=2026
    )
    record = confirm(client, record, django_capture_on_commit_callbacks)
    assert record.status == BillImport.Status.FAILED
    assert "2026" in record.message
    assert not Bill.objects.exists()


def test_a_redelivered_import_resumes_without_duplicates(world):
    record = BillImport.objects.create(
        service=world["service"],
        created_by=world["gestor"],
        file_name="b.csv",
        sha256="1" * 64,
        status=BillImport.Status.IMPORTING,
        total_rows=4,
        rows=[
            {
                "row": n + 2,
                "meter": world["meter"].pk,
                "start": f"2025-0{n + 1}-01",
                "end": f"2025-0{n + 1}-{calendar.monthrange(2025, n + 1)[1]}",
                "issue": f"2025-0{n + 2}-05",
                "consumption": "9000",
                "amount": "1000000",
                "observation": "",
            }
            for n in range(4)
        ],
    )
    # The worker died after saving January but before committing its progress.
    first = record.rows[0]
    bill = bills.save_bill(meter=world["meter"], data=bill_import._data(first))
    Bill.objects.filter(pk=bill.pk).update(bill_import=record)
    bill_import.run_import(record.pk)
    record.refresh_from_db()
    assert record.status == BillImport.Status.DONE
    assert Bill.objects.filter(meter=world["meter"]).count() == 4


# The template and who may import ---------------------------------------------------------


def test_the_template_offers_the_meters_the_user_manages(world):
    second = UnitFactory(
        service=world["service"], name="Bodega", energy_start_year=2024
    )
    make_meter(second, client="555", number="B-1")
    gu = person(Role.GESTOR_UNIDAD, world["service"])
    UnitAssignment.objects.create(user=gu, unit=second)

    def meters(user):
        response = client_for(user).get(reverse("management:bill-import-template"))
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        assert [c.value for c in book["Boletas"][1]][:2] == ["Medidor", "N° de cliente"]
        return [row[0].value for row in book["Medidores"].iter_rows(min_row=2)]

    assert sorted(meters(world["gestor"])) == ["B-1", "E-20931"]
    assert meters(gu) == ["B-1"]


def test_a_gestor_de_unidad_cannot_import_for_units_not_assigned(
    world, django_capture_on_commit_callbacks
):
    gu = person(Role.GESTOR_UNIDAD, world["service"])
    record = upload(
        client_for(gu),
        csv_upload(year_rows(months=[1])),
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.REFUSED
    assert "no es de una unidad" in record.problems[0]["message"]
    # and they do not see the gestor's imports
    other = BillImport.objects.create(
        service=world["service"],
        created_by=world["gestor"],
        file_name="x.csv",
        sha256="2" * 64,
    )
    response = client_for(gu).get(
        reverse("management:bill-import-detail", args=[other.pk])
    )
    assert response.status_code == 404


def test_the_page_shows_progress_and_refreshes_while_the_worker_runs(world):
    record = BillImport.objects.create(
        service=world["service"],
        created_by=world["gestor"],
        file_name="b.csv",
        sha256="3" * 64,
        status=BillImport.Status.IMPORTING,
        total_rows=200,
        processed=50,
    )
    page = client_for(world["gestor"]).get(
        reverse("management:bill-import-detail", args=[record.pk])
    )
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'max="100" value="25"' in html
    assert "50 de 200" in html
    record.status = BillImport.Status.DONE
    record.save()
    html = (
        client_for(world["gestor"])
        .get(reverse("management:bill-import-detail", args=[record.pk]))
        .content.decode()
    )
    assert "http-equiv" not in html
