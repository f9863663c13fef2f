"""Every URL of the project × every kind of visitor → the expected status.

One world (services, one user per role, staff, learners) is built once; each actor
keeps one signed-in client; every rule is checked and all mismatches are reported
together.
"""

from django.test import Client, TestCase
from django.urls import reverse

from tests.helpers import login
from tests.security.matrix import ACTORS, build_world, project_url_names
from tests.security.rules import EXEMPT, PAGE_RULES, RULES

CASES = [
    (name, variant) for name, variants in sorted(RULES.items()) for variant in variants
]
CASES += [(label, None) for label in sorted(PAGE_RULES)]


class AuthorizationMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def test_every_project_url_is_in_the_matrix(self):
        names = set(project_url_names())
        missing = sorted(names - set(RULES) - set(EXEMPT))
        self.assertFalse(missing, f"URLs without an authorization rule: {missing}")
        stale = sorted(set(RULES) - names)
        self.assertFalse(stale, f"Rules for URLs that no longer exist: {stale}")

    def test_every_url_answers_every_actor_as_expected(self):
        clients = {}
        for actor in ACTORS:
            client = Client()
            if actor != "anonymous":
                login(client, self.world.users[actor], self.world.devices.get(actor))
            clients[actor] = client
        failures, checked = [], 0
        for name, variant in CASES:
            if variant is None:
                rule = PAGE_RULES[name]
                url = rule.path(self.world)
            else:
                rule = RULES[name][variant]
                url = reverse(name, kwargs=rule.kwargs_for(self.world) or None)
            for actor in ACTORS:
                status = getattr(clients[actor], rule.method)(url).status_code
                checked += 1
                if status != rule.expect[actor]:
                    failures.append(
                        f"{url} as {actor}: got {status}, expected {rule.expect[actor]}"
                    )
        self.assertFalse(
            failures,
            f"{len(failures)} of {checked} checks failed:\n" + "\n".join(failures),
        )
        self.assertEqual(checked, len(CASES) * len(ACTORS))
