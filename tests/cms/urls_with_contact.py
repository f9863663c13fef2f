"""The project's URLs plus a stand-in help desk, to test the menu's Contacto entry."""

from django.http import HttpResponse
from django.urls import include, path

from lms.urls import urlpatterns as project_urlpatterns

contact = ([path("", lambda request: HttpResponse("ok"), name="open")], "helpdesk")

urlpatterns = [path("contacto-prueba/", include(contact)), *project_urlpatterns]
