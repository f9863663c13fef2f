"""Flota screens: role scoping, forms that keep what was typed, exports, reports,
the import with preview, and lists whose query count does not grow."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.fleet import selectors, services
from management.fleet.models import Driver, FuelLoad, Trip, Vehicle
from tests.factories import ServiceFactory, UnitFactory

from .conftest import at, client_for, load, make_driver, make_vehicle, person, trip

pytestmark = pytest.mark.django_db


def test_a_conductor_sees_only_their_vehicles_and_loads(service):
    mine, theirs = make_vehicle(service), make_vehicle(service)
    me, colleague = make_driver(service), make_driver(service)
    services.assign_vehicle(vehicle=mine, units=[], drivers=[me])
    services.assign_vehicle(vehicle=theirs, units=[], drivers=[colleague])
    load(mine, at(1), 10_100, 30, by=me.user)
    load(theirs, at(1), 10_100, 30, by=colleague.user)
    client = client_for(me.user)
    listing = client.get(reverse("fleet:vehicle-list")).content.decode()
    assert mine.plate in listing and theirs.plate not in listing
    assert client.get(theirs.get_absolute_url()).status_code == 404
    loads = client.get(reverse("fleet:fuel-list")).content.decode()
    assert loads.count("10.100") == 1
    form = client.get(reverse("fleet:fuel-create")).content.decode()
    assert mine.plate in form and theirs.plate not in form
    # Posting someone else's vehicle anyway: refused, nothing saved, input kept.
    response = client.post(
        reverse("fleet:fuel-create"),
        {
            "vehicle": theirs.pk,
            "loaded_at": "2025-03-02T10:00",
            "odometer": "10.500",
            "quantity": "33,5",
            "cost_clp": "45000",
            "full_tank": "on",
        },
    )
    assert response.status_code == 200
    assert "no está disponible para usted" in response.content.decode()
    assert 'value="33,5"' in response.content.decode()
    assert FuelLoad.objects.count() == 2


def test_a_fleet_manager_sees_only_their_services_fleet(service):
    own = make_vehicle(service)
    foreign = make_vehicle(ServiceFactory())
    client = client_for(person(Role.GESTOR_FLOTA, service))
    listing = client.get(reverse("fleet:vehicle-list")).content.decode()
    assert own.plate in listing and foreign.plate not in listing
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("fleet:vehicle-update", args=[foreign.pk])).status_code
        == 404
    )
    # A Gestor de Unidad has no business in the fleet.
    assert (
        client_for(person(Role.GESTOR_UNIDAD, service))
        .get(reverse("fleet:vehicle-list"))
        .status_code
        == 403
    )


def test_register_a_vehicle_keeps_input_on_error_then_saves(service):
    make_vehicle(service, plate="BBCD12")
    client = client_for(person(Role.GESTOR_FLOTA, service))
    data = {
        "plate": "bb-cd-12",
        "brand": "Nissan",
        "model_name": "Navara",
        "year": "2023",
        "vehicle_type": "camioneta",
        "motor": "diesel",
        "ownership": "arrendado",
        "initial_odometer": "12.500",
    }
    response = client.post(reverse("fleet:vehicle-create"), data)
    page = response.content.decode()
    assert "La patente BBCD12 ya está registrada." in page
    assert 'value="Navara"' in page
    data["plate"] = "hjkl34"
    response = client.post(reverse("fleet:vehicle-create"), data)
    vehicle = Vehicle.objects.get(plate="HJKL34")
    assert response.url == reverse("fleet:vehicle-assign", args=[vehicle.pk])
    assert vehicle.initial_odometer == 12_500 and vehicle.service == service


def test_assign_units_and_drivers_from_the_vehicle(service):
    vehicle = make_vehicle(service)
    unit = UnitFactory(service=service, name="Oficina regional")
    driver = make_driver(service)
    client = client_for(person(Role.GESTOR_FLOTA, service))
    response = client.post(
        reverse("fleet:vehicle-assign", args=[vehicle.pk]),
        {"units": [unit.pk], "drivers": [driver.pk]},
    )
    assert response.status_code == 302
    assert list(vehicle.units.all()) == [unit] and list(vehicle.drivers.all()) == [
        driver
    ]
    page = client.get(vehicle.get_absolute_url()).content.decode()
    assert "Oficina regional" in page


def test_trip_form_errors_in_spanish_and_nothing_lost(service):
    vehicle = make_vehicle(service, initial_odometer=0)
    driver = make_driver(service)
    services.assign_vehicle(vehicle=vehicle, units=[], drivers=[driver])
    client = client_for(driver.user)
    data = {
        "vehicle": vehicle.pk,
        "departed_at": "2025-03-02T18:00",
        "returned_at": "2025-03-02T08:00",
        "odometer_out": "1.000",
        "odometer_in": "1.080",
        "origin": "Santiago",
        "destination": "Talca",
        "purpose": "Fiscalización",
        "passengers": "2",
    }
    page = client.post(reverse("fleet:trip-create"), data).content.decode()
    assert "debe ser posterior a la salida" in page and 'value="Fiscalización"' in page
    data["returned_at"] = "2025-03-02T21:00"
    assert client.post(reverse("fleet:trip-create"), data).status_code == 302
    saved = Trip.objects.get()
    assert saved.km == 80 and saved.driver == driver and saved.passengers == 2


def test_exports_and_report_figures(service):
    car = make_vehicle(service, initial_odometer=10_000)
    unit = UnitFactory(service=service, name="Dirección regional")
    services.assign_vehicle(vehicle=car, units=[unit], drivers=[])
    year = timezone.localdate().year
    load(car, at(1, month=1, year=year), 10_000, 40, cost=52_000)
    load(car, at(5, month=1, year=year), 10_300, 20, full=False, cost=26_000)
    load(car, at(9, month=1, year=year), 10_700, 25, cost=32_500)
    client = client_for(person(Role.GESTOR_CONSULTA, service))
    csv = b"".join(
        client.get(reverse("fleet:vehicle-list") + "?export=csv").streaming_content
    ).decode("utf-8-sig")
    line = next(row for row in csv.splitlines() if row.startswith(car.plate))
    # Units served and all-time km/L (700 km / 45 L) travel with the export.
    assert ";Dirección regional;15.56;;Activo;" in line
    page = client.get(
        reverse("fleet:reports") + f"?anio={year}&nivel=unidad"
    ).content.decode()
    assert "Dirección regional" in page
    assert "15,6 km/L" in page  # 700 km / 45 L
    response = client.get(reverse("fleet:reports") + f"?anio={year}&export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    row = next(line for line in body.splitlines() if line.startswith(car.plate))
    cells = row.split(";")
    # km 700, litres 85, km/L 15.56, cost 110,500 → 157.9 CLP/km, CO2 85 × 2.272 kg
    figures = [
        Decimal(c)
        for c in (cells[4], cells[5], cells[7], cells[9], cells[10], cells[11])
    ]
    assert figures == [
        700,
        85,
        Decimal("15.56"),
        110_500,
        Decimal("157.9"),
        Decimal("0.193"),
    ]


def test_the_vehicle_list_rows_show_every_column_as_the_table_defines_it(service):
    car = make_vehicle(service, brand="<Nissan & Co>", model_name="=1+1")
    van = make_vehicle(
        service,
        vehicle_type=Vehicle.Type.VAN,
        motor=Vehicle.Motor.ELECTRIC,
        ownership=Vehicle.Ownership.LEASED,
    )
    services.assign_vehicle(
        vehicle=van,
        units=[
            UnitFactory(service=service, name="Bodega"),
            UnitFactory(service=service, name="Oficina <central>"),
        ],
        drivers=[],
    )
    services.set_status(vehicle=van, status=Vehicle.Status.MAINTENANCE)
    load(car, at(1), 10_000, 40)
    load(car, at(5), 10_500, 40)
    html = (
        client_for(person(Role.GESTOR_FLOTA, service))
        .get(reverse("fleet:vehicle-list") + "?sort=plate")
        .content.decode()
    )
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:2]

    def cells(vehicle) -> list[str]:
        row = next(r for r in rows if f">{vehicle.plate}</a>" in r)
        return [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]

    car_cells, van_cells = cells(car), cells(van)
    assert car_cells == [
        f'<a href="{car.get_absolute_url()}">{car.plate}</a>',
        "&lt;Nissan &amp; Co&gt;",
        "=1+1",
        "2020",
        "Automóvil",
        "Gasolina",
        "Propio",
        service.name,
        "—",
        "12,5 km/L",  # 500 km / 40 L
        '<span class="badge badge-ok">Activo</span>',
    ]
    assert van_cells[4:] == [
        "Furgón",
        "Eléctrico",
        "Arrendado",
        service.name,
        van_cells[8],
        "—",
        '<span class="badge badge-warn">En mantención</span>',
    ]
    assert sorted(van_cells[8].split(", ")) == ["Bodega", "Oficina &lt;central&gt;"]
    assert 'class="even"' in rows[0] and 'class="odd"' in rows[1]
    empty = (
        client_for(person(Role.GESTOR_FLOTA, service))
        .get(reverse("fleet:vehicle-list") + "?q=ZZZZ")
        .content.decode()
    )
    assert "No hay vehículos con estos filtros." in empty


def test_inactive_vehicles_in_the_report(service):
    quiet, busy = make_vehicle(service), make_vehicle(service, initial_odometer=0)
    load(busy, timezone.now() - timedelta(days=3), 100, 30)
    client = client_for(person(Role.GESTOR_FLOTA, service))
    page = client.get(reverse("fleet:reports") + "?dias=30").content.decode()
    inactive = page.split('data-testid="inactive-table"')[1]
    assert quiet.plate in inactive and busy.plate not in inactive


def test_driver_created_by_the_service_manager_with_licence(service):
    client = client_for(person(Role.GESTOR_SERVICIO, service))
    response = client.post(
        reverse("fleet:driver-create"),
        {
            "email": "nuevo.conductor@servicio.example",
            "first_name": "Nuevo",
            "last_name": "Conductor",
            "licence_class": "B",
            "licence_expiry": (date.today() + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("fleet:driver-list")).content.decode()
    assert "Nuevo Conductor" in page and "vence en 20 días" in page
    # A Gestor de Flota cannot create accounts, only register licences of existing ones.
    fleet_client = client_for(person(Role.GESTOR_FLOTA, service))
    page = fleet_client.post(
        reverse("fleet:driver-create"),
        {
            "email": "otra@servicio.example",
            "first_name": "Otra",
            "last_name": "Persona",
            "licence_class": "B",
            "licence_expiry": "2030-01-01",
        },
    ).content.decode()
    assert "el Gestor de Servicio crea las cuentas" in page


def _sheet(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("flota.csv", text.encode("utf-8"), "text/csv")


def test_import_previews_row_errors_then_imports_all(service):
    make_vehicle(service, plate="BBCD12")
    UnitFactory(service=service, name="Oficinas centrales")
    client = client_for(person(Role.GESTOR_FLOTA, service))
    header = "patente;marca;modelo;año;tipo;motor;propiedad;vin;odómetro inicial;capacidad estanque;unidades\n"
    bad = header + (
        "BBCD12;Toyota;Hilux;2022;Camioneta;Diésel;Propio;;1000;;\n"
        "XX12;Kia;Rio;2020;Automóvil;Gasolina;Propio;;500;;\n"
        "HJKL34;Kia;Rio;2020;Nave;Gasolina;Propio;;500;;Unidad fantasma\n"
    )
    page = client.post(
        reverse("fleet:vehicle-import"), {"file": _sheet(bad)}
    ).content.decode()
    assert "3 filas con errores" in page
    assert "ya está registrada" in page and "no es una patente chilena" in page
    assert "Valor no reconocido" in page and "Unidad fantasma" in page
    assert Vehicle.objects.count() == 1
    good = header + (
        "CDFG56;Toyota;Hilux;2022;camioneta;diesel;propio;;1.000;;Oficinas centrales\n"
        "AB1234;Hyundai;Ioniq;2021;Automovil;Hibrido;Arrendado;;42000;;\n"
    )
    page = client.post(
        reverse("fleet:vehicle-import"), {"file": _sheet(good)}
    ).content.decode()
    assert "2 vehículos listos para importar" in page
    response = client.post(reverse("fleet:vehicle-import"), {"confirm": "1"})
    assert response.status_code == 302
    hilux = Vehicle.objects.get(plate="CDFG56")
    assert (
        hilux.initial_odometer == 1000
        and hilux.units.get().name == "Oficinas centrales"
    )
    assert Vehicle.objects.get(plate="AB1234").motor == "hibrido"


def test_import_refuses_a_file_that_is_not_a_sheet(service):
    client = client_for(person(Role.GESTOR_FLOTA, service))
    upload = SimpleUploadedFile("x.csv", b"MZ\x90\x00\x03\x00\x00\x00", "text/csv")
    response = client.post(reverse("fleet:vehicle-import"), {"file": upload})
    assert response.status_code == 200 and Vehicle.objects.count() == 0
    assert "errorlist" in response.content.decode()


def _grow(service, n, driver):
    for _ in range(n):
        car = make_vehicle(service, initial_odometer=0)
        car.units.add(UnitFactory(service=service))
        car.drivers.add(driver)
        load(car, at(1), 100, 30, driver=driver)
        load(car, at(3), 500, 30, driver=driver)
        trip(car, driver, at(4, 8), at(4, 12), 500, 600)


LISTS = [
    ("fleet:vehicle-list", Role.GESTOR_FLOTA),
    ("fleet:vehicle-list", Role.CONDUCTOR),
    ("fleet:fuel-list", Role.GESTOR_FLOTA),
    ("fleet:fuel-list", Role.CONDUCTOR),
    ("fleet:trip-list", Role.GESTOR_FLOTA),
    ("fleet:driver-list", Role.GESTOR_FLOTA),
    ("fleet:reports", Role.GESTOR_FLOTA),
    ("fleet:home", Role.GESTOR_FLOTA),
    ("fleet:home", Role.CONDUCTOR),
]


@pytest.mark.parametrize(("name", "role"), LISTS)
def test_fleet_lists_keep_a_constant_number_of_queries(service, name, role):
    driver = make_driver(service)
    user = driver.user if role == Role.CONDUCTOR else person(role, service)
    client = client_for(user)
    url = reverse(name)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    _grow(service, 2, driver)
    count()
    few = count()
    _grow(service, 12, driver)
    many = count()
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"


def test_the_demo_fleet_is_consistent_and_idempotent():
    from django.core.management import call_command

    call_command("load_demo", force=True, quiet=True)
    from management.demo_fleet import load as load_fleet

    assert load_fleet() == ["  Flota de demostración ya cargada."]
    fleet = Vehicle.objects.filter(service__code="SUBENERGIA")
    assert fleet.count() == 15
    assert fleet.filter(status="baja").count() == 1
    for vehicle in fleet:
        readings = sorted(
            [(x.loaded_at, x.odometer) for x in vehicle.fuel_loads.all()]
            + [(t.departed_at, t.odometer_out) for t in vehicle.trips.all()]
            + [(t.returned_at, t.odometer_in) for t in vehicle.trips.all()]
        )
        odometers = [km for _at, km in readings]
        assert odometers == sorted(odometers), vehicle.plate
        assert vehicle.trips.count() > 100 and vehicle.fuel_loads.count() >= 5
    conductor = Driver.objects.get(user__email="conductor@demo.gestionaenergia.example")
    assert sorted(conductor.vehicles.values_list("plate", flat=True)) == [
        "GKRT21",
        "JDWX88",
    ]
    hilux = fleet.get(plate="GKRT21")
    row = selectors.vehicle_rows(
        Vehicle.objects.filter(pk=hilux.pk),
        timezone.localdate() - timedelta(days=366),
        timezone.localdate(),
    )[0]
    assert Decimal("9") < row.km_per_litre < Decimal("12")


def test_the_unit_page_in_gestion_lists_the_vehicles_assigned_in_flota(service):
    unit = UnitFactory(service=service, name="Seremi Biobío")
    vehicle = make_vehicle(service, plate="RSDB65", brand="Peugeot")
    retired = make_vehicle(service, plate="DW4512")
    services.assign_vehicle(vehicle=vehicle, units=[unit], drivers=[])
    services.assign_vehicle(vehicle=retired, units=[unit], drivers=[])
    services.retire_vehicle(vehicle=retired, on=date.today(), reason="Remate")
    client = client_for(person(Role.GESTOR_SERVICIO, service))
    page = client.get(
        reverse("management:unit-detail", args=[unit.pk])
    ).content.decode()
    section = page.split('id="vehiculos"')[1].split("</section>")[0]
    assert "<strong>Sí</strong>" in section
    assert "RSDB65 · Peugeot" in section and "DW4512" not in section


def test_an_xlsx_sheet_imports_too(service):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Patente",
            "Marca",
            "Modelo",
            "Año",
            "Tipo",
            "Motor",
            "Propiedad",
            "Odómetro inicial",
        ]
    )
    sheet.append(
        ["LRFZ19", "BYD", "E5", 2023, "Automóvil", "Eléctrico", "Comodato", 1500]
    )
    data = BytesIO()
    book.save(data)
    upload = SimpleUploadedFile(
        "flota.xlsx",
        data.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    client = client_for(person(Role.GESTOR_FLOTA, service))
    page = client.post(
        reverse("fleet:vehicle-import"), {"file": upload}
    ).content.decode()
    assert "1 vehículo listo para importar" in page
    client.post(reverse("fleet:vehicle-import"), {"confirm": "1"})
    ev = Vehicle.objects.get(plate="LRFZ19")
    assert (
        ev.motor == "electrico"
        and ev.initial_odometer == 1500
        and ev.service == service
    )


def test_a_manager_annuls_a_mistaken_load_and_km_per_litre_is_recomputed(service):
    car = make_vehicle(service, initial_odometer=0)
    load(car, at(1), 1_000, 40)
    wrong = load(car, at(5), 1_300, 10, full=False)
    closing = load(car, at(10), 1_600, 30)
    assert closing.efficiency == 15
    conductor = make_driver(service)
    assert (
        client_for(conductor.user)
        .post(reverse("fleet:fuel-delete", args=[wrong.pk]))
        .status_code
        == 403
    )
    other = client_for(person(Role.GESTOR_FLOTA, ServiceFactory()))
    assert other.post(reverse("fleet:fuel-delete", args=[wrong.pk])).status_code == 404
    client = client_for(person(Role.GESTOR_FLOTA, service))
    response = client.post(reverse("fleet:fuel-delete", args=[wrong.pk]))
    assert response.url == car.get_absolute_url()
    closing.refresh_from_db()
    assert (
        closing.efficiency == 20 and not FuelLoad.objects.filter(pk=wrong.pk).exists()
    )
    driven = trip(car, make_driver(service), at(11, 8), at(11, 9), 1_600, 1_650)
    client.post(reverse("fleet:trip-delete", args=[driven.pk]))
    assert not Trip.objects.exists()
