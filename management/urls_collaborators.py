"""URL patterns of one Gestión module, added to the management namespace in urls.py."""

from django.urls import path

from .views import collaborators

urlpatterns: list = [
    path(
        "informacion/concientizados/",
        collaborators.CollaboratorListView.as_view(),
        name="concientized-list",
    ),
    path(
        "informacion/concientizados/indicador/",
        collaborators.IndicatorView.as_view(),
        name="concientized-indicator",
    ),
    path(
        "informacion/gestores-acreditados/",
        collaborators.AccreditationListView.as_view(),
        name="accredited-list",
    ),
]
