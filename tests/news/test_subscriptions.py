import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone

from kpss_pages.news.emails import CONFIRM_SALT, manage_token
from kpss_pages.news.models import Subscriber
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL_RE = re.compile(r"https?://[^/\s]+(/odber/[^\s\"<>]+)")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def subscribe(client, email="obcan@example.org", **extra):
    """Submit the form; its e-mail is queued, and the worker (immediate in tests) sends it
    once the request's transaction commits."""
    data = {"email": email, "all_news": "on", "consent": "on", **extra}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/odber/", data)


def link_from(message, kind):
    for path in URL_RE.findall(message.body):
        if f"/odber/{kind}/" in path:
            return path
    raise AssertionError(f"no {kind} link in {message.body!r}")


def test_form_renders_with_labels_and_honeypot(client, home, seniors):
    html = client.get("/odber/?email=a@example.org").content.decode()
    assert 'value="a@example.org"' in html
    assert 'class="hp-field"' in html
    assert "Senioři" in html
    assert 'for="id_consent"' in html and 'name="csrfmiddlewaretoken"' in html


def test_double_opt_in_lifecycle(client, home, seniors):
    response = subscribe(client, "Obcan@Example.org", target_groups=[seniors.pk])
    assert response.status_code == 302
    assert response["Location"] == "/odber/odeslano/"
    sub = Subscriber.objects.get()
    assert sub.email == "obcan@example.org" and sub.confirmed_at is None
    assert list(sub.target_groups.all()) == [seniors]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["obcan@example.org"]
    assert "Potvrďte odběr" in message.subject
    confirm = link_from(message, "potvrdit")
    html_part = message.alternatives[0][0]
    assert confirm in html_part
    # Opening the link shows a button; only the POST confirms (mail scanners only GET).
    assert "Potvrdit odběr" in client.get(confirm).content.decode()
    sub.refresh_from_db()
    assert sub.confirmed_at is None
    response = client.post(confirm)
    assert response.status_code == 302 and "/odber/nastaveni/" in response["Location"]
    sub.refresh_from_db()
    assert sub.confirmed_at is not None
    prefs = client.get(response["Location"]).content.decode()
    assert "Děkujeme, odběr je potvrzen." in prefs
    assert len(mail.outbox) == 1  # nothing else was sent


def test_invalid_and_expired_confirmation_links(client, home, settings):
    subscribe(client)
    confirm = link_from(mail.outbox[0], "potvrdit")
    assert client.get(confirm[:-3] + "xx/").status_code == 400
    settings.NEWS_CONFIRM_LINK_DAYS = 0
    import time

    time.sleep(1.1)
    response = client.post(confirm)
    assert response.status_code == 400
    assert "není platný nebo vypršel" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None
    forged = signing.dumps({"k": "x", "e": "obcan@example.org"}, salt="other")
    assert client.get(f"/odber/potvrdit/{forged}/").status_code == 400
    assert signing.loads(confirm.split("/")[3], salt=CONFIRM_SALT)["e"] == "obcan@example.org"


def test_repeated_subscription_is_harmless_and_reveals_nothing(client, home, seniors):
    first = subscribe(client, "opakovane@example.org")
    sub = Subscriber.objects.get()
    client.post(link_from(mail.outbox[0], "potvrdit"))
    sub.refresh_from_db()
    Subscriber.objects.filter(pk=sub.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=1)
    )
    again = subscribe(client, "opakovane@example.org", all_news="", target_groups=[seniors.pk])
    new = subscribe(client, "nova@example.org")
    assert first.status_code == again.status_code == new.status_code == 302
    assert first["Location"] == again["Location"] == new["Location"]
    done_known = client.get(again["Location"]).content
    assert Subscriber.objects.count() == 2
    sub.refresh_from_db()
    assert sub.confirmed_at is not None and sub.all_news is True  # topics unchanged by strangers
    assert not sub.target_groups.exists()
    assert "už naše novinky odebírá" in mail.outbox[1].body
    assert mail.outbox[1].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(new["Location"]).content == done_known


def test_resubmitting_quickly_does_not_mail_bomb(client, home):
    for _ in range(3):
        subscribe(client, "bomba@example.org")
    assert len(mail.outbox) == 1


def test_validation_errors_keep_input_and_are_linked(client, home):
    response = client.post("/odber/", {"email": "neplatny", "all_news": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="neplatny"' in html
    assert 'aria-describedby="id_email-errors' in html
    assert 'id="id_email-errors"' in html
    assert "Bez vašeho souhlasu vám novinky posílat nemůžeme." in html
    assert "Vyberte alespoň jedno téma" in html
    assert not Subscriber.objects.exists() and not mail.outbox


def test_honeypot_looks_successful_but_does_nothing(client, home):
    response = subscribe(client, "robot@example.org", website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and not mail.outbox


def test_rate_limit(client, home, settings):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {"subscription": (2, 3600)}
    for i in range(2):
        assert subscribe(client, f"r{i}@example.org").status_code == 302
    response = subscribe(client, "r9@example.org")
    assert response.status_code == 429
    assert "Zkuste to znovu za 60 minut." in response.content.decode()
    assert 'value="r9@example.org"' in response.content.decode()
    assert Subscriber.objects.count() == 2


def test_rate_limit_behind_a_proxy_counts_each_client(client, home, settings):
    settings.KPSS_PUBLIC_FORM_RATE_LIMITS = {"subscription": (1, 3600)}
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    data = {"all_news": "on", "consent": "on"}
    first = client.post(
        "/odber/", {**data, "email": "p1@example.org"}, HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.1"
    )
    other = client.post(
        "/odber/", {**data, "email": "p2@example.org"}, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    again = client.post(
        "/odber/",
        {**data, "email": "p3@example.org"},
        HTTP_X_FORWARDED_FOR="whatever, 198.51.100.1",
    )
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)


def _confirmed(email="potvrzeny@example.org", **fields):
    return Subscriber.objects.create(email=email, confirmed_at=timezone.now(), **fields)


def test_preferences_change_topics(client, home, seniors):
    sub = _confirmed()
    url = f"/odber/nastaveni/{manage_token(sub)}/"
    assert "potvrzeny@example.org" in client.get(url).content.decode()
    response = client.post(url, {"target_groups": [seniors.pk]})
    assert response.status_code == 200
    assert "Vaše volba byla uložena." in response.content.decode()
    sub.refresh_from_db()
    assert sub.all_news is False and list(sub.target_groups.all()) == [seniors]
    response = client.post(url, {})
    assert response.status_code == 400 and "Vyberte alespoň jedno téma" in response.content.decode()
    assert client.get("/odber/nastaveni/neplatny-token/").status_code == 404


def test_one_click_unsubscribe_rfc8058_without_csrf(home):
    sub = _confirmed()
    token = manage_token(sub)
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(f"/odber/odhlasit/{token}/")
    assert page.status_code == 200 and "potvrzeny@example.org" in page.content.decode()
    assert Subscriber.objects.exists()
    response = csrf_client.post(
        f"/odber/odhlasit/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    again = csrf_client.post(
        f"/odber/odhlasit/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200


def test_purge_unconfirmed_subscribers(home, settings, capsys):
    settings.NEWS_UNCONFIRMED_DAYS = 7
    old = Subscriber.objects.create(
        email="stary@example.org", created_at=timezone.now() - timedelta(days=8)
    )
    Subscriber.objects.create(
        email="novy@example.org", created_at=timezone.now() - timedelta(days=2)
    )
    confirmed = _confirmed(created_at=timezone.now() - timedelta(days=30))
    call_command("purge_unconfirmed_subscribers")
    emails = set(Subscriber.objects.values_list("email", flat=True))
    assert emails == {"novy@example.org", confirmed.email}
    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert "Smazáno nepotvrzených přihlášek: 1" in capsys.readouterr().out


def test_subscriber_list_needs_permission_and_exports_csv(client, home):
    from django.contrib.auth.models import Group, Permission

    _confirmed("export@example.org")
    editor = UserFactory(username="editor")
    editors = Group.objects.get_or_create(name="Bez práv")[0]
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    url = "/admin/snippets/kpss_news/subscriber/"
    assert client.get(url).status_code in (302, 403)
    editors.permissions.add(Permission.objects.get(codename="view_subscriber"))
    listing = client.get(url).content.decode()
    assert "export@example.org" in listing and "export=csv" not in listing
    assert client.get(url + "?export=csv").status_code in (302, 403)
    editors.permissions.add(Permission.objects.get(codename="export_subscriber"))
    assert "export=csv" in client.get(url).content.decode()
    csv = client.get(url + "?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "export@example.org" in body
    assert body.startswith("\ufeff") and body[1:].splitlines()[0].startswith("E-mail;")


def test_working_group_topics_when_group_pages_exist(client, home, news_index, monkeypatch):
    """Working groups come from another app; any page type stands in for them here."""
    from kpss_pages.news.models import ArticlePageLink, NewsletterIssueArticle, NewsletterIssuePage
    from kpss_pages.news.models import page_links as news_models
    from kpss_pages.news.sending import send_issue
    from tests.factories import add_page, make_content_page
    from tests.news.conftest import make_article

    assert "id_working_groups" not in client.get("/odber/").content.decode()
    monkeypatch.setattr(news_models, "WORKING_GROUP_TYPE", ("home", "contentpage"))
    group = make_content_page(home, title="Pracovní skupina Senioři")
    html = client.get("/odber/").content.decode()
    assert "Novinky z pracovních skupin" in html and "Pracovní skupina Senioři" in html
    subscribe(client, "skupina@example.org", all_news="", working_groups=[group.pk])
    client.post(link_from(mail.outbox[0], "potvrdit"))
    sub = Subscriber.objects.get(email="skupina@example.org")
    assert sub.confirmed_at and list(sub.working_groups.all()) == [group.page_ptr]
    about_group = make_article(news_index, "Ze skupiny")
    ArticlePageLink.objects.create(article=about_group, page=group)
    other = make_article(news_index, "Jiné")
    for title, article in (("Číslo A", about_group), ("Číslo B", other)):
        issue = add_page(news_index, NewsletterIssuePage, title=title, slug=title[-1].lower())
        NewsletterIssueArticle.objects.create(issue=issue, article=article)
        send_issue(issue.pk)
    received = [m.subject for m in mail.outbox if m.to == ["skupina@example.org"]]
    assert received[1:] == ["Číslo A"]


def test_resubscribing_unconfirmed_address_restarts_its_grace_period(client, home):
    subscribe(client, "pozde@example.org")
    Subscriber.objects.update(
        created_at=timezone.now() - timedelta(days=30),
        confirmation_sent_at=timezone.now() - timedelta(days=30),
    )
    subscribe(client, "pozde@example.org")
    assert len(mail.outbox) == 2
    call_command("purge_unconfirmed_subscribers")
    assert Subscriber.objects.filter(email="pozde@example.org").exists()


def test_imported_or_mixed_case_address_is_the_same_subscriber(client, home):
    """The form stores addresses in lower case; the import does the same, and an address
    stored otherwise is still found: no second subscriber, no second copy of each issue."""
    from kpss_pages.news.importing import import_subscribers

    import_subscribers("Jana.Nova@Example.org;2. 8. 2021;starý web\n".encode())
    assert Subscriber.objects.get().email == "jana.nova@example.org"
    Subscriber.objects.create(email="Eva@Example.org", confirmed_at=timezone.now())
    for email in ("jana.nova@example.org", "EVA@example.org"):
        assert subscribe(client, email).status_code == 302
    assert Subscriber.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["jana.nova@example.org"], ["Eva@Example.org"]]
    assert all("už naše novinky odebírá" in m.body for m in mail.outbox)


def test_subscription_racing_another_for_the_same_address(client, home, monkeypatch):
    """A parallel request inserts the address between this one's look-up and its insert:
    the unique address refuses the second row, and the answer is the usual one."""
    from django.db.models import QuerySet

    looked_up = QuerySet.first

    def first_then_the_parallel_request(queryset):
        found = looked_up(queryset)
        if queryset.model is Subscriber and found is None:
            Subscriber.objects.create(
                email="soubeh@example.org", confirmation_sent_at=timezone.now()
            )
        return found

    monkeypatch.setattr(QuerySet, "first", first_then_the_parallel_request)
    response = subscribe(client, "soubeh@example.org")
    monkeypatch.undo()
    assert response.status_code == 302
    assert response["Location"] == subscribe(client, "jina@example.org")["Location"]
    assert Subscriber.objects.filter(email="soubeh@example.org").count() == 1
    # The parallel request has just sent its confirmation: this one sends nothing more.
    assert [m.to for m in mail.outbox] == [["jina@example.org"]]
