"""Builders for certificates: a learner who completed a course, through the services."""

from courses import services as course_services
from lms.accounts.realms import Realm
from tests.courses.factories import build_course, make_learner


def completed_enrolment(
    *, platform: str = Realm.CONCIENTIZACION, tree=None, learner=None, **learner_fields
):
    """A learner enrolled in a (new) course and completed through the completion event."""
    tree = tree or build_course(platform=platform, lessons=1, questions=2)
    learner_fields.setdefault("rut", "12345678-5")
    learner = learner or make_learner(platform=tree.course.platform, **learner_fields)
    enrolment = course_services.enrol_learner(user=learner, course=tree.course)
    return course_services.complete_enrolment(enrolment=enrolment)
