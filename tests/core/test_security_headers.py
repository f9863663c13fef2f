"""Security headers: a strict Content-Security-Policy outside the Wagtail admin."""

import pytest

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize(
    "path", ["/gestion/ingresar/", "/capacitacion/ingresar/", "/soporte/"]
)
def test_public_and_platform_pages_allow_no_inline_script(client, path):
    directives = policy(client.get(path))
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_wagtail_admin_alone_may_run_inline_scripts(client):
    directives = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in directives["script-src"]


def test_other_security_headers(client):
    response = client.get("/gestion/ingresar/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
