from django.urls import path

from . import (
    converters,  # noqa: F401  (registers the platform converters)
    views,
)

app_name = "accounts"

urlpatterns = [
    path("<platform:platform>/ingresar/", views.LoginView.as_view(), name="login"),
    path("<platform:platform>/salir/", views.LogoutView.as_view(), name="logout"),
    path(
        "<platform:platform>/contrasena/olvido/",
        views.PasswordResetView.as_view(),
        name="password-reset",
    ),
    path(
        "<platform:platform>/contrasena/olvido/enviado/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "<platform:platform>/contrasena/restablecer/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "<platform:platform>/contrasena/restablecida/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("<platform:platform>/cuenta/", views.AccountView.as_view(), name="account"),
    path(
        "<platform:platform>/cuenta/contrasena/",
        views.PasswordChangeView.as_view(),
        name="password-change",
    ),
    path(
        "<platform:platform>/cuenta/mis-datos/",
        views.PersonalDataView.as_view(),
        name="personal-data",
    ),
    path(
        "<platform:platform>/cuenta/eliminar/",
        views.EraseAccountView.as_view(),
        name="erase-account",
    ),
    path(
        "<platform:platform>/2fa/verificar/",
        views.TwoFactorVerifyView.as_view(),
        name="2fa-verify",
    ),
    path(
        "<platform:platform>/2fa/configurar/",
        views.TwoFactorSetupView.as_view(),
        name="2fa-setup",
    ),
]
