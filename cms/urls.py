from django.urls import path

from wagtail.contrib.sitemaps.views import sitemap

from . import views

app_name = "cms"

urlpatterns = [
    path("buscar/", views.search, name="search"),
    path(
        "documentos/<int:document_id>/",
        views.document_download,
        name="document-download",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
