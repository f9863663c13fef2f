"""Views of the course platforms: learner pages, registration, quizzes, staff reports."""
