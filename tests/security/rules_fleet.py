"""Authorization rules of one module's screens (see matrix.py and rules_management.py)."""

from tests.security.matrix import Rule

FLEET_RULES: dict[str, dict[str, Rule]] = {}
