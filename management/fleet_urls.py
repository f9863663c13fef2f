from django.urls import path

from .fleet.urls import urlpatterns as fleet_patterns
from .views import home

app_name = "fleet"

urlpatterns = [
    path("", home.FleetHomeView.as_view(), name="home"),
    *fleet_patterns,
]
