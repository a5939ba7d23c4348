"""Fuzzing every public URL and form of the demo: NUL bytes, control characters and
oversized values in query strings and form fields give a normal page or a Czech form error,
never a 5xx (on SQLite and PostgreSQL: PostgreSQL refuses NUL in a string literal).

Every page type of the demo is requested, with each of its routes, the
plugin set's plain URLs and every public form. Form posts come from changing client
addresses, so the rate limits do not hide what the forms and the database do."""

import itertools
from urllib.parse import quote

import pytest
from django import forms
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from catalog.models import Service
from kpss_pages.groups.forms import ApplicationForm, RegistrationForm
from kpss_pages.groups.models import MeetingPage, WorkingGroupPage
from kpss_pages.news.emails import confirm_token, manage_token
from kpss_pages.news.forms import PreferencesForm, SubscribeForm
from kpss_pages.news.models import Subscriber
from kpss_pages.plan.forms import CommentForm
from kpss_pages.plan.models import PlanChapterPage, PlanPage, SurveyPage

pytestmark = pytest.mark.django_db

LONG_QUERY = "ž\x00" * 5_001  # > 10,000 characters
LONG_FIELD = "x\x0b" * 500_000  # 1,000,000 characters
QUERY_VALUES = ["\x00", "senio\x00ři", "\x0b", "\x1f\x7f", "²", LONG_QUERY]
FIELD_VALUES = ["\x00", "Jan\x00Novák", "\x0bJan\x1f", LONG_FIELD]
PARAMS = [
    "q",
    "skupina",
    "obec",
    "stitek",
    "druh",
    "forma",
    "cilova",
    "razeni",
    "page",
    "stav",
    "prihlaska",
    "registrace",
    "pripominka",
    "t",
    "email",
    "potvrzeno",
    "x\x00",
]
# Czech: "Null characters are not allowed." (Django's validator of every form CharField)
NUL_ERROR = "Nulové znaky nejsou povoleny."


class Fuzzer:
    def __init__(self):
        self.client = Client()
        self.failures = []
        self.requests = 0
        self.addresses = (f"10.{a}.{b}.1" for a, b in itertools.product(range(256), repeat=2))

    def request(self, method, url, data=None, **extra):
        self.requests += 1
        extra.setdefault("REMOTE_ADDR", next(self.addresses))
        try:
            with transaction.atomic():  # a database error must not break the next request
                if method == "get":
                    response = self.client.get(url, **extra)
                else:
                    response = self.client.post(url, data or {}, **extra)
        except Exception as exc:  # noqa: BLE001 - every failure is collected and reported
            self.failures.append((method, url[:200], _short(data), repr(exc)[:300]))
            return None
        if response.status_code == 503 and response.has_header("Retry-After"):
            return response  # all PDF rendering slots busy: the deliberate Czech answer
        if response.status_code >= 500:
            self.failures.append((method, url[:200], _short(data), response.status_code))
        return response

    def get_with_values(self, url):
        """``url`` with every known parameter set to each hostile value in turn."""
        statuses = set()
        for value in QUERY_VALUES:
            query = "&".join(f"{quote(p)}={quote(value)}" for p in PARAMS)
            response = self.request("get", f"{url}?{query}")
            if response is not None:
                statuses.add(response.status_code)
        return statuses


def _short(data):
    if not data:
        return None
    return {k: (v[:20] + f"…({len(v)})" if isinstance(v, str) else v) for k, v in data.items()}


def valid_payload(form):
    """Values a person would send: the first choice, a consent ticked, some text."""
    data = {}
    for name, field in form.fields.items():
        if getattr(field, "is_honeypot", False):
            continue
        if isinstance(field, forms.EmailField):
            data[name] = "fuzz@example.org"
        elif isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(obj.pk) for obj in field.queryset[:1]]
        elif isinstance(field, forms.MultipleChoiceField):
            data[name] = [str(value) for value, _label in list(field.choices)[:1]]
        elif isinstance(field, forms.ChoiceField):
            choices = [str(value) for value, _label in field.choices if value not in ("", None)]
            data[name] = choices[0] if choices else ""
        elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            data[name] = "1"
        elif isinstance(field, forms.DateField):
            data[name] = timezone.localdate().isoformat()
        else:
            data[name] = "Obyčejný text"
    return data


def hostile_payloads(form):
    """For each hostile value: ``("text", data)`` with it in every free-text field (the
    rest valid, so that the form may reach the database) and ``("all", data)`` with it in
    every field."""
    base = valid_payload(form)
    text_fields = [
        name
        for name, field in form.fields.items()
        if type(field) is forms.CharField and not getattr(field, "is_honeypot", False)
    ]
    for value in FIELD_VALUES:
        if value is LONG_FIELD:
            # one field at a time: several together exceed DATA_UPLOAD_MAX_MEMORY_SIZE and
            # Django refuses the request before any form sees it
            for name in text_fields:
                yield "text", value, {**base, name: value}
            continue
        if text_fields:
            yield "text", value, {**base, **{name: value for name in text_fields}}
        yield (
            "all",
            value,
            {name: ([value] if isinstance(v, list) else value) for name, v in base.items()},
        )


def fuzz_form(fuzzer, url, form):
    for kind, value, data in hostile_payloads(form):
        response = fuzzer.request("post", url, data)
        if response is None or response.status_code >= 500:
            continue
        if response.status_code in (301, 302, 303):
            continue  # accepted (maximum lengths are another test's business)
        assert response.status_code in (200, 400, 429), (url, response.status_code)
        if value is LONG_FIELD and kind == "all":
            # several megabytes: Django refuses the request (DATA_UPLOAD_MAX_MEMORY_SIZE)
            assert "Požadavek nelze zpracovat" in response.content.decode(), url
            continue
        if kind == "text" and "\x00" in value and response.status_code != 429:
            # the form again, with the Czech message at the field
            assert NUL_ERROR in response.content.decode(), (url, kind, repr(value))


@pytest.fixture
def fuzzer(demo):
    cache.clear()
    yield Fuzzer()
    cache.clear()


def _sample_pages():
    """A live page of every page type of the demo."""
    by_type = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.url is None:  # the tree's root, outside every site
            continue
        by_type.setdefault(type(page), [])
        if not by_type[type(page)]:
            by_type[type(page)].append(page)
    return by_type


def _routes(page):
    """The page's own URL and its sub-routes (RoutablePage paths)."""
    url = page.url
    name = type(page).__name__
    routes = [url]
    if name == "CatalogPage":
        service = Service.objects.active().first()
        routes += [url + "pdf/", url + "otevrena-data/", page.service_url(service)]
    elif name == "PlanPage":
        measure = page.priorities.first().measures.first()
        year = timezone.localdate().year - 1
        routes += [
            url + "opatreni/",
            url + f"opatreni/{measure.number.replace('.', '-')}/",
            url + "opatreni/%00/",
            url + f"zprava/{year}/",
            url + f"zprava/{year}/csv/",
            url + f"zprava/{year}/json/",
            url + "vyporadani-pripominek/",
            url + "vyporadani-pripominek/csv/",
            url + "pdf/",
            url + f"zprava/{year}/pdf/",
        ]
    elif name == "NewsIndexPage":
        tag = page.tags().first()
        routes += [url + "rss/", url + "atom/", url + "zpravodaj/", url + "2026/"]
        routes += [url + "stitek/%00/", url + "stitek/a%00b/rss/", url + "stitek/%0b/atom/"]
        if tag:
            routes += [url + f"stitek/{tag.slug}/", url + f"stitek/{tag.slug}/rss/"]
    elif name in ("WorkingGroupPage", "MeetingPage", "HarmonogramPage"):
        routes += [url + "kalendar.ics"]
        if name == "MeetingPage":
            routes += [url + "zrusit/"]
    return routes


def test_every_public_url_with_hostile_query_strings(fuzzer):
    by_type = _sample_pages()
    assert len(by_type) >= 10, sorted(t.__name__ for t in by_type)
    for _page_type, pages in by_type.items():
        for page in pages:
            for url in _routes(page):
                if url.endswith("pdf/"):
                    # Rendering a PDF takes a while: the filters that reach the database.
                    for value in ("\x00", "\x0b", LONG_QUERY):
                        query = "&".join(
                            f"{p}={quote(value)}" for p in ("skupina", "obec", "stitek", "q")
                        )
                        fuzzer.request("get", f"{url}?{query}")
                    continue
                statuses = fuzzer.get_with_values(url)
                if url == page.url:  # the page itself: shown as usual, the junk ignored
                    assert statuses <= {200, 301, 302}, (url, statuses)
    subscriber = Subscriber.objects.first()
    plain = [
        "/hledat/",
        "/odber/",
        "/odber/odeslano/",
        "/otevrena-data/katalog/hsds.json",
        "/otevrena-data/katalog/hsds.zip",
        "/otevrena-data/katalog/sluzby.csv",
        "/odber/potvrdit/%00/",
        "/odber/nastaveni/a%00b/",
        "/odber/odhlasit/%0b/",
        "/otevrena-data/katalog/%00",
        "/hledat%00/",
        "/%00/",
    ]
    if subscriber:
        plain += [
            f"/odber/potvrdit/{confirm_token(subscriber)}/",
            f"/odber/nastaveni/{manage_token(subscriber)}/",
        ]
    for url in plain:
        fuzzer.get_with_values(url)
    assert not fuzzer.failures, "\n".join(map(str, fuzzer.failures))


def test_every_public_form_with_hostile_fields(fuzzer):
    meeting = next(m for m in MeetingPage.objects.live().public() if m.registration_open())
    fuzz_form(fuzzer, meeting.url, RegistrationForm())
    fuzzer.request("post", meeting.url + "zrusit/", {"t": "\x00" + "x" * 10_000})

    group = WorkingGroupPage.objects.live().public().filter(accepts_applications=True).first()
    fuzz_form(fuzzer, group.url + "prihlaska/", ApplicationForm())

    fuzz_form(fuzzer, "/odber/", SubscribeForm())
    subscriber = Subscriber.objects.first()
    fuzz_form(fuzzer, f"/odber/nastaveni/{manage_token(subscriber)}/", PreferencesForm())
    fuzzer.request("post", "/odber/odhlasit/%00/", {"x": "\x00"})
    fuzzer.request("post", "/odber/potvrdit/a%00/", {"x": "\x00"})
    fuzzer.request("post", f"/odber/potvrdit/{confirm_token(subscriber)}/", {"x": "\x00"})

    plan = PlanPage.objects.live().public().first()
    plan.status, plan.consultation_start = "consultation", None
    plan.consultation_deadline = timezone.localdate() + timezone.timedelta(days=5)
    plan.save()
    # The comment box is on the plan's chapters and measures.
    chapter = PlanChapterPage.objects.child_of(plan).live().first()
    measure = plan.priorities.first().measures.first()
    for url in (chapter.url, plan.url + f"opatreni/{measure.number.replace('.', '-')}/"):
        fuzz_form(fuzzer, url, CommentForm())

    survey = SurveyPage.objects.live().public().first()
    survey.opens_on, survey.closes_on = None, None
    survey.save()
    fuzz_form(fuzzer, survey.url, survey.get_form_class()())

    fuzzer.request("post", "/hledat/", {"q": "\x00"})
    assert fuzzer.requests > 50
    assert not fuzzer.failures, "\n".join(map(str, fuzzer.failures))
