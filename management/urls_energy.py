"""URL patterns of one Gestión module, added to the management namespace in urls.py."""

from django.urls import path

from .views import bill_import, energy, energy_report, factors

urlpatterns: list = [
    path("consumo/", energy.ConsumptionView.as_view(), name="consumption"),
    path(
        "consumo/revision/",
        energy.ReviewQueueView.as_view(),
        name="bill-review-list",
    ),
    path(
        "consumo/boletas/<int:pk>/revisar/",
        energy.BillReviewView.as_view(),
        name="bill-review",
    ),
    path(
        "mi-unidad/<int:pk>/consumo/",
        energy.UnitConsumptionView.as_view(),
        name="unit-consumption",
    ),
    path(
        "mi-unidad/<int:pk>/consumo/n-cliente/",
        energy.ClientNumberCreateView.as_view(),
        name="client-number-create",
    ),
    path(
        "mi-unidad/<int:pk>/consumo/medidor/",
        energy.MeterCreateView.as_view(),
        name="meter-create",
    ),
    path(
        "mi-unidad/<int:pk>/consumo/boleta/",
        energy.BillCreateView.as_view(),
        name="bill-create",
    ),
    path(
        "consumo/medidores/<int:pk>/cambio/",
        energy.MeterChangeView.as_view(),
        name="meter-change",
    ),
    path(
        "consumo/boletas/<int:pk>/", energy.BillUpdateView.as_view(), name="bill-update"
    ),
    path(
        "consumo/boletas/<int:pk>/archivo/",
        energy.BillInvoiceView.as_view(),
        name="bill-invoice",
    ),
]

urlpatterns += [
    path(
        "consumo/importar/",
        bill_import.BillImportView.as_view(),
        name="bill-import",
    ),
    path(
        "consumo/importar/plantilla/",
        bill_import.BillImportTemplateView.as_view(),
        name="bill-import-template",
    ),
    path(
        "consumo/importar/<int:pk>/",
        bill_import.BillImportDetailView.as_view(),
        name="bill-import-detail",
    ),
]

urlpatterns += [
    path(
        "consumo/reporte/",
        energy_report.EnergyReportView.as_view(),
        name="energy-report",
    ),
]

urlpatterns += [
    path(
        "configuracion/factores/", factors.FactorListView.as_view(), name="factor-list"
    ),
    path(
        "configuracion/factores/nueva-version/",
        factors.FactorCreateView.as_view(),
        name="factor-create",
    ),
    path(
        "configuracion/factores/<int:pk>/editar/",
        factors.FactorUpdateView.as_view(),
        name="factor-update",
    ),
    path(
        "configuracion/factores-emision/",
        factors.GridFactorListView.as_view(),
        name="grid-factor-list",
    ),
    path(
        "configuracion/factores-emision/nuevo/",
        factors.GridFactorCreateView.as_view(),
        name="grid-factor-create",
    ),
    path(
        "configuracion/factores-emision/<int:pk>/editar/",
        factors.GridFactorUpdateView.as_view(),
        name="grid-factor-update",
    ),
]
