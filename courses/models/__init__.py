"""Course models: Wagtail pages, the question bank, learners and their progress."""

from .bank import Choice, CourseVideo, Question
from .learning import (
    AttemptAnswer,
    Enrolment,
    LearnerProfile,
    LessonCompletion,
    QuizAttempt,
)
from .pages import (
    CourseIndexPage,
    CoursePage,
    LearningPlatform,
    LessonPage,
    QuizPage,
)

__all__ = [
    "AttemptAnswer",
    "Choice",
    "CourseIndexPage",
    "CoursePage",
    "CourseVideo",
    "Enrolment",
    "LearnerProfile",
    "LearningPlatform",
    "LessonCompletion",
    "LessonPage",
    "Question",
    "QuizAttempt",
    "QuizPage",
]
