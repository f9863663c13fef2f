"""Landing pages of the two learning platforms."""

from django.views.generic import TemplateView

from lms.accounts.mixins import user_may_enter
from lms.accounts.views import PlatformMixin


class PlatformLandingView(PlatformMixin, TemplateView):
    """What the platform is for, who it is for, and the way in."""

    template_name = "courses/landing.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signed_in=user_may_enter(self.request.user, self.platform.slug), **kwargs
        )
