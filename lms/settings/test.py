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
# Parallel test processes (pytest-xdist) must not share files or the cache: clearing
# the cache of one (a Redis FLUSHDB) would wipe the rate-limit counters of another.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker:
    MEDIA_ROOT = VAR_DIR / f"test-media-{_xdist_worker}"  # noqa: F405
    if "EMAIL_FILE_PATH" not in os.environ:  # a worker started by a test sets its own
        EMAIL_FILE_PATH = f"{EMAIL_FILE_PATH}-{_xdist_worker}"
    if REDIS_URL:  # noqa: F405
        _index = int(_xdist_worker.removeprefix("gw") or 0)
        _base = REDIS_URL.rsplit("/", 1)[0] if REDIS_URL.count("/") > 2 else REDIS_URL  # noqa: F405
        CACHES["default"]["LOCATION"] = f"{_base}/{13 - _index % 12}"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405
