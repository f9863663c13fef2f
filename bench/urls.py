"""The project's URLs plus the baseline: the same bytes served from memory by a bare view.

The baseline is the stack's own limit for a page (Django + gunicorn + loopback with no
work): a page's ratio against it shows what our code costs on top.
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as project_urlpatterns

CAPTURE_DIR = Path(os.environ.get("BENCH_CAPTURE_DIR", "var/bench/captures"))
_PAGES: dict[str, bytes] = {}


def _load() -> None:
    if CAPTURE_DIR.is_dir():
        for file in CAPTURE_DIR.glob("*.html"):
            _PAGES[file.stem] = file.read_bytes()


def baseline(request, key: str):
    if not _PAGES:
        _load()
    return HttpResponse(_PAGES.get(key, b""), content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/<slug:key>/", baseline), *project_urlpatterns]
