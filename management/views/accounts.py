"""Configuración > Usuarios: the accounts of the current service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lms.accounts.models import Membership, User
from lms.accounts.realms import Realm
from lms.core.listing import FilteredTableView

from .. import services
from ..filters import AccountFilter
from ..forms import AccountForm, DeactivateForm
from ..models import GestorAccreditation, UnitAssignment
from ..permissions import MANAGE
from ..services.accounts import may_edit_personal_data
from ..tables import AccountTable
from .base import ServiceMixin, apply_service_errors


class AccountMixin(ServiceMixin):
    allowed_roles = MANAGE

    def service_ids(self) -> list[int]:
        service = self.get_service()
        if service is not None:
            return [service.pk]
        return list(
            services.manageable_services(self.request.user).values_list("pk", flat=True)
        )

    def accounts(self):
        ids = self.service_ids()
        return (
            User.objects.filter(realm=Realm.GESTION, memberships__service_id__in=ids)
            .distinct()
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(service_id__in=ids),
                    to_attr="service_memberships",
                ),
                Prefetch(
                    "unit_assignments",
                    queryset=UnitAssignment.objects.filter(unit__service_id__in=ids),
                    to_attr="service_assignments",
                ),
            )
        )


class AccountListView(AccountMixin, FilteredTableView):
    table_class = AccountTable
    filterset_class = AccountFilter
    page_title = _("Usuarios")
    template_name = "management/account_list.html"

    def get_queryset(self):
        accreditations = GestorAccreditation.objects.filter(
            user=OuterRef("pk")
        ).order_by("-accredited_at", "-pk")
        return (
            self.accounts()
            .annotate(
                accredited_at=Subquery(accreditations.values("accredited_at")[:1]),
                accreditation_code=Subquery(
                    accreditations.values("certificate__code")[:1]
                ),
            )
            .order_by("last_name", "first_name", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs.update(
            roles=services.grantable_roles(self.request.user),
            service_ids=self.service_ids(),
        )
        return kwargs


class AccountCreateView(AccountMixin, TemplateView):
    template_name = "management/account_form.html"

    def make_form(self, data=None):
        user = self.request.user
        return AccountForm(
            data,
            services=services.manageable_services(user),
            roles=services.grantable_roles(user),
            service=self.get_service(),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                account, created = services.create_service_account(
                    by=request.user,
                    service=data["service"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    rut=data.get("rut") or "",
                    phone=data.get("phone") or "",
                    roles=data["roles"],
                    units=data.get("units") or [],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                if created:
                    messages.success(
                        request,
                        _(
                            "Cuenta creada. Se envió a %(email)s un correo para que "
                            "defina su contraseña; al primer ingreso activará la "
                            "verificación en dos pasos."
                        )
                        % {"email": account.email},
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "La cuenta %(email)s ya existía: se le agregaron los perfiles."
                        )
                        % {"email": account.email},
                    )
                return redirect("management:user-list")
        return self.render_to_response(self.get_context_data(form=form))


class AccountObjectMixin(AccountMixin):
    def get_account(self) -> User:
        service = self.service_or_404()
        if (
            not services.manageable_services(self.request.user)
            .filter(pk=service.pk)
            .exists()
        ):
            raise Http404
        try:
            return (
                self.accounts()
                .filter(memberships__service=service)
                .get(pk=self.kwargs["pk"])
            )
        except User.DoesNotExist as exc:
            raise Http404 from exc


class AccountUpdateView(AccountObjectMixin, TemplateView):
    template_name = "management/account_form.html"

    def make_form(self, account, data=None):
        user = self.request.user
        service = self.get_service()
        initial = {
            "service": service.pk,
            "email": account.email,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "rut": account.rut,
            "phone": account.phone,
            "roles": [
                m.role
                for m in account.service_memberships
                if m.service_id == service.pk
            ],
            "units": [a.unit_id for a in account.service_assignments],
        }
        return AccountForm(
            data,
            initial=initial,
            services=services.manageable_services(user),
            roles=services.grantable_roles(user),
            service=service,
            editing=account,
            personal=may_edit_personal_data(user, account),
        )

    def get(self, request, *args, **kwargs):
        account = self.get_account()
        return self.render_to_response(
            self.get_context_data(form=self.make_form(account), account=account)
        )

    def post(self, request, *args, **kwargs):
        account = self.get_account()
        form = self.make_form(account, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            personal = {
                k: data.get(k) or ""
                for k in ("first_name", "last_name", "rut", "phone")
            }
            try:
                services.update_service_account(
                    by=request.user,
                    user=account,
                    service=self.get_service(),
                    roles=data["roles"],
                    units=data.get("units") or [],
                    **personal,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Cuenta actualizada."))
                return redirect("management:user-list")
        return self.render_to_response(
            self.get_context_data(form=form, account=account)
        )


class AccountDeactivateView(AccountObjectMixin, TemplateView):
    template_name = "management/account_deactivate.html"

    def get(self, request, *args, **kwargs):
        account = self.get_account()
        return self.render_to_response(
            self.get_context_data(form=DeactivateForm(), account=account)
        )

    def post(self, request, *args, **kwargs):
        account = self.get_account()
        form = DeactivateForm(request.POST)
        if form.is_valid():
            try:
                services.deactivate_service_account(
                    by=request.user,
                    user=account,
                    service=self.get_service(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("La cuenta %(email)s ya no tiene perfiles en este servicio.")
                    % {"email": account.email},
                )
                return redirect("management:user-list")
        return self.render_to_response(
            self.get_context_data(form=form, account=account)
        )
