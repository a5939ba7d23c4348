import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.plan.models import Comment, PlanChapterPage
from tests.factories import UserFactory

from .conftest import make_draft_plan

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Eva Ukázková",
    "email": "eva@obcan.example",
    "organisation": "Spolek Vlčinka",
    "text": "Chybí odlehčovací služba v menších obcích.",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def draft(plan_index):
    return make_draft_plan(plan_index, "Návrh plánu 2029–2032", "navrh")


def chapter(draft):
    return PlanChapterPage.objects.get(slug="potreby")


def test_open_consultation_shows_form_and_saves_pending_comment(
    client, draft, django_capture_on_commit_callbacks
):
    url = chapter(draft).url
    html = BeautifulSoup(client.get(url).content, "html.parser")
    form = html.select_one("#pripominky form")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.select_one(".hp-field input[name=website]")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, VALID)
    assert response.status_code == 302 and "pripominka=odeslana" in response["Location"]
    comment = Comment.objects.get()
    assert comment.chapter.pk == chapter(draft).pk and comment.plan.pk == draft.pk
    assert comment.moderation == "pending"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kpss@zkusebnice.example"]
    assert "čeká na moderaci" in mail.outbox[0].body and VALID["text"] in mail.outbox[0].body
    edit_url = f"http://127.0.0.1:8000/admin/snippets/kpss_plan/comment/edit/{comment.pk}/"
    assert edit_url in mail.outbox[0].body
    email = OutgoingEmail.objects.get()
    assert (email.kind, email.state, email.about) == ("comment_notification", "sent", comment)
    html = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "Děkujeme" in html.select_one("#pripominky [role=status]").get_text()


def test_invalid_comment_keeps_input_with_linked_czech_errors(client, draft):
    data = dict(VALID, email="neplatny", consent="")
    response = client.post(chapter(draft).url, data)
    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    email = html.find("input", attrs={"name": "email"})
    assert email["value"] == "neplatny" and email["aria-invalid"] == "true"
    error = html.find(id=email["aria-describedby"].split()[0])
    assert "platný e-mail" in error.get_text()
    consent = html.find("input", attrs={"name": "consent"})
    assert "Bez vašeho souhlasu" in html.find(id=consent["aria-describedby"]).get_text()
    assert html.find("textarea", attrs={"name": "text"}).get_text().strip() == VALID["text"]
    assert not Comment.objects.exists()


def test_honeypot_and_rate_limit(client, draft):
    url = chapter(draft).url
    assert client.post(url, dict(VALID, website="http://spam.example")).status_code == 302
    assert not Comment.objects.exists()
    for _ in range(5):
        assert client.post(url, VALID).status_code == 302
    response = client.post(url, VALID)
    assert response.status_code == 429
    assert "příliš mnoho formulářů" in response.content.decode()
    assert Comment.objects.count() == 5


def test_comment_on_a_measure(client, draft):
    overview = client.get(draft.url + "opatreni/").content.decode()
    assert "Připomínkovat opatření 1.2" in overview
    url = draft.url + "opatreni/1-2/"
    assert client.post(url, VALID).status_code == 302
    assert Comment.objects.get().measure.number == "1.2"


def test_forms_close_after_deadline(client, draft):
    draft.consultation_deadline = timezone.localdate() - datetime.timedelta(days=1)
    draft.save_revision().publish()
    response = client.get(chapter(draft).url)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("#pripominky form") is None
    assert "skončilo" in html.select_one("#pripominky").get_text()
    client.post(chapter(draft).url, VALID)
    assert not Comment.objects.exists()


def test_moderation_settlement_table_and_csv_never_show_email(client, draft):
    client.post(chapter(draft).url, VALID)
    client.post(
        draft.url + "opatreni/1-1/", dict(VALID, organisation="", text="Více terénní práce.")
    )
    client.post(chapter(draft).url, dict(VALID, text="Spam spam"))
    settlement_url = draft.url + "vyporadani-pripominek/"
    assert "Chybí odlehčovací" not in client.get(settlement_url).content.decode()
    first, second, spam = Comment.objects.order_by("pk")
    first.moderation = second.moderation = "approved"
    first.settlement, first.justification = "accepted", "Doplněno do opatření 1.2."
    spam.moderation = "rejected"
    for c in (first, second, spam):
        c.save()
    page = client.get(settlement_url).content.decode()
    html = BeautifulSoup(page, "html.parser")
    rows = html.select("tbody tr")
    assert len(rows) == 2
    cells = [td.get_text(" ", strip=True) for td in rows[0].find_all("td")]
    assert cells[0].startswith("Spolek Vlčinka") and cells[3] == "Akceptováno"
    assert "Občan / občanka" in rows[1].get_text() and "Opatření 1.1" in rows[1].get_text()
    assert "Zatím nevypořádáno" in rows[1].get_text()
    assert "Spam" not in page
    assert "obcan.example" not in page and "Eva" not in page
    response = client.get(settlement_url + "csv/")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "Č." and len(rows) == 3
    assert rows[1][2:7] == [
        "Spolek Vlčinka",
        "Analýza potřeb",
        VALID["text"],
        "Akceptováno",
        "Doplněno do opatření 1.2.",
    ]
    assert "obcan.example" not in body and "Eva" not in body


def test_admin_can_moderate_and_settle(client, draft):
    client.post(chapter(draft).url, VALID)
    comment = Comment.objects.get()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("wagtailsnippets_kpss_plan_comment:list"))
    assert listing.status_code == 200 and "Spolek Vlčinka" in listing.content.decode()
    url = reverse("wagtailsnippets_kpss_plan_comment:edit", args=[comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": "Spolek Vlčinka",
            "text": VALID["text"],
            "moderation": "approved",
            "settlement": "partly",
            "justification": "Zčásti zapracováno.",
            "settled_at": "2026-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    comment.refresh_from_db()
    assert comment.settlement == "partly" and comment.email == VALID["email"]


def test_the_settlement_lists_approved_comments_of_the_plan_in_order(draft, plan_index):
    """The settlement table and its CSV read Comment.objects.settlement_of() (a queryset
    method, issue 12 item 8): approved comments of that plan only, oldest first."""
    other = make_draft_plan(plan_index, "Jiný plán", "jiny-plan")
    late = Comment.objects.create(plan=draft, text="Pozdější", moderation="approved")
    early = Comment.objects.create(plan=draft, text="Dřívější", moderation="approved")
    Comment.objects.filter(pk=early.pk).update(
        created_at=late.created_at - datetime.timedelta(days=1)
    )
    Comment.objects.create(plan=draft, text="Čeká", moderation="pending")
    Comment.objects.create(plan=draft, text="Zamítnutá", moderation="rejected")
    Comment.objects.create(plan=other, text="Jinde", moderation="approved")
    texts = [comment.text for comment in Comment.objects.settlement_of(draft)]
    assert texts == ["Dřívější", "Pozdější"]
