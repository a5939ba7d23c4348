"""A provider's staff see in the admin menu only what they may use."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from home.demo.catalog import PROVIDER_EDITOR
from kpss_pages.plan.models import PlanIndexPage, SurveyPage
from tests.catalog.builders import make_provider
from tests.factories import UserFactory, add_page

pytestmark = pytest.mark.django_db


def _value(value):
    return value.get("_val") if isinstance(value, dict) and "_val" in value else value


def menu_links(client):
    """(label, url) of every link in the admin sidebar of the dashboard."""
    html = client.get("/admin/").content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    links = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.LinkMenuItem":
                item = node["_args"][0]
                links.append((_value(item["label"]), _value(item["url"])))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return links


@pytest.fixture
def survey(home):
    index = add_page(home, PlanIndexPage, title="Komunitní plán", slug="komunitni-plan")
    today = timezone.localdate()
    return add_page(
        index, SurveyPage, title="Anketa", slug="anketa", opens_on=today, closes_on=today
    )


@pytest.fixture
def provider_editor(home, survey):
    user = UserFactory(username="charita")
    user.groups.add(Group.objects.get(name="Editoři poskytovatelů"))
    make_provider("Charita Ostrov").editors.add(user)
    return user


def assert_only_usable_items(client):
    urls = [url for _label, url in menu_links(client) if url.startswith("/admin/")]
    assert "/admin/catalog/service/" in urls and "/admin/catalog/provider/" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url
    for unusable in (
        "/admin/settings/",
        "/admin/users/",
        "/admin/reports/",
        "/admin/kpss-groups/",  # meetings in bulk, registrations, applications
        "/admin/plan-surveys/",  # no survey they may edit
        "/admin/pages/",
        "/admin/snippets/",
    ):
        assert not [url for url in urls if url.startswith(unusable)], unusable


def test_provider_staff_menu_holds_only_usable_items(client, provider_editor):
    client.force_login(provider_editor)
    assert_only_usable_items(client)


def test_the_demo_provider_editor_sees_only_usable_items(client, demo):
    client.force_login(get_user_model().objects.get(username=PROVIDER_EDITOR[0]))
    assert_only_usable_items(client)


def test_superuser_still_sees_meetings_in_bulk_and_survey_results(admin_client, survey):
    urls = [url for _label, url in menu_links(admin_client)]
    assert "/admin/kpss-groups/series/" in urls
    assert "/admin/plan-surveys/" in urls
    assert admin_client.get("/admin/kpss-groups/series/").status_code == 200
    assert "Anketa" in admin_client.get("/admin/plan-surveys/").content.decode()
