"""What follows a course completion: an explicit, ordered list of handlers.

``courses.services.complete_enrolment`` sets ``completed_at`` exactly once and then
calls every function listed in ``COMPLETION_HANDLERS``, in order, as
``handler(enrolment=enrolment)``. They run inside the same transaction: a handler
writes its own rows and enqueues worker tasks with ``transaction.on_commit``; if one
raises, the whole completion rolls back and nothing is half done.

Modules that plug in here, in this order, when they exist:

1. certificates — issue the enrolment's certificate (frozen snapshot, code) and queue
   its PDF;
2. the concientized-collaborator list — enter a Concientización completion in the
   list of the learner's service for the year, and mark the Gestión account of a
   Capacitación graduate as accredited.

A handler must be idempotent on the enrolment (a database constraint on its own
rows), although ``complete_enrolment`` calls it only once per enrolment.
"""

from collections.abc import Callable

from django.utils.module_loading import import_string

#: Dotted paths of ``handler(*, enrolment)`` functions, called in this order.
COMPLETION_HANDLERS: list[str] = [
    "certificates.services.issue_for_enrolment",
    "management.services.collaborators.record_completion",
]


def completion_handlers() -> list[Callable]:
    """The handler functions, imported from ``COMPLETION_HANDLERS``."""
    return [import_string(path) for path in COMPLETION_HANDLERS]


def run_completion_handlers(*, enrolment) -> None:
    """Call each handler with the freshly completed enrolment."""
    for handler in completion_handlers():
        handler(enrolment=enrolment)
