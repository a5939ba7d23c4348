import email
import email.policy
import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page

from kpss_pages.core.mail.delivery import deliver_due
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news import sending
from kpss_pages.news.models import (
    ArticlePageLink,
    NewsletterIssueArticle,
    NewsletterIssuePage,
    Subscriber,
)
from tests.factories import UserFactory, add_page, make_content_page
from tests.mail_backends import FlakyBackend

State = OutgoingEmail.State


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


def run_worker_until_idle(rounds=10):
    """The worker's runs, with the pauses between retries skipped."""
    for _ in range(rounds):
        OutgoingEmail.objects.filter(state=State.PENDING).update(next_attempt_at=timezone.now())
        deliver_due()
        if not OutgoingEmail.objects.filter(state=State.PENDING).exists():
            return


@pytest.fixture
def issue_setup(db, news_index, article_factory, seniors):
    article = article_factory("Setkání seniorů", groups=[seniors])
    issue = make_issue(news_index, articles=[article])
    return issue, article


@pytest.mark.django_db
def test_goes_to_confirmed_subscribers_whose_topics_match(issue_setup, seniors, home, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kpss.example"
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
    assert "https://kpss.example/aktuality/setkani-senioru/" in message.body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html" and "Setkání seniorů" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://kpss.example/odber/odhlasit/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"].endswith("@kpss.example>")
    assert "https://kpss.example/odber/nastaveni/" in message.body
    issue.refresh_from_db()
    assert issue.sent_at is not None
    assert issue.delivery_stats()["sent"] == 3
    rows = sending.issue_emails(issue)
    assert set(rows.values_list("kind", "bulk")) == {("newsletter_issue", True)}


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


@pytest.mark.django_db
def test_failures_are_logged_retried_and_bounded(issue_setup, settings, caplog):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    settings.KPSS_EMAIL_MAX_ATTEMPTS = 3
    issue, _ = issue_setup
    confirmed("jednou@example.org")
    confirmed("vzdy@example.org")
    confirmed("ok@example.org")
    FlakyBackend.failures = {"jednou@example.org": 1, "vzdy@example.org": 99}
    sending.queue_issue(issue.pk)
    run_worker_until_idle()
    assert sorted(m.to[0] for m in mail.outbox) == ["jednou@example.org", "ok@example.org"]
    rows = sending.issue_emails(issue)
    failed = rows.get(to="vzdy@example.org")
    assert failed.state == State.FAILED and failed.attempts == 3
    assert "mailbox busy" in failed.last_error
    assert rows.get(to="jednou@example.org").attempts == 2
    assert rows.get(to="ok@example.org").attempts == 1
    assert "giving up" in caplog.text
    stats = issue.delivery_stats()
    assert (stats["sent"], stats["failed"], stats["remaining"]) == (2, 1, 0)


@pytest.mark.django_db
def test_unsubscribing_before_the_worker_sends_cancels_the_email(issue_setup):
    issue, _ = issue_setup
    leaving = confirmed("odchazi@example.org")
    confirmed("zustava@example.org")
    sending.queue_issue(issue.pk)
    leaving.delete()  # the one-click unsubscription
    deliver_due()
    assert [m.to[0] for m in mail.outbox] == ["zustava@example.org"]
    cancelled = sending.issue_emails(issue).get(state=State.CANCELLED)
    assert cancelled.to == "" and cancelled.body == "" and cancelled.headers == {}
    assert issue.delivery_stats()["cancelled"] == 1


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
    explorer = client.get(f"/admin/pages/{issue.get_parent().pk}/").content.decode()
    assert status_url in explorer  # "Rozeslat / průběh" in the issue's menu
    text = client.get(f"/admin/zpravodaj/{issue.pk}/nahled/text/")
    assert text["Content-Type"].startswith("text/plain")
    assert "Setkání seniorů" in text.content.decode()
    html = client.get(f"/admin/zpravodaj/{issue.pk}/nahled/html/").content.decode()
    assert "<h1" in html and "Úvod čísla." in html
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/admin/zpravodaj/{issue.pk}/odeslat/")
    assert response.status_code == 302
    assert mail.outbox == [] and len(callbacks) == 1  # queued, nothing sent yet
    assert 'data-stat="preparing"' in client.get(status_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the worker runs the task (ImmediateBackend)
    assert len(mail.outbox) == 1
    page = client.get(status_url).content.decode()
    assert 'data-stat="sent">1<' in page and 'data-stat="remaining">0<' in page
    assert 'data-stat="preparing"' not in page
    editor = UserFactory(username="bezprav")
    client.force_login(editor)
    assert client.get(f"/admin/zpravodaj/{issue.pk}/nahled/html/").status_code in (302, 403)
    assert client.post(f"/admin/zpravodaj/{issue.pk}/odeslat/").status_code in (302, 403)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_admin_resumes_a_stuck_send(
    client, issue_setup, settings, django_capture_on_commit_callbacks
):
    """A worker killed mid-send left one e-mail "being sent" and the rest waiting; the
    status screen says so and resumes it, instead of "already being sent" and no way on."""
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 600
    issue, _ = issue_setup
    for n in range(4):
        confirmed(f"s{n}@example.org")
    sending.queue_issue(issue.pk)
    rows = sending.issue_emails(issue).order_by("pk")
    long_ago = timezone.now() - timedelta(hours=1)
    rows.filter(pk=rows[0].pk).update(state=State.SENT, sent_at=long_ago, claimed_at=long_ago)
    rows.filter(pk=rows[1].pk).update(state=State.SENDING, claimed_at=long_ago, attempts=1)
    rows.filter(state=State.PENDING).update(next_attempt_at=long_ago)
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(send_requested_at=long_ago)
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    status_url = f"/admin/zpravodaj/{issue.pk}/"
    sent_again = client.post(f"/admin/zpravodaj/{issue.pk}/odeslat/", follow=True)
    page = sent_again.content.decode()
    assert "Toto číslo se už rozesílá" in page
    assert "3 e-maily uvízly" in page and "Pokračovat v rozesílání" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/zpravodaj/{issue.pk}/pokracovat/", follow=True)
    assert "3 e-maily jsou znovu zařazeny" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [f"s{n}@example.org" for n in (1, 2, 3)]
    page = client.get(status_url).content.decode()
    assert 'data-stat="sent">4<' in page and "Pokračovat v rozesílání" not in page


@pytest.mark.django_db
def test_preparation_survives_a_killed_worker(issue_setup, settings):
    """The task that renders the issue into the outbox first queues its own follow-up: a
    worker killed while rendering never re-runs its task, the follow-up does the rest."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 600
    issue, _ = issue_setup
    for n in range(3):
        confirmed(f"p{n}@example.org")
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(send_requested_at=timezone.now())

    class Killed(BaseException):
        pass

    original = sending._queue_chunk

    def killed(rows):
        raise Killed

    sending._queue_chunk = killed
    try:
        with pytest.raises(Killed):
            sending.queue_issue_task.call(issue.pk)
    finally:
        sending._queue_chunk = original
    follow_up = DBTaskResult.objects.get(task_path=sending.queue_issue_task.module_path)
    assert follow_up.run_after > timezone.now() + timedelta(minutes=9)
    assert not sending.issue_emails(issue).exists()
    sending.queue_issue_task.call(issue.pk)  # the follow-up, run by the restarted worker
    assert sending.issue_emails(issue).count() == 3
    issue.refresh_from_db()
    assert not sending.is_preparing(issue)
    assert sending.queue_issue_task.call(issue.pk) == 0  # a later extra run: nothing to do


class SlowBackend(FlakyBackend):
    def send_messages(self, messages):
        import time

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


def _recreate_root():
    """Another app's transactional test may have flushed the database (root page and locale
    gone); put back what Wagtail's migrations create, so this test does not depend on order."""
    from django.conf import settings as django_settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    ContentType.objects.clear_cache()  # ids changed when the flush recreated them
    Locale.objects.get_or_create(language_code=django_settings.LANGUAGE_CODE)
    return Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Data committed for real (threads use their own connections), removed afterwards.

    Not Django's transactional test case: its flush would empty the shared test database
    that the browser tests load the demo into."""
    from kpss_pages.news.models import NewsIndexPage

    created = {}
    with django_db_blocker.unblock():
        root = Page.get_first_root_node() or _recreate_root()
        slug = f"souběh-{uuid.uuid4().hex[:8]}"
        created["index"] = root.add_child(
            instance=NewsIndexPage(title="Aktuality (souběh)", slug=slug)
        )
        created["domain"] = f"{slug}.example"
        try:
            yield created
        finally:
            OutgoingEmail.objects.filter(to__endswith="@" + created["domain"]).delete()
            Subscriber.objects.filter(email__endswith="@" + created["domain"]).delete()
            Page.objects.get(pk=created["index"].pk).delete()


@pytest.mark.postgres
def test_two_concurrent_workers_send_each_email_once(committed, settings):
    from tests.news.conftest import make_article

    settings.EMAIL_BACKEND = "tests.news.test_sending.SlowBackend"
    FlakyBackend.failures = {}
    index, domain = committed["index"], committed["domain"]
    issue = make_issue(index, articles=[make_article(index, "Souběh")])
    emails = [f"s{i}@{domain}" for i in range(12)]
    for address in emails:
        confirmed(address)
    sending.queue_issue(issue.pk)
    errors = []
    threads = [_run_in_thread(deliver_due, errors) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)
    assert sending.issue_emails(issue).filter(state=State.SENT).count() == 12


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

    connections = []

    class CountingController(Controller):
        def factory(self):
            connections.append(1)
            return super().factory()

    port = _free_port()
    controller = CountingController(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.WAGTAILADMIN_BASE_URL = "https://kpss.example"
        issue, _ = issue_setup
        for n in range(3):
            confirmed(f"smtp{n}@example.org")
        connections.clear()  # the controller's own readiness check
        assert sending.send_issue(issue.pk) == 3
    finally:
        controller.stop()
    assert len(connections) == 1  # one SMTP connection for the whole run
    assert sorted(env.rcpt_tos[0] for env in received) == [
        "smtp0@example.org",
        "smtp1@example.org",
        "smtp2@example.org",
    ]
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
    assert sending.issue_emails(issue).filter(state=State.SENT).count() == 3


@pytest.mark.django_db
def test_worker_with_a_deferring_queue_retries_failures_later(issue_setup, settings):
    from django_tasks_db.models import DBTaskResult

    from kpss_pages.core.mail.delivery import deliver_emails

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    settings.KPSS_EMAIL_RETRY_SECONDS = 600
    issue, _ = issue_setup
    confirmed("pozdeji@example.org")
    confirmed("hned@example.org")
    FlakyBackend.failures = {"pozdeji@example.org": 1}
    sending.queue_issue(issue.pk)
    deliver_emails.call()  # what the worker runs
    assert [m.to[0] for m in mail.outbox] == ["hned@example.org"]
    runs = DBTaskResult.objects.filter(task_path=deliver_emails.module_path)
    retry = runs.order_by("run_after").first()
    assert retry.run_after > timezone.now() + timedelta(minutes=9)
    sending.issue_emails(issue).update(next_attempt_at=timezone.now())  # ten minutes later
    deliver_emails.call()  # the deferred run
    assert sorted(m.to[0] for m in mail.outbox) == ["hned@example.org", "pozdeji@example.org"]
    before = runs.count()
    deliver_emails.call()  # an extra run: nothing waits, nothing more is scheduled
    assert runs.count() == before


@pytest.mark.django_db
def test_admin_test_send_goes_to_one_address_and_does_not_send_the_issue(
    client, news_index, article_factory, seniors, django_capture_on_commit_callbacks
):
    """A test copy (even of an unpublished issue) goes through the outbox to one address,
    as its own kind: the issue is not marked sent and its progress counts nothing."""
    article = article_factory("Setkání seniorů", groups=[seniors])
    issue = make_issue(news_index, articles=[article], publish=False)
    confirmed("odberatel@example.org", groups=[seniors])
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    status_url = f"/admin/zpravodaj/{issue.pk}/"
    assert "Odeslat zkušební e-mail" in client.get(status_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/zpravodaj/{issue.pk}/zkouska/", {"to": "redakce@example.org"}, follow=True
        )
    assert "Zkušební e-mail je zařazen k odeslání na redakce@example.org" in (
        response.content.decode()
    )
    run_worker_until_idle()
    assert [m.to for m in mail.outbox] == [["redakce@example.org"]]
    assert mail.outbox[0].subject.startswith("[Zkouška] Zpravodaj 1/2026")
    assert "Setkání seniorů" in mail.outbox[0].body
    row = OutgoingEmail.objects.get()
    assert row.kind == OutgoingEmail.Kind.NEWSLETTER_TEST and row.state == State.SENT
    issue.refresh_from_db()
    assert issue.sent_at is None and issue.send_requested_at is None
    assert issue.delivery_stats()["total"] == 0
    # A second test is a new e-mail, not swallowed by deduplication.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/zpravodaj/{issue.pk}/zkouska/", {"to": "redakce@example.org"})
    run_worker_until_idle()
    assert len(mail.outbox) == 2
    bad = client.post(f"/admin/zpravodaj/{issue.pk}/zkouska/", {"to": "neni adresa"}, follow=True)
    assert "Zadejte platnou e-mailovou adresu" in bad.content.decode()
    assert OutgoingEmail.objects.count() == 2
    client.force_login(UserFactory(username="bezprav"))
    denied = client.post(f"/admin/zpravodaj/{issue.pk}/zkouska/", {"to": "x@example.org"})
    assert denied.status_code in (302, 403) and OutgoingEmail.objects.count() == 2


@pytest.mark.django_db
def test_admin_schedules_changes_and_cancels_a_send_in_prague_time(
    client, issue_setup, django_capture_on_commit_callbacks
):
    issue, _ = issue_setup
    confirmed("a@example.org")
    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    url = f"/admin/zpravodaj/{issue.pk}/naplanovat/"
    past = client.post(url, {"when": "2001-01-01T09:00"}, follow=True).content.decode()
    assert "Zvolte čas v budoucnosti" in past
    response = client.post(url, {"when": "2030-06-01T09:00"}, follow=True)
    assert "Číslo bude rozesláno 1. 6. 2030, 9:00" in response.content.decode()
    issue.refresh_from_db()
    assert issue.send_scheduled_at == datetime(2030, 6, 1, 7, 0, tzinfo=UTC)  # CEST
    page = client.get(f"/admin/zpravodaj/{issue.pk}/").content.decode()
    assert "Naplánováno na 1. 6. 2030, 9:00" in page and "Zrušit naplánované" in page
    assert sending.start_due_sends() == 0  # not yet
    client.post(url, {"when": "10. 12. 2030 18:30"})
    issue.refresh_from_db()
    assert issue.send_scheduled_at == datetime(2030, 12, 10, 17, 30, tzinfo=UTC)  # CET
    client.post(url, {"cancel": "1"})
    issue.refresh_from_db()
    assert issue.send_scheduled_at is None
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(send_scheduled_at=None)
    assert sending.start_due_sends() == 0 and mail.outbox == []
    client.force_login(UserFactory(username="bezprav"))
    assert client.post(url, {"when": "2030-06-01T09:00"}).status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.send_scheduled_at is None


@pytest.mark.django_db
def test_scheduled_send_runs_once_when_due_and_not_after_change_or_cancel(
    issue_setup, settings, django_capture_on_commit_callbacks
):
    """The deferred task of a changed or cancelled schedule does nothing; the due one starts
    the send once; the cron safety net and a repeated task send nobody a second copy."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    issue, _ = issue_setup
    for n in range(3):
        confirmed(f"p{n}@example.org")
    first = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        sending.schedule_send(issue, first)
    task = DBTaskResult.objects.get(task_path=sending.scheduled_send_task.module_path)
    assert task.run_after == first
    later = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        sending.schedule_send(issue, later)
    assert (
        DBTaskResult.objects.filter(task_path=sending.scheduled_send_task.module_path).count() == 2
    )
    # The first task's time comes: the schedule now says later, nothing starts.
    assert sending.scheduled_send_task.call(issue.pk) == 0
    issue.refresh_from_db()
    assert issue.send_requested_at is None and issue.send_scheduled_at == later
    # Time passes; the later task runs (the queue task is run here directly).
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(
        send_scheduled_at=timezone.now() - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=False):
        assert sending.scheduled_send_task.call(issue.pk) == 1
    issue.refresh_from_db()
    assert issue.send_scheduled_at is None and sending.is_preparing(issue)
    sending.queue_issue_task.call(issue.pk)
    run_worker_until_idle()
    assert len(mail.outbox) == 3
    assert sending.scheduled_send_task.call(issue.pk) == 0
    from django.core.management import call_command

    call_command("send_scheduled_newsletters")
    assert sending.queue_issue(issue.pk) == 0
    run_worker_until_idle()
    assert len(mail.outbox) == 3
    # Cancelled before its time: the task finds no schedule.
    with django_capture_on_commit_callbacks(execute=True):
        sending.schedule_send(issue, timezone.now() + timedelta(hours=1))
        sending.schedule_send(issue, None)
    assert sending.scheduled_send_task.call(issue.pk) == 0
