"""Which roles reach each kind of screen of the management platform (PRODUCT.md)."""

from lms.accounts.roles import Role

ADMIN = (Role.ADMINISTRADOR,)
MINISTRY = (Role.ADMINISTRADOR, Role.REVISOR_RED)
#: Change the service's inventory, Alcance and accounts.
MANAGE = (Role.ADMINISTRADOR, Role.GESTOR_SERVICIO)
#: Review what services report.
REVIEW = MINISTRY
#: Read the service's inventory and Información (Flota roles have their own platform).
READ = (
    Role.ADMINISTRADOR,
    Role.REVISOR_RED,
    Role.GESTOR_SERVICIO,
    Role.GESTOR_UNIDAD,
    Role.GESTOR_CONSULTA,
    Role.ENCARGADO_COMITE,
)
#: Read service-level Información and reports (not a Gestor de Unidad's business).
READ_SERVICE = (
    Role.ADMINISTRADOR,
    Role.REVISOR_RED,
    Role.GESTOR_SERVICIO,
    Role.GESTOR_CONSULTA,
    Role.ENCARGADO_COMITE,
)
#: Work on a unit's own data (energéticos): its Gestor de Unidad too.
UNIT_WORK = (Role.ADMINISTRADOR, Role.GESTOR_SERVICIO, Role.GESTOR_UNIDAD)
#: Declare collaborators (Información agregada).
COLLABORATORS = (Role.ADMINISTRADOR, Role.GESTOR_SERVICIO, Role.ENCARGADO_COMITE)
