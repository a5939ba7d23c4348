"""The full-page cache: anonymous visitors get stored pages, nobody ever sees a page older
than the last change, and no visitor gets another's CSRF token or messages."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from catalog.models import CatalogPage
from kpss_pages.core.models import KpssSettings
from kpss_pages.groups.models import WorkingGroupIndexPage
from tests.catalog.builders import make_service
from tests.factories import UserFactory, add_page, make_content_page
from tests.groups.conftest import make_group, make_meeting

pytestmark = pytest.mark.django_db

HEADER = "X-KPSS-Cache"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def state(response):
    return response.get(HEADER)


def test_second_anonymous_request_is_served_from_the_cache(client, home):
    page = make_content_page(home, title="O projektu")
    first = client.get(page.url)
    second = client.get(page.url)
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert "O projektu" in second.content.decode()


def test_publishing_unpublishing_moving_and_deleting_show_at_once(client, home):
    page = make_content_page(home, title="Původní název")
    other = make_content_page(home, title="Jiná sekce")
    client.get(page.url)
    page.title = "Nový název"
    page.save_revision().publish()
    response = client.get(page.url)
    assert state(response) == "miss" and "Nový název" in response.content.decode()

    old_url = page.url
    page.move(other, pos="last-child")
    page.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect to the new address
    assert moved.status_code == 301 and moved["Location"].endswith(page.url.split("/")[-2] + "/")
    assert client.get(page.url).status_code == 200

    client.get(page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404

    client.get(other.url)
    other_url = other.url
    other.delete()
    assert client.get(other_url).status_code == 404


def test_a_draft_does_not_change_the_public_page_but_may_render_it_again(client, home):
    page = make_content_page(home, title="Zveřejněno")
    client.get(page.url)
    page.title = "Rozpracováno"
    page.save_revision()  # a draft
    assert "Zveřejněno" in client.get(page.url).content.decode()


def test_catalogue_changes_show_on_the_cached_catalogue(client, home):
    catalog = add_page(home, CatalogPage, title="Katalog služeb", slug="katalog")
    service = make_service("Denní stacionář Slunce")
    assert "Denní stacionář Slunce" in client.get(catalog.url).content.decode()
    service.name = "Denní stacionář Měsíc"
    service.save()
    assert "Denní stacionář Měsíc" in client.get(catalog.url).content.decode()


def test_site_settings_show_at_once(client, home):
    page = make_content_page(home, title="O projektu")
    client.get(page.url)
    KpssSettings.objects.update(coordinator_email="old@zkusebnice.example")  # no signal
    settings_row = KpssSettings.objects.get()
    settings_row.coordinator_email = "nova@zkusebnice.example"
    settings_row.save()
    assert "nova@zkusebnice.example" in client.get(page.url).content.decode()


def test_registration_shows_the_new_seat_count_on_the_next_request(client, home):
    index = add_page(home, WorkingGroupIndexPage, title="Pracovní skupiny", slug="skupiny")
    meeting = make_meeting(make_group(index), seat_limit=5)
    before = client.get(meeting.url)
    assert "5 z 5" in before.content.decode()
    assert state(client.get(meeting.url)) == "hit"
    visitor = Client()
    response = visitor.post(
        meeting.url,
        {
            "name": "Eva Zvídavá",
            "email": "eva@example.org",
            "organisation": "",
            "note": "",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code in (200, 302)
    assert "4 z 5" in client.get(meeting.url).content.decode()


def token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())


def test_pages_with_forms_give_each_visitor_their_own_token(home):
    index = add_page(home, WorkingGroupIndexPage, title="Pracovní skupiny", slug="skupiny")
    meeting = make_meeting(
        make_group(index), start=timezone.now() + timedelta(days=3), seat_limit=10
    )
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss = first.get(meeting.url)
    hit = second.get(meeting.url)
    assert (state(miss), state(hit)) == ("miss", "hit")
    if token_of(hit) is None:
        pytest.skip("the meeting form renders no CSRF token")
    assert "kpss-csrf-token-placeholder" not in hit.content.decode()
    assert token_of(hit).group(1) != token_of(miss).group(1)
    assert "csrftoken" in hit.cookies  # the visitor's own cookie, matching its token
    assert "private" in hit["Cache-Control"]
    data = {
        "csrfmiddlewaretoken": token_of(hit).group(1),
        "name": "Jan Zkusil",
        "email": "jan@example.org",
        "organisation": "",
        "note": "",
        "consent": "on",
        "website": "",
    }
    assert second.post(meeting.url, data).status_code in (200, 302)


def test_logged_in_editors_are_never_cached_nor_served_the_cache(client, home):
    page = make_content_page(home, title="O projektu")
    client.get(page.url)  # an anonymous copy exists
    editor = Client()
    editor.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = editor.get(page.url)
    assert state(response) is None
    assert "private" in response["Cache-Control"]
    anonymous = client.get(page.url)
    assert state(anonymous) == "hit"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_unknown_parameters_bypass_the_cache_known_ones_are_cached(client, home):
    page = make_content_page(home, title="O projektu")
    assert state(client.get(page.url + "?utm_source=newsletter")) is None
    client.get(page.url + "?page=2")
    assert state(client.get(page.url + "?page=2")) == "hit"
    assert state(client.get(page.url + "?page=" + "9" * 600)) is None


def test_public_pages_answer_conditional_requests_for_proxies(client, home):
    page = make_content_page(home, title="O projektu")
    response = client.get(page.url)
    assert "public" in response["Cache-Control"] and "s-maxage=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    page.title = "Změněno"
    page.save_revision().publish()
    assert client.get(page.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_response_that_sets_cookies_or_shows_messages_is_not_stored(client, home):
    page = make_content_page(home, title="O projektu")
    session_visitor = Client()
    session_visitor.cookies["sessionid"] = "whatever"
    assert state(session_visitor.get(page.url)) is None
    messages_visitor = Client()
    messages_visitor.cookies["messages"] = "x"
    assert state(messages_visitor.get(page.url)) is None


def test_turned_off_with_zero_seconds(client, home, settings):
    settings.KPSS_PAGE_CACHE_SECONDS = 0
    page = make_content_page(home, title="O projektu")
    client.get(page.url)
    assert state(client.get(page.url)) is None


def test_shared_cache_generation_is_replaced_after_commit(
    client, home, settings, django_capture_on_commit_callbacks
):
    """With Redis the generation lives in the cache, shared by every worker and server."""
    from django.core.cache import caches

    from kpss_pages.core.page_cache import generation

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
        }
    }
    try:
        caches["default"].clear()
    except Exception:  # noqa: BLE001 - no Redis on this machine
        pytest.skip("Redis is not running")
    assert generation.cache_is_shared()
    page = make_content_page(home, title="Sdílená mezipaměť")
    client.get(page.url)
    assert state(client.get(page.url)) == "hit"
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.title = "Po změně"
        page.save_revision().publish()
    assert callbacks
    assert generation.current() != before
    assert "Po změně" in client.get(page.url).content.decode()
    caches["default"].clear()


def test_feeds_calendars_exports_and_pdfs_answer_conditional_requests(client, demo):
    from django.urls import reverse

    from kpss_pages.groups.models import HarmonogramPage
    from kpss_pages.news.models import NewsIndexPage

    news = NewsIndexPage.objects.live().first()
    urls = [
        news.url + "rss/",
        news.url + "atom/",
        HarmonogramPage.objects.live().first().url + "kalendar.ics",
        reverse("catalog_open_data", args=["hsds.json"]),
        reverse("catalog_open_data", args=["sluzby.csv"]),
        CatalogPage.objects.live().first().url + "pdf/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.has_header("ETag"), url
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, url


def test_values_under_the_generation_are_kept_in_process_memory_too(monkeypatch):
    """With a shared cache, each process keeps values whose key names the generation (the
    menu, sections, feeds, fragments) in its own memory: read once from Redis, then as
    copies, for at most LOCAL_SECONDS; a new generation is a new key."""
    from kpss_pages.core.page_cache import fragments, generation

    class CountingCache:
        def __init__(self):
            self.store, self.reads = {}, []

        def get(self, key):
            self.reads.append(key)
            return self.store.get(key)

        def set(self, key, value, seconds):
            self.store[key] = value

    shared = CountingCache()
    monkeypatch.setattr(fragments, "cache", shared)
    monkeypatch.setattr(generation, "cache_is_shared", lambda: True)
    fragments.forget_local()
    computed = []

    def compute():
        computed.append(1)
        return {"items": [1, 2]}

    first = fragments.kept("kpss:test:gen-1", compute, 300)
    assert shared.reads == ["kpss:test:gen-1"] and computed == [1]
    second = fragments.kept("kpss:test:gen-1", compute, 300)
    assert second == first and second is not first
    assert shared.reads == ["kpss:test:gen-1"] and computed == [1]
    second["items"].append(3)  # one request's change does not reach the next
    assert fragments.kept("kpss:test:gen-1", compute, 300) == {"items": [1, 2]}
    fragments.kept("kpss:test:gen-2", compute, 300)
    assert computed == [1, 1]
    later = fragments.time.monotonic() + fragments.LOCAL_SECONDS + 1
    monkeypatch.setattr(fragments.time, "monotonic", lambda: later)
    assert fragments.kept("kpss:test:gen-1", compute, 300) == {"items": [1, 2]}
    assert shared.reads[-1] == "kpss:test:gen-1" and computed == [1, 1]
    fragments.forget_local()


def test_process_memory_is_not_used_with_a_per_process_cache(monkeypatch):
    from kpss_pages.core.page_cache import fragments

    fragments.forget_local()
    fragments.kept("kpss:test:local", lambda: [1], 300)
    assert not fragments._local
    assert cache.get("kpss:test:local") == [1]


def test_the_requests_site_is_kept_under_the_generation(client, home, settings):
    """Wagtail looks the site up on every request; the middleware hands it the one found
    before for the same host (with the root page's specific object), until anything is
    saved, a site included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["testserver", "druha-obec.example", "nikde.example"]
    page = make_content_page(home, title="Kontakty")
    assert client.get(page.url, {"x": "1"}).status_code == 200  # unknown parameter: rendered
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url, {"x": "2"})
    assert response.status_code == 200 and "Kontakty" in response.content.decode()
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not any('"wagtailcore_site"' in sql for sql in sqls)
    assert not any('FROM "home_homepage"' in sql for sql in sqls)
    # another town's site on its own host is found at once
    other_root = make_content_page(home, title="Druhá obec", slug="druha-obec")
    Site.objects.create(hostname="druha-obec.example", port=80, root_page=other_root)
    response = client.get("/", {"x": "3"}, HTTP_HOST="druha-obec.example")
    assert "<h1>Druhá obec</h1>" in response.content.decode()
    assert "Kontakty" in client.get(page.url, {"x": "4"}).content.decode()
    # a host no site answers and no default site: Wagtail's 404, remembered as such
    Site.objects.update(is_default_site=False)
    from kpss_pages.core.page_cache import generation

    generation.bump()
    assert client.get("/", {"x": "5"}, HTTP_HOST="nikde.example").status_code == 404
    assert client.get("/", {"x": "6"}, HTTP_HOST="nikde.example").status_code == 404

