"""Production: every secret and address from the environment; HTTPS assumed behind a proxy."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, SECRET_KEY, env_bool

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of 50+ characters."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

if REDIS_URL:
    SESSION_ENGINE = os.environ.get(
        "SESSION_ENGINE", "django.contrib.sessions.backends.cached_db"
    )

# Media on S3-compatible object storage (AWS, MinIO, Ceph…) when a bucket is named, so
# any web or worker machine reads the same invoices and certificates. Needs the ``s3``
# extra (django-storages with boto3): pip install ".[s3]".
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "")
if MEDIA_BUCKET:
    STORAGES = {  # noqa: F405
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_BUCKET,
                "endpoint_url": os.environ.get("MEDIA_ENDPOINT_URL") or None,
                "region_name": os.environ.get("MEDIA_REGION") or None,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
