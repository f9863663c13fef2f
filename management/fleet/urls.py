"""URLs of the Flota modules, added to the ``fleet`` namespace by fleet_urls.py."""

from django.urls import path

from .views import drivers, imports, records, reports, vehicles

urlpatterns = [
    path("vehiculos/", vehicles.VehicleListView.as_view(), name="vehicle-list"),
    path(
        "vehiculos/nuevo/", vehicles.VehicleCreateView.as_view(), name="vehicle-create"
    ),
    path(
        "vehiculos/importar/",
        imports.VehicleImportView.as_view(),
        name="vehicle-import",
    ),
    path(
        "vehiculos/importar/plantilla/",
        imports.VehicleImportTemplateView.as_view(),
        name="vehicle-import-template",
    ),
    path(
        "vehiculos/<int:pk>/",
        vehicles.VehicleDetailView.as_view(),
        name="vehicle-detail",
    ),
    path(
        "vehiculos/<int:pk>/editar/",
        vehicles.VehicleUpdateView.as_view(),
        name="vehicle-update",
    ),
    path(
        "vehiculos/<int:pk>/asignar/",
        vehicles.VehicleAssignView.as_view(),
        name="vehicle-assign",
    ),
    path(
        "vehiculos/<int:pk>/estado/",
        vehicles.VehicleStatusView.as_view(),
        name="vehicle-status",
    ),
    path(
        "vehiculos/<int:pk>/baja/",
        vehicles.VehicleRetireView.as_view(),
        name="vehicle-retire",
    ),
    path("cargas/", records.FuelLoadListView.as_view(), name="fuel-list"),
    path("cargas/nueva/", records.FuelLoadCreateView.as_view(), name="fuel-create"),
    path(
        "cargas/<int:pk>/comprobante/",
        records.FuelReceiptView.as_view(),
        name="fuel-receipt",
    ),
    path(
        "cargas/<int:pk>/anular/",
        records.RecordDeleteView.as_view(),
        name="fuel-delete",
    ),
    path("viajes/", records.TripListView.as_view(), name="trip-list"),
    path(
        "viajes/<int:pk>/anular/", records.TripDeleteView.as_view(), name="trip-delete"
    ),
    path("viajes/nuevo/", records.TripCreateView.as_view(), name="trip-create"),
    path("conductores/", drivers.DriverListView.as_view(), name="driver-list"),
    path(
        "conductores/nuevo/", drivers.DriverCreateView.as_view(), name="driver-create"
    ),
    path(
        "conductores/<int:pk>/licencia/",
        drivers.DriverUpdateView.as_view(),
        name="driver-update",
    ),
    path("reportes/", reports.FleetReportView.as_view(), name="reports"),
]
