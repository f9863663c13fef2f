from django.urls import path

from lms.accounts import converters  # noqa: F401

from . import views

app_name = "courses"

urlpatterns = [
    path("<learning:platform>/", views.PlatformLandingView.as_view(), name="landing"),
]
