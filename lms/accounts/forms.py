"""Login, password reset and two-factor forms, all bound to one platform's realm."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.core.mail import queue_email

from .models import User
from .realms import Platform

INVALID_LOGIN = _(
    "El correo o la contraseña no son correctos. Revise ambos datos; las mayúsculas "
    "de la contraseña cuentan."
)


class LoginForm(forms.Form):
    """E-mail and password of an account of this platform's realm."""

    # Named "username" so throttling and Wagtail see the usual credential name.
    username = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": _("Ingrese su correo electrónico."),
            "invalid": _(
                "Ingrese un correo electrónico válido, por ejemplo nombre@servicio.cl."
            ),
        },
    )
    password = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Ingrese su contraseña.")},
    )
    remember_me = forms.BooleanField(label=_("Recuérdame"), required=False)

    def __init__(self, request, platform: Platform, *args, **kwargs):
        self.request = request
        self.platform = platform
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            self.user_cache = authenticate(
                self.request,
                username=email,
                password=password,
                realm=self.platform.realm,
            )
            if self.user_cache is None:
                raise ValidationError(INVALID_LOGIN, code="invalid_login")
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class RealmPasswordResetForm(PasswordResetForm):
    """Django's reset form limited to one realm, with the e-mail sent by the worker."""

    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": _("Ingrese el correo con que se registró."),
            "invalid": _("Ingrese un correo electrónico válido."),
        },
    )

    def __init__(self, *args, platform: Platform, **kwargs):
        self.platform = platform
        super().__init__(*args, **kwargs)

    def get_users(self, email):
        return (
            u
            for u in User.objects.with_email(email, self.platform.realm).filter(
                is_active=True
            )
            if u.has_usable_password()
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.conf import settings

        link = settings.SITE_URL + reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "platform": self.platform.slug,
                "uidb64": context["uid"],
                "token": context["token"],
            },
        )
        queue_email(
            to=[to_email],
            subject=str(
                _("Restablecer su contraseña – %(platform)s")
                % {"platform": self.platform.name}
            ),
            template="registration/email/password_reset",
            context={**context, "link": link, "platform": self.platform},
        )


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app, or one backup code."""

    otp_token = forms.CharField(
        label=_("Código de verificación"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": _("Ingrese el código de su aplicación de autenticación.")
        },
    )

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split()).lower()


class EraseAccountForm(forms.Form):
    """Erasing an account asks for the password once more."""

    password = forms.CharField(
        label=_("Contraseña actual"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Ingrese su contraseña para confirmar.")},
    )
    confirm = forms.BooleanField(
        label=_(
            "Entiendo que mi cuenta se eliminará y no podré volver a ingresar con ella."
        ),
        error_messages={"required": _("Marque la casilla para confirmar.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("La contraseña no es correcta."), code="password")
        return password
