from django.urls import path

from .views import home

app_name = "fleet"

urlpatterns = [
    path("", home.FleetHomeView.as_view(), name="home"),
]
