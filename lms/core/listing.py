"""The one way to show a list: a filterable, sortable, paginated table with CSV/XLSX export.

Views combine ``FilteredTableView`` with a django-filter ``FilterSet`` and a
django-tables2 ``Table``; ``?export=csv`` or ``?export=xlsx`` downloads the filtered
rows with the table's columns (``export_rows`` can be overridden to stream very
large lists with ``values_list(...).iterator()``).
"""

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .exports import csv_response, xlsx_response

EXPORT_FORMATS = ("csv", "xlsx")


class FilteredTableView(SingleTableMixin, FilterView):
    template_name = "core/filtered_table.html"
    paginate_by = 25
    #: Base name of exported files; the page title when empty.
    export_name = ""
    #: Table columns left out of exports (e.g. action buttons).
    export_exclude: tuple[str, ...] = ("actions",)
    page_title = ""
    strict = False  # an invalid filter shows the whole list with the form's errors

    def get_table_pagination(self, table):
        return {"per_page": self.paginate_by}

    def get_paginate_by(self, queryset):
        # The table paginates its own rows; paginating object_list too would count
        # the rows a second time on every page.
        return None

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in EXPORT_FORMATS:
            filterset = self.get_filterset(self.get_filterset_class())
            queryset = (
                filterset.qs
                if filterset.is_bound and filterset.is_valid()
                else filterset.queryset
            )
            header, rows = self.export_rows(queryset)
            from lms.accounts.security import record_event

            record_event(
                kind="export",
                request=request,
                user=request.user,
                detail={
                    "view": type(self).__name__,
                    "format": export,
                    "query": request.GET.urlencode(),
                },
            )
            name = self.export_name or self.page_title or "listado"
            if export == "csv":
                return csv_response(header, rows, name)
            return xlsx_response(header, rows, name, title=str(self.page_title or name))
        return super().get(request, *args, **kwargs)

    def export_rows(self, queryset):
        """(header, rows) of the table's columns for every filtered row."""
        table = self.get_table_class()(queryset, exclude=self.export_exclude)
        values = table.as_values(exclude_columns=self.export_exclude)
        header = next(values)
        return header, values

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        exports = {}
        for fmt in EXPORT_FORMATS:
            query["export"] = fmt
            exports[fmt] = "?" + query.urlencode()
        context.update(page_title=self.page_title, export_urls=exports)
        return context
