"""URL patterns of one Gestión module, added to the management namespace in urls.py."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
