"""One public address: with BASE_URL=https://kpss.example.cz and Wagtail's Site record left
at the demo's ``localhost:80`` (as behind a reverse proxy), every link the site produces
for use outside a page — every kind of e-mail, calendar feeds (URL and UID), RSS/Atom,
the report JSON, the service's JSON-LD — uses the public address. The deploy check and
``sync_site_address`` keep the Site record in line with it."""

import json
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from kpss_pages.core.checks import public_address
from kpss_pages.core.models import OutgoingEmail

PUBLIC = "https://kpss.example.cz"
URL = re.compile(r"""(?:https?|webcal)://[^\s"'<>)]+""")
# Addresses that are not the site's own (content of the demo, standards).
FOREIGN = (
    "https://schema.org",
    "http://www.w3.org",
    "http://purl.org",
    "https://www.openstreetmap.org",
)


@pytest.fixture
def public(demo, settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    return site


def own_urls(text):
    return [url for url in URL.findall(text) if not url.startswith(FOREIGN)]


def assert_public(text, minimum=1):
    urls = own_urls(text)
    assert len(urls) >= minimum, text
    wrong = [url for url in urls if not url.startswith(PUBLIC + "/")]
    assert not wrong, wrong


def test_every_kind_of_email_links_to_the_public_address(
    public, django_capture_on_commit_callbacks
):
    from kpss_pages.groups.emails import (
        APPLICATION_KINDS,
        REGISTRATION_KINDS,
        queue_application_email,
        queue_registration_email,
    )
    from kpss_pages.groups.models import MembershipApplication, Registration
    from kpss_pages.news.emails import (
        build_issue_email,
        queue_already_subscribed,
        queue_confirmation,
        queue_issue_test,
    )
    from kpss_pages.news.models import NewsletterIssuePage, Subscriber
    from kpss_pages.plan.emails import queue_comment_notification, queue_survey_notification
    from kpss_pages.plan.models import Comment, SurveyPage

    OutgoingEmail.objects.all().delete()
    registration = Registration.objects.exclude(email="").first()
    for kind in REGISTRATION_KINDS:
        queue_registration_email(registration, kind)
    application = MembershipApplication.objects.first()
    application.invited_to = registration.meeting
    for kind in APPLICATION_KINDS:
        queue_application_email(application, kind)
    subscriber = Subscriber.objects.first()
    queue_confirmation(subscriber)
    queue_already_subscribed(subscriber)
    comment = Comment.objects.first()
    queue_comment_notification(comment)
    survey = SurveyPage.objects.live().first()
    survey.to_address = "urad@ostrov.example"
    form = survey.get_form(page=survey, user=None)
    form.cleaned_data = {}
    submission = survey.get_submission_class().objects.create(form_data={}, page=survey)
    queue_survey_notification(survey, form, submission)
    issue = NewsletterIssuePage.objects.live().first()
    issue_email = build_issue_email(issue, subscriber)
    queue_issue_test(issue, "redakce@ostrov.example")

    emails = [*OutgoingEmail.objects.all(), issue_email]
    kinds = {email.kind for email in emails}
    assert set(OutgoingEmail.Kind.values) <= kinds, set(OutgoingEmail.Kind.values) - kinds
    for email in emails:
        # The decline, the notice to the group's contact and the survey's answers (handled
        # in the admin) link nowhere.
        links_expected = email.kind not in (
            OutgoingEmail.Kind.APPLICATION_DECLINED,
            OutgoingEmail.Kind.APPLICATION_NOTICE,
            OutgoingEmail.Kind.SURVEY_NOTIFICATION,
        )
        assert_public(email.body, minimum=1 if links_expected else 0)
        assert_public(email.html, minimum=0)
        for value in email.headers.values():
            assert_public(value, minimum=0)


def test_calendar_feeds_use_the_public_address(client, public):
    from kpss_pages.groups.models import HarmonogramPage, MeetingPage

    meeting = MeetingPage.objects.live().first()
    for url in (
        HarmonogramPage.objects.live().first().url + "kalendar.ics",
        meeting.url + "kalendar.ics",
        meeting.get_parent().url + "kalendar.ics",
    ):
        body = client.get(url).content.decode()
        assert "URL:" in body
        for line in body.replace("\r\n ", "").splitlines():
            if line.startswith("URL"):
                assert line.split(":", 1)[1].startswith(PUBLIC + "/"), line
            if line.startswith("UID"):
                assert line.endswith("@kpss.example.cz"), line


def test_news_feeds_use_the_public_address(client, public):
    from kpss_pages.news.models import ArticlePage, NewsIndexPage

    index = NewsIndexPage.objects.live().first()
    tag = ArticlePage.objects.live().filter(tags__isnull=False).first().tags.first()
    for suffix in ("rss/", "atom/", f"stitek/{tag.slug}/rss/"):
        response = client.get(index.url + suffix)
        assert response.status_code == 200
        assert_public(response.content.decode(), minimum=3)


def test_report_json_and_service_json_ld_use_the_public_address(client, public):
    from catalog.models import CatalogPage, Service
    from kpss_pages.plan.models import MeasureStatus

    status = MeasureStatus.objects.select_related("measure__priority__plan").first()
    plan = status.measure.priority.plan
    report = client.get(f"{plan.url}zprava/{status.year}/json/").json()
    assert report["plan"]["url"] == PUBLIC + plan.url

    page = CatalogPage.objects.live().first()
    service = Service.objects.filter(provider__isnull=False).first()
    html = BeautifulSoup(client.get(page.service_url(service), follow=True).content, "html.parser")
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["url"].startswith(PUBLIC + "/")


def test_newsletter_rich_text_links_become_absolute(public):
    from kpss_pages.news.emails import build_issue_email
    from kpss_pages.news.models import NewsletterIssuePage, Subscriber

    issue = NewsletterIssuePage.objects.live().first()
    issue.intro = f'<p><a linktype="page" id="{issue.get_parent().pk}">Domů</a></p>'
    email = build_issue_email(issue, Subscriber.objects.first())
    assert f'href="{PUBLIC}{issue.get_parent().url}"' in email.html


# --- the Site record follows BASE_URL --------------------------------------------------


def test_deploy_check_reports_a_site_record_that_differs(public):
    errors = {error.id: error for error in public_address(None)}
    assert "kpss_core.E002" in errors
    assert "sync_site_address" in errors["kpss_core.E002"].hint
    assert "kpss_core.E001" not in errors


def test_deploy_check_reports_a_local_or_plain_http_base_url(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert "kpss_core.E001" in {error.id for error in public_address(None)}


def test_sync_site_address_sets_the_site_record_from_base_url(public):
    out = StringIO()
    call_command("sync_site_address", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("kpss.example.cz", 443)
    assert site.root_url == PUBLIC
    assert public_address(None) == []
    out = StringIO()
    call_command("sync_site_address", stdout=out)
    assert "už má adresu" in out.getvalue()


def test_sync_site_address_without_a_default_site_is_a_czech_error(public):
    Site.objects.update(is_default_site=False)
    with pytest.raises(CommandError, match="Neexistuje výchozí web"):
        call_command("sync_site_address")
