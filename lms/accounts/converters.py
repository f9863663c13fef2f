"""URL converters for platform prefixes."""

from django.urls import register_converter


class PlatformConverter:
    regex = "gestion|flota|capacitacion|concientizacion"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class LearningPlatformConverter(PlatformConverter):
    regex = "capacitacion|concientizacion"


register_converter(PlatformConverter, "platform")
register_converter(LearningPlatformConverter, "learning")
