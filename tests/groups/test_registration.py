"""Public registration: seats, waitlist, duplicates, deadline, bots, cancellation links."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kpss_pages.core.mail.delivery import deliver_emails
from kpss_pages.core.models import OutgoingEmail
from kpss_pages.groups import registration as registration_logic
from kpss_pages.groups.models import Registration

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(committed):
    def do(client, meeting, **overrides):
        return committed(_post, client, meeting, **overrides)

    return do


def _post(client, meeting, **overrides):
    data = {
        "name": "Eva Zvídavá",
        "email": "eva@example.org",
        "organisation": "",
        "note": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return client.post(meeting.url, data)


def cancel_link(message):
    return re.search(r"http://\S+/zrusit/\?t=\S+", message.body).group(0)


def test_registration_confirms_and_sends_email_with_cancel_link(client, meeting, post):
    response = post(client, meeting)
    assert response.status_code == 302
    assert response["Location"].endswith("?registrace=potvrzena#vysledek")
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email_status == Registration.EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["eva@example.org"]
    assert "Registrace potvrzena" in mail.outbox[0].subject
    assert "/zrusit/?t=" in mail.outbox[0].body
    page = client.get(response["Location"])
    assert "Jste přihlášeni" in page.content.decode()


def test_full_meeting_puts_people_on_waitlist_and_promotes_in_order(
    client, meeting, post, committed
):
    for n in range(4):
        post(client, meeting, email=f"p{n}@example.org", name=f"Osoba {n}")
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlist", "waitlist"]
    first = Registration.objects.get(email="p0@example.org")
    mail.outbox.clear()
    link = registration_logic.cancel_url(first)
    path, token = urlsplit(link).path, parse_qs(urlsplit(link).query)["t"][0]
    response = committed(client.post, path, {"t": token})
    assert "byla zrušena" in response.content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["p0@example.org"] == "cancelled"
    assert statuses["p2@example.org"] == "confirmed"  # first in the queue moved up
    assert statuses["p3@example.org"] == "waitlist"
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
    assert "uvolnilo" in mail.outbox[0].subject.lower() or "volné" in mail.outbox[0].subject.lower()


def test_cancel_link_get_asks_first_then_replay_and_tamper_do_nothing(client, meeting, post):
    post(client, meeting)
    link = cancel_link(mail.outbox[0]).replace("http://localhost", "")
    path, token = link.split("?t=")
    page = client.get(link)
    assert page.status_code == 200
    assert "Opravdu" in page.content.decode()
    assert Registration.objects.get().status == "confirmed"  # GET changes nothing
    client.post(path, {"t": token})
    assert Registration.objects.get().status == "cancelled"
    replay = client.post(path, {"t": token})
    assert "již byla zrušena" in replay.content.decode()
    tampered = client.post(path, {"t": token[:-2] + "xx"})
    assert tampered.status_code == 400
    assert "není platný" in tampered.content.decode()
    other = make_meeting(meeting.get_parent(), slug="jine")
    wrong_meeting = client.post(other.url + "zrusit/", {"t": token})
    assert wrong_meeting.status_code == 400


def test_duplicate_email_answers_as_a_new_registration_and_mails_the_truth(client, meeting, post):
    post(client, meeting, email="Eva@Example.org")
    response = post(client, meeting, email="eva@example.org ")
    assert response.status_code == 302
    assert response["Location"].endswith("?registrace=potvrzena#vysledek")
    assert Registration.objects.count() == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Registrace potvrzena",
        "Už jste přihlášeni",
    ]
    assert mail.outbox[1].to == ["eva@example.org"]


def test_form_keeps_input_and_links_errors(client, meeting, post):
    response = post(client, meeting, email="neni-email", consent="", name="Jan Novák")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Jan Novák"' in html
    assert 'value="neni-email"' in html
    assert "Zadejte platnou e-mailovou adresu" in html
    assert 'aria-describedby="id_email-errors id_email-help"' in html
    assert "Bez souhlasu vás nemůžeme přihlásit" in html
    assert not Registration.objects.exists()


def test_registration_closes_at_deadline(client, group, post):
    meeting = make_meeting(group, registration_deadline=timezone.now() - timedelta(minutes=1))
    response = post(client, meeting)
    assert response.status_code == 400
    assert "uzavřeno" in response.content.decode()
    assert not Registration.objects.exists()
    with pytest.raises(registration_logic.RegistrationError):
        registration_logic.register(meeting, name="X", email="x@example.org")


def test_closed_and_cancelled_meetings_have_no_form(client, group, post):
    closed = make_meeting(group, is_public=False, slug="zavrene")
    cancelled = make_meeting(group, cancelled=True, cancel_reason="nemoc", slug="zrusene")
    assert 'name="consent"' not in client.get(closed.url).content.decode()
    assert post(client, closed).status_code == 400
    assert post(client, cancelled).status_code == 400
    assert not Registration.objects.exists()


def test_honeypot_pretends_success_but_stores_nothing(client, meeting, post):
    response = post(client, meeting, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_rate_limit(client, meeting, post):
    from kpss_pages.core.public_forms import rate_limit

    limit = rate_limit("registration")[0]
    meeting.seat_limit = None
    meeting.save_revision().publish()
    for n in range(limit):
        assert post(client, meeting, email=f"r{n}@example.org").status_code == 302
    response = post(client, meeting, email="r99@example.org")
    assert response.status_code == 429
    assert "příliš mnoho formulářů" in response.content.decode()
    assert Registration.objects.count() == limit


def test_csrf_is_enforced(meeting, post):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, meeting).status_code == 403
    page = strict.get(meeting.url)
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_email_failure_keeps_registration_and_is_retried(
    client, meeting, settings, post, committed
):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    response = post(client, meeting)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.email_status == "pending"  # waiting for the next attempt
    email = OutgoingEmail.objects.get(registration=registration)
    assert email.kind == "registration_confirmed" and email.attempts == 1
    assert "SMTP down" in email.last_error
    assert email.next_attempt_at > timezone.now() + timedelta(minutes=4)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    committed(call_command, "send_queued_emails")
    registration = Registration.objects.get()
    assert registration.email_status == "sent"
    email.refresh_from_db()
    assert email.attempts == 2 and email.last_error == ""  # attempts, not successful sends
    assert [m.subject for m in mail.outbox] == [email.subject]


def test_resend_keeps_the_kind_of_each_failed_email(meeting, settings, committed):
    """A failed "meeting cancelled" notice is resent as that notice, not as a confirmation;
    failed membership-application e-mails are resent too."""
    from kpss_pages.groups import applications
    from kpss_pages.groups.models import MeetingPage, MembershipApplication

    committed(registration_logic.register, meeting, name="Olga", email="olga@example.org")
    application = MembershipApplication.objects.create(
        group=meeting.group, name="Petr", email="petr@example.org", category="user", motivation="x"
    )
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    settings.KPSS_EMAIL_MAX_ATTEMPTS = 1
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.cancelled, page.cancel_reason = True, "nemoc vedoucí skupiny"
    committed(page.save_revision().publish)
    committed(applications.decline, application)
    failed = OutgoingEmail.objects.filter(state="failed")
    assert sorted(failed.values_list("kind", flat=True)) == [
        "application_declined",
        "meeting_cancelled",
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    committed(call_command, "resend_registration_emails")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["olga@example.org"].startswith("Setkání je zrušeno")
    assert "nemoc vedoucí skupiny" in mail.outbox[0].body or "nemoc" in mail.outbox[1].body
    assert "Registrace potvrzena" not in subjects["olga@example.org"]
    assert subjects["petr@example.org"].startswith("Vaše přihláška")
    assert not OutgoingEmail.objects.exclude(state="sent").exists()


def test_purge_registrations_keeps_counts(group, settings):
    settings.KPSS_REGISTRATION_RETENTION_DAYS = 30
    old = make_meeting(group, start=timezone.now() - timedelta(days=40), slug="stare")
    recent = make_meeting(group, start=timezone.now() - timedelta(days=5), slug="nedavne")
    for meeting in (old, recent):
        for n in range(2):
            registration_logic.register(
                meeting, name=f"Jméno {n}", email=f"a{n}@example.org", staff=True
            )
    call_command("purge_registrations")
    assert old.registrations.count() == 2
    assert set(old.registrations.values_list("name", "email")) == {("", "")}
    assert old.registrations.filter(purged_at__isnull=False).count() == 2
    assert set(recent.registrations.values_list("name", flat=True)) == {"Jméno 0", "Jméno 1"}


def test_staff_can_register_after_deadline_and_without_email(group):
    meeting = make_meeting(group, registration_deadline=timezone.now() - timedelta(hours=1))
    registration = registration_logic.register(meeting, name="Přidaný ručně", email="", staff=True)
    assert registration.status == "confirmed"
    assert registration.email_status == "none"


def test_failed_send_is_retried_later_by_a_deferring_queue(meeting, settings, committed):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    registration = committed(
        registration_logic.register, meeting, name="Eva", email="eva@example.org"
    )
    assert mail.outbox == []  # the request only queued the delivery
    deliveries = DBTaskResult.objects.filter(task_path=deliver_emails.module_path)
    queued = deliveries.get()
    before = timezone.now()
    deliver_emails.call()  # what the worker runs
    email = OutgoingEmail.objects.get(registration=registration)
    assert email.state == "pending" and email.attempts == 1
    retry_at = before + timedelta(minutes=5)
    assert email.next_attempt_at >= retry_at
    later = deliveries.exclude(pk=queued.pk).order_by("run_after")
    assert later.count() == 2  # the retry, and the follow-up that survives a killed worker
    assert later[0].run_after >= retry_at


def test_cancelling_a_meeting_emails_the_registrants_once(meeting, committed):
    from kpss_pages.groups.models import MeetingPage

    for n in range(3):
        committed(registration_logic.register, meeting, name=f"O{n}", email=f"o{n}@example.org")
    committed(
        registration_logic.cancel,
        meeting,
        registration_logic.make_cancel_token(Registration.objects.get(email="o0@example.org")),
    )
    mail.outbox.clear()
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.cancelled, page.cancel_reason = True, "nemoc vedoucí skupiny"
    committed(page.save_revision().publish)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["o1@example.org", "o2@example.org"]  # o2 was promoted, o0 left
    assert "Setkání je zrušeno" in mail.outbox[0].subject
    assert "nemoc vedoucí skupiny" in mail.outbox[0].body
    mail.outbox.clear()
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.agenda = "<p>jiný program</p>"
    committed(page.save_revision().publish)
    assert mail.outbox == []


@pytest.mark.parametrize(
    "how",
    ["update_fields", "update_fields_without_start", "plain_save"],
)
def test_cancelling_a_meeting_notifies_however_it_is_saved(meeting, committed, how):
    """The notice is a save side effect (a signal handler), not tied to one save path: a
    script saving only ``cancelled`` used to notify nobody."""
    from kpss_pages.groups.models import MeetingPage

    committed(registration_logic.register, meeting, name="Olga", email="olga@example.org")
    mail.outbox.clear()
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.cancelled, page.cancel_reason = True, "porucha topení"
    if how == "update_fields":
        committed(page.save, update_fields=["cancelled", "cancel_reason"])
    elif how == "update_fields_without_start":
        committed(page.save, update_fields=["cancelled"])
    else:
        committed(page.save)
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    assert "Setkání je zrušeno" in mail.outbox[0].subject
    stored = MeetingPage.objects.get(pk=meeting.pk)
    assert stored.cancelled
    assert stored.sequence == meeting.sequence + 1  # calendars see the cancellation too
    mail.outbox.clear()
    committed(page.save, update_fields=["cancelled"])  # saved again: nothing new
    assert mail.outbox == []


def test_saving_other_fields_of_a_cancelled_meeting_sends_nothing(meeting, committed):
    from kpss_pages.groups.models import MeetingPage

    committed(registration_logic.register, meeting, name="Olga", email="olga@example.org")
    MeetingPage.objects.filter(pk=meeting.pk).update(cancelled=True, cancel_reason="x")
    mail.outbox.clear()
    page = MeetingPage.objects.get(pk=meeting.pk)
    page.room = "Zasedací místnost"
    committed(page.save, update_fields=["room"])
    assert mail.outbox == []
