"""Factories for every model the tests build."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts.models import Membership, User
from lms.accounts.realms import Realm
from management.models import (
    Building,
    Comuna,
    Institution,
    PropertyType,
    Service,
    Unit,
    UseType,
)

PASSWORD = "Clave-Segura-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    realm = Realm.GESTION
    email = factory.Sequence(lambda n: f"persona{n}@servicio.example")
    first_name = "María"
    last_name = factory.Sequence(lambda n: f"Pérez {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LearnerFactory(UserFactory):
    realm = Realm.CONCIENTIZACION


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Teléfono"
    confirmed = True


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Ministerio {n}")
    code = factory.Sequence(lambda n: f"MIN{n:03d}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Servicio {n}")
    code = factory.Sequence(lambda n: f"SRV{n:04d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    service = factory.SubFactory(ServiceFactory)
    role = "gestor_servicio"


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    service = factory.SubFactory(ServiceFactory)
    street = factory.Sequence(lambda n: f"Calle {n}")
    number = factory.Sequence(lambda n: str(100 + n))
    comuna = factory.LazyFunction(lambda: Comuna.objects.get(code="13101"))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    service = factory.SubFactory(ServiceFactory)
    building = factory.SubFactory(
        BuildingFactory, service=factory.SelfAttribute("..service")
    )
    name = factory.Sequence(lambda n: f"Unidad {n}")
    use_type = factory.LazyFunction(lambda: UseType.objects.first())
    property_type = factory.LazyFunction(lambda: PropertyType.objects.first())
    surface_m2 = 250
    rol = factory.Sequence(lambda n: f"{1000 + n}-{n % 90 + 1}")
    floor_summary = "1"
