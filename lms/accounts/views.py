"""Login, logout, password reset, account page and two-factor steps of every platform."""

import time

from django_otp import login as otp_login

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from . import twofactor
from .forms import LoginForm, RealmPasswordResetForm, TokenForm
from .middleware import LAST_SEEN_KEY, LOGIN_AT_KEY, NEEDS_CODE_KEY
from .mixins import login_url, user_may_enter, with_next
from .realms import PLATFORMS, Realm
from .security import record_event

NEXT_FIELD = "next"


class PlatformMixin:
    """Resolve the ``platform`` URL argument into a Platform (404 when unknown)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        try:
            self.platform = PLATFORMS[kwargs["platform"]]
        except KeyError as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        # Replaces the URL's slug with the Platform itself.
        kwargs["platform"] = self.platform
        return super().get_context_data(**kwargs)

    def safe_next(self, default: str | None = None) -> str:
        candidate = self.request.POST.get(NEXT_FIELD) or self.request.GET.get(
            NEXT_FIELD
        )
        if candidate and url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return candidate
        return default or self.platform.home_path


def optional_url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


@method_decorator(
    [sensitive_post_parameters("password"), csrf_protect, never_cache], name="dispatch"
)
class LoginView(PlatformMixin, FormView):
    form_class = LoginForm
    template_name = "registration/login.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and user_may_enter(request.user, self.platform.slug):
            return redirect(self.safe_next())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(request=self.request, platform=self.platform)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            next=self.safe_next(""),
            new_user_url=optional_url("helpdesk:new-gestor")
            if self.platform.realm == Realm.GESTION
            else optional_url("courses:register", platform=self.platform.slug),
        )
        return context

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)
        session = self.request.session
        now = int(time.time())
        session[LOGIN_AT_KEY] = now
        session[LAST_SEEN_KEY] = now
        remember = form.cleaned_data["remember_me"]
        if not remember:
            session.set_expiry(0)
        elif user.requires_two_factor:
            session.set_expiry(settings.GESTION_ABSOLUTE_TIMEOUT)
        else:
            session.set_expiry(settings.LEARNER_REMEMBER_AGE)
        next_url = self.safe_next()
        if user.requires_two_factor or twofactor.has_confirmed_device(user):
            if not user.requires_two_factor:
                session[NEEDS_CODE_KEY] = True
            step = (
                "accounts:2fa-verify"
                if twofactor.has_confirmed_device(user)
                else "accounts:2fa-setup"
            )
            url = reverse(step, kwargs={"platform": self.platform.slug})
            return HttpResponseRedirect(with_next(url, next_url))
        return HttpResponseRedirect(next_url)


class LogoutView(PlatformMixin, View):
    """POST only: a link cannot log anyone out."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        messages.success(request, _("Cerró su sesión correctamente."))
        return redirect("accounts:login", platform=self.platform.slug)


class PasswordResetView(PlatformMixin, auth_views.PasswordResetView):
    form_class = RealmPasswordResetForm
    template_name = "registration/password_reset_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "platform": self.platform}

    def get_success_url(self):
        return reverse(
            "accounts:password-reset-done", kwargs={"platform": self.platform.slug}
        )


class PasswordResetDoneView(PlatformMixin, auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(PlatformMixin, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        # A link of one platform never resets an account of another.
        if user is not None and user.realm != self.platform.realm:
            return None
        return user

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(
            kind="password_changed",
            request=self.request,
            user=form.user,
            detail={"by": "reset"},
        )
        return response

    def get_success_url(self):
        return reverse(
            "accounts:password-reset-complete", kwargs={"platform": self.platform.slug}
        )


class PasswordResetCompleteView(PlatformMixin, auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class HalfLoggedInMixin(PlatformMixin):
    """Two-factor steps: the password is checked, the code not yet."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or user.realm != self.platform.realm:
            return redirect("accounts:login", platform=self.platform.slug)
        return super().dispatch(request, *args, **kwargs)


@method_decorator(
    [sensitive_post_parameters("otp_token"), never_cache], name="dispatch"
)
class TwoFactorVerifyView(HalfLoggedInMixin, FormView):
    form_class = TokenForm
    template_name = "accounts/2fa_verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.realm == self.platform.realm:
            if user.is_verified():
                return redirect(self.safe_next())
            if not twofactor.has_confirmed_device(user):
                url = reverse(
                    "accounts:2fa-setup", kwargs={"platform": self.platform.slug}
                )
                return HttpResponseRedirect(with_next(url, self.safe_next()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.safe_next(), **kwargs)

    def form_valid(self, form):
        user = self.request.user
        wait = twofactor.throttled_wait(user)
        if wait:
            form.add_error(
                "otp_token",
                _(
                    "Demasiados códigos incorrectos. Espere %(s)s segundos e intente de nuevo."
                )
                % {"s": wait},
            )
            return self.form_invalid(form)
        device = twofactor.verify_code(user, form.cleaned_data["otp_token"])
        if device is None:
            record_event(kind="2fa_failed", request=self.request, user=user)
            form.add_error(
                "otp_token",
                _(
                    "El código no es válido o ya fue usado. Use el código que muestra ahora "
                    "su aplicación, o uno de sus códigos de respaldo."
                ),
            )
            return self.form_invalid(form)
        otp_login(self.request, device)
        self.request.session.pop(NEEDS_CODE_KEY, None)
        if device.__class__.__name__ == "StaticDevice":
            remaining = device.token_set.count()
            messages.warning(
                self.request,
                _("Usó un código de respaldo. Le quedan %(n)s.") % {"n": remaining},
            )
        return HttpResponseRedirect(self.safe_next())


@method_decorator(
    [sensitive_post_parameters("otp_token"), never_cache], name="dispatch"
)
class TwoFactorSetupView(HalfLoggedInMixin, FormView):
    """Enrol an authenticator app. Replacing a device needs a verified session."""

    form_class = TokenForm
    template_name = "accounts/2fa_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and user.realm == self.platform.realm
            and not user.is_verified()
            and twofactor.has_confirmed_device(user)
        ):
            # With a device already enrolled, a password alone may not enrol another.
            url = reverse(
                "accounts:2fa-verify", kwargs={"platform": self.platform.slug}
            )
            return HttpResponseRedirect(with_next(url, self.safe_next()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = twofactor.pending_totp(self.request.user)
        return super().get_context_data(
            qr_svg=twofactor.qr_svg(device.config_url),
            secret=_group(_b32(device.bin_key)),
            next=self.safe_next(),
            **kwargs,
        )

    def form_valid(self, form):
        result = twofactor.confirm_totp(
            user=self.request.user, token=form.cleaned_data["otp_token"]
        )
        if result is None:
            form.add_error(
                "otp_token",
                _(
                    "El código no coincide. Revise que la hora de su teléfono sea correcta e "
                    "ingrese el código que muestra la aplicación ahora."
                ),
            )
            return self.form_invalid(form)
        device, codes = result
        otp_login(self.request, device)
        record_event(kind="2fa_enrolled", request=self.request, user=self.request.user)
        self.request.session.pop(NEEDS_CODE_KEY, None)
        return render(
            self.request,
            "accounts/2fa_backup_codes.html",
            {
                "platform": self.platform,
                "codes": codes,
                "next": self.safe_next(),
                "enrolled": True,
            },
        )


@method_decorator(never_cache, name="dispatch")
class AccountView(PlatformMixin, TemplateView):
    """The user's own account: data, password change and two-factor."""

    template_name = "accounts/account.html"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_enter(request.user, self.platform.slug):
            return HttpResponseRedirect(
                login_url(self.platform.slug, request.get_full_path())
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            has_device=twofactor.has_confirmed_device(user),
            backup_codes_left=twofactor.backup_codes_left(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if request.POST.get(
            "action"
        ) == "backup-codes" and twofactor.has_confirmed_device(request.user):
            codes = twofactor.regenerate_backup_codes(user=request.user)
            record_event(kind="backup_codes", request=request, user=request.user)
            return render(
                request,
                "accounts/2fa_backup_codes.html",
                {"platform": self.platform, "codes": codes, "next": request.path},
            )
        return redirect(request.path)


class PasswordChangeView(PlatformMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_enter(request.user, self.platform.slug):
            return redirect("accounts:login", platform=self.platform.slug)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(
            kind="password_changed", request=self.request, user=self.request.user
        )
        return response

    def get_success_url(self):
        messages.success(self.request, _("Su contraseña fue cambiada."))
        return reverse("accounts:account", kwargs={"platform": self.platform.slug})


def _b32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode("ascii").rstrip("=")


def _group(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


class OwnAccountMixin(PlatformMixin):
    """Pages of the signed-in user's own account on this platform."""

    def dispatch(self, request, *args, **kwargs):
        if not user_may_enter(request.user, self.platform.slug):
            return HttpResponseRedirect(
                login_url(self.platform.slug, request.get_full_path())
            )
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class PersonalDataView(OwnAccountMixin, View):
    """Download everything the platform keeps about me, as JSON."""

    def get(self, request, *args, **kwargs):
        import json

        from django.http import HttpResponse

        from .privacy import export_personal_data

        data = export_personal_data(user=request.user)
        record_event(kind="data_download", request=request, user=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            'attachment; filename="mis-datos-gestiona-energia.json"'
        )
        return response


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class EraseAccountView(OwnAccountMixin, FormView):
    """A learner erases their own account (Gestión accounts belong to their service)."""

    template_name = "accounts/erase_account.html"

    def get_form_class(self):
        from .forms import EraseAccountForm

        return EraseAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get(self, request, *args, **kwargs):
        if not request.user.is_learner:
            return render(
                request,
                "accounts/erase_account.html",
                {"platform": self.platform, "managed": True},
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.is_learner:
            return render(
                request,
                "accounts/erase_account.html",
                {"platform": self.platform, "managed": True},
                status=403,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        from .privacy import erase_account

        erase_account(user=self.request.user, request=self.request)
        messages.success(
            self.request,
            _(
                "Su cuenta fue eliminada. Sus certificados siguen siendo verificables, sin su nombre."
            ),
        )
        return redirect(self.platform.home_path)
