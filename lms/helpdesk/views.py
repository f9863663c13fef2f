"""Public help desk: open a ticket, check its status, follow it through the private link."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from lms.accounts.realms import Realm

from . import throttle
from .forms import RequesterReplyForm, StatusCheckForm, SubjectForm, TicketForm
from .models import HelpTopic, Ticket
from .selectors import (
    public_attachment,
    public_thread,
    suggested_answers,
    ticket_for_token,
)
from .services import add_requester_reply, open_ticket
from .tasks import send_ticket_link

log = logging.getLogger("lms.security")

FAQ_URL = "/preguntas-frecuentes/"
CREATED_SESSION_KEY = "helpdesk_created_ticket"
NEW_GESTOR_TOPIC = "nuevo-gestor-energetico"
TOO_MANY = gettext_lazy(
    "Recibimos demasiadas solicitudes desde su conexión o su correo. "
    "Espere una hora e intente nuevamente; lo que escribió sigue aquí."
)


def _gestion_user(request):
    """The signed-in, two-factor verified Gestión user, if any."""
    user = request.user
    if user.is_authenticated and user.realm == Realm.GESTION:
        return user
    return None


class HelpdeskPageMixin:
    """Context every public help-desk page shares: the section's tabs and the FAQ link."""

    section = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("section", self.section)
        kwargs.setdefault("faq_url", FAQ_URL)
        return super().get_context_data(**kwargs)


class OpenView(HelpdeskPageMixin, FormView):
    """Abrir un nuevo ticket, first step: the subject, to look for answers first."""

    template_name = "helpdesk/open.html"
    form_class = SubjectForm
    section = "open"


class CreateTicketView(HelpdeskPageMixin, TemplateView):
    """Suggested answers for the subject, then the full form; POST opens the ticket."""

    template_name = "helpdesk/ticket_form.html"
    section = "open"
    preset_topic: str | None = None

    def initial(self) -> dict:
        initial = {}
        user = _gestion_user(self.request)
        if user is not None:
            initial.update(
                name=user.get_full_name(), email=user.email, phone=user.phone
            )
            services = list(
                user.memberships.filter(service__is_active=True)
                .values_list("service_id", flat=True)
                .distinct()
            )
            if len(services) == 1:
                initial["service"] = services[0]
        if self.preset_topic:
            topic = HelpTopic.objects.filter(
                slug=self.preset_topic, is_active=True
            ).first()
            if topic is not None:
                initial["topic"] = topic.pk
        return initial

    def get(self, request, *args, **kwargs):
        initial = self.initial()
        suggestions = []
        step = SubjectForm(request.GET) if "subject" in request.GET else None
        if step is not None:
            step.is_valid()  # a stale topic id must not lose the subject
            subject, topic = (step.cleaned_data.get(k) for k in ("subject", "topic"))
            if subject:
                initial["subject"] = subject
                suggestions = suggested_answers(subject)
            if topic is not None:
                initial["topic"] = topic.pk
        form = TicketForm(initial=initial, user=_gestion_user(request))
        return self.render_to_response(
            self.get_context_data(form=form, suggestions=suggestions)
        )

    def post(self, request, *args, **kwargs):
        user = _gestion_user(request)
        form = TicketForm(request.POST, request.FILES, user=user)
        if form.is_spam:
            log.warning("helpdesk-honeypot ip=%s", throttle.client_ip(request))
            return render(
                request,
                "helpdesk/created.html",
                {"ticket": None, "section": self.section, "faq_url": FAQ_URL},
            )
        if form.is_valid():
            data = form.cleaned_data
            if not throttle.allow(
                open_ip=throttle.client_ip(request), open_email=data["email"]
            ):
                form.add_error(None, TOO_MANY)
                return self.invalid(form, status=429)
            try:
                ticket = open_ticket(
                    topic=data["topic"],
                    subject=data["subject"],
                    body=data["body"],
                    email=data["email"],
                    name=data["name"],
                    phone=data["phone"],
                    phone_ext=data["phone_ext"],
                    organization=data.get("organization", ""),
                    user=user,
                    service=data.get("service"),
                    files=data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                return self.invalid(form)
            request.session[CREATED_SESSION_KEY] = ticket.pk
            return redirect("helpdesk:created")
        return self.invalid(form)

    def invalid(self, form, status=200):
        context = self.get_context_data(
            form=form,
            suggestions=[],
            # Browsers never re-send files: say so when some were chosen.
            files_dropped=bool(self.request.FILES),
        )
        return self.render_to_response(context, status=status)


class NewGestorView(CreateTicketView):
    """The Gestión login's «¿Nuevo usuario?»: the form with its topic chosen."""

    preset_topic = NEW_GESTOR_TOPIC


class TicketCreatedView(HelpdeskPageMixin, TemplateView):
    """Confirmation after opening a ticket (the number comes from the session, not the URL)."""

    template_name = "helpdesk/created.html"
    section = "open"

    def get(self, request, *args, **kwargs):
        ticket_id = request.session.get(CREATED_SESSION_KEY)
        ticket = (
            Ticket.objects.select_related("topic").filter(pk=ticket_id).first()
            if ticket_id
            else None
        )
        if ticket is None:
            return redirect("helpdesk:open")
        return self.render_to_response(self.get_context_data(ticket=ticket))


class StatusCheckView(HelpdeskPageMixin, FormView):
    """Ver estado de un ticket: answers the same whether the pair exists or not."""

    template_name = "helpdesk/status_check.html"
    form_class = StatusCheckForm
    section = "status"

    def form_valid(self, form):
        email, number = form.cleaned_data["email"], form.cleaned_data["number"]
        if not throttle.allow(
            status_ip=throttle.client_ip(self.request), status_email=email
        ):
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # The look-up happens in the worker: this response never depends on it.
        transaction.on_commit(lambda: send_ticket_link.delay(email, number))
        return redirect("helpdesk:status-sent")


class StatusSentView(HelpdeskPageMixin, TemplateView):
    template_name = "helpdesk/status_sent.html"
    section = "status"


@method_decorator(never_cache, name="dispatch")
class PrivateTicketMixin:
    """Pages reached through a private link: unknown tokens are a plain 404."""

    def dispatch(self, request, *args, **kwargs):
        self.ticket = ticket_for_token(kwargs["token"])
        if self.ticket is None:
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        # The token is in the URL: the site-wide "same-origin" referrer policy keeps it
        # from other sites ("no-referrer" would make browsers send Origin: null, which
        # the CSRF check refuses); search engines must not keep it either.
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class TicketView(PrivateTicketMixin, HelpdeskPageMixin, TemplateView):
    """The requester's view of a ticket: the public thread and a reply form."""

    template_name = "helpdesk/ticket.html"
    section = "status"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RequesterReplyForm())
        kwargs["token"] = self.kwargs["token"]
        return super().get_context_data(
            ticket=self.ticket, thread=public_thread(self.ticket), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = RequesterReplyForm(request.POST, request.FILES)
        if form.is_valid():
            if not throttle.allow(
                reply_ip=throttle.client_ip(request),
                reply_ticket=str(self.ticket.pk),
            ):
                form.add_error(None, TOO_MANY)
                return self.render_to_response(
                    self.get_context_data(form=form), status=429
                )
            try:
                add_requester_reply(
                    ticket=self.ticket,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Enviamos su respuesta a la mesa de ayuda.")
                )
                url = reverse("helpdesk:ticket", kwargs={"token": kwargs["token"]})
                return redirect(f"{url}#ultimo")
        return self.render_to_response(
            self.get_context_data(form=form, files_dropped=bool(request.FILES))
        )


class AttachmentView(PrivateTicketMixin, View):
    """Download an attachment of the public thread through the private link."""

    def get(self, request, *args, **kwargs):
        attachment = public_attachment(self.ticket, kwargs["pk"])
        if attachment is None:
            raise Http404
        return attachment_response(attachment)


def attachment_response(attachment) -> FileResponse:
    """Serve a stored attachment as a download under its original name."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
