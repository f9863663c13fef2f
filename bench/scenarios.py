"""What the benchmark measures: pages (HTTP, against the bare-view baseline) and
operations (in process, against the stack's own limit for the same work).

Each page scenario names the user it runs as (None: anonymous) and how to find its
URL in the generated dataset. Modules add their scenarios to ``PAGES`` / ``OPERATIONS``.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    budget_p95_ms: float | None
    # A function of the dataset returning (path, user or None).
    target: object
    method: str = "GET"
    body: object = None  # function(index, context) -> bytes, for POSTs
    expect_status: tuple = (200,)
    tags: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    budget: str
    # Both return seconds per unit of work: (ours, baseline)
    run: object


def _home(data):
    return "/", None


def _login(data):
    return "/gestion/ingresar/", None


PAGES: list[Page] = [
    Page("home", "Inicio público", None, _home),
    Page("login", "Ingreso a Gestión", None, _login),
]
OPERATIONS: list[Operation] = []
