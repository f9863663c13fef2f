"""Test settings: fast hashing, tasks run inline unless a test starts a real worker."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
