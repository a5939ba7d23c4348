"""Routing along the address in one query (kpss_pages.core.routing) keeps Wagtail's rules,
and view restrictions read once per request stay exact."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from kpss_pages.core import page_queries, routing
from kpss_pages.groups.models import MeetingPage, WorkingGroupPage
from kpss_pages.news.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


def test_deep_pages_and_sub_addresses_of_routable_pages_on_the_way(client, demo, uncached_pages):
    meeting = MeetingPage.objects.live().order_by("path").first()
    assert client.get(meeting.url).context["page"] == meeting
    index = NewsIndexPage.objects.live().first()
    tag = ArticlePage.objects.live().filter(tagged_items__isnull=False).first().tags.first()
    # A sub-address of the news index wins over a (missing) child with that slug.
    response = client.get(f"{index.url}stitek/{tag.slug}/")
    assert response.status_code == 200 and response.context["page"] == index
    assert client.get(f"{index.url}rss/")["Content-Type"].startswith("application/rss+xml")
    assert client.get(f"{meeting.url}neexistuje/").status_code == 404
    assert client.get("/pracovni-skupiny/neexistuje/").status_code == 404


def test_a_draft_is_not_served_but_its_live_children_are(client, demo, uncached_pages):
    group = WorkingGroupPage.objects.live().order_by("path").first()
    meeting = MeetingPage.objects.child_of(group).live().first()
    Page.objects.filter(pk=group.pk).update(live=False)
    assert client.get(group.url).status_code == 404
    assert client.get(meeting.url).status_code == 200  # Wagtail routes through drafts
    Page.objects.filter(pk=meeting.pk).update(live=False)
    assert client.get(meeting.url).status_code == 404


def test_a_private_section_still_asks_for_a_login(client, demo, uncached_pages):
    group = WorkingGroupPage.objects.live().order_by("path").first()
    meeting = MeetingPage.objects.child_of(group).live().first()
    PageViewRestriction.objects.create(page=group, restriction_type="login")
    response = client.get(meeting.url)
    assert response.status_code == 302 and "login" in response["Location"]
    index = group.get_parent()
    assert meeting.title not in client.get(index.url).content.decode()


def test_breadcrumbs_from_the_route_match_the_tree(client, demo, uncached_pages):
    meeting = MeetingPage.objects.live().order_by("path").first()
    response = client.get(meeting.url)
    expected = [(p.pk, p.title, p.url) for p in meeting.get_ancestors().filter(depth__gt=1)]
    assert len(expected) == 3
    for request in (response.wsgi_request, None):
        found = routing.ancestors(request, meeting)
        assert [(p.pk, p.title, p.url) for p in found] == expected


def test_restrictions_are_read_once_per_request_and_again_after_a_change(demo):
    group = WorkingGroupPage.objects.live().order_by("path").first()
    assert page_queries.restricted_pages() is None  # outside a request: as Wagtail does
    page_queries.start_request()
    try:
        assert WorkingGroupPage.objects.live().public().filter(pk=group.pk).exists()
        PageViewRestriction.objects.create(page=group, restriction_type="login")
        assert not WorkingGroupPage.objects.live().public().filter(pk=group.pk).exists()
    finally:
        page_queries.end_request()


def test_sections_are_found_in_one_query_and_per_site(demo, django_assert_max_num_queries):
    from catalog.models import CatalogPage
    from kpss_pages.core.site_pages import first_site_page
    from kpss_pages.groups.models import HarmonogramPage

    request = RequestFactory().get("/")
    first_site_page(CatalogPage, request)  # the site look-up is cached by Wagtail
    del request._kpss_sections
    page_queries.start_request()
    page_queries.restricted_pages()  # read once per request, shared with other lists
    try:
        with django_assert_max_num_queries(1):  # none once kept under the generation
            catalog = first_site_page(CatalogPage, request)
            harmonogram = first_site_page(HarmonogramPage, request)
            index = first_site_page(NewsIndexPage, request)
    finally:
        page_queries.end_request()
    assert catalog == CatalogPage.objects.live().order_by("path").first()
    assert harmonogram == HarmonogramPage.objects.live().order_by("path").first()
    assert index.url == NewsIndexPage.objects.live().order_by("path").first().url

    # Kept under the content generation: unpublishing the catalogue is seen at once.
    catalog.unpublish()
    later = RequestFactory().get("/")
    assert first_site_page(CatalogPage, later) is None
    assert first_site_page(HarmonogramPage, later) == harmonogram
