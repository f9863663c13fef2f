"""Worker tasks of the course platforms."""

from celery import shared_task

from .reminders import remind_stalled_learners


@shared_task(name="courses.send_stall_reminders")
def send_stall_reminders() -> int:
    """Daily: e-mail learners whose course stalled (each at most once per period)."""
    return remind_stalled_learners()
