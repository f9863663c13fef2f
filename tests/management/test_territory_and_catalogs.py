"""Chile's territory and the editable lists come from the project's own data."""

import csv

import pytest

from management.models import Comuna, PropertyType, Province, Region, UseType

pytestmark = pytest.mark.django_db


def test_the_territory_has_16_regions_56_provinces_and_346_comunas():
    assert Region.objects.count() == 16
    assert Province.objects.count() == 56
    assert Comuna.objects.count() == 346


@pytest.mark.parametrize(
    ("code", "comuna", "province", "region"),
    [
        ("13101", "Santiago", "Santiago", "13"),
        ("16101", "Chillán", "Diguillín", "16"),
        ("12101", "Punta Arenas", "Magallanes", "12"),
        ("15101", "Arica", "Arica", "15"),
        ("11101", "Coyhaique", "Coyhaique", "11"),
        ("05201", "Isla de Pascua", "Isla de Pascua", "05"),
    ],
)
def test_known_official_codes(code, comuna, province, region):
    row = Comuna.objects.select_related("province__region").get(code=code)
    assert row.name == comuna
    assert row.province.name == province
    assert row.province.region.code == region
    # The Código Único Territorial nests: comuna starts with its province's code.
    assert row.code.startswith(row.province.code)
    assert row.province.code.startswith(row.province.region.code)


def test_every_row_of_the_project_file_is_loaded():
    from management.migrations import __file__ as pkg

    path = __import__("pathlib").Path(pkg).parent.parent / "data" / "dpa_chile.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    loaded = dict(Comuna.objects.values_list("code", "name"))
    assert {r["comuna_code"]: r["comuna_name"] for r in rows} == loaded


def test_regions_are_listed_north_to_south():
    codes = list(Region.objects.values_list("code", flat=True))
    assert codes[0] == "15" and codes[-1] == "12"
    assert codes.index("13") < codes.index("16") < codes.index("08")


def test_use_and_property_types_are_seeded_and_editable():
    assert UseType.objects.filter(name="Oficinas administrativas").exists()
    assert UseType.objects.count() >= 10
    assert set(PropertyType.objects.values_list("name", flat=True)) >= {
        "Propio / fiscal",
        "Arrendado",
        "Comodato",
    }
    other = UseType.objects.get(name="Otro")
    other.is_active = False
    other.save()
    assert other not in UseType.objects.active()
