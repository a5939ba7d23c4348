"""Sending a newsletter issue: one claimed Delivery row per subscriber, never two e-mails.

The order for every address is: the (issue, subscriber) row exists (unique constraint),
a worker claims it with a conditional UPDATE (pending → sending; only one worker can win),
sends, then marks it sent. A failure reported by the mail server puts the row back to
pending until ``NEWS_SEND_MAX_ATTEMPTS`` is reached (then failed). A row left in "sending"
by a crash is never re-sent automatically: the admin shows it, since the e-mail may have left.
"""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .emails import build_issue_message
from .models import Delivery, NewsletterIssuePage

logger = logging.getLogger(__name__)


def create_deliveries(issue):
    """A pending row for every matching confirmed subscriber without one; returns the count."""
    existing = set(issue.deliveries.values_list("subscriber_id", flat=True))
    created = 0
    for subscriber_id in issue.matching_subscribers().values_list("pk", flat=True):
        if subscriber_id in existing:
            continue
        try:
            with transaction.atomic():
                Delivery.objects.create(issue=issue, subscriber_id=subscriber_id)
            created += 1
        except IntegrityError:  # another sender created it first
            pass
    return created


def claim(delivery_id):
    """True when this worker won the delivery (pending → sending)."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING,
            attempts=F("attempts") + 1,
            claimed_at=timezone.now(),
        )
    )


def deliver(delivery_id, connection):
    if not claim(delivery_id):
        return None
    delivery = Delivery.objects.select_related("issue", "subscriber").get(pk=delivery_id)
    if delivery.subscriber is None:  # unsubscribed meanwhile
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.FAILED, last_error="unsubscribed"
        )
        return False
    issue = delivery.issue.specific
    try:
        message = build_issue_message(issue, delivery.subscriber, connection=connection)
        message.send()
    except Exception as exc:  # the mail server or the network refused: retry later
        try:
            connection.close()  # the next message opens a fresh connection
        except Exception:  # noqa: BLE001 - already broken
            pass
        final = delivery.attempts >= settings.NEWS_SEND_MAX_ATTEMPTS
        logger.warning(
            "Newsletter %s to subscriber %s failed (attempt %s%s): %s",
            issue.pk,
            delivery.subscriber_id,
            delivery.attempts,
            ", giving up" if final else "",
            exc,
        )
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.FAILED if final else Delivery.Status.PENDING,
            last_error=str(exc)[:1000],
        )
        return False
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def send_issue(issue_id):
    """Send an issue to every matching subscriber not served yet. Safe to run concurrently
    and to repeat; returns the number of e-mails sent by this call."""
    issue = NewsletterIssuePage.objects.get(pk=issue_id)
    if not issue.live:
        logger.warning("Newsletter %s is not published; not sent.", issue_id)
        return 0
    issue.freeze_articles()
    create_deliveries(issue)
    sent = 0
    connection = get_connection()
    try:
        for _round in range(settings.NEWS_SEND_MAX_ATTEMPTS):
            pending = list(
                issue.deliveries.filter(status=Delivery.Status.PENDING)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if not pending:
                break
            for delivery_id in pending:
                if deliver(delivery_id, connection):
                    sent += 1
    finally:
        connection.close()
    if not issue.deliveries.filter(status=Delivery.Status.PENDING).exists():
        NewsletterIssuePage.objects.filter(pk=issue.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    logger.info("Newsletter %s: %s e-mails sent.", issue_id, sent)
    return sent


@task()
def send_issue_task(issue_id):
    return send_issue(issue_id)


def request_send(issue):
    """Called from the admin: mark the request and enqueue; never sends in the request."""
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(send_requested_at=timezone.now())
    issue.freeze_articles()
    transaction.on_commit(lambda: send_issue_task.enqueue(issue.pk))
