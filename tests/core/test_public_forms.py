"""One guard for the five public forms: honeypot → rate limit → validation, the limits from
KPSS_PUBLIC_FORM_RATE_LIMITS, one answer for a refused submission (the form again with a
Czech message, 429 when rate-limited, 400 on errors, the success answer for a bot), behind a
proxy too; a maximum length on every free-text field; no message reveals who is registered
or subscribed."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.core.public_forms import (
    DEFAULT_RATE_LIMITS,
    client_ip,
    count_submission,
    honeypot_field,
    rate_limit,
)
from kpss_pages.groups.models import MembershipApplication, Registration
from kpss_pages.news.models import Subscriber
from kpss_pages.plan.models import Comment, PlanChapterPage, PlanIndexPage, SurveyField, SurveyPage
from tests.factories import add_page
from tests.groups.conftest import make_meeting
from tests.plan.conftest import make_draft_plan

pytestmark = pytest.mark.django_db

TOO_MANY = "Z vaší adresy bylo odesláno příliš mnoho formulářů."


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@dataclass
class PublicForm:
    scope: str
    url: str
    data: Callable[[int], dict]  # a valid submission, the n-th one
    stored: Callable[[], int]
    honeypot: str = "website"
    max_lengths: dict = field(default_factory=dict)  # free-text field → its maximum
    page_url: str = ""  # where the form is shown, when it posts elsewhere


def _registration(home, group):
    meeting = make_meeting(group, seat_limit=None)
    return PublicForm(
        "registration",
        meeting.url,
        lambda n: {"name": "Eva Zvídavá", "email": f"eva{n}@example.org", "consent": "on"},
        Registration.objects.count,
        max_lengths={"name": 200, "email": 254, "organisation": 200, "note": 2000},
    )


def _application(home, group):
    return PublicForm(
        "application",
        group.url + "prihlaska/",
        lambda n: {
            "name": "Božena Zájemcová",
            "email": f"bozena{n}@example.org",
            "category": "user",
            "motivation": "Pečuji o maminku.",
            "consent": "on",
        },
        MembershipApplication.objects.count,
        max_lengths={"name": 200, "email": 254, "organisation": 200, "motivation": 3000},
        page_url=group.url,
    )


def _subscription(home, group):
    return PublicForm(
        "subscription",
        "/odber/",
        lambda n: {"email": f"obcan{n}@example.org", "all_news": "on", "consent": "on"},
        Subscriber.objects.count,
        max_lengths={"email": 254},
    )


def _comment(home, group):
    plan_index = add_page(home, PlanIndexPage, title="Komunitní plán", slug="komunitni-plan")
    make_draft_plan(plan_index, "Návrh plánu 2029–2032", "navrh")
    return PublicForm(
        "comment",
        PlanChapterPage.objects.get(slug="potreby").url,
        lambda n: {
            "name": "Eva Ukázková",
            "email": f"eva{n}@obcan.example",
            "organisation": "Spolek Vlčinka",
            "text": "Chybí odlehčovací služba v menších obcích.",
            "consent": "on",
        },
        Comment.objects.count,
        max_lengths={"name": 200, "email": 254, "organisation": 200, "text": 5000},
    )


def _survey(home, group):
    today = timezone.localdate()
    survey = add_page(
        home,
        SurveyPage,
        title="Anketa o službách",
        slug="anketa",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=10),
        thank_you_text="<p>Děkujeme za odpovědi.</p>",
    )
    for order, (label, kind) in enumerate(
        [("Jméno", "singleline"), ("Vzkaz", "multiline"), ("E-mail", "email"), ("Web", "url")]
    ):
        SurveyField.objects.create(
            page=survey, sort_order=order, label=label, field_type=kind, required=False
        )
    survey = SurveyPage.objects.get(pk=survey.pk)
    return PublicForm(
        "survey",
        survey.url,
        lambda n: {"jmeno": f"Odpověď {n}", "vzkaz": "Více terénní práce."},
        lambda: survey.get_submission_class().objects.count(),
        honeypot="web_address",
        max_lengths={"jmeno": 255, "vzkaz": 5000, "e_mail": 254, "web": 2000},
    )


BUILDERS = {
    "registration": _registration,
    "application": _application,
    "subscription": _subscription,
    "comment": _comment,
    "survey": _survey,
}


@pytest.fixture(params=list(BUILDERS))
def public_form(request, home, group):
    return BUILDERS[request.param](home, group)


def _answer(response):
    """What a client sees: the redirect target, or the text of the page."""
    if response.status_code == 302:
        return response["Location"]
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(html.select_one("main").get_text().split())


def _post(client, form, data, **extra):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(form.url, data, **extra)


def test_every_scope_has_a_default_limit():
    assert set(DEFAULT_RATE_LIMITS) == set(BUILDERS)
    assert all(count > 0 and seconds > 0 for count, seconds in DEFAULT_RATE_LIMITS.values())


def test_honeypot_gets_the_success_answer_and_nothing_happens(client, public_form):
    bot = _post(client, public_form, {**public_form.data(1), public_form.honeypot: "http://x"})
    assert public_form.stored() == 0
    assert not OutgoingEmail.objects.exists() and not mail.outbox
    person = _post(client, public_form, public_form.data(2))
    assert public_form.stored() == 1
    assert (bot.status_code, _answer(bot)) == (person.status_code, _answer(person))


def test_honeypot_answers_as_a_success_even_when_the_rest_is_garbage(client, public_form):
    response = _post(client, public_form, {public_form.honeypot: "spam"})
    assert response.status_code in (200, 302)
    assert "errorlist" not in response.content.decode()
    assert public_form.stored() == 0


def test_rate_limit_from_the_one_setting_answers_429_with_the_form_again(
    client, public_form, settings
):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {public_form.scope: (2, 600)}
    assert _post(client, public_form, public_form.data(1)).status_code in (200, 302)
    # An invalid submission counts too (the limit is checked before validation).
    assert _post(client, public_form, {"email": "x", "e_mail": "x"}).status_code == 400
    data = public_form.data(3)
    response = _post(client, public_form, data)
    assert response.status_code == 429
    html = BeautifulSoup(response.content, "html.parser")
    assert f"{TOO_MANY} Zkuste to znovu za 10 minut." in html.get_text(" ")
    form = html.find("form", attrs={"method": "post"})
    assert form is not None
    first_text = next(k for k in public_form.max_lengths if k in data)
    assert data[first_text] in str(form)  # what was typed is kept
    assert public_form.stored() == 1


def test_rate_limit_behind_a_proxy_counts_the_address_the_proxy_added(
    client, public_form, settings
):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {public_form.scope: (1, 3600)}
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    first = _post(
        client, public_form, public_form.data(1), HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1"
    )
    other = _post(client, public_form, public_form.data(2), HTTP_X_FORWARDED_FOR="198.51.100.2")
    forged = _post(
        client, public_form, public_form.data(3), HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1"
    )
    assert (first.status_code in (200, 302), other.status_code in (200, 302)) == (True, True)
    assert forged.status_code == 429
    assert "za 60 minut" in forged.content.decode()
    assert public_form.stored() == 2


def test_every_free_text_field_has_a_maximum_length(client, public_form, settings):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {public_form.scope: (1000, 600)}
    page = BeautifulSoup(client.get(public_form.page_url or public_form.url).content, "html.parser")
    for name, limit in public_form.max_lengths.items():
        widget = page.find(attrs={"name": name})
        assert widget is not None, name
        assert widget.get("maxlength") == str(limit), name
        value = "x" * (limit + 1)
        if name.endswith("mail"):
            value = "a" * (limit - 11) + "@example.org"
        elif name == "web":
            value = "https://example.org/" + "a" * limit
        response = _post(client, public_form, {**public_form.data(7), name: value})
        assert response.status_code == 400, name
        text = BeautifulSoup(response.content, "html.parser").get_text(" ")
        assert "nejvýše" in text or "příliš dlouh" in text or "platnou" in text, (name, text)
        assert public_form.stored() == 0, name


def test_a_million_character_survey_answer_is_refused_in_czech(client, home, group):
    survey = _survey(home, group)
    response = _post(client, survey, {"vzkaz": "x" * 1_000_000})
    assert response.status_code == 400
    assert "Tato hodnota má mít nejvýše 5000 znaků (nyní má 1000000)." in response.content.decode()
    assert survey.stored() == 0


def test_duplicate_registration_looks_like_a_new_one_and_the_email_tells_the_truth(
    client, home, group
):
    meeting = make_meeting(group, seat_limit=1)
    form = PublicForm("registration", meeting.url, None, Registration.objects.count)
    data = {"name": "Eva", "email": "eva@example.org", "consent": "on"}
    first = _post(client, form, data)
    other = _post(client, form, {**data, "email": "jan@example.org"})  # full: waitlist
    again = _post(client, form, {**data, "email": " EVA@example.org"})
    assert again.status_code == 302
    # The answer a new address gets now (the meeting is full), not "already registered".
    assert again["Location"] == other["Location"] != first["Location"]
    assert "registrace=nahradnik" in again["Location"]
    assert Registration.objects.count() == 2
    reminder = OutgoingEmail.objects.get(kind="registration_already")
    assert reminder.to == "eva@example.org"
    assert "Už jste přihlášeni" in reminder.subject
    assert "místo máte potvrzené" in reminder.body and "/zrusit/?t=" in reminder.body
    _post(client, form, {**data, "email": "eva@example.org"})
    assert OutgoingEmail.objects.filter(kind="registration_already").count() == 1  # an hour


def test_subscribing_a_subscribed_address_looks_like_a_new_subscription(client, home):
    Subscriber.objects.create(email="stary@example.org", confirmed_at=timezone.now())
    form = PublicForm("subscription", "/odber/", None, Subscriber.objects.count)
    data = {"all_news": "on", "consent": "on"}
    known = _post(client, form, {**data, "email": "stary@example.org"})
    new = _post(client, form, {**data, "email": "novy@example.org"})
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert OutgoingEmail.objects.get(to="stary@example.org").kind == "already_subscribed"


# --- the parts ---------------------------------------------------------------------------


def _request(ip="192.0.2.1", **meta):
    return RequestFactory().post("/", REMOTE_ADDR=ip, **meta)


def test_count_per_scope_key_and_client(settings):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {"comment": (2, 60)}
    request = _request()
    assert [count_submission(request, "comment") for _ in range(3)] == [False, False, True]
    assert count_submission(request, "comment", key="other") is False
    assert count_submission(request, "survey") is False
    assert count_submission(_request("192.0.2.2"), "comment") is False


def test_rate_limit_setting_overrides_only_the_scopes_it_names(settings):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {"comment": (3, 60)}
    assert rate_limit("comment") == (3, 60)
    assert rate_limit("survey") == DEFAULT_RATE_LIMITS["survey"]


def test_client_ip_behind_proxy_takes_the_address_the_proxy_added(settings):
    forged_then_real = "203.0.113.9, 198.51.100.7"
    request = _request(HTTP_X_FORWARDED_FOR=forged_then_real)
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request) == "192.0.2.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request) == "198.51.100.7"


def test_honeypot_field_is_optional_and_out_of_the_tab_order():
    field = honeypot_field()
    assert field.required is False
    assert field.widget.attrs["tabindex"] == "-1"
    assert str(field.label) == "Toto pole nevyplňujte"
