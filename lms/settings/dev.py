"""Local development: the embedded defaults (SQLite, filesystem broker, console e-mail)."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405
