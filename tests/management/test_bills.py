"""Client numbers, meters and bills: every bill rule, meter change, scoping, queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.models import Bill, ClientNumber, Distributor, Meter
from management.services import bills
from management.services.bills import BillData
from tests.factories import UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db


def distributor(name="Enel Distribución"):
    return Distributor.objects.get(name=name)


@pytest.fixture
def unit():
    return UnitFactory(energy_start_year=2022)


@pytest.fixture
def meter(unit):
    client = bills.create_client_number(
        unit=unit, distributor=distributor(), number="123456-7", tariff="BT1"
    )
    return bills.create_meter(
        client_number=client, number="MED-1", active_from=date(2020, 1, 1)
    )


def data(start, end, consumption="1000", amount=150000, issue=None, **extra):
    return BillData(
        period_start=start,
        period_end=end,
        issue_date=issue or end,
        consumption=Decimal(consumption),
        amount_clp=amount,
        **extra,
    )


def month(year, m):
    start = date(year, m, 1)
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start, end


# ----------------------------------------------------------------- the rules


TODAY = timezone.localdate()
FUTURE = TODAY + timedelta(days=10)


@pytest.mark.parametrize(
    "bad, field, text",
    [
        (
            data(date(2024, 3, 31), date(2024, 3, 1)),
            "period_end",
            "es anterior a su inicio",
        ),
        (data(date(2023, 1, 1), date(2024, 3, 1)), "period_end", "más de un año"),
        (
            data(TODAY - timedelta(days=5), FUTURE, issue=TODAY),
            "period_end",
            "no puede estar en el futuro",
        ),
        (
            data(date(2024, 3, 1), date(2024, 3, 31), issue=FUTURE),
            "issue_date",
            "no puede estar en el futuro",
        ),
        (
            data(date(2024, 3, 1), date(2024, 3, 31), issue=date(2024, 2, 20)),
            "issue_date",
            "anterior al inicio",
        ),
        (
            data(date(2024, 3, 1), date(2024, 3, 31), consumption="0"),
            "consumption",
            "mayor que cero",
        ),
        (
            data(date(2024, 3, 1), date(2024, 3, 31), consumption="-5"),
            "consumption",
            "mayor que cero",
        ),
        (
            data(date(2024, 3, 1), date(2024, 3, 31), amount=0),
            "amount_clp",
            "mayor que cero",
        ),
        (
            data(date(2024, 3, 1), date(2024, 3, 31), amount=-10),
            "amount_clp",
            "mayor que cero",
        ),
        (
            data(date(2021, 3, 1), date(2021, 3, 31)),
            "period_start",
            "gestiona energía desde 2022",
        ),
        (data(date(2019, 12, 1), date(2019, 12, 31)), "period_start", "estuvo activo"),
    ],
)
def test_each_error_blocks_saving_with_a_spanish_message(meter, bad, field, text):
    with pytest.raises(ValidationError) as caught:
        bills.save_bill(meter=meter, data=bad)
    messages = caught.value.message_dict[field]
    assert any(text in m for m in messages), messages
    assert not Bill.objects.exists()


def test_a_good_bill_is_stored_with_its_kwh(meter):
    bill = bills.save_bill(meter=meter, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    assert bill.status == Bill.Status.SUBMITTED
    assert bill.consumption_unit == "kWh"
    assert bill.kwh == Decimal("1000.000")
    assert bill.findings == []


def test_gas_is_converted_to_kwh_with_the_domain_factor(unit):
    client = bills.create_client_number(
        unit=unit, distributor=distributor("Metrogas"), number="G-1"
    )
    gas = bills.create_meter(
        client_number=client, number="G", active_from=date(2020, 1, 1)
    )
    bill = bills.save_bill(
        meter=gas, data=data(date(2024, 3, 1), date(2024, 3, 31), consumption="100")
    )
    assert bill.consumption_unit == "m³"
    assert bill.kwh_factor == Decimal("10.86")
    assert bill.kwh == Decimal("1086.000")


@pytest.mark.parametrize(
    "start, end, allowed",
    [
        (date(2024, 3, 31), date(2024, 4, 30), True),  # shares the reading day
        (date(2024, 4, 1), date(2024, 4, 30), True),  # next day
        (date(2024, 3, 30), date(2024, 4, 30), False),  # two days
        (date(2024, 3, 10), date(2024, 3, 20), False),  # inside
        (date(2024, 2, 1), date(2024, 4, 30), False),  # around
    ],
)
def test_overlap_of_more_than_one_day_is_refused(meter, start, end, allowed):
    bills.save_bill(meter=meter, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    if allowed:
        bills.save_bill(meter=meter, data=data(start, end))
        assert Bill.objects.count() == 2
    else:
        with pytest.raises(ValidationError) as caught:
            bills.save_bill(meter=meter, data=data(start, end))
        assert "se superpone" in " ".join(caught.value.message_dict["period_start"])
        assert Bill.objects.count() == 1


def test_exact_duplicate_is_named_as_such(meter):
    bills.save_bill(meter=meter, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    with pytest.raises(ValidationError) as caught:
        bills.save_bill(meter=meter, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    assert "ya está registrada" in caught.value.message_dict["period_start"][0]


def test_overlap_is_per_meter(meter, unit):
    other = bills.create_meter(
        client_number=meter.client_number, number="MED-2", active_from=date(2020, 1, 1)
    )
    bills.save_bill(meter=meter, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    bills.save_bill(meter=other, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    assert Bill.objects.count() == 2


def test_correcting_a_bill_does_not_overlap_itself(meter):
    bill = bills.save_bill(meter=meter, data=data(date(2024, 3, 1), date(2024, 3, 31)))
    bills.save_bill(
        meter=meter, bill=bill, data=data(date(2024, 3, 1), date(2024, 3, 30))
    )
    bill.refresh_from_db()
    assert bill.period_end == date(2024, 3, 30)


def test_long_period_is_a_warning_not_an_error(meter):
    bill = bills.save_bill(meter=meter, data=data(date(2024, 1, 1), date(2024, 2, 29)))
    assert any("más largo que una boleta mensual" in f for f in bill.findings)


def test_outlier_against_the_meters_history_is_flagged(meter):
    for m, kwh in zip(
        range(1, 7), ("1000", "1040", "980", "1010", "1000", "990"), strict=True
    ):
        start, end = month(2024, m)
        bills.save_bill(meter=meter, data=data(start, end, consumption=kwh))
    start, end = month(2024, 7)
    normal = bills.save_bill(meter=meter, data=data(start, end, consumption="1020"))
    assert normal.findings == []
    start, end = month(2024, 8)
    odd = bills.save_bill(meter=meter, data=data(start, end, consumption="9000"))
    assert any("desviaciones" in f for f in odd.findings)


def test_same_month_last_year_change_is_flagged(meter):
    bills.save_bill(meter=meter, data=data(*month(2023, 5), consumption="1000"))
    bill = bills.save_bill(meter=meter, data=data(*month(2024, 5), consumption="1800"))
    assert any("mismo mes del año anterior" in f for f in bill.findings)


def test_gap_between_bills_is_flagged(meter):
    bills.save_bill(meter=meter, data=data(*month(2024, 1)))
    bill = bills.save_bill(meter=meter, data=data(*month(2024, 3)))
    assert any("días sin boleta" in f for f in bill.findings)


def test_unit_without_alcance_year_gets_a_warning():
    unit = UnitFactory(energy_start_year=None)
    client = bills.create_client_number(
        unit=unit, distributor=distributor(), number="X-1", tariff="BT1"
    )
    m = bills.create_meter(
        client_number=client, number="1", active_from=date(2020, 1, 1)
    )
    bill = bills.save_bill(meter=m, data=data(*month(2024, 3)))
    assert any("Alcance" in f for f in bill.findings)


def test_an_approved_bill_cannot_change(meter, django_user_model):
    bill = bills.save_bill(meter=meter, data=data(*month(2024, 3)))
    bills.review_bill(bill=bill, user=None, approve=True)
    bill.refresh_from_db()
    with pytest.raises(ValidationError, match="validada por la Red"):
        bills.save_bill(meter=meter, bill=bill, data=data(*month(2024, 3), amount=1))


def test_database_backs_the_invariants(meter):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Bill.objects.create(
            meter=meter,
            period_start=date(2024, 3, 31),
            period_end=date(2024, 3, 1),
            issue_date=date(2024, 4, 1),
            consumption=1,
            consumption_unit="kWh",
            kwh_factor=1,
            kwh=1,
            amount_clp=1,
        )


# ----------------------------------------------------------------- client numbers and meters


def test_client_number_is_unique_per_distributor(unit):
    bills.create_client_number(
        unit=unit, distributor=distributor(), number="9", tariff="BT1"
    )
    with pytest.raises(ValidationError) as caught:
        bills.create_client_number(
            unit=unit, distributor=distributor(), number="9", tariff="BT1"
        )
    assert "ya está registrado" in caught.value.message_dict["number"][0]
    # The same number with another distributor is someone else's account.
    bills.create_client_number(
        unit=unit, distributor=distributor("CGE"), number="9", tariff="BT2"
    )


def test_tariff_only_for_electricity(unit):
    with pytest.raises(ValidationError) as caught:
        bills.create_client_number(
            unit=unit, distributor=distributor("Metrogas"), number="1", tariff="BT1"
        )
    assert "solo corresponde" in caught.value.message_dict["tariff"][0]
    with pytest.raises(ValidationError):
        bills.create_client_number(unit=unit, distributor=distributor(), number="1")


def test_meter_change_keeps_the_old_meter_and_its_bills(meter):
    old_bill = bills.save_bill(meter=meter, data=data(*month(2024, 3)))
    new = bills.change_meter(
        meter=meter, number="MED-NUEVO", changed_on=date(2024, 4, 1)
    )
    meter.refresh_from_db()
    assert meter.active_until == date(2024, 3, 31)
    assert meter.replaced_by == new
    assert list(meter.bills.all()) == [old_bill]
    # The old meter takes no bill after it was replaced; the new one does.
    with pytest.raises(ValidationError, match="estuvo activo"):
        bills.save_bill(meter=meter, data=data(*month(2024, 4)))
    bills.save_bill(meter=new, data=data(*month(2024, 4)))
    with pytest.raises(ValidationError, match="ya fue reemplazado"):
        bills.change_meter(meter=meter, number="OTRO", changed_on=date(2024, 5, 1))


def test_meter_change_before_the_last_bill_is_refused(meter):
    bills.save_bill(meter=meter, data=data(*month(2024, 3)))
    with pytest.raises(ValidationError) as caught:
        bills.change_meter(meter=meter, number="N", changed_on=date(2024, 3, 15))
    assert "tiene una boleta hasta" in caught.value.message_dict["changed_on"][0]
    assert Meter.objects.count() == 1


def test_meter_may_only_be_shared_within_the_service(meter, unit):
    neighbour = UnitFactory(service=unit.service)
    stranger = UnitFactory()
    shared = bills.create_meter(
        client_number=meter.client_number,
        number="COMP",
        active_from=date(2020, 1, 1),
        shared_with=[neighbour],
    )
    assert list(shared.shared_with.all()) == [neighbour]
    with pytest.raises(ValidationError):
        bills.create_meter(
            client_number=meter.client_number,
            number="COMP2",
            active_from=date(2020, 1, 1),
            shared_with=[stranger],
        )


# ----------------------------------------------------------------- views


def bill_post(meter, start="2024-03-01", end="2024-03-31", **extra):
    return {
        "meter": meter.pk,
        "period_start": start,
        "period_end": end,
        "issue_date": extra.pop("issue_date", end),
        "consumption": extra.pop("consumption", "1.234,5"),
        "amount_clp": extra.pop("amount_clp", "150000"),
        "observation": "",
        "action": extra.pop("action", "submit"),
        **extra,
    }


def test_gestor_de_unidad_enters_a_bill_and_sees_the_error_with_input_kept(meter, unit):
    gu = person(Role.GESTOR_UNIDAD, unit.service, units=[unit])
    client = client_for(gu)
    url = reverse("management:bill-create", args=[unit.pk])
    response = client.post(
        url, bill_post(meter, end="2024-02-20", issue_date="2024-03-05")
    )
    assert response.status_code == 200
    assert "es anterior a su inicio" in response.content.decode()
    assert 'value="2024-02-20"' in response.content.decode()
    assert not Bill.objects.exists()
    response = client.post(url, bill_post(meter, action="another"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?medidor={meter.pk}")
    bill = Bill.objects.get()
    assert bill.consumption == Decimal("1234.5")
    assert bill.created_by == gu
    # "Guardar y agregar otra" starts the next bill where the last one ended.
    page = client.get(response["Location"]).content.decode()
    assert 'value="2024-03-31"' in page


def test_invoice_is_checked_by_content(meter, unit):
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    client = client_for(gs)
    url = reverse("management:bill-create", args=[unit.pk])
    fake = SimpleUploadedFile("boleta.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url, {**bill_post(meter), "invoice": fake})
    assert response.status_code == 200
    assert "no corresponde a un tipo permitido" in response.content.decode()
    good = SimpleUploadedFile("boleta.pdf", b"%PDF-1.4 boleta")
    response = client.post(url, {**bill_post(meter), "invoice": good})
    assert response.status_code == 302
    bill = Bill.objects.get()
    download = client.get(reverse("management:bill-invoice", args=[bill.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_client_number_and_meter_forms(unit):
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    client = client_for(gs)
    response = client.post(
        reverse("management:client-number-create", args=[unit.pk]),
        {"distributor": distributor().pk, "number": "777", "tariff": ""},
    )
    assert "Elija la tarifa eléctrica" in response.content.decode()
    response = client.post(
        reverse("management:client-number-create", args=[unit.pk]),
        {"distributor": distributor().pk, "number": "777", "tariff": "BT1"},
    )
    assert response.status_code == 302
    cn = ClientNumber.objects.get(number="777")
    response = client.post(
        reverse("management:meter-create", args=[unit.pk]),
        {"client_number": cn.pk, "number": "M77", "active_from": "2023-01-01"},
    )
    assert response.status_code == 302
    meter = Meter.objects.get(number="M77")
    response = client.post(
        reverse("management:meter-change", args=[meter.pk]),
        {"number": "M78", "changed_on": "2024-06-01"},
    )
    assert response.status_code == 302
    page = client.get(reverse("management:unit-consumption", args=[unit.pk])).content
    assert "reemplazado por M78" in page.decode()


def test_other_units_and_services_cannot_reach_the_bills(meter, unit):
    bill = bills.save_bill(meter=meter, data=data(*month(2024, 3)))
    stranger = person(Role.GESTOR_SERVICIO, UnitFactory().service)
    other_unit = UnitFactory(service=unit.service)
    own_client = bills.create_client_number(
        unit=other_unit, distributor=distributor(), number="OTRA", tariff="BT1"
    )
    bills.create_meter(
        client_number=own_client, number="O-1", active_from=date(2020, 1, 1)
    )
    gu_elsewhere = person(Role.GESTOR_UNIDAD, unit.service, units=[other_unit])
    consulta = person(Role.GESTOR_CONSULTA, unit.service)
    for user, expected in ((stranger, 404), (gu_elsewhere, 404)):
        c = client_for(user)
        assert (
            c.get(reverse("management:unit-consumption", args=[unit.pk])).status_code
            == expected
        )
        assert (
            c.get(reverse("management:bill-update", args=[bill.pk])).status_code
            == expected
        )
        response = c.post(
            reverse("management:bill-update", args=[bill.pk]), bill_post(meter)
        )
        assert response.status_code == expected
        # Posting another unit's meter into one's own unit's form is refused too.
        own = other_unit if user is gu_elsewhere else None
        if own is not None:
            response = c.post(
                reverse("management:bill-create", args=[own.pk]), bill_post(meter)
            )
            assert response.status_code == 200
            assert (
                "Elija un medidor o energético de la lista" in response.content.decode()
            )
            assert not Bill.objects.filter(unit=own).exists()
    c = client_for(consulta)
    assert (
        c.get(reverse("management:unit-consumption", args=[unit.pk])).status_code == 200
    )
    assert (
        c.post(
            reverse("management:bill-create", args=[unit.pk]), bill_post(meter)
        ).status_code
        == 403
    )
    assert Bill.objects.count() == 1


def test_consumption_page_filters_and_exports(meter, unit):
    for m in range(1, 4):
        bills.save_bill(meter=meter, data=data(*month(2024, m)))
    bills.save_bill(meter=meter, data=data(*month(2025, 1), consumption="500"))
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    c = client_for(gs)
    url = reverse("management:unit-consumption", args=[unit.pk])
    page = c.get(url, {"year": 2024}).content.decode()
    assert "3 registros" in page
    csv = c.get(url, {"year": 2024, "export": "csv"})
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert body.count("\n") == 4
    assert "Electricidad" in body
    xlsx = c.get(url, {"export": "xlsx"})
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    assert xlsx.status_code == 200 and content[:2] == b"PK"


def test_consumption_page_query_count_is_constant(meter, unit):
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    c = client_for(gs)
    url = reverse("management:unit-consumption", args=[unit.pk])
    for m in range(1, 3):
        bills.save_bill(meter=meter, data=data(*month(2023, m)))
    c.get(url)
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    for m in range(1, 13):
        bills.save_bill(meter=meter, data=data(*month(2024, m)))
    extra = bills.create_meter(
        client_number=meter.client_number, number="MED-9", active_from=date(2020, 1, 1)
    )
    for m in range(1, 13):
        bills.save_bill(meter=extra, data=data(*month(2024, m)))
    with CaptureQueriesContext(connection) as large:
        assert c.get(url).status_code == 200
    assert len(large) == len(small), (len(small), len(large))
