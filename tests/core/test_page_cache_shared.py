"""The page cache's values kept under the content generation, outside a transaction: a
view restriction read from what is kept, and the production cache (django-redis on a real
Redis, each worker's memory in front of it). Transactional tests, in a module of their own:
the demo of test_page_cache.py is loaded in a transaction kept open for its module."""

import pytest
from django.db import connection

from tests.factories import make_content_page


def state(response):
    return response.get("X-KPSS-Cache")


@pytest.mark.django_db(transaction=True)
def test_view_restrictions_kept_under_the_generation_apply_at_once(client, home):
    """Outside a transaction the restricted pages are read under the content generation;
    adding or removing a restriction changes every list at once (here the site search)."""
    from wagtail.models import PageViewRestriction

    assert not connection.in_atomic_block  # what is kept is used outside transactions only
    page = make_content_page(home, title="Interní zápis", slug="interni")

    def found():
        html = client.get("/hledat/", {"q": "interní zápis", "x": "1"}).content.decode()
        return "/interni/" in html

    assert found()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="heslo"
    )
    assert not found()
    assert not found()  # the second time from what is kept
    restriction.delete()
    assert found()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert not found()


@pytest.fixture
def production_cache(settings):
    """The production cache: django-redis on a real Redis (skipped without one), under a
    key prefix of its own, with each process's memory of kept values emptied."""
    import secrets

    from django.core.cache import caches

    from kpss_pages.core.page_cache import fragments

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
            "KEY_PREFIX": f"kpss-test-{secrets.token_hex(6)}",
        }
    }
    shared = caches["default"]
    try:
        shared.set("ping", 1, 5)
    except Exception:  # noqa: BLE001 - no Redis on this machine
        pytest.skip("Redis is not running")
    fragments.forget_local()
    yield shared
    shared.delete_pattern("*")  # this test's prefix only
    fragments.forget_local()


@pytest.mark.django_db(transaction=True)
def test_with_redis_every_kept_value_follows_a_change_at_once(client, home, production_cache):
    """With Redis (django-redis) each worker also keeps values under the generation in its
    own memory: a renamed page, a restriction and a new site still show on the next
    request, cached or rendered anew."""
    from wagtail.models import PageViewRestriction, Site

    from kpss_pages.core.page_cache import generation

    assert generation.cache_is_shared()
    page = make_content_page(home, title="Půjčovna pomůcek", slug="pujcovna", show_in_menus=True)
    assert "Půjčovna pomůcek" in client.get("/", {"x": "1"}).content.decode()  # the menu
    client.get(page.url)
    assert state(client.get(page.url)) == "hit"
    page.title = "Půjčovna kompenzačních pomůcek"
    page.save_revision().publish()
    assert "Půjčovna kompenzačních pomůcek" in client.get(page.url).content.decode()
    assert "Půjčovna kompenzačních pomůcek" in client.get("/", {"x": "2"}).content.decode()

    def found():
        html = client.get("/hledat/", {"q": "půjčovna", "x": "3"}).content.decode()
        return 'href="/pujcovna/"' in html

    assert found() and found()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert not found()
    assert "Půjčovna kompenzačních" not in client.get(page.url).content.decode()
    restriction.delete()
    assert found()

    other = make_content_page(home, title="Obec Lipová", slug="lipova")
    Site.objects.create(hostname="lipova.example", port=80, root_page=other)
    with override_hosts("lipova.example"):
        html = client.get("/", {"x": "4"}, HTTP_HOST="lipova.example").content.decode()
    assert "<h1>Obec Lipová</h1>" in html


def override_hosts(*hosts):
    from django.test import override_settings

    return override_settings(ALLOWED_HOSTS=["testserver", "localhost", *hosts])
