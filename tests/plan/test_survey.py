import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from kpss_pages.plan.models import ActivityPlanPage, PlannedActivity, SurveyField, SurveyPage
from tests.factories import UserFactory, add_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def make_survey(parent, **fields):
    today = timezone.localdate()
    values = {
        "title": "Anketa o sociálních službách",
        "slug": "anketa",
        "opens_on": today - datetime.timedelta(days=3),
        "closes_on": today + datetime.timedelta(days=20),
        "ask_target_group": True,
        "thank_you_text": "<p>Děkujeme, vaše odpovědi jsme přijali.</p>",
    }
    values.update(fields)
    survey = add_page(parent, SurveyPage, **values)
    SurveyField.objects.create(
        page=survey,
        sort_order=0,
        label="Znáte pečovatelskou službu?",
        field_type="radio",
        choices="Ano\nNe\nNevím",
        required=True,
    )
    SurveyField.objects.create(
        page=survey,
        sort_order=1,
        label="Které služby chybí?",
        field_type="checkboxes",
        choices="Odlehčovací služba\nDenní stacionář\nPoradna",
        required=False,
    )
    SurveyField.objects.create(
        page=survey, sort_order=2, label="Vzkaz", field_type="multiline", required=False
    )
    return SurveyPage.objects.get(pk=survey.pk)


def answer(client, survey, **data):
    payload = {"znate_pecovatelskou_sluzbu": "Ano", "ktere_sluzby_chybi": ["Poradna"]}
    payload.update(data)
    return client.post(survey.url, payload)


def test_open_survey_accepts_answers_and_counts_them(client, home):
    survey = make_survey(home)
    html = BeautifulSoup(client.get(survey.url).content, "html.parser")
    assert html.select_one("fieldset legend").get_text().startswith("Znáte pečovatelskou službu?")
    assert html.find("select", attrs={"name": "cilova_skupina"})
    response = answer(client, survey, cilova_skupina="Senioři")
    assert "Děkujeme, vaše odpovědi jsme přijali." in response.content.decode()
    answer(
        client,
        survey,
        znate_pecovatelskou_sluzbu="Ne",
        ktere_sluzby_chybi=["Poradna", "Denní stacionář"],
    )
    answer(client, survey, web_address="spam")  # honeypot: not stored
    results = survey.results()
    assert results["total"] == 2
    by_label = {q["label"]: dict(q["rows"]) for q in results["questions"]}
    assert by_label["Znáte pečovatelskou službu?"] == {"Ano": 1, "Ne": 1, "Nevím": 0}
    assert by_label["Které služby chybí?"]["Poradna"] == 2
    assert by_label["Cílová skupina"]["Senioři"] == 1


def test_invalid_answer_keeps_form_with_czech_error(client, home):
    survey = make_survey(home)
    response = client.post(survey.url, {"vzkaz": "Ahoj"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Toto pole je povinné." in text and "Ahoj" in text
    html = BeautifulSoup(text, "html.parser")
    radio = html.find("input", attrs={"name": "znate_pecovatelskou_sluzbu"})
    assert html.find(id=radio["aria-describedby"]).get_text().strip() == "Toto pole je povinné."


def test_closed_survey_shows_message_and_no_form(client, home):
    survey = make_survey(home, closes_on=timezone.localdate() - datetime.timedelta(days=1))
    html = BeautifulSoup(client.get(survey.url).content, "html.parser")
    assert html.find("form", attrs={"method": "post"}) is None
    assert "uzavřena" in html.select_one(".callout").get_text()
    answer(client, survey)
    assert survey.get_submission_class().objects.count() == 0


def test_public_summary_only_when_published(client, home):
    survey = make_survey(home)
    answer(client, survey)
    assert "Výsledky ankety" not in client.get(survey.url).content.decode()
    survey.publish_summary = True
    survey.save_revision().publish()
    html = BeautifulSoup(client.get(survey.url).content, "html.parser")
    table = html.select_one(".survey-summary table")
    assert table.caption.get_text() == "Znáte pečovatelskou službu?"
    assert [td.get_text() for td in table.select("tbody td")] == ["1", "0", "0"]


def test_staff_results_view_and_csv_export(client, home):
    survey = make_survey(home)
    answer(client, survey, cilova_skupina="Senioři")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("kpss_plan_survey_results", args=[survey.pk]))
    assert response.status_code == 200 and "Odlehčovací služba" in response.content.decode()
    assert client.get(reverse("kpss_plan_surveys")).status_code == 200
    export = client.get(
        reverse("wagtailforms:list_submissions", args=[survey.pk]), {"export": "csv"}
    )
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert "Cílová skupina" in rows[0] and "Senioři" in rows[1]


def test_activity_plan_by_quarter(client, home):
    page = add_page(
        home, ActivityPlanPage, title="Plán činnosti komise 2026", slug="plan-cinnosti", year=2026
    )
    PlannedActivity.objects.create(
        page=page, quarter=1, title="Zpracování monitorovací zprávy", done=True
    )
    PlannedActivity.objects.create(page=page, quarter=1, title="Aktualizace webu")
    PlannedActivity.objects.create(page=page, quarter=3, title="Vypracování dotazníku")
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    sections = html.select(".activity-quarter")
    assert [s.h2.get_text() for s in sections] == ["leden – březen 2026", "červenec – září 2026"]
    assert "Splněno: 1 z 2" in sections[0].get_text()
    assert "Zatím nesplněno" in sections[1].get_text()


def test_survey_notice_goes_through_the_outbox_not_the_request(client, home, settings):
    from django.core import mail

    from kpss_pages.core.mail.delivery import deliver_emails
    from kpss_pages.core.models import OutgoingEmail

    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"  # SMTP down
    survey = make_survey(
        home, to_address="socialni@zkusebnice.example, kpss@zkusebnice.example", subject=""
    )
    response = answer(client, survey, cilova_skupina="Senioři", vzkaz="Chybí stacionář")
    assert response.status_code == 200
    queued = OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.SURVEY_NOTIFICATION)
    assert sorted(queued.values_list("to", flat=True)) == [
        "kpss@zkusebnice.example",
        "socialni@zkusebnice.example",
    ]
    row = queued.first()
    assert row.subject == "Nová odpověď v anketě „Anketa o sociálních službách“"
    assert "Chybí stacionář" in row.body
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    deliver_emails.call()  # what the worker runs
    assert len(mail.outbox) == 2


def test_optional_dropdown_offers_no_answer_first_and_skip_is_not_counted(client, home):
    survey = make_survey(home)
    SurveyField.objects.create(
        page=survey,
        sort_order=3,
        label="Kde hledáte informace?",
        field_type="dropdown",
        choices="Na webu města\nVe zpravodaji",
        required=False,
    )
    html = BeautifulSoup(client.get(survey.url).content, "html.parser")
    select = html.find("select", attrs={"name": "kde_hledate_informace"})
    first = select.find("option")
    assert first["value"] == "" and first.get_text().strip() == "Bez odpovědi"
    assert not select.find("option", selected=True) or select.find(
        "option", selected=True
    )["value"] == ""
    # A radio question offers no preselected answer either.
    assert not html.find("input", attrs={"name": "znate_pecovatelskou_sluzbu", "checked": True})
    answer(client, survey, kde_hledate_informace="")
    results = survey.results()
    by_label = {q["label"]: dict(q["rows"]) for q in results["questions"]}
    assert results["total"] == 1
    assert by_label["Kde hledáte informace?"] == {"Na webu města": 0, "Ve zpravodaji": 0}


def test_a_refused_survey_opens_at_its_error_summary_and_says_so_in_the_title(client, home):
    survey = make_survey(home)
    html = BeautifulSoup(client.get(survey.url).content, "html.parser")
    assert html.find("form", attrs={"method": "post"})["action"].endswith("#survey-errors")
    assert not html.title.get_text().startswith("Chyba")
    response = client.post(survey.url, {"vzkaz": "Ahoj"})
    html = BeautifulSoup(response.content, "html.parser")
    assert html.title.get_text().startswith("Chyba: Anketa o sociálních službách")
    summary = html.find(id="survey-errors")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    link = summary.find("a")
    assert link.get_text().startswith("Znáte pečovatelskou službu?: Toto pole je povinné.")
    assert html.find(id=link["href"][1:]) is not None  # the link leads to the field
