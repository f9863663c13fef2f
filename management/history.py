"""Audit history (django-simple-history) shown as who, when, field: old → new."""

from django.db import models
from django.utils.translation import gettext as _

KIND_LABELS = {"+": "Creación", "~": "Cambio", "-": "Eliminación"}


def _display(field, value, related_names):
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return related_names.get((field.related_model, value), str(value))
    if isinstance(field, models.BooleanField):
        return _("Sí") if value else _("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def history_entries(obj, limit: int = 100) -> list[dict]:
    """The object's changes, newest first, in a constant number of queries."""
    records = list(
        obj.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    model = obj._meta.model
    fields = {
        f.attname: f
        for f in model._meta.concrete_fields
        if f.attname not in ("id",) and f.editable or f.name == "floor_summary"
    }
    pairs = []
    wanted: dict[type, set] = {}
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        for attname, field in fields.items():
            new = getattr(record, attname, None)
            old = getattr(previous, attname, None) if previous is not None else None
            if previous is None and record.history_type == "+":
                if new in (None, "", False):
                    continue
            elif new == old:
                continue
            if isinstance(field, models.ForeignKey):
                for value in (old, new):
                    if value is not None:
                        wanted.setdefault(field.related_model, set()).add(value)
            changes.append((field, old, new))
        pairs.append((record, changes))
    related_names = {}
    for related, ids in wanted.items():
        relations = [f.name for f in related._meta.concrete_fields if f.is_relation]
        rows = related._base_manager.select_related(*relations).in_bulk(list(ids))
        for pk, item in rows.items():
            related_names[(related, pk)] = str(item)
    entries = []
    for record, changes in pairs:
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "kind": KIND_LABELS.get(record.history_type, record.history_type),
                "changes": [
                    {
                        "field": str(field.verbose_name).capitalize(),
                        "old": _display(field, old, related_names)
                        if record.history_type != "+"
                        else "",
                        "new": _display(field, new, related_names),
                    }
                    for field, old, new in changes
                ],
            }
        )
    return entries
