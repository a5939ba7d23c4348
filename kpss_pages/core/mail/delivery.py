"""Delivering the outbox: only the background worker (or ``send_queued_emails``) talks SMTP.

For every e-mail: a worker claims the row with a conditional UPDATE (pending → sending; only
one worker can win), sends it over the run's one SMTP connection and marks it sent as soon as
the server has accepted it. A failure puts it back to pending after a pause that doubles each
time, until ``KPSS_EMAIL_MAX_ATTEMPTS`` (then failed). A row left "sending" by a killed worker
is pending again after ``KPSS_EMAIL_RECLAIM_SECONDS``.

django-tasks-db never runs a task again whose worker was killed (it stays RUNNING), so every
run that has work first queues a follow-up run for when the reclaim timeout has passed; a
restarted worker runs it and finishes the job. Extra runs find nothing to do.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Min, Q
from django.utils import timezone
from django_tasks import task

from ..models import OutgoingEmail
from . import conf

logger = logging.getLogger(__name__)

State = OutgoingEmail.State

# Refusals of one message (its recipient, sender or content); other errors (connection
# refused, timeout, disconnected, authentication) concern the server, so the run stops.
MESSAGE_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    ValueError,
)


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    reclaimed: int = 0
    server_down_until: datetime | None = None


def reclaim_stale(now=None):
    """Put rows left "being sent" longer than the reclaim timeout back in the queue (or mark
    them failed when they used up their attempts). Returns how many were reclaimed."""
    now = now or timezone.now()
    stale = OutgoingEmail.objects.filter(
        state=State.SENDING, claimed_at__lt=now - conf.reclaim_after()
    )
    given_up = stale.filter(attempts__gte=conf.max_attempts()).update(
        state=State.FAILED, last_error="Interrupted while being sent (the worker stopped)."
    )
    again = stale.update(state=State.PENDING, next_attempt_at=now)
    if given_up or again:
        logger.warning("Outbox: %s interrupted e-mails queued again, %s failed.", again, given_up)
    return given_up + again


def claim_next():
    """Claim the next due row for this worker, or None when nothing is due."""
    due = OutgoingEmail.objects.filter(
        state=State.PENDING, next_attempt_at__lte=timezone.now()
    ).exclude(to="")
    while True:
        pk = due.order_by("bulk", "next_attempt_at", "pk").values_list("pk", flat=True).first()
        if pk is None:
            return None
        won = OutgoingEmail.objects.filter(pk=pk, state=State.PENDING).update(
            state=State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
        if won:
            return OutgoingEmail.objects.get(pk=pk)
        # another worker took it first: look again


def message_for(row, connection=None):
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email or None,
        to=[row.to],
        headers=row.headers,
        connection=connection,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    return message


def _mine(row):
    return OutgoingEmail.objects.filter(pk=row.pk, state=State.SENDING, claimed_at=row.claimed_at)


def _failed(row, exc, now):
    final = row.attempts >= conf.max_attempts()
    _mine(row).update(
        state=State.FAILED if final else State.PENDING,
        next_attempt_at=now + conf.retry_delay(row.attempts),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    logger.warning(
        "Outbox: %s e-mail %s failed (attempt %s%s): %s",
        row.kind,
        row.pk,
        row.attempts,
        ", giving up" if final else "",
        exc,
    )


def _close(connection):
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the connection is already broken
        pass


def deliver_due(limit=None):
    """Send every due e-mail (at most ``limit``); safe to run in several processes at once."""
    report = Report(reclaimed=reclaim_stale())
    connection = get_connection()
    try:
        while limit is None or report.sent + report.failed < limit:
            row = claim_next()
            if row is None:
                break
            try:
                connection.open()  # one connection for the whole run
                message_for(row, connection).send()
            except MESSAGE_ERRORS as exc:
                _failed(row, exc, timezone.now())
                report.failed += 1
            except Exception as exc:  # the server is unreachable: stop, try later
                now = timezone.now()
                _failed(row, exc, now)
                report.failed += 1
                report.server_down_until = now + conf.retry_delay(row.attempts)
                _close(connection)
                break
            else:
                # The server has accepted it: record that at once.
                OutgoingEmail.objects.filter(pk=row.pk).update(
                    state=State.SENT, sent_at=timezone.now(), last_error=""
                )
                report.sent += 1
    finally:
        _close(connection)
    if report.sent or report.failed:
        logger.info("Outbox: %s e-mails sent, %s failed.", report.sent, report.failed)
    return report


def next_run_at(report):
    """When the queue needs a worker again: the next retry or the reclaim of a row being
    sent now; None when nothing is waiting."""
    if report.server_down_until is not None:
        return report.server_down_until
    now = timezone.now()
    times = OutgoingEmail.objects.exclude(to="").aggregate(
        retry=Min("next_attempt_at", filter=Q(state=State.PENDING)),
        claimed=Min("claimed_at", filter=Q(state=State.SENDING)),
    )
    candidates = []
    if times["retry"] is not None:
        candidates.append(max(times["retry"], now))
    if times["claimed"] is not None:
        candidates.append(max(times["claimed"] + conf.reclaim_after(), now))
    return min(candidates) if candidates else None


def _outstanding():
    return (
        OutgoingEmail.objects.filter(state__in=[State.PENDING, State.SENDING])
        .exclude(to="")
        .exists()
    )


def _enqueue_at(when):
    try:
        deliver_emails.using(run_after=when).enqueue()
    except Exception:  # `send_queued_emails` from cron is the safety net
        logger.exception("Could not schedule the next delivery of e-mails")


@task()
def deliver_emails():
    defer = deliver_emails.get_backend().supports_defer
    if defer and _outstanding():
        # If this worker is killed, this run resumes the work after the reclaim timeout.
        _enqueue_at(timezone.now() + conf.reclaim_after())
    report = deliver_due()
    if defer:
        when = next_run_at(report)
        if when is not None:
            _enqueue_at(when)
    return {"sent": report.sent, "failed": report.failed, "reclaimed": report.reclaimed}
