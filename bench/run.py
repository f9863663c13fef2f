"""Run every benchmark side by side with its baseline and write the report.

    python -m bench.run [--size small|national] [--workers 2] [--requests 300]

Needs ``DATABASE_URL`` (PostgreSQL) with the dataset loaded by
``manage.py bench_dataset --size …``. Pages are served by gunicorn on loopback with
``lms.settings.bench``; each page is compared with the same bytes served from memory
by a bare Django view (the stack's limit), so the ratio is what our code costs.
"""

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def session_cookie(user) -> dict:
    """A signed-in, two-factor-verified session for ``user``, as request headers."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from lms.accounts.realms import SESSION_COOKIES

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store["_ge_last_seen"] = store["_ge_login_at"] = int(time.time())
    store.create()
    return {"Cookie": f"{SESSION_COOKIES[user.realm]}={store.session_key}"}


WARMUP = 5


def prepared_requests(page, data, count: int) -> list:
    """One (path, headers, body) per request of a state-changing page, made beforehand:
    each with its user's session and a CSRF cookie and token (warm-ups last)."""
    from django.utils.crypto import get_random_string

    from bench.scenarios import form_body

    requests = []
    for path, user, fields in page.prepare(data, count):
        token = get_random_string(32)
        headers = session_cookie(user)
        headers["Cookie"] += f"; csrftoken={token}"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        requests.append((path, headers, form_body(fields, token)))
    if len(requests) < count:
        raise SystemExit(
            f"{page.key}: only {len(requests)} of {count} requests prepared"
        )
    return requests


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    capture_dir = ROOT / "var" / "bench" / "captures"
    capture_dir.mkdir(parents=True, exist_ok=True)
    os.environ["BENCH_CAPTURE_DIR"] = str(capture_dir)
    import django

    django.setup()
    from bench import load
    from bench.dataset import Dataset
    from bench.scenarios import OPERATIONS, PAGES

    data = Dataset.current()
    port = free_port()
    targets, prepared = {}, {}
    for page in PAGES:
        if args.only and page.key not in args.only.split(","):
            continue
        path, user = page.target(data)
        targets[page.key] = (page, path, session_cookie(user) if user else {})
        if page.prepare is not None:
            prepared[page.key] = prepared_requests(page, data, args.requests + WARMUP)

    # Capture each page's bytes once (the baseline serves them from memory).
    import http.client

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.bench"},
        start_new_session=True,
    )
    rows = []
    try:
        wait_for(port)
        for key, (_page, path, headers) in targets.items():
            if key in prepared:  # a POST answered by a redirect: no page to keep
                (capture_dir / f"{key}.html").write_bytes(b"")
                continue
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            (capture_dir / f"{key}.html").write_bytes(body)
            conn.close()
        for key, (page, path, headers) in targets.items():
            ours = load.run(
                page.label,
                "127.0.0.1",
                port,
                path,
                requests=args.requests,
                concurrency=args.concurrency,
                headers=headers,
                method=page.method,
                body_factory=(lambda i, p=page: p.body(i, data)) if page.body else None,
                expect_status=page.expect_status,
                warmup=WARMUP,
                request_factory=(
                    (lambda i, items=prepared[key]: items[i])
                    if key in prepared
                    else None
                ),
            )
            base = load.run(
                f"{page.label} (base)",
                "127.0.0.1",
                port,
                f"/__bench__/{key}/",
                requests=args.requests,
                concurrency=args.concurrency,
            )
            rows.append(
                {
                    "key": key,
                    **ours.row(),
                    "budget_p95_ms": page.budget_p95_ms,
                    "base_p50_ms": round(base.p50, 2),
                    "base_p95_ms": round(base.p95, 2),
                    "ratio_p50": round(ours.p50 / base.p50, 2) if base.p50 else None,
                    "within_budget": None
                    if page.budget_p95_ms is None
                    else ours.p95 <= page.budget_p95_ms,
                }
            )
            print(json.dumps(rows[-1], ensure_ascii=False))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    operations = []
    for operation in OPERATIONS:
        if args.only and operation.key not in args.only.split(","):
            continue
        result = operation.run(data)
        operations.append(
            {
                "key": operation.key,
                "label": operation.label,
                "budget": operation.budget,
                **result,
            }
        )
        print(json.dumps(operations[-1], ensure_ascii=False))

    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "size": args.size,
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "workers": args.workers,
        "concurrency": args.concurrency,
        "pages": rows,
        "operations": operations,
    }
    (RESULTS / f"latest-{args.size}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False)
    )
    missed = [r["key"] for r in rows if r["within_budget"] is False]
    if missed:
        print("Sobre el presupuesto p95: " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
