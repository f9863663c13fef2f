"""Reportes: Estado Verde indicators per unit, service and nation, with charts and exports."""

from django.utils.translation import gettext as _

from lms.core.exports import csv_response, xlsx_response


def unit_header():
    return [
        _("Unidad"),
        _("Dirección"),
        _("Colaboradores"),
        _("Superficie (m²)"),
        _("Resmas"),
        _("Resmas recicladas"),
        _("Costo papel (CLP)"),
        _("Resmas por colaborador"),
        _("Agua (m³)"),
        _("Costo agua (CLP)"),
        _("m³ por colaborador"),
        _("m³ por m²"),
        _("Residuos (kg)"),
        _("Reciclados (kg)"),
        _("Tasa de reciclaje (%)"),
    ]


def unit_line(r):
    unit = r["unit"]
    return [
        unit.name,
        f"{unit.building.street} {unit.building.number}",
        r["collaborators"],
        unit.surface_m2,
        r["reams"],
        r["recycled_reams"],
        r["paper_cost"],
        r["reams_per_collaborator"],
        r["m3"],
        r["water_cost"],
        r["m3_per_collaborator"],
        r["m3_per_m2"],
        r["waste_kg"],
        r["recycled_kg"],
        r["recycling_rate"],
    ]


def export_unit_rows(rows, export: str, name: str):
    data = (unit_line(r) for r in rows)
    if export == "csv":
        return csv_response(unit_header(), data, name)
    return xlsx_response(unit_header(), data, name, title=_("Estado Verde"))
