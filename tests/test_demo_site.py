"""The whole demo site: a live page of every type, creatable in the admin, idempotent.

Its own module because the demo is loaded once per module inside a transaction."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision, get_page_models

from catalog.models import Provider, Service
from home.models import ContentPage, HomePage
from tests.factories import UserFactory


def project_page_models():
    """Every concrete page type except Wagtail's base Page."""
    return [m for m in get_page_models() if m is not Page and not m._meta.abstract]


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="spravce-webu", is_superuser=True, is_staff=True))
    return client


def test_project_defines_its_page_types():
    assert {HomePage, ContentPage} <= set(project_page_models())


def test_demo_has_a_live_page_of_every_type_that_renders_and_opens_in_the_admin(
    demo, client, superuser_client
):
    problems = []
    for model in project_page_models():
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            problems.append(f"{model._meta.label}: no live page in load_demo")
            continue
        response = client.get(page.url)
        if response.status_code != 200:
            problems.append(f"{model._meta.label} {page.url}: public view {response.status_code}")
        edit = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if edit.status_code != 200:
            problems.append(f"{model._meta.label}: admin edit view {edit.status_code}")
    assert not problems, "\n".join(problems)


def test_every_page_type_has_an_allowed_parent_whose_add_form_loads(demo, superuser_client):
    """The admin's "add subpage" form opens for each page type under a demo parent."""
    problems = []
    for model in project_page_models():
        parents = [
            p
            for parent_model in model.allowed_parent_page_models()
            if parent_model is not Page
            for p in parent_model.objects.live().order_by("path")[:5]
        ]
        creatable = [p for p in parents if model.can_create_at(p)]
        if model is HomePage:
            assert not creatable, "a second home page must not be creatable"
            continue
        if not creatable:
            problems.append(f"{model._meta.label}: no demo parent accepts a new page")
            continue
        parent = creatable[0]
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        response = superuser_client.get(url)
        if response.status_code != 200:
            problems.append(f"{model._meta.label} under {parent}: {response.status_code}")
    assert not problems, "\n".join(problems)


def _snapshot():
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk", "title", "slug", "live", "latest_revision_id", "has_unpublished_changes"
        )
    )
    # rows that a second run must not save again, even with the same values
    updated = {
        "services": list(Service.objects.order_by("pk").values_list("updated", flat=True)),
        "providers": list(Provider.objects.order_by("pk").values_list("updated", flat=True)),
    }
    return counts, pages, Revision.objects.count(), updated


def test_load_demo_twice_changes_nothing(demo):
    before = _snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "(0 new objects)" in out.getvalue()
    after = _snapshot()
    changed = {
        label: (before[0][label], after[0][label])
        for label in before[0]
        if before[0][label] != after[0][label]
    }
    assert not changed, f"second load_demo changed row counts: {changed}"
    assert before[1] == after[1], "second load_demo changed pages"
    assert before[2] == after[2], "second load_demo added revisions"
    assert before[3] == after[3], "second load_demo saved catalogue rows again"


def _plugin_settings():
    """Every Django setting the plugin set reads, with a default when a host sets none."""
    from kpss_pages.core import conf
    from kpss_pages.core.mail import conf as mail_conf

    return {
        *conf.DEFAULTS,
        *mail_conf.DEFAULTS,
        "KPSS_PUBLIC_FORM_RATE_LIMITS",
        "CLIENT_IP_HEADER",
        "KPSS_PDF_RENDER_SLOTS",
        "KPSS_PAGE_CACHE_QUERY_PARAMS",
        "KPSS_PLONE_TYPE_MAP",
    }


def test_a_host_with_no_plugin_settings_renders_every_plugin_page_type(demo, client, settings):
    """Issue 12 item 3: a host that configured nothing of the plugin set (none of its Django
    settings, an empty "Nastavení komunitního plánování") still gets every page."""
    from kpss_pages.core.models import KpssSettings

    for name in _plugin_settings():
        if hasattr(settings, name):
            delattr(settings, name)
    KpssSettings.objects.all().delete()
    plugin_models = [
        m for m in project_page_models() if m.__module__.startswith(("catalog.", "kpss_pages."))
    ]
    assert len(plugin_models) >= 14
    problems = []
    for model in plugin_models:
        page = model.objects.live().public().order_by("path").first()
        response = client.get(page.url)
        if response.status_code != 200:
            problems.append(f"{model._meta.label} {page.url}: {response.status_code}")
    for url in ("/katalog-sluzeb/pdf/", "/aktuality/rss/", "/odber/"):
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert KpssSettings.objects.get().municipality_name == ""
