"""URL patterns of one Gestión module, added to the management namespace in urls.py."""

from django.urls import path

from .views import collaborators, invitations

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
        "informacion/concientizados/validar/",
        collaborators.ListValidateView.as_view(),
        name="concientized-validate",
    ),
    path(
        "informacion/concientizados/revision/",
        collaborators.ValidationQueueView.as_view(),
        name="concientized-validations",
    ),
    path(
        "informacion/concientizados/revision/<int:pk>/",
        collaborators.ListReviewView.as_view(),
        name="concientized-review",
    ),
    path(
        "informacion/concientizados/revision/<int:pk>/pdf/",
        collaborators.ListValidationPDFView.as_view(),
        name="concientized-validation-pdf",
    ),
    path(
        "informacion/concientizados/invitaciones/",
        invitations.InvitationListView.as_view(),
        name="invitations",
    ),
    path(
        "informacion/concientizados/invitaciones/nueva/",
        invitations.InvitationCreateView.as_view(),
        name="invitation-create",
    ),
    path(
        "informacion/concientizados/invitaciones/cargas/<int:pk>/",
        invitations.InvitationUploadView.as_view(),
        name="invitation-upload",
    ),
    path(
        "informacion/concientizados/invitaciones/recordar/",
        invitations.RemindView.as_view(),
        name="invitation-remind-all",
    ),
    path(
        "informacion/concientizados/invitaciones/<int:pk>/recordar/",
        invitations.RemindView.as_view(),
        name="invitation-remind",
    ),
    path(
        "informacion/gestores-acreditados/",
        collaborators.AccreditationListView.as_view(),
        name="accredited-list",
    ),
]
