"""Authorization rules of the concientized-collaborator screens (see matrix.py).

The list and the accredited gestores answer the service's readers (each sees the
current service only) and the Red (every service); the national indicator table is
the ministry's.
"""

from tests.security.matrix import OTHER, Rule
from tests.security.rules_management import allow

SERVICE_AND_RED = (
    "gestor_servicio",
    "gestor_consulta",
    "encargado_comite",
    OTHER,
    "administrador",
    "revisor_red",
)

COLLABORATORS_RULES: dict[str, dict[str, Rule]] = {
    "management:concientized-list": {"": Rule(allow(SERVICE_AND_RED))},
    "management:accredited-list": {"": Rule(allow(SERVICE_AND_RED))},
    "management:concientized-indicator": {
        "": Rule(allow(("administrador", "revisor_red")))
    },
}
