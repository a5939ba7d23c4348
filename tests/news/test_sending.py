import email
import email.policy
import socket
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from kpss_pages.news import sending
from kpss_pages.news.models import (
    ArticlePageLink,
    Delivery,
    NewsletterIssueArticle,
    NewsletterIssuePage,
    Subscriber,
)
from tests.factories import UserFactory, add_page, make_content_page


def confirmed(email, **fields):
    groups = fields.pop("groups", ())
    pages = fields.pop("pages", ())
    sub = Subscriber.objects.create(email=email, confirmed_at=timezone.now(), **fields)
    sub.target_groups.set(groups)
    sub.working_groups.set(pages)
    return sub


def make_issue(news_index, title="Zpravodaj 1/2026", articles=(), publish=True):
    from django.utils.text import slugify

    issue = add_page(
        news_index,
        NewsletterIssuePage,
        title=title,
        slug=slugify(title),
        intro="<p>Úvod čísla.</p>",
        publish=publish,
    )
    for order, article in enumerate(articles):
        NewsletterIssueArticle.objects.create(issue=issue, article=article, sort_order=order)
    return issue


@pytest.fixture
def issue_setup(db, news_index, article_factory, seniors):
    article = article_factory("Setkání seniorů", groups=[seniors])
    issue = make_issue(news_index, articles=[article])
    return issue, article


@pytest.mark.django_db
def test_goes_to_confirmed_subscribers_whose_topics_match(issue_setup, seniors, home, settings):
    settings.NEWS_BASE_URL = "https://kpss.example"
    issue, article = issue_setup
    from catalog.models import TargetGroup

    families = TargetGroup.objects.get_or_create(
        slug="rodiny-s-detmi", defaults={"name": "Rodiny s dětmi"}
    )[0]
    group_page = make_content_page(home, title="Pracovní skupina Senioři")
    ArticlePageLink.objects.create(article=article, page=group_page)
    confirmed("vse@example.org")
    confirmed("seniori@example.org", all_news=False, groups=[seniors])
    confirmed("skupina@example.org", all_news=False, pages=[group_page])
    confirmed("rodiny@example.org", all_news=False, groups=[families])
    Subscriber.objects.create(email="nepotvrzeny@example.org")
    assert sending.send_issue(issue.pk) == 3
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["seniori@example.org", "skupina@example.org", "vse@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Zpravodaj 1/2026"
    assert "Setkání seniorů" in message.body and "Úvod čísla." in message.body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html" and "Setkání seniorů" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://kpss.example/odber/odhlasit/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://kpss.example/odber/nastaveni/" in message.body
    issue.refresh_from_db()
    assert issue.sent_at is not None
    assert issue.delivery_stats()["sent"] == 3


@pytest.mark.django_db
def test_sending_twice_never_duplicates(issue_setup):
    issue, _ = issue_setup
    confirmed("a@example.org")
    confirmed("b@example.org")
    sending.send_issue(issue.pk)
    sending.send_issue(issue.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    # A new subscriber gets the issue on the next run; the others do not get it again.
    confirmed("c@example.org")
    assert sending.send_issue(issue.pk) == 1
    assert len(mail.outbox) == 3


class FlakyBackend(LocmemBackend):
    failures = {}

    def send_messages(self, messages):
        for message in messages:
            left = FlakyBackend.failures.get(message.to[0], 0)
            if left:
                FlakyBackend.failures[message.to[0]] = left - 1
                raise ConnectionError("SMTP server unavailable")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_failures_are_logged_retried_and_bounded(issue_setup, settings, caplog):
    settings.EMAIL_BACKEND = "tests.news.test_sending.FlakyBackend"
    settings.NEWS_SEND_MAX_ATTEMPTS = 3
    issue, _ = issue_setup
    confirmed("jednou@example.org")
    confirmed("vzdy@example.org")
    confirmed("ok@example.org")
    FlakyBackend.failures = {"jednou@example.org": 1, "vzdy@example.org": 99}
    sending.send_issue(issue.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["jednou@example.org", "ok@example.org"]
    failed = Delivery.objects.get(subscriber__email="vzdy@example.org")
    assert failed.status == Delivery.Status.FAILED and failed.attempts == 3
    assert "SMTP server unavailable" in failed.last_error
    assert Delivery.objects.get(subscriber__email="jednou@example.org").attempts == 2
    assert "giving up" in caplog.text
    stats = issue.delivery_stats()
    assert (stats["sent"], stats["failed"], stats["remaining"]) == (2, 1, 0)


@pytest.mark.django_db
def test_claimed_row_left_by_a_crash_is_not_sent_again(issue_setup):
    issue, _ = issue_setup
    sub = confirmed("rozpracovany@example.org")
    Delivery.objects.create(issue=issue, subscriber=sub, status=Delivery.Status.SENDING, attempts=1)
    sending.send_issue(issue.pk)
    assert mail.outbox == []


@pytest.mark.django_db
def test_unpublished_issue_is_not_sent(news_index, article_factory):
    issue = make_issue(news_index, articles=[article_factory("Článek")], publish=False)
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(live=False)
    confirmed("a@example.org")
    assert sending.send_issue(issue.pk) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_default_articles_are_those_published_since_last_sent_issue(news_index, article_factory):
    old = article_factory("Starý článek")
    first = make_issue(news_index, title="Číslo 1")
    assert [a.title for a in first.articles()] == ["Starý článek"]
    confirmed("a@example.org")
    sending.send_issue(first.pk)
    first.refresh_from_db()
    new = article_factory("Nový článek")
    second = make_issue(news_index, title="Číslo 2")
    assert [a.pk for a in second.articles()] == [new.pk]
    # The sent issue keeps its frozen list.
    assert [a.pk for a in first.articles()] == [old.pk]


@pytest.mark.django_db
def test_web_version_archive_and_email_preview(client, issue_setup, news_index):
    issue, article = issue_setup
    confirmed("a@example.org")
    sending.send_issue(issue.pk)
    issue.refresh_from_db()
    html = client.get(issue.url).content.decode()
    assert "Setkání seniorů" in html and "Úvod čísla." in html
    archive = client.get("/aktuality/zpravodaj/").content.decode()
    assert "Zpravodaj 1/2026" in archive
    request = RequestFactory().get("/")
    text = issue.serve_preview(request, "email_text")
    assert text["Content-Type"].startswith("text/plain")
    assert "Setkání seniorů" in text.content.decode()
    html_preview = issue.serve_preview(request, "email_html").content.decode()
    assert "<h1" in html_preview and "Setkání seniorů" in html_preview


@pytest.mark.django_db
def test_admin_send_enqueues_and_never_sends_in_the_request(
    client, issue_setup, django_capture_on_commit_callbacks
):
    issue, _ = issue_setup
    confirmed("a@example.org")
    admin = UserFactory(username="spravce", is_superuser=True, is_staff=True)
    client.force_login(admin)
    status_url = f"/admin/zpravodaj/{issue.pk}/"
    assert "Rozeslat číslo" in client.get(status_url).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/admin/zpravodaj/{issue.pk}/odeslat/")
    assert response.status_code == 302
    assert mail.outbox == [] and len(callbacks) == 1  # queued, nothing sent yet
    callbacks[0]()  # the worker runs the task (ImmediateBackend)
    assert len(mail.outbox) == 1
    page = client.get(status_url).content.decode()
    assert 'data-stat="sent">1<' in page and 'data-stat="remaining">0<' in page
    editor = UserFactory(username="bezprav")
    client.force_login(editor)
    assert client.post(f"/admin/zpravodaj/{issue.pk}/odeslat/").status_code in (302, 403)
    assert len(mail.outbox) == 1


class SlowBackend(LocmemBackend):
    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


def _run_in_thread(fn, errors):
    def target():
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
        finally:
            connection.close()

    return threading.Thread(target=target)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_senders_send_each_email_once(home, settings):
    from kpss_pages.news.models import NewsIndexPage
    from tests.news.conftest import make_article

    settings.EMAIL_BACKEND = "tests.news.test_sending.SlowBackend"
    index = add_page(home, NewsIndexPage, title="Aktuality", slug="aktuality")
    issue = make_issue(index, articles=[make_article(index, "Souběh")])
    for i in range(12):
        confirmed(f"s{i}@example.org")
    errors = []
    threads = [_run_in_thread(lambda: sending.send_issue(issue.pk), errors) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(f"s{i}@example.org" for i in range(12))
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 12


class Crash(BaseException):
    """Stands for the worker process being killed."""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_interrupted_send_resumed_delivers_exactly_once(home, monkeypatch):
    from kpss_pages.news.models import NewsIndexPage
    from tests.news.conftest import make_article

    index = add_page(home, NewsIndexPage, title="Aktuality", slug="aktuality")
    issue = make_issue(index, articles=[make_article(index, "Přerušení")])
    for i in range(6):
        confirmed(f"p{i}@example.org")
    real_deliver = sending.deliver
    done = []

    def crashing_deliver(delivery_id, conn):
        if len(done) == 3:
            raise Crash
        result = real_deliver(delivery_id, conn)
        done.append(delivery_id)
        return result

    monkeypatch.setattr(sending, "deliver", crashing_deliver)
    errors = []
    worker = _run_in_thread(lambda: sending.send_issue(issue.pk), errors)
    worker.start()
    worker.join()
    assert len(errors) == 1 and isinstance(errors[0], Crash)
    assert len(mail.outbox) == 3
    issue.refresh_from_db()
    assert issue.sent_at is None
    monkeypatch.setattr(sending, "deliver", real_deliver)
    # The retry (a second worker, then a double click) completes without duplicates.
    threads = [_run_in_thread(lambda: sending.send_issue(issue.pk), errors) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{i}@example.org" for i in range(6))
    issue.refresh_from_db()
    assert issue.sent_at is not None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db
def test_real_smtp_delivery_to_a_local_server(issue_setup, settings):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    port = _free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.NEWS_BASE_URL = "https://kpss.example"
        issue, _ = issue_setup
        confirmed("smtp1@example.org")
        confirmed("smtp2@example.org")
        assert sending.send_issue(issue.pk) == 2
    finally:
        controller.stop()
    assert sorted(env.rcpt_tos[0] for env in received) == ["smtp1@example.org", "smtp2@example.org"]
    message = email.message_from_bytes(received[0].content, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    types = [part.get_content_type() for part in message.get_payload()]
    assert types == ["text/plain", "text/html"]
    assert (
        str(message["List-Unsubscribe"]).strip().startswith("<https://kpss.example/odber/odhlasit/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Setkání seniorů" in text
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
