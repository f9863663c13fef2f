"""Demo energy data: a client number, a meter and twelve months of bills.

For the demo Gestor de Unidad's "Oficinas centrales" of the Subsecretaría de
Energía: the last twelve complete months of electricity bills (one of them left
for the Red to observe, one still a draft) so Consumo, the unit's page and the
review queue show real figures. Idempotent: the client number is found by number.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import Bill, ClientNumber, Distributor, Unit
from .services import bills

# kWh of a typical office month, January to December (summer cooling, winter heating).
PROFILE = [9800, 9400, 9100, 8200, 8600, 9300, 9900, 9700, 8800, 8300, 8500, 9600]
PRICE_PER_KWH = Decimal("152")


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
    first = date(today.year - 1, today.month, 1)
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
    for n in range(12):
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(
            days=1
        )
        kwh = Decimal(PROFILE[start.month - 1])
        bill = bills.save_bill(
            meter=meter,
            submit=n != 11,
            data=bills.BillData(
                period_start=start,
                period_end=end,
                issue_date=min(end + timedelta(days=5), today),
                consumption=kwh,
                amount_clp=int(kwh * PRICE_PER_KWH),
                # BT4.3 bills demand: about the month's kWh over 180 hours of use.
                demand_kw=(kwh / 180).quantize(Decimal("0.1")),
                is_estimated=n == 10,  # one month the distributor estimated
            ),
        )
        made.append(bill)
        start = end + timedelta(days=1)
    for bill in made[:8]:
        bills.review_bill(bill=bill, user=None, approve=True)
    bills.review_bill(
        bill=made[8],
        user=None,
        approve=False,
        note="El monto no coincide con el total de la boleta adjunta.",
    )
    return [
        f"  Consumo de demostración: {Bill.objects.filter(meter=meter).count()} "
        f"boletas del medidor {meter.number} en {unit.name}."
    ]
