"""Admin login throttled by django-axes: after AXES_FAILURE_LIMIT wrong passwords the login
is refused (even with the right password) with a Czech page and status 429."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    user = UserFactory(username="redaktorka", is_staff=True, is_superuser=True)
    user.set_password("spravne-heslo-123")
    user.save()
    return user


def _login(client, password, username="redaktorka", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_wrong_passwords_lock_the_login_with_a_czech_page(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        response = _login(client, "spatne")
        assert response.status_code == 200  # the form again with the usual error
    locked = _login(client, "spatne")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Příliš mnoho neúspěšných přihlášení" in page
    assert "Přihlášení bylo odmítnuto po 5 neúspěšných pokusech." in page
    assert "Zkuste to znovu za 15 minut." in page
    # The right password does not help while the lock lasts, from another address neither
    # (the user name is locked).
    assert _login(client, "spravne-heslo-123").status_code == 429
    assert _login(Client(REMOTE_ADDR="198.51.100.9"), "spravne-heslo-123").status_code == 429
    assert "_auth_user_id" not in client.session


def test_twenty_five_wrong_passwords_are_not_twenty_five_attempts(client, editor):
    statuses = [_login(client, f"pokus-{n}").status_code for n in range(25)]
    assert statuses.count(200) == settings.AXES_FAILURE_LIMIT - 1
    assert set(statuses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}


def test_one_address_guessing_many_user_names_is_locked_too(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "x", username=f"neznamy{n}")
    assert _login(client, "spravne-heslo-123").status_code == 429


def test_behind_a_proxy_the_client_address_from_the_header_counts(client, editor, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "x", username=f"neznamy{n}", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = _login(client, "spravne-heslo-123", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302  # another client behind the same proxy logs in


def test_a_successful_login_below_the_limit_still_works(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        _login(client, "spatne")
    response = _login(client, "spravne-heslo-123")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_test_client_login_without_a_request_still_works(client, editor):
    assert client.login(username="redaktorka", password="spravne-heslo-123")
    assert client.get("/admin/").status_code == 200


def test_a_login_without_an_address_is_logged_without_one(client, editor):
    from axes.models import AccessLog

    assert client.login(username="redaktorka", password="spravne-heslo-123")  # no REMOTE_ADDR
    assert AccessLog.objects.get().ip_address is None
