"""Views of the public site outside the page tree: search, downloads, robots.txt."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from wagtail.documents.views.serve import serve as serve_document

from .forms import SiteSearchForm
from .models import LibraryDocument
from .selectors import search_site

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Site search over live public pages and library documents."""
    form = SiteSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    pages, documents = search_site(query)
    results = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cms/search_results.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "documents": documents,
        },
    )


@require_GET
def document_download(request, document_id: int):
    """A download address that survives a file replacement; Wagtail checks privacy."""
    document = get_object_or_404(LibraryDocument, pk=document_id)
    return serve_document(request, document.pk, document.filename)


@require_GET
def robots_txt(request):
    body = render_to_string(
        "robots.txt", {"sitemap_url": request.build_absolute_uri("/sitemap.xml")}
    )
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
