"""Creating a learner account, confirming its e-mail, and turning reminders off."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from lms.accounts.mixins import user_may_enter
from lms.accounts.views import PlatformMixin

from ..forms import RegistrationForm, ResendConfirmationForm
from ..registration import confirm_learner, register_learner, resend_confirmation
from ..reminders import unsubscribe_reminders

SENT_TO_KEY = "courses_registration_sent_to"


@method_decorator(
    [sensitive_post_parameters("password1", "password2"), never_cache], name="dispatch"
)
class RegisterView(PlatformMixin, FormView):
    """The registration form of one platform; the account waits for e-mail confirmation."""

    form_class = RegistrationForm
    template_name = "courses/register.html"
    extra_context = {"nav": "register"}

    def dispatch(self, request, *args, **kwargs):
        if user_may_enter(request.user, self.platform.slug):
            return redirect(self.platform.home_path)
        return super().dispatch(request, *args, **kwargs)

    def invitation(self):
        """The invitation a service sent (``?invitacion=``): it fills in the form."""
        if not hasattr(self, "_invitation"):
            self._invitation = None
            token = self.request.GET.get("invitacion")
            if token and self.platform.slug == "concientizacion":
                from management.services.invitations import invitation_from_token

                self._invitation = invitation_from_token(token)
        return self._invitation

    def get_initial(self):
        initial = super().get_initial()
        invitation = self.invitation()
        if invitation is not None:
            from lms.core.rut import format_rut

            from ..forms import service_label

            initial.update(
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                email=invitation.email,
                rut=format_rut(invitation.rut),
                service_name=service_label(invitation.service),
                service=invitation.service.pk,
            )
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["service_labels"] = context["form"].finder.labels()
        context["invitation"] = self.invitation()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        register_learner(
            platform=self.platform,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            rut=data["rut"],
            service=data["service"],
            password=data["password1"],
        )
        # The same answer whether or not the e-mail already had an account.
        self.request.session[SENT_TO_KEY] = data["email"]
        return redirect("courses:register-sent", platform=self.platform.slug)


class RegisterSentView(PlatformMixin, TemplateView):
    template_name = "courses/register_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            email=self.request.session.get(SENT_TO_KEY, ""),
            form=ResendConfirmationForm(),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class ConfirmView(PlatformMixin, View):
    """The link of the confirmation e-mail: activates the account and signs it in."""

    def get(self, request, *args, **kwargs):
        try:
            user = confirm_learner(platform=self.platform, token=kwargs["token"])
        except ValidationError as exc:
            return render(
                request,
                "courses/confirm_failed.html",
                {
                    "platform": self.platform,
                    "reason": " ".join(exc.messages),
                    "form": ResendConfirmationForm(),
                },
                status=400,
            )
        auth_login(request, user, backend="lms.accounts.backends.RealmBackend")
        request.session.pop(SENT_TO_KEY, None)
        messages.success(
            request,
            _("Su cuenta está activa. Elija un curso y comience cuando quiera."),
        )
        return redirect(self.platform.home_path)


class ResendConfirmationView(PlatformMixin, FormView):
    form_class = ResendConfirmationForm
    template_name = "courses/register_sent.html"

    def form_valid(self, form):
        resend_confirmation(platform=self.platform, email=form.cleaned_data["email"])
        self.request.session[SENT_TO_KEY] = form.cleaned_data["email"]
        messages.info(
            self.request,
            _(
                "Si hay un registro pendiente con ese correo, le enviamos un enlace "
                "nuevo. Revise también la carpeta de correo no deseado."
            ),
        )
        return redirect("courses:register-sent", platform=self.platform.slug)


class PrivacyView(PlatformMixin, TemplateView):
    template_name = "courses/privacy.html"


@method_decorator(never_cache, name="dispatch")
class UnsubscribeView(PlatformMixin, TemplateView):
    """A reminder's link: confirm (POST) to stop reminders, so mail scanners change nothing."""

    template_name = "courses/unsubscribe.html"

    def post(self, request, *args, **kwargs):
        try:
            unsubscribe_reminders(token=kwargs["token"])
        except ValidationError as exc:
            return self.render_to_response(
                self.get_context_data(error=" ".join(exc.messages)), status=400
            )
        return self.render_to_response(self.get_context_data(done=True))
