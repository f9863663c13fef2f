from django.urls import path

from .views import home

app_name = "management"

urlpatterns = [
    path("", home.GestionHomeView.as_view(), name="home"),
    path("servicio/", home.SelectServiceView.as_view(), name="select-service"),
]
