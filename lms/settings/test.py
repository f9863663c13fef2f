"""Test settings: fast hashing, tasks run inline unless a test starts a real worker."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker started by a test writes its e-mails to files (locmem is per process).
# Tests read Django's outbox directly; the queued path is tested on its own.
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "test-mail"))  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}  # noqa: F405
    # A file, not memory, so that a worker process started by a test sees the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    # Keep tests' messages away from a development worker's queue.
    _test_broker = VAR_DIR / "test-broker"  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        "data_folder_in": str(_test_broker / "queue"),
        "data_folder_out": str(_test_broker / "queue"),
        "control_folder": str(_test_broker / "control"),
        "store_processed": False,
    }
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405
