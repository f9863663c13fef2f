"""Query-count budgets of the pages the benchmark covers, kept in one place.

Each page must run the same number of queries on the ``tiny`` and the ``small``
dataset (its rows differ, its queries must not), and no more than its budget here.
Checked by tests/bench/test_query_budgets.py with the test client; a change that adds
a query to a page fails there until the page is fixed or the budget is raised on
purpose (with the reason in the commit).
"""

#: page key: most queries one request may run (session, user, roles and site included).
QUERY_BUDGETS: dict[str, int] = {
    "home": 4,
    "course_home": 17,
    "lesson": 20,
    "my_courses": 10,
    "quiz_submit": 65,
    "certificate_verify": 1,
    "unit_list": 12,  # regions and comunas of the filter read once per process
    "collaborator_list": 13,
    "collaborator_export": 13,
    "indicator": 9,
    "bill_list": 15,
    "vehicle_list": 10,
    "consumption_report": 15,  # + the fuel emission factors in force that year
}
