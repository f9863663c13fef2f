from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Site search, stable document downloads (before Wagtail's own document URLs,
    # which would take /documentos/<id>/ too), robots.txt and sitemap.xml.
    path("", include("cms.urls")),
    path("documentos/", include(wagtaildocs_urls)),
    path("", include("lms.accounts.urls")),
    path("gestion/", include("management.urls")),
    path("flota/", include("management.fleet_urls")),
    path("", include("courses.urls")),
    path("soporte/", include("lms.helpdesk.urls")),
    path("certificados/", include("certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree (and its 404 page).
urlpatterns += [path("", include(wagtail_urls))]
