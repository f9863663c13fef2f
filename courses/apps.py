from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

AUTHORING = (
    "courses.add_question",
    "courses.change_question",
    "courses.delete_question",
    "courses.add_coursevideo",
    "courses.change_coursevideo",
    "courses.delete_coursevideo",
)
REPORTS = ("courses.view_course_reports",)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursos")

    def ready(self):
        from lms.accounts.roles import Role, register_permissions

        # Editors and publishers write the question bank and upload videos; ministry
        # staff who follow the programme read the learning reports.
        register_permissions(Role.EDITOR, *AUTHORING)
        register_permissions(Role.PUBLICADOR, *AUTHORING)
        register_permissions(Role.ADMINISTRADOR, *AUTHORING, *REPORTS)
        register_permissions(Role.REVISOR_RED, *REPORTS)
