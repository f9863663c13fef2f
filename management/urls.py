from django.urls import path

from .views import (
    accounts,
    buildings,
    catalogs,
    home,
    hubs,
    information,
    milestones,
    units,
)

app_name = "management"

urlpatterns = [
    path("", home.GestionHomeView.as_view(), name="home"),
    path("servicio/", home.SelectServiceView.as_view(), name="select-service"),
    # Mi Unidad
    path("mi-unidad/", units.MyUnitsView.as_view(), name="unit-home"),
    path("mi-unidad/<int:pk>/", units.UnitDetailView.as_view(), name="unit-detail"),
    path(
        "mi-unidad/<int:pk>/energeticos/",
        units.UnitSourcesView.as_view(),
        name="unit-sources",
    ),
    path(
        "mi-unidad/<int:pk>/areas/", units.UnitAreaView.as_view(), name="unit-area-add"
    ),
    path(
        "mi-unidad/<int:pk>/areas/<int:area_pk>/eliminar/",
        units.UnitAreaView.as_view(),
        name="unit-area-remove",
    ),
    # Información
    path("informacion/", hubs.InformationView.as_view(), name="information"),
    path("informacion/alcance/", information.ScopeView.as_view(), name="scope"),
    path(
        "informacion/alcance/revision/",
        information.ScopeReviewView.as_view(),
        name="scope-review",
    ),
    path(
        "informacion/alcance/historial/",
        information.ScopeHistoryView.as_view(),
        name="scope-history",
    ),
    path(
        "informacion/agregada/", information.AggregateView.as_view(), name="aggregate"
    ),
    path(
        "informacion/hitos/",
        milestones.ServiceMilestonesView.as_view(),
        name="milestones",
    ),
    path(
        "inventarios/<int:pk>/pdf/",
        milestones.SnapshotPDFView.as_view(),
        name="snapshot-pdf",
    ),
    # Configuración
    path("configuracion/", hubs.ConfigurationView.as_view(), name="configuration"),
    path("configuracion/unidades/", units.UnitListView.as_view(), name="unit-list"),
    path(
        "configuracion/unidades/nueva/",
        units.UnitCreateView.as_view(),
        name="unit-create",
    ),
    path(
        "configuracion/unidades/<int:pk>/editar/",
        units.UnitUpdateView.as_view(),
        name="unit-update",
    ),
    path(
        "configuracion/unidades/<int:pk>/desactivar/",
        units.UnitDeactivateView.as_view(),
        name="unit-deactivate",
    ),
    path(
        "configuracion/unidades/<int:pk>/reactivar/",
        units.UnitReactivateView.as_view(),
        name="unit-reactivate",
    ),
    path(
        "configuracion/unidades/<int:pk>/historial/",
        units.UnitHistoryView.as_view(),
        name="unit-history",
    ),
    path(
        "configuracion/edificios/",
        buildings.BuildingListView.as_view(),
        name="building-list",
    ),
    path(
        "configuracion/edificios/nuevo/",
        buildings.BuildingCreateView.as_view(),
        name="building-create",
    ),
    path(
        "configuracion/edificios/<int:pk>/",
        buildings.BuildingDetailView.as_view(),
        name="building-detail",
    ),
    path(
        "configuracion/edificios/<int:pk>/editar/",
        buildings.BuildingUpdateView.as_view(),
        name="building-update",
    ),
    path(
        "configuracion/edificios/<int:pk>/historial/",
        buildings.BuildingHistoryView.as_view(),
        name="building-history",
    ),
    path(
        "configuracion/usuarios/", accounts.AccountListView.as_view(), name="user-list"
    ),
    path(
        "configuracion/usuarios/nuevo/",
        accounts.AccountCreateView.as_view(),
        name="user-create",
    ),
    path(
        "configuracion/usuarios/<int:pk>/editar/",
        accounts.AccountUpdateView.as_view(),
        name="user-update",
    ),
    path(
        "configuracion/usuarios/<int:pk>/desactivar/",
        accounts.AccountDeactivateView.as_view(),
        name="user-deactivate",
    ),
    path(
        "configuracion/estado-reporte/",
        information.ConsumptionStatusView.as_view(),
        name="consumption-status",
    ),
    path(
        "configuracion/estado-reporte/<int:pk>/",
        information.ConsumptionJustifyView.as_view(),
        name="consumption-justify",
    ),
    path(
        "configuracion/servicios/",
        catalogs.ServiceListView.as_view(),
        name="service-list",
    ),
    path(
        "configuracion/servicios/nuevo/",
        catalogs.ServiceCreateView.as_view(),
        name="service-create",
    ),
    path(
        "configuracion/servicios/<int:pk>/",
        catalogs.ServiceDetailView.as_view(),
        name="service-detail",
    ),
    path(
        "configuracion/servicios/<int:pk>/editar/",
        catalogs.ServiceUpdateView.as_view(),
        name="service-update",
    ),
    path(
        "configuracion/instituciones/",
        catalogs.InstitutionListView.as_view(),
        name="institution-list",
    ),
    path(
        "configuracion/instituciones/nueva/",
        catalogs.InstitutionCreateView.as_view(),
        name="institution-create",
    ),
    path(
        "configuracion/instituciones/<int:pk>/editar/",
        catalogs.InstitutionUpdateView.as_view(),
        name="institution-update",
    ),
    path(
        "configuracion/catalogos/<slug:kind>/",
        catalogs.CatalogListView.as_view(),
        name="catalog-list",
    ),
    path(
        "configuracion/catalogos/<slug:kind>/nuevo/",
        catalogs.CatalogFormView.as_view(),
        name="catalog-create",
    ),
    path(
        "configuracion/catalogos/<slug:kind>/<int:pk>/editar/",
        catalogs.CatalogFormView.as_view(),
        name="catalog-update",
    ),
    # Hitos (ministry)
    path(
        "hitos/",
        milestones.MilestoneDashboardView.as_view(),
        name="milestone-dashboard",
    ),
    path(
        "hitos/<int:year>/fechas/",
        milestones.CalendarUpdateView.as_view(),
        name="milestone-calendar",
    ),
    path(
        "hitos/<int:year>/enviar/<slug:kind>/",
        milestones.StartSnapshotsView.as_view(),
        name="milestone-start",
    ),
    path("hitos/reabrir/", milestones.UnlockView.as_view(), name="milestone-unlock"),
    path(
        "hitos/observaciones/<int:pk>/responder/",
        milestones.ObservationAnswerView.as_view(),
        name="observation-answer",
    ),
]

# Each module keeps its own patterns (same namespace).
from .urls_collaborators import urlpatterns as collaborator_patterns  # noqa: E402
from .urls_energy import urlpatterns as energy_patterns  # noqa: E402
from .urls_estado_verde import urlpatterns as estado_verde_patterns  # noqa: E402

urlpatterns += energy_patterns + estado_verde_patterns + collaborator_patterns
