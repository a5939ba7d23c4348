"""End to end on PostgreSQL: a real ``manage.py db_worker`` (production settings) sends a
newsletter issue to 300 subscribers through a real SMTP server (aiosmtpd); the worker is
killed with SIGKILL in the middle and started again. Every subscriber gets the issue
exactly once: nothing is lost, nothing is sent twice.

The data is committed (transactional test) so the worker process, which gets the test
database's name through DATABASE_URL, sees it.
"""

import collections
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news import sending
from kpss_pages.news.models import Subscriber
from tests.news.conftest import make_article
from tests.news.test_sending import make_issue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 300
RECLAIM_SECONDS = 3
State = OutgoingEmail.State


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """aiosmtpd in a thread; records every accepted message and calls ``on_mail_from`` with
    the number accepted so far each time a client starts a new message."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received = []
        self.on_mail_from = None
        self.port = _free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.on_mail_from is not None:
            self.on_mail_from(len(self.received))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.rcpt_tos[0])
        self.last_content = envelope.content
        return "250 OK"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class Worker:
    """``manage.py db_worker`` in its own process, with production settings."""

    def __init__(self, smtp_port, log_dir):
        db = connection.settings_dict
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kpss_site.settings.production",
            "SECRET_KEY": "e2e-" + "k" * 60,
            "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            "BASE_URL": "https://kpss.example.cz",
            "ALLOWED_HOSTS": "kpss.example.cz",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "1",
            "KPSS_EMAIL_RECLAIM_SECONDS": str(RECLAIM_SECONDS),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("REDIS_URL", None)
        self.log_dir = log_dir
        self.process = None
        self.runs = 0

    def start(self):
        self.runs += 1
        log = open(self.log_dir / f"worker-{self.runs}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1"]
            + ["--no-startup-delay", "--no-reload"],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill()

    def logs(self):
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.iterdir()))


@pytest.fixture
def issue(home, settings):
    from wagtail.models import Site

    from kpss_pages.news.models import NewsIndexPage
    from tests.factories import add_page

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The site's record agrees with the worker's BASE_URL, as the README's set-up has it.
    Site.objects.filter(is_default_site=True).update(hostname="kpss.example.cz", port=443)
    index = add_page(home, NewsIndexPage, title="Aktuality", slug="aktuality")
    issue = make_issue(index, articles=[make_article(index, "Setkání seniorů")])
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"odberatel{n:03d}@example.org", confirmed_at=now)
        for n in range(SUBSCRIBERS)
    )
    return issue


@pytest.fixture
def worker_and_smtp(tmp_path):
    with SmtpServer() as smtp:
        worker = Worker(smtp.port, tmp_path)
        try:
            yield worker, smtp
        finally:
            worker.stop()


def wait_for(condition, worker, timeout=90, what=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}\n{worker.logs()[-4000:]}")


def states(issue):
    counts = collections.Counter(sending.issue_emails(issue).values_list("state", flat=True))
    return {state: counts.get(state, 0) for state in State.values}


def all_sent(issue):
    return states(issue)[State.SENT] == SUBSCRIBERS


def assert_each_subscriber_got_one(smtp, allowed_duplicates=0):
    counts = collections.Counter(smtp.received)
    expected = {f"odberatel{n:03d}@example.org" for n in range(SUBSCRIBERS)}
    assert expected - set(counts) == set(), "lost"
    assert set(counts) - expected == set()
    duplicates = {address: n for address, n in counts.items() if n > 1}
    assert len(duplicates) <= allowed_duplicates, duplicates
    assert all(n == 2 for n in duplicates.values())


def test_worker_killed_mid_send_and_restarted_sends_each_email_exactly_once(issue, worker_and_smtp):
    """Killed when message 101 starts: message 100 was accepted by the server and recorded,
    101 is claimed but not sent. The restarted worker must reclaim 101 after the timeout."""
    worker, smtp = worker_and_smtp
    kill_after = 100
    killed = threading.Event()

    def kill_at(accepted):
        if accepted == kill_after and not killed.is_set():
            worker.kill()
            killed.set()

    smtp.on_mail_from = kill_at
    sending.request_send(issue)  # what "Rozeslat" does; autocommit: the task is queued now
    worker.start()
    wait_for(killed.is_set, worker, what="the 101st message")
    assert smtp.received.__len__() == kill_after
    at_kill = states(issue)
    assert at_kill[State.SENT] == kill_after
    assert at_kill[State.SENDING] == 1  # claimed, never sent: only a reclaim can finish it
    assert at_kill[State.PENDING] == SUBSCRIBERS - kill_after - 1
    interrupted = sending.issue_emails(issue).get(state=State.SENDING)

    smtp.on_mail_from = None
    worker.start()
    wait_for(lambda: all_sent(issue), worker, what="every e-mail sent after the restart")
    assert_each_subscriber_got_one(smtp)
    assert len(smtp.received) == SUBSCRIBERS
    interrupted.refresh_from_db()
    assert interrupted.attempts == 2 and interrupted.state == State.SENT
    issue.refresh_from_db()
    assert issue.sent_at is not None and not sending.is_preparing(issue)
    # Rendered by the worker under production settings: links from BASE_URL.
    assert b"https://kpss.example.cz/odber/odhlasit/" in smtp.last_content


def test_worker_killed_at_arbitrary_moments_loses_nothing(issue, worker_and_smtp):
    """Killed once while the issue is being rendered into the outbox, then once at a random
    instant of the sending. Nothing is lost; a message can go twice only if the kill falls
    between the server's acceptance and the database write (documented in the README)."""
    worker, smtp = worker_and_smtp
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    sending.request_send(issue)
    worker.start()
    rows = sending.issue_emails(issue)
    wait_for(rows.exists, worker, what="the first rendered e-mails")
    worker.kill()
    prepared_at_kill = rows.count()

    kill_after = rng.randrange(20, SUBSCRIBERS - 20)
    killed = threading.Event()

    def kill_soon(accepted):
        if accepted == kill_after and not killed.is_set():
            killed.set()
            threading.Timer(rng.uniform(0, 0.02), worker.kill).start()

    smtp.on_mail_from = kill_soon
    worker.start()
    wait_for(killed.is_set, worker, what=f"message {kill_after} (seed {seed})")
    wait_for(lambda: worker.process.poll() is not None, worker, what="the kill")
    smtp.on_mail_from = None
    worker.start()
    wait_for(lambda: all_sent(issue), worker, what=f"every e-mail sent (seed {seed})")
    time.sleep(0.5)  # a duplicate would arrive now
    assert_each_subscriber_got_one(smtp, allowed_duplicates=1)
    assert prepared_at_kill <= SUBSCRIBERS and rows.count() == SUBSCRIBERS
