"""The production settings read every address from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'storage': settings.STORAGES['default'], "
    "'session': settings.SESSION_ENGINE, 'cache': settings.CACHES['default']['BACKEND'], "
    "'broker': settings.CELERY_BROKER_URL}))"
)


def production(**extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "gestiona.example",
        **extra,
    }
    out = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_media_go_to_object_storage_when_a_bucket_is_named():
    shown = production(
        MEDIA_BUCKET="gestiona-media", MEDIA_ENDPOINT_URL="http://s3.local"
    )
    assert shown["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert shown["storage"]["OPTIONS"]["bucket_name"] == "gestiona-media"
    assert shown["storage"]["OPTIONS"]["endpoint_url"] == "http://s3.local"
    assert not shown["storage"]["OPTIONS"]["file_overwrite"]


def test_shared_state_lives_in_redis_when_it_is_given():
    shown = production(
        REDIS_URL="redis://cache.internal:6379/1",
        CELERY_BROKER_URL="redis://cache.internal:6379/0",
    )
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["session"] == "django.contrib.sessions.backends.cached_db"
    assert shown["broker"].startswith("redis://")
    assert production()["storage"]["BACKEND"].endswith("FileSystemStorage")
