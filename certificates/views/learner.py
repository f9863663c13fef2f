"""The learner's own certificate, downloaded from "Mis cursos" under their platform."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from lms.accounts.mixins import login_url, user_may_enter

from .. import selectors, services


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(data))
    return response


@never_cache
def download(request, platform: str, code: str):
    """The PDF of one of the learner's certificates; anyone else's is a 404."""
    if not user_may_enter(request.user, platform):
        return redirect(login_url(platform, request.get_full_path()))
    certificate = selectors.learner_certificate(request.user, platform, code)
    if certificate is None:
        raise Http404
    if certificate.is_revoked:
        replacement = getattr(certificate, "replaced_by", None)
        if replacement is None:
            raise Http404
        return redirect(replacement.get_download_url())
    data = services.certificate_pdf(certificate=certificate)
    return pdf_response(data, certificate.filename)
