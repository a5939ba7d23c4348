"""A request that causes an e-mail never talks to the mail server: with the server down it
answers as usual and the e-mail waits in the outbox; a stalled server does not delay it."""

import socket
import threading
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import TestCase

from kpss_pages.core.models import OutgoingEmail
from kpss_pages.news.models import Subscriber
from tests.mail_backends import DownBackend

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # the forms' rate limits


def subscribe(client, email="obcan@example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/odber/", {"email": email, "all_news": "on", "consent": "on"})


def register(client, meeting):
    data = {"name": "Eva Zvídavá", "email": "eva@example.org", "consent": "on", "website": ""}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(meeting.url, data)


def test_subscription_with_the_mail_server_down_answers_normally(client, home, settings):
    """The worker runs in the test process here (immediate queue) and fails: the request
    still answers with the usual page and the confirmation waits for its next attempt."""
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    response = subscribe(client)
    assert response.status_code == 302 and response["Location"] == "/odber/odeslano/"
    assert Subscriber.objects.filter(email="obcan@example.org").exists()
    email = OutgoingEmail.objects.get()
    assert (email.kind, email.state, email.attempts) == ("subscription_confirm", "pending", 1)
    assert "SMTP down" in email.last_error
    assert client.get(response["Location"]).status_code == 200


def test_with_the_production_queue_the_request_only_queues(client, home, meeting, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    DownBackend.calls = 0
    assert subscribe(client).status_code == 302
    assert register(client, meeting).status_code == 302
    assert DownBackend.calls == 0  # nobody tried to reach the mail server
    assert set(OutgoingEmail.objects.values_list("kind", "state", "attempts")) == {
        ("subscription_confirm", "pending", 0),
        ("registration_confirmed", "pending", 0),
    }
    assert mail.outbox == []


@pytest.fixture
def stalled_smtp_server():
    """Accepts connections and never says a word (a hung mail server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_stalled_mail_server_does_not_delay_the_request(
    client, home, meeting, settings, stalled_smtp_server
):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", stalled_smtp_server
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    for send in (lambda: subscribe(client), lambda: register(client, meeting)):
        started = time.monotonic()
        response = send()
        elapsed = time.monotonic() - started
        assert response.status_code == 302
        assert elapsed < 2, f"the request waited {elapsed:.1f} s"
    assert OutgoingEmail.objects.filter(state="pending").count() == 2
