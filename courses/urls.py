from django.urls import path

from certificates.views import learner as certificate_views
from lms.accounts import converters  # noqa: F401

from .views import learner, registration

app_name = "courses"

urlpatterns = [
    path("<learning:platform>/", learner.CatalogView.as_view(), name="landing"),
    path(
        "<learning:platform>/mis-cursos/",
        learner.MyCoursesView.as_view(),
        name="my-courses",
    ),
    path(
        "<learning:platform>/mis-cursos/certificados/<str:code>/",
        certificate_views.download,
        name="certificate",
    ),
    path(
        "<learning:platform>/registro/",
        registration.RegisterView.as_view(),
        name="register",
    ),
    path(
        "<learning:platform>/registro/enviado/",
        registration.RegisterSentView.as_view(),
        name="register-sent",
    ),
    path(
        "<learning:platform>/registro/reenviar/",
        registration.ResendConfirmationView.as_view(),
        name="resend-confirmation",
    ),
    path(
        "<learning:platform>/registro/confirmar/<str:token>/",
        registration.ConfirmView.as_view(),
        name="confirm",
    ),
    path(
        "<learning:platform>/privacidad/",
        registration.PrivacyView.as_view(),
        name="privacy",
    ),
    path(
        "<learning:platform>/recordatorios/baja/<str:token>/",
        registration.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
]
