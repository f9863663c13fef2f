"""Error pages in the portal's style."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form was sent without a valid security token (expired page, cookies off)."""
    return render(request, "403_csrf.html", status=403)
