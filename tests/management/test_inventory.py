"""Buildings and units: the seed's create flow, bad input, deactivation, audit."""

import datetime as dt
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.models import Building, Comuna, Province, Region, Unit
from management.services import parse_floors
from tests.factories import BuildingFactory, ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def service():
    return ServiceFactory(name="Subsecretaría de Prueba")


@pytest.fixture
def gestor(service):
    return person(Role.GESTOR_SERVICIO, service)


@pytest.fixture
def client(gestor):
    return client_for(gestor)


def place(code):
    comuna = Comuna.objects.select_related("province__region").get(code=code)
    return {
        "region": comuna.province.region.pk,
        "province": comuna.province.pk,
        "comuna": comuna.pk,
    }


def unit_data(**overrides):
    from management.models import PropertyType, UseType

    data = {
        "name": "Oficina regional",
        "use_type": UseType.objects.get(name="Oficinas administrativas").pk,
        "floors": "4, 5",
        "surface_m2": "1.250,5",
        "property_type": PropertyType.objects.get(name="Arrendado").pk,
        "has_rol": "1",
        "rol": "1234-56",
        "no_rol_reason": "",
        "year_built": "1985",
        "in_use_since": "",
        "staff_count": "30",
        "other_collaborators_count": "4",
        "invoice_access": "1",
        "invoice_payer_service": "",
        "invoice_payer_name": "",
    }
    data.update(overrides)
    return data


def test_building_create_narrows_the_selects_without_javascript(client, service):
    url = reverse("management:building-create")
    magallanes = Region.objects.get(code="12")
    page = client.post(
        url,
        {
            "street": "Avenida Colón",
            "number": "1020",
            "region": magallanes.pk,
            "refresh": "1",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Magallanes" in html and "Tierra del Fuego" in html
    # Nothing typed is lost, and narrowing the lists shows no errors yet.
    assert 'value="Avenida Colón"' in html
    assert "errorlist" not in html
    province = Province.objects.get(code="121")
    page = client.post(
        url,
        {
            "street": "Avenida Colón",
            "number": "1020",
            "region": magallanes.pk,
            "province": province.pk,
            "refresh": "1",
        },
    )
    assert "Punta Arenas" in page.content.decode()
    assert "Santiago" not in page.context["form"]["comuna"].as_widget()
    response = client.post(
        url, {"street": "Avenida Colón", "number": "1020", **place("12101")}
    )
    building = Building.objects.get(street="Avenida Colón")
    assert response.status_code == 302
    assert building.service == service
    assert building.comuna.code == "12101"


def test_a_comuna_of_another_province_is_refused_in_spanish(client):
    data = {
        "street": "Teatinos",
        "number": "120",
        **place("12101"),
        "comuna": Comuna.objects.get(code="13101").pk,
    }
    page = client.post(reverse("management:building-create"), data)
    errors = page.context["form"].errors
    assert errors["comuna"] == [
        "La comuna Santiago no pertenece a la provincia Magallanes."
    ]
    assert 'value="Teatinos"' in page.content.decode()
    assert not Building.objects.exists()


def test_a_duplicate_address_needs_confirmation(client, service):
    BuildingFactory(
        service=ServiceFactory(),
        street="Teatinos",
        number="120",
        comuna=Comuna.objects.get(code="13101"),
    )
    data = {"street": "teatinos", "number": "120", **place("13101")}
    page = client.post(reverse("management:building-create"), data)
    assert "Ya hay un edificio registrado" in str(page.context["form"].errors)
    assert Building.objects.count() == 1
    client.post(
        reverse("management:building-create"), {**data, "confirm_duplicate": "on"}
    )
    assert Building.objects.count() == 2


@pytest.mark.parametrize(
    ("lat", "lon", "field", "message"),
    [
        ("10", "-70", "latitude", "La latitud de un lugar de Chile"),
        ("-33,4", "", "longitude", "Ingrese la latitud y la longitud"),
    ],
)
def test_coordinates_outside_chile_are_refused(client, lat, lon, field, message):
    data = {
        "street": "A",
        "number": "1",
        **place("13101"),
        "latitude": lat,
        "longitude": lon,
    }
    page = client.post(reverse("management:building-create"), data)
    assert message in str(page.context["form"].errors[field])


def test_unit_create_flow_region_province_comuna_building(client, service):
    building = BuildingFactory(service=service, comuna=Comuna.objects.get(code="12101"))
    url = reverse("management:unit-create")
    page = client.get(url, {**place("12101"), "refresh": "1"})
    assert str(building) in page.content.decode()
    response = client.get(
        url, {**place("12101"), "building": building.pk, "continue": "1"}
    )
    assert (
        response.status_code == 302
        and f"edificio={building.pk}" in response["Location"]
    )
    page = client.get(response["Location"])
    assert "Crear Unidad" in page.content.decode()
    response = client.post(url, {"building": building.pk, **unit_data()})
    unit = Unit.objects.get(name="Oficina regional")
    assert response.status_code == 302
    assert unit.service == service and unit.building == building
    assert str(unit.surface_m2) == "1250.50"
    assert list(unit.floors.values_list("number", flat=True)) == [4, 5]
    assert unit.floor_summary == "4, 5"


def test_continue_without_a_building_asks_to_choose_or_create_it(client):
    page = client.get(
        reverse("management:unit-create"), {**place("12101"), "continue": "1"}
    )
    assert "créelo primero" in str(page.context["place_form"].errors["building"])


BAD_UNIT_INPUT = [
    ({"surface_m2": "0"}, "surface_m2", "La superficie debe ser mayor que 0 m²."),
    ({"surface_m2": "-5"}, "surface_m2", "La superficie debe ser mayor que 0 m²."),
    ({"surface_m2": "2.000.000"}, "surface_m2", "no es plausible"),
    ({"surface_m2": "mucho"}, "surface_m2", "Escriba la superficie como número"),
    ({"year_built": str(THIS_YEAR + 1)}, "year_built", "no puede ser posterior"),
    ({"year_built": "1599"}, "year_built", "1600 o posterior"),
    ({"floors": "cuarto"}, "floors", "No se entiende «cuarto»"),
    ({"floors": ""}, "floors", "Indique los pisos"),
    ({"rol": "abc"}, "rol", "manzana-predio"),
    ({"has_rol": "0", "rol": ""}, "no_rol_reason", "Explique por qué"),
    (
        {"invoice_access": "3"},
        "invoice_payer_name",
        "Escriba el nombre de la organización",
    ),
    ({"invoice_access": "2"}, "invoice_payer_service", "Elija el servicio que paga"),
    ({"use_type": ""}, "use_type", "Elija el tipo de uso."),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_UNIT_INPUT)
def test_bad_unit_input_gets_a_spanish_field_error_and_keeps_the_rest(
    client, service, change, field, message
):
    building = BuildingFactory(service=service)
    page = client.post(
        reverse("management:unit-create"),
        {"building": building.pk, **unit_data(name="Bodega norte", **change)},
    )
    assert page.status_code == 200
    assert message in " ".join(page.context["form"].errors[field])
    assert 'value="Bodega norte"' in page.content.decode()
    assert not Unit.objects.filter(name="Bodega norte").exists()


def test_the_unit_form_posts_back_to_its_chosen_building(client, service):
    """Ids above 999 must not reach the page with es-CL thousand separators."""
    building = BuildingFactory(service=service, pk=12345)
    url = reverse("management:unit-create") + "?edificio=12345"
    html = client.get(url).content.decode()
    assert 'action="?edificio=12345"' in html
    hidden = re.search(r'name="building" value="([^"]*)"', html).group(1)
    assert hidden == "12345"
    client.post(url, {"building": hidden, **unit_data(name="Bodega sur")})
    assert Unit.objects.get(name="Bodega sur").building == building


def test_a_duplicate_rol_of_the_service_is_refused(client, service):
    existing = UnitFactory(service=service, rol="1234-56")
    page = client.post(
        reverse("management:unit-create"),
        {"building": existing.building.pk, **unit_data(rol="1234-56")},
    )
    assert "ya está registrado en otra unidad" in str(
        page.context["form"].errors["rol"]
    )
    # Another service may hold the same rol: services do not see each other's units.
    other = UnitFactory(rol="1234-56")
    assert other.service != service


def test_the_same_rol_fails_at_the_database_too(service):
    from django.db import IntegrityError, transaction

    UnitFactory(service=service, rol="55-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(service=service, rol="55-1")


@pytest.mark.parametrize(
    ("text", "floors"),
    [("4, 5, 7", [4, 5, 7]), ("1-3", [1, 2, 3]), ("-1, 1", [-1, 1]), ("2;2", [2])],
)
def test_floors_are_parsed_into_numbers(text, floors):
    assert parse_floors(text) == floors


def test_edit_and_deactivate_with_reason_keep_the_unit(client, service):
    unit = UnitFactory(service=service)
    response = client.post(
        reverse("management:unit-update", args=[unit.pk]),
        unit_data(name="Nuevo nombre", rol=unit.rol, floors="2"),
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Nuevo nombre" and unit.floor_summary == "2"
    page = client.post(
        reverse("management:unit-deactivate", args=[unit.pk]), {"reason": ""}
    )
    assert "Indique el motivo." in str(page.context["form"].errors)
    client.post(
        reverse("management:unit-deactivate", args=[unit.pk]),
        {"reason": "El servicio dejó el edificio"},
    )
    unit.refresh_from_db()
    assert (
        not unit.is_active
        and unit.deactivation_reason == "El servicio dejó el edificio"
    )
    assert Unit.objects.filter(pk=unit.pk).exists()
    client.post(reverse("management:unit-reactivate", args=[unit.pk]))
    unit.refresh_from_db()
    assert unit.is_active and unit.deactivation_reason == ""


def test_areas_are_added_under_a_floor(client, service):
    unit = UnitFactory(service=service)
    from management.models import UnitFloor

    floor = UnitFloor.objects.create(unit=unit, number=3)
    client.post(
        reverse("management:unit-area-add", args=[unit.pk]),
        {"floor": floor.pk, "name": "Ala norte", "surface_m2": "120"},
    )
    page = client.get(reverse("management:unit-detail", args=[unit.pk]))
    assert "Ala norte" in page.content.decode()
    area = floor.areas.get()
    client.post(reverse("management:unit-area-remove", args=[unit.pk, area.pk]))
    assert not floor.areas.exists()


def test_audit_history_shows_who_when_and_old_to_new(client, gestor, service):
    unit = UnitFactory(service=service, name="Antes")
    client.post(
        reverse("management:unit-update", args=[unit.pk]),
        unit_data(name="Después", rol=unit.rol, surface_m2="300"),
    )
    record = unit.history.latest()
    assert record.history_user == gestor
    assert record.name == "Después"
    page = client.get(reverse("management:unit-history", args=[unit.pk]))
    html = page.content.decode()
    assert "Antes → Después" in html
    assert gestor.get_full_name() in html
    building = unit.building
    client.post(
        reverse("management:building-update", args=[building.pk]),
        {"street": "Morandé", "number": building.number, **place("13101")},
    )
    page = client.get(reverse("management:building-history", args=[building.pk]))
    assert f"{building.street} → Morandé" in page.content.decode()


def test_service_changes_are_audited_for_the_administrator(service):
    admin = person(Role.ADMINISTRADOR)
    client = client_for(admin)
    client.post(
        reverse("management:service-update", args=[service.pk]),
        {
            "institution": service.institution.pk,
            "name": "Subsecretaría Renombrada",
            "code": service.code,
            "is_pmg": "",
            "is_active": "on",
        },
    )
    page = client.get(reverse("management:service-detail", args=[service.pk]))
    html = page.content.decode()
    assert "Subsecretaría de Prueba → Subsecretaría Renombrada" in html
    assert service.history.latest().history_user == admin


def test_in_use_since_cannot_be_in_the_future(client, service):
    building = BuildingFactory(service=service)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = client.post(
        reverse("management:unit-create"),
        {"building": building.pk, **unit_data(in_use_since=tomorrow.isoformat())},
    )
    assert "no puede ser futura" in str(page.context["form"].errors["in_use_since"])


def test_a_building_joins_a_new_or_existing_complex(client, service):
    data = {"street": "Campus", "number": "1", **place("13101")}
    client.post(
        reverse("management:building-create"), {**data, "complex_name": "Campus Norte"}
    )
    first = Building.objects.get(street="Campus")
    assert first.complex.name == "Campus Norte" and first.complex.service == service
    client.post(
        reverse("management:building-create"),
        {**data, "number": "2", "complex": first.complex.pk},
    )
    assert Building.objects.get(number="2").complex == first.complex


@pytest.mark.parametrize("table_name", ["UnitTable", "MyUnitsTable"])
def test_the_unit_list_rows_are_the_cells_django_tables2_would_render(table_name):
    """The rows written directly give, cell for cell, what the table's columns render."""
    from decimal import Decimal

    import django_tables2 as tables

    from django.test import RequestFactory

    from management import tables as unit_tables
    from tests.helpers import default_cells, written_cells

    service = ServiceFactory()
    UnitFactory(service=service, name="Oficina <central> & bodega")
    UnitFactory(service=service, surface_m2=Decimal("1234.50"), energy_start_year=2023)
    gone = UnitFactory(service=service, floor_summary="")
    gone.is_active, gone.deactivation_reason = False, "Se devolvió el inmueble."
    gone.save(update_fields=["is_active", "deactivation_reason"])
    units = Unit.objects.filter(service=service).with_place().order_by("pk")
    table = getattr(unit_tables, table_name)(units)
    tables.RequestConfig(RequestFactory().get("/"), paginate={"per_page": 2}).configure(
        table
    )
    names = [column.name for column in table.columns]
    assert "region" not in names  # hidden on screen, only exported
    expected = default_cells(table)
    written = written_cells(table)
    assert written == expected
    assert len(written) == 2  # one page
    attrs = [a for a, _cell in table.body_rows()[0][1]]
    assert attrs[names.index("surface_m2")] == 'class="num"'
    assert "&lt;central&gt; &amp; bodega" in " ".join(written[0])
