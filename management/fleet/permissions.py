"""Which roles reach each kind of Flota screen (PRODUCT.md, roles table)."""

from lms.accounts.roles import Role

#: Register and change the service's vehicles, drivers, loads and trips.
MANAGE = (Role.ADMINISTRADOR, Role.GESTOR_SERVICIO, Role.GESTOR_FLOTA)
#: Read the whole fleet of the service and its reports.
READ = (*MANAGE, Role.REVISOR_RED, Role.GESTOR_CONSULTA)
#: Record trips and fuel loads: managers, and a Conductor for their own vehicles.
RECORD = (*MANAGE, Role.CONDUCTOR)
#: Anyone who sees some vehicles (a Conductor only their own).
SEE = (*READ, Role.CONDUCTOR)
