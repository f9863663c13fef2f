"""Service-level Estado Verde: documents, the committee, commuting and air travel."""

from decimal import Decimal

from simple_history.models import HistoricalRecords

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet
from lms.core.uploads import FileContentValidator
from management.models import Service, Unit

from .common import UPLOAD_KINDS, UPLOAD_MAX_SIZE, Authored, year_range_q


class Stage(models.TextChoices):
    STAGE_1 = "etapa_1", _("Etapa 1 (diagnóstico)")
    STAGE_2 = "etapa_2", _("Etapa 2 (Plan de Gestión Ambiental)")
    STAGE_3 = "etapa_3", _("Etapa 3 (implementación)")


class DocumentKind(models.TextChoices):
    COMMITTEE_RESOLUTION = "resolucion_comite", _("Resolución Comité Estado Verde")
    ENVIRONMENTAL_POLICY = "politica_ambiental", _("Política Ambiental")
    PAPER_PROCEDURE = "proc_papel", _("Procedimiento de gestión del papel")
    WASTE_PROCEDURE = "proc_residuos", _("Procedimiento de gestión de residuos")
    DISPOSAL_PROCEDURE = (
        "proc_baja_bienes",
        _("Procedimiento de baja de bienes muebles"),
    )
    PURCHASE_PROCEDURE = "proc_compras", _("Procedimiento de compras sustentables")
    DIAGNOSIS_REPORT = "informe_diagnostico", _("Informe de diagnóstico")
    MANAGEMENT_PLAN = "plan_gestion", _("Plan de Gestión Ambiental")
    OTHER = "otro", _("Otro documento")


#: Kinds a service must have (or declare "No registra") for Documentos to be complete.
REQUIRED_KINDS = (
    DocumentKind.COMMITTEE_RESOLUTION,
    DocumentKind.ENVIRONMENTAL_POLICY,
    DocumentKind.PAPER_PROCEDURE,
    DocumentKind.WASTE_PROCEDURE,
    DocumentKind.DISPOSAL_PROCEDURE,
    DocumentKind.PURCHASE_PROCEDURE,
    DocumentKind.DIAGNOSIS_REPORT,
)


def document_path(instance, filename):
    return f"estado-verde/documentos/{instance.service_id}/{filename}"


class ServiceDocument(Authored):
    """A typed document of the service for one year and stage, checked by content."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="estado_verde_documents",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    stage = models.CharField(_("etapa"), max_length=10, choices=Stage)
    kind = models.CharField(_("tipo de documento"), max_length=20, choices=DocumentKind)
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("archivo"),
        upload_to=document_path,
        validators=[FileContentValidator(UPLOAD_KINDS, UPLOAD_MAX_SIZE)],
    )
    resolution_number = models.CharField(
        _("N° de resolución"), max_length=40, blank=True
    )
    issued_on = models.DateField(_("fecha del documento"), null=True, blank=True)
    dissemination = models.TextField(
        _("difusión"),
        blank=True,
        help_text=_("Cómo se difundió la política ambiental (correo, intranet…)."),
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("documento Estado Verde")
        verbose_name_plural = _("documentos Estado Verde")
        ordering = ["-year", "stage", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=year_range_q(), name="ev_document_year"),
            models.CheckConstraint(
                condition=~Q(kind__in=["resolucion_comite", "politica_ambiental"])
                | ~Q(resolution_number=""),
                name="ev_document_resolution_number",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.title}"


class NoDocumentDeclaration(Authored):
    """ "No registra": the service has no document of one kind this year, and why."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="estado_verde_no_documents",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    kind = models.CharField(_("tipo de documento"), max_length=20, choices=DocumentKind)
    justification = models.TextField(_("justificación"))

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declaración «No registra»")
        verbose_name_plural = _("declaraciones «No registra»")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "kind"], name="ev_no_document_unique"
            ),
            models.CheckConstraint(
                condition=~Q(justification=""), name="ev_no_document_justified"
            ),
        ]

    def __str__(self):
        return f"No registra {self.get_kind_display()} {self.year}"


class CommitteeMember(models.Model):
    """A member of the service's Comité Estado Verde."""

    class Role(models.TextChoices):
        CHAIR = "presidencia", _("Presidencia")
        COORDINATOR = "coordinacion", _("Coordinación (encargado/a)")
        SECRETARY = "secretaria", _("Secretaría")
        MEMBER = "integrante", _("Integrante")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="committee_members",
        verbose_name=_("servicio"),
    )
    name = models.CharField(_("nombre"), max_length=150)
    role = models.CharField(_("rol en el comité"), max_length=15, choices=Role)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unidad"),
    )
    area = models.CharField(_("área o departamento"), max_length=150, blank=True)
    email = models.EmailField(_("correo electrónico"))
    is_active = models.BooleanField(_("vigente"), default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integrante del comité")
        verbose_name_plural = _("integrantes del comité")
        ordering = ["-is_active", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "email"], name="ev_member_unique_email"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


def minutes_path(instance, filename):
    return f"estado-verde/actas/{instance.service_id}/{filename}"


class CommitteeMeeting(Authored):
    """A meeting of the committee, with its minutes (acta)."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="committee_meetings",
        verbose_name=_("servicio"),
    )
    held_on = models.DateField(_("fecha de la reunión"))
    subject = models.CharField(_("temas tratados"), max_length=255)
    minutes = models.FileField(
        _("acta"),
        upload_to=minutes_path,
        validators=[FileContentValidator(UPLOAD_KINDS, UPLOAD_MAX_SIZE)],
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reunión del comité")
        verbose_name_plural = _("reuniones del comité")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "held_on", "subject"], name="ev_meeting_unique"
            )
        ]

    def __str__(self):
        return f"{self.held_on:%d-%m-%Y} · {self.subject}"


class CommutingMode(models.TextChoices):
    """How people get to work (DOMAIN.md); each has an emission factor."""

    CAR_PETROL = "auto_gasolina", _("Auto propio a gasolina")
    CAR_DIESEL = "auto_diesel", _("Auto propio diésel")
    CAR_HYBRID = "auto_hibrido", _("Auto propio híbrido")
    CAR_ELECTRIC = "auto_electrico", _("Auto propio eléctrico")
    SHARED_PETROL = "compartido_gasolina", _("Auto compartido a gasolina")
    SHARED_DIESEL = "compartido_diesel", _("Auto compartido diésel")
    SHARED_HYBRID = "compartido_hibrido", _("Auto compartido híbrido")
    SHARED_ELECTRIC = "compartido_electrico", _("Auto compartido eléctrico")
    BUS = "bus", _("Bus")
    METRO = "metro", _("Metro")
    TRAIN = "tren", _("Tren")
    BICYCLE = "bicicleta", _("Bicicleta")
    EBIKE = "bicicleta_electrica", _("Bicicleta eléctrica")
    MOTORCYCLE = "motocicleta", _("Motocicleta")
    SCOOTER = "scooter", _("Scooter")
    TAXI = "taxi", _("Taxi")
    COLECTIVO = "colectivo", _("Colectivo")
    WALKING = "caminata", _("Caminata")


class CommutingSurvey(Authored):
    """The origin–destination survey of a service in one year."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="commuting_surveys",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    respondents = models.PositiveIntegerField(_("n° de personas que respondieron"))
    working_days = models.PositiveSmallIntegerField(
        _("días de trabajo presencial al año"),
        default=220,
        help_text=_("Se usa para llevar los viajes diarios a un total anual."),
    )
    observation = models.TextField(_("observación"), blank=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("encuesta origen-destino")
        verbose_name_plural = _("encuestas origen-destino")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="ev_survey_one_per_year"
            ),
            models.CheckConstraint(condition=year_range_q(), name="ev_survey_year"),
            models.CheckConstraint(
                condition=Q(respondents__gt=0), name="ev_survey_respondents"
            ),
            models.CheckConstraint(
                condition=Q(working_days__gt=0, working_days__lte=366),
                name="ev_survey_working_days",
            ),
        ]

    def __str__(self):
        return f"Encuesta origen-destino {self.year}"


class CommutingEntry(models.Model):
    """How many respondents use one mode and their average one-way distance."""

    survey = models.ForeignKey(
        CommutingSurvey,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("encuesta"),
    )
    mode = models.CharField(
        _("medio de transporte"), max_length=25, choices=CommutingMode
    )
    collaborators = models.PositiveIntegerField(_("n° de colaboradores"))
    distance_km = models.DecimalField(
        _("distancia promedio de ida (km)"), max_digits=8, decimal_places=2
    )

    class Meta:
        verbose_name = _("medio de la encuesta")
        verbose_name_plural = _("medios de la encuesta")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "mode"], name="ev_survey_entry_unique"
            ),
            models.CheckConstraint(
                condition=Q(collaborators__gt=0, distance_km__gt=0),
                name="ev_survey_entry_positive",
            ),
        ]

    def __str__(self):
        return f"{self.get_mode_display()}: {self.collaborators}"

    @property
    def yearly_km(self) -> Decimal:
        """Passenger-km in the year: people × 2 one-way trips × distance × days."""
        return self.collaborators * 2 * self.distance_km * self.survey.working_days


class AirTrip(Authored):
    """Official air travel on one route in a period: one-way and round trips."""

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="air_trips",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"), editable=False)
    period_start = models.DateField(_("inicio del periodo"))
    period_end = models.DateField(_("término del periodo"))
    origin = models.CharField(_("ciudad o aeropuerto de origen"), max_length=120)
    destination = models.CharField(_("ciudad o aeropuerto de destino"), max_length=120)
    one_way_trips = models.PositiveIntegerField(_("viajes solo ida"), default=0)
    round_trips = models.PositiveIntegerField(_("viajes ida y vuelta"), default=0)
    distance_km = models.DecimalField(
        _("distancia del tramo (km)"), max_digits=8, decimal_places=1
    )
    trips = models.GeneratedField(
        expression=F("round_trips") * 2 + F("one_way_trips"),
        output_field=models.PositiveIntegerField(),
        db_persist=True,
        verbose_name=_("tramos volados"),
    )
    observation = models.CharField(_("observación"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    # The generated column is left out: the history table would try to write it.
    history = HistoricalRecords(excluded_fields=["trips"])

    class Meta:
        verbose_name = _("viaje en avión")
        verbose_name_plural = _("viajes en avión")
        ordering = ["-period_start", "origin", "pk"]
        indexes = [models.Index(fields=["service", "year"], name="ev_air_service_year")]
        constraints = [
            models.CheckConstraint(condition=year_range_q(), name="ev_air_year"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="ev_air_period_order",
            ),
            models.CheckConstraint(
                condition=Q(one_way_trips__gt=0) | Q(round_trips__gt=0),
                name="ev_air_some_trip",
            ),
            models.CheckConstraint(
                condition=Q(distance_km__gt=0, distance_km__lte=20000),
                name="ev_air_distance",
            ),
        ]

    def __str__(self):
        return f"{self.origin} – {self.destination} ({self.year})"

    @property
    def flown_trips(self) -> int:
        """Trips = 2 × round trips + one-way trips (also stored in ``trips``)."""
        return 2 * self.round_trips + self.one_way_trips

    @property
    def km(self) -> Decimal:
        return self.flown_trips * self.distance_km


class NoTravelDeclaration(Authored):
    """ "No declara viajes": the service made no official air trips in the year."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="no_travel_declarations",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    justification = models.TextField(_("observación"), blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declaración «No declara viajes»")
        verbose_name_plural = _("declaraciones «No declara viajes»")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="ev_no_travel_unique"
            )
        ]

    def __str__(self):
        return f"No declara viajes {self.year}"
