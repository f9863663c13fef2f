from django.urls import path, register_converter

from . import views
from .access import TokenConverter

register_converter(TokenConverter, "ticket_token")

app_name = "helpdesk"

urlpatterns = [
    path("", views.OpenView.as_view(), name="open"),
    path("nuevo/", views.CreateTicketView.as_view(), name="create"),
    path("nuevo-gestor/", views.NewGestorView.as_view(), name="new-gestor"),
    path("enviado/", views.TicketCreatedView.as_view(), name="created"),
    path("estado/", views.StatusCheckView.as_view(), name="status"),
    path("estado/enviado/", views.StatusSentView.as_view(), name="status-sent"),
    path("ticket/<ticket_token:token>/", views.TicketView.as_view(), name="ticket"),
    path(
        "ticket/<ticket_token:token>/adjuntos/<int:pk>/",
        views.AttachmentView.as_view(),
        name="attachment",
    ),
]
