"""Demo energy data: a client number, a meter, two years of bills and fuels.

For the demo Gestor de Unidad's "Oficinas centrales" of the Subsecretaría de
Energía: the last twenty-four complete months of electricity bills (the latest
left for the Red to observe, the last one still a draft, one estimated), gas in
cylinders bought without a meter for the winter months and a diésel purchase for
the emergency generator every half year (periods longer than a month: a finding),
so Consumo, the unit's page, the reports and the review queue show real figures.
Idempotent: the client number is found by number.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import Bill, ClientNumber, Distributor, Unit, UnitEnergySource
from .models.units import EnergySource
from .services import bills

# kWh of a typical office month, January to December (summer cooling, winter heating).
PROFILE = [9800, 9400, 9100, 8200, 8600, 9300, 9900, 9700, 8800, 8300, 8500, 9600]
PRICE_PER_KWH = Decimal("152")
#: Gas in 45 kg cylinders for heating, May to September; CLP per kg.
WINTER_CYLINDERS = {5: 4, 6: 8, 7: 10, 8: 9, 9: 5}
PRICE_PER_KG = 2150
#: Litres of diésel for the emergency generator every six months; CLP per litre.
DIESEL_LITRES = 180
PRICE_PER_LITRE = 1090


def load() -> list[str]:
    unit = Unit.objects.filter(
        service__code="SUBENERGIA", name="Oficinas centrales"
    ).first()
    if unit is None:
        return []
    if ClientNumber.objects.filter(number="DEMO-4471203").exists():
        return ["  Consumo de demostración ya cargado."]
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number="DEMO-4471203",
        tariff="BT4.3",
    )
    today = timezone.localdate()
    first = date(today.year - 2, today.month, 1)
    meter = bills.create_meter(
        client_number=client,
        number="E-20931",
        active_from=first - timedelta(days=400),
        is_smart=True,
    )
    if not unit.energy_start_year or unit.energy_start_year > first.year:
        unit.energy_start_year = first.year
        unit.save(update_fields=["energy_start_year"])
    start = first
    made = []
    for n in range(24):
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1
        )
        kwh = Decimal(PROFILE[start.month - 1])
        bill = bills.save_bill(
            meter=meter,
            submit=n != 23,
            data=bills.BillData(
                period_start=start,
                period_end=end,
                issue_date=min(end + timedelta(days=5), today),
                consumption=kwh,
                amount_clp=int(kwh * PRICE_PER_KWH),
                # BT4.3 bills demand: about the month's kWh over 180 hours of use.
                demand_kw=(kwh / 180).quantize(Decimal("0.1")),
                is_estimated=n == 22,  # one month the distributor estimated
            ),
        )
        made.append(bill)
        start = end + timedelta(days=1)
    for bill in made[:20]:
        bills.review_bill(bill=bill, user=None, approve=True)
    bills.review_bill(
        bill=made[20],
        user=None,
        approve=False,
        note="El monto no coincide con el total de la boleta adjunta.",
    )
    fuels = _fuels(unit, first, today)
    return [
        f"  Consumo de demostración: {Bill.objects.filter(meter=meter).count()} "
        f"boletas del medidor {meter.number} y {fuels} compras de combustible sin "
        f"medidor en {unit.name}."
    ]


def _fuels(unit: Unit, first: date, today: date) -> int:
    """Gas cylinders each winter month and diésel every six months, without meter."""
    for source in (EnergySource.LPG, EnergySource.DIESEL):
        UnitEnergySource.objects.update_or_create(
            unit=unit, source=source, defaults={"is_on": True}
        )
    made = 0
    month = first
    while month < today.replace(day=1):
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1
        )
        if month.month in WINTER_CYLINDERS:
            kg = Decimal(45 * WINTER_CYLINDERS[month.month])
            bills.save_bill(
                unit=unit,
                source=EnergySource.LPG,
                data=bills.BillData(
                    period_start=month,
                    period_end=end,
                    issue_date=min(end, today),
                    consumption=kg,
                    amount_clp=int(kg * PRICE_PER_KG),
                    observation="Cilindros de 45 kg para calefacción.",
                ),
            )
            made += 1
        if month.month in (1, 7) and month > first:
            start = (month - timedelta(days=170)).replace(day=1)
            bills.save_bill(
                unit=unit,
                source=EnergySource.DIESEL,
                data=bills.BillData(
                    period_start=max(start, first),
                    period_end=month - timedelta(days=1),
                    issue_date=month,
                    consumption=Decimal(DIESEL_LITRES),
                    amount_clp=DIESEL_LITRES * PRICE_PER_LITRE,
                    observation="Grupo electrógeno: recarga del estanque.",
                ),
            )
            made += 1
        month = end + timedelta(days=1)
    return made
