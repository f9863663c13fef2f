from django.urls import path

from .views import public

app_name = "certificates"

urlpatterns = [
    path("verificar/", public.verify, name="verify"),
    path("verificar/<str:code>/", public.verify_code, name="verify-code"),
]
