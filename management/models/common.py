"""Choices shared by the review workflow of several records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    """The Red's review of what a service reports."""

    PENDING = "pending", _("Sin revisión")
    VALIDATED = "validated", _("Validado")
    OBSERVED = "observed", _("Observado")
