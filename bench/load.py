"""A small HTTP load generator: keep-alive connections in threads, latency percentiles."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class Result:
    label: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list

    @property
    def p50(self) -> float:
        return (
            statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")
        )

    @property
    def p95(self) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def row(self) -> dict:
        return {
            "label": self.label,
            "requests": self.requests,
            "errors": self.errors,
            "p50_ms": round(self.p50, 2),
            "p95_ms": round(self.p95, 2),
            "rps": round(self.throughput, 1),
        }


def run(
    label: str,
    host: str,
    port: int,
    path: str,
    *,
    requests: int = 200,
    concurrency: int = 4,
    headers: dict | None = None,
    method: str = "GET",
    body_factory=None,
    expect_status: tuple[int, ...] = (200,),
    warmup: int = 5,
    request_factory=None,
) -> Result:
    """Send ``requests`` requests with ``concurrency`` keep-alive connections.

    With ``request_factory(index) -> (path, headers, body)`` every request is its own
    (warm-ups get negative indexes).
    """
    headers = dict(headers or {})
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def one(conn, index):
        body = body_factory(index) if body_factory else None
        target, sent = path, headers
        if request_factory is not None:
            target, extra, body = request_factory(index)
            sent = {**headers, **extra}
        start = time.perf_counter()
        conn.request(method, target, body=body, headers=sent)
        response = conn.getresponse()
        response.read()
        return (time.perf_counter() - start) * 1000, response.status

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection(host, port, timeout=60)
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            try:
                elapsed, status = one(conn, index)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
                with lock:
                    errors += 1
                continue
            with lock:
                if status in expect_status:
                    latencies.append(elapsed)
                else:
                    errors += 1
        conn.close()

    warm = http.client.HTTPConnection(host, port, timeout=60)
    for i in range(warmup):
        try:
            one(warm, -1 - i)
        except (OSError, http.client.HTTPException):
            warm = http.client.HTTPConnection(host, port, timeout=60)
    warm.close()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(label, len(latencies), errors, time.perf_counter() - start, latencies)
