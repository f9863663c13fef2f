"""Public verification: anyone checks a code, typed or opened from the QR, without login."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from cms.cache import current_version, lifetime

from ..codes import format_code
from ..forms import VerifyForm
from ..selectors import verify_code as lookup
from ..throttle import allow_lookup, retry_after

TEMPLATE = "certificates/verify.html"


def _page(request, context, status=200):
    """The page, with its site header kept in the cache: the header (the public
    menu, read from the page tree) is the same for every code and cost most of the
    page. Its key carries the public pages' version, so publishing, moving or
    unpublishing a page shows in the menu at once, as on the cached public pages."""
    context = {
        "header_version": current_version(),
        "header_seconds": lifetime(),
        **context,
    }
    response = render(request, TEMPLATE, context, status=status)
    # Personal data, however little: never in search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request):
    response = _page(request, {"form": VerifyForm(), "limited": True}, status=429)
    response["Retry-After"] = str(retry_after())
    return response


@never_cache
def verify(request):
    """The form; a well-formed code goes on to its own page (the one the QR opens)."""
    form = VerifyForm(request.GET if "codigo" in request.GET else None)
    if form.is_bound:
        if form.is_valid():
            return redirect(
                "certificates:verify-code", format_code(form.cleaned_data["codigo"])
            )
        # Only failed lookups are counted here; the code's page counts the others.
        if not allow_lookup(request):
            return _too_many(request)
    return _page(request, {"form": form})


@never_cache
def verify_code(request, code: str):
    """Válido, Revocado or No encontrado, with the minimum a verifier needs."""
    if not allow_lookup(request):
        return _too_many(request)
    result = lookup(code)
    status = 404 if result.status == "not_found" else 200
    context = {"form": VerifyForm(), "result": result, "typed": code}
    return _page(request, context, status=status)
