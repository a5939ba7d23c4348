"""The outbox: queuing with deduplication, claiming, back-off, reclaiming after a crash."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.core.management import call_command
from django.utils import timezone

from kpss_pages.core.mail import forget, queue_email, resume
from kpss_pages.core.mail.delivery import claim_next, deliver_due, reclaim_stale
from kpss_pages.core.mail.queue import stuck
from kpss_pages.core.models import OutgoingEmail
from tests.mail_backends import FlakyBackend

pytestmark = pytest.mark.django_db

Kind = OutgoingEmail.Kind
State = OutgoingEmail.State


def queue(to="eva@example.org", key=None, kind=Kind.REGISTRATION_CONFIRMED, **extra):
    return queue_email(
        kind=kind,
        to=to,
        subject=extra.pop("subject", "Registrace potvrzena"),
        body=extra.pop("body", "Dobrý den,\n"),
        key=key or f"test:{to}:{kind}",
        **extra,
    )


@pytest.fixture(autouse=True)
def _reset_backends():
    FlakyBackend.failures = {}
    FlakyBackend.server_errors = 0


def test_the_same_logical_email_is_queued_once():
    first = queue(key="registration:1:confirmed")
    again = queue(key="registration:1:confirmed", subject="Jiný předmět")
    assert again.pk == first.pk and again.subject == "Registrace potvrzena"
    assert OutgoingEmail.objects.count() == 1
    assert queue(to="  ") is None  # no recipient, nothing queued


def test_the_message_is_stored_as_it_will_leave(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kpss.example.cz"
    settings.DEFAULT_FROM_EMAIL = "kpss@mesto.example"
    row = queue(
        subject="Řádek\r\nBcc: podvrh@example.org",
        html="<p>Dobrý den</p>",
        headers={"List-Unsubscribe": "<https://kpss.example.cz/odber/odhlasit/x/>"},
    )
    assert row.subject == "Řádek Bcc: podvrh@example.org"  # one line: no header injection
    assert row.from_email == "kpss@mesto.example" and row.state == State.PENDING
    assert row.headers["Message-ID"].endswith("@kpss.example.cz>")
    assert not row.bulk
    deliver_due()
    (message,) = mail.outbox
    assert message.subject == row.subject and message.from_email == "kpss@mesto.example"
    assert message.alternatives == [("<p>Dobrý den</p>", "text/html")]
    assert message.extra_headers["Message-ID"] == row.headers["Message-ID"]
    assert message.extra_headers["List-Unsubscribe"] == row.headers["List-Unsubscribe"]
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 1 and row.sent_at is not None


def test_newsletter_rows_are_bulk_and_wait_behind_personal_emails():
    newsletter = queue(to="a@example.org", kind=Kind.NEWSLETTER_ISSUE)
    personal = queue(to="b@example.org", kind=Kind.SUBSCRIPTION_CONFIRM)
    assert newsletter.bulk and not personal.bulk
    assert claim_next().pk == personal.pk
    assert claim_next().pk == newsletter.pk
    assert claim_next() is None


def test_only_one_worker_wins_a_claim():
    row = queue()
    won = claim_next()
    assert won.pk == row.pk and won.state == State.SENDING and won.attempts == 1
    assert claim_next() is None  # a second worker finds nothing to claim
    lost = OutgoingEmail.objects.filter(pk=row.pk, state=State.PENDING).update(state=State.SENDING)
    assert lost == 0  # the conditional UPDATE another worker would run


def test_failure_backs_off_doubling_then_gives_up(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    settings.KPSS_EMAIL_MAX_ATTEMPTS = 3
    settings.KPSS_EMAIL_RETRY_SECONDS = 300
    FlakyBackend.failures = {"eva@example.org": 99}
    row = queue()
    pauses = []
    for _attempt in range(3):
        started = timezone.now()
        deliver_due()
        row.refresh_from_db()
        pauses.append(round((row.next_attempt_at - started).total_seconds() / 60))
        if row.state == State.PENDING:
            assert deliver_due().failed == 0  # not due yet: nothing is attempted
            OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert pauses[:2] == [5, 10]
    assert row.state == State.FAILED and row.attempts == 3
    assert "SMTPRecipientsRefused" in row.last_error and "mailbox busy" in row.last_error


def test_an_unreachable_server_stops_the_run_and_spares_the_other_rows(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    FlakyBackend.server_errors = 1
    first, second, third = (queue(to=f"p{n}@example.org") for n in range(3))
    report = deliver_due()
    assert report.failed == 1 and report.sent == 0 and report.server_down_until is not None
    states = dict(OutgoingEmail.objects.values_list("pk", "attempts"))
    assert states == {first.pk: 1, second.pk: 0, third.pk: 0}
    assert deliver_due().sent == 2  # the other two go out at once on the next run


def test_a_refused_recipient_does_not_stop_the_others(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    FlakyBackend.failures = {"spatna@example.org": 1}
    queue(to="spatna@example.org")
    queue(to="dobra@example.org")
    report = deliver_due()
    assert (report.sent, report.failed) == (1, 1)
    assert [m.to for m in mail.outbox] == [["dobra@example.org"]]


def test_rows_left_sending_by_a_killed_worker_are_reclaimed_after_the_timeout(settings):
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 600
    settings.KPSS_EMAIL_MAX_ATTEMPTS = 3
    now = timezone.now()
    fresh = queue(to="fresh@example.org")
    stale = queue(to="stale@example.org")
    spent = queue(to="spent@example.org")
    OutgoingEmail.objects.filter(pk=fresh.pk).update(
        state=State.SENDING, claimed_at=now - timedelta(minutes=5), attempts=1
    )
    OutgoingEmail.objects.filter(pk=stale.pk).update(
        state=State.SENDING, claimed_at=now - timedelta(minutes=11), attempts=1
    )
    OutgoingEmail.objects.filter(pk=spent.pk).update(
        state=State.SENDING, claimed_at=now - timedelta(minutes=11), attempts=3
    )
    assert reclaim_stale() == 2
    state = dict(OutgoingEmail.objects.values_list("to", "state"))
    assert state == {
        "fresh@example.org": State.SENDING,  # perhaps still being sent by a live worker
        "stale@example.org": State.PENDING,
        "spent@example.org": State.FAILED,  # an e-mail that keeps killing workers stops
    }
    deliver_due()
    assert [m.to for m in mail.outbox] == [["stale@example.org"]]
    assert OutgoingEmail.objects.get(pk=stale.pk).attempts == 2


def test_stuck_and_resume(settings):
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 600
    long_ago = timezone.now() - timedelta(hours=1)
    failed, interrupted, waiting, later = (queue(to=f"r{n}@example.org") for n in range(4))
    OutgoingEmail.objects.filter(pk=failed.pk).update(state=State.FAILED, attempts=6)
    OutgoingEmail.objects.filter(pk=interrupted.pk).update(state=State.SENDING, claimed_at=long_ago)
    OutgoingEmail.objects.filter(pk=waiting.pk).update(next_attempt_at=long_ago)
    OutgoingEmail.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=20)
    )
    assert set(stuck().values_list("pk", flat=True)) == {failed.pk, interrupted.pk, waiting.pk}
    assert resume() == 4  # failed, interrupted, waiting, and the one in its back-off
    deliver_due()
    assert len(mail.outbox) == 4
    assert OutgoingEmail.objects.get(pk=failed.pk).attempts == 7  # counts every attempt


def test_forget_removes_personal_data_and_cancels_what_was_not_sent():
    sent = queue(to="sent@example.org")
    deliver_due()
    waiting = queue(to="waiting@example.org", headers={"List-Unsubscribe": "<x>"})
    forget(OutgoingEmail.objects.filter(pk__in=[sent.pk, waiting.pk]))
    rows = {row.pk: row for row in OutgoingEmail.objects.all()}
    assert rows[sent.pk].state == State.SENT and rows[waiting.pk].state == State.CANCELLED
    assert {(r.to, r.body, r.html, str(r.headers)) for r in rows.values()} == {("", "", "", "{}")}
    assert resume() == 0 and deliver_due().sent == 0


def test_purging_registrations_forgets_their_emails(meeting):
    from kpss_pages.groups import registration as registration_logic
    from kpss_pages.groups.models import MeetingPage

    registration = registration_logic.register(
        meeting, name="Olga", email="olga@example.org", staff=True
    )
    deliver_due()
    MeetingPage.objects.filter(pk=meeting.pk).update(
        start=timezone.now() - timedelta(days=60), end=timezone.now() - timedelta(days=60)
    )
    call_command("purge_registrations", stdout=None)
    (row,) = OutgoingEmail.objects.filter(registration=registration)
    assert (row.kind, row.state, row.to, row.body) == ("registration_confirmed", "sent", "", "")


def test_send_queued_emails_command(capsys):
    queue(to="cron@example.org")
    call_command("send_queued_emails")
    assert [m.to for m in mail.outbox] == [["cron@example.org"]]
    assert "Odesláno: 1" in capsys.readouterr().out


def test_a_reclaim_timeout_shorter_than_a_send_is_reported(settings):
    settings.EMAIL_TIMEOUT = 30
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 600
    assert not [m for m in run_checks() if m.id == "kpss_core.W001"]
    settings.KPSS_EMAIL_RECLAIM_SECONDS = 45
    assert [m.id for m in run_checks() if m.id == "kpss_core.W001"] == ["kpss_core.W001"]
