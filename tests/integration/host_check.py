"""The check a town's web supplier runs inside their own Wagtail site (bin/integration).

Run from the root of a project made by ``wagtail start`` that has the KPSS wheel installed
and the apps added as the README says, with ``DJANGO_SETTINGS_MODULE`` set:

    python host_check.py --marker 'css/townsite.css' --marker 'js/townsite.js'

It creates one page of every plugin page type under the host's home page through Wagtail's
API (``add_child`` + ``save_revision().publish()``), one provider with one service, then
fetches every page, the service's page, the catalogue PDF, the plan PDF, the RSS and Atom
feeds, the iCalendar feeds and the open-data exports (HSDS JSON and ZIP, CSV) with Django's
test client. An HTML page passes when it answers 200 inside the host's own base template
(every ``--marker`` is found, the first before the page's title and the last after it) and
with the plugin's stylesheet; a file passes when it answers 200 with its content type and
its signature. Prints one line per URL and ``host_check: N passed, N failed``; exits 1 when
anything failed. Nothing here imports the reference site: it must run in any host.
"""

import argparse
import io
import json
import os
import sys
import zipfile
from datetime import timedelta

sys.path.insert(0, os.getcwd())  # the host project (manage.py's folder)

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site, get_page_models  # noqa: E402

PLUGIN_APP_LABELS = {"kpss_core", "catalog", "kpss_groups", "kpss_plan", "kpss_news", "kpss_plone"}


def model(label):
    return apps.get_model(label)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def create_pages(home):
    """One page of every plugin page type, in the tree a town would build."""
    now = timezone.now()
    year = timezone.localdate().year
    pages = {}

    def add(parent, label, **fields):
        page = publish(parent, model(label)(**fields))
        pages[label] = page
        return page

    add(home, "kpss_core.SectionPage", title="Komunitní plánování", slug="kpss")
    add(home, "catalog.CatalogPage", title="Katalog služeb", slug="katalog-sluzeb")
    groups = add(
        home, "kpss_groups.WorkingGroupIndexPage", title="Pracovní skupiny", slug="skupiny"
    )
    # The catalogue's migrations load the planning target groups.
    seniors, _ = model("catalog.TargetGroup").objects.get_or_create(
        slug="seniori", defaults={"name": "Senioři"}
    )
    group = add(
        groups,
        "kpss_groups.WorkingGroupPage",
        title="Pracovní skupina Senioři",
        slug="seniori",
        target_group=seniors,
    )
    add(
        group,
        "kpss_groups.MeetingPage",
        title="Setkání skupiny Senioři",
        slug="setkani",
        start=now + timedelta(days=14),
        end=now + timedelta(days=14, hours=2),
    )
    add(groups, "kpss_groups.HarmonogramPage", title="Harmonogram setkání", slug="harmonogram")
    plans = add(home, "kpss_plan.PlanIndexPage", title="Komunitní plán", slug="komunitni-plan")
    plan = add(
        plans,
        "kpss_plan.PlanPage",
        title=f"Komunitní plán {year}–{year + 3}",
        slug="plan",
        start_year=year,
        end_year=year + 3,
    )
    add(plan, "kpss_plan.PlanChapterPage", title="Úvod", slug="uvod")
    add(plans, "kpss_plan.ActivityPlanPage", title="Plán činnosti", slug="cinnost", year=year)
    add(plans, "kpss_plan.SurveyPage", title="Anketa", slug="anketa")
    news = add(home, "kpss_news.NewsIndexPage", title="Aktuality", slug="aktuality")
    add(
        news,
        "kpss_news.ArticlePage",
        title="Začíná komunitní plánování",
        slug="zacina",
        lead="Město zve občany na první setkání.",
    )
    add(news, "kpss_news.NewsletterIssuePage", title="Zpravodaj 1/2026", slug="zpravodaj-1")

    plugin_page_types = {
        m._meta.label for m in get_page_models() if m._meta.app_label in PLUGIN_APP_LABELS
    }
    missing = plugin_page_types - set(pages)
    assert not missing, f"page types without a page in host_check.py: {sorted(missing)}"
    return pages


def create_service():
    seniors = model("catalog.TargetGroup").objects.get(slug="seniori")
    provider = model("catalog.Provider").objects.create(name="Charita Lipovec")
    service_type, _ = model("catalog.ServiceType").objects.get_or_create(
        name="Pečovatelská služba", defaults={"code": "pecovatelska", "category": "care"}
    )
    service = model("catalog.Service").objects.create(
        provider=provider, name="Pečovatelská služba Lipovec", service_type=service_type
    )
    service.target_groups.add(seniors)
    return service


class Checker:
    def __init__(self, markers):
        self.client = Client()
        self.markers = markers
        self.passed = 0
        self.failed = []

    def get(self, url, expect):
        try:
            response = self.client.get(url)
            problem = self._problem(response, expect)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, then exit 1
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            self.failed.append(f"{url}: {problem}")
            print(f"FAIL {url}: {problem}")
        else:
            self.passed += 1
            print(f"ok   {url}")

    def _problem(self, response, expect):
        if response.status_code != 200:
            return f"status {response.status_code}"
        content_type = response.get("Content-Type", "")
        body = b"".join(response) if response.streaming else response.content
        kind = expect[0]
        if kind == "html":
            title = expect[1]
            text = body.decode()
            if "text/html" not in content_type:
                return f"content type {content_type}"
            missing = [marker for marker in self.markers if marker not in text]
            if missing:
                return f"not inside the host's base template (missing {missing})"
            if "kpss/css/kpss.css" not in text:
                return "the plugin's stylesheet is not linked (block extra_css)"
            if title not in text:
                return f"title {title!r} not on the page"
            if self.markers:
                start = text.index(self.markers[0])
                if not start < text.find(title, start) < text.rindex(self.markers[-1]):
                    return "the page is not between the host's head and the end of its body"
            return None
        if kind == "pdf":
            return None if body.startswith(b"%PDF-") else "not a PDF"
        if kind == "ics":
            return None if b"BEGIN:VCALENDAR" in body else "not an iCalendar file"
        if kind == "feed":
            return None if expect[1].encode() in body else f"no {expect[1]} element"
        if kind == "json":
            data = json.loads(body)
            return None if data else "empty JSON"
        if kind == "zip":
            names = zipfile.ZipFile(io.BytesIO(body)).namelist()
            return None if "datapackage.json" in names else f"no datapackage.json in {names}"
        if kind == "csv":
            return None if body.strip() else "empty CSV"
        raise ValueError(kind)


EMAIL_KEY = "integration:worker"


def queue_test_email():
    """An e-mail into the outbox, as the plugins queue theirs: the worker must send it."""
    from django.db import transaction

    from kpss_pages.core.mail import queue_email

    with transaction.atomic():
        queue_email(
            kind="subscription_confirm",
            to="obcan@example.org",
            subject="Potvrďte odběr",
            body="Test e-mail of bin/integration.",
            key=EMAIL_KEY,
        )
    email = model("kpss_core.OutgoingEmail").objects.get(key=EMAIL_KEY)
    # Sent already would mean that no worker is configured (tasks run in the request).
    print(f"queued one e-mail for the worker ({email.state})")
    return email.state == "pending"


def check_email_sent():
    email = model("kpss_core.OutgoingEmail").objects.get(key=EMAIL_KEY)
    if email.state != "sent":
        print(f"FAIL the worker did not send the e-mail: {email.state} {email.last_error}")
        print("host_check: 0 passed, 1 failed")
        return 1
    print("ok   the worker sent the queued e-mail")
    print("host_check: 1 passed, 0 failed")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--marker",
        action="append",
        default=[],
        help="markup of the host's base.html that every plugin page must contain",
    )
    parser.add_argument(
        "--email-sent",
        action="store_true",
        help="only check that the worker (manage.py db_worker) sent the e-mail queued before",
    )
    args = parser.parse_args()
    if args.email_sent:
        return check_email_sent()
    setup_test_environment()

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    print(f"host home page: {home.title!r} ({home._meta.label}) on {site}")
    pages = create_pages(home)
    service = create_service()

    check = Checker(args.marker)
    for page in pages.values():
        check.get(page.url, ("html", page.title))
    catalog = pages["catalog.CatalogPage"]
    check.get(catalog.service_url(service), ("html", service.name))
    check.get(catalog.url + "pdf/", ("pdf",))
    plan = pages["kpss_plan.PlanPage"]
    check.get(plan.url + "opatreni/", ("html", plan.title))
    check.get(plan.url + "pdf/", ("pdf",))
    news = pages["kpss_news.NewsIndexPage"]
    check.get(news.url + "rss/", ("feed", "<rss"))
    check.get(news.url + "atom/", ("feed", "<feed"))
    check.get("/odber/", ("html", "</form>"))
    for label in (
        "kpss_groups.MeetingPage",
        "kpss_groups.WorkingGroupPage",
        "kpss_groups.HarmonogramPage",
    ):
        check.get(pages[label].url + "kalendar.ics", ("ics",))
    check.get("/otevrena-data/katalog/hsds.json", ("json",))
    check.get("/otevrena-data/katalog/hsds.zip", ("zip",))
    check.get("/otevrena-data/katalog/sluzby.csv", ("csv",))

    if not queue_test_email():
        check.failed.append("the queued e-mail did not wait for the worker")

    for failure in check.failed:
        print(f"FAILED: {failure}")
    print(f"host_check: {check.passed} passed, {len(check.failed)} failed")
    # The pages are left in place: bin/integration deletes the whole project afterwards.
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
