"""Start a real Celery worker on the test database and the configured broker.

The broker is the embedded filesystem transport by default and Redis when
``CELERY_BROKER_URL`` says so (as in CI).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/worker/" in str(item.fspath):
            item.add_marker(pytest.mark.worker)


@pytest.fixture
def mail_dir(tmp_path):
    return tmp_path / "mail"


def app_env(mail_dir: Path, **extra) -> dict:
    """The environment of a process of the application on the test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        **extra,
    }


def prepare_broker() -> None:
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
    # Tasks left by an earlier, interrupted run must not reach these workers.
    celery_app.control.purge()


def start_worker(env: dict, log_path: Path, name: str) -> subprocess.Popen:
    """A Celery worker process (solo pool); returns once it says it is ready."""
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "--hostname",
            f"{name}-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while "ready." not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            pytest.fail("Celery worker did not start:\n" + log_path.read_text())
        time.sleep(0.3)
    return process


def start_web(env: dict, log_path: Path) -> tuple[subprocess.Popen, int]:
    """A gunicorn process serving the application on a free loopback port."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process, port
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            pytest.fail("gunicorn did not start:\n" + log_path.read_text())
        time.sleep(0.2)


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def eager_off():
    """Tasks published by the test go to the broker, not run inline."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def worker(transactional_db, mail_dir, tmp_path, eager_off):
    """One worker process on the test database and the configured broker."""
    prepare_broker()
    process = start_worker(app_env(mail_dir), tmp_path / "worker.log", "test")
    yield process
    stop(process)


def wait_for(predicate, timeout=45, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
